"""The figures of an accountability report: what was done, how well, and who is better off.

``build`` reads one assignment's data for one period and returns plain JSON (numbers as
floats, dates as ISO text), so a submitted report can freeze it as it is. The caller has
already found the assignment through the access layer; the figures hold aggregates only.

Hours per Wmo rung: an intervention on more than one rung gives each of its rungs an equal
part of its hours, so the rungs add up to the total.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from opbouw.assignments import prices
from opbouw.assignments.indicators import Period, computation
from opbouw.assignments.models import Assignment, Indicator, ManualValue, ResultAgreement
from opbouw.assignments.selectors import CUMULATIVE, manual_aggregate
from opbouw.core.formats import date_text
from opbouw.logbook.models import Activity
from opbouw.measurements.models import MeasurementRound
from opbouw.measurements.selectors import round_change, round_results
from opbouw.reports import curve
from opbouw.reports.models import PeriodKind
from opbouw.reports.periods import ReportPeriod, Term, periods_of

FORMAT = 1  # raised when the shape of the figures changes
SATISFACTION, LADDER = "tevredenheid_baten", "contactladder"
NO_INTERVENTION = "—"


def _f(value: Any) -> float | None:
    return None if value is None else round(float(value), 4)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _share(part: int | float | None, whole: int | float | None) -> float | None:
    return None if not whole or part is None else round(100.0 * float(part) / float(whole), 1)


# What was done ---------------------------------------------------------------------------

def _activities(assignment: Assignment, start: dt.date, end: dt.date):
    return Activity.objects.filter(assignment=assignment, date__range=(start, end))


def quantity(assignment: Assignment, start: dt.date, end: dt.date) -> dict:
    """Hours, activities and reach: in total, by intervention, rung, area and month."""
    from opbouw.methods.models import Intervention

    sums = dict(activities=Count("pk"), hours=Sum("hours"), participants=Sum("participants"),
                new_participants=Sum("new_participants"), volunteers=Sum("volunteers"),
                initiatives=Count("pk", filter=Q(supports_initiative=True)),
                with_follow_up=Count("pk", filter=~Q(follow_up="")))
    rows = list(_activities(assignment, start, end).order_by().values(
        "intervention", "area").annotate(**sums))
    keys = ("activities", "hours", "participants", "new_participants", "volunteers",
            "initiatives", "with_follow_up")

    def add(target: dict, row: dict, part: float = 1.0) -> None:
        for key in keys:
            target[key] = target.get(key, 0.0) + float(row[key] or 0) * part

    totals: dict[str, float] = dict.fromkeys(keys, 0.0)
    by_intervention: dict[int | None, dict] = defaultdict(dict)
    by_area: dict[int, dict] = defaultdict(dict)
    for row in rows:
        add(totals, row)
        add(by_intervention[row["intervention"]], row)
        add(by_area[row["area"]], row)
    interventions = {i.pk: i for i in Intervention.objects.filter(
        pk__in=[k for k in by_intervention if k]).prefetch_related("rungs")}
    planned = set(assignment.interventions.values_list("pk", flat=True))
    by_rung: dict[Any, dict] = {}
    for pk, row in by_intervention.items():
        rungs: list[Any] = list(interventions[pk].rungs.all()) if pk else []
        for rung in rungs or [None]:
            key = (rung.number, rung.name) if rung else (99, NO_INTERVENTION)
            add(by_rung.setdefault(key, {}), {k: row[k] for k in keys}, 1.0 / max(1, len(rungs)))
    from opbouw.areas.models import Area

    areas = dict(Area.objects.filter(pk__in=list(by_area)).values_list("pk", "name"))
    months = list(_activities(assignment, start, end).order_by().annotate(
        month=TruncMonth("date")).values("month").annotate(
        activities=Count("pk"), hours=Sum("hours"), participants=Sum("participants"))
        .order_by("month"))

    def rounded(row: dict) -> dict:
        return {k: round(v, 2) for k, v in row.items()}

    return {
        "totals": rounded(totals),
        "follow_up_share": _share(totals["with_follow_up"], totals["activities"]),
        "by_intervention": sorted(
            ({"name": interventions[pk].name if pk else NO_INTERVENTION,
              "planned": pk in planned, **rounded(row)}
             for pk, row in by_intervention.items()), key=lambda r: -r["hours"]),
        "planned_unused": sorted(i.name for i in assignment.interventions.all()
                                 if i.pk not in by_intervention),
        "by_rung": [{"number": number if number != 99 else None, "name": name,
                     **rounded(row)} for (number, name), row in sorted(by_rung.items())],
        "by_area": sorted(({"name": areas.get(pk, "?"), **rounded(row)}
                           for pk, row in by_area.items()), key=lambda r: r["name"]),
        "by_month": [{"month": r["month"].strftime("%Y-%m") if hasattr(r["month"], "strftime")
                      else str(r["month"])[:7], "activities": r["activities"],
                      "hours": _f(r["hours"] or 0), "participants": r["participants"] or 0}
                     for r in months],
    }


def spend(assignment: Assignment, start: dt.date, end: dt.date, hours: float) -> dict:
    """Agreed against realised hours, products and money in the period."""
    summary = prices.spend_summary(assignment, starts_on=start, ends_on=end,
                                   realised_hours=Decimal(str(hours)))
    products = [{"name": p["name"], "unit": p["unit"], "unit_price": _f(p["unit_price"]),
                 "agreed": _f(p["agreed"]), "realised": p["realised"],
                 "agreed_amount": _f(p["agreed_amount"]),
                 "realised_amount": _f(p["realised_amount"])} for p in summary["products"]]
    return {key: _iso(value) if isinstance(value, dt.date) else _f(value)
            for key, value in summary.items() if key != "products"} | {"products": products}


# How well --------------------------------------------------------------------------------

def signals(assignment: Assignment, start: dt.date, end: dt.date) -> dict:
    """Signals of the period and how many referrals were taken up within the agreed days."""
    from django.db.models import F

    from opbouw.signals.models import Signal

    days = assignment.signal_take_up_days
    qs = Signal.objects.filter(assignment=assignment, date__range=(start, end))
    found = qs.aggregate(
        count=Count("pk"), urgent=Count("pk", filter=Q(urgency="high")),
        referred=Count("pk", filter=Q(referred_on__isnull=False)),
        taken_up=Count("pk", filter=Q(referred_on__isnull=False, taken_up_on__isnull=False)))
    in_time = qs.filter(referred_on__isnull=False, taken_up_on__isnull=False,
                        taken_up_on__lte=F("referred_on") + dt.timedelta(days=days)).count()
    return found | {"agreed_days": days, "in_time": in_time,
                    "in_time_share": _share(in_time, found["referred"])}


def _rounds(assignment: Assignment, start: dt.date, end: dt.date) -> list[MeasurementRound]:
    return list(MeasurementRound.objects.filter(
        assignment=assignment, held_on__range=(start, end)).select_related(
        "instrument", "area", "baseline__instrument").order_by("held_on", "pk"))


def measurements(assignment: Assignment, start: dt.date, end: dt.date) -> dict:
    """Satisfaction scores, and every change since a baseline with its 95% interval."""
    satisfaction: list[dict] = []
    changes: list[dict] = []
    for r in _rounds(assignment, start, end):
        place = " · ".join(x for x in (r.area.name, r.group) if x)
        name = f"{r.get_kind_display()} {date_text(r.held_on, 'MEDIUM_DATE_FORMAT')}"
        if r.instrument.code == SATISFACTION:
            for result in round_results(r):
                satisfaction.append({
                    "round": name, "place": place, "held_on": _iso(r.held_on),
                    "dimension": result.dimension.name, "share": result.dimension.is_share,
                    "value": _f(result.value), "low": _f(result.low), "high": _f(result.high),
                    "n": result.n, "hidden": result.hidden})
        if r.kind == MeasurementRound.Kind.FOLLOW_UP and r.baseline_id:
            for found in round_change(r):
                changes.append({
                    "round": name, "place": place, "held_on": _iso(r.held_on),
                    "instrument": r.instrument.name, "ladder": r.instrument.code == LADDER,
                    "dimension": found.after.dimension.name,
                    "share": found.after.dimension.is_share,
                    "before": _f(found.before.value), "after": _f(found.after.value),
                    "value": _f(found.value), "low": _f(found.low), "high": _f(found.high),
                    "n_before": found.before.n, "n_after": found.after.n,
                    "verdict": found.verdict})
    return {"satisfaction": satisfaction, "changes": changes}


# Is anyone better off: the agreements and their curves ----------------------------------

def _value(agreement: ResultAgreement, start: dt.date, end: dt.date,
           manual: list[ManualValue]) -> tuple[float | None, tuple[float, float] | None]:
    """The agreement's value over the dates, with its 95% interval where it is a sample."""
    indicator = agreement.indicator
    comp = computation(indicator.computation) if indicator.computation else None
    if comp is None:
        inside = [v for v in manual if start <= v.ends_on <= end]
        return _f(manual_aggregate(indicator.aggregation, inside)), None
    period = Period(agreement.assignment, start, end, agreement)
    if comp.estimate is not None:
        found = comp.estimate(period)
        if found is None:
            return None, None
        interval = (float(found.low), float(found.high)) \
            if found.low is not None and found.high is not None else None
        return float(found.value), interval
    return _f(comp.compute(period)), None


