"""Template helpers of the logbook."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def hours(value: Decimal | int | None) -> str:
    """Hours as people write them: 1,5 and 2, not 1,50 and 2,00."""
    if value is None:
        return ""
    value = Decimal(value).quantize(Decimal("0.01")).normalize()
    places = max(0, -value.as_tuple().exponent)
    return number_format(value, decimal_pos=places, force_grouping=True)
