"""The competences module in a real browser: self-assessment, coach rating, heat map,
joint training plan export and the development plan, each walked as its user would."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from playwright.sync_api import expect

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
    nav = page.locator("nav.op-nav")
    link = nav.get_by_role("link", name="Competenties", exact=True).filter(visible=True)
    if not link.count():  # on a phone the whole menu opens from "Menu"
        nav.locator("summary").filter(visible=True).click()
    with page.expect_navigation():
        link.first.click()
    expect(page).to_have_url(re.compile(re.escape(INDEX_URL) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Competenties")


def click_and_wait(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def competency_fieldsets(page):
    fieldsets = page.locator("fieldset.op-competency")
    expect(fieldsets).to_have_count(N_COMPETENCIES)
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
        expect(radio, f"no single radio for level {level} in {code}").to_have_count(1)
        expect(radio).to_have_attribute("name", re.compile(r"^waarde-\d+$"))
        # As a thumb would: on the label ("3 Bekwaam"), not on the small circle.
        fieldset.locator("label").filter(has=page.get_by_role("radio", name=name)).click()
        expect(radio).to_be_checked()
        chosen[code] = level
    return chosen


CONFIRM = "Ik weet dat ik na indienen niets meer kan wijzigen"


def confirm(page) -> None:
    """Tick the box that submitting cannot be undone (clicking its label, as a thumb would)."""
    box = page.get_by_role("checkbox", name=CONFIRM)
    page.locator("label[for=bevestigen]").click()
    expect(box).to_be_checked()


# 1. Worker self-assessment ------------------------------------------------------------------

def test_worker_fills_in_and_submits_self_assessment_on_a_phone(site, new_page, browser_login,
                                                                shot):
    from opbouw.competences.models import Assessment

    page = new_page(PHONE)
    open_competences(page, site, browser_login, "medewerker")
    tasks = page.locator("section[aria-labelledby=taken]")
    click_and_wait(page, tasks.get_by_role("link", name="Mijn zelfbeoordeling"))
    expect(page).to_have_url(ASSESSMENT_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn zelfbeoordeling")
    competency_fieldsets(page)
    expect(page.locator("input[type=radio]:checked")).to_have_count(0)
    assert_no_sideways_scroll(page)

    # Submitting an empty assessment (confirmed): a Dutch summary and a message per competency.
    confirm(page)
    click_and_wait(page, page.get_by_role("button", name="Indienen", exact=True))
    expect(page).to_have_url(ASSESSMENT_URL)
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Niet opgeslagen.")
    expect(summary).to_contain_text(
        f"Bekijk de {N_COMPETENCIES} competenties met een melding.")
    messages = page.locator(".op-competency .utrecht-form-field-error-message")
    expect(messages).to_have_count(N_COMPETENCIES)
    expect(messages).to_contain_text(
        ["Geef een niveau om te kunnen indienen."] * N_COMPETENCIES)
    expect(page.locator("fieldset.op-competency--invalid")).to_have_count(N_COMPETENCIES)
    # Each radio group is tied to its message for screen readers.
    group = page.locator(".op-scale").first
    expect(group).to_have_attribute("aria-describedby", re.compile(r"\S"))
    expect(page.locator(f"#{group.get_attribute('aria-describedby')}")).to_be_visible()
    shot(page, "competences-self-errors-360")

    # Rate everything, add one piece of evidence, save in between.
    levels = rate_all(page, lambda i: i % 4 + 1)
    page.locator("textarea.op-evidence").first.fill(EVIDENCE)
    click_and_wait(page, page.get_by_role("button", name="Tussentijds opslaan"))
    expect(page).to_have_url(ASSESSMENT_URL)
    expect(page.locator(".op-messages")).to_contain_text("Tussentijds opgeslagen.")
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.locator("input[type=radio]:checked")).to_have_count(N_COMPETENCIES)
    expect(page.locator("textarea.op-evidence").first).to_have_value(EVIDENCE)
    self_assessment = Assessment.objects.get(worker__username="medewerker",
                                             kind=Assessment.Kind.SELF, round__state="open")
    assert self_assessment.state == Assessment.State.OPEN
    assert {r.competency.code: r.value for r in self_assessment.ratings.select_related(
        "competency")} == levels
    assert_no_sideways_scroll(page)
    shot(page, "competences-self-form-360")

    # Submit: back on the round page with a thank-you.
    confirm(page)
    click_and_wait(page, page.get_by_role("button", name="Indienen", exact=True))
    expect(page).to_have_url(ROUND_URL)
    expect(page.locator(".op-messages")).to_contain_text("Ingediend. Dank u wel!")
    expect(page.get_by_role("heading", level=1)).to_have_text(open_round_name())
    self_assessment.refresh_from_db()
    assert self_assessment.state == Assessment.State.SUBMITTED
    assert_no_sideways_scroll(page)
    shot(page, "competences-self-submitted-round-360")

    # Reopened, the assessment is read-only and says it was submitted.
    my_tasks = page.locator("section[aria-labelledby=mijn-taken]")
    task = my_tasks.get_by_role("listitem").filter(has_text="Mijn zelfbeoordeling")
    expect(task).to_contain_text("ingediend")
    click_and_wait(page, task.get_by_role("link", name="Mijn zelfbeoordeling"))
    expect(page.locator(".utrecht-alert--info")).to_contain_text(
        "Deze beoordeling is ingediend en kan niet meer veranderen.")
    expect(page.get_by_role("button", name="Indienen")).to_have_count(0)
    expect(page.get_by_role("button", name="Tussentijds opslaan")).to_have_count(0)
    # A compact summary instead of the form: a level and the evidence per competency.
    expect(page.locator("input[type=radio], textarea")).to_have_count(0)
    expect(page.locator("main table tbody tr")).to_have_count(N_COMPETENCIES)
    expect(page.locator("main table")).to_contain_text(EVIDENCE)
    shot(page, "competences-self-readonly-360")


# 2. Coach rating --------------------------------------------------------------------------

def test_coach_rates_a_worker_and_sees_the_profile(site, new_page, browser_login, shot):
    from opbouw.competences.models import Assessment

    page = new_page(DESKTOP)
    open_competences(page, site, browser_login, "coach")
    task = page.get_by_role("link", name=re.compile(r"^Beoordeling door coach: Sanne de Vries"))
    click_and_wait(page, task)
    expect(page).to_have_url(ASSESSMENT_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Beoordeling door coach: Sanne de Vries")

    # The demo worker has not submitted their own assessment: it stays private.
    expect(page.locator(".op-beside-missing")).to_contain_text(
        "Sanne de Vries heeft de zelfbeoordeling nog niet ingediend.")
    expect(page.locator("aside.op-beside")).to_have_count(0)
    levels = rate_all(page, lambda i: 4 - i % 3)  # 4, 3, 2, 4, ...
    confirm(page)
    click_and_wait(page, page.get_by_role("button", name="Indienen", exact=True))
    expect(page).to_have_url(ROUND_URL)
    match = ROUND_URL.search(page.url)
    expect(page.locator(".op-messages")).to_contain_text("Ingediend. Dank u wel!")
    coach_assessment = Assessment.objects.get(worker__username="medewerker",
                                              kind=Assessment.Kind.COACH, round__state="open")
    assert coach_assessment.state == Assessment.State.SUBMITTED

    # The round page: the worker's row in Voortgang says the coach has submitted.
    progress = page.locator("section[aria-labelledby=voortgang]")
    row = progress.get_by_role("row").filter(has=page.get_by_role("link", name="Sanne de Vries"))
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell").nth(2)).to_contain_text("ingediend")
    click_and_wait(page, row.get_by_role("link", name="Sanne de Vries"))
    expect(page).to_have_url(re.compile(
        rf"/competenties/rondes/{match.group(1)}/resultaat/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Profiel van Sanne de Vries")

    table = page.locator("table")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(N_COMPETENCIES)
    for column in ("Competentie", "Zelf", "Coach", "Norm"):
        expect(table.get_by_role("columnheader", name=column, exact=True)).to_have_count(1)
    headers = table.get_by_role("columnheader").all_inner_texts()
    coach_column = headers.index("Coach")
    for i in range(N_COMPETENCIES):
        cells = rows.nth(i).locator("th, td")
        code = cells.nth(0).inner_text().split()[0]
        expect(cells.nth(coach_column), code).to_have_text(str(levels[code]))
        expect(cells.nth(headers.index("Norm"))).to_have_text(re.compile(r"^\s*[1-4]\s*$"))
    shot(page, "competences-result-coach-1280")


def assert_labels_above(fieldset) -> None:
    """Each field's label sits above it, never beside it."""
    for label, field in ((fieldset.locator("span.op-label-above"), fieldset.locator(".op-scale")),
                         (fieldset.locator("label.op-label-above"),
                          fieldset.locator("textarea.op-evidence"))):
        label_box, field_box = label.bounding_box(), field.bounding_box()
        assert label_box["y"] + label_box["height"] <= field_box["y"] + 1, (
            f"{label.inner_text()!r} is not above its field")


