"""Writes of the logbook: record, change and delete activities, every write audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from opbouw.access.actor import Actor
from opbouw.assignments import scopes as assignment_scopes
from opbouw.assignments.models import Assignment
from opbouw.core import audit
from opbouw.core.formats import date_text, number_text, short_number_text
from opbouw.core.personal_data import validate_no_personal_data
from opbouw.core.text import has_control_characters
from opbouw.logbook import selectors
from opbouw.logbook.models import Activity, ContactForm
from opbouw.methods.models import Intervention

MAX_PARTICIPANTS = 2000
MAX_VOLUNTEERS = 500
MAX_HOURS_A_DAY = Decimal(24)
MAX_TEXT = 500

# The fields a form may set; the rest (worker, organisation, created_by) follow from the actor.
FIELDS = ("date", "assignment", "area", "intervention", "contact_form", "participants",
          "new_participants", "volunteers", "hours", "supports_initiative", "target_group",
          "description", "follow_up")


def _snapshot(activity: Activity) -> dict[str, Any]:
    return {name: getattr(activity, f"{name}_id" if name in (
        "assignment", "area", "intervention", "target_group") else name) for name in FIELDS}


def _count(value: Any, field: str, label: str, maximum: int, errors: dict) -> int:
    """A whole number from 0 to maximum, else a message on the field."""
    if value in (None, ""):
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        errors[field] = _("Vul een heel getal in.")
        return 0
    if value < 0:
        errors[field] = _("%(label)s kan niet negatief zijn.") % {"label": label}
    elif value > maximum:
        errors[field] = _("%(n)s is niet aannemelijk: vul hoogstens %(max)s in; splits een "
                          "grote activiteit anders op.") % {"n": value, "max": maximum}
    return value


def _hours(value: Any, errors: dict) -> Decimal | None:
    if value in (None, ""):
        errors["hours"] = _("Vul het aantal uren in.")
        return None
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors["hours"] = _("Vul een getal in, bijvoorbeeld 1,5.")
        return None
    if not hours.is_finite():
        errors["hours"] = _("Vul een getal in, bijvoorbeeld 1,5.")
        return None
    if hours <= 0:
        errors["hours"] = _("Vul meer dan 0 uur in.")
    elif hours > MAX_HOURS_A_DAY:
        errors["hours"] = _("Een dag heeft 24 uur: vul hoogstens 24 uur in.")
    elif hours != hours.quantize(Decimal("0.01")):
        errors["hours"] = _("Vul uren in met hoogstens twee cijfers achter de komma.")
    return hours


def _text(value: Any, field: str, errors: dict, *, required: bool) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        if required:
            errors[field] = _("Beschrijf kort wat u deed.")
        return ""
    if len(text) > MAX_TEXT:
        errors[field] = _("Houd het kort: hoogstens %(max)s tekens (nu %(n)s).") % {
            "max": MAX_TEXT, "n": len(text)}
    elif has_control_characters(text):
        errors[field] = _("De tekst bevat tekens die niet in tekst horen; typ hem opnieuw.")
    else:
        try:
            validate_no_personal_data(text)
        except ValidationError as exc:
            errors[field] = exc.messages[0]
    return text


def _check_assignment(actor: Actor, activity: Activity | None, assignment: Any,
                      on: dt.date | None, errors: dict) -> None:
    if not isinstance(assignment, Assignment):
        errors["assignment"] = _("Kies een opdracht.")
        return
    unchanged = activity is not None and activity.assignment_id == assignment.pk
    if not unchanged:
        # A new entry, or moved to another assignment: it must be one the actor logs for now.
        # An existing entry keeps its assignment, even after that assignment finished.
        if assignment.status != Assignment.Status.RUNNING:
            errors["assignment"] = _("Deze opdracht loopt niet (meer); kies een lopende "
                                     "opdracht.")
            return
        if not assignment_scopes.assignments_for_logging(actor.principal).filter(
                pk=assignment.pk).exists():
            errors["assignment"] = _("Voor deze opdracht kunt u geen activiteiten "
                                     "vastleggen.")
            return
    if on is not None and on < assignment.starts_on:
        errors["date"] = _("De opdracht begint pas op %(d)s; kies een datum vanaf dan.") % {
            "d": date_text(assignment.starts_on, "NUMERIC_DATE_FORMAT")}
    elif on is not None and on > assignment.ends_on:
        errors["date"] = _("De opdracht loopt tot en met %(d)s; kies een datum tot en met "
                           "die dag.") % {
                               "d": date_text(assignment.ends_on, "NUMERIC_DATE_FORMAT")}


def _check_intervention(intervention: Any, assignment: Assignment, area: Any, on: dt.date,
                        errors: dict) -> None:
    if intervention.status != Intervention.Status.PUBLISHED:
        errors["intervention"] = _("Deze interventie is nog niet gepubliceerd in de "
                                   "gereedschapskist; kies een andere.")
    elif not selectors.allowed_interventions(assignment=assignment, area=area, on=on).filter(
            pk=intervention.pk).exists():
        errors["intervention"] = _(
            "Deze interventie staat niet in de opdracht en uw organisatie biedt haar op die "
            "datum niet aan in dit gebied; kies een andere of laat het veld leeg.")


def activity_check(*, actor: Actor, activity: Activity | None = None,
                   **values: Any) -> dict[str, Any]:
    """Check an entry without writing: the clean values, or every problem on its field."""
    errors: dict[str, str] = {}
    on = values.get("date")
    if not isinstance(on, dt.date):
        errors["date"] = _("Vul een datum in.")
        on = None
    elif on > timezone.localdate():
        errors["date"] = _("Deze datum ligt in de toekomst; leg vast wat al gebeurd is.")
    assignment = values.get("assignment")
    _check_assignment(actor, activity, assignment, on, errors)
    area = values.get("area")
    if area is None:
        errors["area"] = _("Kies een gebied.")
    elif "assignment" not in errors and not selectors.within_assignment(assignment, area):
        errors["area"] = _("Dit gebied hoort niet bij de opdracht; kies een gebied van de "
                           "opdracht of een gebied daarbinnen.")
    intervention = values.get("intervention")
    if (intervention is not None and on is not None and area is not None
            and assignment is not None and not errors.keys() & {"assignment", "area"}):
        _check_intervention(intervention, assignment, area, on, errors)
    contact_form = values.get("contact_form") or ""
    if contact_form not in ContactForm.values:
        errors["contact_form"] = _("Kies een contactvorm.")
    participants = _count(values.get("participants"), "participants", _("Het aantal deelnemers"),
                          MAX_PARTICIPANTS, errors)
    new = _count(values.get("new_participants"), "new_participants",
                 _("Het aantal nieuwe deelnemers"), MAX_PARTICIPANTS, errors)
    if not errors.keys() & {"participants", "new_participants"} and new > participants:
        errors["new_participants"] = _("Er kunnen niet meer nieuwe deelnemers zijn dan "
                                       "deelnemers (%(n)s).") % {"n": number_text(participants)}
    volunteers = _count(values.get("volunteers"), "volunteers", _("Het aantal vrijwilligers"),
                        MAX_VOLUNTEERS, errors)
    hours = _hours(values.get("hours"), errors)
    worker = activity.worker if activity is not None else actor.user
    if "hours" not in errors and on is not None and hours is not None:
        others = Activity.objects.filter(worker=worker, date=on)
        if activity is not None:
            others = others.exclude(pk=activity.pk)
        booked = others.aggregate(total=Sum("hours"))["total"] or Decimal(0)
        if booked + hours > MAX_HOURS_A_DAY:
            errors["hours"] = _(
                "Op %(d)s staat al %(booked)s uur in het logboek; met deze %(hours)s uur komt "
                "de dag boven 24 uur.") % {"d": date_text(on, "NUMERIC_DATE_FORMAT"),
                                           "booked": short_number_text(booked),
                                           "hours": short_number_text(hours)}
    description = _text(values.get("description"), "description", errors, required=True)
    follow_up = _text(values.get("follow_up"), "follow_up", errors, required=False)
    if errors:
        raise ValidationError({field: [message] for field, message in errors.items()})
    return {
        "date": on, "assignment": assignment, "area": area, "intervention": intervention,
        "contact_form": contact_form, "participants": participants, "new_participants": new,
        "volunteers": volunteers, "hours": hours, "description": description,
        "follow_up": follow_up, "target_group": values.get("target_group"),
        "supports_initiative": bool(values.get("supports_initiative")),
    }


@transaction.atomic
def activity_save(*, actor: Actor, activity: Activity | None = None, **values: Any) -> Activity:
    """Record a new activity or change one; every problem is a message on its field."""
    clean = activity_check(actor=actor, activity=activity, **values)
    created = activity is None
    before = {} if activity is None else _snapshot(activity)
    if activity is None:
        activity = Activity(worker=actor.user, created_by=actor.user)
    activity.organisation_id = clean["assignment"].provider_id
    for name, value in clean.items():
        setattr(activity, name, value)
    activity.full_clean(exclude=["created_by"])  # entries from imports have no author
    activity.save()
    after = _snapshot(activity)
    by_other = actor.user is not None and activity.worker_id != actor.user_id
    audit.audit_record(
        action=audit.Action.CREATE if created else audit.Action.UPDATE, actor=actor.user,
        ip=actor.ip, obj=activity,
        fields=sorted(after) if created else audit.changed_fields(before, after),
        detail=(_("logboekregel van %(worker)s") % {"worker": activity.worker.get_username()}
                if by_other else ""),
    )
    return activity


@transaction.atomic
def activity_delete(*, actor: Actor, activity: Activity) -> None:
    """Delete an activity; the audit log keeps who deleted which entry."""
    by_other = actor.user is not None and activity.worker_id != actor.user_id
    audit.audit_record(
        action=audit.Action.DELETE, actor=actor.user, ip=actor.ip, obj=activity,
        detail=(_("logboekregel van %(worker)s") % {"worker": activity.worker.get_username()}
                if by_other else ""),
    )
    activity.delete()
