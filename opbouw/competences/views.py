"""Pages of the competences module: frameworks, rounds, assessments and results."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.access import scopes
from opbouw.access.decorators import login_required, role_required
from opbouw.access.roles import Role
from opbouw.competences import exports, frameworks, selectors, services
from opbouw.competences.forms import ImportForm, PeerForm, RoundForm
from opbouw.core.audit import Action, audit_record
from opbouw.core.forms import add_service_errors, error_text
from opbouw.core.text import clean_multiline, parse_int, query_text

STATS_ROLES = (Role.ANALYST, Role.MANAGER)
MODULE_ROLES = (Role.WORKER, Role.COACH, Role.MANAGER, Role.ANALYST)


@role_required(*MODULE_ROLES)
def index(request: HttpRequest) -> HttpResponse:
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
def framework_list(request: HttpRequest) -> HttpResponse:
    return render(request, "competences/framework_list.html", {
        "frameworks": selectors.framework_list(request.principal),
        "can_manage": scopes.can_manage_frameworks(request.principal),
    })


@login_required
def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    framework = selectors.framework_get(request.principal, pk)
    norms = selectors.norm_table(framework)
    return render(request, "competences/framework_detail.html", {
        "framework": framework, "norms": norms, "levels": (1, 2, 3, 4),
        "can_manage": scopes.can_manage_frameworks(request.principal),
    })


@role_required(Role.ANALYST)
def framework_norms(request: HttpRequest, pk: int) -> HttpResponse:
    framework = selectors.framework_get(request.principal, pk)
    competencies = list(framework.competencies.order_by("order"))
    scale = [s.value for s in framework.scale.all()]
    norms = selectors.norm_table(framework)
    error = None
    if request.method == "POST":
        expected, missing = {}, []
        for comp in competencies:
            for level in (1, 2, 3, 4):
                value = parse_int(query_text(request.POST, f"norm-{comp.pk}-{level}", 3))
                if value is not None:
                    expected[(comp.pk, level)] = value
                    norms.setdefault(comp.pk, {})[level] = value  # show what was posted
                else:
                    missing.append(f"{comp.code} SCW {level}")
        if missing:
            error = _("Kies een niveau bij: %(cells)s.") % {"cells": ", ".join(missing)}
        else:
            try:
                changed = frameworks.norms_update(framework=framework, expected=expected,
                                                  actor=request.user, request=request)
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
def framework_import(request: HttpRequest) -> HttpResponse:
    result = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name, text = form.cleaned_data["file"]
        importer = (frameworks.framework_import_json if name.lower().endswith(".json")
                    else frameworks.framework_import_csv)
        result = importer(text=text, actor=request.user, request=request)
        if result.ok:
            messages.success(request, _("Kader %(f)s geïmporteerd.") % {"f": result.framework})
            return redirect("competences:framework", pk=result.framework.pk)
    return render(request, "competences/framework_import.html", {"form": form,
                                                                  "result": result})


@role_required(Role.ANALYST)
def framework_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    framework = selectors.framework_get(request.principal, pk)
    if fmt == "json":
        body, content_type = frameworks.framework_to_json(framework), "application/json"
    else:
        body, content_type = frameworks.framework_to_csv(framework), "text/csv"
    audit_record(action=Action.EXPORT, actor=request.user, obj=framework, request=request,
                 detail=fmt)
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    filename = f"kader-{framework.pk}-{slugify(framework.version) or 'versie'}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# Rounds -----------------------------------------------------------------------------------

@role_required(*MODULE_ROLES)
def round_list(request: HttpRequest) -> HttpResponse:
    return render(request, "competences/round_list.html", {
        "rounds": selectors.round_list(request.principal),
        "can_open": request.principal.has_role(*STATS_ROLES),
    })


@role_required(*STATS_ROLES)
def round_create(request: HttpRequest) -> HttpResponse:
    principal = request.principal
    organisations = scopes.organisations(principal).filter(kind="provider")
    if not principal.has_role(Role.ANALYST):
        organisations = organisations.filter(pk__in=principal.org_ids(Role.MANAGER))
    form = RoundForm(request.POST or None, frameworks=selectors.framework_list(principal)
                     .filter(is_active=True), organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not scopes.can_open_round(principal, {o.pk for o in data["organisations"]}):
            raise PermissionDenied
        try:
            new = services.round_open(actor=request.user, request=request, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Ronde %(name)s geopend.") % {"name": new.name})
            return redirect("competences:round", pk=new.pk)
    return render(request, "competences/round_form.html", {"form": form})


@role_required(*MODULE_ROLES)
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    assessment_round = selectors.round_get(principal, pk)
    own = scopes.assessments(principal).filter(round=assessment_round,
                                               worker_id=principal.user_id).first()
    colleagues = None
    if own is not None and assessment_round.is_open:
        colleagues = scopes.worker_profiles(principal).filter(
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
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    assessment_round = selectors.round_get(request.principal, pk)
    if not scopes.can_manage_round(request.principal, assessment_round):
        raise PermissionDenied
    try:
        services.round_close(actor=request.user, assessment_round=assessment_round,
                             request=request)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("De ronde is gesloten; alles is nu alleen-lezen."))
    return redirect("competences:round", pk=pk)


@require_POST
@role_required(Role.WORKER)
def peer_invite(request: HttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    assessment_round = selectors.round_get(principal, pk)
    colleagues = scopes.worker_profiles(principal).exclude(user_id=principal.user_id)
    form = PeerForm(request.POST, colleagues=_colleague_users(colleagues))
    if form.is_valid():
        try:
            services.peer_invite(actor=request.user, assessment_round=assessment_round,
                                 peer=form.cleaned_data["peer"], request=request)
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
def assessment_fill(request: HttpRequest, pk: int) -> HttpResponse:
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
    values = {c.pk: ((existing[c.pk].value, existing[c.pk].evidence) if c.pk in existing
                     else (None, "")) for c in competencies}
    if request.method == "POST" and not assessment.is_editable:
        messages.error(request, _("Niet opgeslagen: deze beoordeling kan niet meer veranderen."))
        return redirect("competences:assessment", pk=assessment.pk)
    if request.method == "POST":
        for comp in competencies:
            raw = request.POST.get(f"waarde-{comp.pk}", "")
            evidence = clean_multiline(request.POST.get(f"onderbouwing-{comp.pk}", ""), 2000)
            try:
                value = int(raw) if raw else None
            except ValueError:
                value = -1  # refused by the service with a field message
            values[comp.pk] = (value, evidence)
        submit = "indienen" in request.POST
        try:
            services.assessment_save(actor=request.user, assessment=assessment, values=values,
                                     submit=submit, request=request)
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        else:
            if submit:
                messages.success(request, _("Ingediend. Dank u wel!"))
                return redirect("competences:round", pk=assessment.round_id)
            messages.success(request, _("Tussentijds opgeslagen."))
            return redirect("competences:assessment", pk=assessment.pk)
    rows = [{"competency": c, "value": values[c.pk][0], "evidence": values[c.pk][1],
             "errors": errors.get(c.code, [])} for c in competencies]
    return render(request, "competences/assessment_form.html", {
        "assessment": assessment, "rows": rows, "scale": scale,
        "form_errors": errors.get("", []) + errors.get("__all__", []),
        "error_count": sum(1 for r in rows if r["errors"]),
        "first_error": next((r["competency"].code for r in rows if r["errors"]), ""),
        "editable": assessment.is_editable,
    }, status=400 if errors else 200)


# Results ----------------------------------------------------------------------------------

@role_required(*MODULE_ROLES)
def worker_result(request: HttpRequest, pk: int, worker_id: int) -> HttpResponse:
    principal = request.principal
    assessment_round = selectors.round_get(principal, pk)
    result = selectors.worker_result(principal, assessment_round, worker_id)
    return render(request, "competences/worker_result.html", {
        "round": assessment_round, **result,
        "chart_width": 100 / max(result["max_level"], 1),
    })


@role_required(*STATS_ROLES)
def heat_map(request: HttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    assessment_round = selectors.round_get(principal, pk)
    return render(request, "competences/heat_map.html", {
        "round": assessment_round,
        "map": selectors.heat_map(principal, assessment_round),
        "lagging": selectors.lagging_competencies(principal, assessment_round),
    })


@role_required(*STATS_ROLES)
def round_compare(request: HttpRequest, pk: int) -> HttpResponse:
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
def training_plan(request: HttpRequest, pk: int, fmt: str = "html") -> HttpResponse:
    principal = request.principal
    assessment_round = selectors.round_get(principal, pk)
    plan = selectors.joint_training_plan(principal, assessment_round)
    if fmt == "html":
        return render(request, "competences/training_plan.html", {"round": assessment_round,
                                                                   **plan})
    audit_record(action=Action.EXPORT, actor=request.user, obj=assessment_round,
                 request=request, detail=f"opleidingsplan {fmt}")
    if fmt == "xlsx":
        body = exports.training_plan_xlsx(assessment_round, plan)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = exports.training_plan_pdf(assessment_round, plan)
        content_type = "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="opleidingsplan-ronde-{assessment_round.pk}.{fmt}"')
    return response

