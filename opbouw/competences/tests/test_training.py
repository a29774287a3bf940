"""Development plans, courses, enrolments, PE points and the coaching log."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from opbouw.access.actor import actor_for
from opbouw.access.principal import Principal
from opbouw.accounts.models import User
from opbouw.competences import selectors, services
from opbouw.competences.models import (
    CoachingSession,
    Competency,
    Course,
    DevelopmentPlan,
    Goal,
    PeRequirement,
)
from opbouw.competences.tests.factories import DevelopmentPlanFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


def user(name):
    return User.objects.get(username=name)


def plan_url(name="medewerker"):
    return reverse("competences:plan", kwargs={"worker_id": user(name).pk})


def test_plan_proposes_goals_from_the_largest_gaps(world, login):
    response = login("medewerker").get(plan_url())
    assert response.status_code == 200
    assert response.context["result_round"] == world.closed  # the open round has no results
    proposals = response.context["proposals"]
    # The coach's ratings in the closed round: 4A at 1 (gap 2), 4B-4K at 2 (gap 1).
    assert [(p["competency"].code, p["gap"]) for p in proposals] == [
        ("4A", 2), ("4B", 1), ("4C", 1)]
    # A goal taken up is no longer proposed.
    plan = DevelopmentPlanFactory(worker=world.medewerker)
    Goal.objects.create(plan=plan, competency=Competency.objects.get(code="4A"),
                        description="Outreachend werken")
    proposals = login("medewerker").get(plan_url()).context["proposals"]
    assert [p["competency"].code for p in proposals] == ["4B", "4C"]


def test_worker_adds_goal_and_action_and_coach_signs_off(world, login):
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
    services.goal_add(actor=actor_for(user("medewerker")), plan=plan, competency=comp,
                      description="Meer")
    plan.refresh_from_db()
    assert plan.signed_off_at is None


def test_colleagues_and_other_organisations_do_not_see_a_plan(world, login):
    assert login("collega").get(plan_url()).status_code == 403  # same organisation
    assert login("buiten").get(plan_url()).status_code == 404  # another organisation
    assert login("manager").get(plan_url()).status_code == 200
    assert login("coach").get(plan_url()).status_code == 200


def test_goal_text_with_personal_data_is_refused(world):
    plan = services.plan_for(worker=user("medewerker"), year=2030)
    with pytest.raises(ValidationError):
        services.goal_add(actor=actor_for(user("medewerker")), plan=plan,
                          competency=Competency.objects.get(code="4A"),
                          description="Bel mevrouw op 06-12345678")
    assert not Goal.objects.filter(plan=plan).exists()


def test_enrolment_completion_counts_pe_points_and_manager_sees_who_is_behind(world, login):
    course = Course.objects.get(title="Verantwoorden met cijfers en verhalen")  # 4 points
    enrolment = services.enrolment_create(actor=actor_for(user("medewerker")), course=course,
                                          worker=user("medewerker"))
    with pytest.raises(ValidationError, match="al ingeschreven"):
        services.enrolment_create(actor=actor_for(user("medewerker")), course=course,
                                  worker=user("medewerker"))
    with pytest.raises(ValidationError):
        services.enrolment_complete(actor=actor_for(user("medewerker")), enrolment=enrolment,
                                    completed_on=timezone.localdate() + dt.timedelta(days=3))
    services.enrolment_complete(actor=actor_for(user("medewerker")), enrolment=enrolment,
                                completed_on=timezone.localdate())
    response = login("medewerker").get(reverse("competences:pe"))
    assert response.context["mine"]["earned"] == Decimal(4)
    assert response.context["mine"]["required"] == Decimal(12)

    def behind():
        overview = login("manager").get(reverse("competences:pe")).context["overviews"][0]
        return overview["required"], {r["profile"].user.username for r in overview["behind"]}

    # Three workers at EEN; medewerker has 4 points, the others none.
    assert behind() == (Decimal(12), {"medewerker", "collega", "coach"})
    services.pe_requirement_set(actor=actor_for(user("manager")), organisation=world.een,
                                year=timezone.localdate().year, points=Decimal(4))
    assert behind() == (Decimal(4), {"collega", "coach"})


@pytest.fixture
def pe_points(world):
    """EEN requires 12 points: medewerker has 4 (needs 8), collega 3 (needs 9), the coach
    none (needs 12); medewerker and collega form the coach's team, the coach has no coach.
    A cancelled course and one completed last year do not count."""
    today = timezone.localdate()
    for name, course in (("medewerker", world.verantwoorden), ("collega", world.intervisie)):
        EnrolmentFactory(course=course, worker=user(name), status="completed",
                         completed_on=today, pe_points=course.pe_points)
    EnrolmentFactory(course=world.verantwoorden, worker=user("coach"), status="completed",
                     completed_on=today.replace(year=today.year - 1), pe_points=Decimal(4))
    EnrolmentFactory(course=world.intervisie, worker=user("coach"), status="cancelled")
    return world


def names(overview):
    return [(r["profile"].user.username, r["needed"]) for r in overview["rows"]]


def test_pe_list_sorts_by_points_still_needed_and_filters_by_team(pe_points):
    world, year = pe_points, timezone.localdate().year
    manager = Principal.for_user(user("manager"))
    overview = selectors.pe_overview(manager, world.een, year)
    assert names(overview) == [("coach", 12), ("collega", 9), ("medewerker", 8)]
    assert [r["earned"] for r in overview["rows"]] == [0, 3, 4]
    team = str(world.coach.pk)
    assert selectors.pe_teams(manager, [world.een]) == [(team, "Team Cor de Coach"),
                                                       ("geen", "Zonder coach")]
    coached = selectors.pe_overview(manager, world.een, year, team=team)
    assert names(coached) == [("collega", 9), ("medewerker", 8)]
    assert len(coached["behind"]) == 3  # the count stays the organisation's
    assert names(selectors.pe_overview(manager, world.een, year, team="geen")) == [
        ("coach", 12)]
    assert names(selectors.pe_overview(manager, world.een, year, team="0")) == []
    services.pe_requirement_set(actor=actor_for(user("manager")), organisation=world.een,
                                year=year, points=Decimal(4))
    # Whoever has reached the norm needs 0 and comes last; only those behind, if asked.
    assert names(selectors.pe_overview(manager, world.een, year)) == [
        ("coach", 4), ("collega", 1), ("medewerker", 0)]
    assert names(selectors.pe_overview(manager, world.een, year, behind_only=True)) == [
        ("coach", 4), ("collega", 1)]
    # Without a norm nobody is behind and nothing is needed.
    assert names(selectors.pe_overview(manager, world.twee, year)) == []
    PeRequirement.objects.all().delete()
    assert names(selectors.pe_overview(manager, world.een, year)) == [  # by last name
        ("collega", None), ("medewerker", None), ("coach", None)]


def test_pe_page_filters_by_team_and_links_each_name(pe_points, login):
    world = pe_points
    client = login("manager")
    response = client.get(reverse("competences:pe"), {"team": str(world.coach.pk)})
    assert response.status_code == 200
    overview = response.context["overviews"][0]
    assert names(overview) == [("collega", 9), ("medewerker", 8)]
    page = response.content.decode()
    for name in ("collega", "medewerker"):
        profile = user(name).worker_profile
        assert reverse("organisations:person", kwargs={"pk": profile.pk}) in page
        assert reverse("competences:plan", kwargs={"worker_id": profile.user_id}) in page
        # The link leads to a page the manager may see.
        assert client.get(reverse("organisations:person", kwargs={"pk": profile.pk})
                          ).status_code == 200
    assert f'value="{world.coach.pk}" selected' in page
    # A team that is no team is ignored: everyone is listed.
    response = client.get(reverse("competences:pe"), {"team": "x' OR 1=1", "achter": "ja"})
    assert names(response.context["overviews"][0]) == [
        ("coach", 12), ("collega", 9), ("medewerker", 8)]


def test_pe_requirement_form_rejects_bad_numbers(world, login):
    url = reverse("competences:pe_requirement", kwargs={"organisation_id": world.een.pk})
    login("manager").post(url, {"points": "-5"})
    login("manager").post(url, {"points": "veel"})
    assert list(PeRequirement.objects.values_list("points", flat=True)) == [Decimal(12)]
    response = login("manager").post(reverse("competences:pe_requirement",
                                             kwargs={"organisation_id": world.twee.pk}),
                                     {"points": "10"})
    assert response.status_code == 403
    assert not PeRequirement.objects.filter(organisation=world.twee).exists()
    login("manager").post(url, {"points": "20"})
    assert list(PeRequirement.objects.values_list("points", flat=True)) == [Decimal(20)]


def test_only_curators_add_courses(world, login):
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


def test_coach_logs_an_intervision_session(world, login):
    coachees = [world.medewerker.pk, world.collega.pk]
    response = login("coach").post(reverse("competences:sessions"), {
        "held_on": "2026-03-01", "kind": "intervision", "participants": coachees,
        "competencies": [Competency.objects.get(code="4K").pk], "notes": "Casus besproken"})
    assert response.status_code == 302
    session = CoachingSession.objects.get(led_by__username="coach")
    assert set(session.participants.values_list("pk", flat=True)) == set(coachees)
    assert session.organisation == world.een
    with pytest.raises(ValidationError):
        services.session_log(actor=actor_for(user("coach")), organisation=session.organisation,
                             held_on=dt.date(2026, 3, 2), kind="coaching",
                             participants=[world.buiten])
    assert CoachingSession.objects.count() == 1
