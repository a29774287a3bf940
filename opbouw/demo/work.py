"""Demo data for issue 5: neighbourhood action plans, assignments with result agreements,
logbook entries and signals from 1 January of last year up to today (see work_logbook.py and
work_signals.py).

Every district with a district commissioner gets a WAP for this year and last year; every
provider whose workers work in a district gets a running assignment for this year and a
finished one for last year there, commissioned by the district. The budget follows the hours
the provider's workers there can give, so a finished assignment was realised at 86-98% of its
agreed hours and a running one is on course (see ``work_logbook.fit_hours``). Deterministic
with ``rng``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps as django_apps
from django.utils import timezone, translation

from opbouw.access.roles import Role
from opbouw.areas.models import Area
from opbouw.assignments.models import (
    ActionPlan,
    Amendment,
    Assignment,
    Indicator,
    ManualValue,
    Priority,
    ResultAgreement,
)
from opbouw.assignments.reference import load_indicators
from opbouw.core.formats import short_number_text
from opbouw.demo import rotterdam as rdam
from opbouw.demo import work_chain
from opbouw.demo import work_texts as texts
from opbouw.methods.models import Offer
from opbouw.organisations.models import Membership, Organisation, WorkerProfile
from opbouw.signals.reference import load_reference as load_signal_reference

BATCH = 2000
DEMO_DISTRICT = "Kralingen-Crooswijk"
# Logbook hours per entry and entries per worker per year, to size budgets and targets.
HOURS_PER_ENTRY = Decimal("1.95")
ENTRIES_PER_YEAR = 200
HOURLY_RATE = 75
# Participants and new participants per logbook entry, about as many as the entries have
# (see work_logbook.FORMS), so the reach targets are met about as well as the hours.
REACH_PER_ENTRY = 7
NEW_PER_ENTRY = Decimal("1.2")
# An assignment's budget: what its expected hours cost, within these bounds. A provider with a
# third of one worker in a district gets a small assignment, not hours it can never give.
MIN_BUDGET = Decimal(10_000)
MAX_BUDGET = Decimal(400_000)
OPTIONAL_INDICATORS = ["nieuwe-deelnemers", "signalen-opgepakt", "kosten-per-deelnemer",
                       "tevredenheid", "zelf-verder"]


@dataclass
class Worker:
    """A worker as the generators need them: ids, hours, and (area, district) pairs."""

    user_id: int
    organisation_id: int
    hours_per_week: Decimal
    username: str
    areas: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Context:
    """What the generators share: today, the districts, workers and assignments."""

    rng: random.Random
    scale: str
    today: dt.date
    districts: dict[int, Area]  # district id -> district
    workers: list[Worker]
    # (district id, provider id, year) -> running or finished assignment
    assignments: dict[tuple[int, int, int], Assignment] = field(default_factory=dict)
    interventions: dict[int, list[int]] = field(default_factory=dict)  # assignment id -> ids
    # assignment id -> how much shorter or longer its entries are than usual, so the logged
    # hours fit the agreed hours where the budget is capped
    hour_factors: dict[int, float] = field(default_factory=dict)

    @property
    def starts_on(self) -> dt.date:
        """The first day of the logbook and signals: 1 January of last year, so that last
        year's assignments are complete and the trend reports have earlier periods."""
        return dt.date(self.today.year - 1, 1, 1)


def _quarters(year: int) -> list[tuple[dt.date, dt.date]]:
    starts = [dt.date(year, m, 1) for m in (1, 4, 7, 10)]
    ends = [dt.date(year, 3, 31), dt.date(year, 6, 30), dt.date(year, 9, 30),
            dt.date(year, 12, 31)]
    return list(zip(starts, ends, strict=True))


def _dutch(value: Decimal) -> str:
    """Hours as the assignment history keeps them (as the service writes them): 1.234,5 uur."""
    with translation.override("nl"):
        return f"{short_number_text(value, 1)} uur"


def _money(value: float, step: int = 1000) -> Decimal:
    return Decimal(int(round(value / step)) * step)


