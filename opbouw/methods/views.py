"""Pages of the methods toolbox at /methoden/."""

from __future__ import annotations

import datetime as dt
import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.access.actor import actor_from
from opbouw.access.decorators import login_required, role_required
from opbouw.access.request import AuthedHttpRequest
from opbouw.access.roles import Role
from opbouw.access.shortcuts import get_visible_or_404
from opbouw.areas import scopes as area_scopes
from opbouw.areas.models import Area
from opbouw.core.exports import Table, export_response, table_csv
from opbouw.core.forms import add_service_errors, error_text
from opbouw.core.text import parse_int, query_text
from opbouw.methods import booklet, scopes, selectors, services
from opbouw.methods.forms import ExampleForm, InterventionForm, OfferFilterForm, OfferForm
from opbouw.methods.models import Intervention
from opbouw.organisations import scopes as org_scopes
from opbouw.organisations.models import Organisation


def _filters(request: AuthedHttpRequest) -> dict:
    """Organisation, district and year from the query string; nonsense is ignored."""
    return OfferFilterForm(request.GET, principal=request.principal).filters()


def _filter_choices(principal) -> dict:
    return {
        "organisations": org_scopes.organisations(principal).filter(
            kind=Organisation.Kind.PROVIDER).order_by("name"),
        "districts": area_scopes.areas(principal).filter(
            level__in=[Area.Level.DISTRICT, Area.Level.MUNICIPALITY]).order_by("path"),
    }


