"""Demo logbook: a year of activities per worker, on workdays, with holiday dips.

Each entry lies within its assignment's period and areas and uses one of the assignment's
planned interventions (or none). It was "entered" on its own date at 17:00, so only the
most recent ones are still within the workers' edit window.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.utils import timezone

from opbouw.demo import work_texts as texts
from opbouw.logbook.models import Activity, ContactForm
from opbouw.methods.models import Intervention, TargetGroup

BATCH = 2000
DAYS = 365
# At national scale only this many workers get a logbook; bench/ covers the volume.
NATIONAL_LOGBOOK_WORKERS = 300
# Chance of an entry on a full workday for a 32-hour worker; a second entry a quarter as often.
DAILY_RATE = 0.66
RECENT_DAYS = 3  # the demo worker has entries on every workday of these last days

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


def _quarter_hours(rng, low: float, high: float) -> Decimal:
    return Decimal(rng.randint(round(low * 4), round(high * 4))) / 4


def generate(ctx) -> list[Activity]:
    """Build (unsaved) activities for the last 365 days; deterministic with ctx.rng."""
    rng = ctx.rng
    today = ctx.today
    days = [today - dt.timedelta(days=n) for n in range(DAYS - 1, -1, -1)]
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
    rows: list[Activity] = []
    for w in workers:
        rate = DAILY_RATE * float(w.hours_per_week) / 32
        recent = w.username == "medewerker"
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
            options = [(area_id, ctx.assignments[(district_id, w.organisation_id, day.year)])
                       for area_id, district_id in w.areas
                       if (district_id, w.organisation_id, day.year) in ctx.assignments]
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
              forms, cumulative) -> Activity:
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
    return Activity(
        date=day, worker_id=w.user_id, organisation_id=assignment.provider_id,
        assignment_id=assignment.pk, area_id=area_id, intervention_id=intervention,
        contact_form=form, participants=participants, new_participants=new,
        volunteers=rng.randint(0, max_volunteers) if max_volunteers else 0,
        hours=_quarter_hours(rng, max(0.5, h_low * hour_factor), min(4.0, h_high * hour_factor)),
        supports_initiative=form in (ContactForm.GROUP, ContactForm.MEETING)
        and rng.random() < 0.2,
        target_group_id=target, description=description[:500],
        follow_up=rng.choice(texts.ACTIVITY_FOLLOW_UPS) if rng.random() < 0.25 else "",
        created_by_id=w.user_id, created_at=entered)


def save(ctx, activities: list[Activity]) -> dict:
    """Insert the activities in batches; return the counts for the summary."""
    Activity.objects.bulk_create(activities, batch_size=BATCH)
    workers = len({a.worker_id for a in activities})
    summary = {"activities": len(activities), "logbook_workers": workers}
    if ctx.scale == "national":
        summary["note"] = (f"Logboek alleen voor de eerste {NATIONAL_LOGBOOK_WORKERS} "
                           f"opbouwwerkers ({workers} met een opdracht); de benchmark in "
                           "bench/ dekt de rest.")
    return summary
