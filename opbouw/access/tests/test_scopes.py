"""The access layer's scopes: who sees which organisations and people."""

import pytest

from opbouw.access import scopes
from opbouw.access.principal import Principal
from opbouw.access.roles import Role
from opbouw.accounts.models import User
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


def test_anonymous_principal_has_no_roles_and_sees_nothing():
    from django.contrib.auth.models import AnonymousUser

    p = Principal.for_user(AnonymousUser())
    assert not p.is_authenticated
    assert p.roles == frozenset()
    assert not scopes.areas(p).exists()
    assert not scopes.worker_profiles(p).exists()


def test_primary_role_is_the_broadest(demo):
    assert principal("coach").primary_role == Role.COACH
    assert principal("coach").roles == {Role.WORKER, Role.COACH}
    assert principal("beheerder").primary_role == Role.ADMIN


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


def test_membership_of_an_inactive_organisation_gives_no_rights():
    org = OrganisationFactory(is_active=False)
    user = UserFactory()
    MembershipFactory(user=user, organisation=org, role=Role.MANAGER)
    assert Principal.for_user(user).roles == frozenset()


def test_only_managers_of_the_organisation_and_admins_may_edit_profiles(demo):
    profile = WorkerProfile.objects.get(user__username="medewerker")
    assert scopes.can_edit_worker_profile(principal("manager"), profile)
    assert scopes.can_edit_worker_profile(principal("beheerder"), profile)
    assert not scopes.can_edit_worker_profile(principal("coach"), profile)
    assert not scopes.can_edit_worker_profile(principal("medewerker"), profile)
    other_manager = User.objects.filter(memberships__role=Role.MANAGER).exclude(
        username="manager").first()
    assert not scopes.can_edit_worker_profile(Principal.for_user(other_manager), profile)


def test_audit_log_is_for_admins_only(demo):
    from opbouw.core.audit import Action, audit_record

    audit_record(action=Action.EXPORT, actor=User.objects.get(username="manager"))
    assert scopes.audit_events(principal("beheerder")).count() == 1
    for username in ("medewerker", "coach", "manager", "analist", "opdrachtgever"):
        assert not scopes.audit_events(principal(username)).exists()


def test_inactive_organisation_answers_404_except_to_admins(demo, login):
    from django.urls import reverse

    org = Organisation.objects.get(short_name="SWH")
    org.is_active = False
    org.save()
    url = reverse("organisations:detail", kwargs={"pk": org.pk})
    assert login("analist").get(url).status_code == 404
    assert login("beheerder").get(url).status_code == 200


def test_outsiders_see_function_counts_only_when_large_enough(demo, login):
    from django.urls import reverse

    sonor = Organisation.objects.get(short_name="SONOR")
    counts_inside = dict(login("manager").get(
        reverse("organisations:detail", kwargs={"pk": sonor.pk})).context["functions"])
    response = login("opdrachtgever").get(reverse("organisations:detail", kwargs={"pk": sonor.pk}))
    counts_outside = dict(response.context["functions"])
    assert response.context["people"] is None
    for label, n in counts_inside.items():
        assert counts_outside[label] == (n if n >= 5 else None)
    assert None in counts_outside.values()  # the tiny data set has small cells
