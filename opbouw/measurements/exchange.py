"""Import of ODK Central and KoboToolbox exports (CSV or XLSX) into a measurement round.

Reading a file (``import_plan``) writes nothing: it returns an ``ImportPlan`` with the matched
columns, the unknown ones, the problems per row and the rows that would be imported. Only
``responses_import`` writes, through ``services.responses_add``: all rows or none.

What is read:

- **Columns** match an item by its code (the XLSForm field name), also behind a group prefix
  (Kobo ``groep/sc_1``, ODK Central ``groep-sc_1``), or by its question text (case and
  spaces do not count), as Kobo writes it with "labels" as headers. The submission id is the
  first of ``_uuid``, ``meta/instanceID``, ``instanceID``, ``KEY`` found (a leading ``uuid:``
  does not count); the time of a submission comes from ``_submission_time``,
  ``SubmissionDate`` or ``end``. Other metadata of ODK and Kobo is passed over; everything
  else is an unknown column, listed in the preview. Without any item column the file is
  refused. A plain spreadsheet with one column per item and no id column is accepted too:
  then every row is new, also on a second import.
- **Answers** are the option's value (the choice name in the XLSForm) or its label.
- **CSV** in UTF-8, UTF-16 with BOM or Windows-1252 (``core.csvread``, the one CSV reader),
  separated by ``,``, ``;`` or tabs: the separator under which the header matches the most
  columns wins, then ``csv.Sniffer``'s guess, then the one the header line holds most.
  **XLSX**: the sheet whose header matches the most item columns (the first on a tie).
- **Mapping** (``ColumnMapping``, proposed by mapping.py and confirmed by the user when not
  everything matched exactly): which column holds which item, what an answer label means
  (a value, or "geen antwoord"), and, with a neighbourhood column holding several places,
  which places' rows belong to the round (the others are counted and left out; with no
  choice made nothing can be imported).
- **Rows**: a row whose submission id the round already holds is skipped (counted, not a
  problem); a row repeating an id of an earlier row or an unknown answer is a problem, and
  with any problem nothing is imported. A row with an empty required item, or without any
  answer, is incomplete: it is left out only when the user presses the button that says so.
- **Limits**: at most ``MAX_BYTES`` (2 MB) and ``MAX_ROWS`` (5,000) rows per file, so the
  rows to import fit in the session between preview and confirmation (views_exchange.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opbouw.access.actor import Actor
from opbouw.core import audit
from opbouw.core.csvread import (
    BrokenCsv,
    UnreadableFile,
    decode_csv_bytes,
    records,
    sniff_delimiter,
)
from opbouw.core.formats import number_text
from opbouw.measurements import services
from opbouw.measurements.models import Item, MeasurementRound, Response
from opbouw.measurements.xlsform import INTRO_NOTE, METADATA_FIELDS

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 500
MAX_PROBLEMS_SHOWN = 200

# Submission ids, most specific first; all lower case (headers are compared so).
ID_COLUMNS = ("_uuid", "meta/instanceid", "meta-instanceid", "instanceid", "key")
TIME_COLUMNS = ("_submission_time", "submissiondate", "end")
# Metadata ODK Central, ODK Briefcase and KoboToolbox add to an export, besides every column
# whose name starts with "_" (Kobo) or "meta/", "meta-", "formhub/" (ODK, Kobo).
METADATA_COLUMNS = frozenset({
    *ID_COLUMNS, *TIME_COLUMNS, *METADATA_FIELDS, INTRO_NOTE, "today", "deviceid",
    "subscriberid", "simserial", "phonenumber", "username", "email", "audit",
    "instancename", "submitterid", "submittername", "attachmentspresent",
    "attachmentsexpected", "status", "reviewstate", "edits", "formversion", "__version__",
    "start-geopoint",
})
METADATA_PREFIXES = ("_", "meta/", "meta-", "formhub/", "formhub-")


class ImportFileError(ValueError):
    """The file cannot be read at all, or is not an export of this instrument."""


def normalise(text: Any) -> str:
    """Text compared without regard to case and runs of spaces."""
    return " ".join(str(text).split()).casefold()


def submission_key(value: Any) -> str:
    """A submission id as stored: stripped, without ODK's ``uuid:``, at most 100 long."""
    text = _cell_text(value)
    if text.casefold().startswith("uuid:"):
        text = text[5:].strip()
    return text[:100]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


# Reading the file ------------------------------------------------------------------------

