"""Grants of a principal, read from memberships (registered with the access layer)."""

from __future__ import annotations

from typing import Any

from opbouw.access.principal import Grant
from opbouw.organisations.models import Membership


def membership_grants(user: Any) -> list[Grant]:
    """Return the user's roles per active organisation, in one query."""
    rows = Membership.objects.filter(
        user_id=user.pk, organisation__is_active=True
    ).values_list("organisation_id", "organisation__kind", "role")
    return [Grant(org, kind, role) for org, kind, role in rows]
