"""Template helpers of the logbook."""

from __future__ import annotations

from decimal import Decimal

from django import template

from opbouw.core.formats import short_number_text

register = template.Library()


@register.filter
def hours(value: Decimal | int | None) -> str:
    """Hours as people write them: 1,5 and 2, not 1,50 and 2,00."""
    return short_number_text(value)
