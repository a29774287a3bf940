"""Pages of neighbourhood action plans (WAPs) and the indicator catalogue."""

from __future__ import annotations

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
from opbouw.access.roles import Role
from opbouw.access.shortcuts import get_visible_or_404
from opbouw.assignments import indicators as registry
from opbouw.assignments import scopes, selectors, services
from opbouw.assignments.forms import (
    ActionPlanFilterForm,
    ActionPlanForm,
    IndicatorForm,
    PriorityForm,
)
from opbouw.assignments.models import Priority
from opbouw.assignments.views import PAGE_SIZE, page_number
from opbouw.core.forms import add_service_errors, error_text

# Neighbourhood action plans -----------------------------------------------------------------


@login_required
def plans(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    form = ActionPlanFilterForm(request.GET, principal=principal)
    year, area = form.value("jaar"), form.value("gebied")
    page = Paginator(selectors.action_plan_list(principal, year=year, area=area),
                     PAGE_SIZE).get_page(page_number(request))
    return render(request, "assignments/plans.html", {
        "page": page, "year": year, "area": area,
        "choices": selectors.plan_filter_choices(principal),
        "can_create": principal.has_role(Role.COMMISSIONER)
        and scopes.commissioning_organisations(principal).exists(),
    })


@login_required
def plan_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    plan = selectors.action_plan_get(principal, pk)
    rows = selectors.plan_priorities(principal, plan)
    can_edit = scopes.can_edit_action_plan(principal, plan)
    if can_edit:
        for row in rows:
            p = row["priority"]
            row["form"] = PriorityForm(initial={"domain": p.domain, "title": p.title,
                                                "description": p.description},
                                       prefix=f"p{p.pk}")
    return render(request, "assignments/plan_detail.html", {
        "plan": plan, "rows": rows, "can_edit": can_edit,
        "unserved": sum(1 for r in rows if not r["served"]),
        "priority_form": PriorityForm() if can_edit else None,
    })


@role_required(Role.COMMISSIONER)
def plan_edit(request: AuthedHttpRequest, pk: int | None = None) -> HttpResponse:
    principal = request.principal
    plan = selectors.action_plan_get(principal, pk) if pk else None
    if plan is not None and not scopes.can_edit_action_plan(principal, plan):
        raise PermissionDenied
    initial = {"year": timezone.localdate().year}
    if plan is not None:
        initial = {f: getattr(plan, f) for f in ("commissioner", "area", "year", "title",
                                                 "summary")}
    form = ActionPlanForm(request.POST if request.method == "POST" else None, initial=initial,
                          commissioners=scopes.commissioning_organisations(principal),
                          areas=selectors.commissioner_areas(principal))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["commissioner"] = form.commissioner_value()
        try:
            saved = services.action_plan_save(actor=actor_from(request), plan=plan,
                                              **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Wijkactieplan opgeslagen."))
            return redirect("assignments:plan_detail", pk=saved.pk)
    return render(request, "assignments/plan_form.html", {
        "form": form, "plan": plan, "commissioner": form.single_commissioner})


def _editable_plan(request: AuthedHttpRequest, pk: int):
    plan = selectors.action_plan_get(request.principal, pk)
    if not scopes.can_edit_action_plan(request.principal, plan):
        raise PermissionDenied
    return plan


def _editable_priority(request: AuthedHttpRequest, pk: int) -> Priority:
    priority = get_visible_or_404(
        Priority.objects.filter(plan__in=scopes.action_plans(request.principal))
        .select_related("plan"), pk=pk)
    if not scopes.can_edit_action_plan(request.principal, priority.plan):
        raise PermissionDenied
    return priority


@require_POST
@role_required(Role.COMMISSIONER)
def priority_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    plan = _editable_plan(request, pk)
    form = PriorityForm(request.POST)
    if form.is_valid():
        try:
            services.priority_save(actor=actor_from(request), plan=plan,
                                   **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, _("Prioriteit niet toegevoegd: ") + error_text(exc))
        else:
            messages.success(request, _("Prioriteit toegevoegd."))
    else:
        messages.error(request, _("Prioriteit niet toegevoegd: ") + error_text(form))
    return redirect("assignments:plan_detail", pk=plan.pk)


@require_POST
@role_required(Role.COMMISSIONER)
def priority_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    priority = _editable_priority(request, pk)
    form = PriorityForm(request.POST, prefix=f"p{priority.pk}")
    if form.is_valid():
        try:
            services.priority_save(actor=actor_from(request), plan=priority.plan,
                                   priority=priority, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, _("Prioriteit niet gewijzigd: ") + error_text(exc))
        else:
            messages.success(request, _("Prioriteit gewijzigd."))
    else:
        messages.error(request, _("Prioriteit niet gewijzigd: ") + error_text(form))
    return redirect("assignments:plan_detail", pk=priority.plan_id)


@require_POST
@role_required(Role.COMMISSIONER)
def priority_delete(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    priority = _editable_priority(request, pk)
    plan_id = priority.plan_id
    try:
        services.priority_delete(actor=actor_from(request), priority=priority)
    except ValidationError as exc:
        messages.error(request, _("Niet verwijderd: ") + error_text(exc))
    else:
        messages.success(request, _("Prioriteit verwijderd."))
    return redirect("assignments:plan_detail", pk=plan_id)


# Indicator catalogue ------------------------------------------------------------------------

@login_required
def indicators(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    return render(request, "assignments/indicators.html", {
        "groups": selectors.indicator_catalogue(principal),
        "can_edit": scopes.can_edit_indicators(principal),
    })


@login_required
def indicator_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    indicator = selectors.indicator_get(principal, pk)
    comp = registry.computation(indicator.computation) if indicator.computation else None
    return render(request, "assignments/indicator_detail.html", {
        "indicator": indicator, "computation": comp,
        "usage": selectors.indicator_usage(principal, indicator),
        "can_edit": scopes.can_edit_indicators(principal),
    })


@role_required(Role.ANALYST)
def indicator_edit(request: AuthedHttpRequest, pk: int | None = None) -> HttpResponse:
    principal = request.principal
    if not scopes.can_edit_indicators(principal):
        raise PermissionDenied
    indicator = selectors.indicator_get(principal, pk) if pk else None
    initial = {"is_active": True}
    if indicator is not None:
        initial = {f: getattr(indicator, f) for f in (
            "code", "name", "definition", "unit", "category", "aggregation", "source",
            "polarity", "computation", "is_active")}
    form = IndicatorForm(request.POST if request.method == "POST" else None, initial=initial,
                         current_computation=getattr(indicator, "computation", ""))
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.indicator_save(actor=actor_from(request), indicator=indicator,
                                            **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Indicator opgeslagen."))
            return redirect("assignments:indicator_detail", pk=saved.pk)
    return render(request, "assignments/indicator_form.html", {
        "form": form, "indicator": indicator,
        "in_use": indicator.agreements.count() if indicator is not None else 0})
