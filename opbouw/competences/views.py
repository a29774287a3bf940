"""Pages of the competences module: frameworks, rounds, assessments and results."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.access.actor import actor_from
from opbouw.access.decorators import login_required, role_required
from opbouw.access.request import AuthedHttpRequest
from opbouw.access.roles import Role
from opbouw.competences import exports, frameworks, scopes, selectors, services
from opbouw.competences.forms import ImportForm, NormsForm, PeerForm, RatingsForm, RoundForm
from opbouw.core.exports import export_response
from opbouw.core.forms import add_service_errors, error_text
from opbouw.organisations import scopes as org_scopes

STATS_ROLES = (Role.ANALYST, Role.MANAGER)
MODULE_ROLES = (Role.WORKER, Role.COACH, Role.MANAGER, Role.ANALYST)


@role_required(*MODULE_ROLES)
def index(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    return render(request, "competences/index.html", {
        "tasks": selectors.my_tasks(principal).filter(round__state="open", state="open"),
        "rounds": selectors.round_list(principal)[:10],
        "is_worker": principal.has_role(Role.WORKER),
        "can_stats": principal.has_role(*STATS_ROLES),
        "can_open": principal.has_role(*STATS_ROLES),
        "can_manage_frameworks": scopes.can_manage_frameworks(principal),
    })


# Frameworks -------------------------------------------------------------------------------

@login_required
def framework_list(request: AuthedHttpRequest) -> HttpResponse:
    return render(request, "competences/framework_list.html", {
        "frameworks": selectors.framework_list(request.principal),
        "can_manage": scopes.can_manage_frameworks(request.principal),
    })


@login_required
def framework_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    framework = selectors.framework_get(request.principal, pk)
    norms = selectors.norm_table(framework)
    return render(request, "competences/framework_detail.html", {
        "framework": framework, "norms": norms, "levels": (1, 2, 3, 4),
        "can_manage": scopes.can_manage_frameworks(request.principal),
    })


@role_required(Role.ANALYST)
def framework_norms(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    framework = selectors.framework_get(request.principal, pk)
    competencies = list(framework.competencies.order_by("order"))
    scale = [s.value for s in framework.scale.all()]
    norms = selectors.norm_table(framework)
    error = None
    if request.method == "POST":
        form = NormsForm(request.POST, competencies=competencies)
        for (comp_pk, level), value in form.expected().items():
            norms.setdefault(comp_pk, {})[level] = value  # show what was posted
        if not form.is_valid():
            error = " ".join(str(message) for message in form.non_field_errors())
        else:
            try:
                changed = frameworks.norms_update(framework=framework, expected=form.expected(),
                                                  actor=actor_from(request))
            except ValidationError as exc:
                error = error_text(exc)
            else:
                messages.success(request, _("Normen opgeslagen (%(n)s gewijzigd).")
                                 % {"n": changed})
                return redirect("competences:framework", pk=framework.pk)
    return render(request, "competences/framework_norms.html", {
        "framework": framework, "competencies": competencies, "scale": scale, "norms": norms,
        "levels": (1, 2, 3, 4), "error": error,
    }, status=400 if error else 200)


@role_required(Role.ANALYST)
def framework_import(request: AuthedHttpRequest) -> HttpResponse:
    result = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name, text = form.cleaned_data["file"]
        importer = (frameworks.framework_import_json if name.lower().endswith(".json")
                    else frameworks.framework_import_csv)
        result = importer(text=text, actor=actor_from(request))
        if result.ok:
            assert result.framework is not None  # an import without errors made one
            messages.success(request, _("Kader %(f)s geïmporteerd.") % {"f": result.framework})
            return redirect("competences:framework", pk=result.framework.pk)
    return render(request, "competences/framework_import.html", {"form": form,
                                                                  "result": result})


@role_required(Role.ANALYST)
def framework_export(request: AuthedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    framework = selectors.framework_get(request.principal, pk)
    fmt = "json" if fmt == "json" else "csv"
    body = (frameworks.framework_to_json(framework) if fmt == "json"
            else frameworks.framework_to_csv(framework))
    filename = f"kader-{framework.pk}-{slugify(framework.version) or 'versie'}.{fmt}"
    return export_response(request=request, body=body, fmt=fmt, filename=filename,
                           detail=fmt, obj=framework)


# Rounds -----------------------------------------------------------------------------------

@role_required(*MODULE_ROLES)
def round_list(request: AuthedHttpRequest) -> HttpResponse:
    return render(request, "competences/round_list.html", {
        "rounds": selectors.round_list(request.principal),
        "can_open": request.principal.has_role(*STATS_ROLES),
    })


@role_required(*STATS_ROLES)
def round_create(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    organisations = org_scopes.organisations(principal).filter(kind="provider")
    if not principal.has_role(Role.ANALYST):
        organisations = organisations.filter(pk__in=principal.org_ids(Role.MANAGER))
    form = RoundForm(request.POST or None, frameworks=selectors.framework_list(principal)
                     .filter(is_active=True), organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not scopes.can_open_round(principal, {o.pk for o in data["organisations"]}):
            raise PermissionDenied
        try:
            new = services.round_open(actor=actor_from(request), **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Ronde %(name)s geopend.") % {"name": new.name})
            return redirect("competences:round", pk=new.pk)
    return render(request, "competences/round_form.html", {"form": form})


@role_required(*MODULE_ROLES)
def round_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    assessment_round = selectors.round_get(principal, pk)
    own = scopes.assessments(principal).filter(round=assessment_round,
                                               worker_id=principal.user_id).first()
    colleagues = None
    if own is not None and assessment_round.is_open:
        colleagues = org_scopes.worker_profiles(principal).filter(
            organisation_id=own.organisation_id).exclude(user_id=principal.user_id)
    return render(request, "competences/round_detail.html", {
        "round": assessment_round,
        "tasks": selectors.my_tasks(principal, assessment_round),
        "progress": selectors.round_progress(principal, assessment_round),
        "own": own,
        "peer_form": PeerForm(colleagues=_colleague_users(colleagues)) if colleagues is not None
        else None,
        "can_manage": scopes.can_manage_round(principal, assessment_round),
        "can_stats": principal.has_role(*STATS_ROLES),
    })


def _colleague_users(profiles):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk__in=profiles.values("user_id")).order_by(
        "last_name", "first_name")


@require_POST
@login_required
def round_close(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    assessment_round = selectors.round_get(request.principal, pk)
    if not scopes.can_manage_round(request.principal, assessment_round):
        raise PermissionDenied
    try:
        services.round_close(actor=actor_from(request), assessment_round=assessment_round)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("De ronde is gesloten; alles is nu alleen-lezen."))
    return redirect("competences:round", pk=pk)


@require_POST
@role_required(Role.WORKER)
def peer_invite(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    assessment_round = selectors.round_get(principal, pk)
    colleagues = org_scopes.worker_profiles(principal).exclude(user_id=principal.user_id)
    form = PeerForm(request.POST, colleagues=_colleague_users(colleagues))
    if form.is_valid():
        try:
            services.peer_invite(actor=actor_from(request), assessment_round=assessment_round,
                                 peer=form.cleaned_data["peer"])
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("%(peer)s is uitgenodigd om u te beoordelen.")
                             % {"peer": form.cleaned_data["peer"]})
    else:
        messages.error(request, error_text(form))
    return redirect("competences:round", pk=pk)


# Assessments ------------------------------------------------------------------------------

@role_required(*MODULE_ROLES)
def assessment_fill(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    assessment = selectors.assessment_get(principal, pk)
    if not scopes.can_rate(principal, assessment):
        raise PermissionDenied
    framework = assessment.round.framework
    competencies = list(framework.competencies.select_related("theme").prefetch_related(
        "indicators").order_by("order"))
    scale = list(framework.scale.all())
    existing = {r.competency_id: r for r in assessment.ratings.all()}
    errors: dict[str, list[str]] = {}
    values: dict[int, tuple[int | None, str]] = {
        c.pk: ((existing[c.pk].value, existing[c.pk].evidence) if c.pk in existing
               else (None, "")) for c in competencies}
    if request.method == "POST" and not assessment.is_editable:
        messages.error(request, _("Niet opgeslagen: deze beoordeling kan niet meer veranderen."))
        return redirect("competences:assessment", pk=assessment.pk)
    confirm_errors: list[str] = []
    confirmed = False
    if request.method == "POST":
        form = RatingsForm(request.POST, competencies=competencies)
        submit = form.confirmed_submit  # the only thing the form refuses: no tick
        values = form.values()  # the service judges the values
        try:
            services.assessment_save(actor=actor_from(request), assessment=assessment,
                                     values=values, submit=submit)
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        else:
            if submit:
                messages.success(request, _("Ingediend. Dank u wel!"))
                return redirect("competences:round", pk=assessment.round_id)
            if not form.submit:
                messages.success(request, _("Tussentijds opgeslagen."))
                return redirect("competences:assessment", pk=assessment.pk)
        # Indienen without the tick: the choices are kept as a draft, nothing is final yet.
        confirm_errors = [str(e) for e in form.errors.get("bevestigen", [])]
        confirmed = bool(form.cleaned_data.get("bevestigen"))
    beside = selectors.self_ratings_beside(principal, assessment)
    rows: list[dict[str, Any]] = [
        {"competency": c, "value": values[c.pk][0], "evidence": values[c.pk][1],
         "errors": errors.get(c.code, []),
         "self": beside["ratings"].get(c.pk) if beside else None} for c in competencies]
    return render(request, "competences/assessment_form.html", {
        "assessment": assessment, "rows": rows, "scale": scale, "beside": beside,
        "form_errors": errors.get("", []) + errors.get("__all__", []),
        "error_count": sum(1 for r in rows if r["errors"]),
        "first_error": next((r["competency"].code for r in rows if r["errors"]), ""),
        "confirm_errors": confirm_errors, "confirmed": confirmed,
        "editable": assessment.is_editable,
    }, status=400 if errors or confirm_errors else 200)


# Results ----------------------------------------------------------------------------------

@role_required(*MODULE_ROLES)
def worker_result(request: AuthedHttpRequest, pk: int, worker_id: int) -> HttpResponse:
    principal = request.principal
    assessment_round = selectors.round_get(principal, pk)
    result = selectors.worker_result(principal, assessment_round, worker_id)
    return render(request, "competences/worker_result.html", {
        "round": assessment_round, **result,
        "chart_width": 100 / max(result["max_level"], 1),
    })


@role_required(*STATS_ROLES)
def heat_map(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    assessment_round = selectors.round_get(principal, pk)
    return render(request, "competences/heat_map.html", {
        "round": assessment_round,
        "map": selectors.heat_map(principal, assessment_round),
        "lagging": selectors.lagging_competencies(principal, assessment_round),
    })


@role_required(*STATS_ROLES)
def round_compare(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    later = selectors.round_get(principal, pk)
    try:
        earlier = selectors.round_get(principal, int(request.GET.get("met", "")))
    except ValueError:
        earlier = None
    return render(request, "competences/round_compare.html", {
        "round": later, "earlier": earlier,
        "rows": selectors.round_change(principal, earlier, later) if earlier else [],
        "other_rounds": selectors.round_list(principal).exclude(pk=pk),
    })


@role_required(*STATS_ROLES)
def training_plan(request: AuthedHttpRequest, pk: int, fmt: str = "html") -> HttpResponse:
    principal = request.principal
    assessment_round = selectors.round_get(principal, pk)
    plan = selectors.joint_training_plan(principal, assessment_round)
    if fmt == "html":
        return render(request, "competences/training_plan.html", {"round": assessment_round,
                                                                   **plan})
    fmt = "xlsx" if fmt == "xlsx" else "pdf"
    body = (exports.training_plan_xlsx(assessment_round, plan) if fmt == "xlsx"
            else exports.training_plan_pdf(assessment_round, plan))
    return export_response(request=request, body=body, fmt=fmt,
                           filename=f"opleidingsplan-ronde-{assessment_round.pk}.{fmt}",
                           detail=f"opleidingsplan {fmt}", obj=assessment_round)

