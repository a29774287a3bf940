"""Development plans, courses, enrolments, PE points and the coaching log."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from opbouw.accounts.models import User
from opbouw.competences import services
from opbouw.competences.models import (
    CoachingSession,
    Competency,
    Course,
    DevelopmentPlan,
    Enrolment,
    Goal,
    PeRequirement,
)
from opbouw.organisations.models import Organisation, WorkerProfile

pytestmark = pytest.mark.django_db


def user(name):
    return User.objects.get(username=name)


def plan_url(name="medewerker"):
    return reverse("competences:plan", kwargs={"worker_id": user(name).pk})


def test_plan_proposes_goals_from_the_largest_gaps(demo, login):
    response = login("medewerker").get(plan_url())
    assert response.status_code == 200
    proposals = response.context["proposals"]
    assert proposals and all(p["gap"] > 0 for p in proposals)
    gaps = [p["gap"] for p in proposals]
    assert gaps == sorted(gaps, reverse=True)


def test_worker_adds_goal_and_action_and_coach_signs_off(demo, login):
    comp = Competency.objects.get(code="4G")
    client = login("medewerker")
    year = timezone.localdate().year
    client.post(reverse("competences:goal_add", kwargs={"worker_id": user("medewerker").pk}),
                {"competency": comp.pk, "description": "Beter verantwoorden", "target_level": 3})
    plan = DevelopmentPlan.objects.get(worker__username="medewerker", year=year)
    goal = plan.goals.get(competency=comp)
    response = client.post(
        reverse("competences:action_add", kwargs={"worker_id": user("medewerker").pk,
                                                  "goal_id": goal.pk}),
        {"kind": "course", "description": "Cursus volgen", "due_on": "2026-13-40"})
    assert not goal.actions.exists()  # a bad date changes nothing
    assert response.status_code == 302
    client.post(reverse("competences:action_add", kwargs={"worker_id": user("medewerker").pk,
                                                          "goal_id": goal.pk}),
                {"kind": "coaching", "description": "Oefenen met coach", "due_on": "2026-06-01"})
    assert goal.actions.count() == 1
    # The worker cannot sign off their own plan; the coach can.
    sign = reverse("competences:plan_sign_off", kwargs={"worker_id": user("medewerker").pk})
    assert client.post(sign).status_code == 403
    assert login("coach").post(sign).status_code == 302
    plan.refresh_from_db()
    assert plan.signed_off_by.username == "coach"
    # A change afterwards asks for a new sign-off.
    services.goal_add(actor=user("medewerker"), plan=plan, competency=comp, description="Meer")
    plan.refresh_from_db()
    assert plan.signed_off_at is None


def test_colleagues_and_other_organisations_do_not_see_a_plan(demo, login):
    colleague = WorkerProfile.objects.filter(organisation__short_name="SONOR").exclude(
        user__username__in=["medewerker", "coach"]).first().user
    assert login(colleague.username).get(plan_url()).status_code == 403
    outsider = WorkerProfile.objects.exclude(organisation__short_name="SONOR").first().user
    assert login(outsider.username).get(plan_url()).status_code == 404


def test_goal_text_with_personal_data_is_refused(demo):
    plan = services.plan_for(worker=user("medewerker"), year=2030)
    with pytest.raises(ValidationError):
        services.goal_add(actor=user("medewerker"), plan=plan,
                          competency=Competency.objects.get(code="4A"),
                          description="Bel mevrouw op 06-12345678")
    assert not Goal.objects.filter(plan=plan).exists()


def test_enrolment_completion_counts_pe_points_and_manager_sees_who_is_behind(demo, login):
    course = Course.objects.get(title="Verantwoorden met cijfers en verhalen")
    Enrolment.objects.filter(worker__username="medewerker").delete()
    enrolment = services.enrolment_create(actor=user("medewerker"), course=course,
                                          worker=user("medewerker"))
    with pytest.raises(ValidationError, match="al ingeschreven"):
        services.enrolment_create(actor=user("medewerker"), course=course,
                                  worker=user("medewerker"))
    with pytest.raises(ValidationError):
        services.enrolment_complete(actor=user("medewerker"), enrolment=enrolment,
                                    completed_on=timezone.localdate() + dt.timedelta(days=3))
    services.enrolment_complete(actor=user("medewerker"), enrolment=enrolment,
                                completed_on=timezone.localdate())
    response = login("medewerker").get(reverse("competences:pe"))
    assert response.context["mine"]["earned"] == course.pe_points
    sonor = Organisation.objects.get(short_name="SONOR")
    services.pe_requirement_set(actor=user("manager"), organisation=sonor,
                                year=timezone.localdate().year, points=Decimal(40))
    response = login("manager").get(reverse("competences:pe"))
    overview = response.context["overviews"][0]
    assert overview["required"] == Decimal(40)
    assert len(overview["behind"]) == len(overview["rows"])  # nobody has 40 points


def test_pe_requirement_form_rejects_bad_numbers(demo, login):
    sonor = Organisation.objects.get(short_name="SONOR")
    url = reverse("competences:pe_requirement", kwargs={"organisation_id": sonor.pk})
    before = list(PeRequirement.objects.values_list("points", flat=True))
    login("manager").post(url, {"points": "-5"})
    login("manager").post(url, {"points": "veel"})
    assert list(PeRequirement.objects.values_list("points", flat=True)) == before
    other = Organisation.objects.get(short_name="DOCK")
    response = login("manager").post(reverse("competences:pe_requirement",
                                             kwargs={"organisation_id": other.pk}),
                                     {"points": "10"})
    assert response.status_code == 403


def test_only_curators_add_courses(demo, login):
    comp = Competency.objects.get(code="4H")
    data = {"title": "Beleid beïnvloeden", "provider": "Hogeschool", "hours": "8",
            "pe_points": "4", "min_scw_level": "3", "competencies": [comp.pk],
            "is_active": "on"}
    assert login("manager").post(reverse("competences:course_create"), data).status_code == 403
    response = login("analist").post(reverse("competences:course_create"), data)
    assert response.status_code == 302
    assert Course.objects.get(title="Beleid beïnvloeden").competencies.get() == comp
    data["hours"] = "-1"
    response = login("analist").post(reverse("competences:course_create"), data)
    assert "hours" in response.context["form"].errors


def test_coach_logs_an_intervision_session(demo, login):
    coachees = list(WorkerProfile.objects.filter(coach__username="coach").values_list(
        "user_id", flat=True))
    response = login("coach").post(reverse("competences:sessions"), {
        "held_on": "2026-03-01", "kind": "intervision", "participants": coachees,
        "competencies": [Competency.objects.get(code="4K").pk], "notes": "Casus besproken"})
    assert response.status_code == 302
    session = CoachingSession.objects.filter(led_by__username="coach").latest("created_at")
    assert set(session.participants.values_list("pk", flat=True)) == set(coachees)
    stranger = WorkerProfile.objects.exclude(organisation__short_name="SONOR").first().user
    with pytest.raises(ValidationError):
        services.session_log(actor=user("coach"), organisation=session.organisation,
                             held_on=dt.date(2026, 3, 2), kind="coaching",
                             participants=[stranger])
