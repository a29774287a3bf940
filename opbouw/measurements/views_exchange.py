"""Exchange with ODK and KoboToolbox: an instrument as an XLSForm, and importing an export of
it into a measurement round (upload, preview, confirm).

Upload, then (when not everything matched exactly, or the file holds several
neighbourhoods) the mapping step (forms_exchange.py, mapping.py), then the preview, then the
confirmation. Between these steps the file's cells wait in the user's session
(``SESSION_KEY``) as text, without the metadata columns other than submission id and time,
never in the measurement tables; with them the round, the file's name and SHA-256 and a
random token every later form posts back. Only a preview without problems adds the rows to
import, already converted to {item code: value}; rows left incomplete are imported only by
pressing the button that says how many are skipped. The session is the database session of
Django (signed and compressed); the stash is removed on confirmation and whenever the upload
page is opened again, and ``exchange.MAX_BYTES`` / ``MAX_ROWS`` keep it small.
"""

from __future__ import annotations

import hashlib
import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from opbouw.access.actor import actor_from
from opbouw.access.decorators import login_required, role_required
from opbouw.access.request import AuthedHttpRequest
from opbouw.core.exports import export_response
from opbouw.core.formats import number_text
from opbouw.core.forms import error_text
from opbouw.core.text import query_text
from opbouw.measurements import exchange, mapping, scopes, selectors, services, xlsform
from opbouw.measurements.forms_exchange import MappingForm
from opbouw.measurements.models import MeasurementRound
from opbouw.measurements.views import MEMBER_ROLES

SESSION_KEY = "measurements_import"


