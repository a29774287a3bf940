"""The principal: roles loaded from memberships through the registered grant loader."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from opbouw.access import principal as principal_module
from opbouw.access.audit import audit_events
from opbouw.access.principal import Principal
from opbouw.access.roles import Role
from opbouw.access.suppression import suppress_row
from opbouw.accounts.models import User
from opbouw.areas import scopes as area_scopes
from opbouw.organisations import scopes as org_scopes
from opbouw.organisations.grants import membership_grants
from opbouw.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)


def principal(username: str) -> Principal:
    return Principal.for_user(User.objects.get(username=username))


@pytest.mark.django_db
def test_anonymous_principal_has_no_roles_and_sees_nothing():
    p = Principal.for_user(AnonymousUser())
    assert not p.is_authenticated
    assert p.roles == frozenset()
    assert not area_scopes.areas(p).exists()
    assert not org_scopes.worker_profiles(p).exists()


def test_organisations_registers_the_grant_loader():
    assert principal_module._grant_loader is membership_grants


@pytest.mark.django_db
def test_grants_are_loaded_in_one_query(django_assert_num_queries):
    user = UserFactory()
    MembershipFactory(user=user, role=Role.WORKER)
    MembershipFactory(user=user, role=Role.COACH)
    with django_assert_num_queries(1):
        p = Principal.for_user(user)
    assert p.roles == {Role.WORKER, Role.COACH}


def test_primary_role_is_the_broadest(demo):
    assert principal("coach").primary_role == Role.COACH
    assert principal("coach").roles == {Role.WORKER, Role.COACH}
    assert principal("beheerder").primary_role == Role.ADMIN


@pytest.mark.django_db
def test_membership_of_an_inactive_organisation_gives_no_rights():
    org = OrganisationFactory(is_active=False)
    user = UserFactory()
    MembershipFactory(user=user, organisation=org, role=Role.MANAGER)
    assert Principal.for_user(user).roles == frozenset()


def test_audit_log_is_for_admins_only(demo):
    from opbouw.core.audit import Action, audit_record

    before = audit_events(principal("beheerder")).count()  # the demo's report steps
    audit_record(action=Action.EXPORT, actor=User.objects.get(username="manager"))
    assert audit_events(principal("beheerder")).count() == before + 1
    for username in ("medewerker", "coach", "manager", "analist", "opdrachtgever"):
        assert not audit_events(principal(username)).exists()


@given(st.lists(st.integers(0, 40), min_size=1, max_size=8))
def test_suppressed_rows_cannot_be_undone_by_subtraction(counts):
    with override_settings(OPBOUW_MIN_CELL_SIZE=5):
        shown, total = suppress_row(counts)
    if total is None:
        assert all(n is None for n in shown) and sum(counts) < 5
        return
    assert total == sum(counts)
    hidden = [c for c, s in zip(counts, shown, strict=True) if s is None]
    assert all(s >= 5 for s in shown if s is not None)
    assert len(hidden) != 1
    assert not hidden or sum(hidden) >= 5 or len(hidden) == len(counts)
