"""Progress against agreements, computed from hand-made logbook, signal and manual rows."""

import datetime as dt
from decimal import Decimal

import pytest

from opbouw.assignments import selectors
from opbouw.assignments.models import ManualValue
from opbouw.assignments.tests.factories import IndicatorFactory, ResultAgreementFactory
from opbouw.logbook.models import Activity
from opbouw.signals.models import Category, Signal

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 7, 1)  # 182 of the year's 365 days have passed


def _activity(world, date, hours, participants, new=0, assignment=None, contact_form="group",
              **extra):
    return Activity.objects.create(
        date=date, worker=world.worker, organisation=world.p1,
        assignment=assignment or world.running, area=world.wk1, contact_form=contact_form,
        participants=participants, new_participants=new, hours=Decimal(hours),
        description="Bewonersavond", **extra)


def _signal(world, date, referred=None, taken_up=None, status="open"):
    category, _ = Category.objects.get_or_create(domain="liveability", name="Zwerfvuil")
    return Signal.objects.create(
        date=date, organisation=world.p1, reported_by=world.worker, assignment=world.running,
        area=world.wk1, category=category, description="Afval naast de containers.",
        source="observation", status=status, referred_on=referred, taken_up_on=taken_up)


def _agreement(world, computation, aggregation, target, baseline=None, polarity="higher",
               source="logbook", **extra):
    indicator = IndicatorFactory(source=source, computation=computation,
                                 aggregation=aggregation, polarity=polarity)
    return ResultAgreementFactory(assignment=world.running, indicator=indicator,
                                  target=Decimal(target),
                                  baseline=None if baseline is None else Decimal(baseline),
                                  **extra)


@pytest.fixture
def logbook(world):
    """Three activities in the first half year, one later, one for another assignment."""
    _activity(world, dt.date(2026, 2, 3), "2", 10, new=5, supports_initiative=True)
    _activity(world, dt.date(2026, 3, 10), "3", 20, new=5)
    _activity(world, dt.date(2026, 6, 30), "1.5", 0, contact_form="street")
    _activity(world, dt.date(2026, 9, 1), "8", 40)  # after "today"
    _activity(world, dt.date(2026, 2, 3), "6", 6, assignment=world.west_assignment)
    return world


def _progress(world, agreement):
    progress = selectors.assignment_progress(world.running, today=TODAY)
    return next(p for p in progress.agreements if p.agreement.pk == agreement.pk)


def test_hours_activities_and_budget_so_far(logbook):
    world = logbook
    _agreement(world, "logbook.activities", "count", "12")
    progress = selectors.assignment_progress(world.running, today=TODAY)
    assert progress.realised_hours == Decimal("6.5")
    assert progress.activities == Decimal(3)
    assert progress.activities_target == Decimal(12)
    assert progress.activities_percent == 25
    assert progress.hours_percent == 1  # 6,5 of 1.000 hours
    assert progress.price_per_hour == Decimal("100.00")
    assert progress.budget_spent == Decimal("650.00")  # 6,5 hours at 100 euro
    assert progress.budget_pro_rata == (Decimal(100000) * 182 / 365).quantize(Decimal("0.01"))
    assert progress.expected_hours == Decimal("498.6")


def test_computed_indicator_values_from_the_logbook(logbook):
    world = logbook
    hours = _agreement(world, "logbook.hours", "sum", "1000")
    mean = _agreement(world, "logbook.hours_per_activity", "mean", "3", baseline="4",
                      polarity="lower")
    share = _agreement(world, "logbook.new_share", "share", "40", baseline="20")
    cost = _agreement(world, "logbook.cost_per_participant", "mean", "2000", polarity="lower")
    initiatives = _agreement(world, "logbook.initiatives", "count", "2")
    assert _progress(world, hours).value == Decimal("6.5")
    assert _progress(world, mean).value == Decimal("2.17")  # 6,5 hours / 3 activities
    assert _progress(world, share).value == Decimal("33.33")  # 10 new of 30 participants
    # The budget for 1 January - 1 July (182 of 365 days) over 30 participants.
    expected_cost = (Decimal(100000) * 182 / 365 / 30).quantize(Decimal("0.01"))
    assert expected_cost == Decimal("1662.10")
    assert _progress(world, cost).value == expected_cost
    assert _progress(world, initiatives).value == Decimal(1)