def _is_share(indicator: Indicator) -> bool:
    return indicator.aggregation == Indicator.Aggregation.SHARE or indicator.unit.strip() == "%"


def agreement_curve(agreement: ResultAgreement, *, as_of: dt.date) -> dict:
    """The actual value per quarter up to as_of, the forecast and the verdict."""
    indicator = agreement.indicator
    cumulative = indicator.aggregation in CUMULATIVE
    higher = indicator.polarity == Indicator.Polarity.HIGHER
    is_change = indicator.computation == "measurements.change"
    manual = list(agreement.manual_values.all())
    start, end = agreement.starts_on, agreement.ends_on
    target = float(agreement.target)
    baseline = _f(agreement.baseline)
    started = as_of >= start
    last = min(as_of, end)
    points, running = [], 0.0
    for q in periods_of(Term(start, end), PeriodKind.QUARTER) if started else []:
        if q.starts_on > last:
            break
        q_end = min(q.ends_on, last)
        value, interval = _value(agreement, q.starts_on if not cumulative else start, q_end,
                                 manual)
        if cumulative:
            own = None if value is None else value - running
            running = value if value is not None else running
            value = running if own is not None else None
        else:
            own = value
        points.append({"label": q.code.replace("-", " "), "starts_on": _iso(q.starts_on),
                       "end": _iso(q_end), "value": value, "own": own,
                       "low": interval[0] if interval else None,
                       "high": interval[1] if interval else None})
    value, interval = _value(agreement, start, last, manual) if started else (None, None)
    known = [curve.Point(dt.date.fromisoformat(str(p["starts_on"])),
                         dt.date.fromisoformat(str(p["end"])), float(p["own"] or 0))
             for p in points if p["own"] is not None]
    finished = as_of >= end
    forecast = None
    if started and not finished and known:
        forecast = (curve.forecast_total(known, total=value or 0.0, as_of=last, ends_on=end)
                    if cumulative else curve.forecast_level(
                        known, ends_on=end, floor=None if is_change else 0.0,
                        ceiling=100.0 if _is_share(indicator) else None))
    judged = curve.verdict(value=value, target=target, higher=higher, finished=finished,
                           started=started, interval=interval, forecast=forecast,
                           is_change=is_change)
    share = curve.progress_share(value, start=0.0 if cumulative else baseline, target=target)
    return {
        "id": agreement.pk, "indicator": indicator.name, "code": indicator.code,
        "category": indicator.category, "unit": indicator.unit,
        "aggregation": indicator.aggregation, "higher": higher, "cumulative": cumulative,
        "is_change": is_change, "source": indicator.source,
        "baseline": baseline, "target": target, "note": agreement.note,
        "starts_on": _iso(start), "ends_on": _iso(end), "as_of": _iso(last),
        "value": value, "low": interval[0] if interval else None,
        "high": interval[1] if interval else None,
        "points": points,
        "target_path": ([{"end": _iso(start), "value": 0.0}, {"end": _iso(end), "value": target}]
                        if cumulative else None),
        "forecast": None if forecast is None else {
            "end": _iso(forecast.on), "value": round(forecast.value, 2),
            "low": None if forecast.low is None else round(forecast.low, 2),
            "high": None if forecast.high is None else round(forecast.high, 2),
            "method": forecast.method},
        "verdict": judged,
        "progress": None if share is None else round(100 * share),
    }


