"""What a principal may see of organisations and their people.

Organisations are public within Opbouw; the people inside them are scoped: colleagues
see each other, a coach their coachees, admins everyone; analysts and commissioners see
no individual workers, only counts (shown through ``access.suppression.suppress_row``).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from opbouw.access.principal import Principal
from opbouw.access.roles import PEOPLE_VIEW_ROLES, Role
from opbouw.organisations.models import Membership, Organisation, WorkerProfile


def organisations(principal: Principal) -> QuerySet:
    """Organisations are public within Opbouw: who works where is no secret.

    Signed-in users see every active organisation (admins also inactive ones); the
    people inside an organisation are scoped separately (``worker_profiles``).
    """
    qs = Organisation.objects.all()
    if principal.is_admin:
        return qs
    if not principal.is_authenticated:
        return qs.none()
    return qs.filter(is_active=True)


def worker_profiles(principal: Principal) -> QuerySet:
    """Worker profiles the principal may open.

    Admins see all; members of a provider see their colleagues; coaches also
    their coachees elsewhere. Analysts and commissioners see no individual workers.
    """
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
    if not principal.is_authenticated:
        return WorkerProfile.objects.none()
    return WorkerProfile.objects.filter(organisation__in=organisations(principal))


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
    qs = Membership.objects.all()
    if principal.is_admin:
        return qs
    # user_id is None exactly when the principal is not signed in.
    return qs.filter(user_id=principal.user_id) if principal.user_id is not None else qs.none()


def own_and_coachees(principal: Principal, field: str) -> Q:
    """Rows whose ``field`` (a user id) is the principal or one of their coachees."""
    coachees = WorkerProfile.objects.filter(coach_id=principal.user_id).values("user_id")
    return Q(**{field: principal.user_id}) | Q(**{f"{field}__in": coachees})
