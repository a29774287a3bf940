"""Reads of an assignment's price: the agreed hours at the hourly rate and the products at
their unit price, agreed (pro rata for a period) against realised (from the logbook).

Periods are clipped to the assignment's term; "pro rata" is by days of the term, both ends
included. Products are counted by the logbook's registered counter
(``indicators.product_counts``), so this app never imports the logbook.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from opbouw.assignments.indicators import has_product_counter, product_counts
from opbouw.assignments.models import Assignment, Product
from opbouw.assignments.rules import agreed_total, products_amount

CENT, TENTH = Decimal("0.01"), Decimal("0.1")


def clip(assignment: Assignment, starts_on: dt.date, ends_on: dt.date,
         ) -> tuple[dt.date, dt.date]:
    """The part of the period within the assignment's term (end before start: none)."""
    return max(starts_on, assignment.starts_on), min(ends_on, assignment.ends_on)


def term_share(assignment: Assignment, starts_on: dt.date, ends_on: dt.date) -> Decimal:
    """The days of the (clipped) period as a part (0..1) of the days of the term."""
    start, end = clip(assignment, starts_on, ends_on)
    if end < start:
        return Decimal(0)
    term = (assignment.ends_on - assignment.starts_on).days + 1
    return Decimal((end - start).days + 1) / Decimal(term)


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


def _products(assignment: Assignment) -> list[Product]:
    # .all() uses assignment_get's prefetch where there is one.
    return sorted(assignment.products.all(), key=lambda p: (p.name, p.pk))


def _rows(assignment: Assignment, share: Decimal, counted: tuple[dt.date, dt.date],
          ) -> list[dict[str, Any]]:
    """Per product the agreed quantity and amount for the share of the term, and what the
    logbook counted in the period ``counted``."""
    products = _products(assignment)
    counts = product_counts(products, *counted)
    known = has_product_counter()
    rows = []
    for product in products:
        realised = counts.get(product.pk, 0) if known else None
        rows.append({
            "product": product, "name": product.name, "unit": product.unit,
            "unit_price": product.unit_price,
            "agreed": (Decimal(product.agreed_quantity) * share).quantize(TENTH, ROUND_HALF_UP),
            "realised": realised,
            "agreed_amount": _money(product.unit_price * product.agreed_quantity * share),
            "realised_amount": None if realised is None else _money(
                product.unit_price * realised),
        })
    return rows


def product_rows(assignment: Assignment, *, starts_on: dt.date, ends_on: dt.date,
                 ) -> list[dict[str, Any]]:
    """Per product (by name): ``product``, ``name``, ``unit``, ``unit_price``, ``agreed``
    (the agreed quantity pro rata for the period, one decimal), ``realised`` (entries counted
    in the period; None without a logbook), ``agreed_amount`` and ``realised_amount``."""
    start, end = clip(assignment, starts_on, ends_on)
    return _rows(assignment, term_share(assignment, starts_on, ends_on), (start, end))


def _summary(assignment: Assignment, share: Decimal, counted: tuple[dt.date, dt.date],
             realised_hours: Decimal | None) -> dict[str, Any]:
    rate = assignment.hourly_rate
    rows = _rows(assignment, share, counted)
    hours_amount = None if rate is None else _money(assignment.agreed_hours * share * rate)
    realised_amount = None if rate is None or realised_hours is None else _money(
        Decimal(realised_hours) * rate)
    realised_parts = [realised_amount] + [r["realised_amount"] for r in rows]
    known = [part for part in realised_parts if part is not None]
    return {
        "starts_on": counted[0], "ends_on": counted[1], "share": share,
        "hourly_rate": rate,
        "agreed_hours": (assignment.agreed_hours * share).quantize(TENTH, ROUND_HALF_UP),
        "realised_hours": realised_hours,
        "agreed_hours_amount": hours_amount,
        "realised_hours_amount": realised_amount,
        "products": rows,
        "agreed_total": (hours_amount or Decimal(0))
        + sum((r["agreed_amount"] for r in rows), Decimal(0)),
        "realised_total": sum(known, Decimal(0)) if known else None,
        "budget": _money(assignment.budget * share),
        "budget_total": assignment.budget,
    }


def spend_summary(assignment: Assignment, *, starts_on: dt.date, ends_on: dt.date,
                  realised_hours: Decimal | None) -> dict[str, Any]:
    """Agreed against realised money in the period (clipped to the term).

    Keys: ``hourly_rate``; ``agreed_hours`` (pro rata), ``realised_hours`` (as given: the
    logbook's hours in the period), ``agreed_hours_amount`` and ``realised_hours_amount``
    (at the rate; None without one); ``products`` (``product_rows``); ``agreed_total`` and
    ``realised_total`` (hours plus products); ``budget`` (pro rata) and ``budget_total``;
    and ``starts_on``, ``ends_on`` (the clipped period) and ``share`` (of the term).
    """
    start, end = clip(assignment, starts_on, ends_on)
    return _summary(assignment, term_share(assignment, starts_on, ends_on), (start, end),
                    realised_hours)


def price_overview(assignment: Assignment, *, today: dt.date,
                   realised_hours: Decimal | None) -> dict[str, Any]:
    """As ``spend_summary``, agreed for the whole term and realised up to today (the
    assignment's page): ``realised_hours`` are the logbook's hours so far."""
    counted = (assignment.starts_on, min(today, assignment.ends_on))
    return _summary(assignment, Decimal(1), counted, realised_hours)


def agreed_money(assignment: Assignment) -> dict[str, Any]:
    """What the agreements cost in all against the budget (the edit form says it):
    ``hours``, ``rate``, ``hours_amount``, ``products``, ``total``, ``budget``, ``room``."""
    products = products_amount(assignment.products.all())
    hours_amount = agreed_total(assignment.agreed_hours, assignment.hourly_rate, Decimal(0))
    total = hours_amount + products
    return {"hours": assignment.agreed_hours, "rate": assignment.hourly_rate,
            "hours_amount": hours_amount, "products": products, "total": total,
            "budget": assignment.budget, "room": assignment.budget - total}
