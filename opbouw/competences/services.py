"""Writes of the competences module: rounds, ratings, plans, training and coaching."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opbouw.access.actor import Actor
from opbouw.access.roles import Role
from opbouw.competences.models import (
    Action,
    Assessment,
    AssessmentRound,
    CoachingSession,
    Competency,
    Course,
    DevelopmentPlan,
    Enrolment,
    Framework,
    Goal,
    Norm,
    PeRequirement,
    Rating,
    TrainingProposal,
)
from opbouw.core import audit
from opbouw.core.personal_data import validate_no_personal_data
from opbouw.organisations.models import Membership, Organisation, WorkerProfile

EVIDENCE_MAX = 2000

# Rounds -----------------------------------------------------------------------------------

@transaction.atomic
def round_open(
    *, actor: Actor, name: str, framework: Framework, starts_on: dt.date, ends_on: dt.date,
    organisations: Iterable[Organisation],
) -> AssessmentRound:
    """Open a round: every worker of the organisations gets a self-assessment, and their
    coach an assessment of them."""
    organisations = list(organisations)
    errors = {}
    if ends_on < starts_on:
        errors["ends_on"] = [_("De einddatum ligt voor de begindatum.")]
    if not organisations:
        errors["organisations"] = [_("Kies minstens één organisatie.")]
    if not framework.competencies.exists():
        errors["framework"] = [_("Dit kader heeft nog geen competenties.")]
    if errors:
        raise ValidationError(errors)
    assessment_round = AssessmentRound.objects.create(
        name=name.strip(), framework=framework, starts_on=starts_on, ends_on=ends_on,
        opened_by=actor.user,
    )
    assessment_round.organisations.set(organisations)
    profiles = WorkerProfile.objects.filter(organisation__in=organisations)
    rows = []
    for p in profiles.only("user_id", "organisation_id", "function", "coach_id"):
        common = {"round": assessment_round, "worker_id": p.user_id,
                  "organisation_id": p.organisation_id, "scw_level": p.scw_level}
        rows.append(Assessment(assessor_id=p.user_id, kind=Assessment.Kind.SELF, **common))
        if p.coach_id:
            rows.append(Assessment(assessor_id=p.coach_id, kind=Assessment.Kind.COACH,
                                   **common))
    Assessment.objects.bulk_create(rows, batch_size=1000)
    audit.audit_record(action=audit.Action.CREATE, actor=actor.user, ip=actor.ip,
                       obj=assessment_round)
    return assessment_round


@transaction.atomic
def round_close(*, actor: Actor, assessment_round: AssessmentRound) -> None:
    """Close a round: from now on it is read-only."""
    if not assessment_round.is_open:
        raise ValidationError(_("Deze ronde is al gesloten."))
    assessment_round.state = AssessmentRound.State.CLOSED
    assessment_round.closed_at = timezone.now()
    assessment_round.norms_snapshot = norms_snapshot(assessment_round.framework)
    assessment_round.save(update_fields=["state", "closed_at", "norms_snapshot", "updated_at"])
    audit.audit_record(action=audit.Action.UPDATE, actor=actor.user, ip=actor.ip,
                       obj=assessment_round, fields=["state"])


def norms_snapshot(framework: Framework) -> dict[str, dict[str, int]]:
    """The framework's norms as plain data, to freeze with a closed round."""
    snapshot: dict[str, dict[str, int]] = {}
    for comp_id, level, expected in Norm.objects.filter(
            competency__framework=framework).values_list("competency_id", "scw_level",
                                                         "expected"):
        snapshot.setdefault(str(comp_id), {})[str(level)] = expected
    return snapshot


def _check_editable(assessment: Assessment, actor: Actor) -> None:
    if not assessment.round.is_open:
        raise ValidationError(_("Deze ronde is gesloten; beoordelingen kunnen niet meer "
                                "veranderen."))
    if assessment.state != Assessment.State.OPEN:
        raise ValidationError(_("Deze beoordeling is al ingediend."))
    if assessment.assessor_id != actor.user_id:
        raise ValidationError(_("Alleen wie beoordeelt kan deze beoordeling invullen."))
    if assessment.kind == Assessment.Kind.COACH:
        coach_id = WorkerProfile.objects.filter(user_id=assessment.worker_id).values_list(
            "coach_id", flat=True).first()
        if coach_id != actor.user_id:
            raise ValidationError(_("U bent niet (meer) de coach van deze medewerker."))


