"""An instrument as an XLSForm for ODK and KoboToolbox (a workbook of the export layer).

The mapping is the one models.py describes: ``Instrument.code`` is the ``form_id`` and its
``version`` the form version; every answer scale an item uses is a choice list
(``AnswerScale.code`` = ``list_name``, ``ScaleOption.value`` = choice ``name``, its label the
choice ``label``); every item is a ``select_one`` question named by its code, with its text as
label, its hint and ``required`` yes or no. A ``start`` and ``end`` metadata field and a note
with the instrument's name open the form. No groups and no language columns, so exports of the
form carry the item codes as plain column names, which is what ``exchange.py`` reads back.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from opbouw.core.exports import TEXT, Column, Table, workbook_xlsx
from opbouw.measurements.models import AnswerScale, Instrument, Item

# The names the form uses besides the items; exchange.py treats them as metadata columns.
INTRO_NOTE = "toelichting_opbouw"
METADATA_FIELDS = ("start", "end")


def _items(instrument: Instrument) -> list[Item]:
    return list(instrument.items.select_related("scale").prefetch_related("scale__options")
                .order_by("position", "code"))


def xlsform_sheets(instrument: Instrument) -> dict[str, list[list[str]]]:
    """The three sheets as rows of text, header first: {"survey": ..., "choices": ...,
    "settings": ...}."""
    items = _items(instrument)
    intro = _("%(name)s. De vragenlijst is anoniem: vul geen namen of contactgegevens in.") % {
        "name": instrument.name}
    survey = [["type", "name", "label", "hint", "required"],
              ["start", "start", "", "", ""],
              ["end", "end", "", "", ""],
              ["note", INTRO_NOTE, intro, "", ""]]
    scales: dict[str, AnswerScale] = {}
    for item in items:
        scales.setdefault(item.scale.code, item.scale)
        survey.append([f"select_one {item.scale.code}", item.code, item.text, item.hint,
                       "yes" if item.required else "no"])
    choices = [["list_name", "name", "label"]]
    for code, scale in scales.items():
        options = sorted(scale.options.all(), key=lambda o: (o.position, o.value))
        choices += [[code, str(o.value), o.label] for o in options]
    settings = [["form_title", "form_id", "version"],
                [instrument.name, instrument.code, str(instrument.version)]]
    return {"survey": survey, "choices": choices, "settings": settings}


def instrument_xlsform(instrument: Instrument) -> bytes:
    """The XLSForm of an instrument as the bytes of an .xlsx file. Every cell is text (a
    version 1 stays "1", a label starting with = is no formula); the header is bold."""
    widths = {"label": 70, "hint": 40, "type": 28, "name": 22, "list_name": 22,
              "form_title": 40}
    return workbook_xlsx([
        Table(name=title, rows=rows[1:],
              columns=[Column(label, kind=TEXT, width=widths.get(label, 14))
                       for label in rows[0]])
        for title, rows in xlsform_sheets(instrument).items()])


def xlsform_filename(instrument: Instrument) -> str:
    return f"{instrument.code}-v{instrument.version}.xlsx"
