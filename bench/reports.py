"""Benchmark: the accountability report of one assignment, at city and at national scale.

Goals (issue 11, "Scale"): the assignment's report answers in ≤ 300 ms at city scale (median
of 5 after a warm-up), and at national scale within 1.5 times its city time, measured side by
side in this one run. The report reads its figures once per change of the data (kept with a
fingerprint, selectors.live_figures); the first view after a change computes them, and that
cold time is shown too. Run:

    .venv/bin/python bench/reports.py [city] [national]      (default: both)

Each scale is loaded into a fresh throwaway SQLite database in a temporary directory.
Exits non-zero if a goal is missed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from _django import django_in_temp_dir  # bench/ is the script's directory
from pages import RUNS, _time

GOAL_MS = 300
RATIO = 1.5
SCALES = ("city", "national")


def _cold_ms(assignment, code: str) -> float:
    """Milliseconds to compute the figures from the rows (no kept copy)."""
    from django.utils import timezone

    from opbouw.reports import figures
    from opbouw.reports.periods import period_for

    period = period_for(assignment, code)
    start = time.perf_counter()
    figures.build(assignment, period, today=timezone.localdate())
    return (time.perf_counter() - start) * 1000


def _run(scale: str, database: Path) -> dict[str, tuple[float, int, int]]:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    if connection.vendor != "sqlite":
        sys.exit("bench/reports.py loads each scale into its own SQLite file: unset DATABASE_URL")
    connection.close()
    connection.settings_dict["NAME"] = str(database)
    call_command("migrate", verbosity=0)
    from opbouw.accounts.models import User
    from opbouw.assignments.models import Assignment
    from opbouw.demo.generate import demo_data_load
    from opbouw.logbook.models import Activity
    from opbouw.reports.models import Report

    start = time.perf_counter()
    demo_data_load(scale=scale, seed=2008)
    print(f"{scale}: {Activity.objects.count()} logbook entries, {Report.objects.count()} "
          f"reports, loaded in {time.perf_counter() - start:.1f} s")
    assignment = Assignment.objects.get(
        provider__short_name="SONOR", status=Assignment.Status.RUNNING,
        title__startswith="Opbouwwerk Kralingen-Crooswijk")
    report = Report.objects.filter(assignment=assignment, status="submitted").first()
    year = assignment.starts_on.year
    pages = [
        ("manager", "rapportages (tegels)", "/rapportages/"),
        ("manager", "verantwoording K3 (live)",
         f"/rapportages/opdrachten/{assignment.pk}/?periode={year}-K3"),
        ("opdrachtgever", "verantwoording hele looptijd",
         f"/rapportages/opdrachten/{assignment.pk}/?periode=looptijd"),
        ("opdrachtgever", "ingediende verantwoording", f"/rapportages/{report.pk}/"),
        ("opdrachtgever", "startpagina (tegels)", "/"),
    ]
    clients: dict[str, Client] = {}
    results = {}
    for username, label, url in pages:
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
        results[label] = _time(clients[username], url, None)
    cold = _cold_ms(assignment, "looptijd")
    results["figures berekenen (koud)"] = (cold, 0, 200)
    connection.close()
    return results


def main(scales: list[str]) -> int:
    with django_in_temp_dir() as var_dir:
        runs = {scale: _run(scale, Path(var_dir) / f"{scale}.sqlite3") for scale in scales}
    failed = False
    print(f"\n{'page':32}" + "".join(f" {s + ' ms':>12} {'queries':>7}" for s in scales)
          + ("   ratio" if len(scales) > 1 else "") + "  verdict")
    for label in runs[scales[0]]:
        results = [runs[s][label] for s in scales]
        problems = []
        cold = label.endswith("(koud)")
        for scale, (ms, _queries, status) in zip(scales, results, strict=True):
            if status != 200:
                problems.append(f"HTTP {status} ({scale})")
            elif scale == "city" and ms > GOAL_MS and not cold:
                problems.append("TOO SLOW (city)")
        ratio = ""
        if len(scales) > 1:
            value = results[1][0] / results[0][0]
            ratio = f" {value:7.2f}"
            if value > RATIO and not cold:
                problems.append(f"NATIONAL > {RATIO} x CITY")
        failed |= bool(problems)
        print(f"{label:32}" + "".join(f" {ms:12.1f} {queries:7}" for ms, queries, _s in results)
              + ratio + "  " + (", ".join(problems) or ("ok" if not cold else "(info)")))
    print(f"goal: every report page ≤ {GOAL_MS} ms at city scale (median of {RUNS} after a "
          f"warm-up) on a 2-core machine, and at national scale ≤ {RATIO} x its city time")
    return 1 if failed else 0


if __name__ == "__main__":
    chosen = sys.argv[1:] or list(SCALES)
    if any(s not in SCALES for s in chosen) or len(set(chosen)) != len(chosen):
        sys.exit(f"usage: {sys.argv[0]} [city] [national]   (default: both)")
    sys.exit(main(chosen))