@dataclass
class Table:
    """The cells of an uploaded file: its header and (row number, cells) per data row."""

    header: list[str]
    rows: list[tuple[int, list[Any]]]
    kind: str = "csv"  # or "xlsx"
    sheet: str = ""
    delimiter: str = ""

    def as_stash(self) -> dict[str, Any]:
        """The table as JSON for the session between upload and confirmation: cells as text,
        metadata other than submission id and time left out (who submitted, notes, tags)."""
        keep = [not _is_metadata(h) or h.strip().casefold() in (*ID_COLUMNS, *TIME_COLUMNS)
                for h in self.header]
        return {"header": self.header, "kind": self.kind, "sheet": self.sheet,
                "delimiter": self.delimiter,
                "rows": [[number, [_cell_text(c) if i < len(keep) and keep[i] else ""
                                   for i, c in enumerate(cells)]]
                         for number, cells in self.rows]}

    @classmethod
    def from_stash(cls, data: Mapping[str, Any]) -> Table:
        return cls(header=list(data["header"]), kind=data["kind"], sheet=data["sheet"],
                   delimiter=data["delimiter"],
                   rows=[(int(number), list(cells)) for number, cells in data["rows"]])


@dataclass
class ColumnMapping:
    """Which column holds which question, what answer labels mean, and which rows' place
    (neighbourhood) belongs to the round; see mapping.py."""

    columns: dict[str, int]  # item code -> column index
    # scale code -> {normalised answer label: value, or None for "geen antwoord"}
    answers: dict[str, dict[str, int | None]] = field(default_factory=dict)
    place_column: int | None = None
    places: frozenset[str] | None = None  # the chosen normalised places; None: not chosen


class _Columns:
    """How the header of a file matches the items of an instrument."""

    def __init__(self, items: Sequence[Item]) -> None:
        self.by_code = {i.code.casefold(): i for i in items}
        labels: dict[str, list[Item]] = {}
        for item in items:
            labels.setdefault(normalise(item.text), []).append(item)
        # A question text two items share cannot tell them apart: such labels do not match.
        self.by_label = {text: found[0] for text, found in labels.items() if len(found) == 1}

    def match(self, header: str) -> tuple[Item | None, bool]:
        """The item a column holds, and whether its header is the question text."""
        name = header.strip().casefold()
        if not name:
            return None, False
        # A group prefix: Kobo writes "groep/sc_1", ODK Central "groep-sc_1".
        for candidate in (name, name.rsplit("/", 1)[-1], name.rsplit("-", 1)[-1]):
            if candidate.strip() in self.by_code:
                return self.by_code[candidate.strip()], False
        for text in (normalise(header), normalise(header.rsplit("/", 1)[-1])):
            if text in self.by_label:
                return self.by_label[text], True
        return None, False

    def item(self, header: str) -> Item | None:
        return self.match(header)[0]

    def count(self, header: Iterable[str]) -> int:
        return len({i.pk for i in map(self.item, header) if i is not None})


def _is_metadata(header: str) -> bool:
    name = header.strip().casefold()
    return name in METADATA_COLUMNS or name.startswith(METADATA_PREFIXES)


def _not_empty(cells: Sequence[Any]) -> bool:
    return any(_cell_text(c) for c in cells)


def _read_csv(raw: bytes, columns: _Columns) -> Table:
    try:
        text = decode_csv_bytes(raw, max_bytes=MAX_BYTES)
    except UnreadableFile as exc:
        raise ImportFileError(str(exc)) from exc
    if not text.strip():
        raise ImportFileError(_("Het bestand is leeg."))
    delimiter = sniff_delimiter(text, score=columns.count)
    header: list[str] = []
    rows: list[tuple[int, list[Any]]] = []
    try:
        # A record's number is its row as a spreadsheet shows it (a quoted line break included).
        for record in records(text, delimiter=delimiter):
            if not header:
                header = [c.strip() for c in record.cells] if _not_empty(record.cells) else []
                continue
            if _not_empty(record.cells):
                rows.append((record.number, record.cells))
                if len(rows) > MAX_ROWS:
                    break
    except BrokenCsv as exc:
        raise ImportFileError(_(
            "Rij %(row)s is geen geldige CSV meer; controleer de aanhalingstekens.")
            % {"row": exc.record}) from exc
    return Table(header=header, rows=rows, kind="csv", delimiter=delimiter)


