"""Querysets scoped to what a principal may see: one function per kind of object.

Every view, API endpoint, report and export asks these functions; none filters by
organisation or role on its own. An object outside the scope answers 404, exactly
like a missing one.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from opbouw.access.principal import Principal
from opbouw.access.roles import PEOPLE_VIEW_ROLES, Role


def organisations(principal: Principal) -> QuerySet:
    """Organisations are public within Opbouw: who works where is no secret.

    Signed-in users see every active organisation (admins also inactive ones); the
    people inside an organisation are scoped separately (``worker_profiles``).
    """
    from opbouw.organisations.models import Organisation

    qs = Organisation.objects.all()
    if principal.is_admin:
        return qs
    if not principal.is_authenticated:
        return qs.none()
    return qs.filter(is_active=True)


def areas(principal: Principal) -> QuerySet:
    """Areas are shared reference data: every signed-in user sees all of them."""
    from opbouw.areas.models import Area

    if not principal.is_authenticated:
        return Area.objects.none()
    return Area.objects.all()


def worker_profiles(principal: Principal) -> QuerySet:
    """Worker profiles the principal may open.

    Admins see all; members of a provider see their colleagues; coaches also
    their coachees elsewhere. Analysts and commissioners see no individual workers.
    """
    from opbouw.organisations.models import WorkerProfile

    qs = WorkerProfile.objects.all()
    if principal.is_admin:
        return qs
    if not principal.is_authenticated:
        return qs.none()
    condition = Q(organisation_id__in=principal.org_ids(*PEOPLE_VIEW_ROLES))
    condition |= Q(coach_id=principal.user_id) | Q(user_id=principal.user_id)
    return qs.filter(condition)


def worker_statistics(principal: Principal) -> QuerySet:
    """Worker profiles to count, never to list: every signed-in user may see aggregates.

    Callers show the counts through ``suppress_row`` unless ``can_see_people_of``
    the organisation concerned.
    """
    from opbouw.organisations.models import WorkerProfile

    if not principal.is_authenticated:
        return WorkerProfile.objects.none()
    return WorkerProfile.objects.filter(organisation__in=organisations(principal))


def suppress_row(counts: list[int]) -> tuple[list[int | None], int | None]:
    """Hide small cells of a row of counts and its total (None = hidden).

    Cells below the minimum cell size are hidden. Because the total is shown, one hidden
    cell could be worked out by subtraction, and hidden cells that add up to less than the
    minimum still give a small number away; so more cells are hidden, smallest first.
    """
    from django.conf import settings

    minimum = settings.OPBOUW_MIN_CELL_SIZE
    total = sum(counts)
    if total < minimum:
        return [None] * len(counts), None
    hidden = {i for i, n in enumerate(counts) if n < minimum}
    shown = sorted((i for i in range(len(counts)) if i not in hidden), key=lambda i: counts[i])
    while hidden and shown and (len(hidden) == 1 or sum(counts[i] for i in hidden) < minimum):
        hidden.add(shown.pop(0))
    return [None if i in hidden else n for i, n in enumerate(counts)], total


def can_edit_worker_profile(principal: Principal, profile) -> bool:
    """Managers of the worker's organisation and admins may change a worker profile."""
    return principal.is_admin or principal.has_role_in(profile.organisation_id, Role.MANAGER)


def can_see_work_details(principal: Principal, profile) -> bool:
    """Contract hours and such: the worker, their coach, their managers and admins."""
    return (
        profile.user_id == principal.user_id
        or (profile.coach_id is not None and profile.coach_id == principal.user_id)
        or can_edit_worker_profile(principal, profile)
    )


def can_see_people_of(principal: Principal, organisation_id: int) -> bool:
    """Whether the principal may list the individual people of an organisation."""
    return principal.is_admin or principal.has_role_in(organisation_id, *PEOPLE_VIEW_ROLES)


def users(principal: Principal) -> QuerySet:
    """User accounts the principal may see: admins all, others themselves."""
    qs = get_user_model().objects.all()
    if principal.is_admin:
        return qs
    return qs.filter(pk=principal.user_id) if principal.is_authenticated else qs.none()


def coach_candidates(principal: Principal, organisation_id: int) -> QuerySet:
    """Users who may coach workers of an organisation: its members with the coach role.

    Only for those who may assign coaches there (managers of the organisation, admins).
    """
    if not (principal.is_admin or principal.has_role_in(organisation_id, Role.MANAGER)):
        return get_user_model().objects.none()
    return get_user_model().objects.filter(
        memberships__organisation_id=organisation_id, memberships__role=Role.COACH,
    ).distinct()


def memberships(principal: Principal) -> QuerySet:
    """Memberships the principal may see: admins all, everyone else their own."""
    from opbouw.organisations.models import Membership

    qs = Membership.objects.all()
    if principal.is_admin:
        return qs
    return qs.filter(user_id=principal.user_id) if principal.is_authenticated else qs.none()


def audit_events(principal: Principal) -> QuerySet:
    """The audit log is for admins only."""
    from opbouw.core.models import AuditEvent

    return AuditEvent.objects.all() if principal.is_admin else AuditEvent.objects.none()
