"""Demo logbook: activities per worker from 1 January of last year up to today, on
workdays, with holiday dips (two summers, two Christmas breaks).

Each entry lies within its assignment's period and areas and uses one of the assignment's
planned interventions (or none). It was "entered" on its own date at 17:00, so only the
most recent ones are still within the workers' edit window. The hours are then fitted to the
assignments (``fit_hours``): a finished one realised most of its agreed hours, a running one
is on course, and none logs more than agreed.

The entries are written with plain inserts rather than model instances: at city scale there
are some 70,000, and ``bulk_create`` spent most of the load preparing them.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, models
from django.utils import timezone

from opbouw.demo import work_texts as texts
from opbouw.logbook.models import Activity, ContactForm
from opbouw.methods.models import Intervention, TargetGroup

BATCH = 2000
# At national scale only this many workers get a logbook; bench/ covers the volume.
NATIONAL_LOGBOOK_WORKERS = 300
# Chance of an entry on a full workday for a 32-hour worker; a second entry a quarter as often.
DAILY_RATE = 0.66
RECENT_DAYS = 3  # the demo worker has entries on every workday of these last days
# Share of its agreed hours a finished assignment realised (a running one: on course for it).
REALISED = (0.86, 0.98)

# contact form: (weight, participants range, hours range, share new, volunteers up to)
FORMS = {
    ContactForm.GROUP: (30, (5, 40), (1.5, 4.0), 0.15, 6),
    ContactForm.MEETING: (15, (3, 15), (1.0, 3.0), 0.10, 3),
    ContactForm.CONVERSATION: (14, (1, 2), (0.5, 1.5), 0.30, 0),
    ContactForm.STREET: (15, (1, 10), (1.0, 3.0), 0.40, 2),
    ContactForm.HOME_VISIT: (7, (1, 2), (0.75, 2.0), 0.50, 0),
    ContactForm.NETWORK: (13, (0, 3), (1.0, 2.5), 0.0, 0),
    ContactForm.REMOTE: (6, (1, 2), (0.5, 1.0), 0.10, 0),
}
TARGET_GROUPS = {
    ContactForm.GROUP: ["bewoners", "ouders", "ouderen", "kinderen", "jongeren", "nieuwkomers",
                        "vrijwilligers"],
    ContactForm.MEETING: ["bewonersorganisaties", "bewoners", "vrijwilligers"],
    ContactForm.STREET: ["jongeren", "bewoners", "bewoners", "ouders"],
    ContactForm.HOME_VISIT: ["ouderen", "bewoners", "nieuwkomers"],
    ContactForm.CONVERSATION: ["bewoners", "vrijwilligers", "ouders"],
    ContactForm.REMOTE: ["bewoners", "vrijwilligers"],
    ContactForm.NETWORK: [],
}


def day_factor(day: dt.date) -> float:
    """How much of a normal workday is worked: 0 at weekends and holidays, less in breaks."""
    if day.weekday() >= 5 or (day.month, day.day) in {(1, 1), (4, 27), (12, 25), (12, 26)}:
        return 0.0
    if (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 3):
        return 0.25  # Christmas break
    if (day.month, day.day) >= (7, 13) and (day.month, day.day) <= (8, 23):
        return 0.5  # summer holidays
    if (day.month == 4 and day.day >= 24) or (day.month == 5 and day.day <= 3):
        return 0.8  # May holiday
    return 1.0


def _quarter_hours(rng, low: float, high: float) -> int:
    """A random number of hours between low and high, in quarters (hours * 4)."""
    return rng.randint(round(low * 4), round(high * 4))


@dataclass(slots=True)
class Entry:
    """An activity to insert: the fields of ``Activity`` that the demo sets."""

    date: dt.date
    worker_id: int
    organisation_id: int
    assignment_id: int
    area_id: int
    intervention_id: int | None
    contact_form: str
    participants: int
    new_participants: int
    volunteers: int
    quarters: int  # hours * 4
    supports_initiative: bool
    target_group_id: int | None
    description: str
    follow_up: str
    created_by_id: int
    created_at: dt.datetime


def period(ctx) -> list[dt.date]:
    """Every day from the context's first day up to today."""
    first, today = ctx.starts_on, ctx.today
    return [first + dt.timedelta(days=n) for n in range((today - first).days + 1)]


