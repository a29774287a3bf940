"""CSV as Dutch Excel opens it (or plain commas for exchange files), formula-safe."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from opbouw.core.exports.table import FORMULA_STARTS, TEXT, Table, cell_text, safe_text, yes_no


def _csv_value(value: Any, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal | float) and decimal_comma:
        return str(value).replace(".", ",")  # Dutch Excel reads a decimal comma
    return str(safe_text(cell_text(value)))


def _csv_cell(decimal_comma: bool) -> Callable[[Any], Any]:
    """``_csv_value`` with a fast path for the common cells (text, whole numbers, yes/no,
    translated once): an export of a year's logbook has hundreds of thousands of cells."""
    yes, no = yes_no(True), yes_no(False)

    def cell(value: Any) -> Any:
        kind = type(value)
        if kind is str:
            return "'" + value if value[:1] in FORMULA_STARTS else value
        if kind is int:
            return value  # the writer writes str(value), as _csv_value would
        if kind is bool:
            return yes if value else no
        return _csv_value(value, decimal_comma)

    return cell


def table_csv(table: Table) -> bytes:
    """Semicolon-separated UTF-8 with BOM with decimal commas, as Dutch Excel opens it without
    asking; an exchange table gets commas and decimal points. Header and rows only."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="," if table.exchange_csv else ";")
    writer.writerow([str(c.label) for c in table.columns])
    cell = _csv_cell(not table.exchange_csv)
    texts = [i for i, c in enumerate(table.columns) if c.kind == TEXT]
    if texts:
        rows: Iterable[Sequence[Any]] = (
            [cell_text(v) if i in texts else v for i, v in enumerate(row)] for row in table.rows)
    else:
        rows = table.rows
    writer.writerows([cell(v) for v in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")

