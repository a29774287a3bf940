"""The export layer: Dutch-Excel CSV, XLSX and PDF, formula-safe, escaped, audited."""

import base64
import datetime as dt
import io
import re
import zlib
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.utils import translation
from openpyxl import load_workbook

from opbouw.core.exports import (
    NUMBER,
    TEXT,
    Column,
    Table,
    export_response,
    pdf_document,
    pdf_escape,
    table_csv,
    table_pdf,
    table_response,
    table_xlsx,
    workbook_xlsx,
)
from opbouw.core.models import AuditEvent


def table(header, rows, **kwargs) -> Table:
    return Table.of("t", header, rows, **kwargs)


def xlsx_rows(body: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))


def pdf_lines(body: bytes) -> list[str]:
    """The paragraphs of text of a ReportLab PDF: its content streams (ASCII85 and Flate)
    read, the strings of each text object joined (ReportLab writes a line in pieces)."""
    streams = re.findall(rb"/Filter \[ /ASCII85Decode /FlateDecode \].*?stream\r?\n(.*?)"
                         rb"endstream", body, re.S)
    content = "".join(zlib.decompress(base64.a85decode(s.strip(), adobe=True))
                      .decode("latin-1") for s in streams)

    def unescape(piece: str) -> str:  # \ddd is a byte in octal, \x the character x
        return re.sub(r"\\([0-7]{1,3}|.)", lambda m: chr(int(m[1], 8)) if m[1].isdigit()
                      else m[1], piece).encode("latin-1").decode("cp1252", "replace")

    def line(text: str) -> str:
        return "".join(unescape(piece) for piece in re.findall(r"\(((?:[^()\\]|\\.)*)\) Tj",
                                                                text))

    # One text object is one paragraph; T* starts its next line.
    return [" ".join(filter(None, map(line, block.split("T*"))))
            for block in re.findall(r"BT(.*?)ET", content, re.S)]


# CSV ----------------------------------------------------------------------------------------

def test_csv_is_semicolon_separated_with_a_decimal_comma_and_formula_safe():
    text = table_csv(table(["a", "b", "c", "d"], [["=1+1", Decimal("1.5"), True,
                                                   dt.date(2026, 3, 1)]])).decode("utf-8")
    assert text.startswith("\ufeff")
    assert text.splitlines()[1] == "'=1+1;1,5;ja;2026-03-01"


def test_an_exchange_csv_has_commas_and_decimal_points_and_is_still_formula_safe():
    text = table_csv(table(["name", "x"], [["@SUM(1)", Decimal("2.5")]], exchange_csv=True))
    assert text.decode("utf-8-sig").splitlines() == ["name,x", "'@SUM(1),2.5"]


def test_text_columns_are_text_and_formula_safe_in_csv():
    columns = [Column("a", kind=TEXT), Column("b", kind=TEXT)]
    text = table_csv(Table("t", columns, [[1, "-2"]])).decode("utf-8-sig")
    assert text.splitlines()[1] == "1;'-2"


# XLSX ---------------------------------------------------------------------------------------

def test_xlsx_keeps_text_as_typed_and_never_a_formula():
    # In a workbook a cell is typed: text stays text without a visible quote in front.
    rows = xlsx_rows(table_xlsx(table(["omschrijving"], [["- koffieochtend"], ["=SUM(A1)"],
                                                         ["+31 buurt"]])))
    assert rows[1:] == [("- koffieochtend",), ("=SUM(A1)",), ("+31 buurt",)]
    book = load_workbook(io.BytesIO(table_xlsx(table(["x"], [["=SUM(A1)"]]))))
    assert book.active["A2"].data_type == "s"
    assert b"<f>" not in table_xlsx(table(["x"], [["=SUM(A1)"], ["@x"]]))


def test_xlsx_cells_are_typed_numbers_dates_and_text():
    columns = [Column("datum"), Column("uren", num_format="0.00"), Column("n"),
               Column("versie", kind=TEXT), Column("leeg")]
    body = table_xlsx(Table("logboek", columns, [
        [dt.date(2026, 3, 1), Decimal("1.50"), 7, 1, None]]))
    sheet = load_workbook(io.BytesIO(body)).active
    assert sheet.title == "logboek" and sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == ["datum", "uren", "n", "versie", "leeg"]
    assert sheet[1][0].font.b
    date, hours, n, version, empty = sheet[2]
    assert date.value == dt.datetime(2026, 3, 1) and date.number_format == "yyyy-mm-dd"
    assert hours.value == 1.5 and hours.number_format == "0.00"
    assert n.value == 7 and version.value == "1" and empty.value is None


def test_xlsx_carries_markup_and_control_characters_as_text():
    text = 'a < b & "c" > d'
    rows = xlsx_rows(table_xlsx(table(["x"], [[text], ["bel\x07"], ["_x0041_"]])))
    assert rows[1] == (text,) and rows[3] == ("_x0041_",)  # a literal _xHHHH_ stays literal
    assert rows[2][0].startswith("bel")


