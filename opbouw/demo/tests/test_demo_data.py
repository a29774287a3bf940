"""The demo data: deterministic, complete, and loaded only into an empty database."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from opbouw.access.roles import Role
from opbouw.accounts.models import User
from opbouw.areas.models import Area
from opbouw.demo.generate import DEMO_LOGINS, demo_data_load
from opbouw.organisations.models import Membership, Organisation, WorkerProfile

pytestmark = pytest.mark.django_db


def snapshot():
    return sorted(WorkerProfile.objects.values_list(
        "user__username", "organisation__short_name", "function", "coach__username"))


def test_city_scale_matches_rotterdam():
    summary = demo_data_load(scale="city", seed=7)
    assert summary.workers == WorkerProfile.objects.count() == 200
    assert Area.objects.filter(level=Area.Level.DISTRICT).count() == 14
    assert Area.objects.filter(level=Area.Level.NEIGHBOURHOOD).count() > 60
    assert set(Organisation.objects.filter(kind="provider").values_list("short_name", flat=True)
               ) == {"SONOR", "DOCK", "Delphi", "SWH", "Charlois' Welzijn"}
    assert Organisation.objects.filter(kind="branch").get().short_name == "Opbouwwerkkamer"
    assert Organisation.objects.filter(kind="commissioner").count() == 15
    # Every worker has a worker membership; every coach coaches within their own organisation.
    assert Membership.objects.filter(role=Role.WORKER).count() == 200
    for profile in WorkerProfile.objects.exclude(coach=None).select_related("coach"):
        assert Membership.objects.filter(user=profile.coach, role=Role.COACH,
                                         organisation=profile.organisation_id).exists()
    assert not WorkerProfile.objects.filter(areas=None).exists()
    # Synthetic codes are marked as such in the data; the municipality code is CBS's.
    assert not Area.objects.get(code="GM0599").code_is_synthetic
    assert not Area.objects.exclude(code="GM0599").filter(code_is_synthetic=False).exists()


def wipe():
    from opbouw.measurements.models import MeasurementRound

    MeasurementRound.objects.exclude(baseline=None).delete()  # follow-ups protect baselines
    MeasurementRound.objects.all().delete()
    from opbouw.assignments import models as a
    from opbouw.competences import models as c
    from opbouw.logbook.models import Activity
    from opbouw.methods import models as m
    from opbouw.reports import models as r
    from opbouw.signals.models import FollowUp, Signal

    r.Report.objects.exclude(previous=None).delete()  # a newer version protects its previous
    for model in (r.FigureCache, r.Story, r.ReportEvent, r.Report, FollowUp, Signal, Activity,
                  a.ManualValue, a.Amendment, a.ResultAgreement,
                  a.Assignment, a.Priority, a.ActionPlan, m.Offer, m.PracticeExample,
                  m.Intervention, c.CoachingSession, c.Enrolment,
                  c.Action, c.Goal, c.DevelopmentPlan, c.Rating, c.Assessment,
                  c.AssessmentRound, c.Course, c.PeRequirement):
        model.objects.all().delete()
    for model in (Membership, WorkerProfile, User, Organisation):
        model.objects.all().delete()
    for level in reversed(Area.Level.values):  # children first: parents are protected
        Area.objects.filter(level=level).delete()


def test_same_seed_same_data_other_seed_other_data():
    demo_data_load(scale="tiny", seed=1)
    first = snapshot()
    wipe()
    demo_data_load(scale="tiny", seed=1)
    assert snapshot() == first
    wipe()
    demo_data_load(scale="tiny", seed=2)
    assert snapshot() != first


def test_demo_logins_and_their_roles():
    demo_data_load(scale="tiny")
    for username, role, _description in DEMO_LOGINS:
        user = User.objects.get(username=username)
        assert user.check_password("demo-opbouw")
        assert user.memberships.filter(role=role).exists(), username
    medewerker = WorkerProfile.objects.get(user__username="medewerker")
    assert medewerker.coach.username == "coach"
    assert medewerker.scw_level == 3


def test_command_prints_logins_and_refuses_a_filled_database():
    out = StringIO()
    call_command("demo_data", "--scale", "tiny", stdout=out)
    assert "medewerker" in out.getvalue() and "demo-opbouw" in out.getvalue()
    with pytest.raises(CommandError, match="niet leeg"):
        call_command("demo_data", "--scale", "tiny", stdout=StringIO())
    out = StringIO()
    call_command("demo_data", "--if-empty", stdout=out)
    assert "overgeslagen" in out.getvalue() and "beheerder" in out.getvalue()

