"""The signals' indicator computations against hand-made signals (exact values)."""

import datetime as dt
from decimal import Decimal

import pytest

from opbouw.assignments.indicators import Period, computation, computations
from opbouw.assignments.tests.factories import AssignmentFactory
from opbouw.signals.tests.factories import SignalFactory

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


@pytest.fixture
def period():
    assignment = AssignmentFactory()
    other = AssignmentFactory()

    def signal(date, assignment=assignment, **fields):
        return SignalFactory(assignment=assignment, organisation=assignment.provider,
                             area=assignment.areas.first(), date=date, **fields)

    signal(dt.date(2026, 1, 1), urgency="high")  # open, first day counts
    signal(dt.date(2026, 2, 10), status="taken_up", referred_on=dt.date(2026, 2, 11),
           taken_up_on=dt.date(2026, 2, 20))
    signal(dt.date(2026, 3, 5), status="referred", referred_on=dt.date(2026, 3, 6))
    signal(dt.date(2026, 4, 1), status="closed", referred_on=dt.date(2026, 4, 2),
           taken_up_on=dt.date(2026, 4, 9))
    signal(dt.date(2026, 6, 30), status="closed")  # last day counts, never referred
    signal(dt.date(2025, 12, 31), urgency="high", status="closed")  # before the period
    signal(dt.date(2026, 7, 1), urgency="high")  # after it
    signal(dt.date(2026, 2, 1), assignment=other, urgency="high",
           status="closed", referred_on=dt.date(2026, 2, 1))  # another assignment
    return Period(assignment=assignment, starts_on=START, ends_on=END)


def value(key, period):
    return computation(key).compute(period)


def test_the_signals_computations_are_registered():
    assert [c.key for c in computations("signals")] == [
        "signals.closed_share", "signals.count", "signals.referred",
        "signals.taken_up_share", "signals.urgent"]


def test_values_from_hand_made_signals(period):
    assert value("signals.count", period) == Decimal(5)
    assert value("signals.urgent", period) == Decimal(1)
    assert value("signals.referred", period) == Decimal(3)
    assert value("signals.taken_up_share", period) == Decimal("66.67")  # 2 of 3
    assert value("signals.closed_share", period) == Decimal("40.00")  # 2 of 5


def test_shares_are_undefined_without_signals():
    empty = Period(assignment=AssignmentFactory(), starts_on=START, ends_on=END)
    assert value("signals.count", empty) == Decimal(0)
    assert value("signals.taken_up_share", empty) is None
    assert value("signals.closed_share", empty) is None
