"""Shared validation rules of the assignments module."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Sum
from django.utils.translation import gettext as _

from opbouw.core.formats import money_text, number_text, short_number_text

# Sane maxima: larger numbers are typing errors, not assignments.
MAX_BUDGET = Decimal("50000000")  # fifty million euro
MAX_HOURS = Decimal("1000000")
MAX_VALUE = Decimal("1000000000")
MAX_HOURLY_RATE = Decimal("1000")  # euro per hour
MAX_UNIT_PRICE = Decimal("1000000")  # euro per unit of a product
MAX_QUANTITY = 100000  # units of one product
CENT = Decimal("0.01")
MONEY = ("agreed_hours", "hourly_rate", "budget")  # where an over-budget message goes, first
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


def money_errors(values: dict[str, Any], errors: dict[str, list]) -> None:
    """Budget, agreed hours and hourly rate each within their bounds (a rate may be None)."""
    budget, hours, rate = values["budget"], values["agreed_hours"], values.get("hourly_rate")
    if budget is None:
        errors["budget"] = [_("Vul het budget in (0 mag).")]
    elif budget < 0:
        errors["budget"] = [_("Het budget kan niet negatief zijn.")]
    elif budget > MAX_BUDGET:
        errors["budget"] = [_("Het budget is hoogstens %(max)s; klopt het bedrag?")
                            % {"max": money_text(MAX_BUDGET)}]
    if hours is None or hours <= 0:
        errors["agreed_hours"] = [_("Vul het aantal afgesproken uren in (meer dan 0).")]
    elif hours > MAX_HOURS:
        errors["agreed_hours"] = [_("Hoogstens %(max)s uur; klopt het aantal?")
                                  % {"max": number_text(MAX_HOURS)}]
    if rate is not None and rate < 0:
        errors["hourly_rate"] = [_("Het uurtarief kan niet negatief zijn.")]
    elif rate is not None and rate > MAX_HOURLY_RATE:
        errors["hourly_rate"] = [_("Het uurtarief is hoogstens %(max)s; klopt het bedrag?")
                                 % {"max": money_text(MAX_HOURLY_RATE)}]


def products_amount(products: Any, *, without: Any = None) -> Decimal:
    """The agreed amount of the products (a queryset): quantity x unit price, summed;
    ``without`` leaves one product out (the one being changed)."""
    if without is not None and without.pk is not None:
        products = products.exclude(pk=without.pk)
    total = products.aggregate(total=Sum(F("unit_price") * F("agreed_quantity")))["total"]
    return Decimal(total or 0).quantize(CENT)


def agreed_total(hours: Decimal | None, rate: Decimal | None, products: Decimal) -> Decimal:
    """Agreed hours x hourly rate plus the products: what the agreements cost in all."""
    return ((hours or 0) * (rate or 0) + products).quantize(CENT)


def over_budget_error(*, budget: Decimal | None, hours: Decimal | None, rate: Decimal | None,
                      products: Decimal) -> str | None:
    """A Dutch message when the agreed hours at the rate plus the products cost more than
    the budget; None when they fit."""
    if budget is None:
        return None
    total = agreed_total(hours, rate, products)
    if total <= budget:
        return None
    return _("Afgesproken uren × uurtarief plus de producten komt op %(total)s "
             "(%(hours)s uur × %(rate)s + %(products)s); dat is meer dan het budget van "
             "%(budget)s. Verhoog het budget of verlaag de uren, het uurtarief of de "
             "producten.") % {"total": money_text(total),
                              "hours": short_number_text(hours or 0, 1),
                              "rate": money_text(rate or 0), "products": money_text(products),
                              "budget": money_text(budget)}


def kept_rate(assignment: Any, budget: Decimal | None, hours: Decimal | None,
              ) -> Decimal | None:
    """The rate when none is given: the assignment's own, else budget / hours rounded down
    to the cent (so the hours never cost more than the budget)."""
    if assignment is not None and assignment.hourly_rate is not None:
        return assignment.hourly_rate
    if budget is None or not hours or hours <= 0 or budget < 0:
        return None
    return (budget / hours).quantize(Decimal("0.01"), ROUND_DOWN)


def budget_errors(values: dict[str, Any], assignment: Any, changes: dict[str, list],
                  errors: dict[str, list]) -> None:
    """Refuse agreed hours x rate plus products above the budget, on the field that changed;
    an assignment whose money did not change is not held to it."""
    if any(errors.get(name) for name in MONEY) or (
            assignment is not None and not any(name in changes for name in MONEY)):
        return
    products = products_amount(assignment.products.all()) if assignment is not None \
        else Decimal(0)
    message = over_budget_error(budget=values["budget"], hours=values["agreed_hours"],
                                rate=values["hourly_rate"], products=products)
    if message:
        field = next((name for name in MONEY if name in changes), "budget")
        errors.setdefault(field, []).append(message)
