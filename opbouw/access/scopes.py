"""Querysets scoped to what a principal may see: one function per kind of object.

Every view, API endpoint, report and export asks these functions; none filters by
organisation or role on its own. An object outside the scope answers 404, exactly
like a missing one.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from opbouw.access.principal import Principal
from opbouw.access.roles import PEOPLE_VIEW_ROLES, Role
from opbouw.access.scopes_work import (  # noqa: F401  (one access layer, two files)
    action_plans,
    activities,
    activity_edit_deadline,
    area_condition,
    assignments,
    assignments_for_logging,
    can_edit_action_plan,
    can_edit_activity,
    can_edit_assignment,
    can_edit_indicators,
    can_edit_signal,
    can_edit_signal_reference,
    can_enter_manual_values,
    can_follow_up_signal,
    can_report_signal,
    can_see_reporters,
    commissioning_organisations,
    signals,
)


def organisations(principal: Principal) -> QuerySet:
    """Organisations are public within Opbouw: who works where is no secret.

    Signed-in users see every active organisation (admins also inactive ones); the
    people inside an organisation are scoped separately (``worker_profiles``).
    """
    from opbouw.organisations.models import Organisation

    qs = Organisation.objects.all()
    if principal.is_admin:
        return qs
    if not principal.is_authenticated:
        return qs.none()
    return qs.filter(is_active=True)


def areas(principal: Principal) -> QuerySet:
    """Areas are shared reference data: every signed-in user sees all of them."""
    from opbouw.areas.models import Area

    if not principal.is_authenticated:
        return Area.objects.none()
    return Area.objects.all()


def worker_profiles(principal: Principal) -> QuerySet:
    """Worker profiles the principal may open.

    Admins see all; members of a provider see their colleagues; coaches also
    their coachees elsewhere. Analysts and commissioners see no individual workers.
    """
    from opbouw.organisations.models import WorkerProfile

    qs = WorkerProfile.objects.all()
    if principal.is_admin:
        return qs
    if not principal.is_authenticated:
        return qs.none()
    condition = Q(organisation_id__in=principal.org_ids(*PEOPLE_VIEW_ROLES))
    condition |= Q(coach_id=principal.user_id) | Q(user_id=principal.user_id)
    return qs.filter(condition)


def worker_statistics(principal: Principal) -> QuerySet:
    """Worker profiles to count, never to list: every signed-in user may see aggregates.

    Callers show the counts through ``suppress_row`` unless ``can_see_people_of``
    the organisation concerned.
    """
    from opbouw.organisations.models import WorkerProfile

    if not principal.is_authenticated:
        return WorkerProfile.objects.none()
    return WorkerProfile.objects.filter(organisation__in=organisations(principal))


def suppress_row(counts: list[int]) -> tuple[list[int | None], int | None]:
    """Hide small cells of a row of counts and its total (None = hidden).

    Cells below the minimum cell size are hidden. Because the total is shown, one hidden
    cell could be worked out by subtraction, and hidden cells that add up to less than the
    minimum still give a small number away; so more cells are hidden, smallest first.
    """
    from django.conf import settings

    minimum = settings.OPBOUW_MIN_CELL_SIZE
    total = sum(counts)
    if total < minimum:
        return [None] * len(counts), None
    hidden = {i for i, n in enumerate(counts) if n < minimum}
    shown = sorted((i for i in range(len(counts)) if i not in hidden), key=lambda i: counts[i])
    while hidden and shown and (len(hidden) == 1 or sum(counts[i] for i in hidden) < minimum):
        hidden.add(shown.pop(0))
    return [None if i in hidden else n for i, n in enumerate(counts)], total


def suppress_groups(sizes: list[int]) -> set[int]:
    """Indexes of groups to hide in a row whose total is shown.

    Groups of fewer people than the minimum are hidden, then more groups, smallest first,
    until the hidden groups together hold at least the minimum (or none), so that no small
    group can be worked out from the total and the groups shown.
    """
    from django.conf import settings

    minimum = settings.OPBOUW_MIN_CELL_SIZE
    hidden = {i for i, n in enumerate(sizes) if 0 < n < minimum}
    shown = sorted((i for i, n in enumerate(sizes) if n >= minimum), key=lambda i: sizes[i])
    while shown and 0 < sum(sizes[i] for i in hidden) < minimum:
        hidden.add(shown.pop(0))
    return hidden | {i for i, n in enumerate(sizes) if n == 0}


def can_edit_worker_profile(principal: Principal, profile) -> bool:
    """Managers of the worker's organisation and admins may change a worker profile."""
    return principal.is_admin or principal.has_role_in(profile.organisation_id, Role.MANAGER)


def can_see_work_details(principal: Principal, profile) -> bool:
    """Contract hours and such: the worker, their coach, their managers and admins."""
    return (
        profile.user_id == principal.user_id
        or (profile.coach_id is not None and profile.coach_id == principal.user_id)
        or can_edit_worker_profile(principal, profile)
    )


def can_see_people_of(principal: Principal, organisation_id: int) -> bool:
    """Whether the principal may list the individual people of an organisation."""
    return principal.is_admin or principal.has_role_in(organisation_id, *PEOPLE_VIEW_ROLES)


