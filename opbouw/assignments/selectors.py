"""Reads of the assignments module: lists, progress against agreements, WAPs, the catalogue.

Values from the logbook and signals come from the computation registry
(``opbouw.assignments.indicators``); this app never imports those modules.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Field, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from opbouw.access.principal import Principal
from opbouw.access.roles import Role
from opbouw.access.shortcuts import get_visible_or_404
from opbouw.areas import scopes as area_scopes
from opbouw.areas.tree import ancestor_paths, within_q
from opbouw.assignments import scopes
from opbouw.assignments.indicators import Period, computation
from opbouw.assignments.models import (
    ActionPlan,
    Amendment,
    Assignment,
    Indicator,
    ManualValue,
    Priority,
    Product,
    ResultAgreement,
)
from opbouw.assignments.prices import (  # noqa: F401  (the report reads them from here too)
    price_overview,
    product_rows,
    spend_summary,
)

HOURS, ACTIVITIES = "logbook.hours", "logbook.activities"
CUMULATIVE = (Indicator.Aggregation.COUNT, Indicator.Aggregation.SUM)


# Lists ------------------------------------------------------------------------------------

@dataclass
class Filters:
    """The list's filters (``forms.AssignmentFilterForm`` reads them from the query string)."""

    status: str = ""
    year: int | None = None
    area: Any = None
    provider_id: int | None = None
    commissioner_id: int | None = None


def assignment_list(principal: Principal, filters: Filters | None = None) -> QuerySet:
    """The visible assignments, filtered; the year filter keeps periods overlapping it."""
    f = filters or Filters()
    qs = scopes.assignments(principal)
    if f.status in Assignment.Status.values:
        qs = qs.filter(status=f.status)
    if f.year is not None:
        qs = qs.filter(starts_on__lte=dt.date(f.year, 12, 31),
                       ends_on__gte=dt.date(f.year, 1, 1))
    if f.area is not None:
        qs = qs.filter(pk__in=Assignment.objects.filter(within_q([f.area.path], "areas"))
                       .values("pk"))
    if f.provider_id:
        qs = qs.filter(provider_id=f.provider_id)
    if f.commissioner_id:
        qs = qs.filter(commissioner_id=f.commissioner_id)
    return qs.select_related("commissioner", "provider").prefetch_related("areas").order_by(
        "-starts_on", "title", "pk")


def filter_choices(principal: Principal) -> dict:
    """Areas, organisations and years that occur in the visible assignments."""
    from opbouw.areas.models import Area
    from opbouw.organisations.models import Organisation

    visible = scopes.assignments(principal)
    paths = set(Area.objects.filter(assignments__in=visible).values_list("path", flat=True))
    # the areas and those they lie in, below the municipality
    above = {a for path in paths for a in ancestor_paths(path)[1:]}
    areas = Area.objects.filter(path__in=above | paths).order_by("path")
    years: set[int] = set()
    for start, end in visible.values_list("starts_on", "ends_on"):
        years.update(range(start.year, end.year + 1))
    return {
        "areas": areas,
        "providers": Organisation.objects.filter(assignments__in=visible).distinct()
        .order_by("name"),
        "commissioners": Organisation.objects.filter(commissioned_assignments__in=visible)
        .distinct().order_by("name"),
        "years": sorted(years, reverse=True),
        "statuses": Assignment.Status.choices,
    }


def _compute(key: str, periods: list[Period]) -> list[Decimal | None]:
    """The computation's value of each period (0 for an empty one), in one go if it can."""
    comp = computation(key)
    if comp is None:
        return [None] * len(periods)
    values = iter(comp.values([p for p in periods if p.ends_on >= p.starts_on]))
    return [next(values) if p.ends_on >= p.starts_on else Decimal(0) for p in periods]


def realised_many(assignments: list[Assignment], *, today: dt.date | None = None,
                  ) -> list[dict]:
    """Per assignment: hours and activities in the logbook so far, with hours as a share of
    the agreed (a query or two for all of them, not per assignment)."""
    today = today or timezone.localdate()
    periods = [Period(a, a.starts_on, min(today, a.ends_on)) for a in assignments]
    rows = []
    for a, hours, activities in zip(assignments, _compute(HOURS, periods),
                                    _compute(ACTIVITIES, periods), strict=True):
        percent = _percent(hours, a.agreed_hours)
        rows.append({"hours": hours, "activities": activities, "percent": percent,
                     "bar": _bar(percent)})
    return rows


def realised(assignment: Assignment, *, today: dt.date | None = None) -> dict:
    """Hours and activities in the logbook so far, with hours as a share of the agreed."""
    return realised_many([assignment], today=today)[0]