@login_required
def instrument_xlsform(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Download an instrument as an XLSForm (.xlsx) for ODK Central or KoboToolbox."""
    instrument = selectors.instrument_get(request.principal, pk)
    return export_response(request=request, body=xlsform.instrument_xlsform(instrument),
                           fmt="xlsx", filename=xlsform.xlsform_filename(instrument),
                           detail="XLSForm", obj=instrument)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Bestand (CSV of Excel)"),
        help_text=gettext_lazy("De export uit KoboToolbox of ODK Central (CSV of .xlsx), of "
                               "een eigen spreadsheet met één kolom per vraag. Hoogstens "
                               "2 MB en 5.000 rijen."),
        error_messages={"required": gettext_lazy("Kies een bestand."),
                        "empty": gettext_lazy("Het bestand is leeg.")})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > exchange.MAX_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 2 MB. Splits het in delen "
                                          "van hoogstens %(n)s rijen.")
                                        % {"n": number_text(exchange.MAX_ROWS)})
        return upload


def _refusal(measurement_round: MeasurementRound) -> str:
    """Why nothing can be imported into this round, or ""."""
    if measurement_round.mode != MeasurementRound.Mode.RESPONSES:
        return _("In deze meetronde worden alleen totalen ingevoerd (n, gemiddelde, "
                 "verdeling). Een bestand met antwoorden per respondent kan hier niet in; "
                 "voer de totalen in of laat een meetronde per respondent aanmaken.")
    if not measurement_round.is_open:
        return _("Deze meetronde is gesloten; er kan niets meer bij. Een manager kan haar "
                 "weer openen.")
    return ""


def _round_for_import(request: AuthedHttpRequest, pk: int) -> MeasurementRound:
    measurement_round = selectors.round_get(request.principal, pk)
    if not scopes.can_enter_measurements(request.principal, measurement_round):
        raise PermissionDenied
    return measurement_round


@role_required(*MEMBER_ROLES)
def import_upload(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Choose a file; after the upload, the preview of what importing it would do."""
    measurement_round = _round_for_import(request, pk)
    request.session.pop(SESSION_KEY, None)
    refusal = _refusal(measurement_round)
    context = {"round": measurement_round, "refusal": refusal,
               "instrument": measurement_round.instrument}
    if refusal:
        return render(request, "measurements/import.html", context)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        raw = upload.read()
        items = services.round_items(measurement_round)
        try:
            table = exchange.read_table(upload.name or "", raw, items)
            proposal = mapping.propose(measurement_round, table, items,
                                       mapping.remembered(measurement_round, table.header))
            if not proposal.proposed.columns:
                raise exchange.ImportFileError(
                    exchange.no_columns_message(measurement_round, items))
            if not table.rows:
                raise exchange.ImportFileError(
                    _("Het bestand heeft alleen een kopregel en geen antwoorden."))
        except exchange.ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            stash = {"round": measurement_round.pk, "token": secrets.token_urlsafe(24),
                     "file": (upload.name or "")[:200],
                     "digest": hashlib.sha256(raw).hexdigest(), "table": table.as_stash()}
            request.session[SESSION_KEY] = stash
            if proposal.certain:
                return _preview(request, measurement_round, stash, table, proposal.proposed)
            return render(request, "measurements/import_mapping.html", {
                **context, "token": stash["token"], "file_name": stash["file"],
                "mapping_form": MappingForm(None, table=table, items=items,
                                            proposal=proposal)})
    return render(request, "measurements/import.html", {**context, "form": form})


def _preview(request: AuthedHttpRequest, measurement_round: MeasurementRound, stash: dict,
             table: exchange.Table, column_mapping: exchange.ColumnMapping) -> HttpResponse:
    """The preview of importing the stashed file with this mapping; stashes its rows when
    they can be imported."""
    context = {"round": measurement_round, "instrument": measurement_round.instrument,
               "refusal": ""}
    try:
        plan = exchange.plan_table(measurement_round, table, column_mapping,
                                   file_name=stash["file"], digest=stash["digest"])
    except exchange.ImportFileError as exc:
        request.session.pop(SESSION_KEY, None)
        form = ImportForm()
        form.add_error(None, str(exc))
        return render(request, "measurements/import.html", {**context, "form": form})
    stash = {key: stash[key] for key in ("round", "token", "file", "digest", "table")}
    if plan.can_import:
        stash["rows"] = [list(row) for row in plan.rows]
        stash["incomplete"] = plan.incomplete_rows
    request.session[SESSION_KEY] = stash
    return render(request, "measurements/import_preview.html", {
        **context, "plan": plan, "token": stash["token"] if plan.can_import else "",
        "mapping_token": stash["token"], "form": ImportForm()})


def _stash_for(request: AuthedHttpRequest, measurement_round: MeasurementRound) -> dict | None:
    """The stash of this round, when the posted token is its token."""
    stash = request.session.get(SESSION_KEY) or {}
    token = query_text(request.POST, "token", 64)
    if (stash.get("round") != measurement_round.pk or not token
            or not constant_time_compare(str(stash.get("token", "")), token)):
        return None
    return stash


def _expired(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    messages.error(request, _("Deze voorvertoning is verlopen of hoort bij een ander "
                              "bestand. Kies het bestand opnieuw."))
    return redirect("measurements:import", pk=pk)


@require_POST
@role_required(*MEMBER_ROLES)
def import_mapping(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Confirm which column is which question and what each answer means (or open that step
    again from the preview); then the preview."""
    measurement_round = _round_for_import(request, pk)
    stash = _stash_for(request, measurement_round)
    if stash is None or "table" not in stash:
        return _expired(request, pk)
    refusal = _refusal(measurement_round)
    if refusal:
        messages.error(request, refusal)
        return redirect("measurements:round", pk=pk)
    items = services.round_items(measurement_round)
    table = exchange.Table.from_stash(stash["table"])
    proposal = mapping.propose(measurement_round, table, items,
                               mapping.remembered(measurement_round, table.header))
    form = MappingForm(None if "aanpassen" in request.POST else request.POST, table=table,
                       items=items, proposal=proposal)
    if form.is_bound and form.is_valid():
        column_mapping = form.mapping()
        mapping.import_mapping_remember(actor=actor_from(request),
                                        measurement_round=measurement_round,
                                        header=table.header, mapping=column_mapping)
        return _preview(request, measurement_round, stash, table, column_mapping)
    return render(request, "measurements/import_mapping.html", {
        "round": measurement_round, "instrument": measurement_round.instrument,
        "token": stash["token"], "file_name": stash["file"], "mapping_form": form})


@require_POST
@role_required(*MEMBER_ROLES)
def import_confirm(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Import the rows of the preview, all at once."""
    measurement_round = _round_for_import(request, pk)
    stash = _stash_for(request, measurement_round)
    if stash is None or "rows" not in stash:
        return _expired(request, pk)
    if stash.get("incomplete") and request.POST.get("overslaan") != "1":
        # Incomplete rows are left out only when the user presses the button that says so.
        messages.error(request, _("Er zijn onvolledige rijen. Kies de knop die zegt hoeveel "
                                  "rijen worden overgeslagen, of verbeter het bestand."))
        return redirect("measurements:import", pk=pk)
    request.session.pop(SESSION_KEY, None)
    refusal = _refusal(measurement_round)
    if refusal:
        messages.error(request, refusal)
        return redirect("measurements:round", pk=pk)
    try:
        result = exchange.responses_import(
            actor=actor_from(request), measurement_round=measurement_round, rows=stash["rows"],
            file_name=stash.get("file", ""))
    except ValidationError as exc:
        messages.error(request, _("Niets geïmporteerd: %(why)s") % {"why": error_text(exc)})
        return redirect("measurements:import", pk=pk)
    text = ngettext("%(n)s respondent geïmporteerd.", "%(n)s respondenten geïmporteerd.",
                    result["added"]) % {"n": number_text(result["added"])}
    if result["skipped"]:
        text += " " + ngettext(
            "%(n)s rij was al eerder geïmporteerd en is overgeslagen.",
            "%(n)s rijen waren al eerder geïmporteerd en zijn overgeslagen.",
            result["skipped"]) % {"n": number_text(result["skipped"])}
    messages.success(request, text)
    return redirect("measurements:round", pk=pk)
