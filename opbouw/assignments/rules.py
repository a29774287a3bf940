"""Shared validation rules of the assignments module."""

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