def _read_xlsx(raw: bytes, columns: _Columns) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken or foreign file
        raise ImportFileError(_(
            "Het bestand is geen leesbaar Excel-bestand (.xlsx). Sla het opnieuw op als .xlsx "
            "of als CSV.")) from exc
    try:
        best: tuple[int, int, Any, list[str]] | None = None
        for index, sheet in enumerate(book.worksheets):
            header = []
            for cells in sheet.iter_rows(max_row=20, values_only=True):
                if _not_empty(cells):
                    header = [_cell_text(c) for c in cells]
                    while header and not header[-1]:
                        header.pop()
                    header = header[:MAX_COLUMNS + 1]
                    break
            score = (columns.count(header), -index)
            if best is None or score > best[:2]:
                best = (*score, sheet, header)
        if best is None or not best[3]:
            raise ImportFileError(_("Het bestand is leeg."))
        sheet, header = best[2], best[3]
        rows: list[tuple[int, list[Any]]] = []
        seen_header = False
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if not seen_header:
                seen_header = _not_empty(cells)
                continue
            if _not_empty(cells):
                rows.append((number, list(cells[:len(header)])))
                if len(rows) > MAX_ROWS:
                    break
        return Table(header=header, rows=rows, kind="xlsx", sheet=sheet.title)
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(_(
            "Het bestand is geen leesbaar Excel-bestand (.xlsx). Sla het opnieuw op als .xlsx "
            "of als CSV.")) from exc
    finally:
        book.close()


def read_table(name: str, raw: bytes, items: Sequence[Item]) -> Table:
    """The cells of an uploaded CSV or XLSX file; ImportFileError when it cannot be read."""
    if not raw or not raw.strip():
        raise ImportFileError(_("Het bestand is leeg."))
    if len(raw) > MAX_BYTES:
        raise ImportFileError(_("Het bestand is groter dan 2 MB. Splits het in delen van "
                                "hoogstens %(n)s rijen.") % {"n": number_text(MAX_ROWS)})
    columns = _Columns(items)
    if raw.startswith(b"PK\x03\x04"):
        table = _read_xlsx(raw, columns)
    elif raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(_("Dit is een oud Excel-bestand (.xls). Sla het op als .xlsx of "
                                "als CSV en kies het opnieuw."))
    elif name.lower().endswith((".xlsx", ".xlsm")):
        raise ImportFileError(_("Het bestand is geen leesbaar Excel-bestand (.xlsx). Sla het "
                                "opnieuw op als .xlsx of als CSV."))
    else:
        table = _read_csv(raw, columns)
    while table.header and not table.header[-1]:  # empty columns a spreadsheet carries
        table.header.pop()
    if not table.header:
        raise ImportFileError(_("Het bestand is leeg."))
    if len(table.header) > MAX_COLUMNS:
        raise ImportFileError(_("Het bestand heeft meer dan %(n)s kolommen; dit is geen "
                                "export van een vragenlijst.") % {"n": MAX_COLUMNS})
    if len(table.rows) > MAX_ROWS:
        raise ImportFileError(_("Het bestand heeft meer dan %(n)s rijen. Splits het in "
                                "delen.") % {"n": number_text(MAX_ROWS)})
    return table


# Planning the import ---------------------------------------------------------------------

@dataclass(frozen=True)
class RowProblem:
    row: int
    item: str
    message: str


@dataclass(frozen=True)
class MatchedColumn:
    header: str
    item: Item
    by_label: bool


