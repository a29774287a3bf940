"""Shared set-up of the benchmarks: Django on a throwaway var directory."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def django_in_temp_dir() -> Iterator[Path]:
    """Set Django up with its SQLite database and key in a temporary directory; yield it.

    The test client's host is allowed, so the benchmarks can request pages with
    django.test.Client.
    """
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    with tempfile.TemporaryDirectory() as var_dir:
        os.environ["OPBOUW_VAR_DIR"] = var_dir
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django
        from django.conf import settings

        django.setup()
        if "testserver" not in settings.ALLOWED_HOSTS:  # django.test.Client's host
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        yield Path(var_dir)
