"""Log in through the real form and land on the right home page, on a phone and a desktop."""

from __future__ import annotations

import re

import pytest

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
    assert page.url.rstrip("/") == base_url.rstrip("/"), f"{username} landed on {page.url}"
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text().startswith("Welkom"), heading.inner_text()
    main = page.locator("main")
    text = main.inner_text()
    for expected in HOME_CONTENT[username]:
        assert expected in text, f"{expected!r} not on the home page of {username}"


def assert_no_sideways_scroll(page, width: int = PHONE) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide at a {width}px viewport"


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_login_page(site, new_page, shot, width):
    page = new_page(width)
    page.goto(site + LOGIN_URL)
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen bij Opbouw"
    assert page.locator("html").get_attribute("lang") == "nl"
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
        team = page.get_by_role("heading", level=2, name="SONOR")
        assert team.is_visible()
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
    focused = page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Direct naar de inhoud", (
        f"the first Tab on {page.url} focused {focused}")
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
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_wrong_password_gets_a_dutch_message(site, new_page, browser_login, shot):
    page = new_page(PHONE)
    browser_login(page, site, "medewerker", "fout-wachtwoord")
    assert page.url.endswith(LOGIN_URL)
    alert = page.get_by_role("alert")
    assert "Deze combinatie van gebruikersnaam en wachtwoord kennen we niet" in alert.inner_text()
    # The username stays filled in, the password does not.
    assert page.locator("input[name=username]").input_value() == "medewerker"
    assert page.locator("input[name=password]").input_value() == ""
    shot(page, "login-wrong-password-360")
    assert_no_sideways_scroll(page)


def _switch_language(page, button: str) -> None:
    with page.expect_navigation():
        page.locator("footer").get_by_role("button", name=button, exact=True).click()


def test_language_buttons_switch_to_english_and_back(site, new_page, shot):
    page = new_page(DESKTOP)
    page.goto(site + LOGIN_URL)
    assert page.locator("html").get_attribute("lang") == "nl"
    _switch_language(page, "English")
    assert page.url.endswith(LOGIN_URL), "the language switch should return to the same page"
    assert page.locator("html").get_attribute("lang") == "en"
    footer = page.locator("footer")
    assert footer.get_by_role("button", name="English").get_attribute("aria-pressed") == "true"
    assert footer.get_by_role("button", name="Nederlands").get_attribute("aria-pressed") is None
    shot(page, "login-english-1280")
    _switch_language(page, "Nederlands")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen bij Opbouw"
    assert footer.get_by_role("button", name="Nederlands").get_attribute("aria-pressed") == "true"


def test_signed_in_language_choice_is_remembered(site, new_page, browser_login):
    from opbouw.accounts.models import User

    page = new_page(DESKTOP)
    browser_login(page, site, "medewerker")
    _switch_language(page, "English")
    assert page.locator("html").get_attribute("lang") == "en"
    assert User.objects.get(username="medewerker").language == "en"
    page.goto(site + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    _switch_language(page, "Nederlands")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert User.objects.get(username="medewerker").language == "nl"


def test_english_login_page_is_translated(site, new_page):
    page = new_page(DESKTOP)
    page.goto(site + LOGIN_URL)
    _switch_language(page, "English")
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in to Opbouw"
    assert page.get_by_role("link", name="Direct naar de inhoud").count() == 0


def test_people_and_person_edit_on_a_phone(site, new_page, browser_login, shot):
    page = new_page(PHONE)
    browser_login(page, site, "manager")
    page.locator("nav").get_by_role("link", name="Mensen").click()
    page.wait_for_url(re.compile(r"/mensen/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Mensen"
    shot(page, "people-360")
    assert_no_sideways_scroll(page)

    page.get_by_role("link", name="Sanne de Vries").click()
    page.wait_for_url(re.compile(r"/mensen/\d+/$"))
    shot(page, "person-360")
    page.get_by_role("link", name="Profiel bewerken").click()
    page.wait_for_url(re.compile(r"/mensen/\d+/bewerken/$"))
    assert "Sanne de Vries" in page.get_by_role("heading", level=1).inner_text()
    shot(page, "person-edit-360")
    assert_no_sideways_scroll(page)

    hours = page.get_by_label("Uren per week")
    hours.fill("veel")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert re.search(r"/mensen/\d+/bewerken/$", page.url)
    summary = page.get_by_role("alert")
    assert "Niet opgeslagen." in summary.inner_text()
    error = page.locator("#id_hours_per_week-error")
    assert "Vul een getal in" in error.inner_text()
    assert page.get_by_label("Uren per week").get_attribute("aria-invalid") == "true"
    assert "id_hours_per_week-error" in page.get_by_label("Uren per week").get_attribute(
        "aria-describedby")
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
    assert LOGIN_URL in page.url


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
    current = page.locator("nav .op-nav__link[aria-current=page]").all_inner_texts()
    assert current == [label]
