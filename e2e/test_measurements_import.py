"""Browser walk on a phone (360 px): a worker imports a real-looking KoboToolbox XLSX export
of the social cohesion scale, with the field team's own wording of the questions, its own
answer labels, Kobo's metadata columns, unanswered questions, an empty submission and a
neighbourhood column with two neighbourhoods, through the mapping step; the score on the
round page is the one computed by hand from the rows below."""

import datetime as dt
import re

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

AGREE = ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]
QUESTIONS = [
    "Ik voel me op mijn plek tussen de mensen in mijn buurt",
    "Buurtbewoners gaan hier vriendelijk en met respect met elkaar om",
    "Ik spreek regelmatig andere buurtbewoners",
    "In deze buurt leeft iedereen langs elkaar heen",
    "Buren steken de handen uit de mouwen en ondernemen samen iets",
]
HEADER = ["start", "end", "Wijk/buurt", *QUESTIONS, "_id", "_uuid", "_submission_time",
          "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_tags",
          "_index"]
# (neighbourhood, answers 1-5 to the five questions; None: not answered)
ROWS = [
    ("Rubroek", [5, 4, 4, 2, 5]),
    ("Rubroek", [4, None, 3, 2, 4]),
    ("Rubroek", [2, 2, 1, 4, 3]),
    ("Rubroek", [4, 4, 4, 1, None]),
    ("Cool", [1, 1, 1, 5, 1]),
    ("Rubroek", [3, 3, 3, 3, 3]),
    ("Rubroek", [None, None, None, None, None]),  # an empty submission
    ("Rubroek", [5, 5, 4, 2, 4]),
    ("Cool", [2, 1, 2, 5, 1]),
    ("Rubroek", [4, 5, None, 2, 4]),
]
PHONE = {"width": 360, "height": 740}


def kobo_export(path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sociale samenhang"
    sheet.append(HEADER)
    for n, (place, answers) in enumerate(ROWS, start=1):
        sheet.append(["2025-03-01T10:00:00", "2025-03-01T10:05:00", place,
                      *[None if v is None else AGREE[v - 1] for v in answers],
                      1000 + n, f"8f1c-{n}", "2025-03-01T10:06:00", None, None,
                      "submitted_via_web", "veldteam", "vQ3", None, n])
    book.save(path)


def expected_mean() -> float:
    """By hand: the Rubroek rows with any answer; a respondent's score is the mean of the
    questions answered, "In deze buurt leeft iedereen langs elkaar heen" (sc_4) counted
    reversed (6 - value); the round's score is the mean of those scores."""
    scores = []
    for place, answers in ROWS:
        if place != "Rubroek":
            continue
        given = [6 - v if i == 3 else v for i, v in enumerate(answers) if v is not None]
        if given:
            scores.append(sum(given) / len(given))
    return sum(scores) / len(scores)


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_kobo_export_in_its_own_words_through_the_mapping_step(site, new_page,
                                                                 browser_login, shot,
                                                                 tmp_path):
    from opbouw.measurements import selectors
    from opbouw.measurements.models import MeasurementRound

    demo = MeasurementRound.objects.get(area__name="Rubroek", area__level="neighbourhood",
                                        kind="follow_up")
    target = MeasurementRound.objects.create(
        instrument=demo.instrument, organisation=demo.organisation, area=demo.area,
        held_on=dt.date(2025, 3, 1), kind="baseline")
    upload = tmp_path / "kobo-sociale-samenhang.xlsx"
    kobo_export(upload)

    page = new_page(PHONE["width"])
    page.set_viewport_size(PHONE)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    browser_login(page, site, "medewerker")
    page.goto(f"{site}/metingen/rondes/{target.pk}/importeren/")
    page.get_by_label("Bestand (CSV of Excel)").set_input_files(str(upload))
    page.get_by_role("button", name="Bekijken wat er geïmporteerd wordt").first.click()

    # The mapping step: the proposals are filled in, metadata is not offered.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kolommen en antwoorden koppelen")
    for n, question in enumerate(QUESTIONS, start=1):
        select = page.locator(f"select[name=kolom_sc_{n}]")
        expect(select.locator("option:checked")).to_have_text(question)
    options = page.locator("select[name=kolom_sc_1] option")
    expect(options).to_have_count(len(QUESTIONS) + 1)
    expect(page.locator("main")).not_to_contain_text("_submitted_by")
    for value, label in enumerate(AGREE, start=1):
        select = page.get_by_label(re.compile(f"^„{label}”"))
        expect(select.locator("option:checked")).to_have_text(re.compile(rf"^{value} = "))
    rubroek = page.get_by_role("checkbox", name="Rubroek (8 rijen)")
    cool = page.get_by_role("checkbox", name="Cool (2 rijen)")
    expect(rubroek).to_be_checked()
    expect(cool).not_to_be_checked()
    no_sideways_scroll(page)
    shot(page, "measurements-import-mapping-360")
    page.get_by_role("button", name="Koppeling opslaan en voorvertoning bekijken").click()

    # The preview: the other neighbourhood is left out, the empty submission only by choice.
    expect(page.get_by_role("heading", level=1)).to_have_text("Voorvertoning import")
    main = page.locator("main")
    expect(main).to_contain_text("2 rijen, worden niet geïmporteerd")
    expect(main).to_contain_text("er is geen enkele vraag beantwoord")
    assert target.responses.count() == 0
    no_sideways_scroll(page)
    shot(page, "measurements-import-mapped-preview-360")
    page.get_by_role("button", name="Importeer de 7 volledige rijen, sla 1 over").click()

    expect(page).to_have_url(re.compile(rf"/metingen/rondes/{target.pk}/$"))
    expect(main).to_contain_text("7 respondenten geïmporteerd.")
    mean = expected_mean()
    shown = f"{mean:.2f}".replace(".", ",")
    expect(page.locator("main")).to_contain_text(shown)
    result = selectors.round_results(target)[0]
    assert result.value == pytest.approx(mean)
    assert target.responses.count() == 7
    no_sideways_scroll(page)
    shot(page, "measurements-import-mapped-done-360")
    assert not errors
