"""Benchmark: how fast the key pages answer, and how many SQL queries they take, per scale.

Goals (DESIGN.md section 6 "Scale"): every page below answers in ≤ 500 ms (median of 5 runs
after one warm-up) at city scale on a 2-core machine, and its number of SQL queries does not
grow with the data: given more than one scale, a page whose query count differs between
them fails. Run:

    .venv/bin/python bench/pages.py [tiny] [city]      (default: city)

Each scale is loaded into a fresh throwaway SQLite database in a temporary directory; the
pages are requested with django.test.Client, logged in as the demo users (the quick-entry
POST adds a few half-hour entries for today). Exits non-zero if a goal is missed.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from _django import django_in_temp_dir  # bench/ is the script's directory

GOAL_MS = 500
RUNS = 5
SCALES = ("tiny", "city")


def _pages(assignment, area, follow_up) -> list[tuple[str, str, str, dict | None]]:
    """(user, label, url, POST data or None) of the pages to time."""
    from django.utils import timezone

    entry = {
        "date": timezone.localdate().isoformat(), "assignment": assignment.pk,
        "area": area.pk, "intervention": "", "contact_form": "meeting",
        "participants": "8", "new_participants": "2", "volunteers": "1", "hours": "0,5",
        "description": "Overleg met de bewonerscommissie over de speeltuin",
        "follow_up": "", "target_group": "",
    }
    return [
        ("manager", "logboek", "/logboek/", None),
        ("manager", "logboek nieuw", "/logboek/nieuw/", None),
        ("manager", "logboek nieuw POST", "/logboek/nieuw/", entry),
        ("manager", "logboek export csv", "/logboek/export/?formaat=csv", None),
        ("manager", "signalen", "/signalen/", None),
        ("manager", "opdrachten", "/opdrachten/", None),
        ("opdrachtgever", "opdracht (detail)", f"/opdrachten/{assignment.pk}/", None),
        ("opdrachtgever", "signalen", "/signalen/", None),
        ("opdrachtgever", "wijkactieplannen", "/opdrachten/wijkactieplannen/", None),
        ("analist", "metingen", "/metingen/", None),
        ("analist", "verandering (vervolgronde)",
         f"/metingen/rondes/{follow_up.pk}/verandering/", None),
    ]


def _time(client, url: str, data: dict | None) -> tuple[float, int, int]:
    """Median milliseconds of RUNS requests after a warm-up, queries and status of the last."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def request():
        response = client.post(url, data) if data is not None else client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        else:
            response.content  # noqa: B018  (the body is rendered)
        return response

    request()
    timings = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = request()
            timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), len(queries.captured_queries), response.status_code


def _run(scale: str, database: Path) -> dict[tuple[str, str], tuple[float, int, int]]:
    """Load the scale into a fresh database and time every page: (user, page) -> results."""
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    if connection.vendor != "sqlite":
        sys.exit("bench/pages.py loads each scale into its own SQLite file: unset DATABASE_URL")
    connection.close()
    connection.settings_dict["NAME"] = str(database)
    call_command("migrate", verbosity=0)
    from opbouw.accounts.models import User
    from opbouw.assignments.models import Assignment
    from opbouw.demo.generate import demo_data_load
    from opbouw.logbook.selectors import assignment_areas
    from opbouw.measurements.models import MeasurementRound

    start = time.perf_counter()
    summary = demo_data_load(scale=scale, seed=2008)
    work = summary.work or {}
    print(f"{scale}: {summary.workers} workers, {work.get('activities', 0)} activities, "
          f"{work.get('signals', 0)} signals, loaded in {time.perf_counter() - start:.1f} s")
    assignment = Assignment.objects.get(
        provider__short_name="SONOR", status=Assignment.Status.RUNNING,
        title__startswith="Opbouwwerk Kralingen-Crooswijk")
    area = assignment_areas(assignment).first()
    follow_up = MeasurementRound.objects.filter(
        kind=MeasurementRound.Kind.FOLLOW_UP, baseline__isnull=False).order_by("pk").first()

    clients: dict[str, Client] = {}
    results = {}
    for username, label, url, data in _pages(assignment, area, follow_up):
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
        results[username, label] = _time(clients[username], url, data)
    connection.close()
    return results


def main(scales: list[str]) -> int:
    with django_in_temp_dir() as var_dir:
        runs = {scale: _run(scale, Path(var_dir) / f"{scale}.sqlite3") for scale in scales}

    failed = False
    print(f"\n{'user':14} {'page':27}" + "".join(f" {s + ' ms':>9} {'queries':>7}"
                                                 for s in scales) + "  verdict")
    for username, label in runs[scales[0]]:
        results = [runs[s][username, label] for s in scales]
        problems = []
        for scale, (ms, _queries, status) in zip(scales, results, strict=True):
            expected = 302 if label.endswith("POST") else 200
            if status != expected:
                problems.append(f"HTTP {status} ({scale})")
            elif ms > GOAL_MS:
                problems.append(f"TOO SLOW ({scale})")
        if len({queries for _ms, queries, _status in results}) > 1:
            problems.append("QUERIES GROW")
        failed |= bool(problems)
        print(f"{username:14} {label:27}" + "".join(f" {ms:9.1f} {queries:7}"
                                                    for ms, queries, _status in results)
              + "  " + (", ".join(problems) or "ok"))
    print(f"goal: every page ≤ {GOAL_MS} ms (median of {RUNS} after a warm-up) at city scale "
          "on a 2-core machine; with more than one scale, the same number of queries in each")
    return 1 if failed else 0


if __name__ == "__main__":
    chosen = sys.argv[1:] or ["city"]
    if not chosen or any(s not in SCALES for s in chosen) or len(set(chosen)) != len(chosen):
        sys.exit(f"usage: {sys.argv[0]} [tiny] [city]   (default: city)")
    sys.exit(main(chosen))