def with_realised(assignments: list[Assignment], *, today: dt.date | None = None) -> list:
    """The assignments with ``realised`` set."""
    for a, done in zip(assignments, realised_many(assignments, today=today), strict=True):
        a.realised = done
    return assignments


EXPORT_HEADER = (
    gettext_lazy("Titel"), gettext_lazy("Opdrachtgever"), gettext_lazy("Opdrachtnemer"),
    gettext_lazy("Gebieden"), gettext_lazy("Begindatum"), gettext_lazy("Einddatum"),
    gettext_lazy("Status"), gettext_lazy("Budget (euro)"), gettext_lazy("Afgesproken uren"),
    gettext_lazy("Gerealiseerde uren"), gettext_lazy("Activiteiten"), gettext_lazy("Versie"),
)


def export_rows(assignments: QuerySet, *, today: dt.date | None = None) -> list[list]:
    rows = []
    items: list[Assignment] = list(assignments)
    for a, done in zip(items, realised_many(items, today=today), strict=True):
        rows.append([a.title, a.commissioner.name, a.provider.name,
                     ", ".join(area.name for area in a.areas.all()), a.starts_on, a.ends_on,
                     str(a.get_status_display()), a.budget, a.agreed_hours, done["hours"],
                     done["activities"], a.version])
    return rows


def assignment_get(principal: Principal, pk: int) -> Assignment:
    qs = scopes.assignments(principal).select_related("commissioner", "provider")
    qs = qs.prefetch_related(
        "areas", "interventions",
        Prefetch("priorities", queryset=Priority.objects.select_related("plan__area")),
        Prefetch("agreements", queryset=ResultAgreement.objects.select_related("indicator")
                 .prefetch_related(Prefetch("manual_values", queryset=ManualValue.objects
                                            .select_related("entered_by")))),
        Prefetch("amendments", queryset=Amendment.objects.select_related("actor")),
        Prefetch("products", queryset=Product.objects.select_related("intervention")))
    return get_visible_or_404(qs, pk=pk)


def product_get(principal: Principal, pk: int) -> Product:
    """A product of a visible assignment."""
    qs = Product.objects.filter(assignment__in=scopes.assignments(principal))
    return get_visible_or_404(qs.select_related("assignment", "intervention"), pk=pk)


def agreement_get(principal: Principal, pk: int) -> ResultAgreement:
    """An agreement of a visible assignment."""
    qs = ResultAgreement.objects.filter(assignment__in=scopes.assignments(principal))
    return get_visible_or_404(qs.select_related("assignment", "indicator"), pk=pk)


def manual_value_get(principal: Principal, pk: int) -> ManualValue:
    qs = ManualValue.objects.filter(agreement__assignment__in=scopes.assignments(principal))
    return get_visible_or_404(qs.select_related("agreement__assignment"), pk=pk)


# Progress ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class AgreementProgress:
    """The current value of one result agreement against its target."""

    agreement: ResultAgreement
    indicator: Indicator
    method: str  # "computed" from the registry, or "manual" (entered values)
    value: Decimal | None
    as_of: dt.date | None  # the last day the value covers
    expected: Decimal | None  # where the value should be by as_of to stay on course
    status: str  # "on_track", "behind", "unsure", "not_started" or "unknown"
    reached: bool
    percent: int | None  # of the way from start (0 or the baseline) to the target
    bar: int  # percent clamped to 0..100, for a bar
    manual_values: list = field(default_factory=list)
    # The 95% interval of a value from a sample (a measurement), else None.
    low: Decimal | None = None
    high: Decimal | None = None


@dataclass(frozen=True)
class AssignmentProgress:
    """Realised hours, activities and budget so far, and every agreement's progress."""

    today: dt.date
    time_share: Decimal  # 0..1 of the assignment's period that has passed
    realised_hours: Decimal | None  # None: the logbook is not installed
    agreed_hours: Decimal
    hours_percent: int | None
    hours_bar: int
    expected_hours: Decimal
    activities: Decimal | None
    activities_target: Decimal | None
    activities_percent: int | None
    budget: Decimal
    price_per_hour: Decimal | None  # the agreed hourly rate
    budget_spent: Decimal | None  # realised hours at the hourly rate plus products delivered
    budget_pro_rata: Decimal  # the budget for the time that has passed
    agreements: list[AgreementProgress]
    # prices.price_overview: hours and products agreed for the term, realised so far
    prices: dict = field(default_factory=dict)


def time_share(starts_on: dt.date, ends_on: dt.date, as_of: dt.date) -> Decimal:
    """The part (0..1) of the period that lies on or before as_of."""
    if as_of < starts_on:
        return Decimal(0)
    if as_of >= ends_on:
        return Decimal(1)
    return Decimal((as_of - starts_on).days + 1) / Decimal((ends_on - starts_on).days + 1)


