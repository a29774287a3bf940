"""Reads of the competences module, always starting from a scope (competences/scopes.py)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import mean
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from opbouw.access.principal import Principal
from opbouw.access.roles import Role
from opbouw.access.shortcuts import get_visible_or_404
from opbouw.access.suppression import suppress_groups, suppress_row
from opbouw.competences import scopes
from opbouw.competences.models import (
    Assessment,
    AssessmentRound,
    Competency,
    Course,
    DevelopmentPlan,
    Enrolment,
    Framework,
    Norm,
    PeRequirement,
    Theme,
)
from opbouw.organisations import scopes as org_scopes
from opbouw.organisations.models import Organisation

# Frameworks ---------------------------------------------------------------------------------


def framework_list(principal: Principal) -> QuerySet:
    return scopes.frameworks(principal).order_by("name", "-version")


def framework_get(principal: Principal, pk: int) -> Framework:
    themes = Theme.objects.prefetch_related("competencies__indicators").order_by("order")
    qs = scopes.frameworks(principal).prefetch_related(Prefetch("themes", queryset=themes),
                                                       "scale")
    return get_visible_or_404(qs, pk=pk)


def round_norms(assessment_round: AssessmentRound) -> dict[int, dict[int, int]]:
    """The norms that count for a round: frozen when it closed, else the current ones."""
    if assessment_round.norms_snapshot:
        return {int(c): {int(level): v for level, v in levels.items()}
                for c, levels in assessment_round.norms_snapshot.items()}
    return norm_table(assessment_round.framework)


def norm_table(framework: Framework) -> dict[int, dict[int, int]]:
    """{competency id: {SCW level: expected}}."""
    table: dict[int, dict[int, int]] = defaultdict(dict)
    for comp_id, level, expected in Norm.objects.filter(
            competency__framework=framework).values_list("competency_id", "scw_level",
                                                         "expected"):
        table[comp_id][level] = expected
    return table


# Rounds and assessments ------------------------------------------------------------------------


def round_list(principal: Principal) -> QuerySet:
    return scopes.assessment_rounds(principal).select_related("framework").prefetch_related(
        "organisations")


def round_get(principal: Principal, pk: int) -> AssessmentRound:
    return get_visible_or_404(round_list(principal), pk=pk)


def assessment_get(principal: Principal, pk: int) -> Assessment:
    qs = scopes.assessments(principal).select_related("round__framework", "worker", "assessor")
    return get_visible_or_404(qs, pk=pk)


def self_ratings_beside(principal: Principal, assessment: Assessment) -> dict | None:
    """For a coach's assessment: the worker's self rating and evidence per competency, once
    the worker submitted it (a draft stays private); None for other kinds of assessment.

    ``{"submitted": bool, "ratings": {competency id: {"value": int, "evidence": str}}}``.
    """
    if assessment.kind != Assessment.Kind.COACH:
        return None
    own = scopes.assessments(principal).filter(
        round_id=assessment.round_id, worker_id=assessment.worker_id,
        kind=Assessment.Kind.SELF, state=Assessment.State.SUBMITTED).first()
    if own is None:
        return {"submitted": False, "ratings": {}}
    rows = scopes.ratings(principal).filter(assessment=own).values_list(
        "competency_id", "value", "evidence")
    return {"submitted": True, "ratings": {comp_id: {"value": value, "evidence": evidence}
                                           for comp_id, value, evidence in rows}}


def my_tasks(principal: Principal, assessment_round: AssessmentRound | None = None) -> QuerySet:
    """Assessments the principal fills in: their own, their coachees', invited peers'."""
    qs = scopes.assessments(principal).filter(assessor_id=principal.user_id).select_related(
        "round", "worker").order_by("round__starts_on", "kind", "worker__last_name")
    if assessment_round is not None:
        qs = qs.filter(round=assessment_round)
    return qs


def round_progress(principal: Principal, assessment_round: AssessmentRound) -> dict:
    """How far a round is: counts per kind and state; per worker only where visible."""
    visible = scopes.assessments(principal).filter(round=assessment_round)
    counts: defaultdict[str, dict[str, int]] = defaultdict(lambda: {"open": 0, "submitted": 0})
    for kind, state in visible.exclude(worker_id=principal.user_id).values_list("kind", "state"):
        counts[kind][state] += 1
    people = (visible.filter(kind=Assessment.Kind.SELF).exclude(worker_id=principal.user_id)
              .select_related("worker").order_by("worker__last_name"))
    coach_state = dict(visible.filter(kind=Assessment.Kind.COACH).values_list("worker_id",
                                                                               "state"))
    return {"counts": dict(counts), "people": [
        {"assessment": a, "coach_state": coach_state.get(a.worker_id)} for a in people]}


# Results -------------------------------------------------------------------------------------


@dataclass
class WorkerLevels:
    """The assessed level per competency of one worker in a round."""

    worker_id: int
    organisation_id: int
    scw_level: int
    coach_id: int | None
    levels: dict[int, int] = field(default_factory=dict)  # competency id -> assessed level


def _assessed(ratings: QuerySet, assessment_round: AssessmentRound) -> dict[int, WorkerLevels]:
    """Per worker: the coach's submitted rating where there is one, else their own."""
    rows = ratings.filter(
        assessment__round=assessment_round, assessment__state=Assessment.State.SUBMITTED,
        assessment__kind__in=[Assessment.Kind.SELF, Assessment.Kind.COACH],
    ).values_list("assessment__worker_id", "assessment__organisation_id",
                  "assessment__scw_level", "assessment__kind", "competency_id", "value",
                  "assessment__worker__worker_profile__coach_id")
    workers: dict[int, WorkerLevels] = {}
    coach_given: set[tuple[int, int]] = set()
    for worker_id, org_id, scw, kind, comp_id, value, coach_id in rows:
        w = workers.setdefault(worker_id, WorkerLevels(worker_id, org_id, scw, coach_id))
        if kind == Assessment.Kind.COACH:
            w.levels[comp_id] = value
            coach_given.add((worker_id, comp_id))
        elif (worker_id, comp_id) not in coach_given:
            w.levels[comp_id] = value
    return workers


