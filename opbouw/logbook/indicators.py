"""Indicator computations over the logbook (registered with the indicator catalogue)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import Aggregate, Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from opbouw.assignments.indicators import (
    Period,
    ratio,
    register,
    register_many,
    register_product_counter,
)

SOURCE = "logbook"


def activities_in(period: Period) -> QuerySet:
    """The assignment's logbook entries dated within the period."""
    from opbouw.logbook.models import Activity

    return Activity.objects.filter(assignment=period.assignment,
                                   date__range=(period.starts_on, period.ends_on))


def totals(period: Period) -> dict:
    """Counts and sums of the period's entries in one query."""
    return activities_in(period).aggregate(
        activities=Count("pk"), hours=Sum("hours"), participants=Sum("participants"),
        new=Sum("new_participants"), volunteers=Sum("volunteers"),
        initiatives=Count("pk", filter=Q(supports_initiative=True)),
        groups=Count("pk", filter=Q(contact_form="group")),
    )


def _per_period(periods: list[Period], aggregate: type[Aggregate], name: str) -> list:
    """One aggregate over each period's entries (None where there are none), for many
    periods in a query per hundred assignments: grouped by assignment, so an assignment
    with more than one period takes one query per period of it."""
    from opbouw.logbook.models import Activity

    values: list = [None] * len(periods)
    pending = list(enumerate(periods))
    while pending:
        batch: dict[int, tuple[int, Period]] = {}
        later = []
        for i, period in pending:
            if period.assignment.pk in batch or len(batch) >= 100:
                later.append((i, period))
            else:
                batch[period.assignment.pk] = (i, period)
        rows = dict(Activity.objects.filter(reduce(or_, [
            Q(assignment=p.assignment, date__range=(p.starts_on, p.ends_on))
            for _i, p in batch.values()])).order_by().values("assignment").annotate(
            value=aggregate(name)).values_list("assignment", "value"))
        for pk, (i, _period) in batch.items():
            values[i] = rows.get(pk)
        pending = later
    return values


@register("logbook.activities", _("Aantal activiteiten"), SOURCE)
def activities(period: Period) -> Decimal:
    return Decimal(totals(period)["activities"])


@register_many("logbook.activities")
def activities_many(periods: list[Period]) -> list[Decimal]:
    return [Decimal(n or 0) for n in _per_period(periods, Count, "pk")]


@register("logbook.hours", _("Bestede uren"), SOURCE)
def hours(period: Period) -> Decimal:
    return Decimal(totals(period)["hours"] or 0)


@register_many("logbook.hours")
def hours_many(periods: list[Period]) -> list[Decimal]:
    return [Decimal(total or 0) for total in _per_period(periods, Sum, "hours")]


@register("logbook.participants", _("Bereikte deelnemers (contacten)"), SOURCE)
def participants(period: Period) -> Decimal:
    return Decimal(totals(period)["participants"] or 0)


@register("logbook.new_participants", _("Nieuwe deelnemers"), SOURCE)
def new_participants(period: Period) -> Decimal:
    return Decimal(totals(period)["new"] or 0)


@register("logbook.new_share", _("Aandeel nieuwe deelnemers (%)"), SOURCE)
def new_share(period: Period) -> Decimal | None:
    t = totals(period)
    return ratio(t["new"], t["participants"], scale=100)


@register("logbook.volunteers", _("Inzet van vrijwilligers (vrijwilligers x activiteiten)"),
          SOURCE)
def volunteers(period: Period) -> Decimal:
    return Decimal(totals(period)["volunteers"] or 0)


@register("logbook.initiatives", _("Ondersteunde bewonersinitiatieven (activiteiten)"), SOURCE)
def initiatives(period: Period) -> Decimal:
    return Decimal(totals(period)["initiatives"])


@register("logbook.hours_per_activity", _("Uren per activiteit"), SOURCE)
def hours_per_activity(period: Period) -> Decimal | None:
    t = totals(period)
    return ratio(t["hours"], t["activities"])


@register("logbook.participants_per_activity", _("Deelnemers per activiteit"), SOURCE)
def participants_per_activity(period: Period) -> Decimal | None:
    t = totals(period)
    return ratio(t["participants"], t["activities"])


@register("logbook.group_share", _("Aandeel groepsactiviteiten (%)"), SOURCE)
def group_share(period: Period) -> Decimal | None:
    t = totals(period)
    return ratio(t["groups"], t["activities"], scale=100)


def budget_share(period: Period) -> Decimal:
    """The assignment's budget pro rata for the days of the period within the assignment."""
    a = period.assignment
    start, end = max(period.starts_on, a.starts_on), min(period.ends_on, a.ends_on)
    if end < start:
        return Decimal(0)
    days = Decimal((end - start).days + 1)
    return a.budget * days / Decimal((a.ends_on - a.starts_on).days + 1)


@register("logbook.cost_per_participant", _("Kosten per deelnemer (euro)"), SOURCE)
def cost_per_participant(period: Period) -> Decimal | None:
    return ratio(budget_share(period), totals(period)["participants"])


@register("logbook.cost_per_hour", _("Kosten per besteed uur (euro)"), SOURCE)
def cost_per_hour(period: Period) -> Decimal | None:
    return ratio(budget_share(period), totals(period)["hours"])


@register_product_counter
def product_counts(products: list, starts_on: dt.date, ends_on: dt.date) -> dict[int, int]:
    """Each product's entries in the period: one query per assignment, a conditional count
    per product (its intervention, and only supported initiatives if it says so)."""
    from opbouw.logbook.models import Activity

    by_assignment: dict[int, list] = {}
    for product in products:
        by_assignment.setdefault(product.assignment_id, []).append(product)
    counts: dict[int, int] = {}
    for assignment_id, items in by_assignment.items():
        conditions = {}
        for product in items:
            condition = Q()
            if product.intervention_id is not None:
                condition &= Q(intervention_id=product.intervention_id)
            if product.initiatives_only:
                condition &= Q(supports_initiative=True)
            conditions[f"p{product.pk}"] = Count("pk", filter=condition) if condition \
                else Count("pk")
        row = Activity.objects.filter(assignment_id=assignment_id,
                                      date__range=(starts_on, ends_on)).aggregate(**conditions)
        counts.update({product.pk: row[f"p{product.pk}"] or 0 for product in items})
    return counts
