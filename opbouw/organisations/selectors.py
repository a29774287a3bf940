"""Reads of organisations and people, always through the access layer's scopes."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from opbouw.access import scopes
from opbouw.access.principal import Principal
from opbouw.access.shortcuts import get_visible_or_404
from opbouw.organisations.models import Organisation, WorkerProfile


def organisation_list(principal: Principal, *, kind: str = "") -> QuerySet:
    """Visible organisations with the number of workers and members."""
    qs = scopes.organisations(principal).annotate(
        worker_count=Count("worker_profiles", distinct=True),
        member_count=Count("memberships__user", distinct=True),
    )
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("kind", "name")


def organisation_get(principal: Principal, pk: int) -> Organisation:
    """One visible organisation, or 404."""
    return get_visible_or_404(scopes.organisations(principal).prefetch_related("areas"), pk=pk)


def function_counts(
    principal: Principal, organisation: Organisation
) -> list[tuple[str, int | None]]:
    """Workers per function; small counts are hidden from people outside the organisation."""
    rows = dict(
        scopes.worker_statistics(principal).filter(organisation=organisation)
        .values_list("function").annotate(n=Count("pk"))
    )
    exact = scopes.can_see_people_of(principal, organisation.pk)
    return [
        (label, rows.get(value, 0) if exact else scopes.suppress_small(rows.get(value, 0)))
        for value, label in WorkerProfile.Function.choices
    ]


def worker_profile_list(
    principal: Principal, *, organisation: Organisation | None = None, query: str = "",
    area: str = "", without_coach: bool = False,
) -> QuerySet:
    """Visible worker profiles, with what a team list shows, without a query per row."""
    qs = scopes.worker_profiles(principal).select_related("user", "organisation", "coach")
    qs = qs.prefetch_related("areas")
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    if query:
        qs = qs.filter(
            Q(user__first_name__icontains=query) | Q(user__last_name__icontains=query)
            | Q(user__username__icontains=query)
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
    from opbouw.organisations.models import Membership

    return Membership.objects.filter(user_id=principal.user_id).select_related("organisation")

