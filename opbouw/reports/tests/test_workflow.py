"""Draft > submitted > returned or accepted, the freeze on submit, and new versions."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from opbouw.access.actor import actor_for
from opbouw.logbook.tests.factories import ActivityFactory
from opbouw.reports import selectors, services
from opbouw.reports.models import Report, Story
from opbouw.reports.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pinned_day():
    with time_machine.travel(dt.datetime(2026, 12, 4, 12, 0), tick=False):
        yield
STORY = {"story": "Minder activiteiten in het voorjaar door een verbouwing van het buurthuis.",
         "partners": "De woningcorporatie", "what_works": "Samen met de school",
         "action_plan": "Extra middagen in het najaar."}


def _draft(logged) -> Report:
    return services.report_start(actor=actor_for(logged.worker), assignment=logged.running,
                                 code="2026-K1", today=TODAY)


def test_staff_start_a_draft_and_a_second_start_finds_it(logged):
    report = _draft(logged)
    assert report.status == Report.Status.DRAFT
    assert (report.starts_on, report.ends_on) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert _draft(logged).pk == report.pk


@pytest.mark.parametrize("code", ["2025-K4", "2027", "onzin", "2026-K5"])
def test_a_period_outside_the_term_is_refused(logged, code):
    with pytest.raises(ValidationError) as err:
        services.report_start(actor=actor_for(logged.worker), assignment=logged.running,
                              code=code, today=TODAY)
    assert "looptijd" in " ".join(err.value.messages)
    assert not Report.objects.exists()


def test_others_cannot_start_a_report(logged):
    for user in (logged.commissioner, logged.outsider, logged.analyst):
        with pytest.raises(PermissionDenied):
            services.report_start(actor=actor_for(user), assignment=logged.running,
                                  code="2026-K1", today=TODAY)


def test_a_story_keeps_every_version_and_refuses_personal_data(logged):
    report = _draft(logged)
    agreement = logged.agreement
    services.story_save(actor=actor_for(logged.worker), report=report, agreement=agreement,
                        **STORY)
    services.story_save(actor=actor_for(logged.manager), report=report, agreement=agreement,
                        **(STORY | {"story": "Tweede versie."}))
    assert Story.objects.filter(report=report).count() == 2
    assert selectors.current_stories(report)[agreement.pk].story == "Tweede versie."
    with pytest.raises(ValidationError) as err:
        services.story_save(actor=actor_for(logged.worker), report=report, agreement=agreement,
                            **(STORY | {"story": "Bel mevrouw op 06-12345678."}))
    assert "story" in err.value.message_dict
    assert Story.objects.filter(report=report).count() == 2


def test_only_a_manager_submits_and_submitting_freezes_the_figures(logged):
    report = _draft(logged)
    with pytest.raises(ValidationError) as err:
        services.report_submit(actor=actor_for(logged.worker), report=report, today=TODAY)
    assert "manager" in " ".join(err.value.messages)
    services.report_submit(actor=actor_for(logged.manager), report=report, today=TODAY)
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    assert report.figures["quantity"]["totals"]["activities"] == 10
    # a later correction in the logbook does not change the submitted report
    ActivityFactory(assignment=logged.running, worker=logged.worker, date=dt.date(2026, 3, 3))
    assert selectors.report_figures(report)["quantity"]["totals"]["activities"] == 10
    with pytest.raises(PermissionDenied):  # stories are closed while it is submitted
        services.story_save(actor=actor_for(logged.worker), report=report,
                            agreement=logged.agreement, **STORY)


def test_return_resubmit_accept_and_a_stale_decision(logged):
    report = _draft(logged)
    manager, commissioner = actor_for(logged.manager), actor_for(logged.commissioner)
    services.report_submit(actor=manager, report=report, today=TODAY)
    opened = Report.objects.get(pk=report.pk).revision
    with pytest.raises(ValidationError) as err:  # returning needs a comment
        services.report_decide(actor=commissioner, report=report, accept=False,
                               revision=opened)
    assert "comment" in err.value.message_dict
    services.report_decide(actor=commissioner, report=report, accept=False, revision=opened,
                           comment="Graag meer uitleg over het voorjaar.")
    report.refresh_from_db()
    assert report.status == Report.Status.RETURNED
    ActivityFactory(assignment=logged.running, worker=logged.worker, date=dt.date(2026, 3, 3))
    services.story_save(actor=actor_for(logged.worker), report=report,
                        agreement=logged.agreement, **STORY)
    services.report_submit(actor=manager, report=report, today=TODAY)
    report.refresh_from_db()
    assert report.figures["quantity"]["totals"]["activities"] == 11  # frozen anew
    # the commissioner opened the page before the resubmit: that acceptance is refused
    with pytest.raises(ValidationError) as err:
        services.report_decide(actor=commissioner, report=report, accept=True, revision=opened)
    assert "gewijzigd" in " ".join(err.value.messages)
    assert Report.objects.get(pk=report.pk).status == Report.Status.SUBMITTED
    with pytest.raises(PermissionDenied):
        services.report_decide(actor=actor_for(logged.commissioner2), report=report,
                               accept=True, revision=report.revision)
    services.report_decide(actor=commissioner, report=report, accept=True,
                           revision=report.revision)
    report.refresh_from_db()
    assert report.status == Report.Status.ACCEPTED
    kinds = [e.kind for e in report.events.all()]
    assert kinds == ["created", "submitted", "returned", "submitted", "accepted"]
    first, second = selectors.submitted_figures(report)
    changes = {c.label: (c.before, c.after) for c in selectors.differences(first.figures,
                                                                           second.figures)}
    assert changes["Activiteiten"] == (10, 11)
    assert changes["Activiteiten: waarde"] == (10, 11)


def test_a_new_version_of_an_accepted_report_shows_the_differences(logged):
    report = _draft(logged)
    services.story_save(actor=actor_for(logged.worker), report=report,
                        agreement=logged.agreement, **STORY)
    services.report_submit(actor=actor_for(logged.manager), report=report, today=TODAY)
    report.refresh_from_db()
    services.report_decide(actor=actor_for(logged.commissioner), report=report, accept=True,
                           revision=report.revision)
    with pytest.raises(ValidationError):  # an accepted period is not started again
        services.report_start(actor=actor_for(logged.worker), assignment=logged.running,
                              code="2026-K1", today=TODAY)
    ActivityFactory(assignment=logged.running, worker=logged.worker, date=dt.date(2026, 3, 3))
    draft = services.report_new_version(actor=actor_for(logged.manager), report=report)
    assert draft.number == 2 and draft.previous_id == report.pk
    assert selectors.current_stories(draft)[logged.agreement.pk].story == STORY["story"]
    services.report_submit(actor=actor_for(logged.manager), report=draft, today=TODAY)
    draft.refresh_from_db()
    report.refresh_from_db()
    assert report.figures["quantity"]["totals"]["activities"] == 10  # the accepted one stays
    assert draft.figures["quantity"]["totals"]["activities"] == 11
    assert selectors.differences(report.figures, draft.figures)