def action_plans(ctx: Context, commissioners: dict[int, Organisation]) -> dict:
    """Write a WAP with three to five priorities per district for last year and this year."""
    plans: list[ActionPlan] = []
    for district_id, org in commissioners.items():
        district = ctx.districts[district_id]
        for year in (ctx.today.year - 1, ctx.today.year):
            plans.append(ActionPlan(
                commissioner_id=org.pk, area_id=district_id, year=year,
                title=f"Wijkactieplan {district.name} {year}",
                summary=texts.WAP_SUMMARY.format(year=year, district=district.name)))
    ActionPlan.objects.bulk_create(plans, batch_size=BATCH)
    priorities: list[Priority] = []
    for plan in plans:
        domains = ["work", "education", "liveability", "safety", "own"]
        chosen = sorted(ctx.rng.sample(domains, ctx.rng.randint(3, 5)), key=domains.index)
        for position, domain in enumerate(chosen, start=1):
            title, description = ctx.rng.choice(texts.PRIORITIES[domain])
            priorities.append(Priority(plan_id=plan.pk, domain=domain, title=title,
                                       description=description, position=position))
    Priority.objects.bulk_create(priorities, batch_size=BATCH)
    by_plan: dict[tuple[int, int], list[int]] = {}
    plan_key = {p.pk: (p.area_id, p.year) for p in plans}
    for priority in priorities:
        by_plan.setdefault(plan_key[priority.plan_id], []).append(priority.pk)
    return {"plans": len(plans), "priorities": len(priorities), "by_plan": by_plan}


def _agreements(ctx: Context, assignment: Assignment, expected_hours: Decimal,
                indicators: dict[str, Indicator], showcase: bool) -> list[ResultAgreement]:
    finished = assignment.status == Assignment.Status.FINISHED
    codes = ["activiteiten", "uren", "bereik"]
    extra = ctx.rng.sample(OPTIONAL_INDICATORS, ctx.rng.randint(1, 3))
    if showcase:  # its supported initiatives lag (work_chain.py)
        extra = ["signalen-opgepakt", "tevredenheid", work_chain.INDICATOR]
    codes += [c for c in [*OPTIONAL_INDICATORS, work_chain.INDICATOR] if c in extra]
    # The activities target is what the workers log in a year, give or take a little.
    activities = expected_hours / HOURS_PER_ENTRY * Decimal(ctx.rng.choice(["1", "1.05", "1.1"]))
    targets = {
        "activiteiten": activities.quantize(Decimal(10)),
        "uren": assignment.agreed_hours,
        "bereik": (activities * REACH_PER_ENTRY).quantize(Decimal(10)),
        "nieuwe-deelnemers": (activities * NEW_PER_ENTRY).quantize(Decimal(5)),
        "signalen-opgepakt": Decimal(ctx.rng.choice([60, 65, 70, 75])),
        "kosten-per-deelnemer": (assignment.budget / (activities * REACH_PER_ENTRY)).quantize(
            Decimal("0.5")),
        "tevredenheid": Decimal(ctx.rng.choice(["7.0", "7.5", "7.5", "8.0"])),
        "zelf-verder": Decimal(ctx.rng.randint(2, 6)),
        work_chain.INDICATOR: work_chain.target(activities),
    }
    rows = []
    for code in codes:
        target = targets[code]
        factor = Decimal(ctx.rng.choice(["0.80", "0.85", "0.90", "0.95"]))
        if indicators[code].polarity == Indicator.Polarity.LOWER:
            factor = 2 - factor
        # Counts are whole numbers (the agreement form refuses 4,8 groups).
        step = Decimal(1) if indicators[code].aggregation == Indicator.Aggregation.COUNT \
            else Decimal("0.1")
        baseline = None if finished and ctx.rng.random() < 0.5 else (target * factor).quantize(
            step)
        rows.append(ResultAgreement(
            assignment_id=assignment.pk, indicator_id=indicators[code].pk, baseline=baseline,
            target=target, starts_on=assignment.starts_on, ends_on=assignment.ends_on))
    return rows


