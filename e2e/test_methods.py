"""Browser walk through the methods toolbox: search, an intervention, the matrix filtered by
an organisation and by a district, and the overlap page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

DESKTOP, PHONE = 1280, 360


def click_and_wait(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def open_methods(page, site):
    page.goto(site + "/")
    if page.locator(".op-nav__toggle").is_visible():  # on a phone the menu opens first
        page.locator(".op-nav__toggle").click()
    click_and_wait(page, page.locator("nav.op-nav").get_by_role("link", name="Methoden"))
    expect(page).to_have_url(re.compile(r"/methoden/$"))


def test_search_and_open_an_intervention(site, new_page, browser_login, shot):
    page = new_page(PHONE)
    browser_login(page, site, "medewerker")
    open_methods(page, site)
    page.get_by_label("Zoek in naam en beschrijving").fill("bemiddeling")
    click_and_wait(page, page.get_by_role("button", name="Zoeken"))
    results = page.locator("article.op-result")
    expect(results.first).to_contain_text("Buurtbemiddeling")
    shot(page, "methods-search-360")
    click_and_wait(page, results.first.get_by_role("link"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Buurtbemiddeling"))
    expect(page.locator("text=Waar wordt het aangeboden")).to_have_count(1)
    expect(page.locator(".op-prose li").first).to_be_visible()  # Markdown list rendered
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    shot(page, "methods-intervention-360")


def test_matrix_filtered_by_organisation_and_by_district(site, new_page, browser_login, shot):
    page = new_page(DESKTOP)
    browser_login(page, site, "opdrachtgever")
    open_methods(page, site)
    click_and_wait(page, page.locator(".op-subnav").get_by_role("link", name="Wmo-ladder"))
    for label in ("Motorblok", "Startmotor", "Wegenwacht en garage"):
        expect(page.locator("th", has_text=label)).to_have_count(1)
    items = page.locator(".op-matrix td li")
    expect(items.first).to_be_visible()
    all_count = items.count()
    assert all_count > 10
    shot(page, "methods-matrix-1280")
    page.get_by_label("Organisatie").select_option(label="SWH")
    click_and_wait(page, page.get_by_role("button", name="Tonen"))
    expect(page.locator("main")).to_contain_text("Organisatie: Stichting Welzijn Hoogvliet")
    expect(items.first).to_be_visible()
    assert items.count() < all_count
    page.get_by_label("Organisatie").select_option(value="")
    page.get_by_label("Gebied").select_option(label="Charlois")
    click_and_wait(page, page.get_by_role("button", name="Tonen"))
    expect(page.locator("main")).to_contain_text("Gebied: Charlois")
    expect(items.first).to_be_visible()
    assert items.count() < all_count
    shot(page, "methods-matrix-charlois-1280")


def test_overlap_and_gaps_in_a_district(site, new_page, browser_login, shot):
    page = new_page(DESKTOP)
    browser_login(page, site, "analist")
    open_methods(page, site)
    click_and_wait(page, page.locator(".op-subnav").get_by_role("link",
                                                               name="Overlap en gaten"))
    page.get_by_label("Gebied").select_option(label="Charlois")
    click_and_wait(page, page.get_by_role("button", name="Tonen"))
    main = page.locator("main")
    expect(main).to_contain_text("Buurtbemiddeling")  # offered by Charlois' Welzijn and DOCK
    expect(main).to_contain_text("Gaten (")
    expect(main).not_to_contain_text("Gaten (0)")
    shot(page, "methods-overlap-charlois-1280")
