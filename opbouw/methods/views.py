"""Pages of the methods toolbox at /methoden/."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.access import scopes
from opbouw.access.decorators import login_required, role_required
from opbouw.access.roles import Role
from opbouw.access.shortcuts import get_visible_or_404
from opbouw.areas.models import Area
from opbouw.core.audit import Action, audit_record
from opbouw.core.forms import add_service_errors, error_text
from opbouw.core.text import parse_int, query_text
from opbouw.methods import booklet, selectors, services
from opbouw.methods.forms import ExampleForm, InterventionForm, OfferForm
from opbouw.methods.models import Intervention
from opbouw.organisations.models import Organisation


def _filters(request: HttpRequest) -> dict:
    """Organisation, district and year from the query string; nonsense is ignored."""
    principal = request.principal
    org_id = parse_int(query_text(request.GET, "organisatie", 10))
    organisation = (scopes.organisations(principal).filter(pk=org_id).first()
                    if org_id is not None else None)
    area_code = query_text(request.GET, "gebied", 12).upper()
    area = scopes.areas(principal).filter(code=area_code).first() if area_code else None
    year = parse_int(query_text(request.GET, "jaar", 4), max_digits=4)
    year = year if year is not None and 2000 <= year <= 2100 else None
    return {"organisation": organisation, "area": area, "year": year}


def _filter_choices(principal) -> dict:
    return {
        "organisations": scopes.organisations(principal).filter(
            kind=Organisation.Kind.PROVIDER).order_by("name"),
        "districts": scopes.areas(principal).filter(
            level__in=[Area.Level.DISTRICT, Area.Level.MUNICIPALITY]).order_by("path"),
    }


@login_required
def index(request: HttpRequest) -> HttpResponse:
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
def intervention_detail(request: HttpRequest, pk: int) -> HttpResponse:
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
    return scopes.areas(principal).filter(
        level__in=[Area.Level.DISTRICT, Area.Level.NEIGHBOURHOOD]).order_by("path")


@role_required(Role.MANAGER, Role.ANALYST)
def intervention_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    principal = request.principal
    intervention = selectors.intervention_get(principal, pk) if pk else None
    if intervention is not None and not scopes.can_edit_intervention(principal, intervention):
        raise PermissionDenied
    owners = scopes.organisations(principal).filter(kind=Organisation.Kind.PROVIDER)
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
            saved = services.intervention_save(actor=request.user, intervention=intervention,
                                               request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect("methods:intervention", pk=saved.pk)
    return render(request, "methods/intervention_form.html", {"form": form,
                                                               "intervention": intervention})


@require_POST
@role_required(Role.ANALYST)
def intervention_publish(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = selectors.intervention_get(request.principal, pk)
    action = query_text(request.POST, "actie", 20)
    if action not in ("publiceren", "concept"):
        messages.error(request, _("Onbekende handeling; er is niets veranderd."))
        return redirect("methods:intervention", pk=pk)
    publish = action == "publiceren"
    services.intervention_publish(actor=request.user, intervention=intervention,
                                  publish=publish, request=request)
    messages.success(request, _("Gepubliceerd.") if publish else _("Teruggezet naar concept."))
    return redirect("methods:intervention", pk=pk)


@require_POST
@role_required(Role.MANAGER, Role.ANALYST)
def offer_add(request: HttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    intervention = selectors.intervention_get(principal, pk)
    if intervention.status != Intervention.Status.PUBLISHED:
        messages.error(request, _("Alleen gepubliceerde interventies kunnen worden aangeboden."))
        return redirect("methods:intervention", pk=pk)
    organisation = get_visible_or_404(
        scopes.organisations(principal),
        pk=parse_int(query_text(request.POST, "organisatie", 10)) or 0)
    if not scopes.can_manage_offers_of(principal, organisation.pk):
        raise PermissionDenied
    form = OfferForm(request.POST, areas=_offer_areas(principal))
    if form.is_valid():
        try:
            services.offer_save(actor=request.user, organisation=organisation,
                                intervention=intervention, request=request,
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
def example_add(request: HttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    intervention = selectors.intervention_get(principal, pk)
    if not scopes.can_manage_offers_of(principal, intervention.owner_id):
        raise PermissionDenied
    form = ExampleForm(request.POST, areas=_offer_areas(principal))
    if form.is_valid():
        try:
            services.example_add(actor=request.user, intervention=intervention,
                                 request=request, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, _("Voorbeeld niet toegevoegd: ") + error_text(exc))
        else:
            messages.success(request, _("Praktijkvoorbeeld toegevoegd."))
    else:
        messages.error(request, _("Voorbeeld niet toegevoegd: ") + error_text(form))
    return redirect("methods:intervention", pk=pk)


@require_POST
@role_required(Role.MANAGER, Role.ANALYST)
def offer_delete(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_visible_or_404(scopes.offers(request.principal), pk=pk)
    if not scopes.can_manage_offers_of(request.principal, offer.organisation_id):
        raise PermissionDenied
    intervention_id = offer.intervention_id
    services.offer_delete(actor=request.user, offer=offer, request=request)
    messages.success(request, _("Aanbod verwijderd."))
    return redirect("methods:intervention", pk=intervention_id)


@login_required
def matrix(request: HttpRequest) -> HttpResponse:
    principal = request.principal
    filters = _filters(request)
    grid = selectors.matrix(principal, organisation_id=getattr(filters["organisation"], "pk",
                                                               None),
                            area=filters["area"], year=filters["year"])
    return render(request, "methods/matrix.html", {"grid": grid, **filters,
                                                    **_filter_choices(principal)})


@login_required
def overlap(request: HttpRequest) -> HttpResponse:
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


@login_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = selectors.export_rows(request.principal)
    audit_record(action=Action.EXPORT, actor=request.user, request=request,
                 detail=f"methoden {fmt}")
    if fmt == "json":
        body = json.dumps({"format": "opbouw-methoden/1", "interventions": rows},
                          ensure_ascii=False, indent=2)
        content_type = "application/json; charset=utf-8"
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        columns = ["name", "kind", "summary", "rungs", "themes", "target", "aims",
                   "target_groups", "functions", "evidence_level", "owner", "offers"]
        writer.writerow(columns)
        for row in rows:
            writer.writerow([
                _safe_cell("; ".join(map(str, row[c]))) if isinstance(row[c], list)
                and c != "offers" else _safe_cell(str(row[c] or "")) if c != "offers"
                else _safe_cell("; ".join(f"{o['organisation']}: {','.join(o['areas'])}"
                                          for o in row["offers"]))
                for c in columns])
        body = "\ufeff" + out.getvalue()
        content_type = "text/csv; charset=utf-8"
    else:
        body = booklet.booklet_pdf(rows)
        content_type = "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"methoden.{fmt}")
    return response


def _safe_cell(text: str) -> str:
    """Spreadsheets run cells starting with =, +, - or @ as formulas: not ours."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
def reference(request: HttpRequest) -> HttpResponse:
    principal = request.principal
    if request.method == "POST":
        if not scopes.can_edit_reference_terms(principal):
            raise PermissionDenied
        try:
            services.term_save(actor=request.user, request=request,
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
