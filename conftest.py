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


@pytest.fixture
def demo(db):
    """The tiny demo data set: the six demo logins plus a small city."""
    return demo_data_load(scale="tiny", seed=2008)


@pytest.fixture
def login(client: Client):
    """Return a function that logs the test client in as a username (no password check)."""

    def _login(username: str) -> Client:
        client.force_login(User.objects.get(username=username))
        return client

    return _login
