"""What a principal may see and do of accountability reports.

Providers' staff (workers, coaches, managers) see their organisation's reports and write the
stories; only a provider's manager submits. The commissioner sees a report once it has been
submitted (never a draft) and accepts or returns it. Everyone else: 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from opbouw.access.principal import Principal
from opbouw.access.roles import PEOPLE_VIEW_ROLES, Role
from opbouw.assignments import scopes as assignment_scopes
from opbouw.reports.models import Report


def reports(principal: Principal) -> QuerySet[Report]:
    qs = Report.objects.filter(assignment__in=assignment_scopes.assignments(principal))
    if principal.is_admin:
        return qs
    provider = Q(assignment__provider_id__in=principal.org_ids(*PEOPLE_VIEW_ROLES))
    commissioner = Q(assignment__commissioner_id__in=principal.org_ids(Role.COMMISSIONER)) & ~Q(
        status=Report.Status.DRAFT)
    return qs.filter(provider | commissioner)


def reportable_assignments(principal: Principal) -> QuerySet:
    """Assignments whose live report figures the principal may read: the visible ones that
    have left concept."""
    from opbouw.assignments.models import Assignment

    return assignment_scopes.assignments(principal).exclude(status=Assignment.Status.CONCEPT)


def is_provider_staff(principal: Principal, assignment) -> bool:
    return principal.has_role_in(assignment.provider_id, *PEOPLE_VIEW_ROLES)


def is_commissioner(principal: Principal, assignment) -> bool:
    return principal.has_role_in(assignment.commissioner_id, Role.COMMISSIONER)


def can_write(principal: Principal, report: Report) -> bool:
    """Start a report and write its stories: the provider's staff, while it is open."""
    return report.is_open and is_provider_staff(principal, report.assignment)


def can_start(principal: Principal, assignment) -> bool:
    return is_provider_staff(principal, assignment)


def can_submit(principal: Principal, report: Report) -> bool:
    return report.is_open and principal.has_role_in(report.assignment.provider_id, Role.MANAGER)


def can_decide(principal: Principal, report: Report) -> bool:
    return report.status == Report.Status.SUBMITTED and is_commissioner(
        principal, report.assignment)


def can_start_version(principal: Principal, report: Report) -> bool:
    return report.status == Report.Status.ACCEPTED and principal.has_role_in(
        report.assignment.provider_id, Role.MANAGER)
