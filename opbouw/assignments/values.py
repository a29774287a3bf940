"""An indicator's value as people read it: with its unit and sensible decimals.

Counts whole (16.415 contacten), hours with at most one decimal (12,5 uur), money with cents
(€ 22,50), shares as percentages (43%), other means with at most one decimal (7,5
rapportcijfer). Separators follow the active language (core/formats).
"""

from __future__ import annotations

from decimal import Decimal

from opbouw.assignments.models import Indicator
from opbouw.core.formats import DASH, money_text, number_text, short_number_text

MONEY_UNITS = {"euro", "eur", "€"}
HOUR_UNITS = {"uur", "uren"}


def number_for(indicator: Indicator, value: Decimal | float | int | None) -> str:
    """The number alone, rounded as the indicator's kind asks."""
    if value is None:
        return DASH
    unit = (indicator.unit or "").strip().lower()
    if unit in MONEY_UNITS:
        return money_text(Decimal(str(value))).replace(" ", "\N{NO-BREAK SPACE}", 1)
    if indicator.aggregation == Indicator.Aggregation.SHARE or unit == "%":
        return short_number_text(value, 1) + "%"
    if unit in HOUR_UNITS:
        return short_number_text(value, 1)
    if indicator.aggregation in (Indicator.Aggregation.COUNT, Indicator.Aggregation.SUM):
        return number_text(value, 0)
    return short_number_text(value, 1)


def value_text(indicator: Indicator, value: Decimal | float | int | None) -> str:
    """The number with its unit: 16.415 contacten, 12,5 uur, € 22,50, 43%."""
    text = number_for(indicator, value)
    unit = (indicator.unit or "").strip()
    if value is None or not unit or unit.lower() in MONEY_UNITS or unit == "%" \
            or indicator.aggregation == Indicator.Aggregation.SHARE:
        return text
    return f"{text}\N{NO-BREAK SPACE}{unit}"
