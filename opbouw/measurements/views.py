"""Pages of measurement rounds at /metingen/: list, create, enter responses or totals,
results and change. Instrument pages are in views_instruments.py."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from opbouw.access.actor import actor_from
from opbouw.access.decorators import role_required
from opbouw.access.request import AuthedHttpRequest
from opbouw.access.roles import Role
from opbouw.areas import scopes as area_scopes
from opbouw.areas.models import Area
from opbouw.assignments import scopes as assignment_scopes
from opbouw.core.forms import add_service_errors
from opbouw.core.text import parse_int, query_text
from opbouw.measurements import scopes, selectors, services
from opbouw.measurements.forms import (
    AggregateForm,
    ResponseForm,
    RoundEditForm,
    RoundFilterForm,
    RoundForm,
)
from opbouw.measurements.models import Instrument, MeasurementRound
from opbouw.methods import scopes as method_scopes

MEMBER_ROLES = (Role.WORKER, Role.COACH, Role.MANAGER)
READER_ROLES = (*MEMBER_ROLES, Role.ANALYST, Role.COMMISSIONER)


def _interventions(principal):
    return method_scopes.interventions(principal).filter(status="published").order_by("name")


def _assignments(principal, organisation_ids):
    """Assignments of the providers concerned, once the assignments module is installed."""
    if not apps.is_installed("opbouw.assignments"):
        return None
    return assignment_scopes.assignments(principal).filter(
        provider_id__in=organisation_ids).order_by("-starts_on")


def _count_shown(principal, measurement_round, count: int) -> int | None:
    """Members see how many they entered; others only a count of at least the minimum."""
    if scopes.can_enter_measurements(principal, measurement_round):
        return count
    return count if count >= settings.OPBOUW_MIN_CELL_SIZE else None


@role_required(*READER_ROLES)
def index(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    form = RoundFilterForm(request.GET)
    params = form.query()
    rounds = selectors.rounds_list(principal, form.filters())
    page = Paginator(rounds, 50).get_page(parse_int(query_text(request.GET, "pagina", 6)) or 1)
    for r in page:
        count = r.aggregate_n if r.mode == MeasurementRound.Mode.AGGREGATES else \
            r.response_count
        r.count_shown = _count_shown(principal, r, count or 0)
    instruments: dict[str, str] = {}
    for code, name in Instrument.objects.exclude(status=Instrument.Status.DRAFT).order_by(
            "code", "-version").values_list("code", "name"):
        instruments.setdefault(code, name)
    return render(request, "measurements/index.html", {
        "page": page, "params": params, "instruments": sorted(instruments.items(),
                                                              key=lambda kv: kv[1]),
        "statuses": MeasurementRound.Status.choices, "kinds": MeasurementRound.Kind.choices,
        "can_create": scopes.measurement_organisations(principal).exists(),
        "minimum": settings.OPBOUW_MIN_CELL_SIZE,
    })


@role_required(Role.MANAGER)
def round_create(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    organisations = scopes.measurement_organisations(principal)
    if not organisations.exists():
        raise PermissionDenied
    areas = area_scopes.areas(principal).filter(level__in=[
        Area.Level.DISTRICT, Area.Level.NEIGHBOURHOOD, Area.Level.SUBNEIGHBOURHOOD])
    form = RoundForm(
        request.POST if request.method == "POST" else None,
        initial={"kind": MeasurementRound.Kind.BASELINE, "held_on": timezone.localdate()},
        instruments=Instrument.objects.filter(status=Instrument.Status.ACTIVE),
        organisations=organisations, areas=areas.order_by("path"),
        baselines=selectors.baseline_choices(principal),
        interventions=_interventions(principal),
        assignments=_assignments(principal, list(organisations.values_list("pk", flat=True))))
    if request.method == "POST" and form.is_valid():
        try:
            created = services.round_create(actor=actor_from(request),
                                            **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Meetronde aangemaakt."))
            return redirect("measurements:round", pk=created.pk)
    return render(request, "measurements/round_form.html", {"form": form})


@role_required(Role.MANAGER)
def round_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    measurement_round = selectors.round_get(principal, pk)
    if not scopes.can_manage_measurement_round(principal, measurement_round):
        raise PermissionDenied
    r = measurement_round
    form = RoundEditForm(
        request.POST if request.method == "POST" else None,
        initial={"held_on": r.held_on, "status": r.status, "intervention": r.intervention,
                 "assignment": getattr(r, "assignment", None)},
        interventions=_interventions(principal),
        assignments=_assignments(principal, [r.organisation_id]))
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            services.round_update(actor=actor_from(request), measurement_round=r,
                                  **values)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect("measurements:round", pk=r.pk)
    return render(request, "measurements/round_edit.html", {"form": form, "round": r})


@role_required(*READER_ROLES)
def round_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    measurement_round = selectors.round_get(principal, pk)
    count = selectors.respondent_count(measurement_round)
    assignment = None  # shown only to those the access layer lets see it (not analysts)
    if measurement_round.assignment_id and apps.is_installed("opbouw.assignments"):
        assignment = assignment_scopes.assignments(principal).filter(
            pk=measurement_round.assignment_id).first()
    return render(request, "measurements/round_detail.html", {
        "round": measurement_round, "assignment": assignment,
        "results": selectors.round_results(measurement_round),
        "count": _count_shown(principal, measurement_round, count),
        "can_enter": scopes.can_enter_measurements(principal, measurement_round),
        "can_manage": scopes.can_manage_measurement_round(principal, measurement_round),
        "follow_ups": scopes.measurement_rounds(principal).filter(baseline=measurement_round),
        "minimum": settings.OPBOUW_MIN_CELL_SIZE,
    })


def _enterable(request: AuthedHttpRequest, pk: int, mode: str):
    """The round to enter data in, or a redirect that says why not."""
    principal = request.principal
    measurement_round = selectors.round_get(principal, pk)
    if not scopes.can_enter_measurements(principal, measurement_round):
        raise PermissionDenied
    if measurement_round.mode != mode:
        target = ("measurements:aggregates" if mode == MeasurementRound.Mode.RESPONSES
                  else "measurements:entry")
        return measurement_round, redirect(target, pk=pk)
    if not measurement_round.is_open:
        messages.info(request, _("Deze meetronde is gesloten; er kan niets meer bij."))
        return measurement_round, redirect("measurements:round", pk=pk)
    return measurement_round, None


@role_required(*MEMBER_ROLES)
def entry(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """One respondent at a time, phone first: save and go on with the next."""
    measurement_round, away = _enterable(request, pk, MeasurementRound.Mode.RESPONSES)
    if away:
        return away
    items = services.round_items(measurement_round)
    form = ResponseForm(request.POST if request.method == "POST" else None, items=items)
    if request.method == "POST" and form.is_valid():
        answers = {code: value for code, value in form.cleaned_data.items() if value != ""}
        try:
            response = services.response_add(actor=actor_from(request),
                                             measurement_round=measurement_round,
                                             answers=answers)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Respondent %(n)s is opgeslagen. Vul nu de volgende "
                                        "in.") % {"n": response.number})
            return redirect("measurements:entry", pk=pk)
    return render(request, "measurements/entry.html", {
        "round": measurement_round, "form": form,
        "count": measurement_round.responses.count(),
    })


@role_required(*MEMBER_ROLES)
def aggregates(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Totals per dimension when the raw answers stay elsewhere."""
    measurement_round, away = _enterable(request, pk, MeasurementRound.Mode.AGGREGATES)
    if away:
        return away
    items = services.round_items(measurement_round)
    saved = {a.dimension_id: a for a in measurement_round.aggregates.all()}
    posted = request.method == "POST"
    sections = []
    for dimension in measurement_round.instrument.dimensions.all():
        scale = services.dimension_scale([i for i in items if i.dimension_id == dimension.pk])
        options = [(o.value, o.label) for o in scale.options.all()] if scale else []
        form = AggregateForm.for_dimension(request.POST if posted else None,
                                           dimension=dimension, options=options,
                                           saved=saved.get(dimension.pk))
        sections.append({"dimension": dimension, "form": form, "saved": form.saved})
    if posted:
        # Totals already saved come back in the form: save them again only when changed.
        filled = [s["form"] for s in sections if s["form"].changed]
        if not any(s["form"].is_bound for s in sections):
            messages.error(request, _("Vul voor minstens één dimensie het aantal respondenten "
                                      "en de gemiddelde score in."))
        elif not filled:
            messages.info(request, _("Er is niets gewijzigd."))
            return redirect("measurements:aggregates", pk=pk)
        elif all(form.is_valid() for form in filled):
            try:
                services.aggregates_save(actor=actor_from(request),
                                         measurement_round=measurement_round,
                                         totals=[form.totals() for form in filled])
            except services.TotalsRefused as refused:
                for form in filled:
                    if form.dimension.pk in refused.errors:
                        form.add_service_errors(refused.errors[form.dimension.pk])
            else:
                names = ", ".join(form.dimension.name for form in filled)
                messages.success(request, _("Totalen van %(dim)s opgeslagen.") % {"dim": names})
                return redirect("measurements:aggregates", pk=pk)
    return render(request, "measurements/aggregates.html", {
        "round": measurement_round, "sections": sections})


@role_required(*READER_ROLES)
def change(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The change between a follow-up and its baseline, per dimension, with its interval."""
    principal = request.principal
    follow_up = selectors.round_get(principal, pk)
    visible = scopes.measurement_rounds(principal)
    rows, comparison = [], None
    if follow_up.baseline_id and visible.filter(pk=follow_up.baseline_id).exists():
        comparison = selectors.version_comparison(follow_up)
        rows = selectors.round_change(follow_up, comparison)
    return render(request, "measurements/change.html", {
        "round": follow_up, "rows": rows, "comparison": comparison,
        "follow_ups": visible.filter(baseline=follow_up).select_related("area"),
        "minimum": settings.OPBOUW_MIN_CELL_SIZE,
    })
