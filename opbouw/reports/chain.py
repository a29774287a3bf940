"""The chain from results to training: why does a result lag, and what do we learn from it?

From a result agreement of an assignment: the interventions its logbook used in the
agreement's period (entries and hours each, and the planned ones nobody used), the
competencies those interventions need (``Intervention.competencies``), how many of the
workers who logged on the assignment in that period fall short of the norm in them in the
latest closed assessment round (``competences.selectors.levels_against_norm``), and the
courses that address them. And back: from a competency or a course, the agreements of
visible assignments whose logbook used interventions that need it.

Every read starts from a scope. A worker is named only to their manager or coach (who may
see their results: ``competences.scopes.can_see_development_of``, the worker aside), from
the ratings that principal may read; everyone else who may see the assignment sees counts,
hidden below ``OPBOUW_MIN_CELL_SIZE`` together with the count they could be worked out from
(``access.suppression.suppress_row``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from opbouw.access.principal import Principal
from opbouw.access.shortcuts import get_visible_or_404
from opbouw.access.suppression import suppress_row
from opbouw.assignments import scopes as assignment_scopes
from opbouw.assignments.models import Assignment, ResultAgreement
from opbouw.assignments.selectors import AgreementProgress, agreement_get, agreement_progress
from opbouw.competences import scopes as competence_scopes
from opbouw.competences.models import AssessmentRound, Competency, Course, Goal
from opbouw.competences.selectors import course_get, levels_against_norm
from opbouw.logbook import scopes as logbook_scopes
from opbouw.methods import scopes as method_scopes
from opbouw.methods.models import Intervention
from opbouw.organisations import scopes as org_scopes

BEHIND = "behind"


@dataclass(frozen=True)
class InterventionUse:
    """What the logbook shows of one intervention (None: entries without one)."""

    intervention: Intervention | None
    entries: int
    hours: Decimal
    percent: int | None  # of all hours logged on the agreement's period
    planned: bool
    competencies: list[Competency]


@dataclass(frozen=True)
class NamedGap:
    """A worker the principal may name, below the norm in one competency."""

    worker: Any
    norm: int
    level: int
    in_plan: bool  # their development plan of this year has a goal on the competency

    @property
    def gap(self) -> int:
        return self.norm - self.level


@dataclass(frozen=True)
class CourseOption:
    course: Course
    proposed: bool  # already proposed for the provider's joint training plan


@dataclass
class CompetencyLink:
    """One needed competency: what needs it, who falls short, which courses address it."""

    competency: Competency
    uses: list[InterventionUse]  # of the interventions that need it
    named: list[NamedGap] = field(default_factory=list)
    named_assessed: int = 0  # the workers the principal may name, assessed in it
    # The workers not named: how many fall short and how many were assessed (None: hidden).
    others: int = 0
    short: int | None = None
    assessed: int | None = None
    courses: list[CourseOption] = field(default_factory=list)

    @property
    def interventions(self) -> list[Intervention]:
        return [u.intervention for u in self.uses if u.intervention is not None]

    @property
    def known_short(self) -> int:
        """Workers known to fall short, for ordering (hidden counts as none)."""
        return len(self.named) + (self.short or 0)


@dataclass
class AgreementChain:
    agreement: ResultAgreement
    progress: AgreementProgress
    starts_on: dt.date
    ends_on: dt.date  # the last day read: the agreement's end or today
    interventions: list[InterventionUse]
    links: list[CompetencyLink]
    assessment_round: AssessmentRound | None
    workers: int | None  # workers with entries in the period (None: hidden)
    named_workers: int  # of those, the ones the principal may see by name
    can_propose_courses: bool
    min_cell: int = field(default_factory=lambda: settings.OPBOUW_MIN_CELL_SIZE)

    @property
    def is_behind(self) -> bool:
        return self.progress.status == BEHIND

    @property
    def assignment(self) -> Assignment:
        return self.agreement.assignment

    def link(self, competency_id: int) -> CompetencyLink | None:
        return next((c for c in self.links if c.competency.pk == competency_id), None)

    def named_gap(self, competency_id: int, worker_id: int) -> tuple[CompetencyLink,
                                                                     NamedGap] | None:
        """The chain's proposal of a goal: the competency and the named worker short in it."""
        link = self.link(competency_id)
        gap = next((g for g in link.named if g.worker.pk == worker_id), None) if link else None
        return (link, gap) if link and gap else None

    def course_option(self, competency_id: int, course_id: int) -> tuple[CompetencyLink,
                                                                         Course] | None:
        """The chain's proposal of a course: a needed competency and a course addressing it."""
        link = self.link(competency_id)
        option = next((o for o in link.courses if o.course.pk == course_id), None) \
            if link else None
        return (link, option.course) if link and option else None


