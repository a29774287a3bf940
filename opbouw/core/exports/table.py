"""A table to export: columns with types and formats, rows, a title and the selection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

FORMATS = ("csv", "xlsx")  # what every list offers
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "json": "application/json; charset=utf-8",
}
# Column types. AUTO takes each cell as it comes (text, number, date, yes/no); TEXT writes
# every cell as text (a version "1" stays "1"); NUMBER and DATE say what the column holds
# (numbers are right-aligned in a PDF).
AUTO, TEXT, NUMBER, DATE = "auto", "text", "number", "date"

# Spreadsheets run cells starting with these as formulas; exported text must stay text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    label: Any  # text or a lazy translation, made text when written
    kind: str = AUTO
    width: float | None = None  # in characters (XLSX); the PDF shares its width out likewise
    num_format: str | None = None  # an Excel number format for numbers or dates, e.g. "0.00"


@dataclass
class Table:
    name: str  # file name (before the date) and sheet name
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]
    title: str = ""  # a heading above the table (XLSX, PDF); without one the header is row 1
    notes: Sequence[str] = ()  # lines under the title
    selection: str = ""  # the filters the rows came from: audit log and PDF
    exchange_csv: bool = False  # CSV for programs (commas, decimal point), not Dutch Excel

    @classmethod
    def of(cls, name: str, header: Sequence[Any], rows: Iterable[Sequence[Any]],
           **kwargs: Any) -> Table:
        """A table whose columns are all AUTO, from a header of labels."""
        return cls(name=name, columns=[Column(label) for label in header], rows=rows,
                   **kwargs)


def safe_text(value: Any) -> Any:
    """Return the value for a CSV cell; text that looks like a formula gets a quote."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def formula_unquoted(text: str) -> str:
    """Undo ``safe_text`` for an exchange file read back: ``'=x`` becomes ``=x`` again."""
    if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
        return text[1:]
    return text


def yes_no(value: bool) -> str:
    return _("ja") if value else _("nee")


def cell_text(value: Any) -> str:
    """A cell as plain text (CSV of a TEXT column, PDF)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") \
            if timezone.is_aware(value) else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)

