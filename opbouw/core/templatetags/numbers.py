"""Template filters for numbers, so every page writes them alike (core/formats).

``{% load numbers %}``: ``count`` (whole, grouped: 24.280), ``decimal`` (at most n decimals,
grouped: 22,9), ``hours`` (at most one decimal: 1.206,5), ``money`` (€ with cents:
€ 16.415,20), ``percent`` (a share 0..100 as 43%). Years and ids stay as they are.
"""

from __future__ import annotations

from decimal import Decimal

from django import template

from opbouw.core.formats import DASH, money_text, number_text, short_number_text

register = template.Library()

Number = Decimal | float | int | None


@register.filter
def count(value: Number) -> str:
    """A whole number with grouping: 24.280 (1,206 in English); a dash for none."""
    return DASH if value is None or value == "" else number_text(value, 0)


@register.filter
def decimal(value: Number, places: int = 2) -> str:
    """A number with at most places decimals, grouped: 22,87 and 1.206 (not 1206,00)."""
    return DASH if value is None or value == "" else short_number_text(value, int(places))


@register.filter
def hours(value: Number) -> str:
    """Hours with at most one decimal, grouped: 5.970 and 12,5."""
    return DASH if value is None or value == "" else short_number_text(value, 1)


@register.filter
def money(value: Number) -> str:
    """An amount in euros with cents: € 16.415,20."""
    if value is None or value == "":
        return DASH
    # A no-break space keeps the sign with its amount at the end of a line.
    return money_text(Decimal(str(value)) if isinstance(value, float) else value).replace(
        " ", "\N{NO-BREAK SPACE}", 1)


@register.filter
def percent(value: Number) -> str:
    """A percentage (already 0..100), whole: 43%."""
    return DASH if value is None or value == "" else f"{number_text(value, 0)}%"


@register.filter
def times(value: Number) -> str:
    """A percentage as a multiple: 433 becomes 4,3 (keer)."""
    return DASH if value is None or value == "" else short_number_text(
        Decimal(str(value)) / 100, 1)


@register.filter
def axis_ticks(bounds: tuple, share: bool = False) -> list[str]:
    """The values under a bar chart: its start, middle and end (``(0, 4)`` → 0, 2, 4)."""
    low, high = (float(b) for b in bounds)
    suffix = "%" if share else ""
    return [short_number_text(v, 1) + suffix for v in (low, (low + high) / 2, high)]


@register.filter
def upto(maximum: float | int) -> tuple:
    """``max_level|upto|axis_ticks``: a chart that starts at 0."""
    return (0, maximum)