def _competencies(principal: Principal) -> QuerySet:
    return Competency.objects.filter(
        framework__in=competence_scopes.frameworks(principal)).order_by("order", "code")


def _uses(principal: Principal, agreement: ResultAgreement, entries: QuerySet,
          ) -> list[InterventionUse]:
    """Per intervention: entries and hours, most hours first; then planned ones not used."""
    totals = {row["intervention_id"]: (row["n"], row["hours"] or Decimal(0)) for row in
              entries.order_by().values("intervention_id").annotate(n=Count("pk"),
                                                                    hours=Sum("hours"))}
    planned = set(agreement.assignment.interventions.values_list("pk", flat=True))
    visible = {i.pk: i for i in method_scopes.interventions(principal).filter(
        pk__in=set(totals) | planned).prefetch_related(
        Prefetch("competencies", queryset=_competencies(principal)))}
    # Entries of an intervention the principal cannot open count as without one.
    merged: dict[int | None, tuple[int, Decimal]] = {}
    for pk, (n, hours) in totals.items():
        key = pk if pk in visible else None
        before = merged.get(key, (0, Decimal(0)))
        merged[key] = (before[0] + n, before[1] + hours)
    all_hours = sum((hours for _n, hours in merged.values()), Decimal(0))
    uses = []
    for pk in sorted(set(merged) | (planned & set(visible)),
                     key=lambda k: (-merged.get(k, (0, 0))[1], k is None, visible[k].name
                                    if k is not None else "")):
        n, hours = merged.get(pk, (0, Decimal(0)))
        intervention = visible.get(pk) if pk is not None else None
        uses.append(InterventionUse(
            intervention=intervention, entries=n, hours=hours,
            percent=round(hours * 100 / all_hours) if all_hours else None,
            planned=pk in planned,
            competencies=list(intervention.competencies.all()) if intervention else []))
    return uses


def _latest_closed_round(principal: Principal, worker_ids: set[int]) -> AssessmentRound | None:
    """The latest closed round in which any of the workers was assessed."""
    rated = competence_scopes.rating_counts(principal).filter(
        assessment__worker_id__in=worker_ids).values("assessment__round_id")
    return (AssessmentRound.objects.filter(state=AssessmentRound.State.CLOSED, pk__in=rated)
            .select_related("framework").order_by("-ends_on", "-pk").first())


def _nameable(principal: Principal, worker_ids: set[int]) -> dict[int, Any]:
    """The workers the principal may name: those whose manager or coach they are."""
    profiles = org_scopes.worker_profiles(principal).filter(
        user_id__in=worker_ids).select_related("user")
    return {p.user_id: p.user for p in profiles if p.user_id != principal.user_id
            and competence_scopes.can_see_development_of(principal, p)}


def _courses(principal: Principal, competency_ids: set[int], provider_id: int,
             ) -> dict[int, list[CourseOption]]:
    proposed = set(competence_scopes.training_proposals(principal).filter(
        organisation_id=provider_id, competency_id__in=competency_ids).values_list(
        "course_id", "competency_id"))
    options: dict[int, list[CourseOption]] = defaultdict(list)
    courses = competence_scopes.courses(principal).filter(
        is_active=True, competencies__in=competency_ids).distinct().prefetch_related(
        "competencies").order_by("title")
    for course in courses:
        for comp in course.competencies.all():
            if comp.pk in competency_ids:
                options[comp.pk].append(CourseOption(course, (course.pk, comp.pk) in proposed))
    return options


