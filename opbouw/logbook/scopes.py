"""What a principal may see and do of the logbook.

Workers see their own entries, coaches also their coachees', managers their whole
organisation's. Commissioners and analysts never see a worker's logbook rows (they see
totals per assignment).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from opbouw.access.principal import Principal
from opbouw.access.roles import Role
from opbouw.assignments import scopes as assignment_scopes
from opbouw.logbook.models import Activity
from opbouw.organisations import scopes as org_scopes


def activities(principal: Principal) -> QuerySet:
    """Logbook entries: the worker's own, a coach's coachees', a manager's organisation's."""
    qs = Activity.objects.all()
    if principal.is_admin:
        return qs
    if not principal.is_authenticated:
        return qs.none()
    condition = org_scopes.own_and_coachees(principal, "worker_id")
    condition |= Q(organisation_id__in=principal.org_ids(Role.MANAGER))
    return qs.filter(condition)


def activity_statistics(principal: Principal) -> QuerySet:
    """Entries to total per assignment, intervention or worker count, never to list: those of
    the assignments the principal may see (commissioners see totals, not rows)."""
    return Activity.objects.filter(assignment__in=assignment_scopes.assignments(principal))


def activity_edit_deadline(activity) -> dt.datetime:
    """Until when the worker may change their own entry (settings.OPBOUW_LOGBOOK_EDIT_DAYS)."""
    return activity.created_at + dt.timedelta(days=settings.OPBOUW_LOGBOOK_EDIT_DAYS)


def can_edit_activity(principal: Principal, activity) -> bool:
    """The worker within the edit window; after it only a manager of the organisation."""
    if principal.has_role_in(activity.organisation_id, Role.MANAGER):
        return True
    return (activity.worker_id == principal.user_id
            and timezone.now() <= activity_edit_deadline(activity))
