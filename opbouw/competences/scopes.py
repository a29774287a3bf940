"""What a principal may see and do of competences.

Ratings are visible to the worker, their coach and their own organisation's managers, and
nowhere else unaggregated (DESIGN.md section 2); analysts see aggregates only.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from opbouw.access.principal import Principal
from opbouw.access.roles import Role
from opbouw.competences.models import (
    Assessment,
    AssessmentRound,
    CoachingSession,
    Course,
    DevelopmentPlan,
    Enrolment,
    Framework,
    Rating,
    TrainingProposal,
)


def frameworks(principal: Principal) -> QuerySet:
    """Competency frameworks are reference data for every signed-in user."""
    return Framework.objects.all() if principal.is_authenticated else Framework.objects.none()


def can_manage_frameworks(principal: Principal) -> bool:
    """Analysts of the branch curate frameworks and norms."""
    return principal.has_role(Role.ANALYST)


def assessment_rounds(principal: Principal) -> QuerySet:
    """Rounds of one's own organisations and rounds one takes part in (as worker, coach or
    peer, also after moving to another organisation); analysts see every round."""
    qs = AssessmentRound.objects.all()
    if principal.has_role(Role.ANALYST):
        return qs
    if not principal.is_authenticated:
        return qs.none()
    return qs.filter(
        Q(organisations__in=principal.org_ids())
        | Q(assessments__worker_id=principal.user_id)
        | Q(assessments__assessor_id=principal.user_id)
    ).distinct()


def can_open_round(principal: Principal, organisation_ids: set[int]) -> bool:
    """Analysts open rounds for any organisations, managers for their own."""
    if principal.has_role(Role.ANALYST):
        return True
    return bool(organisation_ids) and organisation_ids <= principal.org_ids(Role.MANAGER)


def can_manage_round(principal: Principal, assessment_round) -> bool:
    """Who may close a round: its analysts, or managers of all its organisations."""
    ids = set(assessment_round.organisations.values_list("pk", flat=True))
    return can_open_round(principal, ids)


def _people_condition(principal: Principal, *, worker: str) -> Q:
    """Rows about a worker that the principal may see individually, judged by the worker's
    current profile: their own, their coachees', or of an organisation they manage."""
    condition = Q(**{worker: principal.user_id})
    condition |= Q(**{f"{worker}__worker_profile__coach_id": principal.user_id})
    condition |= Q(**{f"{worker}__worker_profile__organisation__in":
                      principal.org_ids(Role.MANAGER)})
    return condition


def _round_coach_condition(principal: Principal, *, round_: str, worker: str) -> Q:
    """Ratings follow the round: the coach who assessed the worker in that round sees that
    round's ratings (a later coach sees the later rounds), and so do the managers of the
    organisation the worker belonged to in that round."""
    coached = Assessment.objects.filter(
        round=OuterRef(round_), worker=OuterRef(worker), kind=Assessment.Kind.COACH,
        assessor_id=principal.user_id)
    return Q(Exists(coached))


def assessments(principal: Principal) -> QuerySet:
    """Assessments the principal may open: of themselves, by themselves (as coach or peer),
    of those they coached in that round, and of workers of organisations they managed then."""
    if not principal.is_authenticated:
        return Assessment.objects.none()
    condition = Q(worker_id=principal.user_id) | Q(assessor_id=principal.user_id)
    condition |= Q(organisation__in=principal.org_ids(Role.MANAGER))
    condition |= _round_coach_condition(principal, round_="round", worker="worker")
    return Assessment.objects.filter(condition)


def ratings(principal: Principal) -> QuerySet:
    """Individual ratings, within visible assessments; a peer sees only their own ratings."""
    if not principal.is_authenticated:
        return Rating.objects.none()
    condition = Q(assessment__worker_id=principal.user_id)
    condition |= Q(assessment__assessor_id=principal.user_id)
    condition |= Q(assessment__organisation__in=principal.org_ids(Role.MANAGER))
    condition |= _round_coach_condition(principal, round_="assessment__round",
                                        worker="assessment__worker")
    return Rating.objects.filter(condition)


