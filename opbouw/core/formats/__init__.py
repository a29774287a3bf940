"""Numbers and dates as the active language writes them, through Django's localisation.

``FORMAT_MODULE_PATH`` points here: ``nl/formats.py`` and ``en/formats.py`` add the date
styles the pages use besides Django's own (``DATE_FORMAT``: 5 maart 2026,
``SHORT_DATE_FORMAT``: 5-3-2026) and give English its British forms. Templates name a style
(``{{ d|date:"MEDIUM_DATE_FORMAT" }}``); Python code calls the helpers below. Separators
come from Django's locale: 1.234,5 in Dutch, 1,234.5 in English. CSV exports keep the Dutch
decimal comma on their own (core/exports.py).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format, number_format

DASH = "–"


def number_text(value: Decimal | float | int | None, places: int = 0) -> str:
    """A number rounded to places, with grouping: 1.234,5 in Dutch, 1,234.5 in English."""
    if value is None:
        return DASH
    # number_format cuts digits off instead of rounding, so round first.
    rounded = round(Decimal(str(value)) if isinstance(value, float) else Decimal(value), places)
    return number_format(rounded, decimal_pos=places, force_grouping=True)


def money_text(value: Decimal | int | None) -> str:
    """An amount in euros with cents: € 1.234,50 in Dutch, € 1,234.50 in English."""
    return DASH if value is None else "€ " + number_text(value, 2)


def date_text(value: dt.date | dt.datetime | None, style: str = "SHORT_DATE_FORMAT") -> str:
    """A date (or a moment, in local time) in a named style of the active language."""
    if value is None:
        return DASH
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, style)


def short_number_text(value: Decimal | float | int | None, places: int = 2, *,
                      grouping: bool = True) -> str:
    """A number with at most places decimals, as people write it: 1,5 and 2, not 1,50 and
    2,00 (in English 1.5 and 2); empty for none. Without grouping for a form's input."""
    if value is None:
        return ""
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    number = number.quantize(Decimal(1).scaleb(-places)).normalize()
    exponent = number.as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return number_format(number, decimal_pos=decimals, force_grouping=grouping,
                         use_l10n=True)
