"""Table exports: Dutch-Excel CSV and XLSX, formula-safe, in the reader's language."""

import io
from decimal import Decimal

from django.utils import translation
from openpyxl import load_workbook

from opbouw.core.tables import table_csv, table_xlsx


def _xlsx_rows(body: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))


def test_csv_is_semicolon_separated_with_a_decimal_comma_and_formula_safe():
    text = table_csv(["a", "b", "c"], [["=1+1", Decimal("1.5"), True]]).decode("utf-8")
    assert text.startswith("\ufeff")
    assert text.splitlines()[1] == "'=1+1;1,5;ja"


def test_xlsx_keeps_text_as_typed_and_never_a_formula():
    # In a workbook a cell is typed: text stays text without a visible quote in front.
    rows = _xlsx_rows(table_xlsx(["omschrijving"], [["- koffieochtend"], ["=SUM(A1)"],
                                                     ["+31 buurt"]], title="t"))
    assert rows[1:] == [("- koffieochtend",), ("=SUM(A1)",), ("+31 buurt",)]
    book = load_workbook(io.BytesIO(table_xlsx(["x"], [["=SUM(A1)"]], title="t")))
    assert book.active["A2"].data_type == "s"


def test_yes_and_no_follow_the_language():
    with translation.override("en"):
        assert table_csv(["x"], [[True], [False]]).decode().splitlines()[1:] == ["yes", "no"]
        assert _xlsx_rows(table_xlsx(["x"], [[True]], title="t"))[1] == ("yes",)
