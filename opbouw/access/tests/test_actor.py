"""Services get an Actor: the principal of the request and the client address."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from opbouw.access.actor import NOBODY, actor_for, actor_from
from opbouw.access.principal import Principal
from opbouw.core.audit import Action, audit_record
from opbouw.organisations.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_actor_of_a_request_keeps_its_principal_and_address(settings):
    user = UserFactory()
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7",
                                   HTTP_X_FORWARDED_FOR="10.0.0.1, 198.51.100.4")
    request.principal = Principal.for_user(user)
    settings.BEHIND_PROXY = False
    actor = actor_from(request)
    assert actor.principal is request.principal  # not loaded again
    assert (actor.user, actor.user_id, actor.ip) == (user, user.pk, "192.0.2.7")
    settings.BEHIND_PROXY = True
    assert actor_from(request).ip == "198.51.100.4"


def test_the_audit_log_takes_user_and_address_from_the_actor():
    user = UserFactory()
    actor = actor_for(user, ip="192.0.2.9")
    event = audit_record(action=Action.EXPORT, actor=actor.user, ip=actor.ip)
    assert (event.actor, event.ip_address) == (user, "192.0.2.9")
    nobody = audit_record(action=Action.EXPORT, actor=NOBODY.user, ip=NOBODY.ip)
    assert (nobody.actor, nobody.ip_address) == (None, None)
