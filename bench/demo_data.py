"""Benchmark: how long the demo data takes to load, per scale, into a fresh database.

Goal (issue "Platform foundation"): `make run` serves within about a minute on a 2-core
machine, so loading the city scale must stay well under that. Run:

    .venv/bin/python bench/demo_data.py [tiny|city|national ...]

It uses a throwaway SQLite database in a temporary directory (or DATABASE_URL if set, which
must then point at an empty database).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

GOALS_SECONDS = {"tiny": 2, "city": 15, "national": 120}


def main(scales: list[str]) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    failed = False
    for scale in scales:
        with tempfile.TemporaryDirectory() as var_dir:
            os.environ["OPBOUW_VAR_DIR"] = var_dir
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
            import django
            from django.core.management import call_command

            django.setup()
            from django.db import connection

            connection.close()
            connection.settings_dict["NAME"] = str(Path(var_dir) / "bench.sqlite3")
            call_command("migrate", verbosity=0)
            from opbouw.demo.generate import demo_data_load

            start = time.perf_counter()
            summary = demo_data_load(scale=scale, seed=2008)
            seconds = time.perf_counter() - start
            verdict = "ok" if seconds <= GOALS_SECONDS[scale] else "TOO SLOW"
            failed |= verdict != "ok"
            work = summary.work or {}
            print(f"{scale:9} {summary.workers:6} workers {summary.users:6} users "
                  f"{work.get('activities', 0):7} activities {work.get('signals', 0):6} signals "
                  f"{seconds:7.2f} s (goal {GOALS_SECONDS[scale]} s) {verdict}")
            if work.get("note"):
                print(f"{'':9} {work['note']}")
            connection.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["tiny", "city", "national"]))
