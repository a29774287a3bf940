"""Demo signals: noticed during about one in twelve activities, with seasonal patterns, a
follow-up history that matches each status, and one district where drug nuisance rises.

Signals cover the logbook's period, 1 January of last year up to today, so every season shows
twice. Seasons: rubbish, the public space and youth on the street go up in summer, loneliness
and unsafe places in winter, debts in January. In TREND_DISTRICT "Drugsoverlast" runs at a
steady rate from the first day and at RISE times that rate in the last four months (120 days),
so the trend reports have something to find.

Whether an activity gives a signal is chance; which category it is, is not. At the tiny scale
the signals are a few hundred a year, and chance categories made a second rise of drug nuisance
or a summer without rubbish on some days the demo was generated and not on others. So, in date
order, elsewhere "Drugsoverlast" falls each time its expected number passes a whole one
(``_steady``), and the other categories take turns by their weight in the month
(``_Builder.in_turn``): every stretch of days holds each one's share, give or take a signal.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from opbouw.demo import work_texts as texts
from opbouw.signals.models import Category, FollowUp, Partner, Signal

BATCH = 2000
SIGNAL_RATE = 0.075  # signals per activity, before the summer boost
TREND_DISTRICT = "Feijenoord"
TREND_CATEGORY = "Drugsoverlast"
TREND_DAYS = 120
RISE = 3.5
# Base weight of each category: the common ones more often.
WEIGHTS = {
    "Vuil en zwerfafval": 3.0, "Burenoverlast": 2.0, "Jongeren op straat": 2.0,
    "Eenzaamheid": 2.0, "Schulden en armoede": 2.0, "Onderhoud van woningen": 1.5,
    "Openbare ruimte en groen": 1.5, "Drugsoverlast": 0.8,
}
# Category -> {month: multiplier}.
SEASONS = {
    "Vuil en zwerfafval": {6: 2.2, 7: 2.2, 8: 2.2, 5: 1.4, 9: 1.4},
    "Openbare ruimte en groen": {4: 1.5, 5: 1.5, 6: 1.5, 7: 1.5, 8: 1.5, 9: 1.5},
    "Jongeren op straat": {5: 1.5, 6: 2.5, 7: 2.5, 8: 2.5, 9: 1.5},
    "Burenoverlast": {6: 1.4, 7: 1.4, 8: 1.4},
    "Eenzaamheid": {11: 2.2, 12: 2.8, 1: 2.2, 2: 2.2},
    "Schulden en armoede": {1: 3.0, 2: 1.5},
    "Inbraak en vandalisme": {11: 1.7, 12: 1.7, 1: 1.7},
    "Onveilige plekken": {11: 1.5, 12: 1.5, 1: 1.5, 2: 1.5},
    "Schooluitval en verzuim": {9: 1.5, 10: 1.5, 7: 0.3, 8: 0.3},
    "Opvoedingsvragen": {7: 0.5, 8: 0.5},
}
SUMMER_BOOST = {6: 1.5, 7: 1.5, 8: 1.5}  # more time on the street, more noticed
PARTNERS = {
    "work": ["Gemeente: Werk en Inkomen", "Schuldhulpverlening", "Wijkteam"],
    "education": ["School of brede school", "Wijkteam", "Jongerenwerk"],
    "liveability": ["Gemeente: Stadsbeheer", "Woningcorporatie", "Gemeente: Wijkmanager"],
    "safety": ["Politie: wijkagent", "Jongerenwerk", "Gemeente: Wijkmanager"],
    "care": ["Wijkteam", "GGD", "Wijkteam"],
    "cohesion": ["Gemeente: Wijkmanager", "Wijkteam", "Anders"],
}
SPECIFIC_PARTNERS = {"Schulden en armoede": "Schuldhulpverlening",
                     "Vuil en zwerfafval": "Gemeente: Stadsbeheer",
                     "Onderhoud van woningen": "Woningcorporatie",
                     "Drugsoverlast": "Politie: wijkagent", "Verward gedrag": "GGD"}
SOURCES = ([Signal.Source.RESIDENT] * 8 + [Signal.Source.OBSERVATION] * 6
           + [Signal.Source.RESIDENT_GROUP] * 3 + [Signal.Source.PARTNER] * 3)
URGENCIES = [Signal.Urgency.LOW] * 4 + [Signal.Urgency.NORMAL] * 14 + [Signal.Urgency.HIGH] * 2


class _Builder:
    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self.today = ctx.today
        self.categories = {c.name: c for c in Category.objects.filter(is_active=True)}
        self.partners = {p.name: p.pk for p in Partner.objects.all()}
        self.signals: list[Signal] = []
        self.notes: list[list[FollowUp]] = []  # per signal, saved once it has a key
        self.tz = timezone.get_current_timezone()
        self.now = timezone.now()
        names = sorted(self.categories)
        self.weights = {month: [WEIGHTS.get(n, 1.0) * SEASONS.get(n, {}).get(month, 1.0)
                                for n in names] for month in range(1, 13)}
        self.names = names
        self.credits: dict[str, float] = {}  # category -> turns owed (see ``in_turn``)

    def share(self, name: str, month: int) -> float:
        """The chance that a signal of this month is of this category."""
        if name not in self.names:
            return 0.0
        weights = self.weights[month]
        return weights[self.names.index(name)] / sum(weights)

    def in_turn(self, month: int) -> Category:
        """The next signal's category, drug nuisance aside (``_steady`` and ``_trend`` add
        that): each category is owed its share of the month per signal and the one owed most
        comes next (a smooth weighted round robin from a random start). Called in date order,
        every stretch of days holds each category's share give or take a signal, so the seasons
        show on every day the demo is generated rather than on average."""
        if not self.credits:
            self.credits = {n: self.rng.random() for n in self.names if n != TREND_CATEGORY}
        weights = [(n, w) for n, w in zip(self.names, self.weights[month], strict=True)
                   if n in self.credits]
        total = sum(w for _n, w in weights)
        for name, weight in weights:
            self.credits[name] += weight / total
        name = max(self.credits, key=self.credits.__getitem__)
        self.credits[name] -= 1
        return self.categories[name]

    def partner(self, category: Category) -> int:
        name = SPECIFIC_PARTNERS.get(category.name)
        if name is None or self.rng.random() < 0.3:
            name = self.rng.choice(PARTNERS.get(category.domain, ["Anders"]))
        return self.partners.get(name) or self.partners["Anders"]

    def add(self, *, date, reporter, organisation_id, assignment_id, area_id, category,
            history: list[tuple[int, str, str]] | None = None, urgency=None) -> Signal:
        """Add a signal; history is [(days after date, status before, after)] or random."""
        rng = self.rng
        if urgency is None:
            urgency = rng.choice(URGENCIES)
            if category.name in ("Verward gedrag", "Drugsoverlast") and rng.random() < 0.3:
                urgency = Signal.Urgency.HIGH
        signal = Signal(
            date=date, organisation_id=organisation_id, reported_by_id=reporter,
            assignment_id=assignment_id, area_id=area_id, category_id=category.pk,
            description=rng.choice(texts.SIGNALS.get(category.name, [texts.SIGNAL_FALLBACK])),
            urgency=urgency, source=rng.choice(SOURCES),
            created_at=min(self.now, dt.datetime.combine(date, dt.time(17), tzinfo=self.tz)))
        steps = history if history is not None else self.history()
        notes = []
        partner = self.partner(category)
        for days, before, after in steps:
            when = date + dt.timedelta(days=days)
            if when > self.today:
                break
            referral = before == "open" and after == "referred"
            if referral:
                signal.referred_to_id, signal.referred_on = partner, when
            if after == "taken_up":
                signal.taken_up_on = when
            signal.status = after
            notes.append(FollowUp(date=when, author_id=reporter, status_before=before,
                                  status_after=after, referred_to_id=partner if referral
                                  else None, note=texts.FOLLOW_UP_NOTES[(before, after)]))
        self.signals.append(signal)
        self.notes.append(notes)
        return signal

    def history(self) -> list[tuple[int, str, str]]:
        """A random course: about 60% referred, of those about 70% taken up, some closed."""
        rng = self.rng
        steps: list[tuple[int, str, str]] = []
        if rng.random() < 0.15:
            steps.append((rng.randint(0, 3), "open", "open"))
        if rng.random() < 0.6:
            referred = rng.randint(max([d for d, _b, _a in steps] or [0]), 10)
            steps.append((referred, "open", "referred"))
            if rng.random() < 0.7:
                taken = referred + rng.randint(1, 21)
                steps.append((taken, "referred", "taken_up"))
                if rng.random() < 0.45:
                    steps.append((taken + rng.randint(7, 60), "taken_up", "closed"))
            elif rng.random() < 0.5:
                steps.append((referred + rng.randint(10, 30), "referred", "referred"))
        elif rng.random() < 0.55:
            steps.append((rng.randint(3, 40), "open", "closed"))
        return sorted(steps, key=lambda s: s[0])

    def assignment_for(self, district_id: int, organisation_id: int, date: dt.date):
        return self.ctx.assignments.get((district_id, organisation_id, date.year))


def _trend_district(ctx) -> int | None:
    """Feijenoord if someone works there, otherwise the district with the most workers."""
    counts: dict[int, int] = {}
    for w in ctx.workers:
        for district_id in {d for _a, d in w.areas}:
            counts[district_id] = counts.get(district_id, 0) + 1
    for pk, district in ctx.districts.items():
        if district.name == TREND_DISTRICT and counts.get(pk):
            return pk
    return max(sorted(counts), key=lambda pk: counts[pk]) if counts else None


def _trend(b: _Builder, district_id: int) -> int:
    """Add the district's drug nuisance: steady, then RISE times as much in the last months."""
    ctx, rng = b.ctx, b.rng
    people = [(w, area_id) for w in ctx.workers for area_id, d in w.areas if d == district_id]
    category = b.categories[TREND_CATEGORY]
    base = max(2, round(len({w.user_id for w, _a in people}) * 0.3))
    added = 0
    # Blocks of 30 days backwards from today to the first day (the oldest one may be shorter).
    for block in range((ctx.today - ctx.starts_on).days // 30 + 1):
        ends = ctx.today - dt.timedelta(days=30 * block)
        calendar = [d for d in (ends - dt.timedelta(days=n) for n in range(30))
                    if d >= ctx.starts_on]
        days = [d for d in calendar if d.weekday() < 5]
        per_block = base * RISE if 30 * block < TREND_DAYS else base + rng.randint(-1, 1)
        count = round(per_block * len(calendar) / 30)
        for _n in range(count if days else 0):
            date = rng.choice(days)
            worker, area_id = rng.choice(people)
            assignment = b.assignment_for(district_id, worker.organisation_id, date)
            if assignment is None:
                continue
            b.add(date=date, reporter=worker.user_id, organisation_id=worker.organisation_id,
                  assignment_id=assignment.pk, area_id=area_id, category=category)
            added += 1
    return added


def _steady(b: _Builder, activities, outside: list[int], share: dict[int, float]) -> set[int]:
    """The activities (indexes, in date order) during which drug nuisance is noticed outside
    the trend district: as many as its share of the signals expects, evenly over the period.

    The expected number builds up activity by activity, in date order, from a random start; a
    signal falls where it passes a whole one. So any stretch of days holds its expected number
    of signals, give or take one, and the last four months never rise by chance."""
    due = b.rng.random()
    chosen: set[int] = set()
    for index in outside:
        month = activities[index].date.month
        due += SIGNAL_RATE * SUMMER_BOOST.get(month, 1.0) * share[month]
        if due >= 1:
            due -= 1
            chosen.add(index)
    return chosen


def _showcase(b: _Builder) -> None:
    """Give the demo worker recent signals in every status, in their own district."""
    worker = next((w for w in b.ctx.workers if w.username == "medewerker"), None)
    if worker is None or not worker.areas:
        return
    area_id, district_id = worker.areas[0]
    courses = [
        (2, "Vuil en zwerfafval", []),
        (5, "Eenzaamheid", [(1, "open", "open")]),
        (9, "Onderhoud van woningen", [(2, "open", "referred")]),
        (30, "Jongeren op straat", [(1, "open", "referred"), (8, "referred", "taken_up")]),
        (60, "Schulden en armoede", [(0, "open", "referred"), (5, "referred", "taken_up"),
                                     (30, "taken_up", "closed")]),
        (45, "Weinig ontmoetingsplekken", [(10, "open", "closed")]),
    ]
    for days_ago, name, history in courses:
        date = b.today - dt.timedelta(days=days_ago)
        assignment = b.assignment_for(district_id, worker.organisation_id, date)
        if assignment is None:
            continue
        b.add(date=date, reporter=worker.user_id, organisation_id=worker.organisation_id,
              assignment_id=assignment.pk, area_id=area_id, category=b.categories[name],
              history=history, urgency=Signal.Urgency.NORMAL)


def load(ctx, activities) -> dict:
    """Write signals noticed during the activities, the trend and the showcase; count them."""
    b = _Builder(ctx)
    trend_id = _trend_district(ctx)
    district_of = {area_id: d for w in ctx.workers for area_id, d in w.areas}
    drugs = b.categories.get(TREND_CATEGORY)
    share = {month: b.share(TREND_CATEGORY, month) for month in range(1, 13)}
    # In date order, so that the drug nuisance and the categories' turns are steady in time.
    activities = sorted(activities, key=lambda a: a.date)
    outside = [i for i, a in enumerate(activities) if district_of.get(a.area_id) != trend_id]
    steady = _steady(b, activities, outside, share) if drugs else set()
    for index, activity in enumerate(activities):
        month = activity.date.month
        categories = [drugs] if index in steady else []
        # Other signals by chance, each category as often as when drug nuisance was drawn too.
        if b.rng.random() < SIGNAL_RATE * SUMMER_BOOST.get(month, 1.0) * (1 - share[month]):
            categories.append(b.in_turn(month))
        for category in categories:
            b.add(date=activity.date, reporter=activity.worker_id,
                  organisation_id=activity.organisation_id,
                  assignment_id=activity.assignment_id, area_id=activity.area_id,
                  category=category)
    trend = _trend(b, trend_id) if trend_id is not None else 0
    _showcase(b)
    Signal.objects.bulk_create(b.signals, batch_size=BATCH)
    follow_ups = []
    for signal, notes in zip(b.signals, b.notes, strict=True):
        for note in notes:
            note.signal_id = signal.pk
            follow_ups.append(note)
    FollowUp.objects.bulk_create(follow_ups, batch_size=BATCH)
    return {"signals": len(b.signals), "follow_ups": len(follow_ups),
            "trend_district": ctx.districts[trend_id].name if trend_id else "",
            "trend_signals": trend}
