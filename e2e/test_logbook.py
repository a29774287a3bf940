"""Browser walk through the logbook on a phone: the list, the quick form with its defaults,
recording an activity, finding it in the list, and 30 hours refused with a Dutch message."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

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
    expect(page).to_have_url(re.compile(r"/logboek/$"))
    expect(page.locator(".op-log-entry").first).to_be_visible()  # the worker's own entries
    no_sideways_scroll(page)
    shot(page, "logbook-list-360")

    page.get_by_role("link", name="Activiteit vastleggen").click()
    expect(page).to_have_url(re.compile(r"/logboek/nieuw/$"))
    # The defaults: today, the usual assignment, area and contact form.
    today = page.evaluate("new Date().toLocaleDateString('sv-SE')")
    assert dt.date.fromisoformat(today)
    expect(page.get_by_label("Datum")).to_have_value(today)
    for label in ("Opdracht", "Gebied", "Contactvorm"):
        expect(page.get_by_label(label)).not_to_have_value("")
    expect(page.get_by_label("Deelnemers")).to_have_attribute("inputmode", "numeric")
    expect(page.get_by_label("Uren")).to_have_attribute("inputmode", "decimal")
    expect(page.locator("details.op-log-more")).not_to_have_attribute("open", re.compile(".*"))
    no_sideways_scroll(page)
    shot(page, "logbook-quick-form-360")

    page.get_by_label("Deelnemers").fill("8")
    page.get_by_label("Waarvan nieuw").fill("2")
    page.get_by_label("Uren").fill("1,5")
    page.get_by_label("Korte omschrijving").fill("Koffieochtend in het buurthuis, e2e-test.")
    page.get_by_role("button", name="Opslaan en nog een").click()
    expect(page.locator(".op-log-saved")).to_contain_text("Vastgelegd")
    expect(page.locator(".op-log-saved").get_by_role("link", name="Wijzigen")).to_have_count(1)
    expect(page.get_by_label("Korte omschrijving")).to_have_value("")
    no_sideways_scroll(page)
    shot(page, "logbook-saved-360")

    page.get_by_label("Uren").fill("30")
    page.get_by_label("Korte omschrijving").fill("Te lange dag.")
    page.get_by_role("button", name="Opslaan en nog een").click()
    error = page.locator(".utrecht-form-field--invalid", has=page.get_by_label("Uren"))
    expect(error).to_contain_text("24 uur")
    expect(page.locator("[role=alert]")).to_contain_text("Niet opgeslagen")
    no_sideways_scroll(page)
    error.scroll_into_view_if_needed()
    shot(page, "logbook-hours-refused-360")

    page.goto(site + "/logboek/")
    first = page.locator(".op-log-entry").first
    expect(first).to_contain_text("Koffieochtend in het buurthuis, e2e-test.")
    expect(page.locator("main")).not_to_contain_text("Te lange dag.")
    no_sideways_scroll(page)
    shot(page, "logbook-list-after-360")

    first.get_by_role("link", name="Wijzigen").click()
    expect(page.locator("main")).to_contain_text("Wijzigen kan tot")
    expect(page.get_by_label("Uren")).to_have_value("1,5")
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
    expect(page.locator(".op-log-totals dd").first).not_to_have_text(total)
    expect(page.locator(".op-log-entry").first).to_contain_text("Sanne de Vries")
    no_sideways_scroll(page)
    shot(page, "logbook-filtered-360")


def test_the_quick_form_menu_more_opens(site, new_page, browser_login, shot):
    page = new_page(PHONE["width"])
    page.set_viewport_size(PHONE)
    browser_login(page, site, "medewerker")
    page.goto(site + "/logboek/nieuw/")
    page.locator("details.op-log-more > summary").click()
    expect(page.get_by_label("Vervolg")).to_be_visible()
    expect(page.get_by_label("Ondersteuning van een bewonersinitiatief")).to_be_visible()
    no_sideways_scroll(page)
    shot(page, "logbook-quick-form-more-360")
