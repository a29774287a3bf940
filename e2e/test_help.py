"""The help pages and the screenshots in them: each role logs in on a phone, takes the
screenshots its guide shows (so they never go stale) and finds its own guide at /hulp/.

The screenshots go where the help pages serve them from, opbouw/web/static/opbouw/help/, as
small PNGs of what a 360 px phone shows; commit them after a run. The help page itself is
photographed at 360 and 1280 px into e2e/screenshots/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 640}
DESKTOP = 1280


def help_dir() -> Path:
    from opbouw.web import help as guides

    return guides.STATIC_DIR / guides.IMAGE_PREFIX


def no_sideways_scroll(page, width: int = PHONE["width"]) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide at {width}px"


def guide_shot(page, name: str, made: set[str], top=None) -> None:
    """What the phone shows (optionally with `top` scrolled to the top), as a small PNG."""
    from PIL import Image

    if top is not None:
        top.first.evaluate("element => element.scrollIntoView({block: 'start'})")
        page.evaluate("window.scrollBy(0, -8)")
    else:
        page.evaluate("window.scrollTo(0, 0)")
    # Whether the module pages fit a phone is their own browser tests' business.
    path = help_dir() / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=False)
    # A palette of 64 colours keeps text sharp and the file a few tens of kilobytes.
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT,
                                              dither=Image.Dither.NONE)
    small.save(path, optimize=True)
    made.add(f"{name}.png")


def phone(new_page):
    page = new_page(PHONE["width"])
    page.set_viewport_size(PHONE)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, errors


def assert_guide_complete(role: str, made: set[str]) -> None:
    """Every screenshot the role's guide shows was made just now."""
    from opbouw.web import help as guides

    wanted = {shot.file for shot in guides.guide(role).screenshots}
    assert wanted <= made, f"not made for the {role} guide: {wanted - made}"
    for name in wanted:
        assert (help_dir() / name).stat().st_size < 150_000, f"{name} is large"


def assert_own_guide_first(page, site: str, title: str) -> None:
    """Hulp in the menu opens /hulp/ with the role's own guide as the first guide."""
    page.goto(site + "/")
    # On a phone the menu may be folded away: look for the item, shown or not.
    expect(page.locator('header nav a[href="/hulp/"]').first).to_have_text("Hulp")
    page.goto(site + "/hulp/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulp")
    expect(page.locator("article.op-help-guide h2").first).to_have_text(title)
    expect(page.get_by_role("heading", level=2, name="Handleidingen voor andere rollen")
           ).to_be_visible()
    no_sideways_scroll(page)


def test_worker_guide_screenshots(site, new_page, browser_login):
    from opbouw.measurements.models import MeasurementRound

    made: set[str] = set()
    page, errors = phone(new_page)
    browser_login(page, site, "medewerker")
    expect(page.get_by_role("link", name="Activiteit vastleggen").first).to_be_visible()
    guide_shot(page, "medewerker-start", made)

    page.goto(site + "/logboek/nieuw/")
    expect(page.get_by_label("Deelnemers")).to_be_visible()
    guide_shot(page, "logboek-snel", made)
    page.get_by_label("Deelnemers").fill("8")
    page.get_by_label("Waarvan nieuw").fill("2")
    page.get_by_label("Uren").fill("1,5")
    page.get_by_label("Korte omschrijving").fill("Koffieochtend in het buurthuis.")
    page.get_by_role("button", name="Opslaan en nog een").click()
    expect(page.locator(".op-log-saved")).to_contain_text("Vastgelegd")
    guide_shot(page, "logboek-vastgelegd", made)

    page.goto(site + "/signalen/nieuw/")
    expect(page.get_by_label("Wat speelt er?")).to_be_visible()
    guide_shot(page, "signaal-melden", made)
    page.get_by_label("Categorie").select_option(label="Eenzaamheid")
    page.get_by_label("Wat speelt er?").fill("Mevrouw zit veel alleen, bel haar op 06-12345678")
    page.get_by_label("Bewoner", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Signaal vastleggen").click()
    error = page.locator(".utrecht-form-field-error-message").first
    expect(error).to_contain_text("telefoonnummer")
    guide_shot(page, "signaal-persoonsgegevens", made,
               top=page.locator(".utrecht-form-field--invalid"))

    page.goto(site + "/competenties/")
    with page.expect_navigation():
        page.get_by_role("link", name="Mijn zelfbeoordeling").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn zelfbeoordeling")
    guide_shot(page, "zelfbeoordeling", made)

    open_round = MeasurementRound.objects.filter(
        status="open", mode="responses", organisation__short_name="SONOR").order_by("pk").first()
    page.goto(f"{site}/metingen/rondes/{open_round.pk}/invoeren/")
    expect(page.get_by_role("button", name="Opslaan en volgende")).to_be_visible()
    guide_shot(page, "metingen-invoeren", made)

    assert_own_guide_first(page, site, "Handleiding voor medewerkers")
    assert not errors
    assert_guide_complete("worker", made)


def test_coach_guide_screenshots(site, new_page, browser_login):
    made: set[str] = set()
    page, errors = phone(new_page)
    browser_login(page, site, "coach")
    expect(page.get_by_role("heading", name=re.compile(r"^Ik coach"))).to_be_visible()
    guide_shot(page, "coach-start", made, top=page.locator("#coachees"))

    page.goto(site + "/competenties/")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^Beoordeling door coach")).first.click()
    guide_shot(page, "coach-beoordeling", made)

    assert_own_guide_first(page, site, "Handleiding voor coaches")
    # The coach is a worker too: the worker's guide follows on the same page.
    expect(page.locator("article.op-help-guide h2").nth(1)).to_have_text(
        "Handleiding voor medewerkers")
    assert not errors
    assert_guide_complete("coach", made)


def _showcase_assignment(**filters):
    from django.db.models import Count

    from opbouw.assignments.models import Assignment

    return (Assignment.objects.filter(status="running", **filters)
            .annotate(n=Count("agreements")).filter(n__gt=0).order_by("-n", "pk").first())


def test_manager_guide_screenshots(site, new_page, browser_login):
    from opbouw.measurements.models import MeasurementRound

    made: set[str] = set()
    page, errors = phone(new_page)
    browser_login(page, site, "manager")
    guide_shot(page, "manager-start", made)

    assignment = _showcase_assignment(provider__short_name="SONOR")
    page.goto(f"{site}/opdrachten/{assignment.pk}/")
    expect(page.locator("#afspraken")).to_be_visible()
    guide_shot(page, "opdracht-stand", made, top=page.locator("main .op-card").first)

    open_round = MeasurementRound.objects.filter(
        status="open", mode="responses", organisation__short_name="SONOR").order_by("pk").first()
    page.goto(f"{site}/metingen/rondes/{open_round.pk}/importeren/")
    page.locator("details > summary", has_text="Welke bestanden").click()
    guide_shot(page, "meetronde-importeren", made)

    assert_own_guide_first(page, site, "Handleiding voor managers")
    assert not errors
    assert_guide_complete("manager", made)


def test_analyst_guide_screenshots(site, new_page, browser_login):
    from opbouw.competences.models import AssessmentRound

    made: set[str] = set()
    page, errors = phone(new_page)
    browser_login(page, site, "analist")
    guide_shot(page, "analist-start", made, top=page.locator("main table"))

    closed = AssessmentRound.objects.filter(state="closed").order_by("-pk").first()
    page.goto(f"{site}/competenties/rondes/{closed.pk}/heatmap/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Heatmap"))
    guide_shot(page, "analist-heatmap", made, top=page.locator("main table"))

    assert_own_guide_first(page, site, "Handleiding voor analisten")
    assert not errors
    assert_guide_complete("analyst", made)