def test_coach_rates_beside_the_self_rating_and_confirms_on_a_phone(site, new_page,
                                                                   browser_login, shot):
    from opbouw.access.actor import actor_for
    from opbouw.competences import services
    from opbouw.competences.models import Assessment

    # The worker submits their self-assessment first; one competency with evidence.
    own = Assessment.objects.select_related("round__framework", "worker").get(
        worker__username="medewerker", kind=Assessment.Kind.SELF, round__state="open")
    comps = list(own.round.framework.competencies.order_by("order"))
    self_levels = {c.code: i % 4 + 1 for i, c in enumerate(comps)}
    services.assessment_save(
        actor=actor_for(own.worker), assessment=own, submit=True,
        values={c.pk: (self_levels[c.code], EVIDENCE if i == 0 else "")
                for i, c in enumerate(comps)})

    page = new_page(PHONE)
    open_competences(page, site, browser_login, "coach")
    click_and_wait(page, page.get_by_role(
        "link", name=re.compile(r"^Beoordeling door coach: Sanne de Vries")))
    expect(page).to_have_url(ASSESSMENT_URL)
    url = page.url
    fieldsets = competency_fieldsets(page)
    # Beside each competency: the worker's own level, and their evidence where they gave it.
    expect(page.locator("aside.op-beside")).to_have_count(N_COMPETENCIES)
    for i in range(N_COMPETENCIES):
        fieldset = fieldsets.nth(i)
        code = fieldset.get_attribute("id").removeprefix("c-")
        expect(fieldset.locator("aside.op-beside .op-beside__level")).to_contain_text(
            f"Zelfbeoordeling: {self_levels[code]} ")
    expect(fieldsets.first.locator("aside.op-beside")).to_contain_text(EVIDENCE)
    expect(fieldsets.nth(1).locator("aside.op-beside")).to_contain_text(
        "Geen onderbouwing gegeven.")
    assert_labels_above(fieldsets.first)
    assert_no_sideways_scroll(page)
    fieldsets.first.scroll_into_view_if_needed()
    shot(page, "competences-coach-beside-360")

    # Indienen without the tick: refused with a message at the box; the choices are kept.
    levels = rate_all(page, lambda i: 4 - i % 3)
    click_and_wait(page, page.get_by_role("button", name="Indienen", exact=True))
    expect(page).to_have_url(url)
    expect(page.get_by_role("alert")).to_contain_text("Nog niet ingediend.")
    expect(page.get_by_role("alert")).to_contain_text("Uw keuzes zijn tussentijds opgeslagen.")
    box = page.get_by_role("checkbox", name=CONFIRM)
    expect(box).not_to_be_checked()
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#bevestigen-error")).to_have_text("Vink dit aan om in te dienen.")
    expect(page.locator("input[type=radio]:checked")).to_have_count(N_COMPETENCIES)
    coach_assessment = Assessment.objects.get(worker__username="medewerker",
                                              kind=Assessment.Kind.COACH, round__state="open")
    assert coach_assessment.state == Assessment.State.OPEN
    assert {r.competency.code: r.value for r in coach_assessment.ratings.select_related(
        "competency")} == levels
    assert_no_sideways_scroll(page)
    shot(page, "competences-coach-confirm-refused-360")

    # With the tick: submitted, back on the round page.
    expect(page.get_by_role("link", name="Naar het vinkje")).to_have_attribute(
        "href", "#bevestigen")
    confirm(page)
    click_and_wait(page, page.get_by_role("button", name="Indienen", exact=True))
    expect(page).to_have_url(ROUND_URL)
    expect(page.locator(".op-messages")).to_contain_text("Ingediend. Dank u wel!")
    coach_assessment.refresh_from_db()
    assert coach_assessment.state == Assessment.State.SUBMITTED
    shot(page, "competences-coach-submitted-360")


