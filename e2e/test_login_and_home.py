"""Log in through the real form and land on the right home page, on a phone and a desktop."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PHONE, DESKTOP = 360, 1280
LOGIN_URL = "/account/inloggen/"

# What each role's home page shows that no other role's home page does.
HOME_CONTENT = {
    "medewerker": ["Welkom, Sanne", "Mijn werk", "Wat u kunt doen"],
    "coach": ["Welkom, Rachid", "Mijn werk", "Ik coach"],
    "manager": ["Welkom, Marieke", "opbouwwerkers", "SONOR", "zonder coach"],
    "analist": ["Welkom, Priya", "Opbouwwerkers per organisatie en SCW-niveau"],
    "opdrachtgever": ["Welkom, Jeroen", "Mijn gebieden", "Opbouwwerk in uw gebieden"],
    "beheerder": ["Welkom, Inge", "actieve gebruikers", "Laatste gebeurtenissen"],
}


def assert_home_of(page, base_url: str, username: str) -> None:
    expect(page).to_have_url(base_url.rstrip("/") + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Welkom"))
    main = page.locator("main")
    for expected in HOME_CONTENT[username]:
        expect(main, f"{expected!r} not on the home page of {username}").to_contain_text(
            expected)


def assert_no_sideways_scroll(page, width: int = PHONE) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide at a {width}px viewport"


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_login_page(site, new_page, shot, width):
    page = new_page(width)
    page.goto(site + LOGIN_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen bij Opbouw")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    # The NL Design System CSS and our own CSS are served by the live server.
    assert page.evaluate(
        "getComputedStyle(document.querySelector('.op-header')).backgroundColor"
    ) not in ("rgba(0, 0, 0, 0)", "transparent")
    shot(page, f"login-{width}")
    if width == PHONE:
        assert_no_sideways_scroll(page)


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("username", ["medewerker", "manager"])
def test_worker_and_manager_land_on_their_home(site, new_page, browser_login, shot, username,
                                                width):
    page = new_page(width)
    browser_login(page, site, username)
    assert_home_of(page, site, username)
    if username == "manager":
        expect(page.get_by_role("heading", level=2, name="SONOR")).to_be_visible()
    shot(page, f"home-{username}-{width}")
    if width == PHONE:
        assert_no_sideways_scroll(page)


@pytest.mark.parametrize("username", ["coach", "analist", "opdrachtgever", "beheerder"])
def test_other_roles_land_on_their_home(site, new_page, browser_login, shot, username):
    page = new_page(DESKTOP)
    browser_login(page, site, username)
    assert_home_of(page, site, username)
    shot(page, f"home-{username}-{DESKTOP}")


def assert_first_tab_reaches_visible_skip_link(page) -> None:
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    box_before = skip.bounding_box()
    page.keyboard.press("Tab")
    expect(skip, f"the first Tab on {page.url} focuses the skip link").to_be_focused()
    expect(skip).to_be_in_viewport()
    box = skip.bounding_box()
    assert box is not None and box["width"] > 0 and box["height"] > 0
    # Hidden off-screen before, inside the viewport once focused.
    assert box_before is None or box_before["x"] + box_before["width"] <= 0
    assert 0 <= box["x"] and box["x"] + box["width"] <= page.viewport_size["width"]
    assert 0 <= box["y"] < page.viewport_size["height"]


def test_first_tab_on_login_page_focuses_the_visible_skip_link(site, new_page):
    page = new_page(PHONE)
    page.goto(site + LOGIN_URL)
    assert_first_tab_reaches_visible_skip_link(page)


def test_first_tab_on_home_page_focuses_the_visible_skip_link(site, new_page, browser_login,
                                                              shot):
    page = new_page(PHONE)
    browser_login(page, site, "medewerker")
    page.goto(site + "/")  # a fresh page load, as a keyboard user arrives
    assert_first_tab_reaches_visible_skip_link(page)
    shot(page, "home-skip-link-focused-360")
    # Following it moves focus to the main content.
    page.keyboard.press("Enter")
    expect(page.locator("#inhoud")).to_be_focused()


def test_wrong_password_gets_a_dutch_message(site, new_page, browser_login, shot):
    page = new_page(PHONE)
    browser_login(page, site, "medewerker", "fout-wachtwoord")
    expect(page).to_have_url(re.compile(re.escape(LOGIN_URL) + "$"))
    expect(page.get_by_role("alert")).to_contain_text(
        "Deze combinatie van gebruikersnaam en wachtwoord kennen we niet")
    # The username stays filled in, the password does not.
    expect(page.locator("input[name=username]")).to_have_value("medewerker")
    expect(page.locator("input[name=password]")).to_have_value("")
    shot(page, "login-wrong-password-360")
    assert_no_sideways_scroll(page)


def _switch_language(page, button: str) -> None:
    with page.expect_navigation():
        page.locator("footer").get_by_role("button", name=button, exact=True).click()


def test_language_buttons_switch_to_english_and_back(site, new_page, shot):
    page = new_page(DESKTOP)
    page.goto(site + LOGIN_URL)
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    _switch_language(page, "English")
    # The language switch returns to the same page.
    expect(page).to_have_url(re.compile(re.escape(LOGIN_URL) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    footer = page.locator("footer")
    expect(footer.get_by_role("button", name="English")).to_have_attribute("aria-pressed",
                                                                           "true")
    expect(footer.get_by_role("button", name="Nederlands")).not_to_have_attribute(
        "aria-pressed", re.compile(".*"))
    shot(page, "login-english-1280")
    _switch_language(page, "Nederlands")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen bij Opbouw")
    expect(footer.get_by_role("button", name="Nederlands")).to_have_attribute("aria-pressed",
                                                                              "true")


def test_signed_in_language_choice_is_remembered(site, new_page, browser_login):
    from opbouw.accounts.models import User

    page = new_page(DESKTOP)
    browser_login(page, site, "medewerker")
    _switch_language(page, "English")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert User.objects.get(username="medewerker").language == "en"
    page.goto(site + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    _switch_language(page, "Nederlands")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert User.objects.get(username="medewerker").language == "nl"


def test_english_login_page_is_translated(site, new_page):
    page = new_page(DESKTOP)
    page.goto(site + LOGIN_URL)
    _switch_language(page, "English")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Opbouw")
    expect(page.get_by_role("link", name="Direct naar de inhoud")).to_have_count(0)


def test_people_and_person_edit_on_a_phone(site, new_page, browser_login, shot):
    page = new_page(PHONE)
    browser_login(page, site, "manager")
    if page.locator(".op-nav__toggle").is_visible():  # on a phone the menu opens first
        page.locator(".op-nav__toggle").click()
    page.locator("nav").get_by_role("link", name="Mensen").click()
    page.wait_for_url(re.compile(r"/mensen/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mensen")
    shot(page, "people-360")
    assert_no_sideways_scroll(page)

    page.get_by_role("link", name="Sanne de Vries").click()
    page.wait_for_url(re.compile(r"/mensen/\d+/$"))
    shot(page, "person-360")
    page.get_by_role("link", name="Profiel bewerken").click()
    page.wait_for_url(re.compile(r"/mensen/\d+/bewerken/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sanne de Vries")
    shot(page, "person-edit-360")
    assert_no_sideways_scroll(page)

    hours = page.get_by_label("Uren per week")
    hours.fill("veel")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_url(re.compile(r"/mensen/\d+/bewerken/$"))
    expect(page.get_by_role("alert")).to_contain_text("Niet opgeslagen.")
    expect(page.locator("#id_hours_per_week-error")).to_contain_text("Vul een getal in")
    hours = page.get_by_label("Uren per week")
    expect(hours).to_have_attribute("aria-invalid", "true")
    expect(hours).to_have_attribute("aria-describedby",
                                    re.compile(r"(^|\s)id_hours_per_week-error(\s|$)"))
    shot(page, "person-edit-error-360")
    assert_no_sideways_scroll(page)

    from opbouw.organisations.models import WorkerProfile

    assert WorkerProfile.objects.get(user__username="medewerker").hours_per_week == 32


def _rgb(css_colour: str) -> tuple[float, float, float, float]:
    parts = [float(p) for p in re.findall(r"[\d.]+", css_colour)]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def _luminance(rgb) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    light, dark = sorted((_luminance(_rgb(foreground)), _luminance(_rgb(background))), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_logout_button_logs_out(site, new_page, browser_login):
    page = new_page(PHONE)
    browser_login(page, site, "medewerker")
    with page.expect_navigation():
        page.locator("header").get_by_role("button", name="Uitloggen").click()
    page.goto(site + "/")
    expect(page).to_have_url(re.compile(re.escape(LOGIN_URL)))


def test_logout_button_is_readable(site, new_page, browser_login):
    page = new_page(DESKTOP)
    browser_login(page, site, "medewerker")
    button = page.locator("header").get_by_role("button", name="Uitloggen")
    colour, background = button.evaluate(
        "b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]")
    if _rgb(background)[3] == 0:  # transparent: the header's green shows through
        background = page.locator("header").evaluate("h => getComputedStyle(h).backgroundColor")
    assert contrast_ratio(colour, background) >= 4.5, (colour, background)


@pytest.mark.parametrize(("username", "path", "label"), [
    ("medewerker", "/gebieden/", "Gebieden"),
    ("beheerder", "/", "Start"),
    ("manager", "/mensen/", "Mensen"),
])
def test_navigation_marks_only_the_current_page(site, new_page, browser_login, username, path,
                                                label):
    page = new_page(DESKTOP)
    browser_login(page, site, username)
    page.goto(site + path)
    expect(page.locator("nav .op-nav__list .op-nav__link[aria-current=page]")).to_have_text(
        [label])
