"""Pages of the signals module at /signalen/."""

from __future__ import annotations

import dataclasses

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.access.actor import actor_from
from opbouw.access.decorators import login_required, role_required
from opbouw.access.request import AuthedHttpRequest
from opbouw.access.roles import PEOPLE_VIEW_ROLES
from opbouw.assignments import scopes as assignment_scopes
from opbouw.core.exports import Table, table_response
from opbouw.core.forms import add_service_errors
from opbouw.core.text import parse_int, query_text
from opbouw.signals import scopes, selectors, services
from opbouw.signals.forms import FollowUpForm, SignalFilterForm, SignalForm
from opbouw.signals.models import Signal

PAGE_SIZE = 50


@login_required
def index(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    filters = SignalFilterForm(request.GET, principal=principal).filters()
    signals = selectors.signal_list(principal, filters)
    page = Paginator(signals, PAGE_SIZE).get_page(
        parse_int(query_text(request.GET, "pagina", 6)) or 1)
    query = request.GET.copy()
    query.pop("pagina", None)
    query.pop("formaat", None)
    counts = []
    # Counted without the status filter, so each status shows what choosing it would give.
    unfiltered = selectors.signal_list(principal, dataclasses.replace(filters, status=""))
    for code, label, n in selectors.status_counts(unfiltered):
        with_status = query.copy()
        with_status["status"] = code
        counts.append((code, label, n, "?" + with_status.urlencode()))
    reporter_orgs = selectors.reporter_organisations(principal, signals)
    return render(request, "signals/index.html", {
        "page": page,
        "filters": filters,
        "counts": counts,
        "choices": selectors.filter_choices(principal),
        "can_report": scopes.can_report_signal(principal),
        "query": query.urlencode(),
        "show_reporters": bool(reporter_orgs),
        "reporter_orgs": reporter_orgs,
    })


@login_required
def export(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    fmt = query_text(request.GET, "formaat", 4)
    filters = SignalFilterForm(request.GET, principal=principal).filters()
    header, rows = selectors.export_table(principal, selectors.signal_list(principal, filters))
    # The audit log keeps which selection left the building, as for the logbook.
    described = ", ".join(f"{k}={v}" for k, v in request.GET.items()
                          if k not in {"formaat", "pagina"} and v)[:200] or "alles"
    described = "".join(c for c in described if c.isprintable())
    return table_response(request=request, fmt=fmt if fmt == "xlsx" else "csv",
                          table=Table.of("signalen", header, rows, selection=described))


def _form_kwargs(principal, signal: Signal | None = None) -> dict:
    return {
        "areas": selectors.area_choices(principal, include=getattr(signal, "area", None)),
        "category_groups": selectors.category_groups(include=getattr(signal, "category", None)),
        "assignments": assignment_scopes.assignments_for_logging(principal).order_by("title")
        if signal is None or signal.assignment_id is None
        else (assignment_scopes.assignments_for_logging(principal)
              | assignment_scopes.assignments(principal).filter(pk=signal.assignment_id)).distinct()
        .order_by("title"),
        "partners": selectors.active_partners(),
    }


@role_required(*PEOPLE_VIEW_ROLES)
def create(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    if not scopes.can_report_signal(principal):
        raise PermissionDenied
    defaults = selectors.reporting_defaults(principal)
    form = SignalForm(request.POST if request.method == "POST" else None,
                      initial=defaults, **_form_kwargs(principal))
    if request.method == "POST" and form.is_valid():
        try:
            signal = services.signal_create(actor=actor_from(request),
                                            **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Signaal vastgelegd."))
            return redirect("signals:detail", pk=signal.pk)
    return render(request, "signals/form.html", {"form": form, "signal": None})


@login_required
def detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    signal = selectors.signal_get(request.principal, pk)
    return _detail_page(request, signal, None)


def _detail_page(request: AuthedHttpRequest, signal: Signal,
                 form: FollowUpForm | None) -> HttpResponse:
    principal = request.principal
    can_follow_up = scopes.can_follow_up_signal(principal, signal)
    if can_follow_up and form is None:
        form = FollowUpForm(initial={"date": timezone.localdate(), "status": signal.status,
                                     "referred_to": signal.referred_to},
                            partners=selectors.active_partners(include=signal.referred_to))
    return render(request, "signals/detail.html", {
        "signal": signal,
        "follow_ups": signal.follow_ups.all(),
        "show_reporter": scopes.can_see_reporters(principal, signal.organisation_id),
        "can_edit": signal.status == Signal.Status.OPEN
        and scopes.can_edit_signal(principal, signal),
        "form": form if can_follow_up else None,
    })


@require_POST
@login_required
def follow_up(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    signal = selectors.signal_get(principal, pk)
    if not scopes.can_follow_up_signal(principal, signal):
        raise PermissionDenied
    form = FollowUpForm(request.POST,
                        partners=selectors.active_partners(include=signal.referred_to))
    if form.is_valid():
        try:
            services.signal_follow_up(actor=actor_from(request), signal=signal,
                                      **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Vervolg vastgelegd."))
            return redirect("signals:detail", pk=signal.pk)
    return _detail_page(request, signal, form)


@login_required
def edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    signal = selectors.signal_get(principal, pk)
    if not scopes.can_edit_signal(principal, signal):
        raise PermissionDenied
    if signal.status != Signal.Status.OPEN:
        messages.error(request, _("Een signaal kan alleen worden gecorrigeerd zolang het open "
                                  "staat. Leg een vervolgnotitie vast om iets toe te voegen."))
        return redirect("signals:detail", pk=signal.pk)
    initial = {name: getattr(signal, name) for name in services.EDITABLE}
    initial["category"] = signal.category_id
    form = SignalForm(request.POST if request.method == "POST" else None, initial=initial,
                      edit=True, **_form_kwargs(principal, signal))
    if request.method == "POST" and form.is_valid():
        try:
            services.signal_update(actor=actor_from(request), signal=signal,
                                   **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Signaal bijgewerkt."))
            return redirect("signals:detail", pk=signal.pk)
    return render(request, "signals/form.html", {"form": form, "signal": signal})