def _percent(value: Decimal | None, whole: Decimal | None) -> int | None:
    if value is None or not whole:
        return None
    return int((Decimal(value) * 100 / Decimal(whole)).quantize(Decimal(1), ROUND_HALF_UP))


def _bar(percent: int | None) -> int:
    return max(0, min(100, percent or 0))


def manual_aggregate(aggregation: str, values: list[ManualValue]) -> Decimal | None:
    """Entered values as one: counts and sums add up; means and shares take the latest."""
    if not values:
        return None
    if aggregation in CUMULATIVE:
        return sum((v.value for v in values), Decimal(0))
    latest = max(values, key=lambda v: (v.ends_on, v.starts_on, v.pk or 0))
    return latest.value


def agreement_progress(agreement: ResultAgreement, *, today: dt.date) -> AgreementProgress:
    """The agreement's value so far, the value expected by now, and whether it is on course.

    Computed indicators run over the agreement's period up to today; manual ones use the
    entered values (see ``manual_aggregate``) and are judged as of the last period entered.
    Counts and sums should grow from 0 to the target in step with time; means and shares
    move from the baseline to the target in step with time (without a baseline they should
    be at the target).
    """
    indicator = agreement.indicator
    comp = computation(indicator.computation) if indicator.computation else None
    values = list(agreement.manual_values.all())
    low = high = None
    if comp is not None:
        method = "computed"
        if today < agreement.starts_on:
            value, as_of = None, None
        else:
            as_of = min(today, agreement.ends_on)
            period = Period(agreement.assignment, agreement.starts_on, as_of, agreement)
            if comp.estimate is not None:
                found = comp.estimate(period)
                value = None if found is None else found.value
                if found is not None and found.low is not None:
                    low, high = found.low, found.high
            else:
                value = comp.compute(period)
    else:
        method = "manual"
        value = manual_aggregate(indicator.aggregation, values)
        as_of = max((v.ends_on for v in values), default=None)
    target, baseline = agreement.target, agreement.baseline
    cumulative = indicator.aggregation in CUMULATIVE
    share = time_share(agreement.starts_on, agreement.ends_on, as_of) if as_of else Decimal(0)
    start = Decimal(0) if cumulative else baseline
    expected = None
    if as_of is not None:
        expected = (start + (target - start) * share) if start is not None else target
        expected = expected.quantize(Decimal("0.01"))
    higher = indicator.polarity == Indicator.Polarity.HIGHER
    if value is None:
        status = "not_started" if method == "computed" and today < agreement.starts_on \
            else "unknown"
        reached = False
    else:
        assert expected is not None  # a value comes with the date it holds on (as_of)
        on_track = value >= expected if higher else value <= expected
        status = "on_track" if on_track else "behind"
        reached = value >= target if higher else value <= target
        # A value from a sample is not sure while its interval holds the target, nor a
        # change while its interval holds zero: such a change may be chance.
        is_change = indicator.computation == "measurements.change"
        if low is not None and high is not None and (
                low <= target <= high or (is_change and low <= 0 <= high)):
            status, reached = "unsure", False
    percent = None
    if value is not None:
        if start is not None and target != start:
            percent = _percent(value - start, target - start)
        elif higher:
            percent = _percent(value, target)
        elif value:
            percent = _percent(target, value)
    return AgreementProgress(agreement=agreement, indicator=indicator, method=method,
                             value=value, as_of=as_of, expected=expected, status=status,
                             reached=reached, percent=percent, bar=_bar(percent),
                             manual_values=values, low=low, high=high)


def assignment_progress(assignment: Assignment, *, today: dt.date | None = None,
                        ) -> AssignmentProgress:
    """Progress so far: hours, activities and budget against the agreed, and each agreement."""
    today = today or timezone.localdate()
    done = realised(assignment, today=today)
    share = time_share(assignment.starts_on, assignment.ends_on, today)
    agreements = [agreement_progress(a, today=today) for a in assignment.agreements.all()]
    activities_target = next((p.agreement.target for p in agreements
                              if p.indicator.computation == ACTIVITIES), None)
    prices = price_overview(assignment, today=today, realised_hours=done["hours"])
    spent = prices["realised_total"] if done["hours"] is not None else None
    return AssignmentProgress(
        today=today, time_share=share, realised_hours=done["hours"],
        agreed_hours=assignment.agreed_hours, hours_percent=done["percent"],
        hours_bar=done["bar"], expected_hours=(assignment.agreed_hours * share).quantize(
            Decimal("0.1")),
        activities=done["activities"], activities_target=activities_target,
        activities_percent=_percent(done["activities"], activities_target),
        budget=assignment.budget, price_per_hour=assignment.hourly_rate, budget_spent=spent,
        budget_pro_rata=(assignment.budget * share).quantize(Decimal("0.01")),
        agreements=agreements, prices=prices)


