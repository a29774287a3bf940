"""Pages of instruments: everyone signed in reads them, analysts change them.

A change to an instrument a round uses lands in a new version; the page says so.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from opbouw.access.actor import actor_from
from opbouw.access.decorators import login_required, role_required
from opbouw.access.request import AuthedHttpRequest
from opbouw.access.roles import Role
from opbouw.access.shortcuts import get_visible_or_404
from opbouw.core.forms import add_service_errors
from opbouw.core.text import query_text
from opbouw.measurements import instruments as services
from opbouw.measurements import scopes, selectors
from opbouw.measurements.forms import (
    DimensionForm,
    InstrumentCreateForm,
    InstrumentForm,
    ItemForm,
    ScaleForm,
)
from opbouw.measurements.models import AnswerScale, Dimension, Instrument, Item


@login_required
def instrument_list(request: AuthedHttpRequest) -> HttpResponse:
    include_retired = query_text(request.GET, "vervallen", 1) == "1"
    return render(request, "measurements/instrument_list.html", {
        "instruments": selectors.instruments_list(request.principal,
                                                  include_retired=include_retired),
        "include_retired": include_retired,
        "can_edit": scopes.can_edit_instruments(request.principal),
    })


@login_required
def instrument_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    instrument = selectors.instrument_get(request.principal, pk)
    return render(request, "measurements/instrument_detail.html", {
        "instrument": instrument,
        "versions": selectors.instrument_versions(instrument),
        "in_use": services.instrument_in_use(instrument),
        "can_edit": scopes.can_edit_instruments(request.principal),
    })


def _after_change(request: AuthedHttpRequest, before: Instrument,
                  after: Instrument) -> HttpResponse:
    if after.pk != before.pk:
        messages.warning(request, _(
            "Dit instrument wordt al gebruikt in een meetronde. Uw wijziging staat daarom in "
            "versie %(new)s; meetrondes met versie %(old)s houden die versie.")
            % {"new": after.version, "old": before.version})
    else:
        messages.success(request, _("Opgeslagen."))
    return redirect("measurements:instrument", pk=after.pk)


def _form_page(request: AuthedHttpRequest, form, instrument: Instrument | None,
               title: str) -> HttpResponse:
    return render(request, "measurements/instrument_form.html", {
        "form": form, "instrument": instrument, "title": title,
        "in_use": instrument is not None and services.instrument_in_use(instrument)})


@role_required(Role.ANALYST)
def instrument_create(request: AuthedHttpRequest) -> HttpResponse:
    form = InstrumentCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.instrument_create(actor=actor_from(request),
                                                 **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Instrument aangemaakt als concept. Voeg nu "
                                        "antwoordschalen, dimensies en vragen toe."))
            return redirect("measurements:instrument", pk=created.pk)
    return _form_page(request, form, None, _("Nieuw instrument"))


@role_required(Role.ANALYST)
def instrument_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    instrument = selectors.instrument_get(request.principal, pk)
    form = InstrumentForm(request.POST if request.method == "POST" else None, initial={
        "name": instrument.name, "purpose": instrument.purpose, "source": instrument.source,
        "status": instrument.status})
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.instrument_update(actor=actor_from(request), instrument=instrument,
                                               **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _after_change(request, instrument, saved)
    return _form_page(request, form, instrument, _("Instrument bewerken"))


@role_required(Role.ANALYST)
def instrument_version(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Ask first (GET: what a new version does, and to which open rounds); make it on POST."""
    instrument = selectors.instrument_get(request.principal, pk)
    if request.method == "POST":
        new = services.instrument_new_version(actor=actor_from(request), instrument=instrument)
        messages.success(request, _("Versie %(v)s gemaakt.") % {"v": new.version})
        return redirect("measurements:instrument", pk=new.pk)
    return render(request, "measurements/instrument_version.html", {
        "instrument": instrument,
        **selectors.version_handover(request.principal, instrument)})


def _part(model, instrument: Instrument, part_id: int | None):
    if part_id is None:
        return None
    return get_visible_or_404(model.objects.filter(instrument=instrument), pk=part_id)


@role_required(Role.ANALYST)
def dimension_edit(request: AuthedHttpRequest, pk: int, dimension_id: int | None = None
                   ) -> HttpResponse:
    instrument = selectors.instrument_get(request.principal, pk)
    dimension = _part(Dimension, instrument, dimension_id)
    initial = {"result_min": Decimal(1), "result_max": Decimal(5), "higher_is_better": True,
               "position": instrument.dimensions.count()}
    if dimension is not None:
        initial = {f: getattr(dimension, f) for f in (
            "code", "name", "description", "rule", "threshold", "result_min", "result_max",
            "higher_is_better", "position")}
    form = DimensionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.dimension_save(actor=actor_from(request), instrument=instrument,
                                            dimension=dimension,
                                            **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _after_change(request, instrument, saved.instrument)
    return _form_page(request, form, instrument,
                      _("Dimensie bewerken") if dimension else _("Dimensie toevoegen"))


@role_required(Role.ANALYST)
def item_edit(request: AuthedHttpRequest, pk: int, item_id: int | None = None) -> HttpResponse:
    instrument = selectors.instrument_get(request.principal, pk)
    item = _part(Item, instrument, item_id)
    initial = {"required": True, "position": instrument.items.count()}
    if item is not None:
        initial = {f: getattr(item, f) for f in (
            "code", "text", "hint", "scale", "dimension", "reverse_scored", "required",
            "position")}
    form = ItemForm(request.POST if request.method == "POST" else None, initial=initial,
                    instrument=instrument)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.item_save(actor=actor_from(request), instrument=instrument, item=item,
                                       **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _after_change(request, instrument, saved.instrument)
    return _form_page(request, form, instrument,
                      _("Vraag bewerken") if item else _("Vraag toevoegen"))


@role_required(Role.ANALYST)
def scale_edit(request: AuthedHttpRequest, pk: int, scale_id: int | None = None) -> HttpResponse:
    instrument = selectors.instrument_get(request.principal, pk)
    scale = _part(AnswerScale, instrument, scale_id)
    initial = None
    if scale is not None:
        initial = {"code": scale.code, "name": scale.name, "options": "\n".join(
            f"{o.value} = {o.label}" for o in scale.options.all())}
    form = ScaleForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.scale_save(actor=actor_from(request), instrument=instrument,
                                        scale=scale, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _after_change(request, instrument, saved.instrument)
    return _form_page(request, form, instrument,
                      _("Antwoordschaal bewerken") if scale else _("Antwoordschaal toevoegen"))