def assignments(ctx: Context, commissioners: dict[int, Organisation], by_plan: dict) -> dict:
    """Write the assignments per district and provider, with agreements and manual values."""
    year = ctx.today.year
    providers = {o.pk: o for o in Organisation.objects.filter(kind=Organisation.Kind.PROVIDER)}
    # Neighbourhoods per (district, provider) and the workers' expected hours there.
    areas: dict[tuple[int, int], set[int]] = {}
    hours: dict[tuple[int, int], Decimal] = {}
    for w in ctx.workers:
        share = Decimal(w.hours_per_week) / 32 / max(1, len(w.areas))
        for area_id, district_id in w.areas:
            key = (district_id, w.organisation_id)
            areas.setdefault(key, set()).add(area_id)
            hours[key] = hours.get(key, Decimal(0)) + share * ENTRIES_PER_YEAR * HOURS_PER_ENTRY
    offered: dict[tuple[int, int], set[int]] = {}
    # Only published interventions: the services refuse drafts in assignments and entries.
    for org_id, intervention_id, area_id in Offer.objects.filter(
            intervention__status="published").values_list(
            "organisation_id", "intervention_id", "areas"):
        offered.setdefault((area_id, org_id), set()).add(intervention_id)
    demo_district = next(pk for pk, d in ctx.districts.items() if d.name == DEMO_DISTRICT)
    sonor = next(pk for pk, o in providers.items() if o.short_name == rdam.PROVIDERS[0][1])

    rows: list[tuple[Assignment, tuple[int, int], int, Decimal]] = []
    for key in sorted(areas):
        district_id, provider_id = key
        if district_id not in commissioners:
            continue
        district = ctx.districts[district_id]
        expected = hours[key]
        budget = min(MAX_BUDGET, max(
            MIN_BUDGET, _money(float(expected) * HOURLY_RATE * ctx.rng.uniform(0.9, 1.15))))
        periods = [(year - 1, Assignment.Status.FINISHED), (year, Assignment.Status.RUNNING)]
        if key == (demo_district, sonor):
            periods.append((year + 1, Assignment.Status.CONCEPT))
        for y, status in periods:
            grown = budget if y == year else max(MIN_BUDGET, _money(
                float(budget) * ctx.rng.uniform(0.92, 1.0)))
            assignment = Assignment(
                commissioner_id=commissioners[district_id].pk, provider_id=provider_id,
                title=f"Opbouwwerk {district.name} {y} ({providers[provider_id].short_name})",
                description=texts.ASSIGNMENT_DESCRIPTION.format(district=district.name, year=y),
                starts_on=dt.date(y, 1, 1), ends_on=dt.date(y, 12, 31), budget=grown,
                agreed_hours=_money(float(grown) / HOURLY_RATE, 10), status=status)
            rows.append((assignment, key, y, expected))
    Assignment.objects.bulk_create([a for a, _k, _y, _e in rows], batch_size=BATCH)

    area_links, priority_links, intervention_links = [], [], []
    through_areas = Assignment.areas.through
    through_priorities = Assignment.priorities.through
    through_interventions = Assignment.interventions.through
    for assignment, (district_id, provider_id), y, expected in rows:
        area_links += [through_areas(assignment_id=assignment.pk, area_id=a)
                       for a in sorted(areas[(district_id, provider_id)])]
        plan_priorities = by_plan.get((district_id, y), [])
        if plan_priorities:
            chosen = ctx.rng.sample(plan_priorities, min(len(plan_priorities),
                                                         ctx.rng.randint(2, 3)))
            priority_links += [through_priorities(assignment_id=assignment.pk, priority_id=p)
                               for p in sorted(chosen)]
        planned = sorted(offered.get((district_id, provider_id), set()))
        ctx.interventions[assignment.pk] = planned
        fit = float(assignment.agreed_hours / expected) if expected else 1.0
        ctx.hour_factors[assignment.pk] = min(1.3, max(0.5, fit))
        intervention_links += [through_interventions(assignment_id=assignment.pk,
                                                     intervention_id=i) for i in planned]
        if assignment.status != Assignment.Status.CONCEPT:
            ctx.assignments[(district_id, provider_id, y)] = assignment
    through_areas.objects.bulk_create(area_links, batch_size=BATCH)
    through_priorities.objects.bulk_create(priority_links, batch_size=BATCH)
    through_interventions.objects.bulk_create(intervention_links, batch_size=BATCH)

    load_indicators(django_apps.get_model)  # a flushed test database lost the migration's
    indicators = {i.code: i for i in Indicator.objects.all()}
    agreements: list[ResultAgreement] = []
    for assignment, key, _y, expected in rows:
        showcase = key == (demo_district, sonor)
        agreements += _agreements(ctx, assignment, expected, indicators, showcase)
    ResultAgreement.objects.bulk_create(agreements, batch_size=BATCH)

    managers = dict(Membership.objects.filter(role=Role.MANAGER, organisation__in=providers)
                    .order_by("pk").values_list("organisation_id", "user_id"))
    by_pk = {a.pk: a for a, _k, _y, _e in rows}
    manual = {indicators["tevredenheid"].pk, indicators["zelf-verder"].pk}
    values: list[ManualValue] = []
    for agreement in agreements:
        assignment = by_pk[agreement.assignment_id]
        if agreement.indicator_id not in manual or assignment.status == "concept":
            continue
        satisfaction = agreement.indicator_id == indicators["tevredenheid"].pk
        for starts_on, ends_on in _quarters(assignment.starts_on.year):
            if ends_on >= ctx.today:
                break
            value = (Decimal(ctx.rng.choice(["6.8", "7.1", "7.4", "7.6", "7.9", "8.2"]))
                     if satisfaction else Decimal(ctx.rng.randint(0, 2)))
            values.append(ManualValue(
                agreement_id=agreement.pk, starts_on=starts_on, ends_on=ends_on, value=value,
                note="Uit de tevredenheidsmeting na afloop." if satisfaction else "",
                entered_by_id=managers.get(assignment.provider_id)))
    ManualValue.objects.bulk_create(values, batch_size=BATCH)

    # One amendment on the demo district's running assignment: more hours after the summer.
    running = ctx.assignments[(demo_district, sonor, year)]
    old_hours = running.agreed_hours
    new_hours = _money(float(old_hours) * 1.12, 10)
    running.agreed_hours, running.version = new_hours, 2
    Assignment.objects.filter(pk=running.pk).update(agreed_hours=new_hours, version=2)
    commissioner_user = Membership.objects.filter(
        organisation_id=commissioners[demo_district].pk, role=Role.COMMISSIONER
    ).order_by("pk").values_list("user_id", flat=True).first()
    # The hours agreement follows the agreed hours, as the service does it (one number).
    hours_agreements = ResultAgreement.objects.filter(
        assignment=running, indicator=indicators["uren"], target=old_hours)
    hours_agreements.update(target=new_hours)
    Amendment.objects.create(assignment=running, version=2, actor_id=commissioner_user,
                             reason=texts.AMENDMENT_REASON,
                             changes={"agreed_hours": [_dutch(old_hours), _dutch(new_hours)]})
    return {"assignments": len(rows), "agreements": len(agreements),
            "manual_values": len(values), "amendments": 1}


