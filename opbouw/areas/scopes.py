"""What a principal may see of areas: shared reference data, and commissioners' own areas."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from opbouw.access.principal import Principal
from opbouw.access.roles import Role
from opbouw.areas.models import Area
from opbouw.areas.tree import within_q


def areas(principal: Principal) -> QuerySet:
    """Areas are shared reference data: every signed-in user sees all of them."""
    if not principal.is_authenticated:
        return Area.objects.none()
    return Area.objects.all()


def area_condition(principal: Principal, field: str = "area") -> Q:
    """Objects whose area lies within (or is) a working area of the principal's commissioners."""
    paths = Area.objects.filter(
        organisations__in=principal.org_ids(Role.COMMISSIONER)).values_list("path", flat=True)
    return within_q(paths, field)