def agreement_chain(principal: Principal, pk: int, *, today: dt.date | None = None,
                    ) -> AgreementChain:
    """The chain of an agreement of a visible assignment (404 otherwise)."""
    today = today or timezone.localdate()
    agreement = agreement_get(principal, pk)
    assignment = agreement.assignment
    progress = agreement_progress(agreement, today=today)
    ends_on = min(today, agreement.ends_on)
    entries = logbook_scopes.activity_statistics(principal).filter(
        assignment=assignment, date__range=(agreement.starts_on, ends_on))
    uses = _uses(principal, agreement, entries)
    worker_ids = set(entries.order_by().values_list("worker_id", flat=True).distinct())

    needed: dict[int, CompetencyLink] = {}
    for use in uses:
        for comp in use.competencies:
            needed.setdefault(comp.pk, CompetencyLink(comp, [])).uses.append(use)

    assessment_round = _latest_closed_round(principal, worker_ids) if worker_ids else None
    nameable = _nameable(principal, worker_ids)
    named_levels: dict[int, dict[int, tuple[int, int]]] = {}
    other_levels: dict[int, dict[int, tuple[int, int]]] = {}
    if assessment_round is not None and needed:
        named_levels = levels_against_norm(competence_scopes.ratings(principal).filter(
            assessment__worker_id__in=set(nameable)), assessment_round)
        other_levels = levels_against_norm(competence_scopes.rating_counts(principal).filter(
            assessment__worker_id__in=worker_ids - set(named_levels)), assessment_round)
    in_plan = set(Goal.objects.filter(
        plan__in=competence_scopes.development_plans(principal).filter(
            worker_id__in=set(named_levels), year=today.year),
        competency_id__in=set(needed)).values_list("plan__worker_id", "competency_id"))
    courses = _courses(principal, set(needed), assignment.provider_id)
    others = len(worker_ids - set(named_levels))
    for comp_id, link in needed.items():
        link.named = sorted(
            (NamedGap(nameable[w], *levels[comp_id], in_plan=(w, comp_id) in in_plan)
             for w, levels in named_levels.items()
             if comp_id in levels and levels[comp_id][0] > levels[comp_id][1]),
            key=lambda g: (-g.gap, g.worker.last_name, g.worker.first_name, g.worker.pk))
        link.named_assessed = sum(1 for levels in named_levels.values() if comp_id in levels)
        gaps = [levels[comp_id][0] - levels[comp_id][1] for levels in other_levels.values()
                if comp_id in levels]
        short = sum(1 for g in gaps if g > 0)
        (link.short, _at_norm), link.assessed = suppress_row([short, len(gaps) - short])
        link.others = others
        link.courses = courses.get(comp_id, [])
    links = sorted(needed.values(), key=lambda c: (-c.known_short, c.competency.order,
                                                   c.competency.code))
    workers: int | None = len(worker_ids)
    if not org_scopes.can_see_people_of(principal, assignment.provider_id):
        workers = suppress_row([len(worker_ids)])[1]
    return AgreementChain(
        agreement=agreement, progress=progress, starts_on=agreement.starts_on, ends_on=ends_on,
        interventions=uses, links=links, assessment_round=assessment_round, workers=workers,
        named_workers=len(named_levels),
        can_propose_courses=competence_scopes.can_propose_training(principal,
                                                                   assignment.provider_id))


def goal_text(link: CompetencyLink, gap: NamedGap, chain: AgreementChain) -> str:
    """The goal the chain proposes for a worker's development plan."""
    return _("Groeien in '%(name)s' naar niveau %(norm)s, voor de resultaten van "
             "'%(assignment)s'.") % {"name": link.competency.name.lower(), "norm": gap.norm,
                                     "assignment": chain.assignment.title}


def proposal_reason(chain: AgreementChain) -> str:
    """Why the chain proposes a course for the joint training plan."""
    return _("Uit de keten van resultaat naar scholing: '%(indicator)s' van '%(assignment)s'.") \
        % {"indicator": chain.agreement.indicator.name, "assignment": chain.assignment.title}