@transaction.atomic
def assessment_save(
    *, actor: Actor, assessment: Assessment, values: dict[int, tuple[int | None, str]],
    submit: bool = False,
) -> Assessment:
    """Store ratings {competency id: (value, evidence)}; submit when all are rated.

    Raises ValidationError with a message per competency code for values outside the scale.
    """
    assessment = Assessment.objects.select_for_update().select_related("round").get(
        pk=assessment.pk)
    _check_editable(assessment, actor)
    framework_id = assessment.round.framework_id
    competencies = {c.pk: c for c in Competency.objects.filter(framework_id=framework_id)}
    scale = set(assessment.round.framework.scale.values_list("value", flat=True))
    errors: dict[str, list[str]] = {}
    for comp_id, (value, evidence) in values.items():
        comp = competencies.get(comp_id)
        if comp is None:
            raise ValidationError(_("Deze competentie hoort niet bij het kader van de ronde."))
        if value is not None and value not in scale:
            errors[comp.code] = [_("Kies een niveau van %(low)s tot en met %(high)s.")
                                 % {"low": min(scale), "high": max(scale)}]
        if len(evidence or "") > EVIDENCE_MAX:
            errors.setdefault(comp.code, []).append(
                _("Houd de onderbouwing korter dan %(n)s tekens.") % {"n": EVIDENCE_MAX})
        try:
            validate_no_personal_data(evidence or "")
        except ValidationError as exc:
            errors.setdefault(comp.code, []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    existing = {r.competency_id: r for r in assessment.ratings.all()}
    for comp_id, (value, evidence) in values.items():
        rating = existing.get(comp_id)
        if value is None:
            if rating is not None:
                rating.delete()
            continue
        if rating is None:
            Rating.objects.create(assessment=assessment, competency_id=comp_id, value=value,
                                  evidence=(evidence or "").strip())
        elif (rating.value, rating.evidence) != (value, (evidence or "").strip()):
            rating.value, rating.evidence = value, (evidence or "").strip()
            rating.save(update_fields=["value", "evidence"])
    if submit:
        rated = set(assessment.ratings.values_list("competency_id", flat=True))
        missing = [c.code for pk, c in competencies.items() if pk not in rated]
        if missing:
            raise ValidationError({code: [_("Geef een niveau om te kunnen indienen.")]
                                   for code in missing})
        assessment.state = Assessment.State.SUBMITTED
        assessment.submitted_at = timezone.now()
        assessment.save(update_fields=["state", "submitted_at", "updated_at"])
    audit.audit_record(action=audit.Action.UPDATE, actor=actor.user, ip=actor.ip, obj=assessment,
                       fields=["ratings"] + (["state"] if submit else []))
    return assessment


@transaction.atomic
def peer_invite(*, actor: Actor, assessment_round: AssessmentRound, peer: Any) -> Assessment:
    """A worker asks a colleague of their organisation to rate them too."""
    worker = actor.user
    profile = WorkerProfile.objects.filter(user=worker).first() if worker else None
    if not assessment_round.is_open:
        raise ValidationError(_("Deze ronde is gesloten."))
    if profile is None or not assessment_round.assessments.filter(
            worker=worker, kind=Assessment.Kind.SELF).exists():
        raise ValidationError(_("U doet niet mee aan deze ronde."))
    if peer.pk == worker.pk:
        raise ValidationError({"peer": [_("U kunt uzelf niet uitnodigen.")]})
    if not Membership.objects.filter(user=peer, organisation_id=profile.organisation_id,
                                     role__in=[Role.WORKER, Role.COACH]).exists():
        raise ValidationError({"peer": [_("Nodig een collega van uw eigen organisatie uit.")]})
    if Assessment.objects.filter(round=assessment_round, worker=worker, assessor=peer,
                                 kind=Assessment.Kind.PEER).exists():
        raise ValidationError({"peer": [_("Deze collega is al uitgenodigd.")]})
    assessment = Assessment.objects.create(
        round=assessment_round, worker=worker, assessor=peer,
        organisation_id=profile.organisation_id, scw_level=profile.scw_level,
        kind=Assessment.Kind.PEER)
    audit.audit_record(action=audit.Action.CREATE, actor=actor.user, ip=actor.ip, obj=assessment)
    return assessment


# Development plans ------------------------------------------------------------------------

def plan_for(*, worker: Any, year: int) -> DevelopmentPlan:
    """The worker's plan for a year, created on first use."""
    profile = WorkerProfile.objects.filter(user=worker).first()
    if profile is None:
        raise ValidationError(_("Alleen opbouwwerkers hebben een ontwikkelplan."))
    plan, _created = DevelopmentPlan.objects.get_or_create(
        worker=worker, year=year, defaults={"organisation_id": profile.organisation_id})
    return plan


def _unsign(plan: DevelopmentPlan) -> None:
    if plan.signed_off_at:  # a changed plan needs a new sign-off
        plan.signed_off_at = None
        plan.signed_off_by = None
        plan.save(update_fields=["signed_off_at", "signed_off_by", "updated_at"])


@transaction.atomic
def goal_add(*, actor: Actor, competency: Competency, description: str,
             plan: DevelopmentPlan | None = None, worker: Any = None, year: int | None = None,
             target_level: int | None = None) -> Goal:
    """Add a goal to a plan, or to the worker's plan for a year (created with it)."""
    goal = Goal(plan=plan, competency=competency, description=description.strip(),
                target_level=target_level)
    goal.full_clean(exclude=["plan"])
    if plan is None:
        assert year is not None  # without a plan, the caller names the worker and year
        plan = plan_for(worker=worker, year=year)
        goal.plan = plan
    goal.save()
    _unsign(plan)
    audit.audit_record(action=audit.Action.CREATE, actor=actor.user, ip=actor.ip, obj=plan,
                       fields=["goals"])
    return goal


@transaction.atomic
def goal_propose(*, actor: Actor, worker: Any, year: int, competency: Competency,
                 description: str, target_level: int | None = None) -> Goal | None:
    """Add a goal on a competency to the worker's plan for a year (``goal_add``), unless the
    plan has a goal on it already: then nothing is added and None returned."""
    plan = DevelopmentPlan.objects.select_for_update().filter(worker=worker, year=year).first()
    if plan is not None and plan.goals.filter(competency=competency).exists():
        return None
    return goal_add(actor=actor, competency=competency, description=description, plan=plan,
                    worker=worker, year=year, target_level=target_level)


@transaction.atomic
def action_add(*, actor: Actor, goal: Goal, kind: str, description: str,
               due_on: dt.date | None = None, course: Course | None = None) -> Action:
    action = Action(goal=goal, kind=kind, description=description.strip(), due_on=due_on,
                    course=course)
    action.full_clean()
    action.save()
    _unsign(goal.plan)
    audit.audit_record(action=audit.Action.UPDATE, actor=actor.user, ip=actor.ip, obj=goal.plan,
                       fields=["actions"])
    return action


@transaction.atomic
def action_set_status(*, actor: Actor, action: Action, status: str) -> Action:
    if status not in Action.Status.values:
        raise ValidationError({"status": [_("Kies een status uit de lijst.")]})
    action.status = status
    action.save(update_fields=["status"])
    audit.audit_record(action=audit.Action.UPDATE, actor=actor.user, ip=actor.ip,
                       obj=action.goal.plan, fields=["actions"])
    return action


@transaction.atomic
def plan_sign_off(*, actor: Actor, plan: DevelopmentPlan) -> DevelopmentPlan:
    if not plan.goals.exists():
        raise ValidationError(_("Een plan zonder doelen kan niet worden afgetekend."))
    plan.signed_off_by = actor.user
    plan.signed_off_at = timezone.now()
    plan.save(update_fields=["signed_off_by", "signed_off_at", "updated_at"])
    audit.audit_record(action=audit.Action.UPDATE, actor=actor.user, ip=actor.ip, obj=plan,
                       fields=["signed_off_at"])
    return plan


# Training and PE points ---------------------------------------------------------------------

@transaction.atomic
def course_save(*, actor: Actor, course: Course | None = None, competencies: Iterable[Competency],
                **values: Any) -> Course:
    """Create or change a course of the catalogue."""
    course = course or Course()
    for name, value in values.items():
        setattr(course, name, value)
    created = course.pk is None
    course.full_clean()
    course.save()
    course.competencies.set(list(competencies))
    audit.audit_record(action=audit.Action.CREATE if created else audit.Action.UPDATE,
                       actor=actor.user, ip=actor.ip, obj=course)
    return course


@transaction.atomic
def training_proposal_add(*, actor: Actor, organisation: Organisation, course: Course,
                          competency: Competency, reason: str = "",
                          ) -> tuple[TrainingProposal, bool]:
    """Propose a course for the organisation's joint training plan, on a competency the
    course addresses; proposing it again changes nothing (the flag says whether it is new)."""
    if not course.is_active:
        raise ValidationError(_("Deze cursus wordt niet meer aangeboden."))
    if not course.competencies.filter(pk=competency.pk).exists():
        raise ValidationError(_("Deze cursus gaat niet over die competentie."))
    reason = reason.strip()[:300]
    validate_no_personal_data(reason)
    proposal, created = TrainingProposal.objects.get_or_create(
        organisation=organisation, course=course, competency=competency,
        defaults={"reason": reason, "proposed_by": actor.user})
    if created:
        audit.audit_record(action=audit.Action.CREATE, actor=actor.user, ip=actor.ip,
                           obj=proposal)
    return proposal, created


@transaction.atomic
def enrolment_create(*, actor: Actor, course: Course, worker: Any) -> Enrolment:
    profile = WorkerProfile.objects.filter(user=worker).first()
    if profile is None:
        raise ValidationError(_("Alleen opbouwwerkers kunnen zich inschrijven."))
    if not course.is_active:
        raise ValidationError(_("Deze cursus wordt niet meer aangeboden."))
    enrolment, created = Enrolment.objects.get_or_create(
        course=course, worker=worker, defaults={"organisation_id": profile.organisation_id})
    if not created and enrolment.status != Enrolment.Status.CANCELLED:
        raise ValidationError(_("U bent al ingeschreven voor deze cursus."))
    if not created:
        enrolment.status = Enrolment.Status.ENROLLED
        enrolment.save(update_fields=["status", "updated_at"])
    audit.audit_record(action=audit.Action.CREATE, actor=actor.user, ip=actor.ip, obj=enrolment)
    return enrolment


@transaction.atomic
def enrolment_complete(*, actor: Actor, enrolment: Enrolment, completed_on: dt.date) -> Enrolment:
    """Mark a course as completed; its PE points count in the year of completion."""
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": [_("Een datum in de toekomst kan niet.")]})
    if completed_on < enrolment.created_at.date() - dt.timedelta(days=366):
        raise ValidationError({"completed_on": [_("Die datum ligt ver voor de inschrijving.")]})
    if enrolment.status == Enrolment.Status.CANCELLED:
        raise ValidationError(_("Deze inschrijving is afgemeld."))
    if enrolment.status == Enrolment.Status.COMPLETED:
        raise ValidationError(_("Deze cursus is al afgerond."))
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.completed_on = completed_on
    enrolment.pe_points = enrolment.course.pe_points
    enrolment.save(update_fields=["status", "completed_on", "pe_points", "updated_at"])
    audit.audit_record(action=audit.Action.UPDATE, actor=actor.user, ip=actor.ip, obj=enrolment,
                       fields=["status", "completed_on"])
    return enrolment


@transaction.atomic
def pe_requirement_set(*, actor: Actor, organisation: Organisation, year: int,
                       points: Decimal) -> PeRequirement:
    if points < 0 or points > 200:
        raise ValidationError({"points": [_("Kies een aantal tussen 0 en 200.")]})
    requirement, _created = PeRequirement.objects.update_or_create(
        organisation=organisation, year=year, defaults={"points": points})
    audit.audit_record(action=audit.Action.UPDATE, actor=actor.user, ip=actor.ip, obj=organisation,
                       fields=["pe_requirement"],
                       detail=f"PE-norm {year}: {points}")
    return requirement


# Coaching and intervision ---------------------------------------------------------------------

@transaction.atomic
def session_log(*, actor: Actor, organisation: Organisation, held_on: dt.date, kind: str,
                participants: Iterable[Any], competencies: Iterable[Competency] = (),
                notes: str = "") -> CoachingSession:
    participants = list(participants)
    if not participants:
        raise ValidationError({"participants": [_("Kies minstens één deelnemer.")]})
    outsiders = [p for p in participants if not Membership.objects.filter(
        user=p, organisation=organisation).exists()]
    if outsiders:
        raise ValidationError({"participants": [_("Deelnemers komen uit uw eigen organisatie.")]})
    session = CoachingSession(organisation=organisation, held_on=held_on, kind=kind,
                              led_by=actor.user, notes=notes.strip())
    session.full_clean()
    session.save()
    session.participants.set(participants)
    session.competencies.set(list(competencies))
    audit.audit_record(action=audit.Action.CREATE, actor=actor.user, ip=actor.ip, obj=session)
    return session
