"""Indicator computations over measurement rounds (registered with the indicator catalogue).

A measurement indicator names an instrument dimension (``IndicatorMeasure``). Its value for
an assignment and period reads the rounds linked to the assignment and held in the period:

- ``measurements.score``: per area and group the latest round, then the mean of their
  results weighted by their numbers of respondents;
- ``measurements.change``: per area and group the latest follow-up with a baseline, then the
  mean of their changes weighted by the follow-ups' numbers of respondents.

Results hidden for too few respondents do not count; with none left the value is unknown.
Shares are in percent, changes of shares in percentage points.

The 95% interval of a weighted mean of several places treats the places as independent
samples: its standard error is the root of the sum of (weight x standard error)², each
place's standard error read back from its own interval (half its width / 1.96). With one
place the interval is that place's own (t, Wilson, Welch or Newcombe: statistics.py).
"""

from __future__ import annotations

import math
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from opbouw.assignments.indicators import Interval, Period, register, register_estimate

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


Found = tuple[float, int, float | None, float | None]  # value, n, low, high


def _weighted(found: list[Found]) -> Decimal | None:
    total = sum(n for _value, n, _low, _high in found)
    if not total:
        return None
    return Decimal(sum(value * n for value, n, _l, _h in found) / total).quantize(
        Decimal("0.01"))


def _interval(found: list[Found]) -> Interval | None:
    value = _weighted(found)
    if value is None:
        return None
    if len(found) == 1:
        _v, _n, low, high = found[0]
    else:
        total = sum(n for _value, n, _low, _high in found)
        halves = [(n / total, (h - lo) / 2) for _v, n, lo, h in found
                  if lo is not None and h is not None]
        if len(halves) < len(found):
            return Interval(value, None, None)
        half = math.sqrt(sum((w * width) ** 2 for w, width in halves))
        low, high = float(value) - half, float(value) + half
    if low is None or high is None:
        return Interval(value, None, None)
    return Interval(value, Decimal(low).quantize(Decimal("0.01")),
                    Decimal(high).quantize(Decimal("0.01")))


def _scores(period: Period) -> list[Found]:
    from opbouw.measurements.selectors import round_results

    measure = _measure(period)
    if measure is None:
        return []
    found = []
    for r in _latest_per_place(_rounds(period, measure)):
        for result in round_results(r):
            if result.dimension.code == measure.dimension_code and result.value is not None:
                found.append((result.value, result.n, result.low, result.high))
    return found


def _changes(period: Period) -> list[Found]:
    from opbouw.measurements.models import MeasurementRound
    from opbouw.measurements.selectors import round_change

    measure = _measure(period)
    if measure is None:
        return []
    found = []
    follow_ups = _rounds(period, measure, kind=MeasurementRound.Kind.FOLLOW_UP,
                         baseline__isnull=False)
    for r in _latest_per_place(follow_ups):
        for result in round_change(r):
            if result.after.dimension.code == measure.dimension_code \
                    and result.value is not None:
                found.append((result.value, result.after.n, result.low, result.high))
    return found


@register("measurements.score", _("Score op een dimensie van een meetinstrument"), SOURCE)
def score(period: Period) -> Decimal | None:
    return _weighted(_scores(period))


@register_estimate("measurements.score")
def score_estimate(period: Period) -> Interval | None:
    return _interval(_scores(period))


@register("measurements.change", _("Verandering op een dimensie sinds de nulmeting"), SOURCE)
def change(period: Period) -> Decimal | None:
    return _weighted(_changes(period))


@register_estimate("measurements.change")
def change_estimate(period: Period) -> Interval | None:
    return _interval(_changes(period))
