"""The report's PDF and workbook: what they say, that user text stays text, and that the
PDF reads no file and no URL.

One PDF is rendered for the module (about three seconds) from hand-made figures with hostile
names; the workbook and the downloads also run through ``figures.build`` on real rows.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.test import RequestFactory
from django.utils import translation

from opbouw.accounts.models import User
from opbouw.assignments.models import Assignment, Indicator, ManualValue
from opbouw.assignments.tests.factories import IndicatorFactory, ResultAgreementFactory
from opbouw.core.models import AuditEvent
from opbouw.reports import curve, documents, figures, presentation
from opbouw.reports.models import PeriodKind, Report, Story
from opbouw.reports.periods import period_for
from opbouw.reports.tests.conftest import TODAY

HOSTILE_TITLE = "Ronde <b>vet"
HOSTILE_IMG = '<img src="file:///etc/passwd">'
HOSTILE_SCRIPT = "<script>alert(1)</script>Buurtkracht"
FROZEN_AT = dt.datetime(2026, 7, 2, 9, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
SHEETS = ["Samenvatting", "Afspraken", "Curves", "Interventies", "Treden", "Gebieden",
          "Maanden", "Producten en prijs", "Signalen", "Tevredenheid", "Veranderingen"]


# --- Hand-made figures, in the shape figures.build gives --------------------------------

def _point(label: str, start: str, end: str, value: float | None, own: float | None = None,
           low: float | None = None, high: float | None = None) -> dict:
    return {"label": label, "starts_on": start, "end": end, "value": value,
            "own": value if own is None else own, "low": low, "high": high}


def _agreement(pk: int, name: str, category: str, **kwargs) -> dict:
    found = {
        "id": pk, "indicator": name, "code": f"code-{pk}", "category": category,
        "unit": "deelnemers", "aggregation": "count", "higher": True, "cumulative": True,
        "is_change": False, "source": "logbook", "baseline": None, "target": 100.0,
        "note": "", "starts_on": "2026-01-01", "ends_on": "2026-12-31", "as_of": "2026-06-30",
        "value": 40.0, "low": None, "high": None, "points": [], "target_path": None,
        "forecast": None, "verdict": curve.UNSURE, "progress": 40}
    return found | kwargs


def hand_made_figures() -> dict:
    count = _agreement(
        11, "Bereikte bewoners", "quantity", value=40.0, progress=40,
        points=[_point("2026 K1", "2026-01-01", "2026-03-31", 15.0, 15.0),
                _point("2026 K2", "2026-04-01", "2026-06-30", 40.0, 25.0)],
        target_path=[{"end": "2026-01-01", "value": 0.0}, {"end": "2026-12-31", "value": 100.0}],
        forecast={"end": "2026-12-31", "value": 80.6, "low": 61.2, "high": 99.9,
                  "method": "pace"}, verdict=curve.BEHIND)
    share = _agreement(
        12, "Signalen op tijd opgepakt", "quality", unit="%", aggregation="share",
        cumulative=False, source="signals", baseline=50.0, target=80.0, value=72.5,
        progress=75, verdict=curve.ON_TRACK,
        points=[_point("2026 K1", "2026-01-01", "2026-03-31", 65.0),
                _point("2026 K2", "2026-04-01", "2026-06-30", 72.5)])
    trust = _agreement(
        13, "Bewoners die hun buren vertrouwen", "better_off", unit="%", aggregation="share",
        cumulative=False, source="measurement", target=60.0, value=43.3, low=27.1, high=61.4,
        progress=None, note=HOSTILE_IMG,
        points=[_point("2026 K2", "2026-04-01", "2026-06-30", 43.3, low=27.1, high=61.4)])
    row = {"activities": 15.0, "hours": 40.0, "participants": 150.0, "new_participants": 30.0,
           "volunteers": 15.0, "initiatives": 3.0, "with_follow_up": 2.0}
    return {
        "format": figures.FORMAT, "as_of": "2026-06-30",
        "period": {"code": "2026-H1", "kind": "half", "starts_on": "2026-01-01",
                   "ends_on": "2026-06-30", "label": "eerste halfjaar 2026"},
        "assignment": {
            "id": 7, "title": HOSTILE_TITLE, "commissioner": HOSTILE_IMG,
            "provider": "Stichting Oost", "areas": ["Oosterwijk"],
            "starts_on": "2026-01-01", "ends_on": "2026-12-31", "budget": 100000.0,
            "agreed_hours": 1000.0, "hourly_rate": 100.0, "signal_take_up_days": 14},
        "quantity": {
            "totals": row, "follow_up_share": 13.3,
            "by_intervention": [
                {"name": HOSTILE_SCRIPT, "planned": True, **row, "hours": 27.5},
                {"name": "—", "planned": False, **row, "hours": 12.5}],
            "planned_unused": ["Taalcafé"],
            "by_rung": [{"number": 2, "name": "Zelforganisatie", **row, "hours": 13.75},
                        {"number": 3, "name": "Ondersteunen", **row, "hours": 13.75},
                        {"number": None, "name": "geen interventie of trede", **row,
                         "hours": 12.5}],
            "by_area": [{"name": "Oosterwijk", **row}],
            "by_month": [{"month": "2026-02", "activities": 10, "hours": 20.0,
                          "participants": 100},
                         {"month": "2026-05", "activities": 5, "hours": 20.0,
                          "participants": 50}]},
        "spend": {"starts_on": "2026-01-01", "ends_on": "2026-06-30", "share": 0.496,
                  "hourly_rate": 100.0, "agreed_hours": 495.9, "realised_hours": 40.0,
                  "agreed_hours_amount": 49589.04, "realised_hours_amount": 4000.0,
                  "agreed_total": 49839.04, "realised_total": 4150.0, "budget": 49589.04,
                  "budget_total": 100000.0,
                  "products": [{"name": "Training", "unit": "training", "unit_price": 50.0,
                                "agreed": 5.0, "realised": 3, "agreed_amount": 250.0,
                                "realised_amount": 150.0}]},
        "signals": {"count": 4, "urgent": 1, "referred": 3, "taken_up": 2, "agreed_days": 14,
                    "in_time": 1, "in_time_share": 33.3},
        "measurements": {
            "satisfaction": [{"round": "Tevredenheid – Oosterwijk", "place": "Oosterwijk",
                              "held_on": "2026-05-20", "dimension": "Tevredenheid",
                              "share": False, "value": 7.4, "low": 7.0, "high": 7.8, "n": 31,
                              "hidden": False}],
            "changes": [{"round": "Samenhang – vervolgmeting", "place": "Oosterwijk",
                         "held_on": "2026-06-10", "instrument": "Sociale samenhang",
                         "ladder": False, "dimension": "Sociale samenhang", "share": False,
                         "before": 2.58, "after": 3.51, "value": 0.93, "low": 0.39,
                         "high": 1.48, "n_before": 30, "n_after": 30, "verdict": "better"}]},
        "agreements": [trust, share, count],  # as build orders them: by category code
    }


def hand_made_stories() -> dict:
    author = User(username="schrijver", first_name="Sanne", last_name="Schrijver")
    when = dt.datetime(2026, 7, 1, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    return {11: Story(story=f"Het ging goed. {HOSTILE_IMG}", partners="Buurthuis",
                      what_works="Samen koken", action_plan="Meer avonden", author=author,
                      created_at=when)}


def submitted_report(figures_: dict) -> Report:
    return Report(pk=5, number=2, status=Report.Status.SUBMITTED, figures=figures_,
                  frozen_at=FROZEN_AT, period_kind=PeriodKind.HALF,
                  starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 6, 30))


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# --- One PDF for the module -------------------------------------------------------------

@pytest.fixture(scope="module")
def rendered():
    """The hand-made figures of a submitted report with a story, as HTML, PDF and text."""
    with translation.override("nl"):
        found = hand_made_figures()
        report = submitted_report(found)
        stories = hand_made_stories()
        html = documents.pdf_html(found, assignment=Assignment(pk=7), report=report,
                                  stories=stories)
        fetcher = documents.data_only_fetcher()
        pdf = documents.pdf_bytes(html, fetcher=fetcher)
        context = presentation.context(found, stories=stories)
    text = None
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf,
                              capture_output=True, check=True).stdout.decode()
    return SimpleNamespace(figures=found, html=html, pdf=pdf, text=text, fetcher=fetcher,
                           context=context)


def _text(rendered) -> str:
    """The PDF's text where poppler is installed, else the HTML it was made from."""
    return rendered.text if rendered.text is not None else rendered.html


