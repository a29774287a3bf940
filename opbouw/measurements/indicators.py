"""Indicator computations over measurement rounds (registered with the indicator catalogue).

A measurement indicator names an instrument dimension (``IndicatorMeasure``). Its value for
an assignment and period reads the rounds linked to the assignment and held in the period:

- ``measurements.score``: per area and group the latest round, then the mean of their
  results weighted by their numbers of respondents;
- ``measurements.change``: per area and group the latest follow-up with a baseline, then the
  mean of their changes weighted by the follow-ups' numbers of respondents.

Results hidden for too few respondents do not count; with none left the value is unknown.
Shares are in percent, changes of shares in percentage points.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from opbouw.assignments.indicators import Period, register

SOURCE = "measurement"


def _measure(period: Period):
    from opbouw.measurements.models import IndicatorMeasure

    if period.agreement is None:
        return None
    return IndicatorMeasure.objects.filter(indicator_id=period.agreement.indicator_id).first()


def _latest_per_place(rounds) -> list:
    """The latest round per area and group (rounds come newest first)."""
    seen, latest = set(), []
    for r in rounds:
        key = (r.area_id, r.group.strip().casefold())
        if key not in seen:
            seen.add(key)
            latest.append(r)
    return latest


def _rounds(period: Period, measure, **filters):
    from opbouw.measurements.models import MeasurementRound

    return MeasurementRound.objects.filter(
        assignment=period.assignment, instrument__code=measure.instrument_code,
        held_on__range=(period.starts_on, period.ends_on), **filters,
    ).select_related("instrument", "baseline").order_by("-held_on", "-pk")


def _weighted(pairs: list[tuple[float, int]]) -> Decimal | None:
    total = sum(n for _value, n in pairs)
    if not total:
        return None
    return Decimal(sum(value * n for value, n in pairs) / total).quantize(Decimal("0.01"))


@register("measurements.score", _("Score op een dimensie van een meetinstrument"), SOURCE)
def score(period: Period) -> Decimal | None:
    from opbouw.measurements.selectors import round_results

    measure = _measure(period)
    if measure is None:
        return None
    pairs = []
    for r in _latest_per_place(_rounds(period, measure)):
        for found in round_results(r):
            if found.dimension.code == measure.dimension_code and found.value is not None:
                pairs.append((found.value, found.n))
    return _weighted(pairs)


@register("measurements.change", _("Verandering op een dimensie sinds de nulmeting"), SOURCE)
def change(period: Period) -> Decimal | None:
    from opbouw.measurements.models import MeasurementRound
    from opbouw.measurements.selectors import round_change

    measure = _measure(period)
    if measure is None:
        return None
    pairs = []
    follow_ups = _rounds(period, measure, kind=MeasurementRound.Kind.FOLLOW_UP,
                         baseline__isnull=False)
    for r in _latest_per_place(follow_ups):
        for found in round_change(r):
            if found.after.dimension.code == measure.dimension_code and found.value is not None:
                pairs.append((found.value, found.after.n))
    return _weighted(pairs)
