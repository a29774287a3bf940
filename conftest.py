"""Fixtures shared by every app's tests."""

from __future__ import annotations

import pytest
from django.test import Client

from opbouw.accounts.models import User
from opbouw.demo.generate import demo_data_load


@pytest.fixture(autouse=True)
def _isolated_settings(settings, tmp_path):
    """Keep tests fast and independent of the developer's environment."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.LANGUAGE_CODE = "nl"


# Loaded demo data per day (it is generated relative to today), as rows per table.
_DEMO_SNAPSHOTS: dict = {}


@pytest.fixture
def demo(db):
    """The tiny demo data set: the six demo logins plus a small city.

    Generating it takes seconds; a hundred tests use it. The first test of a day generates
    it and keeps every table's rows; later tests put those rows back with plain inserts.
    """
    from django.utils import timezone

    from opbouw.demo.snapshot import snapshot_restore, snapshot_take

    today = timezone.localdate()
    if today in _DEMO_SNAPSHOTS:
        summary, snapshot = _DEMO_SNAPSHOTS[today]
        snapshot_restore(snapshot)
        return summary
    summary = demo_data_load(scale="tiny", seed=2008)
    _DEMO_SNAPSHOTS[today] = (summary, snapshot_take())
    return summary


@pytest.fixture
def login(client: Client):
    """Return a function that logs the test client in as a username (no password check)."""

    def _login(username: str) -> Client:
        client.force_login(User.objects.get(username=username))
        return client

    return _login
