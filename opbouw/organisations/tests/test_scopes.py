"""The organisations' scopes: who sees which organisations and people."""

import pytest
from django.urls import reverse

from opbouw.access.principal import Principal
from opbouw.access.roles import Role
from opbouw.accounts.models import User
from opbouw.organisations import scopes
from opbouw.organisations.models import Organisation, WorkerProfile
from opbouw.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    WorkerProfileFactory,
)

pytestmark = pytest.mark.django_db


def principal(username: str) -> Principal:
    return Principal.for_user(User.objects.get(username=username))


def test_worker_sees_every_organisation_but_only_own_colleagues(demo):
    p = principal("medewerker")
    assert scopes.organisations(p).count() == Organisation.objects.count()
    visible = scopes.worker_profiles(p)
    assert visible.exists()
    assert set(visible.values_list("organisation__short_name", flat=True)) == {"SONOR"}


def test_analyst_sees_all_organisations_but_no_individual_worker(demo):
    p = principal("analist")
    assert scopes.organisations(p).count() == Organisation.objects.count()
    assert not scopes.worker_profiles(p).exists()
    assert not scopes.can_see_people_of(p, Organisation.objects.get(short_name="SONOR").pk)


def test_commissioner_sees_no_personal_data_of_workers(demo):
    p = principal("opdrachtgever")
    assert not scopes.worker_profiles(p).exists()
    for org in Organisation.objects.filter(kind="provider"):
        assert not scopes.can_see_people_of(p, org.pk)


def test_coach_sees_coachee_in_another_organisation():
    org_a, org_b = OrganisationFactory(), OrganisationFactory()
    coach = UserFactory()
    MembershipFactory(user=coach, organisation=org_a, role=Role.COACH)
    coachee = WorkerProfileFactory(organisation=org_b, coach=coach)
    stranger = WorkerProfileFactory(organisation=org_b)
    visible = set(scopes.worker_profiles(Principal.for_user(coach)))
    assert coachee in visible
    assert stranger not in visible


def test_only_managers_of_the_organisation_and_admins_may_edit_profiles(demo):
    profile = WorkerProfile.objects.get(user__username="medewerker")
    assert scopes.can_edit_worker_profile(principal("manager"), profile)
    assert scopes.can_edit_worker_profile(principal("beheerder"), profile)
    assert not scopes.can_edit_worker_profile(principal("coach"), profile)
    assert not scopes.can_edit_worker_profile(principal("medewerker"), profile)
    other_manager = User.objects.filter(memberships__role=Role.MANAGER).exclude(
        username="manager").first()
    assert not scopes.can_edit_worker_profile(Principal.for_user(other_manager), profile)


def test_inactive_organisation_answers_404_except_to_admins(demo, login):
    org = Organisation.objects.get(short_name="SWH")
    org.is_active = False
    org.save()
    url = reverse("organisations:detail", kwargs={"pk": org.pk})
    assert login("analist").get(url).status_code == 404
    assert login("beheerder").get(url).status_code == 200


def test_outsiders_see_level_counts_that_give_nobody_away(demo, login):
    sonor = Organisation.objects.get(short_name="SONOR")
    inside = login("manager").get(reverse("organisations:detail", kwargs={"pk": sonor.pk}))
    assert sum(n for _label, n in inside.context["functions"]) == 8
    assert inside.context["levels"].exact
    outside = login("opdrachtgever").get(reverse("organisations:detail", kwargs={"pk": sonor.pk}))
    assert outside.context["people"] is None and outside.context["functions"] == []
    counts = outside.context["levels"]
    assert not counts.exact and counts.total == 8
    hidden = [n for n in counts.levels if n is None]
    assert len(hidden) != 1
