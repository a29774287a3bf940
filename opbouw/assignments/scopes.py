"""What a principal may see and do of assignments and neighbourhood action plans.

Providers' staff see their organisation's assignments; commissioners the assignments they
commission. Analysts work with aggregates in the reports, not here.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from opbouw.access.principal import Principal
from opbouw.access.roles import PEOPLE_VIEW_ROLES, Role
from opbouw.assignments.models import ActionPlan, Assignment
from opbouw.organisations.models import Organisation


def commissioning_organisations(principal: Principal) -> QuerySet:
    """Commissioner organisations in whose name the principal may write WAPs and assignments."""
    qs = Organisation.objects.filter(kind=Organisation.Kind.COMMISSIONER, is_active=True)
    if principal.is_admin:
        return qs
    return qs.filter(pk__in=principal.org_ids(Role.COMMISSIONER))


def assignments(principal: Principal) -> QuerySet:
    """Commissioners their own assignments; providers' staff their organisation's.

    Workers and coaches do not see concepts; managers do, to prepare them.
    """
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
    return Assignment.objects.filter(
        status=Assignment.Status.RUNNING,
        provider_id__in=principal.org_ids(*PEOPLE_VIEW_ROLES),
    )


def action_plans(principal: Principal) -> QuerySet:
    """Neighbourhood action plans are public policy: every signed-in user reads them."""
    if not principal.is_authenticated:
        return ActionPlan.objects.none()
    return ActionPlan.objects.all()


def can_edit_action_plan(principal: Principal, plan) -> bool:
    return principal.has_role_in(plan.commissioner_id, Role.COMMISSIONER)
