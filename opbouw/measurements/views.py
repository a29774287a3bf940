"""Pages of measurement rounds at /metingen/: list, create, enter responses or totals,
results and change. Instrument pages are in views_instruments.py."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from opbouw.access import scopes
from opbouw.access.decorators import role_required
from opbouw.access.roles import Role
from opbouw.areas.models import Area
from opbouw.core.forms import add_service_errors
from opbouw.core.text import parse_int, query_text
from opbouw.measurements import selectors, services
from opbouw.measurements.forms import AggregateForm, ResponseForm, RoundEditForm, RoundForm
from opbouw.measurements.models import Instrument, MeasurementRound

MEMBER_ROLES = (Role.WORKER, Role.COACH, Role.MANAGER)
READER_ROLES = (*MEMBER_ROLES, Role.ANALYST, Role.COMMISSIONER)


def _interventions(principal):
    return scopes.interventions(principal).filter(status="published").order_by("name")


def _assignments(principal, organisation_ids):
    """Assignments of the providers concerned, once the assignments module is installed."""
    if not apps.is_installed("opbouw.assignments"):
        return None
    return scopes.assignments(principal).filter(provider_id__in=organisation_ids).order_by(
        "-starts_on")


def _count_shown(principal, measurement_round, count: int) -> int | None:
    """Members see how many they entered; others only a count of at least the minimum."""
    if scopes.can_enter_measurements(principal, measurement_round):
        return count
    return count if count >= settings.OPBOUW_MIN_CELL_SIZE else None


@role_required(*READER_ROLES)
def index(request: HttpRequest) -> HttpResponse:
    principal = request.principal
    params = {name: query_text(request.GET, name, 40) for name in ("status", "instrument",
                                                                    "soort")}
    rounds = selectors.rounds_list(principal, status=params["status"],
                                   instrument_code=params["instrument"], kind=params["soort"])
    page = Paginator(rounds, 50).get_page(parse_int(query_text(request.GET, "pagina", 6)) or 1)
    for r in page:
        count = r.aggregate_n if r.mode == MeasurementRound.Mode.AGGREGATES else \
            r.response_count
        r.count_shown = _count_shown(principal, r, count or 0)
    instruments = {}
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
def round_create(request: HttpRequest) -> HttpResponse:
    principal = request.principal
    organisations = scopes.measurement_organisations(principal)
    if not organisations.exists():
        raise PermissionDenied
    areas = scopes.areas(principal).filter(level__in=[
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
            created = services.round_create(actor=request.user, request=request,
                                            **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Meetronde aangemaakt."))
            return redirect("measurements:round", pk=created.pk)
    return render(request, "measurements/round_form.html", {"form": form})


@role_required(Role.MANAGER)
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
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
            services.round_update(actor=request.user, measurement_round=r, request=request,
                                  **values)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect("measurements:round", pk=r.pk)
    return render(request, "measurements/round_edit.html", {"form": form, "round": r})


@role_required(*READER_ROLES)
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    measurement_round = selectors.round_get(principal, pk)
    count = selectors.respondent_count(measurement_round)
    assignment = None  # shown only to those the access layer lets see it (not analysts)
    if measurement_round.assignment_id and apps.is_installed("opbouw.assignments"):
        assignment = scopes.assignments(principal).filter(
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


def _enterable(request: HttpRequest, pk: int, mode: str):
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
def entry(request: HttpRequest, pk: int) -> HttpResponse:
    """One respondent at a time, phone first: save and go on with the next."""
    measurement_round, away = _enterable(request, pk, MeasurementRound.Mode.RESPONSES)
    if away:
        return away
    items = services.round_items(measurement_round)
    form = ResponseForm(request.POST if request.method == "POST" else None, items=items)
    if request.method == "POST" and form.is_valid():
        answers = {code: value for code, value in form.cleaned_data.items() if value != ""}
        try:
            response = services.response_add(actor=request.user,
                                             measurement_round=measurement_round,
                                             answers=answers, request=request)
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
def aggregates(request: HttpRequest, pk: int) -> HttpResponse:
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
        aggregate = saved.get(dimension.pk)
        initial = None
        if aggregate is not None:
            initial = {"n": aggregate.n, "mean": str(aggregate.mean).replace(".", ","),
                       "sd": str(aggregate.sd).replace(".", ",") if aggregate.sd else ""}
            initial.update({f"v{k}".replace("-", "m"): v
                            for k, v in (aggregate.distribution or {}).items()})
        # One form for all dimensions: a dimension counts as filled in when any of its
        # fields has a value, so typing in several sections and saving once loses nothing.
        bound = posted and _section_filled(request.POST, dimension.code)
        form = AggregateForm(request.POST if bound else None, initial=initial,
                             prefix=dimension.code, options=options)
        sections.append({"dimension": dimension, "form": form, "saved": aggregate,
                         "bound": bound})
    if posted:
        # Totals already saved come back in the form: save them again only when changed.
        filled = [s for s in sections
                  if s["bound"] and (s["saved"] is None or s["form"].has_changed())]
        if not any(s["bound"] for s in sections):
            messages.error(request, _("Vul voor minstens één dimensie het aantal respondenten "
                                      "en de gemiddelde score in."))
        elif not filled:
            messages.info(request, _("Er is niets gewijzigd."))
            return redirect("measurements:aggregates", pk=pk)
        elif all(s["form"].is_valid() for s in filled) and _aggregates_save(
                request, measurement_round, filled):
            names = ", ".join(s["dimension"].name for s in filled)
            messages.success(request, _("Totalen van %(dim)s opgeslagen.") % {"dim": names})
            return redirect("measurements:aggregates", pk=pk)
    return render(request, "measurements/aggregates.html", {
        "round": measurement_round, "sections": sections})


def _section_filled(data, prefix: str) -> bool:
    return any(key.startswith(prefix + "-") and str(value).strip()
               for key, value in data.items())


class _Rollback(Exception):
    """Undo every dimension's totals when one of them is refused."""