@dataclass
class ImportPlan:
    """What importing a file would do; nothing of it is written yet."""

    file_name: str
    digest: str
    table_kind: str
    sheet: str = ""
    delimiter: str = ""
    total_rows: int = 0
    matched: list[MatchedColumn] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    duplicate_columns: list[tuple[str, str]] = field(default_factory=list)  # (header, code)
    metadata_columns: list[str] = field(default_factory=list)
    id_column: str = ""
    missing_required: list[Item] = field(default_factory=list)
    missing_optional: list[Item] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    # Rows with an unanswered required question, or no answer at all: imported only when the
    # user chooses to skip them, never silently.
    incomplete: list[RowProblem] = field(default_factory=list)
    place_column: str = ""
    place_values: list[tuple[str, int]] = field(default_factory=list)  # (value, rows)
    mixed_places: bool = False  # more than one place and none chosen: nothing can go in
    places_chosen: list[str] = field(default_factory=list)
    other_place_rows: int = 0
    already_imported: int = 0
    rows_without_id: int = 0
    # Rows ready to import: (row number, submission id, submitted at as ISO text or "",
    # {item code: value}).
    rows: list[tuple[int, str, str, dict[str, int]]] = field(default_factory=list)

    @property
    def can_import(self) -> bool:
        return (bool(self.rows) and not self.problems and not self.missing_required
                and not self.mixed_places)

    @property
    def import_count(self) -> int:
        return len(self.rows) if self.can_import else 0

    @property
    def problem_rows(self) -> int:
        return len({p.row for p in self.problems})

    @property
    def incomplete_rows(self) -> int:
        return len({p.row for p in self.incomplete})

    @property
    def incomplete_shown(self) -> list[RowProblem]:
        return self.incomplete[:MAX_PROBLEMS_SHOWN]

    @property
    def places_text(self) -> str:
        """The places of the file with their rows: "Oude Westen (40 rijen), Cool (1 rij)"."""
        return ", ".join(ngettext("%(place)s (%(n)s rij)", "%(place)s (%(n)s rijen)", n)
                         % {"place": place or _("leeg"), "n": number_text(n)}
                         for place, n in self.place_values)

    @property
    def problems_shown(self) -> list[RowProblem]:
        return self.problems[:MAX_PROBLEMS_SHOWN]

    @property
    def problems_hidden(self) -> int:
        return max(0, len(self.problems) - MAX_PROBLEMS_SHOWN)


def _options(item: Item) -> tuple[set[int], dict[str, int]]:
    options = list(item.scale.options.all())
    values = {o.value for o in options}
    labels: dict[str, list[int]] = {}
    for o in options:
        labels.setdefault(normalise(o.label), []).append(o.value)
    return values, {k: v[0] for k, v in labels.items() if len(v) == 1}


