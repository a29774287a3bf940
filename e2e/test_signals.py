"""Signals on a phone: a worker records a signal between two conversations, finds it in the
list and opens it; a description with a phone number is refused in Dutch and not saved."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PHONE, HEIGHT = 360, 740
DESCRIPTION = "Geluidsoverlast in de portiek, 's avonds laat; meerdere bewoners klagen erover."


def assert_no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE, f"{page.url} is {width}px wide at a {PHONE}px viewport"


def click_and_wait(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def open_report_form(page) -> None:
    click_and_wait(page, page.get_by_role("link", name="Signaal melden"))
    expect(page).to_have_url(re.compile(r"/signalen/nieuw/$"))
    assert_no_sideways_scroll(page)


def test_a_worker_records_a_signal_and_a_phone_number_is_refused(site, new_page,
                                                                 browser_login, shot):
    from opbouw.signals.models import Signal

    page = new_page(PHONE)
    page.set_viewport_size({"width": PHONE, "height": HEIGHT})
    browser_login(page, site, "medewerker")
    click_and_wait(page, page.locator("nav.op-nav").get_by_role("link", name="Signalen",
                                                                  exact=True))
    expect(page).to_have_url(re.compile(r"/signalen/$"))
    expect(page.locator(".op-signal-counts li")).to_have_count(4)
    assert_no_sideways_scroll(page)
    shot(page, "signals-01-list-360")

    # Record: category, description, urgency; date, area and assignment come filled in.
    open_report_form(page)
    expect(page.get_by_label("Datum")).not_to_have_value("")
    expect(page.get_by_label("Gebied")).not_to_have_value("")
    expect(page.get_by_label("Normaal")).to_be_checked()
    shot(page, "signals-02-form-360")
    page.get_by_label("Categorie").select_option(label="Burenoverlast")
    page.get_by_label("Wat speelt er?").fill(DESCRIPTION)
    page.get_by_label("Hoog").check()
    page.get_by_label("Bewoner", exact=True).check()
    shot(page, "signals-03-filled-360")
    before = Signal.objects.count()
    click_and_wait(page, page.get_by_role("button", name="Signaal vastleggen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Burenoverlast")
    expect(page.locator(".op-messages")).to_contain_text("Signaal vastgelegd.")
    expect(page.locator("main")).to_contain_text(DESCRIPTION)
    assert Signal.objects.count() == before + 1
    assert_no_sideways_scroll(page)
    shot(page, "signals-04-detail-360")

    # The list shows it on top; open it from there.
    click_and_wait(page, page.locator(".op-breadcrumbs").get_by_role("link", name="Signalen"))
    first = page.locator(".op-signal-table tbody tr").first
    for text in ("Burenoverlast", "hoog", "Geluidsoverlast in de portiek"):
        expect(first).to_contain_text(text)
    assert_no_sideways_scroll(page)
    shot(page, "signals-05-list-with-new-360")
    click_and_wait(page, first.get_by_role("link"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Burenoverlast")

    # A phone number in the description: refused with the reason, nothing saved.
    page.goto(site + "/signalen/")
    open_report_form(page)
    page.get_by_label("Categorie").select_option(label="Eenzaamheid")
    page.get_by_label("Wat speelt er?").fill("Bel mevrouw op 06-12345678")
    page.get_by_label("Bewoner", exact=True).check()
    before = Signal.objects.count()
    click_and_wait(page, page.get_by_role("button", name="Signaal vastleggen"))
    expect(page).to_have_url(re.compile(r"/signalen/nieuw/$"))
    expect(page.locator(".utrecht-alert--error")).to_contain_text("Niet opgeslagen.")
    error = page.locator(".utrecht-form-field-error-message").first
    for text in ("persoonsgegevens", "telefoonnummer", "niet opgeslagen"):
        expect(error).to_contain_text(text)
    expect(page.get_by_label("Wat speelt er?")).to_have_value("Bel mevrouw op 06-12345678")
    assert Signal.objects.count() == before
    assert not Signal.objects.filter(description__contains="06-12345678").exists()
    assert_no_sideways_scroll(page)
    shot(page, "signals-06-refused-360")
