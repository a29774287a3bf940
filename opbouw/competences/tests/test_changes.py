"""People change organisation or coach; odd ids and text; ratings keep to their round."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from opbouw.access import scopes
from opbouw.access.principal import Principal
from opbouw.accounts.models import User
from opbouw.competences import selectors, services
from opbouw.competences.models import Assessment, AssessmentRound, Course, Enrolment, Rating
from opbouw.organisations.models import Membership, Organisation, WorkerProfile

pytestmark = pytest.mark.django_db


def user(name):
    return User.objects.get(username=name)


def principal(name):
    return Principal.for_user(user(name))


def move_to(name, short_name):
    profile = WorkerProfile.objects.get(user__username=name)
    org = Organisation.objects.get(short_name=short_name)
    Membership.objects.filter(user=profile.user, role="worker").update(organisation=org)
    profile.organisation = org
    profile.coach = None
    profile.save()
    return org


def test_a_new_coach_does_not_see_ratings_from_before_their_time(demo):
    closed = AssessmentRound.objects.get(state="closed")
    profile = WorkerProfile.objects.get(user__username="medewerker")
    new_coach = WorkerProfile.objects.filter(organisation=profile.organisation).exclude(
        user__username__in=["medewerker", "coach"]).first().user
    Membership.objects.create(user=new_coach, organisation=profile.organisation, role="coach")
    profile.coach = new_coach
    profile.save()
    seen = scopes.ratings(Principal.for_user(new_coach)).filter(
        assessment__round=closed, assessment__worker=profile.user)
    assert not seen.exists()
    # The coach who assessed in that round still sees that round.
    assert scopes.ratings(principal("coach")).filter(
        assessment__round=closed, assessment__worker=profile.user).exists()


def test_a_worker_who_moved_keeps_their_own_history_and_plan_follows_them(demo, login):
    closed = AssessmentRound.objects.get(state="closed")
    move_to("medewerker", "DOCK")
    client = login("medewerker")
    url = reverse("competences:result", kwargs={"pk": closed.pk,
                                                "worker_id": user("medewerker").pk})
    assert client.get(url).status_code == 200
    # The new manager sees (and works on) the plan; the old one no longer does.
    dock_manager = User.objects.get(memberships__role="manager",
                                    memberships__organisation__short_name="DOCK")
    plan_url = reverse("competences:plan", kwargs={"worker_id": user("medewerker").pk})
    assert login(dock_manager.username).get(plan_url).context["plan"] is not None
    assert login("manager").get(plan_url).status_code == 404


def test_pe_points_follow_the_worker_to_the_new_organisation(demo):
    course = Course.objects.first()
    Enrolment.objects.filter(worker__username="medewerker").delete()
    enrolment = services.enrolment_create(actor=user("medewerker"), course=course,
                                          worker=user("medewerker"))
    services.enrolment_complete(actor=user("medewerker"), enrolment=enrolment,
                                completed_on=timezone.localdate())
    dock = move_to("medewerker", "DOCK")
    dock_manager = Principal.for_user(User.objects.get(memberships__role="manager",
                                                       memberships__organisation=dock))
    overview = selectors.pe_overview(dock_manager, dock, timezone.localdate().year)
    mine = [r for r in overview["rows"] if r["profile"].user.username == "medewerker"]
    assert mine and mine[0]["earned"] == course.pe_points
    with pytest.raises(Exception, match="al afgerond"):
        services.enrolment_complete(actor=user("medewerker"), enrolment=enrolment,
                                    completed_on=timezone.localdate())


@pytest.mark.parametrize("path", [
    "/competenties/rondes/1/resultaat/99999999999999999999999/",
    "/competenties/ontwikkelplan/99999999999999999999999/",
])
def test_absurd_ids_answer_404(demo, path):
    client = Client(raise_request_exception=False)
    client.force_login(user("manager"))
    assert client.get(path).status_code == 404


def test_control_characters_in_evidence_are_dropped(demo, login):
    current = AssessmentRound.objects.get(state="open")
    a = Assessment.objects.get(round=current, worker__username="medewerker", kind="self")
    comp = current.framework.competencies.order_by("order").first()
    login("medewerker").post(reverse("competences:assessment", kwargs={"pk": a.pk}),
                             {f"waarde-{comp.pk}": "3",
                              f"onderbouwing-{comp.pk}": "goed\x00 gedaan\nin de wijk",
                              "opslaan": "1"})
    assert Rating.objects.get(assessment=a, competency=comp).evidence == "goed gedaan\nin de wijk"


def test_a_single_peer_rating_is_not_shown_to_the_worker(demo):
    current = AssessmentRound.objects.get(state="open")
    colleague = WorkerProfile.objects.filter(organisation__short_name="SONOR").exclude(
        user__username__in=["medewerker", "coach"]).first().user
    peer = services.peer_invite(actor=user("medewerker"), assessment_round=current,
                                peer=colleague)
    values = {c.pk: (2, "") for c in current.framework.competencies.all()}
    services.assessment_save(actor=colleague, assessment=peer, values=values, submit=True)
    result = selectors.worker_result(principal("medewerker"), current, user("medewerker").pk)
    assert all(r["peer"] is None for r in result["rows"])


def test_course_titles_never_become_spreadsheet_formulas(demo, login):
    from openpyxl import load_workbook

    course = Course.objects.first()
    course.title = "=HYPERLINK(\"http://kwaad.example\")"
    course.save()
    closed = AssessmentRound.objects.get(state="closed")
    response = login("analist").get(reverse("competences:training_plan_xlsx",
                                            kwargs={"pk": closed.pk}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_out_of_range_year_changes_nothing(demo, login):
    from opbouw.competences.models import PeRequirement

    sonor = Organisation.objects.get(short_name="SONOR")
    before = list(PeRequirement.objects.values_list("year", "points"))
    login("manager").post(reverse("competences:pe_requirement",
                                  kwargs={"organisation_id": sonor.pk}) + "?jaar=1999",
                          {"points": "3"})
    assert list(PeRequirement.objects.values_list("year", "points")) == before
    assert dt.date.today().year in [y for y, _p in before]
