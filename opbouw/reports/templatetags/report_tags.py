"""Filters of the report pages: the figures keep dates as ISO text."""

from __future__ import annotations

import datetime as dt

from django import template

from opbouw.core.formats import date_text

register = template.Library()


@register.filter
def isodate(value: str | None, style: str = "DATE_FORMAT") -> str:
    """An ISO date of the figures, written as the active language does."""
    if not value:
        return ""
    try:
        return date_text(dt.date.fromisoformat(str(value)[:10]), style)
    except ValueError:
        return ""


@register.filter
def verdict_label(verdict: str) -> str:
    from opbouw.reports.presentation import VERDICT_LABELS

    return str(VERDICT_LABELS.get(verdict, verdict))