@login_required
def index(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    params = {name: query_text(request.GET, name, 60) for name in
              ("zoek", "trede", "thema", "doelgroep", "soort", "erkenning")}
    found = selectors.intervention_search(
        principal, query=params["zoek"], rung=params["trede"], theme=params["thema"],
        target=params["doelgroep"], kind=params["soort"], evidence=params["erkenning"],
        include_drafts=request.GET.get("concepten") == "1")
    return render(request, "methods/index.html", {
        **found, "params": params,
        "can_propose": scopes.can_propose_intervention(principal),
    })


@login_required
def intervention_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    intervention = selectors.intervention_get(principal, pk)
    offer_orgs = scopes.organisations_offering(principal)
    return render(request, "methods/intervention_detail.html", {
        "intervention": intervention,
        "can_edit": scopes.can_edit_intervention(principal, intervention),
        "can_publish": scopes.can_publish_intervention(principal),
        "offer_organisations": offer_orgs,
        "offer_form": OfferForm(areas=_offer_areas(principal)) if offer_orgs else None,
        "example_form": ExampleForm(areas=_offer_areas(principal))
        if scopes.can_manage_offers_of(principal, intervention.owner_id) else None,
    })


def _offer_areas(principal):
    return area_scopes.areas(principal).filter(
        level__in=[Area.Level.DISTRICT, Area.Level.NEIGHBOURHOOD]).order_by("path")


@role_required(Role.MANAGER, Role.ANALYST)
def intervention_edit(request: AuthedHttpRequest, pk: int | None = None) -> HttpResponse:
    principal = request.principal
    intervention = selectors.intervention_get(principal, pk) if pk else None
    if intervention is not None and not scopes.can_edit_intervention(principal, intervention):
        raise PermissionDenied
    owners = org_scopes.organisations(principal).filter(kind=Organisation.Kind.PROVIDER)
    if not principal.has_role(Role.ANALYST):
        owners = owners.filter(pk__in=principal.org_ids(Role.MANAGER))
    from opbouw.competences.selectors import catalogue_competencies

    initial = None
    if intervention is not None:
        initial = {f: getattr(intervention, f) for f in (
            "name", "kind", "summary", "description", "target", "evidence_level",
            "evidence_date", "evidence_source", "instruments", "owner", "contact")}
        for name in services.M2M:
            initial[name] = list(getattr(intervention, name).all())
    form = InterventionForm(request.POST if request.method == "POST" else None, initial=initial,
                            owners=owners,
                            competencies=catalogue_competencies(principal))
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.intervention_save(actor=actor_from(request),
                                               intervention=intervention, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect("methods:intervention", pk=saved.pk)
    return render(request, "methods/intervention_form.html", {"form": form,
                                                               "intervention": intervention})


@require_POST
@role_required(Role.ANALYST)
def intervention_publish(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    intervention = selectors.intervention_get(request.principal, pk)
    action = query_text(request.POST, "actie", 20)
    if action not in ("publiceren", "concept"):
        messages.error(request, _("Onbekende handeling; er is niets veranderd."))
        return redirect("methods:intervention", pk=pk)
    publish = action == "publiceren"
    services.intervention_publish(actor=actor_from(request), intervention=intervention,
                                  publish=publish)
    messages.success(request, _("Gepubliceerd.") if publish else _("Teruggezet naar concept."))
    return redirect("methods:intervention", pk=pk)


@require_POST
@role_required(Role.MANAGER, Role.ANALYST)
def offer_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    intervention = selectors.intervention_get(principal, pk)
    if intervention.status != Intervention.Status.PUBLISHED:
        messages.error(request, _("Alleen gepubliceerde interventies kunnen worden aangeboden."))
        return redirect("methods:intervention", pk=pk)
    organisation = get_visible_or_404(
        org_scopes.organisations(principal),
        pk=parse_int(query_text(request.POST, "organisatie", 10)) or 0)
    if not scopes.can_manage_offers_of(principal, organisation.pk):
        raise PermissionDenied
    form = OfferForm(request.POST, areas=_offer_areas(principal))
    if form.is_valid():
        try:
            services.offer_save(actor=actor_from(request), organisation=organisation,
                                intervention=intervention,
                                **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Aanbod toegevoegd."))
    else:
        messages.error(request, _("Aanbod niet toegevoegd: ") + error_text(form))
    return redirect("methods:intervention", pk=pk)


@require_POST
@role_required(Role.MANAGER, Role.ANALYST)
def example_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    intervention = selectors.intervention_get(principal, pk)
    if not scopes.can_manage_offers_of(principal, intervention.owner_id):
        raise PermissionDenied
    form = ExampleForm(request.POST, areas=_offer_areas(principal))
    if form.is_valid():
        try:
            services.example_add(actor=actor_from(request), intervention=intervention,
                                 **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, _("Voorbeeld niet toegevoegd: ") + error_text(exc))
        else:
            messages.success(request, _("Praktijkvoorbeeld toegevoegd."))
    else:
        messages.error(request, _("Voorbeeld niet toegevoegd: ") + error_text(form))
    return redirect("methods:intervention", pk=pk)


@require_POST
@role_required(Role.MANAGER, Role.ANALYST)
def offer_delete(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    offer = get_visible_or_404(scopes.offers(request.principal), pk=pk)
    if not scopes.can_manage_offers_of(request.principal, offer.organisation_id):
        raise PermissionDenied
    intervention_id = offer.intervention_id
    services.offer_delete(actor=actor_from(request), offer=offer)
    messages.success(request, _("Aanbod verwijderd."))
    return redirect("methods:intervention", pk=intervention_id)


@login_required
def matrix(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    filters = _filters(request)
    grid = selectors.matrix(principal, organisation_id=getattr(filters["organisation"], "pk",
                                                               None),
                            area=filters["area"], year=filters["year"])
    return render(request, "methods/matrix.html", {"grid": grid, **filters,
                                                    **_filter_choices(principal)})


@login_required
def overlap(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    filters = _filters(request)
    result = None
    if filters["area"] is not None:
        result = selectors.overlap_and_gaps(principal, area=filters["area"],
                                            year=filters["year"] or _this_year())
    filters["organisation"] = None  # overlap is between organisations: no filter on one
    return render(request, "methods/overlap.html", {"result": result, **filters,
                                                     "shown_year": filters["year"]
                                                     or _this_year(),
                                                     **_filter_choices(principal)})


def _this_year() -> int:
    return dt.date.today().year


EXPORT_COLUMNS = ("name", "kind", "summary", "rungs", "themes", "target", "aims",
                  "target_groups", "functions", "evidence_level", "owner", "offers")


def _export_cell(row: dict, column: str) -> str:
    if column == "offers":
        return "; ".join(f"{o['organisation']}: {','.join(o['areas'])}" for o in row["offers"])
    value = row[column]
    return "; ".join(map(str, value)) if isinstance(value, list) else str(value or "")


@login_required
def export(request: AuthedHttpRequest, fmt: str) -> HttpResponse:
    """The toolbox as JSON and CSV (exchange formats: field names, commas) or the booklet."""
    rows = selectors.export_rows(request.principal)
    if fmt == "json":
        body: str | bytes = json.dumps({"format": "opbouw-methoden/1", "interventions": rows},
                                       ensure_ascii=False, indent=2)
    elif fmt == "csv":
        body = table_csv(Table.of("methoden", EXPORT_COLUMNS, exchange_csv=True, rows=[
            [_export_cell(row, column) for column in EXPORT_COLUMNS] for row in rows]))
    else:
        body = booklet.booklet_pdf(rows)
    return export_response(request=request, body=body, fmt=fmt, filename=f"methoden.{fmt}",
                           detail=f"methoden {fmt}")


@login_required
def reference(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    if request.method == "POST":
        if not scopes.can_edit_reference_terms(principal):
            raise PermissionDenied
        try:
            services.term_save(actor=actor_from(request),
                               vocabulary=query_text(request.POST, "lijst", 20),
                               code=query_text(request.POST, "code", 40),
                               name=query_text(request.POST, "naam", 100))
        except ValidationError as exc:
            messages.error(request, _("Niet opgeslagen: ") + error_text(exc))
        else:
            messages.success(request, _("Opgeslagen."))
        return redirect("methods:reference")
    return render(request, "methods/reference.html", {
        "terms": selectors.reference_terms(),
        "vocabularies": services.VOCABULARIES,
        "can_edit": scopes.can_edit_reference_terms(principal),
    })