def levels_against_norm(ratings: QuerySet, assessment_round: AssessmentRound,
                        ) -> dict[int, dict[int, tuple[int, int]]]:
    """Per worker and competency: (norm of their SCW level, assessed level), where both are
    known; the gap is norm minus assessed. ``ratings`` comes from the caller's scope."""
    norms = round_norms(assessment_round)
    result: dict[int, dict[int, tuple[int, int]]] = {}
    for w in _assessed(ratings, assessment_round).values():
        result[w.worker_id] = {
            comp_id: (norms[comp_id][w.scw_level], value) for comp_id, value in w.levels.items()
            if w.scw_level in norms.get(comp_id, {})}
    return result


def worker_result(principal: Principal, assessment_round: AssessmentRound,
                  worker_id: int) -> dict:
    """One worker's profile against the norm: self, coach, peers, norm and gap per competency.

    Answers 404 unless the principal may see this worker's ratings individually.
    """
    ratings = scopes.ratings(principal).filter(assessment__round=assessment_round,
                                               assessment__worker_id=worker_id)
    self_assessment = scopes.assessments(principal).filter(
        round=assessment_round, worker_id=worker_id, kind=Assessment.Kind.SELF).first()
    if self_assessment is None:
        raise Http404
    norms = round_norms(assessment_round)
    by_kind: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    evidence: dict[int, str] = {}
    for kind, state, comp_id, value, text in ratings.values_list(
            "assessment__kind", "assessment__state", "competency_id", "value", "evidence"):
        if state != Assessment.State.SUBMITTED and not (
                kind == Assessment.Kind.SELF and worker_id == principal.user_id):
            continue  # drafts stay private to their author until submitted
        by_kind[kind][comp_id].append(value)
        if kind == Assessment.Kind.SELF:
            evidence[comp_id] = text
    rows: list[dict[str, Any]] = []
    for comp in assessment_round.framework.competencies.select_related("theme").order_by(
            "order"):
        own = by_kind[Assessment.Kind.SELF].get(comp.pk, [None])[0]
        coach = by_kind[Assessment.Kind.COACH].get(comp.pk, [None])[0]
        peers = by_kind[Assessment.Kind.PEER].get(comp.pk)
        norm = norms.get(comp.pk, {}).get(self_assessment.scw_level)
        assessed = coach if coach is not None else own
        gap = norm - assessed if norm is not None and assessed is not None else None
        rows.append({"competency": comp, "self": own, "coach": coach,
                     # one colleague's rating would be theirs to read: only a mean of 2+
                     "peer": round(mean(peers), 1) if peers and len(peers) > 1 else None,
                     "norm": norm,
                     "gap": gap, "evidence": evidence.get(comp.pk, "")})
    scale = list(assessment_round.framework.scale.all())
    return {"rows": rows, "assessment": self_assessment, "scale": scale,
            "max_level": max((s.value for s in scale), default=4),
            "largest_gaps": sorted([r for r in rows if r["gap"] and r["gap"] > 0],
                                   key=lambda r: (-r["gap"], r["competency"].order))[:3]}


