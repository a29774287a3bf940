"""Assignments in a real browser, on a phone: a commissioner writes an assignment with an
area, hours, budget and result agreements and finds it in the list; the provider's manager
opens it, sees where it stands ("op koers" / "achter") and enters a measured value; a save
on a form that someone else saved in the meantime is refused in Dutch.

A small world of its own (no demo data): one district with two neighbourhoods, its
commissioner, two providers and the shipped indicator catalogue.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PHONE, HEIGHT = 360, 740
PASSWORD = "demo-opbouw"
TITLE = "Samen sterk in Crooswijk"
DETAIL_URL = re.compile(r"/opdrachten/(\d+)/$")
STALE = "Iemand anders heeft deze opdracht intussen gewijzigd"


@pytest.fixture
def work_site(transactional_db, live_server):
    """The live server with a district, its commissioner and two providers."""
    from django.apps import apps

    from opbouw.access.roles import Role
    from opbouw.areas.models import Area
    from opbouw.assignments.reference import load_indicators
    from opbouw.organisations.tests.factories import (
        MembershipFactory,
        OrganisationFactory,
        UserFactory,
    )

    load_indicators(apps.get_model)  # a flushed test database lost the migration's rows

    def area(code, name, level, parent=None):
        return Area.objects.create(code=code, name=name, level=level, parent=parent,
                                   path=f"{parent.path}/{code}" if parent else code)

    city = area("GM0599", "Rotterdam", "municipality")
    district = area("GB059903", "Kralingen-Crooswijk", "district", city)
    kralingen = area("WK059915", "Kralingen-West", "neighbourhood", district)
    crooswijk = area("WK059916", "Nieuw Crooswijk", "neighbourhood", district)
    commissioner = OrganisationFactory(name="Deelgemeente Kralingen-Crooswijk",
                                       short_name="DG KC", kind="commissioner")
    commissioner.areas.set([district])
    provider = OrganisationFactory(name="Stichting Opbouw Oost", short_name="SOO")
    provider.areas.set([district])
    other = OrganisationFactory(name="Welzijn West", short_name="WW")

    def person(username, first, last, organisation, role):
        user = UserFactory(username=username, first_name=first, last_name=last)
        user.set_password(PASSWORD)
        user.save()
        MembershipFactory(user=user, organisation=organisation, role=role)
        return user

    return SimpleNamespace(
        url=live_server.url, district=district, kralingen=kralingen, crooswijk=crooswijk,
        commissioner=commissioner, provider=provider, other=other,
        opdrachtgever=person("opdrachtgever", "Jeroen", "Bakker", commissioner,
                             Role.COMMISSIONER),
        manager=person("manager", "Marieke", "Jansen", provider, Role.MANAGER),
    )


def running_assignment(world, **values):
    """A running assignment of this whole year in Nieuw Crooswijk: 1,200 hours, € 120,000."""
    from opbouw.assignments.tests.factories import AssignmentFactory

    year = dt.date.today().year
    return AssignmentFactory(
        commissioner=world.commissioner, provider=world.provider, title=TITLE,
        areas=[world.crooswijk], starts_on=dt.date(year, 1, 1), ends_on=dt.date(year, 12, 31),
        budget=Decimal("120000.00"), agreed_hours=Decimal("1200.0"), **values)


def phone(new_page):
    page = new_page(PHONE)
    page.set_viewport_size({"width": PHONE, "height": HEIGHT})
    return page


def click_and_wait(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def assert_no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE, f"{page.url} is {width}px wide at a {PHONE}px viewport"


def agreement_row(page, indicator: str):
    return page.locator("section[aria-labelledby=afspraken] tbody tr").filter(
        has=page.get_by_role("link", name=indicator, exact=True))


def test_a_commissioner_writes_an_assignment_with_agreements_on_a_phone(
        work_site, new_page, browser_login, shot):
    from opbouw.assignments.models import Assignment

    world = work_site
    page = phone(new_page)
    browser_login(page, world.url, "opdrachtgever")
    if page.locator(".op-nav__toggle").is_visible():  # on a phone the menu opens first
        page.locator(".op-nav__toggle").click()
    click_and_wait(page, page.locator("nav.op-nav").get_by_role("link", name="Opdrachten"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Opdrachten")
    expect(page.locator("main")).to_contain_text("0 opdrachten")
    click_and_wait(page, page.get_by_role("link", name="Nieuwe opdracht"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe opdracht")
    # One commissioner: named, not asked; the dates default to this year.
    expect(page.locator("main")).to_contain_text("Opdrachtgever: Deelgemeente Kralingen-Crooswijk")
    year = dt.date.today().year
    expect(page.get_by_label("Begindatum")).to_have_value(f"{year}-01-01")
    expect(page.get_by_label("Einddatum")).to_have_value(f"{year}-12-31")

    # Saving without the essentials: Dutch messages, nothing written.
    click_and_wait(page, page.get_by_role("button", name="Opslaan"))
    expect(page.get_by_role("alert")).to_contain_text("Niet opgeslagen.")
    expect(page.locator("#areas-error")).to_have_text("Kies minstens één gebied.")
    assert Assignment.objects.count() == 0
    shot(page, "assignments-create-errors-360")

    page.get_by_label("Opdrachtnemer").select_option(label="Stichting Opbouw Oost")
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Omschrijving").fill("Bewoners organiseren zich rond de speeltuin.")
    # The district's neighbourhoods fold open under its name, as a thumb would open them.
    page.locator("details.op-group > summary", has_text="Kralingen-Crooswijk").click()
    page.get_by_label("Nieuw Crooswijk").check()
    page.get_by_label("Budget (euro)").fill("120000")
    page.get_by_label("Afgesproken uren").fill("1200")
    page.get_by_label("Status").select_option(label="lopend")
    assert_no_sideways_scroll(page)
    shot(page, "assignments-create-form-360")
    click_and_wait(page, page.get_by_role("button", name="Opslaan"))
    expect(page).to_have_url(DETAIL_URL)
    expect(page.locator(".op-messages")).to_contain_text("Opgeslagen.")
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    facts = page.locator("dl.op-definitions")
    expect(facts).to_contain_text("Stichting Opbouw Oost")
    expect(facts).to_contain_text("Nieuw Crooswijk")
    expect(facts).to_contain_text("€ 120.000,00")
    expect(facts).to_contain_text("€ 100,00 per uur")  # 120,000 / 1,200 hours
    expect(page.locator("section[aria-labelledby=afspraken]")).to_contain_text(
        "Nog geen resultaatafspraken.")

    # Two result agreements: one counted from the logbook, one measured by hand.
    for indicator, target in (("Activiteiten", "100"),
                              ("Groepen die zelfstandig verder gaan", "12")):
        click_and_wait(page, page.get_by_role("link", name="Resultaatafspraak toevoegen"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Resultaatafspraak toevoegen")
        select = page.get_by_label("Indicator")
        option = select.locator("option").filter(has_text=re.compile(rf"^{indicator} \("))
        select.select_option(value=option.get_attribute("value"))
        page.get_by_label("Streefwaarde").fill(target)
        page.get_by_label("Reden van de wijziging").fill("Afgesproken in het startgesprek")
        assert_no_sideways_scroll(page)
        click_and_wait(page, page.get_by_role("button", name="Opslaan"))
        expect(page.locator(".op-messages")).to_contain_text("Resultaatafspraak opgeslagen.")
        expect(agreement_row(page, indicator)).to_contain_text(target)
    expect(agreement_row(page, "Activiteiten")).to_contain_text("achter")  # none logged yet
    expect(agreement_row(page, "Groepen die zelfstandig verder gaan")).to_contain_text(
        "nog geen waarde")
    assert_no_sideways_scroll(page)
    shot(page, "assignments-detail-commissioner-360")

    assignment = Assignment.objects.get()
    assert (assignment.status, assignment.budget, assignment.agreed_hours) == (
        "running", Decimal("120000.00"), Decimal("1200.0"))
    assert list(assignment.areas.values_list("name", flat=True)) == ["Nieuw Crooswijk"]
    assert assignment.agreements.count() == 2

    # And it is in the list, with its provider, area and status.
    click_and_wait(page, page.locator(".op-breadcrumbs").get_by_role("link", name="Opdrachten"))
    expect(page.locator("main")).to_contain_text("1 opdracht")
    row = page.locator("main table tbody tr").filter(
        has=page.get_by_role("link", name=TITLE))
    expect(row).to_have_count(1)
    expect(row).to_contain_text("SOO")
    expect(row).to_contain_text("Nieuw Crooswijk")
    expect(row).to_contain_text("lopend")
    expect(row).to_contain_text(f"1 jan {year} – 31 dec {year}")
    assert_no_sideways_scroll(page)
    shot(page, "assignments-list-360")


def test_the_providers_manager_sees_progress_and_enters_a_value(work_site, new_page,
                                                                browser_login, shot):
    from opbouw.assignments.models import Indicator, ManualValue
    from opbouw.assignments.tests.factories import ResultAgreementFactory

    world = work_site
    assignment = running_assignment(world)
    for code, target in (("activiteiten", 100), ("zelf-verder", 12)):
        ResultAgreementFactory(assignment=assignment, indicator=Indicator.objects.get(code=code),
                               target=Decimal(target))
    page = phone(new_page)
    browser_login(page, world.url, "manager")
    if page.locator(".op-nav__toggle").is_visible():  # on a phone the menu opens first
        page.locator(".op-nav__toggle").click()
    click_and_wait(page, page.locator("nav.op-nav").get_by_role("link", name="Opdrachten"))
    expect(page.get_by_role("link", name="Nieuwe opdracht")).to_have_count(0)  # not theirs
    click_and_wait(page, page.get_by_role("link", name=TITLE))
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    # A manager reads and reports; only the commissioner edits.
    expect(page.get_by_role("link", name="Bewerken")).to_have_count(0)
    progress = page.locator("section[aria-labelledby=voortgang]")
    expect(progress.get_by_role("heading", level=2)).to_contain_text("Voortgang tot en met")
    expect(progress).to_contain_text("van 1.200 afgesproken uren")
    activities = agreement_row(page, "Activiteiten")
    expect(activities).to_contain_text("achter")  # nothing logged, yet time has passed
    expect(activities).to_contain_text("Nu verwacht:")
    by_hand = agreement_row(page, "Groepen die zelfstandig verder gaan")
    expect(by_hand).to_contain_text("nog geen waarde")
    assert_no_sideways_scroll(page)
    shot(page, "assignments-detail-manager-before-360")

    # Twelve groups went on by themselves: the target for the year, reached.
    click_and_wait(page, by_hand.get_by_role("link", name="Waarde invoeren"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Groepen die zelfstandig verder gaan")
    year = dt.date.today().year
    page.get_by_label("Periode vanaf").fill(f"{year}-01-01")
    page.get_by_label("Periode tot en met").fill(dt.date.today().isoformat())
    page.get_by_label("Waarde").fill("12")
    page.get_by_label("Toelichting").fill("Geteld in het teamoverleg")
    assert_no_sideways_scroll(page)
    shot(page, "assignments-manual-value-360")
    click_and_wait(page, page.get_by_role("button", name="Opslaan"))
    expect(page.locator(".op-messages")).to_contain_text("Waarde opgeslagen.")
    by_hand = agreement_row(page, "Groepen die zelfstandig verder gaan")
    expect(by_hand).to_contain_text("op koers")
    expect(by_hand).to_contain_text("streefwaarde behaald")
    expect(agreement_row(page, "Activiteiten")).to_contain_text("achter")
    assert ManualValue.objects.get().value == Decimal(12)
    assert_no_sideways_scroll(page)
    shot(page, "assignments-detail-manager-after-360")


def test_a_stale_save_is_refused_in_dutch(work_site, new_page, browser_login, shot):
    from opbouw.assignments.models import Assignment

    world = work_site
    assignment = running_assignment(world)
    edit_url = f"{world.url}/opdrachten/{assignment.pk}/bewerken/"
    # Two tabs of the same commissioner, both opened at the same version.
    first, second = phone(new_page), phone(new_page)
    browser_login(first, world.url, "opdrachtgever")
    browser_login(second, world.url, "opdrachtgever")
    for page in (first, second):
        page.goto(edit_url)
        expect(page.get_by_role("heading", level=1)).to_have_text("Opdracht bewerken")
        expect(page.locator("main")).to_contain_text("Deze opdracht loopt al.")

    # Fewer hours at the same hourly rate (100 euro) stay within the budget.
    second.get_by_label("Afgesproken uren").fill("1100")
    second.get_by_label("Reden van de wijziging").fill("Minder inzet na de zomer")
    click_and_wait(second, second.get_by_role("button", name="Opslaan"))
    expect(second.locator(".op-messages")).to_contain_text("Opgeslagen.")

    first.get_by_label("Budget (euro)").fill("130000")
    first.get_by_label("Reden van de wijziging").fill("Meer budget")
    click_and_wait(first, first.get_by_role("button", name="Opslaan"))
    expect(first).to_have_url(re.compile(r"/bewerken/$"))  # still on the form
    alert = first.locator("main").get_by_role("alert")
    expect(alert.first).to_be_visible()
    expect(first.locator("main")).to_contain_text(STALE)
    expect(first.locator("main")).to_contain_text("Jeroen Bakker")
    expect(first.locator("main")).to_contain_text("Uw wijzigingen zijn niet opgeslagen.")
    expect(first.get_by_role("link", name="Bekijk de opdracht zoals ze nu is")).to_be_visible()
    assert_no_sideways_scroll(first)
    shot(first, "assignments-stale-save-360")

    assignment.refresh_from_db()
    assert assignment.agreed_hours == Decimal("1100.0")  # the first save stands
    assert assignment.budget == Decimal("120000.00")  # the stale one changed nothing
    assert assignment.amendments.count() == 1

    # Reopened, the form shows the saved hours and saves again.
    click_and_wait(first, first.get_by_role("link", name="open het formulier opnieuw"))
    expect(first.get_by_label("Afgesproken uren")).to_have_value(re.compile(r"^1\.?100"))
    first.get_by_label("Budget (euro)").fill("130000")
    first.get_by_label("Reden van de wijziging").fill("Meer budget")
    click_and_wait(first, first.get_by_role("button", name="Opslaan"))
    expect(first.locator(".op-messages")).to_contain_text("Opgeslagen.")
    assignment.refresh_from_db()
    assert (assignment.budget, assignment.agreed_hours) == (Decimal("130000.00"),
                                                           Decimal("1100.0"))
    assert Assignment.objects.count() == 1
