"""Reads of the reports module: live figures (kept per assignment and period), reports, tiles.

Live figures are computed once and kept (``FigureCache``) with a fingerprint of the data they
come from: the number, last change and highest id of the assignment's logbook entries,
signals, measurement rounds and responses, manual values, and the assignment's own version.
Only rows dated up to the figures' last day count, so new entries leave a finished period
alone. A page compares the fingerprint (a few indexed aggregates) and recomputes only when the
data changed; a submitted report never recomputes: it shows its frozen figures.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opbouw.access.principal import Principal
from opbouw.access.shortcuts import get_visible_or_404
from opbouw.assignments.models import Assignment, ManualValue
from opbouw.logbook.models import Activity
from opbouw.measurements.models import MeasurementRound, Response
from opbouw.reports import curve, scopes
from opbouw.reports import figures as figures_module
from opbouw.reports.models import FigureCache, Report, ReportEvent, Story
from opbouw.reports.periods import ReportPeriod, code_of, default_period, period_for
from opbouw.signals.models import Signal


def fingerprint(assignment: Assignment, *, as_of: dt.date) -> str:
    """A hash that changes whenever data behind the assignment's figures changes."""
    parts: list[Any] = [figures_module.FORMAT, as_of.isoformat(), assignment.version,
                        assignment.updated_at.isoformat()]
    # Rows dated after as_of cannot change these figures: today's entries leave a finished
    # quarter's kept figures alone.
    for qs, stamp in (
            (Activity.objects.filter(assignment=assignment, date__lte=as_of), "updated_at"),
            (Signal.objects.filter(assignment=assignment, date__lte=as_of), "updated_at"),
            (MeasurementRound.objects.filter(assignment=assignment, held_on__lte=as_of),
             "updated_at"),
            (Response.objects.filter(round__assignment=assignment,
                                     round__held_on__lte=as_of), "submitted_at"),
            (ManualValue.objects.filter(agreement__assignment=assignment), "entered_at")):
        found = qs.order_by().aggregate(n=Count("pk"), last=Max(stamp), top=Max("pk"))
        parts += [found["n"], str(found["last"]), found["top"]]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def live_figures(assignment: Assignment, period: ReportPeriod, *,
                 today: dt.date | None = None) -> dict:
    """The period's figures as of today, from the kept copy while the data is unchanged."""
    today = today or timezone.localdate()
    as_of = min(today, period.ends_on)
    stamp = fingerprint(assignment, as_of=as_of)
    kept = FigureCache.objects.filter(assignment=assignment, starts_on=period.starts_on,
                                      ends_on=period.ends_on).first()
    if kept is not None and kept.fingerprint == stamp:
        return kept.figures
    computed = figures_module.build(assignment, period, today=today)
    FigureCache.objects.update_or_create(
        assignment=assignment, starts_on=period.starts_on, ends_on=period.ends_on,
        defaults={"as_of": as_of, "fingerprint": stamp, "figures": computed})
    return computed


def reportable_get(principal: Principal, pk: int) -> Assignment:
    qs = scopes.reportable_assignments(principal).select_related(
        "commissioner", "provider").prefetch_related("areas", "interventions")
    return get_visible_or_404(qs, pk=pk)


def report_list(principal: Principal, *, assignment: Assignment | None = None) -> QuerySet:
    qs = scopes.reports(principal).select_related(
        "assignment__commissioner", "assignment__provider")
    if assignment is not None:
        qs = qs.filter(assignment=assignment)
    return qs.order_by("-ends_on", "assignment__title", "-number", "-pk")


def report_get(principal: Principal, pk: int) -> Report:
    qs = scopes.reports(principal).select_related(
        "assignment__commissioner", "assignment__provider", "previous", "created_by")
    qs = qs.prefetch_related(Prefetch("events", queryset=ReportEvent.objects.select_related(
        "actor")))
    return get_visible_or_404(qs, pk=pk)


def current_stories(report: Report) -> dict[int, Story]:
    """The newest story per agreement."""
    found: dict[int, Story] = {}
    for story in report.stories.select_related("author").order_by("-created_at", "-pk"):
        found.setdefault(story.agreement_id, story)
    return found


def story_history(report: Report, agreement_id: int) -> list[Story]:
    return list(report.stories.filter(agreement_id=agreement_id).select_related(
        "author").order_by("-created_at", "-pk"))


def report_figures(report: Report, *, today: dt.date | None = None) -> dict:
    """A submitted report's frozen figures; an open one's live figures."""
    if report.figures is not None and not report.is_open:
        return report.figures

    period = period_for(report.assignment, code_of(report.period_kind, report.starts_on))
    assert period is not None  # a report's period lies in its assignment's term
    return live_figures(report.assignment, period, today=today)


