"""Template filters for indicator values (assignments/values.py)."""

from __future__ import annotations

from django import template

from opbouw.assignments.values import number_for, value_text

register = template.Library()


@register.filter
def with_unit(value, indicator) -> str:
    """``{{ p.value|with_unit:p.indicator }}``: 16.415 contacten, € 22,50, 43%."""
    return value_text(indicator, value)


@register.filter
def without_unit(value, indicator) -> str:
    """The number rounded as the indicator asks, without the unit (for tables)."""
    return number_for(indicator, value)
