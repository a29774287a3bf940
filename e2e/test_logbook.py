"""Browser walk through the logbook on a phone: the list, the quick form with its defaults,
recording an activity, finding it in the list, and 30 hours refused with a Dutch message."""

import datetime as dt

import pytest

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_worker_records_an_activity_on_a_phone(site, new_page, browser_login, shot):
    page = new_page(PHONE["width"])
    page.set_viewport_size(PHONE)
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    browser_login(page, site, "medewerker")
    page.locator("nav.op-nav").get_by_role("link", name="Logboek").click()
    page.wait_for_load_state()
    assert page.url.endswith("/logboek/")
    assert page.locator(".op-log-entry").count() >= 1  # the demo worker's own entries
    no_sideways_scroll(page)
    shot(page, "logbook-list-360")

    page.get_by_role("link", name="Activiteit vastleggen").click()
    page.wait_for_load_state()
    assert page.url.endswith("/logboek/nieuw/")
    # The defaults: today, the usual assignment, area and contact form.
    today = page.evaluate("new Date().toLocaleDateString('sv-SE')")
    assert page.get_by_label("Datum").input_value() == today
    assert dt.date.fromisoformat(today)
    assert page.get_by_label("Opdracht").input_value() != ""
    assert page.get_by_label("Gebied").input_value() != ""
    assert page.get_by_label("Contactvorm").input_value() != ""
    assert page.get_by_label("Deelnemers").get_attribute("inputmode") == "numeric"
    assert page.get_by_label("Uren").get_attribute("inputmode") == "decimal"
    assert page.locator("details.op-log-more").get_attribute("open") is None
    no_sideways_scroll(page)
    shot(page, "logbook-quick-form-360")

    page.get_by_label("Deelnemers").fill("8")
    page.get_by_label("Waarvan nieuw").fill("2")
    page.get_by_label("Uren").fill("1,5")
    page.get_by_label("Korte omschrijving").fill("Koffieochtend in het buurthuis, e2e-test.")
    page.get_by_role("button", name="Opslaan en nog een").click()
    page.wait_for_load_state()
    assert "Vastgelegd" in page.locator(".op-log-saved").inner_text()
    assert page.locator(".op-log-saved").get_by_role("link", name="Wijzigen").count() == 1
    assert page.get_by_label("Korte omschrijving").input_value() == ""
    no_sideways_scroll(page)
    shot(page, "logbook-saved-360")

    page.get_by_label("Uren").fill("30")
    page.get_by_label("Korte omschrijving").fill("Te lange dag.")
    page.get_by_role("button", name="Opslaan en nog een").click()
    page.wait_for_load_state()
    error = page.locator(".utrecht-form-field--invalid", has=page.get_by_label("Uren"))
    assert "24 uur" in error.inner_text()
    assert "Niet opgeslagen" in page.locator("[role=alert]").inner_text()
    no_sideways_scroll(page)
    error.scroll_into_view_if_needed()
    shot(page, "logbook-hours-refused-360")

    page.goto(site + "/logboek/")
    first = page.locator(".op-log-entry").first
    assert "Koffieochtend in het buurthuis, e2e-test." in first.inner_text()
    assert "Te lange dag." not in page.locator("main").inner_text()
    no_sideways_scroll(page)
    shot(page, "logbook-list-after-360")

    first.get_by_role("link", name="Wijzigen").click()
    page.wait_for_load_state()
    assert "Wijzigen kan tot" in page.locator("main").inner_text()
    assert page.get_by_label("Uren").input_value() == "1,5"
    no_sideways_scroll(page)
    shot(page, "logbook-edit-360")
    assert not script_errors


def test_the_list_filters_on_a_phone(site, new_page, browser_login, shot):
    page = new_page(PHONE["width"])
    page.set_viewport_size(PHONE)
    browser_login(page, site, "manager")
    page.goto(site + "/logboek/")
    total = page.locator(".op-log-totals dd").first.inner_text()
    page.locator("details.op-log-filters > summary").click()
    page.get_by_label("Medewerker").select_option(label="Sanne de Vries")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_load_state()
    assert page.locator(".op-log-entry").count() >= 1
    assert page.locator(".op-log-totals dd").first.inner_text() != total
    assert "Sanne de Vries" in page.locator(".op-log-entry").first.inner_text()
    no_sideways_scroll(page)
    shot(page, "logbook-filtered-360")


def test_the_quick_form_menu_more_opens(site, new_page, browser_login, shot):
    page = new_page(PHONE["width"])
    page.set_viewport_size(PHONE)
    browser_login(page, site, "medewerker")
    page.goto(site + "/logboek/nieuw/")
    page.locator("details.op-log-more > summary").click()
    assert page.get_by_label("Vervolg").is_visible()
    assert page.get_by_label("Ondersteuning van een bewonersinitiatief").is_visible()
    no_sideways_scroll(page)
    shot(page, "logbook-quick-form-more-360")
