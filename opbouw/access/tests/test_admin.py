"""The Django admin: admin role only, and changes to personal data are audited."""

import pytest
from django.urls import reverse

from opbouw.access.roles import Role
from opbouw.accounts.models import User
from opbouw.core.models import AuditEvent
from opbouw.organisations.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def test_admin_creates_a_user_with_a_membership_and_it_is_audited(demo, login):
    client = login("beheerder")
    sonor = Organisation.objects.get(short_name="SONOR")
    response = client.post(reverse("admin:accounts_user_add"), {
        "username": "nieuwe.collega",
        "usable_password": "true",
        "password1": "Wijkkracht-2026!",
        "password2": "Wijkkracht-2026!",
        "memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-organisation": sonor.pk, "memberships-0-role": Role.WORKER,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="nieuwe.collega")
    assert Membership.objects.filter(user=user, organisation=sonor, role=Role.WORKER).exists()
    types = set(AuditEvent.objects.filter(action="create").values_list("object_type", flat=True))
    assert {"accounts.user", "organisations.membership"} <= types


def test_admin_deletion_of_a_membership_is_audited(demo, login):
    membership = Membership.objects.filter(role=Role.WORKER).first()
    client = login("beheerder")
    url = reverse("admin:organisations_membership_delete", kwargs={"object_id": membership.pk})
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="delete")
    assert event.object_type == "organisations.membership"
    assert event.actor.username == "beheerder"


def test_audit_log_cannot_be_changed_in_the_admin(demo, login):
    client = login("beheerder")
    event = AuditEvent.objects.create(action="export", actor_name="x")
    url = reverse("admin:core_auditevent_change", kwargs={"object_id": event.pk})
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "login"}).status_code == 403
    event.refresh_from_db()
    assert event.action == "export"


def test_admin_setting_a_password_is_audited(demo, login):
    user = User.objects.get(username="medewerker")
    url = reverse("admin:auth_user_password_change", kwargs={"id": user.pk})
    response = login("beheerder").post(url, {
        "password1": "Nieuw-wachtwoord-2026", "password2": "Nieuw-wachtwoord-2026"})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="password_changed")
    assert event.object_repr == str(user) and event.actor.username == "beheerder"


def test_an_organisation_with_members_cannot_be_deleted(demo, login):
    sonor = Organisation.objects.get(short_name="SONOR")
    url = reverse("admin:organisations_organisation_delete", kwargs={"object_id": sonor.pk})
    response = login("beheerder").post(url, {"post": "yes"})
    assert Organisation.objects.filter(pk=sonor.pk).exists()
    assert Membership.objects.filter(organisation=sonor).exists()
    assert response.status_code == 200  # Django's page naming the protected related objects


def test_admin_can_lift_a_lockout(demo, login):
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.create(username="manager", ip_address="127.0.0.1",
                                           user_agent="x", failures_since_start=5)
    url = reverse("admin:core_lockout_delete", kwargs={"object_id": attempt.pk})
    assert login("beheerder").post(url, {"post": "yes"}).status_code == 302
    assert not AccessAttempt.objects.exists()