def rating_statistics(principal: Principal) -> QuerySet:
    """Ratings to aggregate, never to list: analysts all, managers their organisations'.

    Callers hide groups of fewer than ``OPBOUW_MIN_CELL_SIZE`` workers.
    """
    if principal.has_role(Role.ANALYST):
        return Rating.objects.all()
    managed = principal.org_ids(Role.MANAGER)
    if managed:
        return Rating.objects.filter(assessment__organisation__in=managed)
    return Rating.objects.none()


def rating_counts(principal: Principal) -> QuerySet:
    """Ratings to count workers below the norm, never to list or average: every signed-in
    user, for a group whose work they may see (the workers of a visible assignment, in the
    chain from results to training).

    Callers hide counts below ``OPBOUW_MIN_CELL_SIZE`` (``suppress_row``) and name a worker
    only where ``ratings`` and ``can_see_development_of`` allow it.
    """
    if not principal.is_authenticated:
        return Rating.objects.none()
    return Rating.objects.all()


def can_rate(principal: Principal, assessment) -> bool:
    """Only the assessor fills in an assessment."""
    return assessment.assessor_id == principal.user_id


def development_plans(principal: Principal) -> QuerySet:
    """Plans of oneself, of one's coachees and of workers of organisations one manages."""
    if not principal.is_authenticated:
        return DevelopmentPlan.objects.none()
    return DevelopmentPlan.objects.filter(_people_condition(principal, worker="worker"))


def can_see_development_of(principal: Principal, profile) -> bool:
    """A worker's development plan and results: the worker, their coach, their managers."""
    return (
        profile.user_id == principal.user_id
        or (profile.coach_id is not None and profile.coach_id == principal.user_id)
        or principal.has_role_in(profile.organisation_id, Role.MANAGER)
    )


def can_sign_off_plan(principal: Principal, plan) -> bool:
    """The worker's coach signs off a plan; a manager of the organisation may too."""
    coach_id = getattr(getattr(plan.worker, "worker_profile", None), "coach_id", None)
    return (coach_id is not None and coach_id == principal.user_id) or principal.has_role_in(
        plan.organisation_id, Role.MANAGER)


def courses(principal: Principal) -> QuerySet:
    """The training catalogue: active courses for everyone, all courses for curators."""
    if not principal.is_authenticated:
        return Course.objects.none()
    if can_manage_catalogue(principal):
        return Course.objects.all()
    return Course.objects.filter(
        Q(is_active=True) | Q(enrolments__worker_id=principal.user_id)).distinct()


def can_manage_catalogue(principal: Principal) -> bool:
    return principal.has_role(Role.ANALYST, Role.ADMIN)


def training_proposals(principal: Principal) -> QuerySet:
    """Courses proposed for joint training plans: analysts all, managers their own
    organisations' (as the plan itself)."""
    if principal.has_role(Role.ANALYST):
        return TrainingProposal.objects.all()
    return TrainingProposal.objects.filter(organisation__in=principal.org_ids(Role.MANAGER))


def can_propose_training(principal: Principal, organisation_id: int) -> bool:
    """Managers propose courses for their organisation's joint training plan."""
    return principal.has_role_in(organisation_id, Role.MANAGER)


def enrolments(principal: Principal) -> QuerySet:
    """Enrolments of oneself, one's coachees and workers of organisations one manages."""
    if not principal.is_authenticated:
        return Enrolment.objects.none()
    return Enrolment.objects.filter(_people_condition(principal, worker="worker"))


def coaching_sessions(principal: Principal) -> QuerySet:
    """Sessions one led or took part in, and those of organisations one manages."""
    if not principal.is_authenticated:
        return CoachingSession.objects.none()
    return CoachingSession.objects.filter(
        Q(led_by_id=principal.user_id) | Q(participants=principal.user_id)
        | Q(organisation__in=principal.org_ids(Role.MANAGER))
    ).distinct()


def can_log_session(principal: Principal, organisation_id: int) -> bool:
    """Coaches and managers of an organisation log its coaching and intervision."""
    return principal.has_role_in(organisation_id, Role.COACH, Role.MANAGER)