def users(principal: Principal) -> QuerySet:
    """User accounts the principal may see: admins all, others themselves."""
    qs = get_user_model().objects.all()
    if principal.is_admin:
        return qs
    return qs.filter(pk=principal.user_id) if principal.is_authenticated else qs.none()


def coach_candidates(principal: Principal, organisation_id: int) -> QuerySet:
    """Users who may coach workers of an organisation: its members with the coach role.

    Only for those who may assign coaches there (managers of the organisation, admins).
    """
    if not (principal.is_admin or principal.has_role_in(organisation_id, Role.MANAGER)):
        return get_user_model().objects.none()
    return get_user_model().objects.filter(
        memberships__organisation_id=organisation_id, memberships__role=Role.COACH,
    ).distinct()


def memberships(principal: Principal) -> QuerySet:
    """Memberships the principal may see: admins all, everyone else their own."""
    from opbouw.organisations.models import Membership

    qs = Membership.objects.all()
    if principal.is_admin:
        return qs
    return qs.filter(user_id=principal.user_id) if principal.is_authenticated else qs.none()


def audit_events(principal: Principal) -> QuerySet:
    """The audit log is for admins only."""
    from opbouw.core.models import AuditEvent

    return AuditEvent.objects.all() if principal.is_admin else AuditEvent.objects.none()


# Competences ------------------------------------------------------------------------------
# Ratings are visible to the worker, their coach and their own organisation's managers, and
# nowhere else unaggregated (DESIGN.md section 2); analysts see aggregates only.

def frameworks(principal: Principal) -> QuerySet:
    """Competency frameworks are reference data for every signed-in user."""
    from opbouw.competences.models import Framework

    return Framework.objects.all() if principal.is_authenticated else Framework.objects.none()


def can_manage_frameworks(principal: Principal) -> bool:
    """Analysts of the branch curate frameworks and norms."""
    return principal.has_role(Role.ANALYST)


def assessment_rounds(principal: Principal) -> QuerySet:
    """Rounds of one's own organisations and rounds one takes part in (as worker, coach or
    peer, also after moving to another organisation); analysts see every round."""
    from opbouw.competences.models import AssessmentRound

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
    from django.db.models import Exists, OuterRef

    from opbouw.competences.models import Assessment

    coached = Assessment.objects.filter(
        round=OuterRef(round_), worker=OuterRef(worker), kind=Assessment.Kind.COACH,
        assessor_id=principal.user_id)
    return Q(Exists(coached))


def assessments(principal: Principal) -> QuerySet:
    """Assessments the principal may open: of themselves, by themselves (as coach or peer),
    of those they coached in that round, and of workers of organisations they managed then."""
    from opbouw.competences.models import Assessment

    if not principal.is_authenticated:
        return Assessment.objects.none()
    condition = Q(worker_id=principal.user_id) | Q(assessor_id=principal.user_id)
    condition |= Q(organisation__in=principal.org_ids(Role.MANAGER))
    condition |= _round_coach_condition(principal, round_="round", worker="worker")
    return Assessment.objects.filter(condition)


def ratings(principal: Principal) -> QuerySet:
    """Individual ratings, within visible assessments; a peer sees only their own ratings."""
    from opbouw.competences.models import Rating

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
    from opbouw.competences.models import Rating

    if principal.has_role(Role.ANALYST):
        return Rating.objects.all()
    managed = principal.org_ids(Role.MANAGER)
    if managed:
        return Rating.objects.filter(assessment__organisation__in=managed)
    return Rating.objects.none()


def can_rate(principal: Principal, assessment) -> bool:
    """Only the assessor fills in an assessment."""
    return assessment.assessor_id == principal.user_id


def development_plans(principal: Principal) -> QuerySet:
    """Plans of oneself, of one's coachees and of workers of organisations one manages."""
    from opbouw.competences.models import DevelopmentPlan

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
    from opbouw.competences.models import Course

    if not principal.is_authenticated:
        return Course.objects.none()
    if can_manage_catalogue(principal):
        return Course.objects.all()
    return Course.objects.filter(
        Q(is_active=True) | Q(enrolments__worker_id=principal.user_id)).distinct()


def can_manage_catalogue(principal: Principal) -> bool:
    return principal.has_role(Role.ANALYST, Role.ADMIN)


def enrolments(principal: Principal) -> QuerySet:
    """Enrolments of oneself, one's coachees and workers of organisations one manages."""
    from opbouw.competences.models import Enrolment

    if not principal.is_authenticated:
        return Enrolment.objects.none()
    return Enrolment.objects.filter(_people_condition(principal, worker="worker"))


def coaching_sessions(principal: Principal) -> QuerySet:
    """Sessions one led or took part in, and those of organisations one manages."""
    from opbouw.competences.models import CoachingSession

    if not principal.is_authenticated:
        return CoachingSession.objects.none()
    return CoachingSession.objects.filter(
        Q(led_by_id=principal.user_id) | Q(participants=principal.user_id)
        | Q(organisation__in=principal.org_ids(Role.MANAGER))
    ).distinct()


