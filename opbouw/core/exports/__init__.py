"""The one export layer: a table becomes CSV, XLSX or PDF, and every download is audited.

A :class:`Table` is columns (label, type, width, number format), rows, a name (file name and
sheet name), an optional title with notes above it, and the selection it came from (for the
audit log and the PDF). Then:

- ``table_csv``: Dutch Excel (semicolons, UTF-8 with BOM, decimal comma), or plain commas for
  exchange files; text that a spreadsheet would run as a formula gets a quote in front.
- ``table_xlsx`` / ``workbook_xlsx``: one table, or several as the sheets of one workbook,
  written straight as Office Open XML (a year's logbook of a large organisation in well under
  a second; openpyxl took five). Cells are typed: text is always a shared string, so it is
  never a formula and needs no visible quote; no cell is ever written as a formula.
- ``table_pdf``: ReportLab, with title, notes, selection and page numbers; every text is
  escaped for ReportLab's Paragraph markup. ``pdf_escape``, ``pdf_styles`` and
  ``pdf_document`` serve richer documents (the methods booklet) with the same page furniture.
- ``export_response``: any export body as a download with its audit entry; ``table_response``
  does the same for a table in CSV or XLSX.
"""

from __future__ import annotations

from dataclasses import replace

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from opbouw.core.audit import Action, audit_record
from opbouw.core.exports.csvfile import table_csv
from opbouw.core.exports.pdf import pdf_document, pdf_escape, pdf_styles, table_pdf
from opbouw.core.exports.table import (
    AUTO,
    CONTENT_TYPES,
    DATE,
    FORMATS,
    NUMBER,
    TEXT,
    Column,
    Table,
    formula_unquoted,
    safe_text,
)
from opbouw.core.exports.xlsx import table_xlsx, workbook_xlsx

__all__ = [
    "AUTO", "CONTENT_TYPES", "DATE", "FORMATS", "NUMBER", "TEXT", "Column", "Table",
    "export_response", "formula_unquoted", "pdf_document", "pdf_escape", "pdf_styles",
    "safe_text", "table_bytes", "table_csv", "table_pdf", "table_response", "table_xlsx",
    "workbook_xlsx",
]


def export_response(*, request: HttpRequest, body: bytes | str, fmt: str, filename: str,
                    detail: str, obj: models.Model | None = None) -> HttpResponse:
    """An export as a download (``fmt`` picks the content type), written to the audit log
    first: who took what out of the system, and from which selection."""
    audit_record(action=Action.EXPORT, actor=request.user, obj=obj, request=request,
                 detail=detail)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename) or ""
    return response


def table_bytes(table: Table, fmt: str) -> bytes:
    """The table in one of the formats: "xlsx", "pdf", anything else CSV."""
    if fmt == "xlsx":
        return table_xlsx(table)
    if fmt == "pdf":
        return table_pdf(table)
    return table_csv(table)


def table_response(*, request: HttpRequest, table: Table, fmt: str) -> HttpResponse:
    """The table as a download named ``<name>-<date>.<fmt>`` (CSV unless XLSX or PDF is
    asked for); the audit entry names the table, its selection and the number of rows."""
    fmt = fmt if fmt in ("xlsx", "pdf") else "csv"
    rows = list(table.rows)
    table = replace(table, rows=rows)
    selection = f" ({table.selection})" if table.selection else ""
    return export_response(
        request=request, body=table_bytes(table, fmt), fmt=fmt,
        filename=f"{table.name}-{timezone.localdate().isoformat()}.{fmt}",
        detail=f"{table.name}{selection} ({len(rows)} rijen, {fmt.upper()})")

