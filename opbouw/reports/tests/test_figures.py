"""The report's figures against hand-made data with known totals."""

import datetime as dt
from decimal import Decimal

import pytest

from opbouw.assignments.tests.factories import ProductFactory
from opbouw.reports import curve, figures, selectors
from opbouw.reports.periods import period_for
from opbouw.reports.tests.conftest import TODAY
from opbouw.signals.tests.factories import SignalFactory

pytestmark = pytest.mark.django_db


def test_quantity_totals_and_breakdowns(logged):
    found = figures.build(logged.running, period_for(logged.running, "2026-H1"), today=TODAY)
    q = found["quantity"]
    assert q["totals"]["activities"] == 15
    assert q["totals"]["hours"] == 40  # 10 x 2 + 5 x 4
    assert q["totals"]["participants"] == 150 and q["totals"]["new_participants"] == 30
    assert q["follow_up_share"] == pytest.approx(13.3)  # 2 of 15
    by_name = {r["name"]: r for r in q["by_intervention"]}
    assert by_name["Buurtkracht"]["hours"] == 20 and by_name["—"]["hours"] == 20
    # an intervention on two rungs gives each half; the rungs add up to the total
    rungs = {r["number"]: r["hours"] for r in q["by_rung"]}
    assert rungs[2] == 10 and rungs[3] == 10 and rungs[None] == 20
    assert sum(rungs.values()) == q["totals"]["hours"]
    assert [m["month"] for m in q["by_month"]] == ["2026-02", "2026-05"]


def test_a_quarter_holds_only_its_own_entries(logged):
    q1 = figures.build(logged.running, period_for(logged.running, "2026-K1"), today=TODAY)
    assert q1["quantity"]["totals"]["activities"] == 10
    assert q1["period"]["ends_on"] == "2026-03-31"


def test_agreed_hours_and_money_pro_rata(logged):
    ProductFactory(assignment=logged.running, name="Training", intervention=logged.kracht,
                   unit_price=Decimal("50.00"), agreed_quantity=40, initiatives_only=False)
    found = figures.build(logged.running, period_for(logged.running, "2026-K1"), today=TODAY)
    spend = found["spend"]
    assert spend["hourly_rate"] == 100  # 100,000 euro for 1,000 hours
    assert spend["agreed_hours"] == pytest.approx(1000 * 90 / 365, abs=0.05)
    assert spend["realised_hours_amount"] == 2000  # 20 hours at 100
    training = spend["products"][0]
    assert training["realised"] == 10 and training["realised_amount"] == 500


def test_signals_taken_up_within_the_agreed_days(logged):
    a = logged.running
    for referred, taken in ((dt.date(2026, 3, 1), dt.date(2026, 3, 10)),
                            (dt.date(2026, 3, 1), dt.date(2026, 3, 30)),
                            (dt.date(2026, 3, 1), None)):
        SignalFactory(assignment=a, organisation=a.provider, area=logged.wk1,
                      referred_on=referred, taken_up_on=taken)
    SignalFactory(assignment=a, organisation=a.provider, area=logged.wk1, urgency="high")
    found = figures.build(a, period_for(a, "2026-K1"), today=TODAY)["signals"]
    assert (found["count"], found["referred"], found["in_time"]) == (4, 3, 1)
    assert found["urgent"] == 1 and found["agreed_days"] == 14
    assert found["in_time_share"] == pytest.approx(33.3)


def test_the_curve_of_a_count_runs_up_and_is_judged_on_its_forecast(logged):
    a = logged.running
    found = figures.build(a, period_for(a, "2026-H1"), today=TODAY)
    agreement = found["agreements"][0]
    assert [p["value"] for p in agreement["points"]] == [10, 15]  # running totals
    assert [p["own"] for p in agreement["points"]] == [10, 5]
    assert agreement["value"] == 15 and agreement["target"] == 100
    assert agreement["forecast"]["method"] == "pace"
    # 15 in 181 days carried on for 184 more days: about 30, far below 100
    assert agreement["forecast"]["value"] == pytest.approx(15 + 15 / 181 * 184, abs=0.01)
    # two quarters that differ (10, then 5) leave a wide band: t with one degree of freedom
    assert agreement["forecast"]["high"] > 100
    assert agreement["verdict"] == curve.UNSURE
    assert agreement["progress"] == 15


def test_live_figures_are_kept_until_the_data_changes(logged, django_assert_max_num_queries):
    from opbouw.logbook.tests.factories import ActivityFactory

    a = logged.running
    period = period_for(a, "2026-K1")
    first = selectors.live_figures(a, period, today=TODAY)
    with django_assert_max_num_queries(8):  # the fingerprint and the kept copy only
        assert selectors.live_figures(a, period, today=TODAY) == first
    ActivityFactory(assignment=a, worker=logged.worker, date=dt.date(2026, 3, 5))
    again = selectors.live_figures(a, period, today=TODAY)
    assert again["quantity"]["totals"]["activities"] == 11
    # an entry after the quarter leaves its kept figures alone (no recomputation)
    ActivityFactory(assignment=a, worker=logged.worker, date=dt.date(2026, 11, 5))
    with django_assert_max_num_queries(8):
        assert selectors.live_figures(a, period, today=TODAY) == again


def test_a_change_is_never_reached_while_its_interval_holds_zero(db):
    from opbouw.assignments.tests.factories import AssignmentFactory
    from opbouw.measurements.models import MeasurementRound
    from opbouw.measurements.tests.factories import DimensionFactory, InstrumentFactory, ItemFactory
    from opbouw.measurements.tests.test_indicators import agreement_on, held
    from opbouw.organisations.tests.factories import AreaFactory
    from opbouw.reports import presentation

    instrument = InstrumentFactory(code="buurt_test")
    dimension = DimensionFactory(instrument=instrument, code="samen")
    ItemFactory(instrument=instrument, dimension=dimension, code="b_1")
    north = AreaFactory()
    a = AssignmentFactory(areas=[north])
    agreement = agreement_on(a, "measurements.change", "buurt_test")
    agreement.target, agreement.ends_on = Decimal("0.3"), dt.date(2026, 9, 30)
    agreement.save()
    baseline = held(instrument, a, north, (1, 15), [1, 2, 3, 4, 5])               # mean 3
    held(instrument, a, north, (9, 1), [2, 3, 4, 5, 4, 3],                        # mean 3.5
         kind=MeasurementRound.Kind.FOLLOW_UP, baseline=baseline)
    found = figures.build(a, period_for(a, "2026-K3"), today=TODAY)["agreements"][0]
    assert found["value"] == 0.5 and found["target"] == 0.3  # beats the target...
    assert found["low"] < 0 < found["high"]
    assert found["verdict"] == curve.UNSURE  # ...but may be chance: never "behaald"
    assert "nul" in presentation.reason(found)
    change = figures.build(a, period_for(a, "2026-K3"), today=TODAY)["measurements"]["changes"]
    assert change[0]["verdict"] == "unclear" and change[0]["n_after"] == 6


def test_progress_beyond_the_target_is_said_as_such():
    from opbouw.reports import presentation

    a = {"progress": 433}
    assert "4,3 keer" in presentation.progress_text(a) or "4.3" in presentation.progress_text(a)
    assert "433%" in presentation.progress_text(a)
