"""Fetch one object through a scope: outside the scope is the same 404 as missing."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def get_visible_or_404(queryset: QuerySet[M], **lookup: Any) -> M:
    """Return the one object of a scoped queryset matching lookup, or raise Http404."""
    try:
        return queryset.get(**lookup)
    # django-stubs hide DoesNotExist on a generic model (typeddjango/django-stubs#1697).
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:  # type: ignore[attr-defined]
        raise Http404 from exc