# Differences between versions -----------------------------------------------------------

@dataclass(frozen=True)
class Difference:
    label: str
    before: Any
    after: Any


TOTAL_LABELS = {
    "activities": gettext_lazy("Activiteiten"), "hours": gettext_lazy("Uren"),
    "participants": gettext_lazy("Deelnemers"),
    "new_participants": gettext_lazy("Nieuwe deelnemers"),
    "volunteers": gettext_lazy("Inzet van vrijwilligers"),
    "initiatives": gettext_lazy("Ondersteunde bewonersinitiatieven"),
    "with_follow_up": gettext_lazy("Activiteiten met een vervolg"),
}
SPEND_LABELS = {"realised_hours_amount": gettext_lazy("Bedrag gerealiseerde uren"),
                "realised_total": gettext_lazy("Totaal gerealiseerd bedrag")}
SIGNAL_LABELS = {"count": gettext_lazy("Signalen"),
                 "referred": gettext_lazy("Doorverwezen signalen"),
                 "in_time": gettext_lazy("Signalen op tijd opgepakt")}


def _flat(figures: dict) -> dict[str, Any]:
    """The comparable numbers of a report, by a readable label."""
    from opbouw.reports.presentation import VERDICT_LABELS

    found: dict[str, Any] = {}
    totals = figures.get("quantity", {}).get("totals", {})
    for key, label in TOTAL_LABELS.items():
        found[str(label)] = totals.get(key)
    for key, label in SPEND_LABELS.items():
        found[str(label)] = figures.get("spend", {}).get(key)
    for product in figures.get("spend", {}).get("products", []):
        found[_("Product: %(name)s") % {"name": product["name"]}] = product["realised"]
    for key, label in SIGNAL_LABELS.items():
        found[str(label)] = figures.get("signals", {}).get(key)
    for agreement in figures.get("agreements", []):
        name = agreement["indicator"]
        found[_("%(name)s: waarde") % {"name": name}] = agreement["value"]
        found[_("%(name)s: oordeel") % {"name": name}] = str(
            VERDICT_LABELS.get(agreement["verdict"], agreement["verdict"]))
    return found


def differences(before: dict | None, after: dict | None) -> list[Difference]:
    """Every number that differs between two sets of frozen figures."""
    if not before or not after:
        return []
    old, new = _flat(before), _flat(after)
    return [Difference(key, old.get(key), new.get(key)) for key in new | old
            if old.get(key) != new.get(key)]


def submitted_figures(report: Report) -> list[ReportEvent]:
    """The report's submissions, oldest first, each with the figures it froze."""
    return [e for e in report.events.all() if e.kind == ReportEvent.Kind.SUBMITTED]


# Start page ------------------------------------------------------------------------------

def tiles(principal: Principal, *, today: dt.date | None = None) -> list[dict]:
    """The running (and recently finished) assignments as tiles: the agreements' verdicts
    in the last finished quarter (or the current one) and the state of its report."""
    from opbouw.access.roles import Role

    today = today or timezone.localdate()
    # The parties to an assignment only: an administrator is not one, and tiles of every
    # assignment in the country would compute figures nobody asked for.
    own = principal.org_ids(Role.COMMISSIONER, Role.MANAGER)
    visible = scopes.reportable_assignments(principal).select_related(
        "commissioner", "provider").filter(Q(commissioner_id__in=own) | Q(provider_id__in=own))
    visible = visible.filter(ends_on__gte=today - dt.timedelta(days=120)).order_by(
        "ends_on", "title", "pk")
    result = []
    reports: dict[tuple, Report] = {}
    for kept in scopes.reports(principal).filter(assignment__in=visible).order_by(
            "starts_on", "number", "pk"):
        reports[(kept.assignment_id, kept.starts_on, kept.ends_on)] = kept
    for assignment in visible[:60]:
        period = default_period(assignment, today=today)
        found = live_figures(assignment, period, today=today)
        verdicts = [a["verdict"] for a in found["agreements"]]
        counts = {v: verdicts.count(v) for v in curve.VERDICTS if v in verdicts}
        report = reports.get((assignment.pk, period.starts_on, period.ends_on))
        due = period.ends_on < today and (report is None or report.is_open)
        result.append({"assignment": assignment, "period": period, "counts": counts,
                       "report": report, "due": due,
                       "waiting": report is not None
                       and report.status == Report.Status.SUBMITTED})
    return result
