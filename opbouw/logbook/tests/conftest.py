"""The logbook's tests run on a fixed day in a small hand-made world."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from opbouw.logbook.tests.factories import TODAY, make_world


@pytest.fixture
def today():
    """Freeze the clock at 10:00 on TODAY (Amsterdam time); yields the traveller."""
    moment = dt.datetime.combine(TODAY, dt.time(10), tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(moment, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db, today):
    return make_world()
