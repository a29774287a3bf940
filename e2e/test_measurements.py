"""Browser walk through measurements on a phone (360 x 740): a worker enters three respondents
one after another, a worker imports a KoboToolbox export through the preview, and a manager
and a commissioner read the change between a baseline and a follow-up."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth + 1"


def phone_page(new_page):
    page = new_page(PHONE["width"])
    page.set_viewport_size(PHONE)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, errors


def no_sideways_scroll(page) -> None:
    assert page.evaluate(NO_SIDEWAYS_SCROLL), (
        f"{page.url} scrolls sideways: "
        f"{page.evaluate('document.documentElement.scrollWidth')} px wide")


def viewport_shot(page, name: str) -> None:
    """Only what the phone shows: a full-page shot draws sticky bars where the first screen
    ends, on top of the form, which is not what anyone sees."""
    folder = Path(__file__).resolve().parent / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=False)


def in_view(page, locator) -> bool:
    """Whether the element lies wholly on the part of the page the phone shows now."""
    return page.evaluate("""element => {
        const box = element.getBoundingClientRect();
        return box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight
            && box.right <= window.innerWidth;
    }""", locator.element_handle())


def no_server_error(page) -> None:
    for text in ("Traceback", "Server Error"):
        expect(page.locator("body")).not_to_contain_text(text)


def demo_round(area: str, kind: str = "follow_up"):
    from opbouw.measurements.models import MeasurementRound

    return MeasurementRound.objects.get(area__name=area, area__level="neighbourhood", kind=kind)


def open_round_from_the_list(page, site, area: str, shot=None, name: str = "") -> None:
    """Metingen in the main menu, then the open round of that neighbourhood in the list."""
    page.goto(site + "/")
    if page.locator(".op-nav__toggle").is_visible():  # on a phone the menu opens first
        page.locator(".op-nav__toggle").click()
    page.locator("nav.op-nav").get_by_role("link", name="Metingen").click()
    expect(page).to_have_url(re.compile(r"/metingen/$"))
    no_sideways_scroll(page)
    no_server_error(page)
    if shot:
        shot(page, name)
    row = page.locator("tbody tr", has_text=area).filter(
        has=page.locator(".op-tag", has_text=re.compile(r"^open$")))
    expect(row).to_have_count(1)
    row.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/metingen/rondes/\d+/$"))


def respondents_on_the_round_page(page):
    """The number of respondents the round page shows (expect it to_have_text)."""
    return page.locator(".op-definitions dt", has_text=re.compile(r"^Respondenten$")).locator(
        "xpath=following-sibling::dd[1]")


def test_a_worker_enters_three_respondents_on_a_phone(site, new_page, browser_login, shot):
    from opbouw.measurements import services

    measurement_round = demo_round("Oud-Crooswijk")
    assert measurement_round.is_open and measurement_round.mode == "responses"
    before = measurement_round.responses.count()
    items = services.round_items(measurement_round)
    labels = {item.code: {o.value: o.label for o in item.scale.options.all()} for item in items}

    page, script_errors = phone_page(new_page)
    browser_login(page, site, "medewerker")
    open_round_from_the_list(page, site, "Oud-Crooswijk", shot, "measurements-list-360")
    expect(respondents_on_the_round_page(page)).to_have_text(str(before))
    no_sideways_scroll(page)
    shot(page, "measurements-round-360")

    page.get_by_role("link", name="Antwoorden invoeren").click()
    expect(page).to_have_url(re.compile(rf"/metingen/rondes/{measurement_round.pk}/invoeren/$"))
    expect(page.locator("main")).to_contain_text(f"Er zijn {before} respondenten ingevoerd.")
    expect(page.locator("input[type=radio]")).to_have_count(
        sum(len(v) for v in labels.values()))
    no_sideways_scroll(page)
    shot(page, "measurements-entry-form-360")
    viewport_shot(page, "measurements-entry-form-phone-view-360")
    # The save button sticks to the bottom of the first screen, above the questions.
    assert in_view(page, page.get_by_role("button", name="Opslaan en volgende"))

    answers = [{"sc_1": 4, "sc_2": 4, "sc_3": 3, "sc_4": 2, "sc_5": 5},
               {"sc_1": 2, "sc_2": 3, "sc_3": 1, "sc_4": 4, "sc_5": 2},
               {"sc_1": 5, "sc_2": 5, "sc_3": 4, "sc_4": 1, "sc_5": 4}]
    for number, respondent in enumerate(answers, start=before + 1):
        for item in items:
            question = page.get_by_role("group", name=item.text)
            choice = question.get_by_role("radio", name=labels[item.code][respondent[item.code]],
                                          exact=True)
            choice.check()
            expect(choice).to_be_checked()
        if number == before + 3:
            no_sideways_scroll(page)
            shot(page, "measurements-entry-filled-360")
            # What the phone shows at the last question: the buttons stay in reach.
            viewport_shot(page, "measurements-entry-filled-phone-view-360")
            assert in_view(page, page.get_by_role("button", name="Opslaan en volgende"))
        page.get_by_role("button", name="Opslaan en volgende").click()
        main = page.locator("main")
        expect(main).to_contain_text(f"Respondent {number} is opgeslagen")
        expect(main).to_contain_text(f"Er zijn {number} respondenten ingevoerd.")
        expect(page).to_have_url(re.compile(
            rf"/metingen/rondes/{measurement_round.pk}/invoeren/$"))
        # The form is empty again for the next respondent.
        expect(page.locator("input[type=radio]:checked")).to_have_count(0)
        no_sideways_scroll(page)
    viewport_shot(page, "measurements-entry-saved-phone-view-360")

    assert measurement_round.responses.count() == before + 3
    latest = measurement_round.responses.order_by("-number").first()
    assert latest.source == "form"
    assert dict(latest.answers.values_list("item__code", "value")) == answers[-1]

    page.get_by_role("link", name="Klaar").click()
    expect(respondents_on_the_round_page(page)).to_have_text(str(before + 3))
    no_sideways_scroll(page)
    no_server_error(page)
    shot(page, "measurements-round-after-entry-360")
    assert not script_errors


def test_a_worker_imports_a_kobo_export_on_a_phone(site, new_page, browser_login, shot,
                                                    tmp_path):
    from opbouw.measurements.exchange import responses_as_kobo_csv

    # Rubroek's open follow-up uses the same instrument as Oud-Crooswijk; an export of
    # Oud-Crooswijk's baseline in KoboToolbox's shape (metadata, item codes, _uuid) is the file.
    target = demo_round("Rubroek")
    source = demo_round("Oud-Crooswijk", "baseline")
    assert target.instrument_id == source.instrument_id
    lines = responses_as_kobo_csv(source).splitlines()
    rows = 6
    upload = tmp_path / "kobo-export-rubroek.csv"
    upload.write_text("\n".join(lines[:rows + 1]) + "\n", encoding="utf-8")
    before = target.responses.count()

    page, script_errors = phone_page(new_page)
    browser_login(page, site, "medewerker")
    open_round_from_the_list(page, site, "Rubroek")
    page.get_by_role("link", name="Antwoorden importeren").click()
    expect(page).to_have_url(re.compile(rf"/metingen/rondes/{target.pk}/importeren/$"))
    page.locator("details > summary", has_text="Welke bestanden").click()
    no_sideways_scroll(page)
    shot(page, "measurements-import-upload-360")

    page.get_by_label("Bestand (CSV of Excel)").set_input_files(str(upload))
    page.get_by_role("button", name="Bekijken wat er geïmporteerd wordt").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voorvertoning import")
    main = page.locator("main")
    for text in ("kobo-export-rubroek.csv",
                 f"Alles is in orde: {rows} respondenten kunnen worden geïmporteerd.",
                 "Er is nog niets opgeslagen.",
                 "_uuid"):  # the submission id column was found
        expect(main).to_contain_text(text)
    columns = page.locator("table", has=page.locator("th", has_text="Kolom in het bestand"))
    expect(columns.locator("tbody tr td:first-child")).to_have_text(
        [f"sc_{i}" for i in range(1, 6)])
    assert target.responses.count() == before  # nothing written before the confirmation
    no_sideways_scroll(page)
    no_server_error(page)
    shot(page, "measurements-import-preview-360")

    page.get_by_role("button", name=f"{rows} respondenten importeren").click()
    expect(page.locator("main")).to_contain_text(f"{rows} respondenten geïmporteerd.")
    expect(page).to_have_url(re.compile(rf"/metingen/rondes/{target.pk}/$"))
    expect(respondents_on_the_round_page(page)).to_have_text(str(before + rows))
    assert target.responses.count() == before + rows
    assert target.responses.filter(source="import").count() == rows
    no_sideways_scroll(page)
    shot(page, "measurements-import-done-360")

    # The same file again: everything is already there, nothing can be confirmed.
    page.get_by_role("link", name="Antwoorden importeren").click()
    expect(page).to_have_url(re.compile(rf"/metingen/rondes/{target.pk}/importeren/$"))
    page.get_by_label("Bestand (CSV of Excel)").set_input_files(str(upload))
    page.get_by_role("button", name="Bekijken wat er geïmporteerd wordt").first.click()
    expect(page.locator("main")).to_contain_text(
        "Alle rijen van dit bestand zijn al eerder geïmporteerd")
    expect(page.get_by_role("button", name=re.compile("importeren$"))).to_have_count(0)
    no_sideways_scroll(page)
    shot(page, "measurements-import-again-360")
    assert target.responses.count() == before + rows
    assert not script_errors


@pytest.mark.parametrize("username", ["manager", "opdrachtgever"])
def test_the_change_since_the_baseline_on_a_phone(site, new_page, browser_login, shot,
                                                   username):
    follow_up = demo_round("Oud-Crooswijk")
    page, script_errors = phone_page(new_page)
    browser_login(page, site, username)
    open_round_from_the_list(page, site, "Oud-Crooswijk")
    expect(page.locator("main")).to_contain_text("95%-foutmarge")
    if username == "opdrachtgever":
        # Results for the own district, never single responses: no entry, no import.
        expect(page.get_by_role("link", name="Antwoorden invoeren")).to_have_count(0)
        expect(page.get_by_role("link", name="Antwoorden importeren")).to_have_count(0)
    no_sideways_scroll(page)
    shot(page, f"measurements-round-{username}-360")

    page.get_by_role("link", name="Verandering sinds de nulmeting").click()
    expect(page).to_have_url(re.compile(rf"/metingen/rondes/{follow_up.pk}/verandering/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Verandering sinds de nulmeting")
    row = page.locator("tbody tr", has_text="Sociale samenhang")
    expect(row).to_have_count(1)

    def cell(label):
        return row.locator(f"td[data-label='{label}']")

    number = r"[+−-]?\d+(,\d+)?"
    expect(cell("Nulmeting")).to_have_text(re.compile(rf"^\s*{number}\s+n=\d+\s*$"))
    expect(cell("Vervolgmeting")).to_have_text(re.compile(rf"^\s*{number}\s+n=\d+\s*$"))
    expect(cell("Verandering")).to_have_text(re.compile(rf"^\s*{number}\s*$"))
    expect(cell("95%-foutmarge")).to_have_text(re.compile(rf"^\s*{number} tot {number}\s*$"))
    expect(cell("Oordeel")).to_have_text("vooruitgang")
    interval = re.fullmatch(rf"({number}) tot ({number})",
                            cell("95%-foutmarge").inner_text().strip())
    low = float(interval.group(1).replace(",", ".").replace("−", "-").lstrip("+"))
    assert low > 0  # Oud-Crooswijk really improved: zero lies below the interval
    expect(page.locator(".op-meas-bars .op-ci")).to_have_count(2)  # both bars: a whisker
    no_sideways_scroll(page)
    no_server_error(page)
    shot(page, f"measurements-change-{username}-360")

    if username == "opdrachtgever":
        # A bigger instrument in the own district: every dimension with a number or a reason.
        ladder = demo_round("Nieuw-Crooswijk")
        page.goto(f"{site}/metingen/rondes/{ladder.pk}/verandering/")
        expect(page.locator("tbody tr")).to_have_count(ladder.instrument.dimensions.count())
        no_sideways_scroll(page)
        no_server_error(page)
        shot(page, "measurements-change-contact-ladder-opdrachtgever-360")
        # Entering or importing answers is closed to a commissioner.
        for path in ("invoeren", "importeren"):
            response = page.goto(f"{site}/metingen/rondes/{follow_up.pk}/{path}/")
            assert response.status == 403
    assert not script_errors
