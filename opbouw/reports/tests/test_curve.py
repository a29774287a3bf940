"""The forecast and verdict rules of turn-the-curve, checked against numbers worked by hand."""

import datetime as dt

import pytest

from opbouw.measurements.statistics import t_quantile
from opbouw.reports import curve
from opbouw.reports.curve import Forecast, Point

D = dt.date


def test_a_steady_pace_is_carried_on_with_no_band():
    # 90 in 90 days and 91 in 91 days: one a day; 184 days remain after 30 June.
    points = [Point(D(2026, 1, 1), D(2026, 3, 31), 90), Point(D(2026, 4, 1), D(2026, 6, 30), 91)]
    found = curve.forecast_total(points, total=181, as_of=D(2026, 6, 30), ends_on=D(2026, 12, 31))
    assert found.value == pytest.approx(365)
    assert found.low == pytest.approx(365) and found.high == pytest.approx(365)


def test_an_uneven_pace_gets_a_t_band_that_never_goes_below_what_is_done():
    points = [Point(D(2026, 1, 1), D(2026, 1, 10), 10), Point(D(2026, 1, 11), D(2026, 1, 20), 30)]
    found = curve.forecast_total(points, total=40, as_of=D(2026, 1, 20), ends_on=D(2026, 1, 30))
    # pace 2 a day for 10 days; s² = 200, m = 1, k = 2: half = t(1) * sqrt(200 + 100)
    half = t_quantile(1) * 300 ** 0.5
    assert found.value == pytest.approx(60)
    assert found.high == pytest.approx(60 + half)
    assert found.low == 40  # the total so far cannot shrink


def test_one_period_gives_a_forecast_without_a_band():
    points = [Point(D(2026, 1, 1), D(2026, 3, 31), 90)]
    found = curve.forecast_total(points, total=90, as_of=D(2026, 3, 31), ends_on=D(2026, 12, 31))
    assert found.value == pytest.approx(90 + 275) and found.low is None


def test_a_straight_trend_of_four_values_is_extended_exactly():
    points = [Point(D(2026, 1, 1), D(2026, 1, 1) + dt.timedelta(days=10 * i), 1 + i)
              for i in range(4)]
    found = curve.forecast_level(points, ends_on=D(2026, 1, 1) + dt.timedelta(days=40))
    assert found.method == "trend"
    assert found.value == pytest.approx(5) and found.high == pytest.approx(5)


def test_two_or_three_values_carry_their_mean_with_a_t_band_and_bounds():
    points = [Point(D(2026, 1, 1), D(2026, 3, 31), 40), Point(D(2026, 4, 1), D(2026, 6, 30), 60)]
    found = curve.forecast_level(points, ends_on=D(2026, 12, 31), floor=0, ceiling=100)
    half = t_quantile(1) * (200 ** 0.5) * (1.5 ** 0.5)
    assert found.method == "mean" and found.value == pytest.approx(50)
    assert found.low == 0 and found.high == 100  # cut off where a share cannot go
    assert 50 + half > 100


@pytest.mark.parametrize(("kwargs", "expected"), [
    # a change whose interval holds zero is never reached, even when its value beats the target
    ({"value": 0.2, "target": 0.1, "interval": (-0.1, 0.5), "is_change": True,
      "finished": True}, curve.UNSURE),
    ({"value": 0.4, "target": 0.1, "interval": (0.2, 0.6), "is_change": True,
      "finished": True}, curve.REACHED),
    # an interval that holds the target: not yet sure
    ({"value": 0.2, "target": 0.1, "interval": (0.05, 0.3), "is_change": True,
      "finished": True}, curve.UNSURE),
    ({"value": 100, "target": 90, "finished": True}, curve.REACHED),
    ({"value": 80, "target": 90, "finished": True}, curve.MISSED),
    ({"value": 80, "target": 90, "finished": True, "higher": False}, curve.REACHED),
    ({"value": 30, "target": 90, "finished": False}, curve.UNSURE),  # no forecast yet
    ({"value": 30, "target": 90, "finished": False,
      "forecast": Forecast(D(2026, 12, 31), 100, 95, 120, "pace")}, curve.ON_TRACK),
    ({"value": 30, "target": 90, "finished": False,
      "forecast": Forecast(D(2026, 12, 31), 70, 50, 80, "pace")}, curve.BEHIND),
    ({"value": 30, "target": 90, "finished": False,
      "forecast": Forecast(D(2026, 12, 31), 90, 80, 100, "pace")}, curve.UNSURE),
    ({"value": None, "target": 90, "finished": False, "started": False}, curve.NOT_STARTED),
])
def test_verdicts(kwargs, expected):
    kwargs.setdefault("higher", True)
    assert curve.verdict(**kwargs) == expected


def test_progress_beyond_the_target_is_kept():
    assert curve.progress_share(43.3, start=10, target=20) == pytest.approx(3.33)
    assert curve.progress_share(5, start=None, target=20) is None
