"""The competences module in a real browser: self-assessment, coach rating, heat map,
joint training plan export and the development plan, each walked as its user would."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

pytestmark = pytest.mark.e2e

PHONE, DESKTOP = 360, 1280
INDEX_URL = "/competenties/"
N_COMPETENCIES = 20  # SCW framework, 4A..4T
EVIDENCE = "Bewonersavond over de speeltuin voorbereid en samen met de buurt geleid."
RESULT_URL = re.compile(r"/competenties/rondes/(\d+)/resultaat/(\d+)/$")
ROUND_URL = re.compile(r"/competenties/rondes/(\d+)/$")
ASSESSMENT_URL = re.compile(r"/competenties/beoordelingen/\d+/$")


def closed_round_name() -> str:
    return f"Competentiemeting najaar {dt.date.today().year - 1}"


def open_round_name() -> str:
    return f"Competentiemeting {dt.date.today().year}"


def assert_no_sideways_scroll(page, width: int = PHONE) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide at a {width}px viewport"


def open_competences(page, base_url: str, browser_login, username: str) -> None:
    """Log in and follow Competenties in the main menu."""
    browser_login(page, base_url, username)
    with page.expect_navigation():
        page.locator("nav.op-nav").get_by_role("link", name="Competenties", exact=True).click()
    assert page.url.endswith(INDEX_URL), page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Competenties"


def click_and_wait(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def competency_fieldsets(page):
    fieldsets = page.locator("fieldset.op-competency")
    assert fieldsets.count() == N_COMPETENCIES
    return fieldsets


def rate_all(page, levels_for) -> dict[str, int]:
    """Pick a level for every competency by clicking its label ("3 Bekwaam");
    `levels_for(i)` gives the level for the i-th competency. Returns {code: level}."""
    chosen = {}
    fieldsets = competency_fieldsets(page)
    for i in range(N_COMPETENCIES):
        fieldset = fieldsets.nth(i)
        code = fieldset.get_attribute("id").removeprefix("c-")
        level = levels_for(i)
        name = re.compile(rf"^{level}\s")
        radio = fieldset.get_by_role("radio", name=name)
        assert radio.count() == 1, f"no single radio for level {level} in {code}"
        assert re.fullmatch(r"waarde-\d+", radio.get_attribute("name"))
        # As a thumb would: on the label ("3 Bekwaam"), not on the small circle.
        fieldset.locator("label").filter(has=page.get_by_role("radio", name=name)).click()
        assert radio.is_checked()
        chosen[code] = level
    return chosen


# 1. Worker self-assessment ------------------------------------------------------------------

def test_worker_fills_in_and_submits_self_assessment_on_a_phone(site, new_page, browser_login,
                                                                shot):
    from opbouw.competences.models import Assessment

    page = new_page(PHONE)
    open_competences(page, site, browser_login, "medewerker")
    tasks = page.locator("section[aria-labelledby=taken]")
    click_and_wait(page, tasks.get_by_role("link", name="Mijn zelfbeoordeling"))
    assert ASSESSMENT_URL.search(page.url), page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn zelfbeoordeling"
    competency_fieldsets(page)
    assert page.locator("input[type=radio]:checked").count() == 0
    assert_no_sideways_scroll(page)

    # Submitting an empty assessment: a Dutch summary and a message per competency.
    click_and_wait(page, page.get_by_role("button", name="Indienen", exact=True))
    assert ASSESSMENT_URL.search(page.url), page.url
    summary = page.get_by_role("alert")
    assert "Niet opgeslagen." in summary.inner_text()
    assert f"Bekijk de {N_COMPETENCIES} competenties met een melding." in summary.inner_text()
    messages = page.locator(".op-competency .utrecht-form-field-error-message")
    assert messages.count() == N_COMPETENCIES
    for text in messages.all_inner_texts():
        assert "Geef een niveau om te kunnen indienen." in text
    assert page.locator("fieldset.op-competency--invalid").count() == N_COMPETENCIES
    # Each radio group is tied to its message for screen readers.
    group = page.locator(".op-scale").first
    described_by = group.get_attribute("aria-describedby")
    assert described_by and page.locator(f"#{described_by}").is_visible()
    shot(page, "competences-self-errors-360")

    # Rate everything, add one piece of evidence, save in between.
    levels = rate_all(page, lambda i: i % 4 + 1)
    page.locator("textarea.op-evidence").first.fill(EVIDENCE)
    click_and_wait(page, page.get_by_role("button", name="Tussentijds opslaan"))
    assert ASSESSMENT_URL.search(page.url), page.url
    assert "Tussentijds opgeslagen." in page.locator(".op-messages").inner_text()
    assert page.get_by_role("alert").count() == 0
    assert page.locator("input[type=radio]:checked").count() == N_COMPETENCIES
    assert page.locator("textarea.op-evidence").first.input_value() == EVIDENCE
    self_assessment = Assessment.objects.get(worker__username="medewerker",
                                             kind=Assessment.Kind.SELF, round__state="open")
    assert self_assessment.state == Assessment.State.OPEN
    assert {r.competency.code: r.value for r in self_assessment.ratings.select_related(
        "competency")} == levels
    assert_no_sideways_scroll(page)
    shot(page, "competences-self-form-360")

    # Submit: back on the round page with a thank-you.
    click_and_wait(page, page.get_by_role("button", name="Indienen", exact=True))
    assert ROUND_URL.search(page.url), page.url
    assert "Ingediend. Dank u wel!" in page.locator(".op-messages").inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == open_round_name()
    self_assessment.refresh_from_db()
    assert self_assessment.state == Assessment.State.SUBMITTED
    assert_no_sideways_scroll(page)
    shot(page, "competences-self-submitted-round-360")

    # Reopened, the assessment is read-only and says it was submitted.
    my_tasks = page.locator("section[aria-labelledby=mijn-taken]")
    task = my_tasks.get_by_role("listitem").filter(has_text="Mijn zelfbeoordeling")
    assert "ingediend" in task.inner_text()
    click_and_wait(page, task.get_by_role("link", name="Mijn zelfbeoordeling"))
    assert "Deze beoordeling is ingediend en kan niet meer veranderen." in page.locator(
        ".utrecht-alert--info").inner_text()
    assert page.get_by_role("button", name="Indienen").count() == 0
    assert page.get_by_role("button", name="Tussentijds opslaan").count() == 0
    # A compact summary instead of the form: a level and the evidence per competency.
    assert page.locator("input[type=radio], textarea").count() == 0
    rows = page.locator("main table tbody tr")
    assert rows.count() == N_COMPETENCIES
    assert EVIDENCE in page.locator("main table").inner_text()
    shot(page, "competences-self-readonly-360")


# 2. Coach rating --------------------------------------------------------------------------

def test_coach_rates_a_worker_and_sees_the_profile(site, new_page, browser_login, shot):
    from opbouw.competences.models import Assessment

    page = new_page(DESKTOP)
    open_competences(page, site, browser_login, "coach")
    task = page.get_by_role("link", name=re.compile(r"^Beoordeling door coach: Sanne de Vries"))
    click_and_wait(page, task)
    assert ASSESSMENT_URL.search(page.url), page.url
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Beoordeling door coach: Sanne de Vries")

    levels = rate_all(page, lambda i: 4 - i % 3)  # 4, 3, 2, 4, ...
    click_and_wait(page, page.get_by_role("button", name="Indienen", exact=True))
    match = ROUND_URL.search(page.url)
    assert match, page.url
    assert "Ingediend. Dank u wel!" in page.locator(".op-messages").inner_text()
    coach_assessment = Assessment.objects.get(worker__username="medewerker",
                                              kind=Assessment.Kind.COACH, round__state="open")
    assert coach_assessment.state == Assessment.State.SUBMITTED

    # The round page: the worker's row in Voortgang says the coach has submitted.
    progress = page.locator("section[aria-labelledby=voortgang]")
    row = progress.get_by_role("row").filter(has=page.get_by_role("link", name="Sanne de Vries"))
    assert row.count() == 1
    assert "ingediend" in row.get_by_role("cell").nth(2).inner_text()
    click_and_wait(page, row.get_by_role("link", name="Sanne de Vries"))
    result = RESULT_URL.search(page.url)
    assert result and result.group(1) == match.group(1), page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Profiel van Sanne de Vries"

    table = page.locator("table")
    headers = table.get_by_role("columnheader").all_inner_texts()
    for column in ("Competentie", "Zelf", "Coach", "Norm"):
        assert column in headers, headers
    coach_column = headers.index("Coach")
    rows = table.locator("tbody tr")
    assert rows.count() == N_COMPETENCIES
    for i in range(N_COMPETENCIES):
        cells = rows.nth(i).locator("th, td")
        code = cells.nth(0).inner_text().split()[0]
        assert cells.nth(coach_column).inner_text().strip() == str(levels[code]), code
        assert re.fullmatch(r"[1-4]", cells.nth(headers.index("Norm")).inner_text().strip())
    shot(page, "competences-result-coach-1280")


def test_profile_chart_bars_follow_the_levels(site, new_page, browser_login, shot):
    """The bar chart on a profile draws each level as a share of the scale (4 = full)."""
    page = new_page(DESKTOP)
    open_competences(page, site, browser_login, "medewerker")
    click_and_wait(page, page.locator("main table").get_by_role("link",
                                                                name=closed_round_name()))
    click_and_wait(page, page.get_by_role("link", name="Mijn profiel tegenover de norm bekijken"))
    assert RESULT_URL.search(page.url), page.url

    table = page.locator("main table")
    headers = table.get_by_role("columnheader").all_inner_texts()
    figures = {}
    for row in table.locator("tbody tr").all():
        cells = [c.strip() for c in row.locator("th, td").all_inner_texts()]
        figures[cells[0].split()[0]] = {h: cells[headers.index(h)] for h in ("Zelf", "Coach",
                                                                             "Norm")}
    top = 4  # the SCW scale runs from 1 to 4
    wrong = []
    bars = page.locator("ul.op-bars > li")
    assert bars.count() == N_COMPETENCIES
    for item in bars.all():
        code = item.locator("span").first.inner_text().split()[0]
        track = item.locator(".op-bars__track").bounding_box()
        for css, column in ((".op-bar--self", "Zelf"), (".op-bar--coach", "Coach")):
            bar = item.locator(css)
            expected = track["width"] * int(figures[code][column]) / top
            width = bar.bounding_box()["width"]
            if abs(width - expected) > 2:
                wrong.append(f"{code} {column}: {width:.0f}px, expected {expected:.0f}px "
                             f"(style {bar.get_attribute('style')!r})")
        norm = item.locator(".op-bar--norm")
        expected = track["width"] * int(figures[code]["Norm"]) / top
        offset = norm.bounding_box()["x"] - track["x"]
        if abs(offset - expected) > 3:
            wrong.append(f"{code} norm marker at {offset:.0f}px, expected {expected:.0f}px "
                         f"(style {norm.get_attribute('style')!r})")
    shot(page, "competences-result-own-closed-1280")
    assert not wrong, "bars do not follow the table:\n" + "\n".join(wrong[:6])


# 3. Manager heat map ----------------------------------------------------------------------

@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_manager_sees_heat_map_and_lagging_competencies(site, new_page, browser_login, shot,
                                                        width):
    page = new_page(width)
    open_competences(page, site, browser_login, "manager")
    click_and_wait(page, page.locator("main table").get_by_role("link",
                                                                name=closed_round_name()))
    assert ROUND_URL.search(page.url), page.url
    click_and_wait(page, page.get_by_role("link", name="Heatmap en achterblijvende competenties"))
    assert page.url.endswith("/heatmap/"), page.url
    assert page.get_by_role("heading", level=1).inner_text().startswith("Heatmap")

    table = page.locator("main table")
    headers = table.get_by_role("columnheader").all_inner_texts()
    assert headers[0] == "Competentie"
    assert headers[-1] == "Hele organisatie", headers
    assert any(h.startswith("Team ") for h in headers), headers
    assert table.locator("tbody tr").count() == N_COMPETENCIES
    # The closed round is complete, so the organisation column has figures for every row.
    totals = table.locator("tbody tr td:last-child").all_inner_texts()
    assert all(re.search(r"n=\d+", t) for t in totals), totals

    for kind in ("Generiek", "Vakspecifiek"):
        section = page.locator("section.op-card").filter(
            has=page.get_by_role("heading", level=3, name=kind))
        assert section.count() == 1, kind
        items = section.get_by_role("listitem")
        assert 1 <= items.count() <= 5
        assert re.match(r"4[A-T] ", items.first.inner_text()), items.first.inner_text()
    shot(page, f"competences-heatmap-{width}")
    if width == PHONE:
        assert_no_sideways_scroll(page)


# 4. Analyst joint training plan ----------------------------------------------------------

def test_analyst_exports_the_joint_training_plan(site, new_page, browser_login, shot):
    import openpyxl

    page = new_page(DESKTOP)
    open_competences(page, site, browser_login, "analist")
    click_and_wait(page, page.locator("main table").get_by_role("link",
                                                                name=closed_round_name()))
    round_pk = ROUND_URL.search(page.url).group(1)
    click_and_wait(page, page.get_by_role("link", name="Gezamenlijk opleidingsplan"))
    assert page.url.endswith(f"/rondes/{round_pk}/opleidingsplan/"), page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Gezamenlijk opleidingsplan"

    warning = page.locator(".utrecht-alert--warning")
    assert "Nog geen aanbod voor:" in warning.inner_text()
    table = page.locator("main table")
    assert table.get_by_role("columnheader").all_inner_texts()[:2] == ["Competentie",
                                                                       "Onder de norm"]
    assert table.locator("tbody tr").count() == N_COMPETENCIES
    assert table.get_by_text("geen aanbod").count() >= 1
    shot(page, "competences-training-plan-1280")

    with page.expect_download() as xlsx_info:
        page.get_by_role("link", name="Download Excel (XLSX)").click()
    xlsx = xlsx_info.value
    assert xlsx.failure() is None
    assert xlsx.suggested_filename == f"opleidingsplan-ronde-{round_pk}.xlsx"
    with open(xlsx.path(), "rb") as f:
        workbook = openpyxl.load_workbook(io.BytesIO(f.read()))
    cells = [str(c.value) for ws in workbook.worksheets
             for row in ws.iter_rows(max_row=10) for c in row if c.value is not None]
    assert "Competentie" in cells, cells[:20]

    with page.expect_download() as pdf_info:
        page.get_by_role("link", name="Download PDF").click()
    pdf = pdf_info.value
    assert pdf.failure() is None
    assert pdf.suggested_filename == f"opleidingsplan-ronde-{round_pk}.pdf"
    with open(pdf.path(), "rb") as f:
        assert f.read(4) == b"%PDF"


# 5. Development plan -------------------------------------------------------------------------

def test_worker_opens_own_development_plan_on_a_phone(site, new_page, browser_login, shot):
    page = new_page(PHONE)
    open_competences(page, site, browser_login, "medewerker")
    subnav = page.locator("nav.op-subnav")
    click_and_wait(page, subnav.get_by_role("link", name="Mijn ontwikkelplan"))
    assert re.search(r"/competenties/ontwikkelplan/\d+/$", page.url), page.url
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading.startswith("Ontwikkelplan van Sanne de Vries"), heading
    assert page.get_by_role("heading", level=2, name="Doelen en acties").is_visible()
    # The demo plan has two goals, each with an action.
    assert page.locator("main section.op-card h3").count() >= 2
    assert_no_sideways_scroll(page)
    shot(page, "competences-my-plan-360")
