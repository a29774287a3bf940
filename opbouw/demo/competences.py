"""Demo data for the competences module: rounds, ratings, plans, courses, enrolments.

Generic competencies are rated lower on average than the specific ones, as the seed paper
found. Dates are relative to today, so the open round is always open.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from opbouw.competences.frameworks import ensure_shipped_framework
from opbouw.competences.models import (
    Action,
    Assessment,
    AssessmentRound,
    CoachingSession,
    Competency,
    Course,
    DevelopmentPlan,
    Enrolment,
    Goal,
    Norm,
    PeRequirement,
    Rating,
)
from opbouw.competences.services import norms_snapshot
from opbouw.organisations.models import Organisation, WorkerProfile

COURSES = [
    # title, provider, hours, PE points, competency codes
    ("Outreachend werken in de wijk", "Hogeschool Rotterdam", 16, 8, ["4A", "4P"]),
    ("Vraagverheldering en gespreksvoering", "Hogeschool Rotterdam", 12, 6, ["4B", "4C"]),
    ("Resultaatgericht werken met opdrachtgevers", "Movisie Academie", 8, 4, ["4E", "4G"]),
    ("Verantwoorden met cijfers en verhalen", "Movisie Academie", 8, 4, ["4G", "4D"]),
    ("Sociaal ondernemen in de buurt", "Opbouwwerkkamer", 6, 3, ["4F", "4N"]),
    ("Bewonersinitiatieven versterken", "Opbouwwerkkamer", 12, 6, ["4R", "4Q"]),
    ("Netwerken met partners in het gebied", "Hogeschool Rotterdam", 8, 4, ["4S", "4N"]),
    ("Omgaan met spanningen en conflicten", "Opbouwwerkkamer", 12, 6, ["4T", "4M"]),
    ("Signaleren en agenderen van sociale vraagstukken", "Movisie Academie", 10, 5, ["4L"]),
    ("Intervisie volgens de incidentmethode", "Opbouwwerkkamer", 6, 3, ["4K"]),
]
# Left without a course on purpose, so the joint training plan shows gaps to develop:
# 4H Draagt bij aan beleid, 4I Zorgt voor kwaliteit, 4J Bewaakt eigen arbeidsomstandigheden,
# 4O Animeren, cultuur en vrije tijd.


def _rating(rng: random.Random, norm: int, generic: bool, top: int) -> int:
    shift = -0.7 if generic else -0.1
    return max(1, min(top, round(norm + shift + rng.gauss(0, 0.8))))


def load(*, rng: random.Random, actor) -> dict:
    framework = ensure_shipped_framework()
    today = timezone.localdate()
    providers = list(Organisation.objects.filter(kind=Organisation.Kind.PROVIDER))
    competencies = list(Competency.objects.filter(framework=framework).order_by("order"))
    top = max(framework.scale.values_list("value", flat=True))
    norms = {(n.competency_id, n.scw_level): n.expected
             for n in Norm.objects.filter(competency__framework=framework)}
    profiles = list(WorkerProfile.objects.filter(organisation__in=providers)
                    .select_related("user").order_by("pk"))

    # Courses and the yearly PE requirement.
    by_code = {c.code: c for c in competencies}
    courses = []
    for title, provider, hours, points, codes in COURSES:
        course = Course.objects.create(title=title, provider=provider, hours=Decimal(hours),
                                       pe_points=Decimal(points),
                                       description=f"{title}: een praktijkgerichte cursus.")
        course.competencies.set([by_code[c] for c in codes if c in by_code])
        courses.append(course)
    PeRequirement.objects.bulk_create([
        PeRequirement(organisation=org, year=today.year, points=Decimal(12)) for org in providers
    ])

    # A closed round last autumn, everything submitted; an open round now, half done.
    closed = AssessmentRound.objects.create(
        name=f"Competentiemeting najaar {today.year - 1}", framework=framework,
        starts_on=dt.date(today.year - 1, 10, 1), ends_on=dt.date(today.year - 1, 11, 30),
        state=AssessmentRound.State.CLOSED, closed_at=timezone.now() - dt.timedelta(days=120),
        opened_by=actor, norms_snapshot=norms_snapshot(framework))
    current = AssessmentRound.objects.create(
        name=f"Competentiemeting {today.year}", framework=framework,
        starts_on=today - dt.timedelta(days=21), ends_on=today + dt.timedelta(days=40),
        opened_by=actor)
    for r in (closed, current):
        r.organisations.set(providers)

    submitted_at = timezone.now()
    assessments, plan_ratings = [], []
    for p in profiles:
        demo_user = p.user.username in ("medewerker", "coach")
        for r in (closed, current):
            is_closed = r is closed
            kinds = [(Assessment.Kind.SELF, p.user_id)]
            if p.coach_id:
                kinds.append((Assessment.Kind.COACH, p.coach_id))
            for kind, assessor in kinds:
                done = is_closed or (not demo_user and rng.random() < 0.55)
                a = Assessment(round=r, worker_id=p.user_id, assessor_id=assessor,
                               organisation_id=p.organisation_id, scw_level=p.scw_level,
                               kind=kind,
                               state=Assessment.State.SUBMITTED if done
                               else Assessment.State.OPEN,
                               submitted_at=submitted_at if done else None)
                assessments.append(a)
                if done:
                    plan_ratings.append((a, p))
    Assessment.objects.bulk_create(assessments, batch_size=1000)
    ratings = []
    growth: dict[tuple[int, int], int] = {}  # a little growth between the rounds
    for a, p in plan_ratings:
        for comp in competencies:
            norm = norms.get((comp.pk, p.scw_level), 3)
            value = _rating(rng, norm, comp.kind == Competency.Kind.GENERIC, top)
            if a.round_id == current.pk:
                value = min(top, value + growth.setdefault((p.pk, comp.pk),
                                                           int(rng.random() < 0.3)))
            if a.kind == Assessment.Kind.SELF:
                value = min(top, value + int(rng.random() < 0.25))  # people rate themselves up
            ratings.append(Rating(assessment=a, competency=comp, value=value))
    Rating.objects.bulk_create(ratings, batch_size=2000)

    # Development plans for about a third of the workers, and for the demo worker.
    goals, actions = [], []
    for p in profiles:
        if p.user.username != "medewerker" and rng.random() > 0.33:
            continue
        plan = DevelopmentPlan.objects.create(worker_id=p.user_id,
                                              organisation_id=p.organisation_id,
                                              year=today.year)
        for comp in rng.sample([c for c in competencies if c.kind == "generic"], 2):
            goal = Goal(plan=plan, competency=comp, target_level=norms.get((comp.pk,
                                                                             p.scw_level)),
                        description=f"Sterker worden in '{comp.name.lower()}'.")
            goals.append((goal, comp))
    Goal.objects.bulk_create([g for g, _c in goals])
    codes_of = {course.pk: set(codes) for course, (_t, _p, _h, _pe, codes) in
                zip(courses, COURSES, strict=True)}
    for goal, comp in goals:
        matching = [c for c in courses if comp.code in codes_of[c.pk]]
        action_kind = Action.Kind.COURSE if matching else rng.choice(
            [Action.Kind.COACHING, Action.Kind.INTERVISION, Action.Kind.ON_THE_JOB])
        actions.append(Action(goal=goal, kind=action_kind,
                              description=("Inschrijven en de cursus afronden" if matching
                                           else "Bespreken in intervisie en oefenen in de wijk"),
                              course=matching[0] if matching else None,
                              due_on=today + dt.timedelta(days=rng.randint(20, 200)),
                              status=rng.choice(list(Action.Status.values))))
    Action.objects.bulk_create(actions)

    # Enrolments: most workers took something this year; some are behind on PE points.
    enrolments = []
    for p in profiles:
        for course in rng.sample(courses, rng.randint(0, 3)):
            completed = rng.random() < 0.7
            enrolments.append(Enrolment(
                course=course, worker_id=p.user_id, organisation_id=p.organisation_id,
                status=Enrolment.Status.COMPLETED if completed else Enrolment.Status.ENROLLED,
                completed_on=today - dt.timedelta(days=rng.randint(1, 150)) if completed
                else None,
                pe_points=course.pe_points if completed else Decimal(0)))
    Enrolment.objects.bulk_create(enrolments, batch_size=1000)

    # Coaching and intervision sessions per coach.
    sessions = 0
    coaches: dict[tuple[int, int], list[int]] = {}
    for p in profiles:
        if p.coach_id:
            coaches.setdefault((p.coach_id, p.organisation_id), []).append(p.user_id)
    for (coach_id, org_id), coachees in coaches.items():
        for n in range(2):
            session = CoachingSession.objects.create(
                organisation_id=org_id, held_on=today - dt.timedelta(days=14 + 30 * n),
                kind=CoachingSession.Kind.INTERVISION if n else CoachingSession.Kind.COACHING,
                led_by_id=coach_id, notes="Casusbespreking volgens de incidentmethode.")
            session.participants.set(coachees[:6])
            session.competencies.set(rng.sample(competencies, 2))
            sessions += 1
    return {"rounds": 2, "ratings": len(ratings), "courses": len(courses),
            "plans": DevelopmentPlan.objects.count(), "sessions": sessions}