def generate(ctx) -> list[Entry]:
    """Build the entries from 1 January of last year to today; deterministic with ctx.rng."""
    rng = ctx.rng
    today = ctx.today
    days = period(ctx)
    factors = [day_factor(d) for d in days]
    tz = timezone.get_current_timezone()
    now = timezone.now()
    entered = [min(now, dt.datetime.combine(d, dt.time(17), tzinfo=tz)) for d in days]
    names = dict(Intervention.objects.values_list("pk", "name"))
    groups = dict(TargetGroup.objects.values_list("code", "pk"))
    forms = list(FORMS)
    cumulative = list(itertools.accumulate(FORMS[f][0] for f in forms))
    workers = ctx.workers
    if ctx.scale == "national":
        workers = workers[:NATIONAL_LOGBOOK_WORKERS]
    rows: list[Entry] = []
    for w in workers:
        rate = DAILY_RATE * float(w.hours_per_week) / 32
        recent = w.username == "medewerker"
        # Per year, the worker's areas with the assignment they work for there.
        options_by_year = {
            year: [(area_id, ctx.assignments[key]) for area_id, key in (
                (a, (d, w.organisation_id, year)) for a, d in w.areas) if key in ctx.assignments]
            for year in range(days[0].year, today.year + 1)}
        for index, day in enumerate(days):
            factor = factors[index]
            # Even on a holiday the demo worker has something still editable to show.
            forced = recent and (today - day).days < RECENT_DAYS and day.weekday() < 5
            if not factor and not forced:
                continue
            count = int(rng.random() < rate * factor)
            count += int(count and rng.random() < 0.25)
            if forced:
                count = max(count, 1)
            if not count:
                continue
            options = options_by_year[day.year]
            if not options:
                continue
            for _n in range(count):
                area_id, assignment = rng.choice(options)
                rows.append(_activity(rng, w, day, entered[index], area_id, assignment,
                                      ctx.interventions.get(assignment.pk, []),
                                      ctx.hour_factors.get(assignment.pk, 1.0), names, groups,
                                      forms, cumulative))
    return rows


def _activity(rng, w, day, entered, area_id, assignment, planned, hour_factor, names, groups,
              forms, cumulative) -> Entry:
    form = rng.choices(forms, cum_weights=cumulative)[0]
    _weight, (low, high), (h_low, h_high), new_share, max_volunteers = FORMS[form]
    if form == ContactForm.GROUP:  # most groups are small, a few are large
        participants = min(high, low + int(rng.expovariate(1 / 9)))
    else:
        participants = rng.randint(low, high)
    new = sum(rng.random() < new_share for _ in range(participants))
    intervention = rng.choice(planned) if planned and rng.random() < 0.75 else None
    description = rng.choice(texts.ACTIVITIES[form])
    if intervention and rng.random() < 0.3:
        description = f"{names[intervention]}: {description[0].lower()}{description[1:]}"
    codes = TARGET_GROUPS[form]
    target = groups.get(rng.choice(codes)) if codes and rng.random() < 0.9 else None
    return Entry(
        date=day, worker_id=w.user_id, organisation_id=assignment.provider_id,
        assignment_id=assignment.pk, area_id=area_id, intervention_id=intervention,
        contact_form=form, participants=participants, new_participants=new,
        volunteers=rng.randint(0, max_volunteers) if max_volunteers else 0,
        quarters=_quarter_hours(rng, max(0.5, h_low * hour_factor),
                                min(4.0, h_high * hour_factor)),
        supports_initiative=form in (ContactForm.GROUP, ContactForm.MEETING)
        and rng.random() < 0.2,
        target_group_id=target, description=description[:500],
        follow_up=rng.choice(texts.ACTIVITY_FOLLOW_UPS) if rng.random() < 0.25 else "",
        created_by_id=w.user_id, created_at=entered)


def _year_done(year: int, today: dt.date) -> float:
    """The share of a year's work (workdays, weighted by ``day_factor``) done by today."""
    first = dt.date(year, 1, 1)
    days = [first + dt.timedelta(days=n) for n in range((dt.date(year, 12, 31) - first).days + 1)]
    weights = [day_factor(d) for d in days]
    return sum(w for d, w in zip(days, weights, strict=True) if d <= today) / sum(weights)