def build(assignment: Assignment, period: ReportPeriod, *, today: dt.date) -> dict:
    """Every figure of the report (see the module docstring)."""
    as_of = min(today, period.ends_on)
    start, end = period.starts_on, as_of
    done = quantity(assignment, start, end) if as_of >= start else quantity(
        assignment, start, start - dt.timedelta(days=1))
    agreements = assignment.agreements.select_related("indicator", "assignment")\
        .prefetch_related("manual_values").order_by("indicator__category", "indicator__name",
                                                     "pk")
    return {
        "format": FORMAT,
        "as_of": _iso(as_of),
        "period": {"code": period.code, "kind": period.kind, "starts_on": _iso(start),
                   "ends_on": _iso(period.ends_on), "label": period.label},
        "assignment": {
            "id": assignment.pk, "title": assignment.title,
            "commissioner": assignment.commissioner.name, "provider": assignment.provider.name,
            "areas": sorted(a.name for a in assignment.areas.all()),
            "starts_on": _iso(assignment.starts_on), "ends_on": _iso(assignment.ends_on),
            "budget": _f(assignment.budget), "agreed_hours": _f(assignment.agreed_hours),
            "hourly_rate": _f(assignment.hourly_rate),
            "signal_take_up_days": assignment.signal_take_up_days},
        "quantity": done,
        "spend": spend(assignment, start, end, done["totals"]["hours"]),
        "signals": signals(assignment, start, end),
        "measurements": measurements(assignment, start, end),
        "agreements": [agreement_curve(a, as_of=as_of) for a in agreements],
    }
