"""Lists as downloadable tables: CSV (Excel-friendly) or XLSX, every export in the audit log."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from opbouw.core.audit import audit_record
from opbouw.core.models import AuditEvent

FORMATS = ("csv", "xlsx")
# Spreadsheets run cells starting with these as formulas; exported text must stay text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: Any) -> Any:
    """Return the value for a spreadsheet cell; text that looks like a formula gets a quote."""
    if isinstance(value, str) and value[:1] in _FORMULA_STARTS:
        return "'" + value
    return value


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nee")


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal | float):
        return str(value).replace(".", ",")  # Dutch Excel reads a decimal comma
    return str(safe_text(value))


def _csv_cell() -> Callable[[Any], Any]:
    """``_csv_value`` with a fast path for the common cells (text, whole numbers, yes/no,
    translated once): an export of a year's logbook has hundreds of thousands of cells."""
    yes, no = _yes_no(True), _yes_no(False)

    def cell(value: Any) -> Any:
        kind = type(value)
        if kind is str:
            return "'" + value if value[:1] in _FORMULA_STARTS else value
        if kind is int:
            return value  # the writer writes str(value), as _csv_value would
        if kind is bool:
            return yes if value else no
        return _csv_value(value)

    return cell


def table_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """Semicolon-separated UTF-8 with BOM, as Dutch Excel opens it without asking."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([str(h) for h in header])
    cell = _csv_cell()
    writer.writerows([cell(v) for v in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def table_xlsx(header: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([str(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        # Cells are typed: text stays text (see below), so it needs no quote in front.
        sheet.append([
            "" if v is None else (_yes_no(v) if isinstance(v, bool) else
                                  float(v) if isinstance(v, Decimal) else v)
            for v in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if cell.data_type == "f":  # never a formula: text starting with = stays text
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table_response(*, request: HttpRequest, fmt: str, name: str, header: Sequence[str],
                   rows: Iterable[Sequence[Any]], detail: str) -> HttpResponse:
    """The rows as a download named ``<name>-<date>.<fmt>``; the export is audited."""
    rows = list(rows)
    if fmt == "xlsx":
        body = table_xlsx(header, rows, title=name)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        fmt = "csv"
        body = table_csv(header, rows)
        content_type = "text/csv; charset=utf-8"
    audit_record(action=AuditEvent.Action.EXPORT, actor=request.user, request=request,
                 detail=f"{detail} ({len(rows)} rijen, {fmt.upper()})")
    response = HttpResponse(body, content_type=content_type)
    filename = f"{name}-{timezone.localdate().isoformat()}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