def _as_value(raw: Any) -> int | None:
    """A cell as a whole number: 3, 3.0, "3", " 3 ", "3.0", "3,0"; else None."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float | Decimal):
        return int(raw) if math.isfinite(raw) and raw == int(raw) else None
    text = str(raw).strip()
    for zero in (".0", ",0"):
        if text.endswith(zero):
            text = text[:-2]
    digits = text[1:] if text.startswith("-") else text
    if digits and digits.isascii() and digits.isdigit() and len(digits) <= 6:
        return int(text)
    return None


def _answer(raw: Any, values: set[int], labels: Mapping[str, int]) -> int | None:
    value = _as_value(raw)
    if value is not None and value in values:
        return value
    return labels.get(normalise(_cell_text(raw)))


def _submitted_at(raw: Any) -> str:
    """A submission time as ISO text, or "" when the cell holds none we can read."""
    moment: dt.datetime | None
    if isinstance(raw, dt.datetime):
        moment = raw
    else:
        text = _cell_text(raw).replace(" ", "T", 1)
        try:
            moment = parse_datetime(text) if text else None
        except ValueError:
            moment = None
    if moment is None:
        return ""
    if timezone.is_naive(moment):  # Kobo's _submission_time and ODK's SubmissionDate: UTC
        moment = moment.replace(tzinfo=dt.UTC)
    if moment > timezone.now() + dt.timedelta(days=1) or moment.year < 2000:
        return ""
    return moment.isoformat()


def _short(value: Any) -> str:
    text = _cell_text(value)
    return text if len(text) <= 40 else f"{text[:37]}..."


def no_columns_message(measurement_round: MeasurementRound, items: Sequence[Item]) -> str:
    return _(
        "Geen enkele kolom van het bestand hoort bij een vraag van %(instrument)s. Is dit "
        "een export van dit instrument? De kolomnamen moeten de veldnamen zijn (zoals "
        "%(example)s) of de vragen zelf.") % {
            "instrument": measurement_round.instrument.name,
            "example": ", ".join(i.code for i in items[:3])}


def import_plan(measurement_round: MeasurementRound, *, name: str, raw: bytes,
                mapping: ColumnMapping | None = None) -> ImportPlan:
    """Read an uploaded file and work out what importing it into the round would do; without
    a mapping, with what matches exactly (mapping.py).

    Raises ImportFileError when the file cannot be read, is empty, has only a header, or has
    no column of the round's instrument.
    """
    from opbouw.measurements import mapping as matching

    items = services.round_items(measurement_round)
    table = read_table(name, raw, items)
    if mapping is None:
        mapping = matching.propose(measurement_round, table, items).exact
    return plan_table(measurement_round, table, mapping, file_name=name,
                      digest=hashlib.sha256(raw).hexdigest(), items=items)


def plan_table(measurement_round: MeasurementRound, table: Table, mapping: ColumnMapping, *,
               file_name: str, digest: str, items: Sequence[Item] | None = None) -> ImportPlan:
    """What importing a read file with this mapping would do (nothing is written)."""
    if items is None:
        items = services.round_items(measurement_round)
    by_code = {i.code: i for i in items}
    plan = ImportPlan(file_name=file_name[:200], digest=digest, table_kind=table.kind,
                      sheet=table.sheet, delimiter=table.delimiter)
    item_index: dict[str, tuple[int, Item]] = {}
    for code, index in sorted(mapping.columns.items(), key=lambda c: c[1]):
        if code in by_code and index < len(table.header):
            item_index[code] = (index, by_code[code])
    exact = _Columns(items)
    for index, item in item_index.values():
        header = table.header[index]
        plan.matched.append(MatchedColumn(header=header[:100], item=item,
                                          by_label=exact.match(header) != (item, False)))
    used = {index for index, _item in item_index.values()}
    id_indexes: dict[str, int] = {}
    time_indexes: dict[str, int] = {}
    for index, header in enumerate(table.header):
        name_lower = header.strip().casefold()
        if index in used:
            continue
        if index == mapping.place_column:
            plan.place_column = header[:100]
        elif (found := exact.item(header)) is not None and found.code in item_index:
            plan.duplicate_columns.append((header[:100], found.code))
        elif _is_metadata(header):
            plan.metadata_columns.append(header)
            if name_lower in ID_COLUMNS:
                id_indexes.setdefault(name_lower, index)
            if name_lower in TIME_COLUMNS:
                time_indexes.setdefault(name_lower, index)
        elif header.strip():
            plan.unknown_columns.append(header[:100])
        elif any(_cell_text(cells[index]) for _n, cells in table.rows if index < len(cells)):
            plan.unknown_columns.append(_("(kolom %(n)s, zonder naam)") % {"n": index + 1})
    if not item_index:
        raise ImportFileError(no_columns_message(measurement_round, items))
    if not table.rows:
        raise ImportFileError(_("Het bestand heeft alleen een kopregel en geen antwoorden."))
    plan.total_rows = len(table.rows)
    id_index = next((id_indexes[c] for c in ID_COLUMNS if c in id_indexes), None)
    time_index = next((time_indexes[c] for c in TIME_COLUMNS if c in time_indexes), None)
    if id_index is not None:
        plan.id_column = table.header[id_index]
    for item in items:
        if item.code not in item_index:
            (plan.missing_required if item.required else plan.missing_optional).append(item)
    existing = {submission_key(s) for s in measurement_round.responses.exclude(
        submission_id="").values_list("submission_id", flat=True)}
    first_row_of: dict[str, int] = {}
    options = {item.code: _options(item) for _i, item in item_index.values()}

    def cell(cells: list[Any], index: int | None) -> Any:
        return cells[index] if index is not None and index < len(cells) else None

    place = mapping.place_column
    if place is not None:
        counts: dict[str, tuple[str, int]] = {}
        for _number, cells in table.rows:
            text = _cell_text(cell(cells, place))
            shown, n = counts.get(normalise(text), (text[:100], 0))
            counts[normalise(text)] = (shown, n + 1)
        plan.place_values = sorted(counts.values(), key=lambda v: (-v[1], v[0]))
        if len(counts) > 1 and not mapping.places:
            plan.mixed_places = True
        elif mapping.places:
            plan.places_chosen = [counts[k][0] or _("leeg")
                                  for k in sorted(mapping.places) if k in counts]

    for number, cells in table.rows:
        if (place is not None and mapping.places
                and normalise(_cell_text(cell(cells, place))) not in mapping.places):
            plan.other_place_rows += 1
            continue
        sid = submission_key(cell(cells, id_index))
        if sid and sid in existing:
            plan.already_imported += 1
            continue
        problems: list[RowProblem] = []
        gaps: list[RowProblem] = []
        if sid and sid in first_row_of:
            problems.append(RowProblem(number, "", _(
                "dezelfde inzending (id %(id)s) staat ook in rij %(row)s")
                % {"id": _short(sid), "row": first_row_of[sid]}))
        elif sid:
            first_row_of[sid] = number
        answers: dict[str, int] = {}
        for code, (index, item) in item_index.items():
            raw_value = cell(cells, index)
            text = _cell_text(raw_value)
            meanings = mapping.answers.get(item.scale.code) or {}
            if text and normalise(text) in meanings:
                value = meanings[normalise(text)]
                if value is not None:
                    answers[code] = value
                    continue
                text = ""  # mapped to "geen antwoord"
            if not text:
                if item.required:
                    gaps.append(RowProblem(number, code, _(
                        "verplichte vraag is niet beantwoord")))
                continue
            chosen = _answer(raw_value, *options[code])
            if chosen is None:
                problems.append(RowProblem(number, code, _(
                    "onbekend antwoord “%(answer)s”; kies uit %(allowed)s of de "
                    "labels daarvan") % {
                        "answer": _short(raw_value),
                        "allowed": ", ".join(str(v) for v in sorted(options[code][0]))}))
                continue
            answers[code] = chosen
        if not answers and not problems:
            gaps.append(RowProblem(number, "", _("er is geen enkele vraag beantwoord")))
        if problems:
            plan.problems += problems + gaps
            continue
        if gaps:
            plan.incomplete += gaps
            continue
        if not sid:
            plan.rows_without_id += 1
        plan.rows.append((number, sid, _submitted_at(cell(cells, time_index)), answers))
    return plan


# Writing ---------------------------------------------------------------------------------

@transaction.atomic
def responses_import(*, actor: Actor, measurement_round: MeasurementRound,
                     rows: Sequence[Sequence[Any]], file_name: str = "") -> dict[str, int]:
    """Import the rows of a plan (``ImportPlan.rows``): all or nothing.

    Rows whose submission id the round holds by now are skipped; any other problem raises a
    ValidationError and nothing is written.
    """
    if not rows:
        raise ValidationError(_("Er is niets om te importeren."))
    prepared = []
    for _number, sid, submitted_at, answers in rows:
        moment = parse_datetime(submitted_at) if submitted_at else None
        prepared.append({"answers": dict(answers), "submission_id": sid,
                         "submitted_at": moment})
    result = services.responses_add(actor=actor, measurement_round=measurement_round,
                                    rows=prepared, source=Response.Source.IMPORT)
    detail = ngettext("%(n)s rij geïmporteerd", "%(n)s rijen geïmporteerd",
                      result["added"]) % {"n": number_text(result["added"])}
    if result["skipped"]:
        detail += f", {number_text(result['skipped'])} al eerder geïmporteerd"
    if file_name:
        detail += f" ({file_name[:100]})"
    audit.audit_record(action=audit.Action.CREATE, actor=actor.user, ip=actor.ip,
                       obj=measurement_round, detail=detail)
    return result


# The form's own export shape -------------------------------------------------------------

def responses_as_kobo_csv(measurement_round: MeasurementRound, *, delimiter: str = ",",
                          labels: bool = False) -> str:
    """The round's responses as KoboToolbox exports a submission list of the XLSForm
    (xlsform.py): metadata, one column per item code, choice names (or, with ``labels``,
    question texts as headers and option labels as answers), ``_id``, ``_uuid`` and
    ``_submission_time``. For the round trip test, and for moving responses between
    installations."""
    items = services.round_items(measurement_round)
    option_labels = {i.code: {o.value: o.label for o in i.scale.options.all()} for i in items}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(["start", "end", *[i.text if labels else i.code for i in items],
                     "_id", "_uuid", "_submission_time", "_validation_status", "_index"])
    responses = measurement_round.responses.prefetch_related("answers__item").order_by(
        "number")
    for index, response in enumerate(responses, start=1):
        given = {a.item.code: a.value for a in response.answers.all()}
        sid = response.submission_id or str(uuid.uuid5(
            uuid.NAMESPACE_URL, f"opbouw:{measurement_round.pk}:{response.number}"))
        moment = timezone.localtime(response.submitted_at).replace(microsecond=0)
        utc = response.submitted_at.astimezone(dt.UTC).replace(microsecond=0, tzinfo=None)
        cells = []
        for item in items:
            value = given.get(item.code)
            cells.append("" if value is None else
                         option_labels[item.code][value] if labels else str(value))
        writer.writerow([moment.isoformat(), moment.isoformat(), *cells, response.pk, sid,
                         utc.isoformat(), "", index])
    return out.getvalue()