def amendment_rows(assignment: Assignment) -> list[dict]:
    """The history with Dutch field names."""
    rows = []
    for amendment in assignment.amendments.all():
        changes = []
        for name, (old, new) in (amendment.changes or {}).items():
            try:
                model_field = Assignment._meta.get_field(name)
                # Only a model field has a verbose name (a relation's reverse side has none).
                label = (str(model_field.verbose_name) if isinstance(model_field, Field)
                         else name)
            except Exception:  # noqa: BLE001  (agreement changes are keyed by their own label)
                label = name
            changes.append({"label": label, "old": old, "new": new})
        rows.append({"amendment": amendment, "changes": changes})
    return rows


# Neighbourhood action plans -----------------------------------------------------------------

def action_plan_list(principal: Principal, *, year: int | None = None,
                     area: Any = None) -> QuerySet:
    qs = scopes.action_plans(principal).select_related("area", "commissioner")
    if year is not None:
        qs = qs.filter(year=year)
    if area is not None:
        qs = qs.filter(within_q([area.path], "area"))
    return qs.prefetch_related("priorities").order_by("-year", "area__path")


def action_plan_get(principal: Principal, pk: int) -> ActionPlan:
    qs = scopes.action_plans(principal).select_related("area", "commissioner")
    return get_visible_or_404(qs, pk=pk)


def plan_priorities(principal: Principal, plan: ActionPlan) -> list[dict]:
    """Each priority with the visible assignments serving it and how many others do."""
    visible = set(scopes.assignments(principal).values_list("pk", flat=True))
    served: dict[int, list] = defaultdict(list)
    hidden: dict[int, int] = defaultdict(int)
    links = Assignment.priorities.through.objects.filter(priority__plan=plan).select_related(
        "assignment__provider")
    for link in links:
        if link.assignment_id in visible:
            served[link.priority_id].append(link.assignment)
        else:
            hidden[link.priority_id] += 1
    return [{"priority": p, "assignments": served[p.pk], "hidden": hidden[p.pk],
             "served": bool(served[p.pk] or hidden[p.pk])}
            for p in plan.priorities.all()]


def plan_filter_choices(principal: Principal) -> dict:
    from opbouw.areas.models import Area

    plans = scopes.action_plans(principal)
    paths = set(plans.values_list("area__path", flat=True))
    # the plans' areas and those they lie in, below the municipality
    above = {a for path in paths for a in ancestor_paths(path)[1:]}
    return {"areas": Area.objects.filter(path__in=above).order_by("path"),
            "years": sorted(set(plans.values_list("year", flat=True)), reverse=True)}


def commissioner_areas(principal: Principal) -> QuerySet:
    """The areas (with everything in them) of the principal's commissioner organisations."""
    from opbouw.areas.models import Area

    paths = set(Area.objects.filter(
        organisations__in=scopes.commissioning_organisations(principal)).values_list(
        "path", flat=True))
    return area_scopes.areas(principal).filter(within_q(paths)).select_related(
        "parent").order_by("path")


def priority_choices(principal: Principal) -> QuerySet:
    """Priorities of the WAPs in the principal's commissioner areas."""
    areas = commissioner_areas(principal)
    return Priority.objects.filter(plan__in=scopes.action_plans(principal),
                                   plan__area__in=areas).select_related(
        "plan__area").order_by("-plan__year", "plan__area__path", "position", "pk")


# Indicator catalogue ------------------------------------------------------------------------

def indicator_catalogue(principal: Principal) -> list[dict]:
    """The indicators grouped by the three questions of Results-Based Accountability."""
    indicators = list(Indicator.objects.all().order_by("name")) \
        if principal.is_authenticated else []
    return [{"category": value, "label": label,
             "indicators": [i for i in indicators if i.category == value]}
            for value, label in Indicator.Category.choices]


def indicator_get(principal: Principal, pk: int) -> Indicator:
    qs = Indicator.objects.all() if principal.is_authenticated else Indicator.objects.none()
    return get_visible_or_404(qs, pk=pk)


def indicator_usage(principal: Principal, indicator: Indicator) -> dict:
    """How many agreements use the indicator, and the visible ones."""
    agreements = indicator.agreements.all()
    visible = agreements.filter(assignment__in=scopes.assignments(principal)).select_related(
        "assignment")
    return {"count": agreements.count(), "visible": list(visible[:50])}


def can_see_module_lists(principal: Principal) -> bool:
    """Whether assignments can appear in the principal's scope at all."""
    return principal.is_admin or principal.has_role(Role.COMMISSIONER, Role.MANAGER,
                                                    Role.WORKER, Role.COACH)
