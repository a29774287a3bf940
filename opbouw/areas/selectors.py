"""Reads of the area tree, through the access layer."""

from __future__ import annotations

import re

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from opbouw.access.principal import Principal
from opbouw.access.shortcuts import get_visible_or_404
from opbouw.areas import scopes
from opbouw.areas.models import Area
from opbouw.areas.tree import ancestor_paths, within_q
from opbouw.organisations import scopes as org_scopes


def area_roots(principal: Principal) -> QuerySet:
    """Municipalities, with the number of areas directly below them."""
    return scopes.areas(principal).filter(parent__isnull=True).annotate(
        child_count=Count("children")
    )


_CODE = re.compile(r"[A-Za-z0-9]{1,12}", re.ASCII)


def area_get(principal: Principal, code: str) -> Area:
    """One visible area by code, or 404 (also for text that cannot be a code)."""
    if not _CODE.fullmatch(code):
        raise Http404
    return get_visible_or_404(scopes.areas(principal).select_related("parent"), code=code.upper())


def area_children(principal: Principal, area: Area) -> QuerySet:
    """Areas directly below area, with their own number of children."""
    return scopes.areas(principal).filter(parent=area).annotate(
        child_count=Count("children")
    ).order_by("name")


def area_ancestors(principal: Principal, area: Area) -> list[Area]:
    """The areas above area, from the root down (one query, via the stored path)."""
    codes = area.path.split("/")[:-1]
    by_code = {a.code: a for a in scopes.areas(principal).filter(code__in=codes)}
    return [by_code[c] for c in codes if c in by_code]


def area_search(principal: Principal, query: str) -> QuerySet:
    """Areas whose name or code contains query."""
    return scopes.areas(principal).filter(
        Q(name__icontains=query) | Q(code__icontains=query)
    ).select_related("parent").order_by("path")[:50]


def organisations_in_area(principal: Principal, area: Area) -> QuerySet:
    """Visible organisations whose working area is this area or one that contains it."""
    return org_scopes.organisations(principal).filter(
        areas__path__in=ancestor_paths(area.path)).distinct()


def area_choices(principal: Principal) -> QuerySet:
    """Districts and neighbourhoods to pick as working areas."""
    return scopes.areas(principal).filter(
        level__in=[Area.Level.DISTRICT, Area.Level.NEIGHBOURHOOD, Area.Level.SUBNEIGHBOURHOOD]
    ).order_by("path")


def working_area_choices(principal: Principal, organisation, current=()) -> QuerySet:
    """Neighbourhoods a worker of organisation can work in: those inside the organisation's
    own working area (all, if it has none), plus the worker's current areas."""
    roots = list(organisation.areas.values_list("path", flat=True))
    qs = scopes.areas(principal).filter(
        level__in=[Area.Level.NEIGHBOURHOOD, Area.Level.SUBNEIGHBOURHOOD]
    )
    if roots:
        qs = qs.filter(within_q(roots) | Q(pk__in=[a.pk for a in current]))
    return qs.select_related("parent").order_by("parent__name", "name")
