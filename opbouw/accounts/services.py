"""Writes to user accounts."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from opbouw.access.actor import Actor
from opbouw.accounts.models import User
from opbouw.core.audit import Action, audit_record, changed_fields

PERSONAL_FIELDS = ("first_name", "last_name", "email", "language")


@transaction.atomic
def account_update(*, actor: Actor, user: User, **values: Any) -> User:
    """Change a user's name, e-mail address or language; audit which fields changed."""
    unknown = set(values) - set(PERSONAL_FIELDS)
    if unknown:
        raise TypeError(f"account_update() got unknown fields: {sorted(unknown)}")
    before = {name: getattr(user, name) for name in PERSONAL_FIELDS}
    for name, value in values.items():
        setattr(user, name, value)
    try:
        user.full_clean(exclude=["password", "username"])
    except ValidationError:
        for name, value in before.items():  # leave the caller's object as it was
            setattr(user, name, value)
        raise
    user.save(update_fields=list(values) or None)
    fields = changed_fields(before, {name: getattr(user, name) for name in PERSONAL_FIELDS})
    if fields:
        audit_record(action=Action.UPDATE, actor=actor.user, ip=actor.ip, obj=user,
                     fields=fields)
    return user


def password_changed_record(*, user: User, ip: str | None = None) -> None:
    """Note in the audit log that a password was changed (the hash is Django's business);
    by its user, signed in or following a reset link, from address ip."""
    audit_record(action=Action.PASSWORD_CHANGED, actor=user, ip=ip, obj=user)


def password_reset_requested_record(*, ip: str | None = None) -> None:
    """Note a reset request without storing the address asked for."""
    audit_record(action=Action.PASSWORD_RESET_REQUESTED, actor_name="", ip=ip,
                 detail="wachtwoordherstel aangevraagd")
