"""The one rule for "this area lies within those": by stored path, the area itself included."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q


def lies_within(path: str, roots: Iterable[str]) -> bool:
    """Whether the area at path is one of the roots or lies inside one."""
    return any(path == root or path.startswith(f"{root}/") for root in roots)


def within_q(roots: Iterable[str], field: str = "") -> Q:
    """A filter for areas (or objects with an area ``field``) at or below the roots; none
    when there are no roots."""
    prefix = f"{field}__" if field else ""
    condition = Q(pk__in=[])
    for root in set(roots):
        condition |= Q(**{f"{prefix}path": root}) | Q(**{f"{prefix}path__startswith": f"{root}/"})
    return condition