def _aggregates_save(request: HttpRequest, measurement_round, sections) -> bool:
    """Save the filled-in dimensions together: all of them or none."""
    failed = False
    try:
        with transaction.atomic():
            for section in sections:
                form = section["form"]
                try:
                    with transaction.atomic():
                        services.aggregate_save(
                            actor=request.user, measurement_round=measurement_round,
                            dimension=section["dimension"], n=form.cleaned_data["n"],
                            mean=form.cleaned_data["mean"], sd=form.cleaned_data["sd"],
                            distribution=form.distribution(), request=request)
                except ValidationError as exc:
                    _distribution_errors_to_fields(form, exc)
                    failed = True
            if failed:
                raise _Rollback
    except _Rollback:
        return False
    return True


def _distribution_errors_to_fields(form: AggregateForm, exc: ValidationError) -> None:
    """The service names "distribution"; the form has one field per option: show it first."""
    if hasattr(exc, "error_dict") and "distribution" in exc.error_dict and form.option_fields:
        errors = dict(exc.message_dict)
        for message in errors.pop("distribution"):
            form.add_error(form.option_fields[0][0], message)
        if not errors:
            return
        exc = ValidationError(errors)
    add_service_errors(form, exc)


@role_required(*READER_ROLES)
def change(request: HttpRequest, pk: int) -> HttpResponse:
    """The change between a follow-up and its baseline, per dimension, with its interval."""
    principal = request.principal
    follow_up = selectors.round_get(principal, pk)
    visible = scopes.measurement_rounds(principal)
    rows = []
    if follow_up.baseline_id and visible.filter(pk=follow_up.baseline_id).exists():
        rows = selectors.round_change(follow_up)
    return render(request, "measurements/change.html", {
        "round": follow_up, "rows": rows,
        "follow_ups": visible.filter(baseline=follow_up).select_related("area"),
        "minimum": settings.OPBOUW_MIN_CELL_SIZE,
    })