def fit_hours(ctx, entries: list[Entry]) -> list[Entry]:
    """Fit the hours of each assignment's entries to what it realised: a finished one 86-98%
    of its agreed hours, a running one that share of the part of the year gone by. Entries
    change by quarter hours within 0.5-4; only if even half-hour entries would log more than
    agreed are some left out (the demo worker's recent ones never). Deterministic."""
    rng = ctx.rng
    by_assignment: dict[int, list[int]] = {}
    for index, entry in enumerate(entries):
        by_assignment.setdefault(entry.assignment_id, []).append(index)
    done = {ctx.today.year: _year_done(ctx.today.year, ctx.today)}
    recent = ctx.today - dt.timedelta(days=RECENT_DAYS)
    dropped: set[int] = set()
    for assignment in sorted(ctx.assignments.values(), key=lambda a: a.pk):
        indexes = by_assignment.get(assignment.pk)
        if not indexes:
            continue
        share = rng.uniform(*REALISED) * done.get(assignment.starts_on.year, 1.0)
        cap = int(assignment.agreed_hours * 4)  # quarters
        target = min(cap, round(float(assignment.agreed_hours) * share * 4))
        total = sum(entries[i].quarters for i in indexes)
        scale = target / total
        for i in indexes:
            entries[i].quarters = min(16, max(2, round(entries[i].quarters * scale)))
        # Rounding and the bounds leave a difference: one quarter at a time, in random order.
        order = indexes[:]
        rng.shuffle(order)
        diff = target - sum(entries[i].quarters for i in indexes)
        while diff:
            before = diff
            for i in order:
                entry = entries[i]
                if diff > 0 and entry.quarters < 16:
                    entry.quarters += 1
                    diff -= 1
                elif diff < 0 and entry.quarters > 2:
                    entry.quarters -= 1
                    diff += 1
                if not diff:
                    break
            if diff == before:
                break
        over = target - diff - cap  # quarters above the agreed hours, if any
        for i in order:
            if over <= 0:
                break
            if entries[i].date <= recent:
                dropped.add(i)
                over -= entries[i].quarters
    return [e for i, e in enumerate(entries) if i not in dropped]


# Columns of ``Activity`` the demo sets; any other gets its default.
_COLUMNS = ("date", "worker_id", "organisation_id", "assignment_id", "area_id",
            "intervention_id", "contact_form", "participants", "new_participants",
            "volunteers", "hours", "supports_initiative", "target_group_id", "description",
            "follow_up", "created_by_id", "created_at")


def _insert(entries: list[Entry]) -> None:
    """INSERT the entries as plain rows, with the values as the database expects them."""
    ops = connection.ops
    fields = {f.attname: f for f in Activity._meta.concrete_fields if not f.primary_key}
    now = ops.adapt_datetimefield_value(timezone.now())  # updated_at (auto_now)
    others = {name: now if name == "updated_at"
              else field.get_db_prep_save(field.get_default(), connection)
              for name, field in fields.items() if name not in _COLUMNS}
    columns = [*_COLUMNS, *others]
    constants = tuple(others.values())
    hours_field = fields["hours"]
    assert isinstance(hours_field, models.DecimalField)
    hours = {q: ops.adapt_decimalfield_value(Decimal(q) / 4, hours_field.max_digits,
                                             hours_field.decimal_places) for q in range(2, 17)}
    dates: dict[dt.date, object] = {}
    stamps: dict[dt.datetime, object] = {}
    rows: list[tuple[Any, ...]] = []
    for e in entries:
        date = dates.get(e.date)
        if date is None:
            date = dates[e.date] = ops.adapt_datefield_value(e.date)
        stamp = stamps.get(e.created_at)
        if stamp is None:
            stamp = stamps[e.created_at] = ops.adapt_datetimefield_value(e.created_at)
        rows.append((date, e.worker_id, e.organisation_id, e.assignment_id, e.area_id,
                     e.intervention_id, e.contact_form, e.participants, e.new_participants,
                     e.volunteers, hours[e.quarters], e.supports_initiative,
                     e.target_group_id, e.description, e.follow_up, e.created_by_id, stamp,
                     *constants))
    quote = ops.quote_name
    sql = (f"INSERT INTO {quote(Activity._meta.db_table)} "  # noqa: S608 (our own names)
           f"({', '.join(quote(fields[c].column) for c in columns)}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start:start + BATCH])


def save(ctx, entries: list[Entry]) -> dict:
    """Insert the entries in batches; return the counts for the summary."""
    _insert(entries)
    workers = len({e.worker_id for e in entries})
    summary: dict[str, Any] = {"activities": len(entries), "logbook_workers": workers}
    if ctx.scale == "national":
        summary["note"] = (f"Logboek alleen voor de eerste {NATIONAL_LOGBOOK_WORKERS} "
                           f"opbouwwerkers ({workers} met een opdracht); de benchmark in "
                           "bench/ dekt de rest.")
    return summary
