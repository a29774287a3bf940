"""Pages of assignments at /opdrachten/: list, export, detail, edit, agreements, values."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.access.actor import actor_from
from opbouw.access.decorators import login_required, role_required
from opbouw.access.request import AuthedHttpRequest
from opbouw.access.roles import Role
from opbouw.assignments import prices, scopes, selectors, services, services_products
from opbouw.assignments.forms import (
    AgreementForm,
    AssignmentFilterForm,
    AssignmentForm,
    ManualValueForm,
    ProductForm,
)
from opbouw.assignments.models import Assignment, Indicator, Product
from opbouw.core.exports import FORMATS, Table, table_response
from opbouw.core.forms import add_service_errors, error_text
from opbouw.core.text import parse_int, query_text
from opbouw.methods import scopes as method_scopes
from opbouw.organisations import scopes as org_scopes

PAGE_SIZE = 25


def list_filters(request: AuthedHttpRequest) -> selectors.Filters:
    """Status, year, area, provider and commissioner from the query string; nonsense ignored."""
    return AssignmentFilterForm(request.GET, principal=request.principal).filters()


def page_number(request: AuthedHttpRequest) -> int:
    return parse_int(query_text(request.GET, "pagina", 6), max_digits=6) or 1


@login_required
def index(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    filters = list_filters(request)
    page = Paginator(selectors.assignment_list(principal, filters), PAGE_SIZE).get_page(
        page_number(request))
    page.object_list = selectors.with_realised(list(page.object_list))
    return render(request, "assignments/index.html", {
        "page": page, "filters": filters, "choices": selectors.filter_choices(principal),
        "in_scope": selectors.can_see_module_lists(principal),
        "can_create": principal.has_role(Role.COMMISSIONER)
        and scopes.commissioning_organisations(principal).exists(),
        "query": request.GET.urlencode(),
    })


@login_required
def export(request: AuthedHttpRequest) -> HttpResponse:
    fmt = query_text(request.GET, "formaat", 4)
    assignments = selectors.assignment_list(request.principal, list_filters(request))
    return table_response(request=request, fmt=fmt if fmt in FORMATS else "csv",
                          table=Table.of("opdrachten", selectors.EXPORT_HEADER,
                                         selectors.export_rows(assignments)))


def _next_statuses(assignment: Assignment) -> list[tuple[str, str, bool]]:
    """(status, label, reason required) the assignment can move to."""
    return [(new, str(Assignment.Status(new).label), needs_reason)
            for (old, new), needs_reason in services.TRANSITIONS.items()
            if old == assignment.status]


@login_required
def detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    assignment = selectors.assignment_get(principal, pk)
    return render(request, "assignments/detail.html", {
        "assignment": assignment,
        "progress": selectors.assignment_progress(assignment),
        "history": selectors.amendment_rows(assignment),
        "can_edit": scopes.can_edit_assignment(principal, assignment),
        "can_enter_values": scopes.can_enter_manual_values(principal, assignment),
        "next_statuses": _next_statuses(assignment),
    })


def _assignment_form(request: AuthedHttpRequest, assignment: Assignment | None) -> AssignmentForm:
    principal = request.principal
    commissioners = scopes.commissioning_organisations(principal)
    interventions = method_scopes.interventions(principal).filter(status="published")
    if assignment is not None:
        statuses = [assignment.status] + [s for s, _label, _r in _next_statuses(assignment)]
        initial = {name: getattr(assignment, name) for name in services.FIELDS
                   if name not in services.M2M}
        initial.update({name: list(getattr(assignment, name).all())
                        for name in services.M2M})
        initial["version"] = assignment.version
        interventions = interventions | method_scopes.interventions(principal).filter(
            pk__in=assignment.interventions.values("pk"))
    else:
        statuses = [Assignment.Status.CONCEPT, Assignment.Status.RUNNING]
        year = timezone.localdate().year
        initial = {"starts_on": dt.date(year, 1, 1), "ends_on": dt.date(year, 12, 31),
                   "status": Assignment.Status.CONCEPT}
    from opbouw.organisations.models import Organisation

    return AssignmentForm(
        request.POST if request.method == "POST" else None, initial=initial,
        commissioners=commissioners,
        providers=org_scopes.organisations(principal).filter(kind=Organisation.Kind.PROVIDER)
        .order_by("name"),
        areas=selectors.commissioner_areas(principal),
        priorities=selectors.priority_choices(principal),
        interventions=interventions.distinct().order_by("name"),
        statuses=statuses,
        reason_required=assignment is not None and assignment.status != Assignment.Status.CONCEPT)


@role_required(Role.COMMISSIONER)
def edit(request: AuthedHttpRequest, pk: int | None = None) -> HttpResponse:
    principal = request.principal
    assignment = selectors.assignment_get(principal, pk) if pk else None
    if assignment is not None and not scopes.can_edit_assignment(principal, assignment):
        raise PermissionDenied
    form = _assignment_form(request, assignment)
    stale = False
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["commissioner"] = form.commissioner_value()
        version, reason = data.pop("version"), data.pop("reason")
        try:
            saved = services.assignment_save(actor=actor_from(request), assignment=assignment,
                                             version=version, reason=reason,
                                             **data)
        except ValidationError as exc:
            stale = isinstance(exc, services.StaleVersion)
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect("assignments:detail", pk=saved.pk)
    return render(request, "assignments/assignment_form.html", {
        "form": form, "assignment": assignment, "stale": stale,
        "commissioner": form.single_commissioner,
        "money": prices.agreed_money(assignment) if assignment is not None else None,
    })


@require_POST
@role_required(Role.COMMISSIONER)
def set_status(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    assignment = selectors.assignment_get(principal, pk)
    if not scopes.can_edit_assignment(principal, assignment):
        raise PermissionDenied
    try:
        services.assignment_set_status(
            actor=actor_from(request), assignment=assignment,
            status=query_text(request.POST, "status", 10),
            reason=query_text(request.POST, "reden", 300),
            # Without the version the page was read at, the change counts as stale.
            version=parse_int(query_text(request.POST, "versie", 10), max_digits=10) or 0)
    except ValidationError as exc:
        messages.error(request, _("De status is niet gewijzigd: ") + error_text(exc))
    else:
        messages.success(request, _("De opdracht is nu %(s)s.")
                         % {"s": assignment.get_status_display()})
    return redirect("assignments:detail", pk=pk)


# Result agreements and manual values ------------------------------------------------------

def _agreement_page(request: AuthedHttpRequest, assignment: Assignment, agreement=None
                    ) -> HttpResponse:
    if not scopes.can_edit_assignment(request.principal, assignment):
        raise PermissionDenied
    indicators = Indicator.objects.filter(
        Q(is_active=True) | Q(pk=getattr(agreement, "indicator_id", None))).order_by(
        "category", "name")
    initial: dict[str, object] = {"starts_on": assignment.starts_on,
                                  "ends_on": assignment.ends_on}
    if agreement is not None:
        initial = {f: getattr(agreement, f) for f in ("indicator", "baseline", "target",
                                                      "starts_on", "ends_on", "note")}
    initial["version"] = assignment.version
    form = AgreementForm(request.POST if request.method == "POST" else None, initial=initial,
                         indicators=indicators,
                         reason_required=assignment.status != Assignment.Status.CONCEPT)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_save(actor=actor_from(request), assignment=assignment,
                                    agreement=agreement, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Resultaatafspraak opgeslagen."))
            return redirect("assignments:detail", pk=assignment.pk)
    return render(request, "assignments/agreement_form.html", {
        "form": form, "assignment": assignment, "agreement": agreement})


@role_required(Role.COMMISSIONER)
def agreement_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    return _agreement_page(request, selectors.assignment_get(request.principal, pk))


@role_required(Role.COMMISSIONER)
def agreement_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(request.principal, pk)
    return _agreement_page(request, agreement.assignment, agreement)


@require_POST
@role_required(Role.COMMISSIONER)
def agreement_delete(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(request.principal, pk)
    if not scopes.can_edit_assignment(request.principal, agreement.assignment):
        raise PermissionDenied
    try:
        services.agreement_delete(actor=actor_from(request), agreement=agreement,
                                  reason=query_text(request.POST, "reden", 300))
    except ValidationError as exc:
        messages.error(request, _("Niet verwijderd: ") + error_text(exc))
    else:
        messages.success(request, _("Resultaatafspraak verwijderd."))
    return redirect("assignments:detail", pk=agreement.assignment_id)


@login_required
def manual_value_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_get(request.principal, pk)
    if not scopes.can_enter_manual_values(request.principal, agreement.assignment):
        raise PermissionDenied
    computed = services.is_computed(agreement.indicator)
    form = None if computed else ManualValueForm(
        request.POST if request.method == "POST" else None, initial=_next_period(agreement))
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.manual_value_save(actor=actor_from(request), agreement=agreement,
                                       **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Waarde opgeslagen."))
            return redirect("assignments:detail", pk=agreement.assignment_id)
    return render(request, "assignments/manual_value_form.html", {
        "form": form, "agreement": agreement, "assignment": agreement.assignment,
        "values": agreement.manual_values.select_related("entered_by"),
        "rule": _aggregation_rule(agreement.indicator)})


def _next_period(agreement) -> dict:
    """The quarter after the last entered value, within the agreement's period."""
    last = agreement.manual_values.order_by("-ends_on").first()
    start = agreement.starts_on if last is None else last.ends_on + dt.timedelta(days=1)
    if start > agreement.ends_on:
        return {}
    month = start.month + 3
    year, month = start.year + (month - 1) // 12, (month - 1) % 12 + 1
    end = dt.date(year, month, 1) - dt.timedelta(days=1)
    if start.day != 1:
        end = start + dt.timedelta(days=90)
    return {"starts_on": start, "ends_on": min(end, agreement.ends_on)}


