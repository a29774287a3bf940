"""Reads of organisations and people, always through their scopes (scopes.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from opbouw.access.principal import Principal
from opbouw.access.shortcuts import get_visible_or_404
from opbouw.access.suppression import suppress_row
from opbouw.organisations import scopes
from opbouw.organisations.models import Organisation, WorkerProfile

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def organisation_list(principal: Principal, *, kind: str = "") -> list[Organisation]:
    """Visible organisations, each with ``worker_count`` (None where too small to show)."""
    qs = scopes.organisations(principal)
    if kind:
        qs = qs.filter(kind=kind)
    organisations = list(qs.order_by("kind", "name"))
    counts = worker_level_counts(principal, organisations)
    for org in organisations:
        org.worker_count = counts[org.pk].total
    return organisations


@dataclass(frozen=True)
class LevelCounts:
    """Workers of one organisation per SCW level 1-4, and in total; None = hidden."""

    levels: list[int | None]
    total: int | None
    exact: bool


def worker_level_counts(
    principal: Principal, organisations: list[Organisation]
) -> dict[int, LevelCounts]:
    """Workers per SCW level for each organisation, in one query.

    Exact for those who may see the organisation's people; for everyone else small
    cells are hidden so that no count can be worked out from the others.
    """
    per_org: dict[int, list[int]] = {org.pk: [0, 0, 0, 0] for org in organisations}
    rows = (
        scopes.worker_statistics(principal).filter(organisation__in=organisations)
        .values_list("organisation_id", "function").annotate(n=Count("pk"))
    )
    for org_id, function, n in rows:
        per_org[org_id][WorkerProfile.SCW_LEVELS[WorkerProfile.Function(function)] - 1] += n
    result = {}
    for org_id, levels in per_org.items():
        if scopes.can_see_people_of(principal, org_id):
            result[org_id] = LevelCounts(list(levels), sum(levels), exact=True)
        else:
            shown, total = suppress_row(levels)
            result[org_id] = LevelCounts(shown, total, exact=False)
    return result


def organisation_get(principal: Principal, pk: int) -> Organisation:
    """One visible organisation, or 404."""
    return get_visible_or_404(scopes.organisations(principal).prefetch_related("areas"), pk=pk)


def function_counts(principal: Principal,
                    organisation: Organisation) -> list[tuple[StrOrPromise, int]]:
    """Workers per function, for those who may see the organisation's people (else empty)."""
    if not scopes.can_see_people_of(principal, organisation.pk):
        return []
    rows = dict(
        scopes.worker_profiles(principal).filter(organisation=organisation)
        .values_list("function").annotate(n=Count("pk"))
    )
    return [(label, rows.get(value, 0)) for value, label in WorkerProfile.Function.choices]


def worker_profile_list(
    principal: Principal, *, organisation: Organisation | None = None, query: str = "",
    area: str = "", without_coach: bool = False,
) -> QuerySet:
    """Visible worker profiles, with what a team list shows, without a query per row."""
    qs = scopes.worker_profiles(principal).select_related("user", "organisation", "coach")
    qs = qs.prefetch_related("areas")
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    for word in query.split()[:5]:  # "Tarik de Wit": every word in first, last or user name
        qs = qs.filter(
            Q(user__first_name__icontains=word) | Q(user__last_name__icontains=word)
            | Q(user__username__icontains=word)
        )
    if without_coach:
        qs = qs.filter(coach__isnull=True)
    if area:
        qs = qs.filter(Q(areas__name__icontains=area) | Q(areas__code__iexact=area))
    return qs.order_by("user__last_name", "user__first_name").distinct()


def worker_profile_get(principal: Principal, pk: int) -> WorkerProfile:
    """One visible worker profile, or 404."""
    qs = scopes.worker_profiles(principal).select_related("user", "organisation", "coach")
    return get_visible_or_404(qs.prefetch_related("areas"), pk=pk)


def coachees(principal: Principal) -> QuerySet:
    """The workers the principal coaches."""
    return worker_profile_list(principal).filter(coach_id=principal.user_id)


def memberships_of(principal: Principal) -> QuerySet:
    """The principal's own memberships, for their account page."""
    return scopes.memberships(principal).filter(
        user_id=principal.user_id).select_related("organisation")


def own_worker_profile(principal: Principal) -> WorkerProfile | None:
    """The principal's own worker profile, if they have one."""
    return (
        scopes.worker_profiles(principal).select_related("organisation", "coach")
        .prefetch_related("areas").filter(user_id=principal.user_id).first()
    )

