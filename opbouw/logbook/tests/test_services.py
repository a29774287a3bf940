"""Writing the logbook: every validation rule with its Dutch message, nothing written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from opbouw.access.actor import actor_for
from opbouw.assignments.tests.factories import AssignmentFactory
from opbouw.core.models import AuditEvent
from opbouw.logbook import services
from opbouw.logbook.models import Activity
from opbouw.logbook.tests.factories import TODAY, ActivityFactory, values
from opbouw.methods.models import Offer

pytestmark = pytest.mark.django_db


def refused(world, field, actor=None, **changes) -> str:
    """Save with changes, assert the one field is refused and nothing was written."""
    before = Activity.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.activity_save(actor=actor_for(actor or world["worker"]), **values(world,
                                                                                   **changes))
    assert field in caught.value.message_dict, caught.value.message_dict
    assert (Activity.objects.count(), AuditEvent.objects.count()) == before
    return caught.value.message_dict[field][0]


def test_a_valid_entry_is_recorded_for_the_worker_and_audited(world):
    activity = services.activity_save(actor=actor_for(world["worker"]), **values(world))
    assert activity.worker == world["worker"] and activity.created_by == world["worker"]
    assert activity.organisation == world["provider"]
    assert activity.hours == Decimal("1.50") and activity.participants == 12
    event = AuditEvent.objects.get(action="create", object_id=str(activity.pk))
    assert event.actor == world["worker"] and event.object_type == "logbook.activity"
    assert {"date", "hours", "description"} <= set(event.fields)


@pytest.mark.parametrize(("field", "changes", "words"), [
    ("participants", {"participants": -1}, "negatief"),
    ("participants", {"participants": 2001}, "hoogstens 2000"),
    ("new_participants", {"new_participants": -2}, "negatief"),
    ("new_participants", {"participants": 3, "new_participants": 5}, "niet meer nieuwe"),
    ("volunteers", {"volunteers": -1}, "negatief"),
    ("volunteers", {"volunteers": 501}, "hoogstens 500"),
    ("hours", {"hours": Decimal("0")}, "meer dan 0"),
    ("hours", {"hours": Decimal("-1")}, "meer dan 0"),
    ("hours", {"hours": Decimal("24.5")}, "24 uur"),
    ("hours", {"hours": Decimal("30")}, "24 uur"),
    ("hours", {"hours": Decimal("1.555")}, "twee cijfers"),
    ("hours", {"hours": None}, "aantal uren"),
    ("date", {"date": TODAY + dt.timedelta(days=1)}, "toekomst"),
    ("date", {"date": dt.date(2025, 12, 31)}, "begint pas"),
    ("date", {"date": None}, "datum"),
    ("area", {"area": None}, "gebied"),
    ("contact_form", {"contact_form": "telepathie"}, "contactvorm"),
    ("description", {"description": ""}, "Beschrijf"),
    ("description", {"description": "   "}, "Beschrijf"),
    ("description", {"description": "x" * 501}, "hoogstens 500"),
    ("description", {"description": "Overleg\x07 gehad"}, "tekens"),
    ("description", {"description": "Bel mevrouw op 06-12345678 terug"}, "telefoonnummer"),
    ("description", {"description": "Mail naar j.jansen@example.nl"}, "e-mailadres"),
    ("description", {"description": "Bewoner met BSN 111222333 geholpen"}, "burgerservice"),
    ("follow_up", {"follow_up": "Terugbellen: 010-1234567"}, "telefoonnummer"),
    ("follow_up", {"follow_up": "y" * 501}, "hoogstens 500"),
])
def test_bad_input_is_refused_on_its_field(world, field, changes, words):
    assert words in refused(world, field, **changes)


def test_a_date_after_the_assignment_ended_is_refused(world):
    ended = AssignmentFactory(provider=world["provider"], areas=[world["wk"]],
                              ends_on=dt.date(2026, 3, 31))
    message = refused(world, "date", assignment=ended, date=dt.date(2026, 4, 1),
                      intervention=None)
    assert "31-03-2026" in message
    services.activity_save(actor=actor_for(world["worker"]), **values(
        world, assignment=ended, date=dt.date(2026, 3, 31), intervention=None))


def test_an_area_outside_the_assignment_is_refused_but_a_sub_area_is_fine(world):
    assert "hoort niet bij de opdracht" in refused(world, "area", area=world["wk_west"])
    refused(world, "area", area=world["wk2"])  # a neighbour in the same district
    refused(world, "area", area=world["gb"])  # the district around it is larger
    activity = services.activity_save(actor=actor_for(world["worker"]), **values(world,
                                                                                 area=world["bu"]))
    assert activity.area == world["bu"]


def test_the_intervention_must_be_planned_or_offered_there_and_then(world):
    # Planned in the assignment: fine. Offered by the provider in the district: fine too.
    services.activity_save(actor=actor_for(world["worker"]), **values(world))
    services.activity_save(actor=actor_for(world["worker"]),
                           **values(world, intervention=world["offered"]))
    # Offered by the provider, but only in another district.
    assert "niet in de opdracht" in refused(world, "intervention",
                                            intervention=world["elsewhere"])
    # Planned but not published.
    assert "gepubliceerd" in refused(world, "intervention", intervention=world["draft"])
    # The offer ended before the date.
    Offer.objects.filter(pk=world["offer"].pk).update(ends_on=dt.date(2026, 5, 31))
    refused(world, "intervention", intervention=world["offered"])
    services.activity_save(actor=actor_for(world["worker"]), **values(
        world, intervention=world["offered"], date=dt.date(2026, 5, 31)))
    # Offered there by another organisation only.
    Offer.objects.filter(pk=world["offer"].pk).update(organisation=world["other"],
                                                      ends_on=None)
    refused(world, "intervention", intervention=world["offered"])


def test_without_an_intervention_is_fine(world):
    activity = services.activity_save(actor=actor_for(world["worker"]), **values(world,
                                                                                 intervention=None))
    assert activity.intervention is None


def test_assignments_must_be_running_and_the_actors_own(world):
    concept = AssignmentFactory(provider=world["provider"], areas=[world["wk"]],
                                status="concept")
    assert "loopt niet" in refused(world, "assignment", assignment=concept, intervention=None)
    finished = AssignmentFactory(provider=world["provider"], areas=[world["wk"]],
                                 status="finished")
    refused(world, "assignment", assignment=finished, intervention=None)
    foreign = AssignmentFactory(provider=world["other"], areas=[world["wk"]])
    assert "kunt u geen" in refused(world, "assignment", assignment=foreign, intervention=None)
    # The outsider cannot log for our assignment either, nor the commissioner's official.
    refused(world, "assignment", actor=world["outsider"])
    refused(world, "assignment", actor=world["official"])
    refused(world, "assignment", assignment=None)


def test_a_day_holds_at_most_24_hours_per_worker(world):
    first = services.activity_save(actor=actor_for(world["worker"]),
                                   **values(world, hours=Decimal("20")))
    message = refused(world, "hours", hours=Decimal("4.5"))
    assert "20 uur" in message and "15-06-2026" in message
    services.activity_save(actor=actor_for(world["worker"]), **values(world, hours=Decimal("4")))
    # Another worker's day is their own.
    services.activity_save(actor=actor_for(world["colleague"]), **values(world, hours=Decimal("8")))
    # Changing an entry does not count its old hours twice.
    with pytest.raises(ValidationError):
        services.activity_save(actor=actor_for(world["worker"]), activity=first,
                               **values(world, hours=Decimal("20.5")))
    services.activity_save(actor=actor_for(world["worker"]), activity=first,
                           **values(world, hours=Decimal("19")))
    first.refresh_from_db()
    assert first.hours == Decimal("19.00")


def test_several_problems_are_reported_together(world):
    with pytest.raises(ValidationError) as caught:
        services.activity_save(actor=actor_for(world["worker"]), **values(
            world, participants=-1, hours=Decimal("30"), description=""))
    assert set(caught.value.message_dict) == {"participants", "hours", "description"}
    assert not Activity.objects.exists()


def test_a_manager_changing_an_entry_keeps_the_worker_and_is_audited(world):
    activity = services.activity_save(actor=actor_for(world["worker"]), **values(world))
    services.activity_save(actor=actor_for(world["manager"]), activity=activity,
                           **values(world, hours=Decimal("2"), participants=14))
    activity.refresh_from_db()
    assert activity.worker == world["worker"] and activity.hours == Decimal("2.00")
    event = AuditEvent.objects.get(action="update", object_id=str(activity.pk))
    assert event.actor == world["manager"]
    assert event.fields == ["hours", "participants"]
    assert "werker" in event.detail


def test_an_entry_keeps_its_assignment_after_it_finished(world):
    activity = services.activity_save(actor=actor_for(world["worker"]), **values(world))
    world["assignment"].status = "finished"
    world["assignment"].save()
    activity.assignment.refresh_from_db()
    services.activity_save(actor=actor_for(world["manager"]), activity=activity,
                           **values(world, assignment=activity.assignment,
                                    description="Verbeterde omschrijving."))
    assert AuditEvent.objects.get(action="update").fields == ["description"]


def test_deleting_is_audited(world):
    activity = ActivityFactory(worker=world["worker"], assignment=world["assignment"])
    pk = activity.pk
    services.activity_delete(actor=actor_for(world["manager"]), activity=activity)
    assert not Activity.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(action="delete")
    assert event.object_id == str(pk) and event.actor == world["manager"]
