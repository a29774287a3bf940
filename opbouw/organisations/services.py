"""Writes to organisations, memberships and worker profiles."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opbouw.access.actor import Actor
from opbouw.access.roles import Role
from opbouw.core.audit import Action, audit_record, changed_fields
from opbouw.organisations.models import Membership, Organisation, WorkerProfile


def _snapshot(profile: WorkerProfile) -> dict[str, Any]:
    return {
        "function": profile.function,
        "coach": profile.coach_id,
        "hours_per_week": profile.hours_per_week,
        "areas": sorted(profile.areas.values_list("pk", flat=True)) if profile.pk else [],
    }


def _validate_coach(*, organisation: Organisation, user: Any, coach: Any) -> None:
    if coach is None:
        return
    if coach.pk == user.pk:
        raise ValidationError(
            {"coach": _("Een medewerker kan niet zijn of haar eigen coach zijn.")})
    if WorkerProfile.objects.filter(user=coach, coach=user).exists():
        raise ValidationError({"coach": _(
            "%(coach)s wordt zelf door deze medewerker gecoacht; kies een andere coach.")
            % {"coach": coach}})
    if not Membership.objects.filter(
        user=coach, organisation=organisation, role=Role.COACH
    ).exists():
        raise ValidationError(
            {"coach": _("Kies een coach van %(org)s.") % {"org": organisation.short_name}}
        )


def _validate_areas(*, profile: WorkerProfile, areas: list[Any]) -> None:
    """Working areas are neighbourhoods inside the organisation's own working area
    (anywhere, if it has none); areas the worker already has may stay."""
    from opbouw.areas.models import Area
    from opbouw.areas.tree import lies_within

    roots = list(profile.organisation.areas.values_list("path", flat=True))
    current = set(profile.areas.values_list("pk", flat=True)) if profile.pk else set()
    wrong = [
        area for area in areas
        if area.pk not in current and (
            area.level not in (Area.Level.NEIGHBOURHOOD, Area.Level.SUBNEIGHBOURHOOD)
            or (roots and not lies_within(area.path, roots))
        )
    ]
    if wrong:
        raise ValidationError({"areas": _(
            "%(names)s ligt niet in het werkgebied van %(org)s; kies wijken daarbinnen."
        ) % {"names": ", ".join(a.name for a in wrong), "org": profile.organisation.short_name}})


@transaction.atomic
def worker_profile_update(
    *,
    actor: Actor,
    profile: WorkerProfile,
    function: str,
    coach: Any | None,
    areas: Iterable[Any],
    hours_per_week: Decimal | None,
) -> WorkerProfile:
    """Change a worker's function, coach, working areas and hours; audit the change."""
    areas = list(areas)
    _validate_coach(organisation=profile.organisation, user=profile.user, coach=coach)
    _validate_areas(profile=profile, areas=areas)
    before = _snapshot(profile)
    profile.function = function
    profile.coach = coach
    profile.hours_per_week = hours_per_week
    profile.full_clean(exclude=["user", "organisation"])
    profile.save()
    profile.areas.set(areas)
    fields = changed_fields(before, _snapshot(profile))
    if fields:
        audit_record(action=Action.UPDATE, actor=actor.user, ip=actor.ip, obj=profile,
                     fields=fields)
    return profile
