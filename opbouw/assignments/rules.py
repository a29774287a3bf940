"""Shared validation rules and Dutch display formats of the assignments module."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Sane maxima: larger numbers are typing errors, not assignments.
MAX_BUDGET = Decimal("50000000")  # fifty million euro
MAX_HOURS = Decimal("1000000")
MAX_VALUE = Decimal("1000000000")
MAX_YEARS = 10
FIRST_YEAR, LAST_YEAR = 2000, 2100


def date_text(value: dt.date | None) -> str:
    return f"{value.day}-{value.month}-{value.year}" if value else "–"


def number_text(value: Decimal | int | None, places: int = 0) -> str:
    """A number the Dutch way: 1.234,5."""
    if value is None:
        return "–"
    text = f"{Decimal(value):,.{places}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def money_text(value: Decimal | None) -> str:
    return "–" if value is None else "€ " + number_text(value, 2)


def within(area: Any, paths: set[str]) -> bool:
    """Whether area is one of the areas with these paths or lies in one of them."""
    return any(area.path == p or area.path.startswith(p + "/") for p in paths)


def related(area: Any, other: Any) -> bool:
    """Whether two areas are the same or one lies in the other."""
    return within(area, {other.path}) or within(other, {area.path})


def period_errors(starts_on: dt.date | None, ends_on: dt.date | None,
                   errors: dict[str, list]) -> None:
    if starts_on is None:
        errors.setdefault("starts_on", []).append(_("Vul een begindatum in."))
    elif not FIRST_YEAR <= starts_on.year <= LAST_YEAR:
        errors.setdefault("starts_on", []).append(
            _("Kies een datum tussen %(a)s en %(b)s.") % {"a": FIRST_YEAR, "b": LAST_YEAR})
    if ends_on is None:
        errors.setdefault("ends_on", []).append(_("Vul een einddatum in."))
    elif not FIRST_YEAR <= ends_on.year <= LAST_YEAR:
        errors.setdefault("ends_on", []).append(
            _("Kies een datum tussen %(a)s en %(b)s.") % {"a": FIRST_YEAR, "b": LAST_YEAR})
    if starts_on and ends_on and ends_on < starts_on:
        errors.setdefault("ends_on", []).append(_("De einddatum ligt voor de begindatum."))


def raise_errors(errors: dict[str, list]) -> None:
    if any(errors.values()):
        raise ValidationError({k: v for k, v in errors.items() if v})


def commissioner_paths(commissioner: Any) -> set[str]:
    return set(commissioner.areas.values_list("path", flat=True))