def products(ctx: Context, entries: list) -> dict:
    """Give every assignment an hourly rate (its budget / agreed hours in whole euros) and
    products: its one or two most used planned interventions and its supported initiatives,
    agreed at about what the logbook delivers over the year (a running assignment: what it
    delivers at its pace so far). The budget grows to hours x rate plus the products where
    they do not fit (within MAX_BUDGET: there the rate gives way). No random draws, so the
    signals that come after stay as they are."""
    from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP

    from opbouw.assignments.models import Product
    from opbouw.demo.work_logbook import _year_done
    from opbouw.methods.models import Intervention

    counts: dict[int, dict[int | None, int]] = {}  # assignment id -> intervention -> entries
    initiatives: dict[int, int] = {}
    for e in entries:
        per = counts.setdefault(e.assignment_id, {})
        per[e.intervention_id] = per.get(e.intervention_id, 0) + 1
        if e.supports_initiative:
            initiatives[e.assignment_id] = initiatives.get(e.assignment_id, 0) + 1
    done = _year_done(ctx.today.year, ctx.today)
    by_key = {(a.commissioner_id, a.provider_id, a.starts_on.year): a
              for a in ctx.assignments.values()}
    factors = [Decimal("0.95"), Decimal("1"), Decimal("1.05"), Decimal("1.1")]
    prices = [Decimal(25), Decimal(35), Decimal(50)]
    names = dict(Intervention.objects.values_list("pk", "name"))
    rows: list[Product] = []
    changed = []
    # By position, not pk: a second load into the same database gives the same products.
    for index, assignment in enumerate(Assignment.objects.order_by("pk")):
        year, status = assignment.starts_on.year, assignment.status
        # What a full year delivers: a finished one did; a running one at its pace so far (in
        # its first weeks, last year's); a concept for next year as this year's will.
        source, scale = assignment, Decimal(1)
        if status == Assignment.Status.RUNNING:
            earlier = by_key.get((assignment.commissioner_id, assignment.provider_id, year - 1))
            if done >= 0.1 or earlier is None:
                scale = 1 / Decimal(max(done, 0.01))
            else:
                source = earlier
        elif status == Assignment.Status.CONCEPT:
            running = by_key.get((assignment.commissioner_id, assignment.provider_id, year - 1))
            finished = by_key.get((assignment.commissioner_id, assignment.provider_id, year - 2))
            if running is not None and (done >= 0.1 or finished is None):
                source, scale = running, 1 / Decimal(max(done, 0.01))
            elif finished is not None:
                source = finished
        used = counts.get(source.pk, {})
        planned = [i for i in ctx.interventions.get(assignment.pk, []) if used.get(i)]
        planned.sort(key=lambda i: (-used[i], i))
        chosen = planned[:1 + index % 2]
        wanted: list[tuple[int | None, int, Decimal]] = [
            (i, used[i], prices[(index + n) % len(prices)])
            for n, i in enumerate(chosen)]
        wanted.append((None, initiatives.get(source.pk, 0), Decimal(100)))
        amount = Decimal(0)
        for n, (intervention_id, count, price) in enumerate(wanted):
            factor = factors[(index + n) % len(factors)]
            quantity = max(1, int((count * scale * factor).quantize(Decimal(1))))
            amount += quantity * price
            rows.append(Product(
                assignment_id=assignment.pk, unit_price=price, agreed_quantity=quantity,
                name=names[intervention_id][:150] if intervention_id else
                "Ondersteund bewonersinitiatief",
                unit="activiteit" if intervention_id else "initiatief",
                intervention_id=intervention_id, initiatives_only=intervention_id is None))
        rate = (assignment.budget / assignment.agreed_hours).quantize(Decimal(1), ROUND_HALF_UP)
        needed = assignment.agreed_hours * rate + amount
        if needed > assignment.budget:
            assignment.budget = min(MAX_BUDGET, (needed / 100).quantize(
                Decimal(1), rounding=ROUND_CEILING) * 100)
        if needed > assignment.budget:  # capped: the rate gives way
            rate = ((assignment.budget - amount) / assignment.agreed_hours).quantize(
                Decimal(1), rounding=ROUND_FLOOR)
        assignment.hourly_rate = rate
        changed.append(assignment)
    Assignment.objects.bulk_update(changed, ["hourly_rate", "budget"], batch_size=BATCH)
    Product.objects.bulk_create(rows, batch_size=BATCH)
    return {"products": len(rows)}


