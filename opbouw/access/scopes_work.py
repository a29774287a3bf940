"""Scopes of assignments, action plans, the logbook and signals (re-exported by ``scopes``).

Providers' staff see their organisation's assignments; workers see their own logbook and
signals, coaches also their coachees', managers their whole organisation's. Commissioners
see the assignments they commission and the signals in their own areas, never a worker's
logbook rows. Analysts work with aggregates in the reports, not here.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from opbouw.access.principal import Principal
from opbouw.access.roles import PEOPLE_VIEW_ROLES, Role

__all__ = [
    "action_plans", "activities", "activity_edit_deadline", "area_condition",
    "assignments", "assignments_for_logging", "can_edit_action_plan", "can_edit_activity",
    "can_edit_assignment", "can_edit_indicators", "can_enter_manual_values",
    "can_follow_up_signal",
    "can_see_reporters", "commissioning_organisations", "signals",
    "can_edit_signal", "can_edit_signal_reference", "can_report_signal",
]


def commissioning_organisations(principal: Principal) -> QuerySet:
    """Commissioner organisations in whose name the principal may write WAPs and assignments."""
    from opbouw.organisations.models import Organisation

    qs = Organisation.objects.filter(kind=Organisation.Kind.COMMISSIONER, is_active=True)
    if principal.is_admin:
        return qs
    return qs.filter(pk__in=principal.org_ids(Role.COMMISSIONER))


def area_condition(principal: Principal, field: str = "area") -> Q:
    """Objects whose area lies within (or is) a working area of the principal's commissioners."""
    from opbouw.areas.models import Area
    from opbouw.areas.tree import within_q

    paths = Area.objects.filter(
        organisations__in=principal.org_ids(Role.COMMISSIONER)).values_list("path", flat=True)
    return within_q(paths, field)


def assignments(principal: Principal) -> QuerySet:
    """Commissioners their own assignments; providers' staff their organisation's.

    Workers and coaches do not see concepts; managers do, to prepare them.
    """
    from opbouw.assignments.models import Assignment

    qs = Assignment.objects.all()
    if principal.is_admin:
        return qs
    if not principal.is_authenticated:
        return qs.none()
    condition = Q(commissioner_id__in=principal.org_ids(Role.COMMISSIONER))
    condition |= Q(provider_id__in=principal.org_ids(Role.MANAGER))
    condition |= Q(provider_id__in=principal.org_ids(Role.WORKER, Role.COACH)) & ~Q(
        status=Assignment.Status.CONCEPT)
    return qs.filter(condition)


def can_edit_assignment(principal: Principal, assignment) -> bool:
    """The commissioner writes the assignment."""
    return principal.has_role_in(assignment.commissioner_id, Role.COMMISSIONER)


def can_edit_indicators(principal: Principal) -> bool:
    """Analysts of the branch keep the indicator catalogue's uniform definitions."""
    return principal.has_role(Role.ANALYST)


def can_enter_manual_values(principal: Principal, assignment) -> bool:
    """The provider's managers report measured values; the commissioner may correct them."""
    return (principal.has_role_in(assignment.provider_id, Role.MANAGER)
            or can_edit_assignment(principal, assignment))


def assignments_for_logging(principal: Principal) -> QuerySet:
    """Running assignments the principal may write logbook entries and signals for."""
    from opbouw.assignments.models import Assignment

    return Assignment.objects.filter(
        status=Assignment.Status.RUNNING,
        provider_id__in=principal.org_ids(*PEOPLE_VIEW_ROLES),
    )


def action_plans(principal: Principal) -> QuerySet:
    """Neighbourhood action plans are public policy: every signed-in user reads them."""
    from opbouw.assignments.models import ActionPlan

    if not principal.is_authenticated:
        return ActionPlan.objects.none()
    return ActionPlan.objects.all()


def can_edit_action_plan(principal: Principal, plan) -> bool:
    return principal.has_role_in(plan.commissioner_id, Role.COMMISSIONER)


def _own_and_coachees(principal: Principal, field: str) -> Q:
    from opbouw.organisations.models import WorkerProfile

    coachees = WorkerProfile.objects.filter(coach_id=principal.user_id).values("user_id")
    return Q(**{field: principal.user_id}) | Q(**{f"{field}__in": coachees})


def activities(principal: Principal) -> QuerySet:
    """Logbook entries: the worker's own, a coach's coachees', a manager's organisation's."""
    from opbouw.logbook.models import Activity

    qs = Activity.objects.all()
    if principal.is_admin:
        return qs
    if not principal.is_authenticated:
        return qs.none()
    condition = _own_and_coachees(principal, "worker_id")
    condition |= Q(organisation_id__in=principal.org_ids(Role.MANAGER))
    return qs.filter(condition)


def activity_edit_deadline(activity) -> dt.datetime:
    """Until when the worker may change their own entry (settings.OPBOUW_LOGBOOK_EDIT_DAYS)."""
    return activity.created_at + dt.timedelta(days=settings.OPBOUW_LOGBOOK_EDIT_DAYS)


def can_edit_activity(principal: Principal, activity) -> bool:
    """The worker within the edit window; after it only a manager of the organisation."""
    if principal.has_role_in(activity.organisation_id, Role.MANAGER):
        return True
    return (activity.worker_id == principal.user_id
            and timezone.now() <= activity_edit_deadline(activity))


def signals(principal: Principal) -> QuerySet:
    """Signals: own, coachees', the organisation's for managers, own areas for commissioners."""
    from opbouw.signals.models import Signal

    qs = Signal.objects.all()
    if principal.is_admin:
        return qs
    if not principal.is_authenticated:
        return qs.none()
    condition = _own_and_coachees(principal, "reported_by_id")
    condition |= Q(organisation_id__in=principal.org_ids(Role.MANAGER))
    if principal.has_role(Role.COMMISSIONER):
        condition |= area_condition(principal)
        condition |= Q(assignment__commissioner_id__in=principal.org_ids(Role.COMMISSIONER))
    return qs.filter(condition)


def can_see_reporters(principal: Principal, organisation_id: int) -> bool:
    """Who reported a signal is a worker's personal data: only their own organisation sees it."""
    return principal.is_admin or principal.has_role_in(organisation_id, *PEOPLE_VIEW_ROLES)


def can_follow_up_signal(principal: Principal, signal) -> bool:
    """The reporter, their coach and the organisation's managers keep the history."""
    from opbouw.organisations.models import WorkerProfile

    if signal.reported_by_id == principal.user_id:
        return True
    if principal.has_role_in(signal.organisation_id, Role.MANAGER):
        return True
    return WorkerProfile.objects.filter(user_id=signal.reported_by_id,
                                        coach_id=principal.user_id).exists()


def can_report_signal(principal: Principal) -> bool:
    """Providers' staff (worker, coach, manager of a provider organisation) report signals."""
    return any(g.role in PEOPLE_VIEW_ROLES and g.organisation_kind == "provider"
               for g in principal.grants)


def can_edit_signal(principal: Principal, signal) -> bool:
    """The reporter and the organisation's managers correct a signal while it is open."""
    return (signal.reported_by_id == principal.user_id
            or principal.has_role_in(signal.organisation_id, Role.MANAGER))


def can_edit_signal_reference(principal: Principal) -> bool:
    """Analysts of the branch keep the signal categories and partners."""
    return principal.has_role(Role.ANALYST)
