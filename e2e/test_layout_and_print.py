"""The compact phone menu, the assignment page on a phone and on paper, on the demo data.

On a 360 px phone the main menu is one line when closed (the worker's logbook and signals
beside a "Menu" disclosure) and shows every item when opened, with the keyboard too. The
assignment page shows one number for the agreed hours, units on its values, and prints
without buttons, forms or menus.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PHONE, DESKTOP = 360, 1280
ONE_LINE = 56  # px: a closed menu is one row of links (44 px touch targets plus borders)


def _menu_items(page) -> list[str]:
    return [t.strip() for t in page.locator(".op-nav__list .op-nav__link").all_inner_texts()]


def test_phone_menu_is_one_line_and_opens_to_every_item(site, new_page, browser_login, shot):
    page = new_page(PHONE)
    browser_login(page, site, "medewerker")
    phone_row = page.locator(".op-nav__phone")
    expect(phone_row).to_be_visible()
    expect(page.locator(".op-nav__list")).to_be_hidden()
    box = phone_row.bounding_box()
    assert box is not None and box["height"] <= ONE_LINE, box
    # The worker's most used items stay in view beside the closed menu.
    quick = phone_row.locator(".op-nav__quick")
    expect(quick).to_have_text(["Logboek", "Signalen"])
    drop = page.locator(".op-nav__drop")
    expect(drop).to_be_hidden()
    shot(page, "nav-phone-closed")

    # Keyboard: Tab to the summary, Enter opens the whole list.
    toggle = page.locator(".op-nav__toggle")
    toggle.focus()
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    expect(drop).to_be_visible()
    links = drop.locator(".op-nav__link")
    expect(links.first).to_have_text("Start")
    all_items = _menu_items(page)  # the desktop list, hidden here but in the page
    expect(links).to_have_text(all_items)
    assert all_items[:3] == ["Start", "Logboek", "Signalen"], all_items
    for i in range(links.count()):
        link_box = links.nth(i).bounding_box()
        assert link_box is not None and link_box["width"] > 0 and link_box["height"] >= 40
        assert link_box["x"] >= 0 and link_box["x"] + link_box["width"] <= PHONE
    shot(page, "nav-phone-open")
    page.keyboard.press("Tab")
    expect(links.first).to_be_focused()

    # On a desktop the full list is one visible row and the phone row is gone.
    wide = new_page(DESKTOP)
    browser_login(wide, site, "medewerker")
    expect(wide.locator(".op-nav__phone")).to_be_hidden()
    nav_box = wide.locator(".op-nav__list").bounding_box()
    assert nav_box is not None and nav_box["height"] <= ONE_LINE, nav_box


@pytest.mark.parametrize("username", ["analist", "beheerder", "opdrachtgever"])
def test_phone_menu_of_other_roles(site, new_page, browser_login, shot, username):
    page = new_page(PHONE)
    browser_login(page, site, username)
    row = page.locator(".op-nav__phone")
    box = row.bounding_box()
    assert box is not None and box["height"] <= ONE_LINE, box
    expect(row.locator(".op-nav__quick")).to_have_count(0)
    page.locator(".op-nav__toggle").click()
    expect(page.locator(".op-nav__drop .op-nav__link")).to_have_text(_menu_items(page))
    if username == "analist":
        # The home table's caption wraps inside the screen instead of being cut off.
        caption = page.locator("main caption").first
        expect(caption).to_be_visible()
        cbox = caption.bounding_box()
        assert cbox is not None and cbox["x"] >= 0 and cbox["x"] + cbox["width"] <= PHONE, cbox
    page.locator(".op-nav__toggle").click()
    expect(page.locator(".op-nav__drop")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    shot(page, f"home-phone-{username}")


def _amended_assignment(page, site):
    """Open the demo's amended running assignment (its agreed hours were raised)."""
    from opbouw.assignments.models import Amendment

    amendment = Amendment.objects.filter(changes__has_key="agreed_hours").first()
    assert amendment is not None
    page.goto(f"{site}/opdrachten/{amendment.assignment_id}/")
    return amendment.assignment


def test_assignment_page_on_a_phone_and_printed(site, new_page, browser_login, shot):
    from opbouw.core.formats import number_text

    page = new_page(PHONE)
    browser_login(page, site, "opdrachtgever")
    assignment = _amended_assignment(page, site)
    main = page.locator("main")
    agreed = number_text(assignment.agreed_hours, 0)
    expect(main.locator(".op-definitions")).to_contain_text(f"{agreed} uur")
    # The hours agreement follows the amended hours: no second, older number on the page.
    old = assignment.amendments.get(changes__has_key="agreed_hours").changes["agreed_hours"][0]
    old_number = old.split(",")[0]
    agreements = main.locator("#afspraken ~ .op-table-wrap")
    expect(agreements).not_to_contain_text(old_number)
    expect(agreements).to_contain_text(f"{agreed}\u00a0uur")
    expect(main).to_contain_text("Nu verwacht:")
    expect(main).not_to_contain_text("van de weg")
    expect(main).not_to_contain_text("verwacht nu")
    finish = page.get_by_role("button", name="Opdracht afronden")
    expect(finish).to_have_class(re.compile("secondary-action"))
    shot(page, "assignment-phone")

    page.emulate_media(media="print")
    expect(finish).to_be_hidden()
    expect(page.get_by_role("link", name="Bewerken")).to_be_hidden()
    expect(page.locator(".op-nav")).to_be_hidden()
    expect(page.locator("main form").first).to_be_hidden()
    expect(main.locator(".op-definitions")).to_be_visible()
    shot(page, "assignment-print")


def test_assignment_page_prints_to_pdf_without_buttons(site, new_page, browser_login):
    from pathlib import Path

    page = new_page(DESKTOP)
    browser_login(page, site, "opdrachtgever")
    _amended_assignment(page, site)
    folder = Path(__file__).resolve().parent / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / "assignment-print.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.stat().st_size > 1000
    page.emulate_media(media="print")
    assert page.locator("main button:visible").count() == 0
    assert page.locator("main a.utrecht-button-link:visible").count() == 0


def test_english_assignment_page_groups_numbers(site, new_page, browser_login):
    page = new_page(DESKTOP)
    browser_login(page, site, "opdrachtgever")
    assignment = _amended_assignment(page, site)
    page.locator("footer").get_by_role("button", name="English").click()
    hours = f"{int(assignment.agreed_hours):,}"
    expect(page.locator("main .op-definitions")).to_contain_text(f"{hours} hours")