def test_the_pdf_is_a_pdf_of_more_than_one_page(rendered):
    assert rendered.pdf.startswith(b"%PDF")
    if rendered.text is not None:
        pages = rendered.text.count("\f")
        assert pages > 3
        assert f"Pagina {pages} van {pages}" in rendered.text


def test_the_pdf_has_a_cover_contents_and_page_numbers(rendered):
    text = _plain(_text(rendered))
    if rendered.text is not None:
        assert f"Verantwoording {HOSTILE_TITLE}" in text
        assert "Pagina 1 van" in text and "Pagina 2 van" in text
    assert "Inhoud" in text
    assert "eerste halfjaar 2026" in text
    assert "Stichting Oost" in text
    assert "versie 2, ingediend" in text
    assert "cijfers vastgezet op 2 juli 2026" in text
    assert "nog niet vastgezet" not in text
    # the table of contents and the overview give page numbers (CSS target-counter)
    assert "target-counter(attr(href), page)" in rendered.html
    assert 'href="#hoeveel"' in rendered.html and 'href="#afspraak-13"' in rendered.html


def test_the_pdf_has_the_three_questions_and_every_agreement(rendered):
    text = _plain(_text(rendered))
    for heading in ("In het kort", "1. Hoeveel hebben we gedaan?",
                    "2. Hoe goed hebben we het gedaan?", "3. Is er iemand beter van geworden?",
                    "Over de cijfers"):
        assert heading in text
    for name in ("Bereikte bewoners", "Signalen op tijd opgepakt",
                 "Bewoners die hun buren vertrouwen"):
        assert name in text
    assert "achter" in text and "op koers" in text and "nog niet zeker" in text
    # the reason and the progress of an agreement
    assert "40% van de weg naar de streefwaarde." in text
    assert "Als er niets verandert komt de waarde op 31 december 2026 uit op" in text
    # the story behind the curve, where there is one
    assert "Het verhaal achter de curve" in text and "Samen koken" in text
    assert "Nog geen verhaal geschreven." in text


