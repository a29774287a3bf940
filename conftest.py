"""Fixtures shared by every app's tests."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from opbouw.accounts.models import User
from opbouw.demo.generate import demo_data_load

# The demo data is generated relative to today. Tests that use it run on this day instead, with
# the clock starting at noon: the data and the tests' "today" agree on whatever day they run.
# (opbouw/demo/tests/test_work_demo_dates.py checks the demo on other days of the year.)
DEMO_NOW = dt.datetime(2026, 12, 4, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture(autouse=True)
def _isolated_settings(settings, tmp_path):
    """Keep tests fast and independent of the developer's environment."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.LANGUAGE_CODE = "nl"


# The loaded demo data: its summary and its rows per table, once generated.
_DEMO_SNAPSHOT: list = []


@pytest.fixture
def demo(db):
    """The tiny demo data set: the six demo logins plus a small city, as of DEMO_NOW.

    Generating it takes seconds; a hundred tests use it. The first test generates it and keeps
    every table's rows; later tests put those rows back with plain inserts. The test itself
    runs with the clock at DEMO_NOW, ticking on from there.
    """
    from testing.snapshot import snapshot_restore, snapshot_take

    with time_machine.travel(DEMO_NOW, tick=False):
        if _DEMO_SNAPSHOT:
            summary, snapshot = _DEMO_SNAPSHOT
            snapshot_restore(snapshot)
        else:
            summary = demo_data_load(scale="tiny", seed=2008)
            _DEMO_SNAPSHOT[:] = [summary, snapshot_take()]
    with time_machine.travel(DEMO_NOW, tick=True):
        yield summary


@pytest.fixture
def login(client: Client):
    """Return a function that logs the test client in as a username (no password check)."""

    def _login(username: str) -> Client:
        client.force_login(User.objects.get(username=username))
        return client

    return _login