def can_log_session(principal: Principal, organisation_id: int) -> bool:
    """Coaches and managers of an organisation log its coaching and intervision."""
    return principal.has_role_in(organisation_id, Role.COACH, Role.MANAGER)


# Methods toolbox -------------------------------------------------------------------------
# Published interventions and offers are for everyone signed in; drafts for their owner
# organisation's managers, the proposer and analysts, who publish.

def interventions(principal: Principal) -> QuerySet:
    from opbouw.methods.models import Intervention

    if not principal.is_authenticated:
        return Intervention.objects.none()
    if principal.has_role(Role.ANALYST):
        return Intervention.objects.all()
    return Intervention.objects.filter(
        Q(status=Intervention.Status.PUBLISHED)
        | Q(owner__in=principal.org_ids(Role.MANAGER))
        | Q(proposed_by_id=principal.user_id)
    )


def can_propose_intervention(principal: Principal, organisation_id: int | None = None) -> bool:
    """Managers propose for their organisation; analysts for any."""
    if principal.has_role(Role.ANALYST):
        return True
    if organisation_id is None:
        return bool(principal.org_ids(Role.MANAGER))
    return principal.has_role_in(organisation_id, Role.MANAGER)


def can_edit_intervention(principal: Principal, intervention) -> bool:
    """Analysts edit everything; managers of the owner organisation edit its drafts."""
    if principal.has_role(Role.ANALYST):
        return True
    return intervention.status == "draft" and principal.has_role_in(
        intervention.owner_id, Role.MANAGER)


def can_publish_intervention(principal: Principal) -> bool:
    return principal.has_role(Role.ANALYST)


def offers(principal: Principal) -> QuerySet:
    """Offers of visible interventions."""
    from opbouw.methods.models import Offer

    return Offer.objects.filter(intervention__in=interventions(principal))


def can_manage_offers_of(principal: Principal, organisation_id: int) -> bool:
    """An organisation's managers say what it offers where; analysts may correct it."""
    return principal.has_role(Role.ANALYST) or principal.has_role_in(organisation_id,
                                                                      Role.MANAGER)


def organisations_offering(principal: Principal) -> QuerySet:
    """Providers the principal may add offers for: all for analysts, else those they manage."""
    qs = organisations(principal).filter(kind="provider")
    if principal.has_role(Role.ANALYST):
        return qs
    return qs.filter(pk__in=principal.org_ids(Role.MANAGER))


def can_edit_reference_terms(principal: Principal) -> bool:
    return principal.has_role(Role.ANALYST)


# Measurements -----------------------------------------------------------------------------
# A round is seen by the members of the provider that runs it, by analysts (every round) and by
# commissioners for rounds in their own areas (sub-areas included). Single responses are for
# the provider's members only; everyone else sees results, aggregated and never below the
# minimum cell size (measurements.selectors).

MEASUREMENT_MEMBER_ROLES = (Role.WORKER, Role.COACH, Role.MANAGER)


def measurement_instruments(principal: Principal) -> QuerySet:
    """Instruments are reference data for every signed-in user."""
    from opbouw.measurements.models import Instrument

    return Instrument.objects.all() if principal.is_authenticated else Instrument.objects.none()


def can_edit_instruments(principal: Principal) -> bool:
    """Analysts of the branch maintain the instruments."""
    return principal.has_role(Role.ANALYST)


def measurement_rounds(principal: Principal) -> QuerySet:
    """Rounds of one's own provider; analysts all; commissioners those in their areas."""
    from opbouw.measurements.models import MeasurementRound

    qs = MeasurementRound.objects.all()
    if not principal.is_authenticated:
        return qs.none()
    if principal.has_role(Role.ANALYST):
        return qs
    condition = Q(organisation_id__in=principal.org_ids(*MEASUREMENT_MEMBER_ROLES))
    if principal.has_role(Role.COMMISSIONER):
        condition |= area_condition(principal, field="area")  # sub-areas included
    return qs.filter(condition)


def measurement_responses(principal: Principal) -> QuerySet:
    """Single responses: only for members of the provider that runs the round."""
    from opbouw.measurements.models import Response

    if not principal.is_authenticated:
        return Response.objects.none()
    return Response.objects.filter(
        round__organisation_id__in=principal.org_ids(*MEASUREMENT_MEMBER_ROLES))


def can_enter_measurements(principal: Principal, measurement_round) -> bool:
    """Workers, coaches and managers of the provider enter responses and totals."""
    return principal.has_role_in(measurement_round.organisation_id, *MEASUREMENT_MEMBER_ROLES)


def measurement_organisations(principal: Principal) -> QuerySet:
    """Providers the principal may run measurement rounds for: those they manage."""
    return organisations(principal).filter(kind="provider",
                                           pk__in=principal.org_ids(Role.MANAGER))


def can_manage_measurement_round(principal: Principal, measurement_round) -> bool:
    """The provider's managers create, change, close and reopen its rounds."""
    return principal.has_role_in(measurement_round.organisation_id, Role.MANAGER)