def test_every_chart_is_svg_with_its_table_beside_it(rendered):
    html, text = rendered.html, _plain(_text(rendered))
    charts = [*rendered.context["quantity_charts"], *rendered.context["change_charts"],
              *(a["chart"] for a in rendered.context["agreements"])]
    assert len(charts) == 6
    assert html.count("<svg") == 6 and "<img" not in html
    for chart in charts:
        assert f'id="{chart.dom_id}"' in html
        for row in chart.rows:
            for cell in row:
                assert cell in text, (chart.key, cell)
    assert "80,6" in text and "61,2 tot 99,9" in text  # the forecast and its band


def test_user_text_is_text_in_the_pdf(rendered):
    html = rendered.html
    assert HOSTILE_IMG not in html and "<b>vet" not in html
    assert "<script" not in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    assert "Ronde &lt;b&gt;vet" in html
    # inside the chart's SVG too: vl-convert escapes the intervention's name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Buurtkracht" in html
    if rendered.text is not None:
        text = _plain(rendered.text)
        assert HOSTILE_IMG in text and "Ronde <b>vet" in text


def test_the_pdf_fetches_nothing(rendered):
    assert rendered.fetcher.asked == []


def test_the_fetcher_refuses_files_and_the_network():
    fetcher = documents.data_only_fetcher()
    for url in ("file:///etc/passwd", "http://example.org/x.png", "https://example.org/",
                "/etc/passwd", " file:///etc/passwd"):
        with pytest.raises(documents.FetchRefused):
            fetcher.fetch(url)
    found = fetcher.fetch("data:text/plain;base64,aGFsbG8=")
    assert found.read() == b"hallo"
    found.close()


def test_an_image_in_the_html_itself_is_refused_and_left_out():
    fetcher = documents.data_only_fetcher()
    pdf = documents.pdf_bytes('<p>Tekst</p><img src="file:///etc/passwd">'
                              '<link rel="stylesheet" href="http://example.org/a.css">',
                              fetcher=fetcher)
    assert pdf.startswith(b"%PDF")
    assert "file:///etc/passwd" in fetcher.asked  # asked, and refused
    assert b"root:" not in pdf


