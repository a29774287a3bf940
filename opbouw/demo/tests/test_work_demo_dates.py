"""The demo's year of work is worth reporting on whichever day it is generated.

The demo data runs from 1 January of last year up to today, so what it holds changes every day.
Here the work module (action plans, assignments, logbook, signals: the real generator) is
generated as of days spread over the year, with the clock pinned, and each time the properties
the reports rely on must hold: the planted rise of drug nuisance in Feijenoord and nowhere else,
finished assignments realised at 86-98% of their agreed hours, running ones on course, and the
seasons in the signals. The rest of the demo (people, areas, methods) is generated once and put
back before each day; test_work_demo.py loads the whole demo on a new year's day and a leap day.
"""

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db.models import F

from opbouw.assignments.models import ManualValue
from opbouw.demo import work
from opbouw.demo.generate import demo_data_load
from opbouw.demo.tests.test_work_demo import check_drug_nuisance, check_hours, check_seasons
from opbouw.logbook.models import Activity
from opbouw.signals.models import FollowUp, Signal
from testing.snapshot import snapshot_restore, snapshot_take

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

DAYS = [
    dt.date(2026, 12, 4),
    dt.date(2027, 1, 1),  # a holiday: the year has begun, nothing has been done in it yet
    dt.date(2027, 1, 31),
    dt.date(2027, 2, 28),
    dt.date(2027, 3, 31),
    dt.date(2027, 4, 30),
    dt.date(2027, 5, 31),
    dt.date(2027, 6, 30),
    dt.date(2027, 8, 31),  # the last four months hold the summer holidays
    dt.date(2027, 9, 30),
    dt.date(2027, 11, 30),
    dt.date(2027, 12, 31),
    dt.date(2028, 1, 1),  # a Saturday
    dt.date(2028, 2, 29),
]

# The demo without its year of work, as rows per table, generated once.
_BASE: list = []


@pytest.fixture
def base(db) -> None:
    """Put back the demo's people, areas and methods (generated on the first use)."""
    if _BASE:
        snapshot_restore(_BASE[0])
        return
    with time_machine.travel(dt.datetime(2026, 12, 4, 12, tzinfo=AMSTERDAM), tick=False):
        demo_data_load(scale="tiny", seed=2008, with_work=False)
    _BASE.append(snapshot_take())


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_the_year_of_work_is_worth_reporting_on_any_day(base, today):
    with time_machine.travel(dt.datetime.combine(today, dt.time(12), tzinfo=AMSTERDAM),
                             tick=False):
        summary = work.load(rng=random.Random(2008), scale="tiny")
        # Nothing after today, and every entry within its assignment.
        assert not Activity.objects.filter(date__gt=today).exists()
        assert not Activity.objects.exclude(date__gte=F("assignment__starts_on"),
                                            date__lte=F("assignment__ends_on")).exists()
        assert not Signal.objects.filter(date__gt=today).exists()
        assert not FollowUp.objects.filter(date__gt=today).exists()
        assert not ManualValue.objects.filter(ends_on__gte=today).exists()
        check_drug_nuisance(summary)
        check_hours()
        check_seasons()
