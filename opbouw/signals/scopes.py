"""What a principal may see and do of signals.

Workers see the signals they reported, coaches also their coachees', managers their whole
organisation's; commissioners those in their own areas and on their assignments, without
the reporter's name.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from opbouw.access.principal import Principal
from opbouw.access.roles import PEOPLE_VIEW_ROLES, Role
from opbouw.areas import scopes as area_scopes
from opbouw.organisations import scopes as org_scopes
from opbouw.organisations.models import WorkerProfile
from opbouw.signals.models import Signal


def signals(principal: Principal) -> QuerySet:
    """Signals: own, coachees', the organisation's for managers, own areas for commissioners."""
    qs = Signal.objects.all()
    if principal.is_admin:
        return qs
    if not principal.is_authenticated:
        return qs.none()
    condition = org_scopes.own_and_coachees(principal, "reported_by_id")
    condition |= Q(organisation_id__in=principal.org_ids(Role.MANAGER))
    if principal.has_role(Role.COMMISSIONER):
        condition |= area_scopes.area_condition(principal)
        condition |= Q(assignment__commissioner_id__in=principal.org_ids(Role.COMMISSIONER))
    return qs.filter(condition)


def can_see_reporters(principal: Principal, organisation_id: int) -> bool:
    """Who reported a signal is a worker's personal data: only their own organisation sees it."""
    return principal.is_admin or principal.has_role_in(organisation_id, *PEOPLE_VIEW_ROLES)


def can_follow_up_signal(principal: Principal, signal) -> bool:
    """The reporter, their coach and the organisation's managers keep the history."""
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
