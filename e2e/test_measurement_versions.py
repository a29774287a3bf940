"""Browser walk on a phone (360 px): an analyst asks for a new version of an instrument in use,
reads what will happen (which open rounds keep the old version), and only then confirms."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth + 1"


def test_a_new_version_asks_first_on_a_phone(site, new_page, browser_login, shot):
    from opbouw.measurements.models import Instrument, MeasurementRound

    instrument = Instrument.objects.get(code="sociale_samenhang", status="active")
    open_rounds = MeasurementRound.objects.filter(instrument=instrument, status="open")
    kept = set(open_rounds.values_list("pk", flat=True))
    assert kept
    page = new_page(PHONE["width"])
    page.set_viewport_size(PHONE)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    browser_login(page, site, "analist")

    page.goto(f"{site}/metingen/instrumenten/{instrument.pk}/")
    page.get_by_role("link", name="Nieuwe versie maken").click()
    expect(page).to_have_url(re.compile(rf"/instrumenten/{instrument.pk}/nieuwe-versie/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe versie maken")
    main = page.locator("main")
    for text in ("Versie 1 vervalt voor nieuwe meetrondes",
                 "Bestaande meetrondes houden hun versie",
                 "alleen vergeleken op de dimensies die in beide versies gelijk blijven",
                 f"Deze {open_rounds.count()} meetrondes zijn nog open"):
        expect(main).to_contain_text(text)
    for measurement_round in open_rounds.select_related("area"):
        expect(main.get_by_role("link", name=measurement_round.area.name)).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    shot(page, "measurements-new-version-confirm-360")
    # Asking changed nothing.
    assert list(Instrument.objects.filter(code="sociale_samenhang").values_list(
        "version", "status")) == [(1, "active")]

    page.get_by_role("link", name="Annuleren").click()
    expect(page).to_have_url(re.compile(rf"/instrumenten/{instrument.pk}/$"))
    assert Instrument.objects.filter(code="sociale_samenhang").count() == 1

    page.get_by_role("link", name="Nieuwe versie maken").click()
    page.get_by_role("button", name="Versie 2 maken").click()
    expect(page.locator("body")).to_contain_text("Versie 2 gemaakt.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("versie 2, in gebruik")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    shot(page, "measurements-new-version-made-360")
    assert dict(Instrument.objects.filter(code="sociale_samenhang").values_list(
        "version", "status")) == {1: "retired", 2: "active"}
    assert set(MeasurementRound.objects.filter(
        pk__in=kept, instrument=instrument, status="open").values_list("pk", flat=True)) == kept
    assert not errors
