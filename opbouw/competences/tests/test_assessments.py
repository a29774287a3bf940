"""Rounds, ratings and who sees them (the world of ``conftest.py``)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from opbouw.access.actor import NOBODY, actor_for
from opbouw.access.principal import Principal
from opbouw.accounts.models import User
from opbouw.competences import scopes, selectors, services
from opbouw.competences.models import Assessment, Rating
from opbouw.organisations.models import WorkerProfile

pytestmark = pytest.mark.django_db

GENERIC = [f"4{c}" for c in "ABCDEFGHIJK"]


def user(name):
    return User.objects.get(username=name)


def principal(name):
    return Principal.for_user(user(name))


@pytest.fixture
def current(world):
    return world.current


@pytest.fixture
def closed(world):
    return world.closed


def own_self(round_, name="medewerker"):
    return Assessment.objects.get(round=round_, worker__username=name, kind="self")


def all_values(round_, value=3):
    return {c.pk: (value, "") for c in round_.framework.competencies.all()}


def test_opening_a_round_prepares_self_and_coach_assessments(world):
    new = services.round_open(actor=actor_for(world.manager), name="Test",
                              framework=world.framework,
                              starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 2, 1),
                              organisations=[world.een])
    rows = set(new.assessments.values_list("worker__username", "assessor__username", "kind",
                                           "scw_level", "organisation__short_name"))
    # Three workers of EEN rate themselves; their coach rates the two coachees.
    assert rows == {("medewerker", "medewerker", "self", 3, "EEN"),
                    ("collega", "collega", "self", 2, "EEN"),
                    ("coach", "coach", "self", 4, "EEN"),
                    ("medewerker", "coach", "coach", 3, "EEN"),
                    ("collega", "coach", "coach", 2, "EEN")}
    with pytest.raises(ValidationError) as excinfo:
        services.round_open(actor=NOBODY, name="Fout", framework=world.framework,
                            starts_on=dt.date(2026, 2, 1), ends_on=dt.date(2026, 1, 1),
                            organisations=[])
    assert set(excinfo.value.message_dict) == {"ends_on", "organisations"}


def test_worker_rates_and_submits(current):
    a = own_self(current)
    values = all_values(current)
    services.assessment_save(actor=actor_for(user("medewerker")), assessment=a, values=values,
                             submit=True)
    a.refresh_from_db()
    assert a.state == "submitted" and a.ratings.count() == 20


def test_ratings_outside_the_scale_are_refused_per_competency(current):
    a = own_self(current)
    values = all_values(current)
    first = current.framework.competencies.order_by("order").first()
    values[first.pk] = (7, "")
    with pytest.raises(ValidationError) as excinfo:
        services.assessment_save(actor=actor_for(user("medewerker")), assessment=a, values=values)
    assert excinfo.value.message_dict == {first.code: ["Kies een niveau van 1 tot en met 4."]}
    assert not Rating.objects.filter(assessment=a).exists()


def test_evidence_with_personal_data_of_residents_is_refused(current):
    a = own_self(current)
    values = all_values(current)
    first = current.framework.competencies.order_by("order").first()
    values[first.pk] = (3, "Mevrouw belde vanaf 06-12345678")
    with pytest.raises(ValidationError) as excinfo:
        services.assessment_save(actor=actor_for(user("medewerker")), assessment=a, values=values)
    assert "telefoonnummer" in excinfo.value.message_dict[first.code][0]
    assert not Rating.objects.filter(assessment=a).exists()


def test_submitting_needs_every_competency(current):
    a = own_self(current)
    with pytest.raises(ValidationError) as excinfo:
        services.assessment_save(actor=actor_for(user("medewerker")), assessment=a, values={},
                                 submit=True)
    assert len(excinfo.value.message_dict) == 20
    a.refresh_from_db()
    assert a.state == "open"


def test_a_closed_round_is_read_only(closed, login):
    a = own_self(closed)
    with pytest.raises(ValidationError, match="gesloten"):
        services.assessment_save(actor=actor_for(user("medewerker")), assessment=a,
                                 values=all_values(closed, 1))
    response = login("medewerker").post(reverse("competences:assessment", kwargs={"pk": a.pk}),
                                        {"opslaan": "1"}, follow=True)
    assert "deze beoordeling kan niet meer veranderen" in response.content.decode()
    assert set(a.ratings.values_list("value", flat=True)) == {3}  # as rated, never 1
    assert a.ratings.count() == 20


def test_a_coach_cannot_rate_someone_who_is_not_their_coachee(current):
    coach_assessment = Assessment.objects.get(round=current, worker__username="medewerker",
                                              kind="coach")
    profile = WorkerProfile.objects.get(user__username="medewerker")
    profile.coach = None
    profile.save()
    with pytest.raises(ValidationError, match="niet \\(meer\\) de coach"):
        services.assessment_save(actor=actor_for(user("coach")), assessment=coach_assessment,
                                 values=all_values(current))
    with pytest.raises(ValidationError, match="Alleen wie beoordeelt"):
        services.assessment_save(actor=actor_for(user("manager")), assessment=coach_assessment,
                                 values=all_values(current))
    assert not coach_assessment.ratings.exists()


def test_a_worker_never_sees_another_workers_ratings(closed):
    me = principal("medewerker")
    visible = scopes.ratings(me).values_list("assessment__worker__username", flat=True)
    assert set(visible) == {"medewerker"}
    assert scopes.ratings(me).count() == 40  # their own 20 and their coach's 20
    client = Client()
    client.force_login(user("medewerker"))
    url = reverse("competences:result", kwargs={"pk": closed.pk,
                                                "worker_id": user("collega").pk})
    assert client.get(url).status_code == 404
    other = own_self(closed, "collega")
    assert client.get(reverse("competences:assessment", kwargs={"pk": other.pk})
                      ).status_code == 404


def test_a_coach_sees_coachees_and_a_manager_only_own_organisation(closed):
    coach = principal("coach")
    visible = set(scopes.ratings(coach).values_list("assessment__worker__username", flat=True))
    assert visible == {"medewerker", "collega", "coach"}  # the coachees and themselves
    manager = principal("manager")
    workers = set(scopes.ratings(manager).values_list("assessment__worker__username",
                                                      flat=True))
    assert workers == {"medewerker", "collega", "coach"}  # EEN, not buiten of TWEE
    client = Client()
    client.force_login(user("manager"))
    url = reverse("competences:result", kwargs={"pk": closed.pk,
                                                "worker_id": user("buiten").pk})
    assert client.get(url).status_code == 404
    own = reverse("competences:result", kwargs={"pk": closed.pk,
                                                "worker_id": user("medewerker").pk})
    assert client.get(own).status_code == 200


def test_analysts_and_admins_see_no_individual_ratings(closed):
    assert Rating.objects.filter(assessment__round=closed).count() == 120
    for name in ("analist", "beheerder", "opdrachtgever"):
        assert not scopes.ratings(principal(name)).exists(), name
        assert not scopes.assessments(principal(name)).exists(), name


def test_drafts_of_coach_and_peers_stay_private_until_submitted(current):
    coach_assessment = Assessment.objects.get(round=current, worker__username="medewerker",
                                              kind="coach")
    services.assessment_save(actor=actor_for(user("coach")), assessment=coach_assessment,
                             values=all_values(current, 1))
    result = selectors.worker_result(principal("medewerker"), current, user("medewerker").pk)
    assert all(r["coach"] is None for r in result["rows"])
    assert result["largest_gaps"] == []
    services.assessment_save(actor=actor_for(user("coach")), assessment=coach_assessment,
                             values=all_values(current, 1), submit=True)
    result = selectors.worker_result(principal("medewerker"), current, user("medewerker").pk)
    assert all(r["coach"] == 1 for r in result["rows"])
    # Norm 3 at SCW 3, assessed 1: a gap of 2 everywhere; the first three in order.
    assert [(r["competency"].code, r["gap"]) for r in result["largest_gaps"]] == [
        ("4A", 2), ("4B", 2), ("4C", 2)]


def test_peer_invitation_only_for_colleagues(current):
    colleague = user("collega")
    services.peer_invite(actor=actor_for(user("medewerker")), assessment_round=current,
                         peer=colleague)
    assert Assessment.objects.filter(round=current, kind="peer", assessor=colleague).exists()
    with pytest.raises(ValidationError, match="al uitgenodigd"):
        services.peer_invite(actor=actor_for(user("medewerker")), assessment_round=current,
                             peer=colleague)
    with pytest.raises(ValidationError, match="eigen organisatie"):
        services.peer_invite(actor=actor_for(user("medewerker")), assessment_round=current,
                             peer=user("buiten"))


def test_closing_a_round_by_a_manager_of_another_organisation_is_refused(current, login):
    # The round covers EEN and TWEE; a manager of TWEE alone may not close it.
    response = login("manager2").post(reverse("competences:round_close",
                                              kwargs={"pk": current.pk}))
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
    # Indienen without the tick: kept as a draft, not submitted, with a field message.
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Vink dit aan om in te dienen." in page
    assert "Uw keuzes zijn tussentijds opgeslagen." in page
    a.refresh_from_db()
    assert a.state == "open" and a.ratings.count() == 20
    data["bevestigen"] = "1"
    assert client.post(url, data).status_code == 302
    a.refresh_from_db()
    assert a.state == "submitted"
    assert sorted(a.ratings.values_list("value", flat=True)) == [2] + [3] * 19


def test_the_coach_sees_the_submitted_self_rating_beside_each_competency(current, login):
    coach_assessment = Assessment.objects.get(round=current, worker__username="medewerker",
                                              kind="coach")
    url = reverse("competences:assessment", kwargs={"pk": coach_assessment.pk})
    values = all_values(current, 2)
    first = current.framework.competencies.order_by("order").first()
    values[first.pk] = (4, "Leidde de bewonersavond over de speeltuin.")
    services.assessment_save(actor=actor_for(user("medewerker")), assessment=own_self(current),
                             values=values)
    # A draft stays private: the coach reads that it has not been submitted yet.
    beside = selectors.self_ratings_beside(principal("coach"), coach_assessment)
    assert beside == {"submitted": False, "ratings": {}}
    page = login("coach").get(url).content.decode()
    assert "heeft de zelfbeoordeling nog niet ingediend" in page
    assert "speeltuin" not in page
    services.assessment_save(actor=actor_for(user("medewerker")), assessment=own_self(current),
                             values=values, submit=True)
    beside = selectors.self_ratings_beside(principal("coach"), coach_assessment)
    assert beside["submitted"] and len(beside["ratings"]) == 20
    assert beside["ratings"][first.pk] == {"value": 4,
                                           "evidence": "Leidde de bewonersavond over de speeltuin."}
    response = login("coach").get(url)
    assert response.context["rows"][0]["self"]["value"] == 4
    assert "Leidde de bewonersavond over de speeltuin." in response.content.decode()
    # Not for the worker's own assessment, nor for a peer's.
    assert selectors.self_ratings_beside(principal("medewerker"), own_self(current)) is None


def test_a_workers_own_draft_is_private_until_submitted(current):
    a = own_self(current)
    services.assessment_save(actor=actor_for(user("medewerker")), assessment=a,
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
    assert {r["norm"] for r in before["rows"]} == {3}  # medewerker is SCW 3
    norm = Norm.objects.get(competency__framework=closed.framework, competency__code="4A",
                            scw_level=3)
    frameworks.norms_update(framework=closed.framework, expected={(norm.competency_id, 3): 1})
    after = selectors.worker_result(principal("medewerker"), closed, user("medewerker").pk)
    assert [r["norm"] for r in after["rows"]] == [r["norm"] for r in before["rows"]]
    assert after["rows"][0]["gap"] == 2  # 3 - the coach's 1, as before the edit


def test_closing_a_round_freezes_its_norms(current):
    from opbouw.competences.models import Norm

    services.round_close(actor=actor_for(user("analist")), assessment_round=current)
    current.refresh_from_db()
    assert len(current.norms_snapshot) == 20
    comp = current.framework.competencies.get(code="4H")
    assert current.norms_snapshot[str(comp.pk)] == {"1": 2, "2": 2, "3": 3, "4": 4}
    Norm.objects.filter(competency=comp, scw_level=4).update(expected=1)
    assert selectors.round_norms(current)[comp.pk][4] == 4
