"""The statistics against values worked out by hand (and, for t, against the printed table)."""

import math

import pytest

from opbouw.measurements import statistics as st

Z = 1.959964  # the 97.5% point of the standard normal


@pytest.mark.parametrize("df,table", [
    # Student's t, two-sided 95% (one-sided 0.975), from any printed t table.
    (1, 12.7062), (2, 4.3027), (3, 3.1824), (4, 2.7764), (9, 2.2622), (29, 2.0452),
    (120, 1.9799),
])
def test_t_quantile_matches_the_table(df, table):
    assert st.t_quantile(df) == pytest.approx(table, abs=5e-5)


def test_t_quantile_tends_to_the_normal_and_the_normal_quantile_is_right():
    assert st.normal_quantile() == pytest.approx(Z, abs=1e-6)
    assert st.t_quantile(1e7) == pytest.approx(Z, abs=1e-4)
    assert st.t_cdf(0, 5) == pytest.approx(0.5)
    assert st.t_cdf(-2.5706, 5) == pytest.approx(0.025, abs=1e-5)  # t(0.975, 5) = 2.5706


def test_mean_interval_by_hand():
    # 2, 4, 4, 5: n = 4, mean = 15 / 4 = 3.75
    # squared deviations 3.0625 + 0.0625 + 0.0625 + 1.5625 = 4.75; s² = 4.75 / 3 = 1.58333
    # s = 1.25831; se = s / √4 = 0.629153; t(0.975; 3) = 3.182446; half = 2.002245
    # interval 3.75 ± 2.002245 = [1.747755, 5.752245]
    found = st.mean_interval([2, 4, 4, 5])
    assert found.n == 4 and found.value == pytest.approx(3.75)
    assert found.sd == pytest.approx(1.258306, abs=1e-6)
    assert found.low == pytest.approx(1.747755, abs=1e-5)
    assert found.high == pytest.approx(5.752245, abs=1e-5)


def test_mean_interval_needs_two_values():
    assert st.mean_interval([]).value is None
    one = st.mean_interval([3])
    assert one.value == 3 and one.low is None and one.high is None


def test_wilson_interval_by_hand():
    # 8 of 10: p = 0.8, z² = 3.841459, 1 + z²/n = 1.384146
    # centre = (0.8 + 3.841459 / 20) / 1.384146 = 0.992073 / 1.384146 = 0.716738
    # half = z / 1.384146 · √(0.8 · 0.2 / 10 + 3.841459 / 400) = 1.416024 · 0.160011 = 0.226579
    # interval [0.490159, 0.943317] (the Wald interval would be [0.552, 1.048]: beyond 100%)
    found = st.share_interval(8, 10)
    assert found.value == pytest.approx(0.8)
    assert found.low == pytest.approx(0.490159, abs=1e-5)
    assert found.high == pytest.approx(0.943317, abs=1e-5)
    # 0 of 10: centre = half = 0.192073 / 1.384146 · ... → [0, 0.277533]; never below 0
    none = st.share_interval(0, 10)
    assert none.low == 0 and none.high == pytest.approx(0.277533, abs=1e-5)


def test_reverse_scoring():
    # A five-point item answered 2, reverse-scored: 1 + 5 − 2 = 4; a 1-4 item answered 1: 4.
    assert st.reverse(2, 1, 5) == 4
    assert st.reverse(1, 1, 4) == 4
    assert st.reverse(0, 0, 1) == 1


def test_summary_of_a_distribution():
    # one 1, two 3s, one 5: n = 4, mean = (1 + 6 + 5) / 4 = 3, s = √((4 + 0 + 0 + 4) / 3)
    n, mean, sd = st.summary_of_distribution({1: 1, 3: 2, 5: 1})
    assert (n, mean) == (4, 3)
    assert sd == pytest.approx(math.sqrt(8 / 3))


def test_welch_difference_by_hand():
    # before 1, 2, 3, 4, 5: n = 5, mean 3, s² = 10 / 4 = 2.5, s²/n = 0.5
    # after 3, 4, 5, 5, 4, 3: n = 6, mean 4, s² = 4 / 5 = 0.8, s²/n = 0.133333
    # difference 4 − 3 = 1; se = √0.633333 = 0.795822
    # df = 0.633333² / (0.5² / 4 + 0.133333² / 5) = 0.401111 / 0.066056 = 6.0723
    # t(0.975; 6.0723) lies between t(7) = 2.3646 and t(6) = 2.4469
    before, after = st.mean_interval([1, 2, 3, 4, 5]), st.mean_interval([3, 4, 5, 5, 4, 3])
    change = st.mean_difference(before, after)
    assert change.value == pytest.approx(1)
    assert change.df == pytest.approx(6.0723, abs=1e-4)
    t = (change.high - change.value) / 0.795822
    assert 2.3646 < t < 2.4469
    assert t == pytest.approx(st.t_quantile(6.0723), abs=1e-5)
    assert change.low == pytest.approx(1 - t * 0.795822, abs=1e-5)
    assert change.low < 0 < change.high and not change.significant


def test_newcombe_difference_by_hand():
    # 2 of 10 (Wilson [0.056682, 0.509840]) to 6 of 10 (Wilson [0.312670, 0.831821])
    # difference 0.4
    # low  = 0.4 − √((0.6 − 0.312670)² + (0.509840 − 0.2)²) = 0.4 − √0.178558 = −0.022561
    # high = 0.4 + √((0.831821 − 0.6)² + (0.2 − 0.056682)²) = 0.4 + √0.074281 = 0.672545
    before, after = st.share_interval(2, 10), st.share_interval(6, 10)
    assert before.low == pytest.approx(0.056682, abs=1e-5)
    assert after.high == pytest.approx(0.831821, abs=1e-5)
    change = st.share_difference(before, after)
    assert change.value == pytest.approx(0.4)
    assert change.low == pytest.approx(-0.022561, abs=1e-5)
    assert change.high == pytest.approx(0.672545, abs=1e-5)


def test_a_clear_rise_is_significant():
    before = st.mean_from_summary(200, 3.0, 0.8)
    after = st.mean_from_summary(200, 3.4, 0.8)
    assert st.mean_difference(before, after).significant
