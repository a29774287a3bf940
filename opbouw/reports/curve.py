"""Turn the curve: where a result goes if nothing changes, and a verdict that respects doubt.

Pure functions on numbers (no Django), so every rule can be checked by hand.

**Forecast, counts and sums** (activities, hours, participants: they add up over time). The
pace per day of each period so far is carried on to the agreement's end date:

    forecast = total so far + mean pace x remaining days

The band is a 95% prediction interval from the spread between the periods (Student's t
with k − 1 degrees of freedom, k periods): the remaining days hold m = remaining / mean
period length future periods, whose sum varies by m·s² (each period's own spread) plus
m²·s²/k (the uncertainty of the mean pace), s² the variance of the periods' totals scaled
to the mean period length.

**Forecast, means and shares** (a score, a percentage). With four or more values per
period an ordinary least-squares line through them, carried on to the end date, with the
prediction interval of a new value there: ŷ ± t(k − 2) · s · √(1 + 1/k + (x₀ − x̄)² / Sxx).
With two or three values a line would be guesswork (one degree of freedom), so their mean
is carried on, ± t(k − 1) · s · √(1 + 1/k); with fewer no forecast is made. The band is cut
off where the value cannot go (below 0, above 100% for a share).

**Verdict.** An agreement is *behaald* or *niet behaald* only once its period is over and its
value is certain. Before that it is *op koers* when the whole band lies on the good side of
the target, *achter* when it lies wholly on the bad side, and *nog niet zeker* when the band
holds the target or no forecast can be made yet. A value from a sample (a measurement) comes
with its own 95% interval: a change is never *behaald* while that interval holds zero, and a
result is *nog niet zeker* while it holds the target.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from opbouw.measurements.statistics import t_quantile

ON_TRACK, BEHIND, UNSURE = "on_track", "behind", "unsure"
REACHED, MISSED, NOT_STARTED = "reached", "missed", "not_started"
# The order people read them in: what needs attention first.
VERDICTS = (BEHIND, UNSURE, ON_TRACK, MISSED, REACHED, NOT_STARTED)


@dataclass(frozen=True)
class Point:
    """A period's value: for counts the period's own total (not the running one)."""

    starts_on: dt.date
    ends_on: dt.date
    value: float


@dataclass(frozen=True)
class Forecast:
    on: dt.date
    value: float
    low: float | None
    high: float | None
    method: str  # "pace" or "trend" or "mean"


def _days(start: dt.date, end: dt.date) -> int:
    return (end - start).days + 1


def forecast_total(points: list[Point], *, total: float, as_of: dt.date, ends_on: dt.date,
                   ) -> Forecast | None:
    """The expected total on ends_on of a count that grows by the periods' pace."""
    if not points:
        return None
    remaining = max(0, (ends_on - as_of).days)
    lengths = [_days(p.starts_on, p.ends_on) for p in points]
    pace = sum(p.value for p in points) / sum(lengths)
    value = total + pace * remaining
    if remaining == 0:
        return Forecast(ends_on, value, value, value, "pace")
    k = len(points)
    if k < 2:
        return Forecast(ends_on, value, None, None, "pace")
    mean_length = sum(lengths) / k
    scaled = [p.value / n * mean_length for p, n in zip(points, lengths, strict=True)]
    centre = sum(scaled) / k
    variance = sum((x - centre) ** 2 for x in scaled) / (k - 1)
    m = remaining / mean_length
    half = t_quantile(k - 1) * math.sqrt(m * variance + m * m * variance / k)
    return Forecast(ends_on, value, max(total, value - half), value + half, "pace")


def _bounded(forecast: Forecast, floor: float | None, ceiling: float | None) -> Forecast:
    def cut(x: float | None) -> float | None:
        if x is None:
            return None
        if floor is not None:
            x = max(floor, x)
        return min(ceiling, x) if ceiling is not None else x

    value = cut(forecast.value)
    assert value is not None
    return Forecast(forecast.on, value, cut(forecast.low), cut(forecast.high), forecast.method)


def forecast_level(points: list[Point], *, ends_on: dt.date, floor: float | None = None,
                   ceiling: float | None = None) -> Forecast | None:
    """The expected value on ends_on of a mean or share that follows its trend."""
    found = _level(points, ends_on=ends_on)
    return None if found is None else _bounded(found, floor, ceiling)


def _level(points: list[Point], *, ends_on: dt.date) -> Forecast | None:
    k = len(points)
    if k < 2:
        return None
    xs = [float((p.ends_on - points[0].ends_on).days) for p in points]
    ys = [p.value for p in points]
    x0 = float((ends_on - points[0].ends_on).days)
    x_mean, y_mean = sum(xs) / k, sum(ys) / k
    if k < 4:
        s = math.sqrt(sum((y - y_mean) ** 2 for y in ys) / (k - 1))
        half = t_quantile(k - 1) * s * math.sqrt(1 + 1 / k)
        return Forecast(ends_on, y_mean, y_mean - half, y_mean + half, "mean")
    sxx = sum((x - x_mean) ** 2 for x in xs)
    slope = sum((x - x_mean) * (y - y_mean) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = y_mean - slope * x_mean
    residuals = [y - (intercept + slope * x) for x, y in zip(xs, ys, strict=True)]
    s = math.sqrt(sum(r * r for r in residuals) / (k - 2))
    value = intercept + slope * x0
    half = t_quantile(k - 2) * s * math.sqrt(1 + 1 / k + (x0 - x_mean) ** 2 / sxx)
    return Forecast(ends_on, value, value - half, value + half, "trend")


def _side(low: float, high: float, target: float, higher: bool) -> str:
    """Where an interval lies against the target: good, bad, or across it."""
    if low <= target <= high:
        return UNSURE
    good = low > target if higher else high < target
    return ON_TRACK if good else BEHIND


def verdict(*, value: float | None, target: float, higher: bool, finished: bool,
            started: bool = True, interval: tuple[float, float] | None = None,
            forecast: Forecast | None = None, is_change: bool = False) -> str:
    """The verdict of one agreement (see the module's docstring)."""
    if not started:
        return NOT_STARTED
    if value is None:
        return UNSURE
    if interval is not None:
        low, high = interval
        if is_change and low <= 0 <= high:
            return UNSURE
        side = _side(low, high, target, higher)
        if side == UNSURE:
            return UNSURE
        if finished:
            return REACHED if side == ON_TRACK else MISSED
        if side == ON_TRACK:
            return ON_TRACK
    elif finished:
        met = value >= target if higher else value <= target
        return REACHED if met else MISSED
    if forecast is None or forecast.low is None or forecast.high is None:
        return UNSURE
    return _side(forecast.low, forecast.high, target, higher)


def progress_share(value: float | None, *, start: float | None, target: float) -> float | None:
    """How far the value has come from the start (0 or the baseline) to the target, as a
    share: 1.0 is the target, 4.33 is more than four times the agreed step."""
    if value is None or start is None or target == start:
        return None
    return (value - start) / (target - start)