def test_yes_and_no_follow_the_language():
    with translation.override("en"):
        assert table_csv(table(["x"], [[True], [False]])).decode().splitlines()[1:] == [
            "yes", "no"]
        assert xlsx_rows(table_xlsx(table(["x"], [[True]])))[1] == ("yes",)


def test_a_report_has_its_title_and_notes_above_a_coloured_header():
    report = Table("Opleidingsplan", [Column("Code", width=8), Column("Aanbod", width=70)],
                   [["4A", "Cursus"]], title="Opleidingsplan – 2026", notes=["Gemaakt op."])
    sheet = load_workbook(io.BytesIO(table_xlsx(report))).active
    assert [tuple(r) for r in sheet.iter_rows(values_only=True)] == [
        ("Opleidingsplan – 2026", None), ("Gemaakt op.", None), (None, None),
        ("Code", "Aanbod"), ("4A", "Cursus")]
    assert sheet["A1"].font.sz == 14 and sheet.freeze_panes == "A5"
    assert sheet["A4"].fill.fgColor.rgb == "FF00811F" and sheet["A4"].font.b
    assert sheet.column_dimensions["B"].width == 70 and sheet["B5"].alignment.wrap_text


def test_a_workbook_has_one_sheet_per_table_with_shared_strings():
    body = workbook_xlsx([table(["a"], [["x"]]), Table.of("t", ["b"], [["x"], ["y"]]),
                          Table.of("a/b: [c]", ["c"], [])])
    book = load_workbook(io.BytesIO(body))
    assert book.sheetnames == ["t", "t_2", "a_b_ _c_"]
    assert [c.value for c in book["t_2"]["A"]] == ["b", "x", "y"]
    assert book["a_b_ _c_"].max_row == 1


# PDF ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Ronde <b>vet", '<img src="/etc/passwd">',
                                  "A & B &amp; <font size=40>", "</para>"])
def test_pdf_text_is_shown_as_typed_never_as_markup(name, monkeypatch):
    from reportlab.platypus import paraparser

    def no_files(*args, **kwargs):
        raise AssertionError("a PDF export opened a file")

    monkeypatch.setattr(paraparser, "ImageReader", no_files)  # what <img src=...> would open
    body = table_pdf(Table("t", [Column(name), Column("n", kind=NUMBER)], [[name, 3]],
                           title=name, notes=[name], selection=name))
    assert body.startswith(b"%PDF")
    lines = pdf_lines(body)
    assert lines.count(name) == 5  # title, note, header, cell and page foot, each as typed
    assert f"Selectie: {name}" in lines and "Pagina 1 van 1" in lines


def test_pdf_escape_escapes_markup_and_keeps_line_breaks():
    assert pdf_escape("<b>a</b> & c\nd") == "&lt;b&gt;a&lt;/b&gt; &amp; c<br/>d"
    assert pdf_escape(None) == "" and pdf_escape(True) == "ja"


def test_a_long_pdf_numbers_its_pages():
    from reportlab.platypus import Paragraph

    body = pdf_document([Paragraph(f"regel {n}") for n in range(200)], title="Lang")
    lines = pdf_lines(body)
    assert "Pagina 1 van 4" in lines and "Pagina 4 van 4" in lines and "Lang" in lines


# Downloads ----------------------------------------------------------------------------------

@pytest.mark.django_db
def test_a_table_response_is_a_dated_download_and_audited():
    user = get_user_model().objects.create_user(username="export", password="x")
    request = RequestFactory().get("/")
    request.user = user
    response = table_response(request=request, fmt="xlsx", table=Table.of(
        "logboek", ["a"], iter([[1], [2]]), selection="van=2026-01-01"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert re.search(r'filename="logboek-\d{4}-\d\d-\d\d\.xlsx"',
                     response["Content-Disposition"])
    assert len(xlsx_rows(response.content)) == 3
    event = AuditEvent.objects.get(action="export")
    assert event.actor == user and event.detail == "logboek (van=2026-01-01) (2 rijen, XLSX)"
    csv = table_response(request=request, fmt="iets", table=Table.of("x", ["a"], []))
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert AuditEvent.objects.filter(detail="x (0 rijen, CSV)").exists()


@pytest.mark.django_db
def test_an_export_response_audits_any_body_with_its_object():
    user = get_user_model().objects.create_user(username="export", password="x")
    request = RequestFactory().get("/")
    request.user = user
    response = export_response(request=request, body="{}", fmt="json", filename="m.json",
                               detail="methoden json", obj=user)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="m.json"'
    event = AuditEvent.objects.get(action="export")
    assert event.detail == "methoden json" and event.object_id == str(user.pk)