def _aggregation_rule(indicator: Indicator) -> str:
    if indicator.aggregation in selectors.CUMULATIVE:
        return _("De waarden van alle periodes worden opgeteld.")
    return _("De waarde van de laatste periode telt als stand.")


@require_POST
@login_required
def manual_value_delete(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    value = selectors.manual_value_get(request.principal, pk)
    assignment = value.agreement.assignment
    if not scopes.can_enter_manual_values(request.principal, assignment):
        raise PermissionDenied
    services.manual_value_delete(actor=actor_from(request), value=value)
    messages.success(request, _("Waarde verwijderd."))
    return redirect("assignments:detail", pk=assignment.pk)


# Products ---------------------------------------------------------------------------------

def _product_page(request: AuthedHttpRequest, assignment: Assignment,
                  product: Product | None = None) -> HttpResponse:
    if not scopes.can_edit_assignment(request.principal, assignment):
        raise PermissionDenied
    planned = assignment.interventions.filter(
        Q(status="published") | Q(pk=getattr(product, "intervention_id", None)))
    initial: dict[str, object] = {"version": assignment.version}
    if product is not None:
        initial.update({f: getattr(product, f) for f in (
            "name", "unit", "unit_price", "agreed_quantity", "intervention",
            "initiatives_only")})
    form = ProductForm(request.POST if request.method == "POST" else None, initial=initial,
                       interventions=planned.order_by("name"),
                       reason_required=assignment.status != Assignment.Status.CONCEPT)
    if request.method == "POST" and form.is_valid():
        try:
            services_products.product_save(actor=actor_from(request), assignment=assignment,
                                           product=product, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Product opgeslagen."))
            return redirect("assignments:detail", pk=assignment.pk)
    return render(request, "assignments/product_form.html", {
        "form": form, "assignment": assignment, "product": product,
        "money": prices.agreed_money(assignment)})


@role_required(Role.COMMISSIONER)
def product_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    return _product_page(request, selectors.assignment_get(request.principal, pk))


@role_required(Role.COMMISSIONER)
def product_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    product = selectors.product_get(request.principal, pk)
    return _product_page(request, product.assignment, product)


@require_POST
@role_required(Role.COMMISSIONER)
def product_delete(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    product = selectors.product_get(request.principal, pk)
    if not scopes.can_edit_assignment(request.principal, product.assignment):
        raise PermissionDenied
    try:
        services_products.product_delete(actor=actor_from(request), product=product,
                                         reason=query_text(request.POST, "reden", 300))
    except ValidationError as exc:
        messages.error(request, _("Niet verwijderd: ") + error_text(exc))
    else:
        messages.success(request, _("Product verwijderd."))
    return redirect("assignments:detail", pk=product.assignment_id)