def _cell(gaps: list[int], hide: bool = False) -> dict:
    n = len(gaps)
    if hide or n < settings.OPBOUW_MIN_CELL_SIZE:
        return {"n": n, "mean_gap": None, "hidden": True}
    return {"n": n, "mean_gap": round(mean(gaps), 2), "hidden": False}


def _gaps_by_group(principal: Principal, assessment_round: AssessmentRound,
                   group_of) -> tuple[list[Competency], dict, dict]:
    ratings = scopes.rating_statistics(principal)
    workers = _assessed(ratings, assessment_round)
    norms = round_norms(assessment_round)
    competencies = list(assessment_round.framework.competencies.order_by("order"))
    per_group: dict[object, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    overall: dict[int, list[int]] = defaultdict(list)
    for w in workers.values():
        group = group_of(w)
        for comp in competencies:
            value = w.levels.get(comp.pk)
            norm = norms.get(comp.pk, {}).get(w.scw_level)
            if value is None or norm is None:
                continue
            per_group[group][comp.pk].append(norm - value)
            overall[comp.pk].append(norm - value)
    return competencies, per_group, overall


def heat_map(principal: Principal, assessment_round: AssessmentRound) -> dict:
    """Mean gap per competency x group, with n; cells under the minimum size are hidden.

    Analysts compare organisations; managers compare the coaching groups of their own
    organisations (a coach's coachees form a team).
    """
    if principal.has_role(Role.ANALYST):
        names = dict(Organisation.objects.filter(
            pk__in=assessment_round.organisations.all()).values_list("pk", "short_name"))

        def group_of(w):
            return names.get(w.organisation_id, "?")
        total_label = _("Alle organisaties")
    elif principal.org_ids(Role.MANAGER):
        coaches = {u.pk: str(u) for u in get_user_model().objects.filter(
            coachee_profiles__organisation__in=principal.org_ids(Role.MANAGER)).distinct()}

        def group_of(w):
            if w.coach_id in coaches:
                return _("Team %(coach)s") % {"coach": coaches[w.coach_id]}
            return _("Zonder coach")
        total_label = _("Hele organisatie")
    else:
        raise Http404
    competencies, per_group, overall = _gaps_by_group(principal, assessment_round, group_of)
    groups = sorted(per_group)
    rows = []
    for comp in competencies:
        gaps = [per_group[g].get(comp.pk, []) for g in groups]
        hidden = suppress_groups([len(g) for g in gaps])
        rows.append({"competency": comp,
                     "cells": [_cell(g, i in hidden) for i, g in enumerate(gaps)],
                     "total": _cell(overall.get(comp.pk, []))})
    return {"groups": groups, "rows": rows, "total_label": total_label,
            "min_cell": settings.OPBOUW_MIN_CELL_SIZE}


def lagging_competencies(principal: Principal, assessment_round: AssessmentRound) -> dict:
    """Competencies ranked by mean gap (largest first), generic and specific apart."""
    competencies, _groups, overall = _gaps_by_group(principal, assessment_round,
                                                    lambda w: None)
    ranked: dict[str, list[dict[str, Any]]] = {"generic": [], "specific": []}
    for comp in competencies:
        cell = _cell(overall.get(comp.pk, []))
        if not cell["hidden"] and cell["mean_gap"] > 0:
            ranked[comp.kind].append({"competency": comp, **cell})
    for kind in ranked:
        ranked[kind].sort(key=lambda r: -r["mean_gap"])
    return ranked


def round_change(principal: Principal, earlier: AssessmentRound,
                 later: AssessmentRound) -> list[dict]:
    """Mean assessed level per competency in two rounds of one framework, and the change."""
    ratings = scopes.rating_statistics(principal)
    before, after = _assessed(ratings, earlier), _assessed(ratings, later)
    rows = []
    codes = {c.code: c for c in later.framework.competencies.order_by("order")}
    earlier_codes = dict(earlier.framework.competencies.values_list("code", "pk"))
    for code, comp in codes.items():
        a = [w.levels[earlier_codes[code]] for w in before.values()
             if earlier_codes.get(code) in w.levels]
        b = [w.levels[comp.pk] for w in after.values() if comp.pk in w.levels]
        hidden = min(len(a), len(b)) < settings.OPBOUW_MIN_CELL_SIZE
        rows.append({"competency": comp, "n_before": len(a), "n_after": len(b),
                     "before": None if hidden else round(mean(a), 2),
                     "after": None if hidden else round(mean(b), 2),
                     "change": None if hidden else round(mean(b) - mean(a), 2)})
    return rows


def joint_training_plan(principal: Principal, assessment_round: AssessmentRound) -> dict:
    """Per competency: how many workers fall short of the norm, the courses that address it,
    and which shortfalls no course covers (to develop with colleges)."""
    competencies, _groups, overall = _gaps_by_group(principal, assessment_round,
                                                    lambda w: None)
    courses = defaultdict(list)
    for course in Course.objects.filter(is_active=True, competencies__in=competencies
                                        ).prefetch_related("competencies").distinct():
        for comp in course.competencies.all():
            courses[comp.pk].append(course)
    minimum = settings.OPBOUW_MIN_CELL_SIZE
    rows: list[dict[str, Any]] = []
    for comp in competencies:
        gaps = overall.get(comp.pk, [])
        short = sum(1 for g in gaps if g > 0)
        # Below / at the norm as a row with its total: neither part may give a few away.
        (shown_short, _at_norm), assessed = suppress_row([short, len(gaps) - short])
        rows.append({"competency": comp, "assessed": assessed, "short": shown_short,
                     "courses": courses.get(comp.pk, []),
                     "uncovered": short > 0 and not courses.get(comp.pk)})
    rows.sort(key=lambda r: (-(r["short"] or 0), r["competency"].order))
    proposals = scopes.training_proposals(principal).filter(
        organisation__in=assessment_round.organisations.all(), competency__in=competencies,
    ).select_related("course", "competency", "organisation", "proposed_by")
    return {"rows": rows, "uncovered": [r for r in rows if r["uncovered"]],
            "min_cell": minimum, "proposals": list(proposals)}


# Development plans, training, PE points, coaching ------------------------------------------------


def plan_get(principal: Principal, worker_id: int, year: int) -> DevelopmentPlan | None:
    return (scopes.development_plans(principal)
            .filter(worker_id=worker_id, year=year)
            .prefetch_related("goals__competency", "goals__actions__course").first())


def latest_result_round(principal: Principal, worker_id: int) -> AssessmentRound | None:
    """The latest round with a submitted self or coach assessment of the worker, visible to
    the principal."""
    assessment = (scopes.assessments(principal)
                  .filter(worker_id=worker_id, state=Assessment.State.SUBMITTED,
                          kind__in=[Assessment.Kind.SELF, Assessment.Kind.COACH])
                  .select_related("round__framework").order_by("-round__starts_on").first())
    return assessment.round if assessment else None


def default_framework(principal: Principal) -> Framework | None:
    """The framework in use: that of the latest visible round, else the oldest active one
    (the SCW profile that ships with Opbouw)."""
    latest = round_list(principal).order_by("-starts_on").first()
    if latest is not None:
        return latest.framework
    return scopes.frameworks(principal).filter(is_active=True).order_by("created_at").first()


def plan_framework(principal: Principal, worker_id: int) -> Framework | None:
    """The framework a worker's goals come from: that of their latest results."""
    result_round = latest_result_round(principal, worker_id)
    return result_round.framework if result_round else default_framework(principal)


def proposed_goals(principal: Principal, worker_id: int,
                   plan: DevelopmentPlan | None) -> list[dict]:
    """The largest gaps of the worker's latest results not yet taken up as a goal."""
    result_round = latest_result_round(principal, worker_id)
    if result_round is None:
        return []
    taken = {g.competency_id for g in plan.goals.all()} if plan else set()
    gaps = worker_result(principal, result_round, worker_id)["largest_gaps"]
    return [dict(r, suggestion=_("Groeien in '%(name)s' naar niveau %(norm)s.")
                 % {"name": r["competency"].name.lower(), "norm": r["norm"]})
            for r in gaps if r["competency"].pk not in taken]


def catalogue_competencies(principal: Principal) -> QuerySet:
    """Competencies of the active frameworks, for courses and coaching sessions."""
    return Competency.objects.filter(
        framework__in=scopes.frameworks(principal).filter(is_active=True)
    ).select_related("framework").order_by("framework__name", "order")


def course_list(principal: Principal, *, competency_id: int | None = None) -> QuerySet:
    qs = scopes.courses(principal).prefetch_related("competencies")
    if competency_id:
        qs = qs.filter(competencies=competency_id)
    return qs


def course_get(principal: Principal, pk: int) -> Course:
    return get_visible_or_404(course_list(principal), pk=pk)


def points_earned(principal: Principal, worker_ids, year: int) -> dict[int, Decimal]:
    rows = (scopes.enrolments(principal)
            .filter(worker_id__in=worker_ids, status=Enrolment.Status.COMPLETED,
                    completed_on__year=year)
            .values("worker_id").annotate(points=Sum("pe_points")))
    return {r["worker_id"]: r["points"] for r in rows}


NO_COACH = "geen"  # the team filter's value for workers without a coach


def pe_teams(principal: Principal, organisations) -> list[tuple[str, str]]:
    """The coaching teams of the organisations' visible workers, for the PE list's filter:
    (coach user id, "Team <coach>") by name, and "Zonder coach" if anyone has none."""
    profiles = org_scopes.worker_profiles(principal).filter(organisation__in=organisations)
    coaches = get_user_model().objects.filter(
        pk__in=profiles.exclude(coach=None).values("coach_id")).order_by("last_name",
                                                                         "first_name")
    teams = [(str(c.pk), _("Team %(coach)s") % {"coach": c}) for c in coaches]
    if profiles.filter(coach=None).exists():
        teams.append((NO_COACH, _("Zonder coach")))
    return teams


def pe_overview(principal: Principal, organisation: Organisation, year: int, *,
                team: str | None = None, behind_only: bool = False) -> dict:
    """Per visible worker of an organisation: PE points this year against the requirement
    and the points still needed, largest shortfall first (then by name).

    ``team`` is a coach's user id (their coachees) or ``NO_COACH``; ``behind_only`` keeps
    the workers with points still to earn. ``behind`` counts the whole organisation.
    """
    required = PeRequirement.objects.filter(organisation=organisation, year=year).values_list(
        "points", flat=True).first()
    profiles = list(org_scopes.worker_profiles(principal).filter(organisation=organisation)
                    .select_related("user", "coach").order_by("user__last_name",
                                                              "user__first_name"))
    earned = points_earned(principal, [p.user_id for p in profiles], year)
    rows = []
    for p in profiles:
        points = earned.get(p.user_id, Decimal(0))
        needed = max(required - points, Decimal(0)) if required is not None else None
        rows.append({"profile": p, "earned": points, "needed": needed,
                     "behind": bool(needed)})
    behind = [r for r in rows if r["behind"]]
    if team == NO_COACH:
        rows = [r for r in rows if r["profile"].coach_id is None]
    elif team:
        rows = [r for r in rows if str(r["profile"].coach_id) == team]
    if behind_only:
        rows = [r for r in rows if r["behind"]]
    rows.sort(key=lambda r: -(r["needed"] or 0))  # stable: by name within equal shortfall
    return {"required": required, "rows": rows, "behind": behind, "year": year}


def my_pe(principal: Principal, year: int) -> dict:
    profile = org_scopes.worker_profiles(principal).filter(user_id=principal.user_id).first()
    required = None
    if profile is not None:
        required = PeRequirement.objects.filter(organisation_id=profile.organisation_id,
                                                year=year).values_list("points",
                                                                       flat=True).first()
    enrolments = list(scopes.enrolments(principal).filter(worker_id=principal.user_id)
                      .select_related("course").order_by("-created_at"))
    earned = sum((e.pe_points for e in enrolments if e.status == Enrolment.Status.COMPLETED
                  and e.completed_on and e.completed_on.year == year), Decimal(0))
    return {"required": required, "earned": earned, "enrolments": enrolments, "year": year}


def session_list(principal: Principal) -> QuerySet:
    return scopes.coaching_sessions(principal).select_related("led_by").prefetch_related(
        "participants", "competencies")


def this_year() -> int:
    return dt.date.today().year
