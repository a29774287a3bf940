"""The logbook's registered indicator computations, against hand-made rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opbouw.assignments.indicators import Period, computation, computations
from opbouw.assignments.tests.factories import AssignmentFactory
from opbouw.logbook.tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

JANUARY = (dt.date(2026, 1, 1), dt.date(2026, 1, 31))


@pytest.fixture
def assignment():
    """A year-long assignment of 36,500 euro (100 a day) with four entries, three in January;
    plus an entry of another assignment in January that must never count."""
    assignment = AssignmentFactory(budget=Decimal("36500.00"), starts_on=dt.date(2026, 1, 1),
                                   ends_on=dt.date(2026, 12, 31))
    rows = [  # date, form, hours, participants, new, volunteers, initiative
        (dt.date(2026, 1, 1), "group", "2.00", 10, 4, 2, True),
        (dt.date(2026, 1, 20), "conversation", "1.50", 5, 1, 0, False),
        (dt.date(2026, 1, 31), "street", "0.50", 0, 0, 1, True),
        (dt.date(2026, 2, 1), "group", "3.00", 100, 50, 9, True),
    ]
    for date, form, hours, participants, new, volunteers, initiative in rows:
        ActivityFactory(assignment=assignment, date=date, contact_form=form,
                        hours=Decimal(hours), participants=participants,
                        new_participants=new, volunteers=volunteers,
                        supports_initiative=initiative)
    ActivityFactory(date=dt.date(2026, 1, 15), hours=Decimal("8"), participants=40)
    return assignment


def value(key, assignment, starts_on, ends_on):
    return computation(key).compute(Period(assignment, starts_on, ends_on))


def test_the_logbook_registers_these_computations():
    assert [c.key for c in computations("logbook")] == [
        "logbook.activities", "logbook.cost_per_hour", "logbook.cost_per_participant",
        "logbook.group_share", "logbook.hours", "logbook.hours_per_activity",
        "logbook.initiatives", "logbook.new_participants", "logbook.new_share",
        "logbook.participants", "logbook.participants_per_activity", "logbook.volunteers",
    ]


@pytest.mark.parametrize(("key", "expected"), [
    ("logbook.activities", Decimal("3")),
    ("logbook.hours", Decimal("4.00")),
    ("logbook.participants", Decimal("15")),
    ("logbook.new_participants", Decimal("5")),
    ("logbook.new_share", Decimal("33.33")),  # 5 of 15
    ("logbook.volunteers", Decimal("3")),
    ("logbook.initiatives", Decimal("2")),
    ("logbook.hours_per_activity", Decimal("1.33")),  # 4 / 3
    ("logbook.participants_per_activity", Decimal("5.00")),
    ("logbook.group_share", Decimal("33.33")),  # 1 of 3
    ("logbook.cost_per_participant", Decimal("206.67")),  # 31 days x 100 euro / 15
    ("logbook.cost_per_hour", Decimal("775.00")),  # 3,100 / 4
])
def test_january(assignment, key, expected):
    assert value(key, assignment, *JANUARY) == expected


@pytest.mark.parametrize(("key", "expected"), [
    ("logbook.activities", Decimal("4")),
    ("logbook.hours", Decimal("7.00")),
    ("logbook.participants", Decimal("115")),
    ("logbook.new_share", Decimal("47.83")),  # 55 of 115
    ("logbook.group_share", Decimal("50.00")),
    ("logbook.cost_per_hour", Decimal("5214.29")),  # the whole 36,500 over 7 hours
])
def test_the_whole_assignment(assignment, key, expected):
    assert value(key, assignment, dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == expected


@pytest.mark.parametrize(("key", "expected"), [
    ("logbook.activities", Decimal("0")),
    ("logbook.hours", Decimal("0")),
    ("logbook.participants", Decimal("0")),
    ("logbook.new_share", None),
    ("logbook.hours_per_activity", None),
    ("logbook.group_share", None),
    ("logbook.cost_per_participant", None),
    ("logbook.cost_per_hour", None),
])
def test_a_period_without_entries_has_no_ratios(assignment, key, expected):
    assert value(key, assignment, dt.date(2026, 3, 1), dt.date(2026, 3, 31)) == expected


def test_budget_share_is_zero_outside_the_assignment(assignment):
    assert value("logbook.cost_per_hour", assignment, dt.date(2027, 1, 1),
                 dt.date(2027, 1, 31)) is None
    from opbouw.logbook.indicators import budget_share

    assert budget_share(Period(assignment, dt.date(2027, 1, 1), dt.date(2027, 1, 31))) == 0
    assert budget_share(Period(assignment, dt.date(2025, 12, 1), dt.date(2026, 1, 10))) == \
        Decimal("1000")
