"""What each role's home page shows, read through the access layer."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from opbouw.access.audit import audit_events
from opbouw.access.principal import Principal
from opbouw.access.roles import Role
from opbouw.accounts import scopes as account_scopes
from opbouw.areas import scopes as area_scopes
from opbouw.areas.tree import overlap_q
from opbouw.core.models import AuditEvent
from opbouw.organisations import scopes as org_scopes
from opbouw.organisations import selectors as org_selectors
from opbouw.organisations.models import Organisation


def worker_home(principal: Principal) -> dict[str, Any]:
    return {"profile": org_selectors.own_worker_profile(principal)}


def coach_home(principal: Principal) -> dict[str, Any]:
    return {
        "profile": org_selectors.own_worker_profile(principal),
        "coachees": list(org_selectors.coachees(principal)),
    }


def manager_home(principal: Principal) -> dict[str, Any]:
    orgs = list(org_scopes.organisations(principal).filter(pk__in=principal.org_ids(Role.MANAGER)))
    teams = []
    for org in orgs:
        profiles = org_scopes.worker_profiles(principal).filter(organisation=org)
        stats = profiles.aggregate(
            total=Count("pk"),
            without_coach=Count("pk", filter=Q(coach__isnull=True)),
        )
        without_area = profiles.annotate(n=Count("areas")).filter(n=0).count()
        teams.append({
            "organisation": org,
            "total": stats["total"],
            "without_coach": stats["without_coach"],
            "without_area": without_area,
            "functions": org_selectors.function_counts(principal, org),
        })
    return {"teams": teams, "report_tiles": _report_tiles(principal)}


def _report_tiles(principal: Principal) -> list[dict[str, Any]]:
    """The assignments as tiles: verdicts and the state of their report (if installed)."""
    from django.apps import apps

    if not apps.is_installed("opbouw.reports"):
        return []
    from opbouw.reports.selectors import tiles

    return tiles(principal)


def analyst_home(principal: Principal) -> dict[str, Any]:
    """Providers with workers per SCW level; small cells hidden (see suppress_row)."""
    providers = list(
        org_scopes.organisations(principal).filter(kind=Organisation.Kind.PROVIDER)
        .order_by("short_name")
    )
    counts = org_selectors.worker_level_counts(principal, providers)
    rows = [{"organisation": org, "levels": counts[org.pk].levels, "total": counts[org.pk].total}
            for org in providers]
    return {"provider_rows": rows, "min_cell": settings.OPBOUW_MIN_CELL_SIZE}


def commissioner_home(principal: Principal) -> dict[str, Any]:
    orgs = org_scopes.organisations(principal).filter(
        pk__in=principal.org_ids(Role.COMMISSIONER)
    ).prefetch_related("areas")
    areas = list(
        area_scopes.areas(principal).filter(organisations__in=orgs).distinct().order_by("path")
    )
    # A provider works in a commissioner's area when its own working area lies inside it,
    # is that area, or contains it (a city-wide provider works in every district).
    works_there = overlap_q([area.path for area in areas], "areas")
    providers = (
        org_scopes.organisations(principal).filter(kind=Organisation.Kind.PROVIDER)
        .filter(works_there).distinct().order_by("name")
    )
    return {"commissioner_orgs": list(orgs), "areas": list(areas), "providers": list(providers),
            "report_tiles": _report_tiles(principal)}


def admin_home(principal: Principal) -> dict[str, Any]:
    return {
        "user_count": account_scopes.users(principal).filter(is_active=True).count(),
        "organisation_count": org_scopes.organisations(principal).count(),
        "area_count": area_scopes.areas(principal).count(),
        "recent_events": list(audit_events(principal).select_related("actor")[:8]),
        "users_without_membership": account_scopes.users(principal)
        .filter(is_active=True, memberships__isnull=True).count(),
    }


def audit_event_list(principal: Principal, *, action: str = "", who: str = "") -> QuerySet:
    """Audit events the principal may read, filtered by action and by who acted."""
    events = audit_events(principal).select_related("actor")
    if action in AuditEvent.Action.values:
        events = events.filter(action=action)
    if who:
        events = events.filter(actor_name__icontains=who)
    return events


HOME_SELECTORS = {
    Role.WORKER: worker_home,
    Role.COACH: coach_home,
    Role.MANAGER: manager_home,
    Role.ANALYST: analyst_home,
    Role.COMMISSIONER: commissioner_home,
    Role.ADMIN: admin_home,
}


def home_for(principal: Principal) -> tuple[str | None, dict[str, Any]]:
    """The role whose home page the principal gets, and what it shows."""
    role = principal.primary_role
    if role is None:
        return None, {}
    return role, HOME_SELECTORS[Role(role)](principal)