def test_profile_chart_bars_follow_the_levels(site, new_page, browser_login, shot):
    """The bar chart on a profile draws each level as a share of the scale (4 = full)."""
    page = new_page(DESKTOP)
    open_competences(page, site, browser_login, "medewerker")
    click_and_wait(page, page.locator("main table").get_by_role("link",
                                                                name=closed_round_name()))
    click_and_wait(page, page.get_by_role("link", name="Mijn profiel tegenover de norm bekijken"))
    expect(page).to_have_url(RESULT_URL)

    table = page.locator("main table")
    expect(table.locator("tbody tr")).to_have_count(N_COMPETENCIES)
    headers = table.get_by_role("columnheader").all_inner_texts()
    figures = {}
    for row in table.locator("tbody tr").all():
        cells = [c.strip() for c in row.locator("th, td").all_inner_texts()]
        figures[cells[0].split()[0]] = {h: cells[headers.index(h)] for h in ("Zelf", "Coach",
                                                                             "Norm")}
    top = 4  # the SCW scale runs from 1 to 4
    wrong = []
    bars = page.locator("ul.op-bars > li:not(.op-bars__axis)")
    expect(bars).to_have_count(N_COMPETENCIES)
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
    expect(page).to_have_url(ROUND_URL)
    click_and_wait(page, page.get_by_role("link", name="Heatmap en achterblijvende competenties"))
    expect(page).to_have_url(re.compile(r"/heatmap/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Heatmap"))

    table = page.locator("main table")
    headers = table.get_by_role("columnheader")
    expect(headers.first).to_have_text("Competentie")
    expect(headers.last).to_have_text("Hele organisatie")
    expect(headers.filter(has_text=re.compile(r"^Team ")).first).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(N_COMPETENCIES)
    # The closed round is complete, so the organisation column has figures for every row.
    expect(table.locator("tbody tr td:last-child")).to_have_text(
        [re.compile(r"n=\d+")] * N_COMPETENCIES)

    for kind in ("Generiek", "Vakspecifiek"):
        section = page.locator("section.op-card").filter(
            has=page.get_by_role("heading", level=3, name=kind))
        expect(section, kind).to_have_count(1)
        items = section.get_by_role("listitem")
        expect(items.first).to_have_text(re.compile(r"^\s*4[A-T] "))
        assert items.count() <= 5
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
    expect(page).to_have_url(ROUND_URL)
    round_pk = ROUND_URL.search(page.url).group(1)
    click_and_wait(page, page.get_by_role("link", name="Gezamenlijk opleidingsplan"))
    expect(page).to_have_url(re.compile(rf"/rondes/{round_pk}/opleidingsplan/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezamenlijk opleidingsplan")

    expect(page.locator(".utrecht-alert--warning")).to_contain_text("Nog geen aanbod voor:")
    table = page.locator("main table")
    headers = table.get_by_role("columnheader")
    expect(headers.nth(0)).to_have_text("Competentie")
    expect(headers.nth(1)).to_have_text("Onder de norm")
    expect(table.locator("tbody tr")).to_have_count(N_COMPETENCIES)
    expect(table.get_by_text("geen aanbod").first).to_be_visible()
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
    expect(page).to_have_url(re.compile(r"/competenties/ontwikkelplan/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^Ontwikkelplan van Sanne de Vries"))
    expect(page.get_by_role("heading", level=2, name="Doelen en acties")).to_be_visible()
    # The demo plan has two goals, each with an action.
    expect(page.locator("main section.op-card h3").nth(1)).to_be_visible()
    assert_no_sideways_scroll(page)
    shot(page, "competences-my-plan-360")


# 6. PE points --------------------------------------------------------------------------------

def dutch_number(text: str) -> float:
    return float(text.strip().replace(".", "").replace(",", "."))


def needed_column(page) -> list[float]:
    cells = page.locator("table.op-pe-table").first.locator("td[data-label='Nog nodig']")
    return [dutch_number(t) for t in cells.all_inner_texts()]


def test_manager_sees_who_is_behind_on_pe_points_by_team_on_a_phone(site, new_page,
                                                                   browser_login, shot):
    page = new_page(PHONE)
    open_competences(page, site, browser_login, "manager")
    click_and_wait(page, page.locator("nav.op-subnav").get_by_role("link", name="PE-punten"))
    expect(page).to_have_url(re.compile(r"/competenties/pe-punten/$"))
    table = page.locator("table.op-pe-table").first
    expect(table.locator("tbody tr").first).to_be_visible()
    needed = needed_column(page)
    assert needed == sorted(needed, reverse=True), needed
    assert needed[0] > 0, "the demo has workers behind on PE points"
    # Behind means points still needed; who has none left is "op schema".
    for row in table.locator("tbody tr").all():
        status = row.locator("td[data-label='Stand']").inner_text()
        still = dutch_number(row.locator("td[data-label='Nog nodig']").inner_text())
        assert ("loopt achter" in status) == (still > 0), (status, still)
    assert_no_sideways_scroll(page)
    shot(page, "competences-pe-360")

    # Only the coach's team, only those behind: still largest shortfall first.
    page.locator("select[name=team]").select_option(label="Team Rachid Bouzid")
    page.locator("label[for=achter]").click()
    click_and_wait(page, page.get_by_role("button", name="Tonen"))
    expect(page).to_have_url(re.compile(r"[?&]team=\d+"))
    expect(page.locator("select[name=team]")).to_have_value(re.compile(r"^\d+$"))
    teams = table.locator("td[data-label='Team']")
    expect(teams.first).to_be_visible()
    assert set(teams.all_inner_texts()) == {"Rachid Bouzid"}
    needed = needed_column(page)
    assert needed == sorted(needed, reverse=True) and all(n > 0 for n in needed), needed
    assert_no_sideways_scroll(page)
    shot(page, "competences-pe-team-360")

    # Each name leads to the person's page.
    name = table.locator("tbody tr").first.get_by_role("link").first
    person = name.inner_text()
    click_and_wait(page, name)
    expect(page).to_have_url(re.compile(r"/mensen/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(person)
