"""The report pages as their users meet them."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from opbouw.reports.models import Report, Story

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pinned_day():
    with time_machine.travel(dt.datetime(2026, 12, 4, 12, 0), tick=False):
        yield


def _client(client, user):
    client.force_login(user)
    return client


def _start(client, logged) -> Report:
    response = client.post(reverse("reports:start", args=[logged.running.pk]),
                           {"periode": "2026-K1"})
    assert response.status_code == 302
    return Report.objects.get()


def test_the_live_page_shows_the_three_questions_and_the_charts(client, logged):
    page = _client(client, logged.worker).get(
        reverse("reports:assignment", args=[logged.running.pk]) + "?periode=2026-H1")
    html = page.content.decode()
    assert page.status_code == 200
    for text in ("Hoeveel hebben we gedaan?", "Hoe goed hebben we het gedaan?",
                 "Is er iemand beter van geworden?", "Buurtkracht", "<svg",
                 "vendor/vega-embed/vega-embed.min.js", "nog niet zeker"):
        assert text in html, text
    assert "https://" not in html.split("<footer")[0].replace('xmlns="http', "")


def test_a_period_outside_the_term_falls_back_with_a_message(client, logged):
    page = _client(client, logged.worker).get(
        reverse("reports:assignment", args=[logged.running.pk]) + "?periode=2031-K1")
    assert page.status_code == 200
    assert "buiten de looptijd" in page.content.decode()


def test_the_commissioner_never_sees_a_draft(client, logged):
    report = _start(_client(client, logged.worker), logged)
    client.force_login(logged.commissioner)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
    client.force_login(logged.outsider)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
    client.force_login(logged.analyst)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404


def test_a_story_with_personal_data_gets_a_field_message_and_nothing_is_saved(client, logged):
    report = _start(_client(client, logged.worker), logged)
    url = reverse("reports:story", args=[report.pk, logged.agreement.pk])
    response = client.post(url, {"story": "Mail naar jan@example.nl", "revision": 1})
    assert response.status_code == 200
    assert "e-mailadres" in response.content.decode()
    assert not Story.objects.exists()
    response = client.post(url, {"story": "Het buurthuis was dicht.", "revision": 1})
    assert response.status_code == 302 and Story.objects.count() == 1


def test_a_worker_cannot_submit_and_is_told_why(client, logged):
    report = _start(_client(client, logged.worker), logged)
    response = client.post(reverse("reports:submit", args=[report.pk]),
                           {"revision": report.revision}, follow=True)
    assert "Alleen een manager" in response.content.decode()
    assert Report.objects.get().status == Report.Status.DRAFT


def test_a_stale_acceptance_is_refused_and_returning_needs_a_comment(client, logged):
    report = _start(_client(client, logged.worker), logged)
    client.force_login(logged.manager)
    client.post(reverse("reports:submit", args=[report.pk]), {"revision": report.revision})
    opened = Report.objects.get().revision
    client.force_login(logged.commissioner)
    decide = reverse("reports:decide", args=[report.pk])
    response = client.post(decide, {"revision": opened, "besluit": "terugsturen"})
    assert response.status_code == 400 and "Schrijf erbij" in response.content.decode()
    Report.objects.filter(pk=report.pk).update(revision=opened + 1)  # someone changed it
    response = client.post(decide, {"revision": opened, "besluit": "accepteren"}, follow=True)
    assert "gewijzigd" in response.content.decode()
    assert Report.objects.get().status == Report.Status.SUBMITTED
    client.post(decide, {"revision": opened + 1, "besluit": "accepteren"})
    assert Report.objects.get().status == Report.Status.ACCEPTED


def test_the_start_pages_show_tiles(client, logged):
    for user in (logged.commissioner, logged.manager):
        html = _client(client, user).get(reverse("web:home")).content.decode()
        assert "Hoe staan de opdrachten ervoor?" in html and logged.running.title in html
