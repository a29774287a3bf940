"""Accountability in a real browser: the provider's manager writes the story behind the curve
and submits; the commissioner returns it with a comment; the manager answers and submits
again; the commissioner accepts and downloads the PDF, whose pages are turned into images.

On the tiny demo data, for the whole term of SONOR's running assignment in
Kralingen-Crooswijk (the demo never reports on the whole term, so the period is free on any
date).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PHONE, DESKTOP = 360, 1200
STORY = "In het voorjaar lag het buurthuis stil; de activiteiten verhuisden naar de school."
COMMENT = "Graag ook uitleggen wat u in het najaar anders doet."
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def _showcase():
    from opbouw.assignments.models import Assignment

    return Assignment.objects.get(provider__short_name="SONOR", status="running",
                                  commissioner__name="Deelgemeente Kralingen-Crooswijk",
                                  title__startswith="Opbouwwerk Kralingen-Crooswijk")


def test_write_submit_return_resubmit_accept_and_download(site, new_page, browser_login,
                                                          shot, tmp_path):
    assignment = _showcase()
    manager = new_page(PHONE)
    browser_login(manager, site, "manager")
    # the start page shows the assignments as tiles
    expect(manager.get_by_role("heading", name="Hoe staan de opdrachten ervoor?")).to_be_visible()
    manager.goto(f"{site}/rapportages/opdrachten/{assignment.pk}/?periode=looptijd")
    expect(manager.get_by_role("heading", name="Hoeveel hebben we gedaan?")).to_be_visible()
    expect(manager.locator("figure.opbouw-chart svg").first).to_be_visible()
    shot(manager, "rapportage-live")
    manager.get_by_role("button", name="Verantwoording over deze periode starten").click()
    expect(manager.locator("h1")).to_contain_text("Verantwoording")
    manager.get_by_role("link", name="Verhaal schrijven").first.click()
    manager.get_by_label("Het verhaal achter de curve").fill("Bel 06-12345678 voor uitleg.")
    manager.get_by_role("button", name="Verhaal bewaren").click()
    expect(manager.locator(".utrecht-form-field-error-message").first).to_contain_text(
        "telefoonnummer")
    manager.get_by_label("Het verhaal achter de curve").fill(STORY)
    manager.get_by_label("Actieplan").fill("Twee extra middagen vanaf september.")
    manager.get_by_role("button", name="Verhaal bewaren").click()
    expect(manager.get_by_text(STORY)).to_be_visible()
    manager.get_by_role("button", name="Indienen bij de opdrachtgever").click()
    expect(manager.get_by_text("De verantwoording is ingediend")).to_be_visible()
    report_url = manager.url

    commissioner = new_page(DESKTOP)
    browser_login(commissioner, site, "opdrachtgever")
    commissioner.goto(report_url)
    expect(commissioner.locator("h1")).to_contain_text("ingediend")
    commissioner.get_by_label("Opmerking").fill(COMMENT)
    commissioner.get_by_role("button", name="Terugsturen met opmerking").click()
    expect(commissioner.get_by_text("teruggestuurd met uw opmerking")).to_be_visible()

    manager.goto(report_url)
    expect(manager.get_by_text(COMMENT).first).to_be_visible()
    manager.get_by_role("link", name="Verhaal bewerken").first.click()
    manager.get_by_label("Wat werkt").fill("Op straat uitnodigen, samen met bewoners.")
    manager.get_by_role("button", name="Verhaal bewaren").click()
    manager.get_by_role("button", name="Indienen bij de opdrachtgever").click()
    expect(manager.get_by_text("De verantwoording is ingediend")).to_be_visible()
    shot(manager, "rapportage-ingediend")

    commissioner.goto(report_url)
    expect(commissioner.get_by_text("Op straat uitnodigen, samen met bewoners.")).to_be_visible()
    commissioner.get_by_role("button", name="Accepteren").click()
    expect(commissioner.get_by_text("De verantwoording is geaccepteerd.")).to_be_visible()
    expect(commissioner.locator("h1")).to_contain_text("geaccepteerd")
    shot(commissioner, "rapportage-geaccepteerd")
    with commissioner.expect_download() as download:
        commissioner.get_by_role("link", name="PDF", exact=True).click()
    pdf = tmp_path / "verantwoording.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        prefix = SCREENSHOTS / "rapportage-pdf"
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(prefix)], check=True,
                       timeout=120)
        pages = sorted(SCREENSHOTS.glob("rapportage-pdf-*.png"))
        assert len(pages) >= 3  # cover, contents, the report
        assert all(p.stat().st_size > 2000 for p in pages)  # pages with something on them


def test_the_commissioner_cannot_see_a_draft(site, new_page, browser_login):
    from opbouw.access.actor import actor_for
    from opbouw.accounts.models import User
    from opbouw.reports import services

    assignment = _showcase()
    draft = services.report_start(actor=actor_for(User.objects.get(username="manager")),
                                  assignment=assignment, code="looptijd")
    page = new_page(PHONE)
    browser_login(page, site, "opdrachtgever")
    response = page.goto(f"{site}/rapportages/{draft.pk}/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text(re.compile("bestaat niet", re.I))
