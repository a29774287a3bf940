"""Fetch one object through a scope: outside the scope is the same 404 as missing."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.http import Http404


def get_visible_or_404(queryset: QuerySet, **lookup: Any) -> Model:
    """Return the one object of a scoped queryset matching lookup, or raise Http404."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
