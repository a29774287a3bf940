"""Browser walk through the methods toolbox: search, an intervention, the matrix filtered by
an organisation and by a district, and the overlap page."""

import pytest

pytestmark = pytest.mark.e2e

DESKTOP, PHONE = 1280, 360


def open_methods(page, site):
    page.goto(site + "/")
    page.locator("nav.op-nav").get_by_role("link", name="Methoden").click()
    page.wait_for_load_state()
    assert page.url.endswith("/methoden/")


def test_search_and_open_an_intervention(site, new_page, browser_login, shot):
    page = new_page(PHONE)
    browser_login(page, site, "medewerker")
    open_methods(page, site)
    page.get_by_label("Zoek in naam en beschrijving").fill("bemiddeling")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_load_state()
    results = page.locator("article.op-result")
    assert results.count() >= 1
    assert "Buurtbemiddeling" in results.first.inner_text()
    shot(page, "methods-search-360")
    results.first.get_by_role("link").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Buurtbemiddeling")
    assert page.locator("text=Waar wordt het aangeboden").count() == 1
    assert page.locator(".op-prose li").count() >= 1  # Markdown list rendered
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    shot(page, "methods-intervention-360")


def test_matrix_filtered_by_organisation_and_by_district(site, new_page, browser_login, shot):
    page = new_page(DESKTOP)
    browser_login(page, site, "opdrachtgever")
    open_methods(page, site)
    page.locator(".op-subnav").get_by_role("link", name="Wmo-ladder").click()
    page.wait_for_load_state()
    for label in ("Motorblok", "Startmotor", "Wegenwacht en garage"):
        assert page.locator("th", has_text=label).count() == 1
    all_count = page.locator(".op-matrix td li").count()
    assert all_count > 10
    shot(page, "methods-matrix-1280")
    page.get_by_label("Organisatie").select_option(label="SWH")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_load_state()
    swh = page.locator(".op-matrix td li").count()
    assert 0 < swh < all_count
    assert "Organisatie: Stichting Welzijn Hoogvliet" in page.locator("main").inner_text()
    page.get_by_label("Organisatie").select_option(value="")
    page.get_by_label("Gebied").select_option(label="Charlois")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_load_state()
    assert "Gebied: Charlois" in page.locator("main").inner_text()
    assert 0 < page.locator(".op-matrix td li").count() < all_count
    shot(page, "methods-matrix-charlois-1280")


def test_overlap_and_gaps_in_a_district(site, new_page, browser_login, shot):
    page = new_page(DESKTOP)
    browser_login(page, site, "analist")
    open_methods(page, site)
    page.locator(".op-subnav").get_by_role("link", name="Overlap en gaten").click()
    page.wait_for_load_state()
    page.get_by_label("Gebied").select_option(label="Charlois")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert "Buurtbemiddeling" in text  # offered by Charlois' Welzijn and DOCK
    assert "Gaten (" in text and "Gaten (0)" not in text
    shot(page, "methods-overlap-charlois-1280")
