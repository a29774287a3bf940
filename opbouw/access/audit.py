"""Scope of the audit log (core's ``AuditEvent``).

The audit log belongs to ``core``, which imports nothing above it; ``access`` sits directly
above ``core``, so it scopes core's models. Every other scope lives in the app that owns
the models (``<app>/scopes.py``).
"""

from __future__ import annotations

from django.db.models import QuerySet

from opbouw.access.principal import Principal
from opbouw.core.models import AuditEvent


def audit_events(principal: Principal) -> QuerySet:
    """The audit log is for admins only."""
    return AuditEvent.objects.all() if principal.is_admin else AuditEvent.objects.none()