def worker_profile(principal: Principal, worker_id: int) -> Any:
    """A worker's profile the principal may open (404 otherwise)."""
    return get_visible_or_404(org_scopes.worker_profiles(principal).select_related("user"),
                              user_id=worker_id)


# Back: from a competency or a course to the agreements that depend on it ------------------


def competency_get(principal: Principal, pk: int) -> Competency:
    qs = _competencies(principal).select_related("framework", "theme")
    return get_visible_or_404(qs, pk=pk)


def _interventions_needing(principal: Principal, competency_ids: set[int]) -> QuerySet:
    return method_scopes.interventions(principal).filter(
        competencies__in=competency_ids).distinct().order_by("name")


def dependent_assignments(principal: Principal, competency_ids: set[int], *,
                          today: dt.date | None = None) -> list[dict]:
    """Visible assignments with agreements whose period's logbook used interventions that
    need any of the competencies: per assignment those interventions and each such
    agreement's progress (lagging first); running assignments first, most lagging first."""
    today = today or timezone.localdate()
    interventions = _interventions_needing(principal, competency_ids)
    used = logbook_scopes.activity_statistics(principal).filter(
        assignment=OuterRef("assignment"), date__gte=OuterRef("starts_on"),
        date__lte=OuterRef("ends_on"), intervention__in=interventions)
    agreements = list(
        ResultAgreement.objects.filter(assignment__in=assignment_scopes.assignments(principal))
        .filter(Exists(used)).select_related("assignment__provider",
                                             "assignment__commissioner", "indicator")
        .prefetch_related("manual_values").order_by("assignment_id", "indicator__name", "pk"))
    by_assignment: dict[int, list[AgreementProgress]] = defaultdict(list)
    for agreement in agreements:
        by_assignment[agreement.assignment_id].append(agreement_progress(agreement,
                                                                         today=today))
    names = dict(interventions.values_list("pk", "name"))
    via: dict[int, list[str]] = defaultdict(list)
    for assignment_id, intervention_id in (
            logbook_scopes.activity_statistics(principal)
            .filter(assignment_id__in=set(by_assignment), intervention__in=interventions)
            .order_by().values_list("assignment_id", "intervention_id").distinct()):
        via[assignment_id].append(names[intervention_id])
    rows: list[dict[str, Any]] = []
    for assignment_id, progress in by_assignment.items():
        progress.sort(key=lambda p: (p.status != BEHIND, p.indicator.name))
        rows.append({"assignment": progress[0].agreement.assignment, "agreements": progress,
                     "behind": sum(1 for p in progress if p.status == BEHIND),
                     "interventions": sorted(via[assignment_id])})
    rows.sort(key=lambda r: (r["assignment"].status != Assignment.Status.RUNNING,
                             -r["behind"], r["assignment"].title, r["assignment"].pk))
    return rows


def competency_chain(principal: Principal, pk: int) -> dict:
    """A competency, the interventions that need it, the courses addressing it, and the
    visible assignments whose agreements depend on it."""
    competency = competency_get(principal, pk)
    return {"competency": competency,
            "interventions": list(_interventions_needing(principal, {competency.pk})),
            "courses": list(competence_scopes.courses(principal).filter(
                is_active=True, competencies=competency).order_by("title")),
            "rows": dependent_assignments(principal, {competency.pk})}


def course_chain(principal: Principal, pk: int) -> dict:
    """A course, the competencies it addresses with the interventions that need them, and
    the visible assignments whose agreements depend on those competencies."""
    course = course_get(principal, pk)
    competencies = list(course.competencies.filter(
        pk__in=_competencies(principal)).order_by("order", "code"))
    ids = {c.pk for c in competencies}
    needing: dict[int, list[Intervention]] = defaultdict(list)
    for intervention in _interventions_needing(principal, ids).prefetch_related(
            "competencies"):
        for comp in intervention.competencies.all():
            if comp.pk in ids:
                needing[comp.pk].append(intervention)
    return {"course": course,
            "competencies": [{"competency": c, "interventions": needing[c.pk]}
                             for c in competencies],
            "rows": dependent_assignments(principal, ids) if ids else []}
