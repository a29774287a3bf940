"""Report periods: calendar quarters, halves and years clipped to the assignment's term.

A period has a code that reads in a URL: ``2026-K3`` (quarter), ``2026-H1`` (half year),
``2026`` (year) and ``looptijd`` (the whole term).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from opbouw.core.formats import date_text
from opbouw.reports.models import PeriodKind

TERM = "looptijd"
_CODE = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[KH])(?P<n>[1-4]))?$")


@dataclass(frozen=True)
class Term:
    """Any span with the two dates periods are clipped to (an assignment, an agreement)."""

    starts_on: dt.date
    ends_on: dt.date


@dataclass(frozen=True)
class ReportPeriod:
    kind: str  # a PeriodKind value
    code: str
    starts_on: dt.date
    ends_on: dt.date

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.TERM:
            return _("hele looptijd (%(start)s – %(end)s)") % {
                "start": date_text(self.starts_on, "NUMERIC_DATE_FORMAT"),
                "end": date_text(self.ends_on, "NUMERIC_DATE_FORMAT")}
        if self.kind == PeriodKind.QUARTER:
            year, n = self.code.split("-K")
            return _("%(n)se kwartaal %(year)s") % {"n": n, "year": year}
        if self.kind == PeriodKind.HALF:
            year, n = self.code.split("-H")
            return (_("eerste halfjaar %(year)s") if n == "1"
                    else _("tweede halfjaar %(year)s")) % {"year": year}
        return _("jaar %(year)s") % {"year": self.code}

    @property
    def dates(self) -> str:
        start = date_text(self.starts_on, "NUMERIC_DATE_FORMAT")
        return f"{start} – {date_text(self.ends_on, 'NUMERIC_DATE_FORMAT')}"


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _calendar(code: str) -> tuple[str, dt.date, dt.date] | None:
    """The kind and calendar dates of a period code (without the term)."""
    match = _CODE.match(code)
    if not match:
        return None
    year = int(match["year"])
    if not 2000 <= year <= 2100:
        return None
    kind, n = match["kind"], match["n"]
    if kind is None:
        return PeriodKind.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31)
    number = int(n)
    if kind == "K":
        first = 3 * (number - 1) + 1
        return PeriodKind.QUARTER, dt.date(year, first, 1), _month_end(year, first + 2)
    if number > 2:
        return None
    first = 1 if number == 1 else 7
    return PeriodKind.HALF, dt.date(year, first, 1), _month_end(year, first + 5)


def period_for(assignment, code: str) -> ReportPeriod | None:
    """The period of the code clipped to the assignment's term; None when outside it."""
    if code == TERM:
        return ReportPeriod(PeriodKind.TERM, TERM, assignment.starts_on, assignment.ends_on)
    found = _calendar(code)
    if found is None:
        return None
    kind, start, end = found
    start, end = max(start, assignment.starts_on), min(end, assignment.ends_on)
    if end < start:
        return None
    return ReportPeriod(kind, code, start, end)


def code_for(kind: str, day: dt.date) -> str:
    """The code of the period of the kind that holds the day."""
    if kind == PeriodKind.QUARTER:
        return f"{day.year}-K{(day.month - 1) // 3 + 1}"
    if kind == PeriodKind.HALF:
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    if kind == PeriodKind.YEAR:
        return str(day.year)
    return TERM


def periods_of(assignment, kind: str) -> list[ReportPeriod]:
    """Every period of the kind in the assignment's term, in date order."""
    if kind == PeriodKind.TERM:
        return [ReportPeriod(PeriodKind.TERM, TERM, assignment.starts_on, assignment.ends_on)]
    found: list[ReportPeriod] = []
    day = assignment.starts_on
    while day <= assignment.ends_on:
        period = period_for(assignment, code_for(kind, day))
        assert period is not None  # the day lies in the term
        found.append(period)
        day = period.ends_on + dt.timedelta(days=1)
    return found


def choices(assignment, *, today: dt.date) -> list[ReportPeriod]:
    """The periods a report can be made of: those begun by today, newest first per kind."""
    found: list[ReportPeriod] = []
    for kind in (PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YEAR):
        found += [p for p in reversed(periods_of(assignment, kind)) if p.starts_on <= today]
    found += periods_of(assignment, PeriodKind.TERM)
    return found


def default_period(assignment, *, today: dt.date) -> ReportPeriod:
    """The last finished quarter of the term, or the current one when none has finished."""
    quarters = periods_of(assignment, PeriodKind.QUARTER)
    finished = [p for p in quarters if p.ends_on < today]
    if finished:
        return finished[-1]
    begun = [p for p in quarters if p.starts_on <= today]
    return begun[-1] if begun else quarters[0]


def code_of(kind: str, starts_on: dt.date) -> str:
    """The code of a stored period (a report's kind and first day)."""
    return TERM if kind == PeriodKind.TERM else code_for(kind, starts_on)