def test_live_figures_say_they_are_not_frozen():
    with translation.override("nl"):
        html = documents.pdf_html(hand_made_figures(), assignment=Assignment(pk=7))
    text = _plain(html)
    assert "actuele cijfers, nog niet vastgezet" in text
    assert "geen verantwoording: een overzicht van de actuele cijfers" in text
    assert "Het verhaal achter de curve" not in text  # no stories asked for


def test_the_page_counter_is_css_with_every_character_escaped():
    with translation.override("nl"):
        assert documents.page_counter() == '"Pagina " counter(page) " van " counter(pages)'
    assert documents._css_string('a"b') == '"a\\000022b"'


def test_file_names():
    found = hand_made_figures()
    assert documents.filename(found, "pdf") == "verantwoording-ronde-bvet-2026-h1.pdf"
    assert documents.filename(found, "xlsx", submitted_report(found)) \
        == "verantwoording-ronde-bvet-2026-h1-v2.xlsx"


# --- The workbook -----------------------------------------------------------------------

def _sheets(body: bytes) -> dict[str, list[tuple]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(body), read_only=True)
    return {name: [tuple(row) for row in book[name].iter_rows(values_only=True)]
            for name in book.sheetnames}


def _by_header(rows: list[tuple]) -> list[dict]:
    header = rows[0]
    return [dict(zip(header, row, strict=False)) for row in rows[1:]]


def test_the_workbook_holds_every_figure():
    found = hand_made_figures()
    with translation.override("nl"):
        sheets = _sheets(documents.xlsx(found, report=submitted_report(found),
                                        stories=hand_made_stories()))
    assert list(sheets) == [*SHEETS, "Verhalen"]
    summary = dict(sheets["Samenvatting"][1:])
    assert summary["Opdracht"] == HOSTILE_TITLE
    assert summary["Opdrachtgever"] == HOSTILE_IMG  # text, not markup and not a formula
    assert summary["Periode vanaf"] == dt.datetime(2026, 1, 1)
    assert summary["Status"] == "ingediend" and summary["Versie"] == 2
    assert summary["Cijfers vastgezet op"] == dt.datetime(2026, 7, 2, 9, 30)
    assert summary["Uren"] == 40

    agreements = {r["Indicator"]: r for r in _by_header(sheets["Afspraken"])}
    count = agreements["Bereikte bewoners"]
    assert count["RBA-vraag"] == "Hoeveel hebben we gedaan?"
    assert (count["Streefwaarde"], count["Waarde"], count["Voortgang (%)"]) == (100, 40, 40)
    assert count["Oordeel"] == "achter"
    assert (count["Voorspelling"], count["Voorspelling, ondergrens (95%)"],
            count["Voorspelling, bovengrens (95%)"]) == (80.6, 61.2, 99.9)
    assert count["Voorspelling op"] == dt.datetime(2026, 12, 31)
    assert count["Methode"].startswith("het tempo per dag")
    trust = agreements["Bewoners die hun buren vertrouwen"]
    assert (trust["Waarde, ondergrens (95%)"], trust["Waarde, bovengrens (95%)"]) == (27.1, 61.4)
    assert trust["Oordeel"] == "nog niet zeker" and trust["Notitie"] == HOSTILE_IMG

    curves = _by_header(sheets["Curves"])
    assert [(r["Indicator"], r["Kwartaal"], r["Waarde"], r["Waarde in het kwartaal zelf"])
            for r in curves if r["Indicator"] == "Bereikte bewoners"] == [
        ("Bereikte bewoners", "2026 K1", 15, 15), ("Bereikte bewoners", "2026 K2", 40, 25)]
    assert curves[0]["Tot en met"] == dt.datetime(2026, 6, 30)

    interventions = _by_header(sheets["Interventies"])
    assert [(r["Interventie"], r["Gepland"], r["Uren"]) for r in interventions] == [
        (HOSTILE_SCRIPT, "ja", 27.5), ("geen interventie gekozen", "nee", 12.5),
        ("Taalcafé", "ja", 0)]
    assert [r["Trede"] for r in _by_header(sheets["Treden"])] == [2, 3, None]
    assert _by_header(sheets["Gebieden"])[0]["Deelnemers"] == 150
    months = _by_header(sheets["Maanden"])
    assert [(r["Maand"], r["Uren"]) for r in months] == [
        (dt.datetime(2026, 2, 1), 20), (dt.datetime(2026, 5, 1), 20)]
    spend = {r["Onderdeel"]: r for r in _by_header(sheets["Producten en prijs"])}
    assert spend["Training"]["Bedrag gerealiseerd"] == 150
    assert spend["Totaal"]["Bedrag afgesproken"] == 49839.04
    signals = dict(sheets["Signalen"][1:])
    assert signals["Signalen vastgelegd"] == 4 and signals["Binnen de afgesproken dagen "
                                                         "opgepakt (%)"] == 33.3
    satisfaction = _by_header(sheets["Tevredenheid"])[0]
    assert (satisfaction["Uitkomst"], satisfaction["Respondenten"]) == (7.4, 31)
    change = _by_header(sheets["Veranderingen"])[0]
    assert (change["Verandering"], change["Ondergrens (95%)"], change["Betekenis"]) == (
        0.93, 0.39, "verbeterd")
    stories = _by_header(sheets["Verhalen"])
    assert stories[0]["Indicator"] == "Bewoners die hun buren vertrouwen"
    assert stories[0]["Het verhaal achter de curve"] is None  # no story written
    told = next(r for r in stories if r["Indicator"] == "Bereikte bewoners")
    assert told["Wat werkt"] == "Samen koken" and told["Door"] == "Sanne Schrijver"
    assert told["Het verhaal achter de curve"] == f"Het ging goed. {HOSTILE_IMG}"