def _context(rng: random.Random, scale: str) -> Context:
    districts = {a.pk: a for a in Area.objects.filter(level=Area.Level.DISTRICT,
                                                      name__in=list(rdam.DISTRICTS))}
    parent = dict(Area.objects.filter(parent__in=list(districts)).values_list("pk", "parent_id"))
    workers: dict[int, Worker] = {}
    for pk, user_id, org_id, hours, username in (
            WorkerProfile.objects.filter(organisation__kind=Organisation.Kind.PROVIDER)
            .order_by("pk").values_list("pk", "user_id", "organisation_id", "hours_per_week",
                                        "user__username")):
        assert hours is not None  # the demo gives every worker their hours
        workers[pk] = Worker(user_id=user_id, organisation_id=org_id, hours_per_week=hours,
                             username=username)
    through = WorkerProfile.areas.through
    for profile_id, area_id in through.objects.order_by("pk").values_list(
            "workerprofile_id", "area_id"):
        if profile_id in workers and area_id in parent:
            workers[profile_id].areas.append((area_id, parent[area_id]))
    return Context(rng=rng, scale=scale, today=timezone.localdate(), districts=districts,
                   workers=list(workers.values()))


def load(*, rng: random.Random, scale: str) -> dict:
    """Write action plans, assignments, logbook entries and signals; return their counts."""
    from opbouw.demo import work_logbook, work_signals

    load_signal_reference(django_apps.get_model)
    ctx = _context(rng, scale)
    names = {f"Deelgemeente {d.name}": pk for pk, d in ctx.districts.items()}
    commissioners = {names[o.name]: o for o in Organisation.objects.filter(
        kind=Organisation.Kind.COMMISSIONER, name__in=list(names)).order_by("pk")}
    plans = action_plans(ctx, commissioners)
    summary = {"action_plans": plans["plans"], "priorities": plans["priorities"]}
    summary |= assignments(ctx, commissioners, plans["by_plan"])
    activities = work_logbook.fit_hours(ctx, work_logbook.generate(ctx))
    lagging = work_chain.showcase(ctx, DEMO_DISTRICT, rdam.PROVIDERS[0][1])
    activities = work_chain.rarely_used(ctx, lagging, activities)
    summary |= work_logbook.save(ctx, activities)
    summary |= work_chain.plant_gaps(lagging, activities)
    summary |= products(ctx, activities)
    summary |= work_signals.load(ctx, activities)
    return summary
