"""Rounds, ratings and who sees them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from opbouw.access import scopes
from opbouw.access.principal import Principal
from opbouw.accounts.models import User
from opbouw.competences import selectors, services
from opbouw.competences.models import Assessment, AssessmentRound, Framework, Rating
from opbouw.organisations.models import Organisation, WorkerProfile

pytestmark = pytest.mark.django_db


def user(name):
    return User.objects.get(username=name)


def principal(name):
    return Principal.for_user(user(name))


@pytest.fixture
def current(demo):
    return AssessmentRound.objects.get(state="open")


@pytest.fixture
def closed(demo):
    return AssessmentRound.objects.get(state="closed")


def own_self(round_, name="medewerker"):
    return Assessment.objects.get(round=round_, worker__username=name, kind="self")


def all_values(round_, value=3):
    return {c.pk: (value, "") for c in round_.framework.competencies.all()}


def test_opening_a_round_prepares_self_and_coach_assessments(demo):
    framework = Framework.objects.get()
    sonor = Organisation.objects.get(short_name="SONOR")
    new = services.round_open(actor=user("manager"), name="Test", framework=framework,
                              starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 2, 1),
                              organisations=[sonor])
    workers = WorkerProfile.objects.filter(organisation=sonor)
    assert new.assessments.filter(kind="self").count() == workers.count()
    assert new.assessments.filter(kind="coach").count() == workers.exclude(coach=None).count()
    with pytest.raises(ValidationError) as excinfo:
        services.round_open(actor=None, name="Fout", framework=framework,
                            starts_on=dt.date(2026, 2, 1), ends_on=dt.date(2026, 1, 1),
                            organisations=[])
    assert set(excinfo.value.message_dict) == {"ends_on", "organisations"}


def test_worker_rates_and_submits(current):
    a = own_self(current)
    values = all_values(current)
    services.assessment_save(actor=user("medewerker"), assessment=a, values=values, submit=True)
    a.refresh_from_db()
    assert a.state == "submitted" and a.ratings.count() == 20


def test_ratings_outside_the_scale_are_refused_per_competency(current):
    a = own_self(current)
    values = all_values(current)
    first = current.framework.competencies.order_by("order").first()
    values[first.pk] = (7, "")
    with pytest.raises(ValidationError) as excinfo:
        services.assessment_save(actor=user("medewerker"), assessment=a, values=values)
    assert excinfo.value.message_dict == {first.code: ["Kies een niveau van 1 tot en met 4."]}
    assert not Rating.objects.filter(assessment=a).exists()


def test_evidence_with_personal_data_of_residents_is_refused(current):
    a = own_self(current)
    values = all_values(current)
    first = current.framework.competencies.order_by("order").first()
    values[first.pk] = (3, "Mevrouw belde vanaf 06-12345678")
    with pytest.raises(ValidationError) as excinfo:
        services.assessment_save(actor=user("medewerker"), assessment=a, values=values)
    assert "telefoonnummer" in excinfo.value.message_dict[first.code][0]
    assert not Rating.objects.filter(assessment=a).exists()


def test_submitting_needs_every_competency(current):
    a = own_self(current)
    with pytest.raises(ValidationError) as excinfo:
        services.assessment_save(actor=user("medewerker"), assessment=a, values={},
                                 submit=True)
    assert len(excinfo.value.message_dict) == 20
    a.refresh_from_db()
    assert a.state == "open"


def test_a_closed_round_is_read_only(closed, login):
    a = own_self(closed)
    before = list(a.ratings.values_list("competency_id", "value"))
    with pytest.raises(ValidationError, match="gesloten"):
        services.assessment_save(actor=user("medewerker"), assessment=a,
                                 values=all_values(closed, 1))
    response = login("medewerker").post(reverse("competences:assessment", kwargs={"pk": a.pk}),
                                        {"opslaan": "1"}, follow=True)
    assert "deze beoordeling kan niet meer veranderen" in response.content.decode()
    assert list(a.ratings.values_list("competency_id", "value")) == before


def test_a_coach_cannot_rate_someone_who_is_not_their_coachee(current):
    coach_assessment = Assessment.objects.get(round=current, worker__username="medewerker",
                                              kind="coach")
    profile = WorkerProfile.objects.get(user__username="medewerker")
    profile.coach = None
    profile.save()
    with pytest.raises(ValidationError, match="niet \\(meer\\) de coach"):
        services.assessment_save(actor=user("coach"), assessment=coach_assessment,
                                 values=all_values(current))
    with pytest.raises(ValidationError, match="Alleen wie beoordeelt"):
        services.assessment_save(actor=user("manager"), assessment=coach_assessment,
                                 values=all_values(current))
    assert not coach_assessment.ratings.exists()


def test_a_worker_never_sees_another_workers_ratings(closed):
    me = principal("medewerker")
    visible = scopes.ratings(me).values_list("assessment__worker__username", flat=True)
    assert set(visible) == {"medewerker"}
    colleague = WorkerProfile.objects.filter(organisation__short_name="SONOR").exclude(
        user__username__in=["medewerker", "coach"]).first().user
    client = Client()
    client.force_login(user("medewerker"))
    url = reverse("competences:result", kwargs={"pk": closed.pk, "worker_id": colleague.pk})
    assert client.get(url).status_code == 404
    other = Assessment.objects.filter(round=closed).exclude(worker__username="medewerker").first()
    assert client.get(reverse("competences:assessment", kwargs={"pk": other.pk})
                      ).status_code == 404


def test_a_coach_sees_coachees_and_a_manager_only_own_organisation(closed):
    coach = principal("coach")
    coachees = set(WorkerProfile.objects.filter(coach__username="coach").values_list(
        "user__username", flat=True))
    visible = set(scopes.ratings(coach).values_list("assessment__worker__username", flat=True))
    assert visible == coachees | {"coach"}
    manager = principal("manager")
    orgs = set(scopes.ratings(manager).values_list("assessment__organisation__short_name",
                                                   flat=True))
    assert orgs == {"SONOR"}
    other = Assessment.objects.filter(round=closed).exclude(
        organisation__short_name="SONOR").first()
    client = Client()
    client.force_login(user("manager"))
    url = reverse("competences:result", kwargs={"pk": closed.pk, "worker_id": other.worker_id})
    assert client.get(url).status_code == 404


def test_analysts_and_admins_see_no_individual_ratings(closed):
    for name in ("analist", "beheerder", "opdrachtgever"):
        assert not scopes.ratings(principal(name)).exists(), name
        assert not scopes.assessments(principal(name)).exists(), name


def test_drafts_of_coach_and_peers_stay_private_until_submitted(current):
    coach_assessment = Assessment.objects.get(round=current, worker__username="medewerker",
                                              kind="coach")
    services.assessment_save(actor=user("coach"), assessment=coach_assessment,
                             values=all_values(current, 1))
    result = selectors.worker_result(principal("medewerker"), current, user("medewerker").pk)
    assert all(r["coach"] is None for r in result["rows"])
    services.assessment_save(actor=user("coach"), assessment=coach_assessment,
                             values=all_values(current, 1), submit=True)
    result = selectors.worker_result(principal("medewerker"), current, user("medewerker").pk)
    assert all(r["coach"] == 1 for r in result["rows"])
    assert result["largest_gaps"] and result["largest_gaps"][0]["gap"] >= 1


def test_peer_invitation_only_for_colleagues(current):
    colleague = WorkerProfile.objects.filter(organisation__short_name="SONOR").exclude(
        user__username__in=["medewerker"]).first().user
    services.peer_invite(actor=user("medewerker"), assessment_round=current, peer=colleague)
    assert Assessment.objects.filter(round=current, kind="peer", assessor=colleague).exists()
    with pytest.raises(ValidationError, match="al uitgenodigd"):
        services.peer_invite(actor=user("medewerker"), assessment_round=current, peer=colleague)
    stranger = WorkerProfile.objects.exclude(organisation__short_name="SONOR").first().user
    with pytest.raises(ValidationError, match="eigen organisatie"):
        services.peer_invite(actor=user("medewerker"), assessment_round=current, peer=stranger)


def test_closing_a_round_by_a_manager_of_another_organisation_is_refused(current, login):
    other_manager = User.objects.filter(memberships__role="manager").exclude(
        username="manager").first()
    client = login(other_manager.username)
    response = client.post(reverse("competences:round_close", kwargs={"pk": current.pk}))
    assert response.status_code == 403
    current.refresh_from_db()
    assert current.is_open
    response = login("analist").post(reverse("competences:round_close",
                                             kwargs={"pk": current.pk}))
    current.refresh_from_db()
    assert response.status_code == 302 and not current.is_open


def test_the_assessment_page_saves_and_shows_field_messages(current, login):
    a = own_self(current)
    client = login("medewerker")
    url = reverse("competences:assessment", kwargs={"pk": a.pk})
    comps = list(current.framework.competencies.order_by("order"))
    data = {f"waarde-{c.pk}": "3" for c in comps}
    data[f"waarde-{comps[0].pk}"] = "9"
    data["indienen"] = "1"
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Kies een niveau van 1 tot en met 4." in response.content.decode()
    a.refresh_from_db()
    assert a.state == "open" and not a.ratings.exists()
    data[f"waarde-{comps[0].pk}"] = "2"
    assert client.post(url, data).status_code == 302
    a.refresh_from_db()
    assert a.state == "submitted"


def test_a_workers_own_draft_is_private_until_submitted(current):
    a = own_self(current)
    services.assessment_save(actor=user("medewerker"), assessment=a,
                             values=all_values(current, 2))
    mine = selectors.worker_result(principal("medewerker"), current, user("medewerker").pk)
    assert all(r["self"] == 2 for r in mine["rows"])
    for name in ("coach", "manager"):
        theirs = selectors.worker_result(principal(name), current, user("medewerker").pk)
        assert all(r["self"] is None for r in theirs["rows"]), name


def test_editing_norms_leaves_a_closed_rounds_results_be(closed):
    from opbouw.competences import frameworks
    from opbouw.competences.models import Norm

    before = selectors.worker_result(principal("medewerker"), closed, user("medewerker").pk)
    norm = Norm.objects.filter(competency__framework=closed.framework, scw_level=3).first()
    frameworks.norms_update(framework=closed.framework,
                            expected={(norm.competency_id, 3): 1 if norm.expected > 1 else 4})
    after = selectors.worker_result(principal("medewerker"), closed, user("medewerker").pk)
    assert [r["norm"] for r in after["rows"]] == [r["norm"] for r in before["rows"]]


def test_closing_a_round_freezes_its_norms(current):
    services.round_close(actor=user("analist"), assessment_round=current)
    current.refresh_from_db()
    assert len(current.norms_snapshot) == 20