def test_live_figures_have_no_stories_sheet():
    with translation.override("nl"):
        sheets = _sheets(documents.xlsx(hand_made_figures()))
    assert list(sheets) == SHEETS
    summary = dict(sheets["Samenvatting"][1:])
    assert summary["Status"] == "actuele cijfers, nog niet vastgezet"
    assert summary["Cijfers vastgezet op"] is None


# --- Through figures.build on real rows, and the audited downloads ----------------------

@pytest.mark.django_db
def test_built_figures_make_a_workbook_and_a_pdf_and_both_are_audited(logged, monkeypatch):
    a = logged.running
    manual = IndicatorFactory(code="vertrouwen", name="Vertrouwen in de buurt",
                              category=Indicator.Category.BETTER_OFF,
                              aggregation=Indicator.Aggregation.MEAN, unit="rapportcijfer")
    agreement = ResultAgreementFactory(assignment=a, indicator=manual, target=7)
    ManualValue.objects.create(agreement=agreement, starts_on=dt.date(2026, 1, 1),
                               ends_on=dt.date(2026, 3, 31), value=6)
    found = figures.build(a, period_for(a, "2026-H1"), today=TODAY)
    request = RequestFactory().get("/")
    request.user = logged.worker

    response = documents.xlsx_response(request, figures=found, assignment=a)
    assert response["Content-Disposition"].endswith(
        'filename="verantwoording-lopend-oost-2026-h1.xlsx"')
    sheets = _sheets(response.content)
    assert list(sheets) == SHEETS
    agreements = {r["Indicator"]: r for r in _by_header(sheets["Afspraken"])}
    assert agreements["Activiteiten"]["Waarde"] == 15
    assert agreements["Vertrouwen in de buurt"]["Waarde"] == 6
    assert agreements["Vertrouwen in de buurt"]["RBA-vraag"] == "Is er iemand beter van " \
                                                                "geworden?"
    assert dict(sheets["Samenvatting"][1:])["Activiteiten"] == 15

    html = documents.pdf_html(found, assignment=a)
    assert "Lopend Oost" in html and "Vertrouwen in de buurt" in html
    assert html.count("<svg") == 4  # two quantity charts and one curve per agreement
    # the PDF itself is rendered once per module (above); here only its download
    monkeypatch.setattr(documents, "pdf_bytes", lambda html, fetcher=None: b"%PDF-1.7 test")
    response = documents.pdf_response(request, figures=found, assignment=a)
    assert response["Content-Type"] == "application/pdf"
    assert response.content == b"%PDF-1.7 test"
    assert 'filename="verantwoording-lopend-oost-2026-h1.pdf"' in response["Content-Disposition"]

    events = list(AuditEvent.objects.filter(action="export").order_by("pk"))
    assert [e.detail for e in events] == ["Verantwoording Lopend Oost 2026-H1 (XLSX)",
                                          "Verantwoording Lopend Oost 2026-H1 (PDF)"]
    assert all(e.object_id == str(a.pk) and e.actor == logged.worker for e in events)
