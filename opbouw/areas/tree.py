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


def ancestor_paths(path: str) -> list[str]:
    """The path itself and the paths of every area it lies within, top first."""
    parts = path.split("/")
    return ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]


def overlaps(path: str, roots: Iterable[str]) -> bool:
    """Whether the area at path is one of the roots, lies inside one or contains one."""
    return any(lies_within(path, [root]) or lies_within(root, [path]) for root in roots)


def overlap_q(roots: Iterable[str], field: str = "") -> Q:
    """A filter for areas (or objects with an area ``field``) that are one of the roots, lie
    inside one or contain one; none when there are no roots."""
    roots = set(roots)
    prefix = f"{field}__" if field else ""
    above = {path for root in roots for path in ancestor_paths(root)}
    return within_q(roots, field) | Q(**{f"{prefix}path__in": sorted(above)})
