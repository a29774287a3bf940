"""Signal services: every refusal writes nothing; status changes keep their dates."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from opbouw.access.actor import actor_for
from opbouw.core.models import AuditEvent
from opbouw.signals import services
from opbouw.signals.models import Category, FollowUp, Partner, Signal
from opbouw.signals.tests.factories import CategoryFactory, PartnerFactory, SignalFactory

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def values(world, **changes):
    base = {"actor": actor_for(world.worker), "date": world.today - 3 * DAY,
            "area": world.oosterwijk,
            "category": world.category, "description": "Veel zwerfafval bij de speeltuin.",
            "urgency": "normal", "source": "resident", "assignment": world.assignment}
    return base | changes


def refused(world, field, **changes) -> str:
    """Create with changes; assert the refusal names field and nothing was written."""
    signals, events = Signal.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        services.signal_create(**values(world, **changes))
    assert field in error.value.message_dict, error.value.message_dict
    assert Signal.objects.count() == signals
    assert FollowUp.objects.count() == 0
    assert AuditEvent.objects.count() == events
    return " ".join(error.value.message_dict[field])


def test_a_signal_is_recorded_for_the_assignments_provider_and_audited(world):
    signal = services.signal_create(**values(world))
    assert signal.organisation == world.provider
    assert signal.reported_by == world.worker
    assert signal.status == Signal.Status.OPEN and signal.referred_on is None
    assert AuditEvent.objects.filter(action="create", object_type="signals.signal",
                                     object_id=str(signal.pk)).exists()


def test_without_assignment_the_organisation_is_the_reporters_provider(world):
    signal = services.signal_create(**values(world, assignment=None, area=world.westwijk))
    assert signal.organisation == world.provider and signal.assignment is None


def test_a_partner_at_once_refers_the_signal_and_writes_the_history(world):
    date = world.today - 2 * DAY
    signal = services.signal_create(**values(world, date=date, referred_to=world.partner))
    assert signal.status == Signal.Status.REFERRED
    assert signal.referred_on == date and signal.referred_to == world.partner
    (row,) = signal.follow_ups.all()
    assert (row.status_before, row.status_after, row.referred_to, row.date) == (
        "open", "referred", world.partner, date)


@pytest.mark.parametrize("description", ["", "   ", "x" * 2001, "Vuil\x07 op straat"])
def test_the_description_is_required_short_and_plain_text(world, description):
    message = refused(world, "description", description=description)
    assert message


@pytest.mark.parametrize(("text", "kind"), [
    ("Bel mevrouw op 06-12345678 over de overlast.", "telefoonnummer"),
    ("Meneer is bereikbaar op +31 6 1234 5678.", "telefoonnummer"),
    ("Buurvrouw belt vanaf 010-1234567 over de trap.", "telefoonnummer"),
    ("Mail naar jan.jansen@example.nl voor de sleutel.", "e-mailadres"),
    ("Zijn BSN is 111222333, hij zoekt werk.", "burgerservicenummer"),
])
def test_personal_data_is_refused_with_what_was_found(world, text, kind):
    message = refused(world, "description", description=text)
    assert kind in message
    assert "niet opgeslagen" in message


def test_a_number_that_fails_the_eleven_test_is_no_bsn(world):
    signal = services.signal_create(**values(world, description="Huisnummers 123456789 tot 2."))
    assert signal.pk


def test_the_date_is_not_in_the_future_and_within_the_assignment(world):
    assert "toekomst" in refused(world, "date", date=world.today + DAY)
    message = refused(world, "date", date=world.assignment.starts_on - DAY)
    assert "looptijd van de opdracht" in message
    assert refused(world, "date", date=dt.date(1999, 12, 31))


def test_the_area_lies_within_the_assignment_sub_areas_allowed(world):
    assert "hoort niet bij de opdracht" in refused(world, "area", area=world.westwijk)
    assert services.signal_create(**values(world, area=world.noorderwijk)).pk
    assert services.signal_create(**values(world, area=world.oost)).pk


def test_the_assignment_must_be_one_the_reporter_may_log_for(world):
    assert refused(world, "assignment", assignment=world.other_assignment)
    world.assignment.status = "finished"
    world.assignment.save()
    assert refused(world, "assignment")


def test_category_and_partner_must_be_in_use(world):
    old = CategoryFactory(is_active=False)
    assert "niet meer in gebruik" in refused(world, "category", category=old)
    gone = PartnerFactory(is_active=False)
    assert "niet meer in gebruik" in refused(world, "referred_to", referred_to=gone)


def test_urgency_and_source_from_the_lists(world):
    assert refused(world, "urgency", urgency="extreem")
    assert refused(world, "source", source="roddel")


def test_only_providers_staff_can_report_without_an_assignment(world):
    with pytest.raises(ValidationError):
        services.signal_create(**values(world, actor=actor_for(world.commissioner),
                                        assignment=None))
    assert Signal.objects.count() == 0


# Corrections -------------------------------------------------------------------------------

def test_a_correction_is_audited_with_the_changed_field_names(world):
    signal = services.signal_create(**values(world))
    services.signal_update(actor=actor_for(world.worker), signal=signal, area=world.noorderwijk,
                           urgency="high", description=signal.description)
    signal.refresh_from_db()
    assert (signal.area, signal.urgency) == (world.noorderwijk, "high")
    event = AuditEvent.objects.get(action="update", object_id=str(signal.pk))
    assert event.fields == ["area", "urgency"]


def test_a_correction_with_bad_input_changes_nothing(world):
    signal = services.signal_create(**values(world))
    with pytest.raises(ValidationError) as error:
        services.signal_update(actor=actor_for(world.worker), signal=signal, urgency="high",
                               description="Mail p.de.vries@example.org even.")
    assert "e-mailadres" in error.value.message_dict["description"][0]
    signal.refresh_from_db()
    assert signal.urgency == "normal" and "example.org" not in signal.description
    assert not AuditEvent.objects.filter(action="update").exists()


def test_only_an_open_signal_can_be_corrected(world):
    signal = services.signal_create(**values(world, referred_to=world.partner))
    with pytest.raises(ValidationError, match="zolang het open"):
        services.signal_update(actor=actor_for(world.worker), signal=signal, urgency="high")


def test_an_unchanged_category_out_of_use_does_not_block_a_correction(world):
    signal = services.signal_create(**values(world))
    Category.objects.filter(pk=world.category.pk).update(is_active=False)
    signal.refresh_from_db()
    services.signal_update(actor=actor_for(world.worker), signal=signal, urgency="low")
    assert Signal.objects.get(pk=signal.pk).urgency == "low"


# Follow-up and status ----------------------------------------------------------------------

@pytest.fixture
def signal(world):
    return SignalFactory(organisation=world.provider, reported_by=world.worker,
                         area=world.oosterwijk, category=world.category,
                         assignment=world.assignment, date=world.today - 20 * DAY)


def follow(world, signal, status, *, days_ago=10, **extra):
    return services.signal_follow_up(actor=actor_for(world.worker), signal=signal, status=status,
                                     date=world.today - days_ago * DAY, **extra)


def test_the_workflow_sets_the_dates_the_first_time(world, signal):
    follow(world, signal, "referred", days_ago=15, referred_to=world.partner)
    assert (signal.status, signal.referred_on) == ("referred", world.today - 15 * DAY)
    other = PartnerFactory()
    follow(world, signal, "referred", days_ago=12, referred_to=other)
    assert signal.referred_on == world.today - 15 * DAY and signal.referred_to == other
    follow(world, signal, "taken_up", days_ago=10)
    assert (signal.status, signal.taken_up_on) == ("taken_up", world.today - 10 * DAY)
    follow(world, signal, "closed", days_ago=5)
    signal.refresh_from_db()
    assert signal.status == "closed"
    assert signal.taken_up_on == world.today - 10 * DAY
    history = [(f.status_before, f.status_after) for f in signal.follow_ups.all()]
    assert history == [("open", "referred"), ("referred", "referred"),
                       ("referred", "taken_up"), ("taken_up", "closed")]


def test_referring_needs_a_partner_in_use(world, signal):
    with pytest.raises(ValidationError) as error:
        follow(world, signal, "referred")
    assert "partner" in error.value.message_dict["referred_to"][0]
    with pytest.raises(ValidationError):
        follow(world, signal, "referred", referred_to=PartnerFactory(is_active=False))
    assert Signal.objects.get(pk=signal.pk).status == "open"
    assert not FollowUp.objects.exists()


def test_open_cannot_jump_to_taken_up(world, signal):
    with pytest.raises(ValidationError) as error:
        follow(world, signal, "taken_up")
    assert "eerst doorverwezen" in error.value.message_dict["status"][0]
    assert Signal.objects.get(pk=signal.pk).taken_up_on is None


@pytest.mark.parametrize("before", ["open", "referred", "taken_up"])
def test_closing_is_always_allowed(world, signal, before):
    Signal.objects.filter(pk=signal.pk).update(status=before)
    signal.refresh_from_db()
    follow(world, signal, "closed")
    assert Signal.objects.get(pk=signal.pk).status == "closed"


def test_going_back_is_refused(world, signal):
    Signal.objects.filter(pk=signal.pk).update(status="taken_up")
    signal.refresh_from_db()
    for status in ("open", "referred"):
        with pytest.raises(ValidationError):
            follow(world, signal, status, referred_to=world.partner)
    assert Signal.objects.get(pk=signal.pk).status == "taken_up"


def test_reopening_a_closed_signal_needs_a_note(world, signal):
    follow(world, signal, "closed")
    with pytest.raises(ValidationError) as error:
        follow(world, signal, "open")
    assert "waarom" in error.value.message_dict["note"][0]
    assert Signal.objects.get(pk=signal.pk).status == "closed"
    follow(world, signal, "open", note="Het afval ligt er weer.")
    assert Signal.objects.get(pk=signal.pk).status == "open"


def test_a_note_alone_keeps_the_status(world, signal):
    follow(world, signal, "open", note="Besproken met de wijkagent.")
    (row,) = signal.follow_ups.all()
    assert (row.status_before, row.status_after, row.note) == (
        "open", "open", "Besproken met de wijkagent.")
    with pytest.raises(ValidationError, match="niets om vast te leggen"):
        follow(world, signal, "open")


def test_follow_up_notes_are_guarded_against_personal_data(world, signal):
    with pytest.raises(ValidationError) as error:
        follow(world, signal, "closed", note="Doorgegeven aan 06-12345678.")
    assert "telefoonnummer" in error.value.message_dict["note"][0]
    assert Signal.objects.get(pk=signal.pk).status == "open"
    assert not FollowUp.objects.exists()


def test_follow_up_dates_lie_between_the_signal_and_today(world, signal):
    for days_ago in (-1, 21):
        with pytest.raises(ValidationError) as error:
            follow(world, signal, "closed", days_ago=days_ago)
        assert "date" in error.value.message_dict
    assert not FollowUp.objects.exists()


def test_a_partner_only_when_referring(world, signal):
    with pytest.raises(ValidationError) as error:
        follow(world, signal, "closed", referred_to=world.partner)
    assert "referred_to" in error.value.message_dict


def test_a_follow_up_is_audited(world, signal):
    follow(world, signal, "referred", referred_to=world.partner)
    event = AuditEvent.objects.get(action="update", object_id=str(signal.pk))
    assert set(event.fields) == {"status", "referred_to", "referred_on", "follow_ups"}


# Reference data ----------------------------------------------------------------------------

def test_categories_are_added_once_per_domain_and_can_be_switched_off(world):
    category = services.category_save(actor=actor_for(world.analyst), domain="safety",
                                      name="Vuurwerk")
    assert category.is_active and category.domain == "safety"
    with pytest.raises(ValidationError, match="al een categorie"):
        services.category_save(actor=actor_for(world.analyst), domain="safety", name="vuurwerk")
    with pytest.raises(ValidationError) as error:
        services.category_save(actor=actor_for(world.analyst), domain="weer", name="Regen")
    assert "domain" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.category_save(actor=actor_for(world.analyst), domain="safety", name=" ")
    services.category_save(actor=actor_for(world.analyst), category=category, is_active=False)
    assert not Category.objects.get(pk=category.pk).is_active
    assert AuditEvent.objects.filter(object_type="signals.category", action="update",
                                     fields=["is_active"]).exists()


def test_partners_have_a_unique_name_and_a_kind(world):
    partner = services.partner_save(actor=actor_for(world.analyst), name="Buurtpreventie",
                                    kind="other")
    assert partner.is_active
    with pytest.raises(ValidationError, match="al een partner"):
        services.partner_save(actor=actor_for(world.analyst), name="buurtpreventie", kind="other")
    with pytest.raises(ValidationError) as error:
        services.partner_save(actor=actor_for(world.analyst), name="Bibliotheek", kind="bieb")
    assert "kind" in error.value.message_dict
    assert not Partner.objects.filter(name="Bibliotheek").exists()
    services.partner_save(actor=actor_for(world.analyst), partner=partner, is_active=False)
    assert not Partner.objects.get(pk=partner.pk).is_active
