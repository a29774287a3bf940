"""Scores, reverse items, intervals and change on hand-made answers, worked out by hand."""

from decimal import Decimal

import pytest

from opbouw.access.actor import NOBODY
from opbouw.measurements import selectors, services
from opbouw.measurements.models import Dimension, MeasurementRound
from opbouw.measurements.tests.factories import (
    AnswerScaleFactory,
    DimensionFactory,
    InstrumentFactory,
    ItemFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db

# Five respondents on three five-point items; the third is reverse-scored (1 + 5 − value).
#        a  b  c  -> c reversed -> score
# R1     4  5  2     4             (4 + 5 + 4) / 3 = 4.3333
# R2     3  3  3     3             3
# R3     2  1  5     1             (2 + 1 + 1) / 3 = 1.3333
# R4     5  4  1     5             (5 + 4 + 5) / 3 = 4.6667
# R5     4  4  -     -             (4 + 4) / 2 = 4       (c left empty: not required)
ANSWERS = [(4, 5, 2), (3, 3, 3), (2, 1, 5), (5, 4, 1), (4, 4, None)]


@pytest.fixture
def cohesion(db):
    instrument = InstrumentFactory(code="samenhang_test")
    scale = AnswerScaleFactory(instrument=instrument, code="eens5")
    mean = DimensionFactory(instrument=instrument, code="gemiddeld", position=0)
    share = DimensionFactory(instrument=instrument, code="eens", position=1,
                             rule=Dimension.Rule.SHARE_AGREEING, threshold=Decimal(4))
    for dimension, prefix in ((mean, "m"), (share, "s")):
        ItemFactory(instrument=instrument, scale=scale, dimension=dimension, code=f"{prefix}_a")
        ItemFactory(instrument=instrument, scale=scale, dimension=dimension, code=f"{prefix}_b")
        ItemFactory(instrument=instrument, scale=scale, dimension=dimension, code=f"{prefix}_c",
                    reverse_scored=True, required=False)
    return instrument


def enter(measurement_round, rows, prefixes=("m", "s")):
    services.responses_add(actor=NOBODY, measurement_round=measurement_round, rows=[
        {"answers": {f"{p}_{code}": value for p in prefixes
                     for code, value in zip("abc", row, strict=True) if value is not None}}
        for row in rows])


def test_mean_share_and_reverse_items_by_hand(cohesion):
    measurement_round = RoundFactory(instrument=cohesion)
    enter(measurement_round, ANSWERS)
    mean, share = selectors.round_results(measurement_round)
    # Mean of the scores: (13/3 + 3 + 4/3 + 14/3 + 4) / 5 = 17.3333 / 5 = 3.46667
    # squared deviations 0.751111 + 0.217778 + 4.551111 + 1.44 + 0.284444 = 7.244444
    # s = √(7.244444 / 4) = 1.345775; se = s / √5 = 0.601849; t(0.975; 4) = 2.776445
    # interval 3.46667 ± 1.671007 = [1.795666, 5.137667]
    assert mean.n == 5 and not mean.hidden
    assert mean.value == pytest.approx(3.466667, abs=1e-6)
    assert mean.estimate.sd == pytest.approx(1.345775, abs=1e-6)
    assert (mean.low, mean.high) == (pytest.approx(1.795666, abs=1e-5),
                                     pytest.approx(5.137667, abs=1e-5))
    # Share at or above 4: R1 (4.33), R4 (4.67) and R5 (exactly 4) -> 3 of 5 = 60%
    # Wilson: centre (0.6 + 0.384146) / 1.768292 = 0.556553,
    # half 1.108393 · √(0.048 + 0.038415) = 0.325829 -> [23.07%, 88.24%]
    assert share.value == pytest.approx(60)
    assert share.low == pytest.approx(23.0724, abs=1e-3)
    assert share.high == pytest.approx(88.2379, abs=1e-3)
    # On a chart from 1 to 5 the mean stands at (3.46667 − 1) / 4 = 61.7% of the width.
    assert mean.bar == pytest.approx(61.6667, abs=1e-3)


def test_fewer_than_five_respondents_show_nothing(cohesion):
    measurement_round = RoundFactory(instrument=cohesion)
    enter(measurement_round, ANSWERS[:4])
    for result in selectors.round_results(measurement_round):
        assert result.n == 4 and result.hidden
        assert result.value is None and result.low is None and result.bar is None


def test_change_between_baseline_and_follow_up_uses_welch(db):
    instrument = InstrumentFactory()
    dimension = DimensionFactory(instrument=instrument)
    item = ItemFactory(instrument=instrument, dimension=dimension)
    baseline = RoundFactory(instrument=instrument)
    follow_up = RoundFactory(instrument=instrument, organisation=baseline.organisation,
                             area=baseline.area, kind=MeasurementRound.Kind.FOLLOW_UP,
                             baseline=baseline, held_on=baseline.held_on.replace(year=2026))
    for measurement_round, values in ((baseline, [1, 2, 3, 4, 5]),
                                      (follow_up, [3, 4, 5, 5, 4, 3])):
        services.responses_add(actor=NOBODY, measurement_round=measurement_round,
                               rows=[{"answers": {item.code: v}} for v in values])
    (row,) = selectors.round_change(follow_up)
    # As in test_statistics: means 3 and 4, difference 1, se 0.795822, Welch df 6.0723.
    assert row.before.value == pytest.approx(3) and row.after.value == pytest.approx(4)
    assert row.value == pytest.approx(1)
    assert row.difference.df == pytest.approx(6.0723, abs=1e-4)
    assert row.low < 0 < row.high
    assert row.verdict == "unclear"


def test_totals_entered_by_hand_give_the_same_kind_of_result(db):
    instrument = InstrumentFactory()
    mean_dim = DimensionFactory(instrument=instrument, code="tevreden", position=0)
    share_dim = DimensionFactory(instrument=instrument, code="eens", position=1,
                                 rule=Dimension.Rule.SHARE_AGREEING, threshold=Decimal(4))
    ItemFactory(instrument=instrument, dimension=mean_dim)
    ItemFactory(instrument=instrument, dimension=share_dim)
    measurement_round = RoundFactory(instrument=instrument,
                                     mode=MeasurementRound.Mode.AGGREGATES)
    services.aggregate_save(actor=NOBODY, measurement_round=measurement_round,
                            dimension=mean_dim, n=10, mean="3,5", sd="1")
    # one 2, two 3s, four 4s, three 5s: n = 10, mean = (2 + 6 + 16 + 15) / 10 = 3.9
    services.aggregate_save(actor=NOBODY, measurement_round=measurement_round,
                            dimension=share_dim, n=10, mean="3.9",
                            distribution={1: 0, 2: 1, 3: 2, 4: 4, 5: 3})
    mean, share = selectors.round_results(measurement_round)
    # 3.5 ± t(0.975; 9) · 1 / √10 = 3.5 ± 2.262157 · 0.316228 = 3.5 ± 0.715357
    assert mean.value == pytest.approx(3.5)
    assert (mean.low, mean.high) == (pytest.approx(2.784643, abs=1e-5),
                                     pytest.approx(4.215357, abs=1e-5))
    # 4 or more: 4 + 3 = 7 of 10
    assert share.value == pytest.approx(70)
    assert selectors.respondent_count(measurement_round) == 10