def test_commissioner_guide_screenshots(site, new_page, browser_login):
    from opbouw.organisations.models import Membership

    made: set[str] = set()
    page, errors = phone(new_page)
    browser_login(page, site, "opdrachtgever")
    guide_shot(page, "opdrachtgever-start", made)

    page.goto(site + "/opdrachten/nieuw/")
    expect(page.get_by_label("Titel")).to_be_visible()
    guide_shot(page, "opdracht-nieuw", made, top=page.locator("main form"))

    own = Membership.objects.filter(user__username="opdrachtgever", role="commissioner"
                                     ).values_list("organisation_id", flat=True).first()
    assignment = _showcase_assignment(commissioner_id=own)
    page.goto(f"{site}/opdrachten/{assignment.pk}/")
    expect(page.locator("main .op-tag", has_text=re.compile(r"^(op koers|achter)$")).first
           ).to_be_visible()
    guide_shot(page, "opdracht-afspraken", made, top=page.locator("#afspraken"))

    assert_own_guide_first(page, site, "Handleiding voor opdrachtgevers")
    assert not errors
    assert_guide_complete("commissioner", made)


def test_admin_guide_screenshots(site, new_page, browser_login):
    made: set[str] = set()
    page, errors = phone(new_page)
    browser_login(page, site, "beheerder")
    guide_shot(page, "beheerder-start", made)

    page.goto(site + "/gebieden/importeren/")
    guide_shot(page, "gebieden-importeren", made)

    assert_own_guide_first(page, site, "Handleiding voor beheerders")
    assert not errors
    assert_guide_complete("admin", made)


@pytest.mark.parametrize("width", [PHONE["width"], DESKTOP])
def test_help_page_shows_the_guides_with_their_screenshots(site, new_page, browser_login, shot,
                                                           width):
    from opbouw.web import help as guides

    # Every screenshot any guide shows exists (the tests above made them).
    missing = [s.file for g in guides.all_guides() for s in g.screenshots
               if not (help_dir() / s.file).is_file()]
    assert not missing, missing

    page = new_page(width)
    browser_login(page, site, "manager")
    page.goto(site + "/logboek/")
    with page.expect_navigation():
        page.get_by_role("link", name="Hulp bij het logboek").click()
    expect(page).to_have_url(re.compile(r"/hulp/#manager-logboek$"))
    expect(page.locator("#manager-logboek")).to_be_in_viewport()

    page.goto(site + "/hulp/")
    images = page.locator("article.op-help-guide img")
    expect(images.first).to_be_visible()
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("img => img.naturalWidth") == PHONE["width"]
    if width == PHONE["width"]:
        no_sideways_scroll(page)
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, f"help-{width}")

    # Every role's guide has its own page, linked from the list of other guides.
    for guide in guides.all_guides():
        page.goto(f"{site}/hulp/{guide.slug}/")
        expect(page.get_by_role("heading", level=1)).to_have_text(guide.title)
    page.goto(f"{site}/hulp/opdrachtgever/")
    shot(page, f"help-opdrachtgever-{width}")