def test_signal_indicators_referred_and_taken_up(world):
    _signal(world, dt.date(2026, 1, 10), referred=dt.date(2026, 1, 12),
            taken_up=dt.date(2026, 2, 1), status="taken_up")
    _signal(world, dt.date(2026, 2, 10), referred=dt.date(2026, 2, 11),
            taken_up=dt.date(2026, 3, 1), status="closed")
    _signal(world, dt.date(2026, 3, 10), referred=dt.date(2026, 3, 11), status="referred")
    _signal(world, dt.date(2026, 4, 10))
    _signal(world, dt.date(2026, 8, 10), referred=dt.date(2026, 8, 11))  # after "today"
    count = _agreement(world, "signals.count", "count", "20", source="signals")
    referred = _agreement(world, "signals.referred", "count", "10", source="signals")
    taken_up = _agreement(world, "signals.taken_up_share", "share", "60", baseline="50",
                          source="signals")
    closed = _agreement(world, "signals.closed_share", "share", "50", source="signals")
    assert _progress(world, count).value == Decimal(4)
    assert _progress(world, referred).value == Decimal(3)
    assert _progress(world, taken_up).value == Decimal("66.67")  # 2 of 3 referred
    assert _progress(world, closed).value == Decimal("25.00")  # 1 of 4


def test_on_course_follows_time_and_polarity(logbook):
    world = logbook
    hours = _progress(world, _agreement(world, "logbook.hours", "sum", "1000"))
    # By 1 July 182/365 of 1.000 hours were expected; 6,5 is behind.
    assert hours.expected == Decimal("498.63")
    assert (hours.status, hours.reached, hours.percent) == ("behind", False, 1)
    few = _progress(world, _agreement(world, "logbook.hours", "sum", "10"))
    assert (few.status, few.reached) == ("on_track", False)  # 6,5 >= 4,99 expected by now
    mean = _progress(world, _agreement(world, "logbook.hours_per_activity", "mean", "3",
                                       baseline="4", polarity="lower"))
    # Lower is better: from 4 towards 3, expected 3,50 by now; 2,17 is better than both.
    assert mean.expected == Decimal("3.50")
    assert (mean.status, mean.reached) == ("on_track", True)
    assert mean.percent == 183  # (4 - 2,17) / (4 - 3)
    worse = _progress(world, _agreement(world, "logbook.hours_per_activity", "mean", "1",
                                        polarity="lower"))
    assert (worse.expected, worse.status) == (Decimal("1.00"), "behind")


def test_an_agreement_that_has_not_started_yet(logbook):
    world = logbook
    later = _agreement(world, "logbook.hours", "sum", "100", starts_on=dt.date(2026, 10, 1),
                       ends_on=dt.date(2026, 12, 31))
    progress = _progress(world, later)
    assert (progress.value, progress.status, progress.expected) == (None, "not_started", None)


def test_manual_values_add_up_for_counts_and_take_the_latest_for_means(world):
    count = _agreement(world, "", "count", "10", source="manual")
    mean = _agreement(world, "", "mean", "8", baseline="7", source="manual")
    for agreement, values in ((count, ["3", "4"]), (mean, ["7.5", "8.0"])):
        for (start, end), value in zip([(dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
                                        (dt.date(2026, 4, 1), dt.date(2026, 6, 30))],
                                       values, strict=True):
            ManualValue.objects.create(agreement=agreement, starts_on=start, ends_on=end,
                                       value=Decimal(value))
    counted = _progress(world, count)
    assert (counted.method, counted.value, counted.as_of) == ("manual", Decimal(7),
                                                              dt.date(2026, 6, 30))
    # Judged as of 30 June: 181 of 365 days of the target 10 were expected.
    assert counted.expected == (Decimal(10) * 181 / 365).quantize(Decimal("0.01"))
    assert counted.status == "on_track"
    latest = _progress(world, mean)
    assert (latest.value, latest.reached) == (Decimal("8.0"), True)
    assert len(latest.manual_values) == 2


def test_manual_aggregate_rules():
    def v(value, end, pk):
        return ManualValue(value=Decimal(value), starts_on=dt.date(2026, 1, 1), ends_on=end,
                           pk=pk)

    values = [v("5", dt.date(2026, 6, 30), 2), v("3", dt.date(2026, 3, 31), 1)]
    assert selectors.manual_aggregate("sum", values) == Decimal(8)
    assert selectors.manual_aggregate("count", values) == Decimal(8)
    assert selectors.manual_aggregate("mean", values) == Decimal(5)
    assert selectors.manual_aggregate("share", values) == Decimal(5)
    assert selectors.manual_aggregate("mean", []) is None


def test_without_values_a_manual_agreement_has_no_verdict(world):
    progress = _progress(world, _agreement(world, "", "mean", "8", source="manual"))
    assert (progress.value, progress.status, progress.expected) == (None, "unknown", None)


def test_time_share():
    start, end = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    assert selectors.time_share(start, end, dt.date(2025, 12, 31)) == 0
    assert selectors.time_share(start, end, dt.date(2026, 1, 1)) == Decimal(1) / 365
    assert selectors.time_share(start, end, dt.date(2027, 5, 1)) == 1
