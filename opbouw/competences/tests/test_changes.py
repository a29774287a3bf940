"""People change organisation or coach; odd ids and text; ratings keep to their round."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from opbouw.access.actor import actor_for
from opbouw.access.principal import Principal
from opbouw.accounts.models import User
from opbouw.competences import scopes, selectors, services
from opbouw.competences.models import Assessment, PeRequirement, Rating
from opbouw.competences.tests.factories import DevelopmentPlanFactory
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


def test_a_new_coach_does_not_see_ratings_from_before_their_time(world):
    profile = WorkerProfile.objects.get(user=world.medewerker)
    new_coach = world.collega
    Membership.objects.create(user=new_coach, organisation=world.een, role="coach")
    profile.coach = new_coach
    profile.save()
    seen = scopes.ratings(Principal.for_user(new_coach)).filter(
        assessment__round=world.closed, assessment__worker=world.medewerker)
    assert not seen.exists()
    # The coach who assessed in that round still sees that round: both assessments, 40.
    assert scopes.ratings(principal("coach")).filter(
        assessment__round=world.closed, assessment__worker=world.medewerker).count() == 40


def test_a_worker_who_moved_keeps_their_own_history_and_plan_follows_them(world, login):
    DevelopmentPlanFactory(worker=world.medewerker)  # this year's plan, made at EEN
    move_to("medewerker", "TWEE")
    client = login("medewerker")
    url = reverse("competences:result", kwargs={"pk": world.closed.pk,
                                                "worker_id": world.medewerker.pk})
    assert client.get(url).status_code == 200
    # The new manager sees (and works on) the plan; the old one no longer does.
    plan_url = reverse("competences:plan", kwargs={"worker_id": world.medewerker.pk})
    assert login("manager2").get(plan_url).context["plan"] is not None
    assert login("manager").get(plan_url).status_code == 404


def test_pe_points_follow_the_worker_to_the_new_organisation(world):
    course = world.verantwoorden  # 4 PE points
    enrolment = services.enrolment_create(actor=actor_for(world.medewerker), course=course,
                                          worker=world.medewerker)
    services.enrolment_complete(actor=actor_for(world.medewerker), enrolment=enrolment,
                                completed_on=timezone.localdate())
    twee = move_to("medewerker", "TWEE")
    overview = selectors.pe_overview(principal("manager2"), twee, timezone.localdate().year)
    earned = {r["profile"].user.username: r["earned"] for r in overview["rows"]}
    assert earned == {"buiten": Decimal(0), "medewerker": Decimal(4)}
    with pytest.raises(Exception, match="al afgerond"):
        services.enrolment_complete(actor=actor_for(world.medewerker), enrolment=enrolment,
                                    completed_on=timezone.localdate())


@pytest.mark.parametrize("path", [
    "/competenties/rondes/1/resultaat/99999999999999999999999/",
    "/competenties/ontwikkelplan/99999999999999999999999/",
])
def test_absurd_ids_answer_404(world, path):
    client = Client(raise_request_exception=False)
    client.force_login(world.manager)
    assert client.get(path).status_code == 404


def test_control_characters_in_evidence_are_dropped(world, login):
    current = world.current
    a = Assessment.objects.get(round=current, worker=world.medewerker, kind="self")
    comp = current.framework.competencies.order_by("order").first()
    login("medewerker").post(reverse("competences:assessment", kwargs={"pk": a.pk}),
                             {f"waarde-{comp.pk}": "3",
                              f"onderbouwing-{comp.pk}": "goed\x00 gedaan\nin de wijk",
                              "opslaan": "1"})
    assert Rating.objects.get(assessment=a, competency=comp).evidence == "goed gedaan\nin de wijk"


def test_a_single_peer_rating_is_not_shown_to_the_worker(world):
    current = world.current
    values = {c.pk: (2, "") for c in current.framework.competencies.all()}
    peers = []
    for colleague in (world.collega, world.coach):
        peer = services.peer_invite(actor=actor_for(world.medewerker), assessment_round=current,
                                    peer=colleague)
        peers.append((colleague, peer))
    colleague, peer = peers[0]
    services.assessment_save(actor=actor_for(colleague), assessment=peer, values=values,
                             submit=True)
    result = selectors.worker_result(principal("medewerker"), current, world.medewerker.pk)
    assert all(r["peer"] is None for r in result["rows"])
    # Two colleagues together: their mean is shown.
    colleague, peer = peers[1]
    values = {pk: (3, "") for pk in values}
    services.assessment_save(actor=actor_for(colleague), assessment=peer, values=values,
                             submit=True)
    result = selectors.worker_result(principal("medewerker"), current, world.medewerker.pk)
    assert all(r["peer"] == 2.5 for r in result["rows"])


def test_course_titles_never_become_spreadsheet_formulas(world, login):
    from openpyxl import load_workbook

    course = world.verantwoorden
    course.title = "=HYPERLINK(\"http://kwaad.example\")"
    course.save()
    response = login("analist").get(reverse("competences:training_plan_xlsx",
                                            kwargs={"pk": world.closed.pk}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert any("HYPERLINK" in str(v) for v in values)  # the title is there, as text
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_out_of_range_year_changes_nothing(world, login):
    before = list(PeRequirement.objects.values_list("organisation__short_name", "year",
                                                    "points"))
    assert before == [("EEN", dt.date.today().year, Decimal(12))]
    login("manager").post(reverse("competences:pe_requirement",
                                  kwargs={"organisation_id": world.een.pk}) + "?jaar=1999",
                          {"points": "3"})
    assert list(PeRequirement.objects.values_list("organisation__short_name", "year",
                                                  "points")) == before
