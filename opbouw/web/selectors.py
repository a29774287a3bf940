"""What each role's home page shows, read through the access layer."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count, Q

from opbouw.access import scopes
from opbouw.access.principal import Principal
from opbouw.access.roles import Role
from opbouw.organisations import selectors as org_selectors
from opbouw.organisations.models import Organisation, WorkerProfile


def _own_profile(principal: Principal) -> WorkerProfile | None:
    return (
        scopes.worker_profiles(principal)
        .select_related("organisation", "coach")
        .prefetch_related("areas")
        .filter(user_id=principal.user_id)
        .first()
    )


def worker_home(principal: Principal) -> dict[str, Any]:
    return {"profile": _own_profile(principal)}


def coach_home(principal: Principal) -> dict[str, Any]:
    return {"profile": _own_profile(principal), "coachees": list(org_selectors.coachees(principal))}


def manager_home(principal: Principal) -> dict[str, Any]:
    orgs = list(scopes.organisations(principal).filter(pk__in=principal.org_ids(Role.MANAGER)))
    teams = []
    for org in orgs:
        profiles = scopes.worker_profiles(principal).filter(organisation=org)
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
    return {"teams": teams}


def analyst_home(principal: Principal) -> dict[str, Any]:
    """Providers with workers per SCW level; cells under the minimum size are hidden."""
    providers = scopes.organisations(principal).filter(kind=Organisation.Kind.PROVIDER)
    level_of = WorkerProfile.SCW_LEVELS
    rows = []
    counts = (
        scopes.worker_statistics(principal).filter(organisation__in=providers)
        .values_list("organisation_id", "function").annotate(n=Count("pk"))
    )
    per_org: dict[int, dict[int, int]] = {}
    for org_id, function, n in counts:
        level = level_of[WorkerProfile.Function(function)]
        per_org.setdefault(org_id, {}).setdefault(level, 0)
        per_org[org_id][level] += n
    for org in providers.order_by("short_name"):
        levels = per_org.get(org.pk, {})
        total = sum(levels.values())
        rows.append({
            "organisation": org,
            "levels": [scopes.suppress_small(levels.get(level, 0)) for level in (1, 2, 3, 4)],
            "total": scopes.suppress_small(total),
        })
    return {"provider_rows": rows, "min_cell": settings.OPBOUW_MIN_CELL_SIZE}


def commissioner_home(principal: Principal) -> dict[str, Any]:
    orgs = scopes.organisations(principal).filter(
        pk__in=principal.org_ids(Role.COMMISSIONER)
    ).prefetch_related("areas")
    areas = scopes.areas(principal).filter(organisations__in=orgs).distinct().order_by("path")
    area_codes = set()
    for area in areas:
        area_codes.update(area.path.split("/"))
    providers = (
        scopes.organisations(principal).filter(kind=Organisation.Kind.PROVIDER)
        .filter(Q(areas__code__in=area_codes) | Q(areas__parent__code__in=area_codes))
        .distinct().order_by("name")
    )
    return {"commissioner_orgs": list(orgs), "areas": list(areas), "providers": list(providers)}


def admin_home(principal: Principal) -> dict[str, Any]:
    return {
        "user_count": scopes.users(principal).filter(is_active=True).count(),
        "organisation_count": scopes.organisations(principal).count(),
        "area_count": scopes.areas(principal).count(),
        "recent_events": list(scopes.audit_events(principal).select_related("actor")[:8]),
        "users_without_membership": scopes.users(principal)
        .filter(is_active=True, memberships__isnull=True).count(),
    }


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

