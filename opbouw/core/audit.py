"""Service that writes the audit log; the only code that creates AuditEvent rows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest

from opbouw.core.models import AuditEvent

Action = AuditEvent.Action


def client_ip(request: HttpRequest | None) -> str | None:
    """Return the client's address as Django received it."""
    if request is None:
        return None
    if settings.BEHIND_PROXY:
        # The proxy appends the address it saw; earlier entries can be forged by the client.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    action: str,
    actor: Any = None,
    obj: models.Model | None = None,
    fields: Iterable[str] = (),
    detail: str = "",
    ip: str | None = None,
    request: HttpRequest | None = None,
    actor_name: str = "",
) -> AuditEvent:
    """Append one event to the audit log; changed field names only, never their values.

    ``actor`` is the user who acted (None: no one signed in), ``ip`` their address. Services
    pass both from their ``access.Actor``; code that holds the request (the auth receivers,
    the admin, exports) may pass ``request`` instead, and the address is read from it.
    """
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    event = AuditEvent(
        action=action,
        actor=actor,
        actor_name=(actor.get_username() if actor is not None else actor_name)[:150],
        detail=detail[:300],
        fields=sorted(set(fields)),
        ip_address=ip if ip is not None else client_ip(request),
    )
    if obj is not None:
        event.object_type = obj._meta.label_lower
        event.object_id = str(obj.pk)
        event.object_repr = str(obj)[:200]
    event.save()
    return event


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Return the names whose values differ between two snapshots."""
    return sorted(name for name in after if before.get(name) != after.get(name))
