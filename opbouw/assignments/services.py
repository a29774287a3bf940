"""Writes of the assignments module: assignments, result agreements, values, WAPs, indicators.

Every service validates all its input first and raises one ``ValidationError`` with Dutch
messages per field; nothing is written then. Assignments carry a version: a save based on
an older version is refused, never silently overwriting someone else's change.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext as _

from opbouw.access.actor import Actor
from opbouw.areas.tree import lies_within, overlaps
from opbouw.assignments import indicators as registry
from opbouw.assignments.models import (
    Amendment,
    Assignment,
    Indicator,
    ManualValue,
    ResultAgreement,
)
from opbouw.assignments.rules import (  # noqa: F401  (the limits belong to the services)
    FIRST_YEAR,
    LAST_YEAR,
    MAX_BUDGET,
    MAX_HOURS,
    MAX_VALUE,
    MAX_YEARS,
    budget_errors,
    commissioner_paths,
    kept_rate,
    money_errors,
    period_errors,
    raise_errors,
)
from opbouw.assignments.services_plans import (  # noqa: F401  (one services module to call)
    action_plan_save,
    indicator_save,
    priority_delete,
    priority_save,
)
from opbouw.assignments.values import value_text
from opbouw.core import audit
from opbouw.core.formats import date_text, money_text, number_text, short_number_text

Status = Assignment.Status
# (from, to): whether a reason is required.
TRANSITIONS: dict[tuple[str, str], bool] = {
    (Status.CONCEPT, Status.RUNNING): False,
    (Status.RUNNING, Status.FINISHED): False,
    (Status.FINISHED, Status.RUNNING): True,
}
HOURS_COMPUTATION = "logbook.hours"  # the logbook's registered key for hours spent
FIELDS = ("commissioner", "provider", "title", "description", "areas", "starts_on", "ends_on",
          "budget", "agreed_hours", "hourly_rate", "priorities", "interventions", "status")
M2M = ("areas", "priorities", "interventions")


class StaleVersion(ValidationError):
    """The assignment changed since the form was opened."""


def _bump_version(assignment: Assignment, expected: int | None) -> int:
    """Raise the version in the database; with ``expected``, only if nobody else did first."""
    qs = Assignment.objects.filter(pk=assignment.pk)
    if expected is not None:
        qs = qs.filter(version=expected)
    if not qs.update(version=F("version") + 1):
        raise stale_error(assignment)
    assignment.version = Assignment.objects.values_list("version", flat=True).get(
        pk=assignment.pk)
    return assignment.version


def stale_error(assignment: Assignment) -> StaleVersion:
    """Say who changed the assignment, and when, since the form was opened."""
    from opbouw.core.models import AuditEvent

    latest = Amendment.objects.filter(assignment_id=assignment.pk).select_related(
        "actor").order_by("-version").first()
    fresh = Assignment.objects.filter(pk=assignment.pk).values("version", "updated_at").first()
    who, when = None, fresh["updated_at"] if fresh else None
    if latest is not None and fresh and latest.version == fresh["version"]:
        who, when = latest.actor, latest.created_at
    else:
        event = AuditEvent.objects.filter(
            object_type="assignments.assignment", object_id=str(assignment.pk),
            action=AuditEvent.Action.UPDATE).select_related("actor").order_by("-pk").first()
        if event is not None:
            who = event.actor
    name = (who.get_full_name() or who.get_username()) if who is not None else _(
        "een andere gebruiker")
    moment = date_text(when, "NUMERIC_DATETIME_FORMAT") if when else "?"
    return StaleVersion(
        _("Iemand anders heeft deze opdracht intussen gewijzigd (%(who)s, %(when)s). Uw "
          "wijzigingen zijn niet opgeslagen. Open de opdracht opnieuw, bekijk wat er veranderd "
          "is en voer uw aanpassing daarna nog eens in.") % {"who": name, "when": moment},
        code="stale")


# Assignments --------------------------------------------------------------------------------

def display_values(values: dict[str, Any]) -> dict[str, str]:
    """The assignment's fields as the history shows them (Dutch, without lookups)."""
    shown = {}
    with translation.override("nl"):
        for name, value in values.items():
            if name in M2M:
                shown[name] = "; ".join(sorted(str(v) for v in value)) or "–"
            elif name in ("starts_on", "ends_on"):
                shown[name] = date_text(value, "MEDIUM_DATE_FORMAT")
            elif name in ("budget", "hourly_rate"):
                shown[name] = money_text(value)
            elif name == "agreed_hours":
                shown[name] = "–" if value is None else f"{short_number_text(value, 1)} uur"
            elif name == "status":
                shown[name] = str(Status(value).label)
            else:
                shown[name] = str(value) if value not in (None, "") else "–"
    return shown


def _current_values(assignment: Assignment) -> dict[str, Any]:
    values = {name: getattr(assignment, name) for name in FIELDS if name not in M2M}
    for name in M2M:
        values[name] = list(getattr(assignment, name).all())
    return values


def _assignment_errors(values: dict[str, Any], assignment: Assignment | None) -> dict:
    from opbouw.organisations.models import Organisation

    errors: dict[str, list] = {}
    commissioner, provider = values["commissioner"], values["provider"]
    if commissioner is None or commissioner.kind != Organisation.Kind.COMMISSIONER \
            or not commissioner.is_active:
        errors["commissioner"] = [_("Kies een actieve opdrachtgever.")]
    if provider is None or provider.kind != Organisation.Kind.PROVIDER or not provider.is_active:
        errors["provider"] = [_("Kies een actieve opbouwwerkorganisatie als opdrachtnemer.")]
    if not (values["title"] or "").strip():
        errors["title"] = [_("Geef de opdracht een titel.")]
    areas = values["areas"]
    if not areas:
        errors["areas"] = [_("Kies minstens één gebied.")]
    elif commissioner is not None and "commissioner" not in errors:
        paths = commissioner_paths(commissioner)
        outside = [a.name for a in areas if not lies_within(a.path, paths)]
        if not paths:
            errors["areas"] = [_("%(org)s heeft nog geen werkgebied; vraag de beheerder om "
                                 "het in te stellen.") % {"org": commissioner}]
        elif outside:
            errors["areas"] = [_("Deze gebieden liggen buiten het werkgebied van %(org)s: "
                                 "%(areas)s.") % {"org": commissioner,
                                                  "areas": ", ".join(sorted(outside))}]
    starts_on, ends_on = values["starts_on"], values["ends_on"]
    period_errors(starts_on, ends_on, errors)
    if starts_on and ends_on and "ends_on" not in errors and \
            ends_on.year - starts_on.year >= MAX_YEARS:
        errors["ends_on"] = [_("Een opdracht duurt hoogstens %(n)s jaar.") % {"n": MAX_YEARS}]
    money_errors(values, errors)
    if areas and starts_on and ends_on and not errors.get("areas"):
        wrong = [str(p) for p in values["priorities"]
                 if not starts_on.year <= p.plan.year <= ends_on.year
                 or not overlaps(p.plan.area.path, [a.path for a in areas])]
        if wrong:
            errors["priorities"] = [_("Deze prioriteiten horen bij een wijkactieplan voor een "
                                      "ander gebied of jaar dan de opdracht: %(p)s.")
                                    % {"p": "; ".join(wrong)}]
    unpublished = [str(i) for i in values["interventions"] if i.status != "published"]
    if unpublished:
        errors["interventions"] = [_("Kies alleen gepubliceerde interventies uit de "
                                     "gereedschapskist.")]
    if assignment is not None and starts_on and ends_on:
        outside = [str(a.indicator) for a in assignment.agreements.select_related("indicator")
                   if a.starts_on < starts_on or a.ends_on > ends_on]
        if outside:
            errors.setdefault("ends_on", []).append(
                _("Deze resultaatafspraken vallen dan buiten de looptijd: %(a)s. Pas eerst hun "
                  "periode aan.") % {"a": ", ".join(outside)})
    return errors


def _transition_errors(old: str, new: str, reason: str) -> list[str]:
    if old == new:
        return []
    if (old, new) not in TRANSITIONS:
        return [_("Van %(a)s naar %(b)s kan niet: een opdracht gaat van concept naar lopend "
                  "naar afgerond.") % {"a": Status(old).label, "b": Status(new).label}]
    if TRANSITIONS[(old, new)] and not reason.strip():
        return [_("Geef een reden om een afgeronde opdracht weer lopend te maken.")]
    return []


@transaction.atomic
def assignment_save(*, actor: Actor, assignment: Assignment | None = None,
                    version: int | None = None, reason: str = "",
                    commissioner: Any, provider: Any, title: str, description: str = "",
                    areas: list, starts_on: dt.date | None, ends_on: dt.date | None,
                    budget: Decimal | None, agreed_hours: Decimal | None,
                    hourly_rate: Decimal | None = None,
                    priorities: list | tuple = (), interventions: list | tuple = (),
                    status: str | None = None) -> Assignment:
    """Create or change an assignment; changes after concept need a reason and are recorded.

    Without ``hourly_rate`` a change keeps the rate, and a new assignment gets budget / agreed
    hours (rounded down to the cent). Agreed hours x rate plus the products may not cost more
    than the budget.
    """
    reason = (reason or "").strip()
    if hourly_rate is None:
        hourly_rate = kept_rate(assignment, budget, agreed_hours)
    values = {"commissioner": commissioner, "provider": provider, "title": (title or "").strip(),
              "description": (description or "").strip(), "areas": list(areas or []),
              "starts_on": starts_on, "ends_on": ends_on, "budget": budget,
              "agreed_hours": agreed_hours, "hourly_rate": hourly_rate,
              "priorities": list(priorities or []),
              "interventions": list(interventions or [])}
    created = assignment is None
    if assignment is not None:
        if version is None or version != assignment.version:
            raise stale_error(assignment)
        old_status = assignment.status
        values["status"] = status or old_status
    else:
        old_status = Status.CONCEPT
        values["status"] = status or Status.CONCEPT
    if values["status"] not in Status.values:
        raise ValidationError({"status": [_("Kies een status uit de lijst.")]})
    errors = _assignment_errors(values, assignment)
    if created:
        if values["status"] not in (Status.CONCEPT, Status.RUNNING):
            errors["status"] = [_("Een nieuwe opdracht is een concept of lopend.")]
    else:
        problems = _transition_errors(old_status, values["status"], reason)
        if problems:
            errors["status"] = problems
    changes: dict[str, list[str]] = {}
    if assignment is not None:
        before = display_values(_current_values(assignment))
        after = display_values(values)
        changes = {k: [before[k], after[k]] for k in FIELDS if before[k] != after[k]}
        if not changes:
            return assignment
        if old_status != Status.CONCEPT and not reason:
            errors.setdefault("reason", []).append(_(
                "Deze opdracht loopt al: geef een reden voor de wijziging."))
    budget_errors(values, assignment, changes, errors)
    raise_errors(errors)
    old_hours = assignment.agreed_hours if assignment is not None else None
    if assignment is None:
        assignment = Assignment()
    else:
        _bump_version(assignment, version)
    for name, value in values.items():
        if name not in M2M:
            setattr(assignment, name, value)
    try:
        assignment.full_clean(exclude=list(M2M))
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    assignment.save()
    for name in M2M:
        getattr(assignment, name).set(values[name])
    if old_hours is not None and old_hours != assignment.agreed_hours:
        changes.update(_hours_agreements_follow(assignment, old_hours))
    if not created and (old_status != Status.CONCEPT or "status" in changes):
        Amendment.objects.create(assignment=assignment, version=assignment.version,
                                 actor=actor.user,
                                 reason=reason[:300], changes=changes)
    audit.audit_record(action=audit.Action.CREATE if created else audit.Action.UPDATE,
                       actor=actor.user, ip=actor.ip, obj=assignment, fields=list(changes))
    return assignment


def _hours_agreements_follow(assignment: Assignment, old_hours: Decimal) -> dict[str, list]:
    """Hours agreements that repeated the old agreed hours take the new ones, so the page
    shows one number for the agreed hours; the changes for the amendment."""
    changes = {}
    for agreement in assignment.agreements.select_related("indicator").filter(
            indicator__computation=HOURS_COMPUTATION, target=old_hours):
        old = agreement_text(agreement)
        agreement.target = assignment.agreed_hours
        agreement.save(update_fields=["target"])
        changes[_("afspraak: %(i)s") % {"i": agreement.indicator}] = [
            old, agreement_text(agreement)]
    return changes


@transaction.atomic
def assignment_set_status(*, actor: Actor, assignment: Assignment, status: str,
                          reason: str = "", version: int | None = None) -> Assignment:
    """Move an assignment from concept to running to finished (or back to running)."""
    reason = (reason or "").strip()
    if version is not None and version != assignment.version:
        raise stale_error(assignment)
    if status not in Status.values:
        raise ValidationError({"status": [_("Kies een status uit de lijst.")]})
    if status == assignment.status:
        return assignment
    problems = _transition_errors(assignment.status, status, reason)
    if problems:
        raise ValidationError({"status": problems})
    old = assignment.status
    _bump_version(assignment, assignment.version)
    assignment.status = status
    assignment.save(update_fields=["status", "updated_at"])
    shown = display_values({"status": old}), display_values({"status": status})
    Amendment.objects.create(assignment=assignment, version=assignment.version,
                             actor=actor.user,
                             reason=reason[:300],
                             changes={"status": [shown[0]["status"], shown[1]["status"]]})
    audit.audit_record(action=audit.Action.UPDATE, actor=actor.user, ip=actor.ip, obj=assignment,
                       fields=["status"])
    return assignment


# Result agreements and manual values ------------------------------------------------------

def agreement_text(agreement: ResultAgreement | dict) -> str:
    """One line describing an agreement, for the history."""
    get = agreement.get if isinstance(agreement, dict) else lambda k: getattr(agreement, k)
    indicator = get("indicator")

    def shown(value: Decimal | None) -> str:
        return value_text(indicator, value) if indicator is not None else number_text(value, 2)

    text = _("streefwaarde %(t)s") % {"t": shown(get("target"))}
    if get("baseline") is not None:
        text += _(", nulwaarde %(b)s") % {"b": shown(get("baseline"))}
    return (f"{text}, {date_text(get('starts_on'), 'MEDIUM_DATE_FORMAT')} – "
            f"{date_text(get('ends_on'), 'MEDIUM_DATE_FORMAT')}")


def _value_errors(name: str, value: Decimal | None, indicator: Indicator,
                  errors: dict[str, list], *, required: bool = True) -> None:
    if value is None:
        if required:
            errors.setdefault(name, []).append(_("Vul een getal in."))
        return
    if abs(value) > MAX_VALUE:
        errors.setdefault(name, []).append(_("Dit getal is te groot; klopt het?"))
    elif indicator.aggregation == Indicator.Aggregation.SHARE and not 0 <= value <= 100:
        errors.setdefault(name, []).append(_("Een aandeel ligt tussen 0 en 100 (procent)."))
    elif indicator.aggregation in (Indicator.Aggregation.COUNT, Indicator.Aggregation.SUM) \
            and value < 0:
        errors.setdefault(name, []).append(_("Een aantal of som kan niet negatief zijn."))
    elif indicator.aggregation == Indicator.Aggregation.COUNT and value != int(value):
        errors.setdefault(name, []).append(_("Een aantal is een heel getal."))


def _record_agreement_change(*, actor: Actor, assignment: Assignment, label: str,
                             old: str, new: str, reason: str) -> None:
    """Changes to a running or finished assignment's agreements are amendments too (the
    caller has raised the version)."""
    Amendment.objects.create(assignment=assignment, version=assignment.version,
                             actor=actor.user,
                             reason=reason[:300], changes={label: [old, new]})


@transaction.atomic
def agreement_save(*, actor: Actor, assignment: Assignment,
                   agreement: ResultAgreement | None = None, indicator: Indicator | None,
                   target: Decimal | None, starts_on: dt.date | None, ends_on: dt.date | None,
                   baseline: Decimal | None = None, note: str = "", reason: str = "",
                   version: int | None = None) -> ResultAgreement:
    """Add or change a result agreement within the assignment's period.

    With ``version`` (the assignment's version the form was read at), a save after someone
    else changed the assignment or one of its agreements is refused.
    """
    reason = (reason or "").strip()
    if version is not None and version != assignment.version:
        raise stale_error(assignment)
    errors: dict[str, list] = {}
    if indicator is None:
        errors["indicator"] = [_("Kies een indicator.")]
    elif not indicator.is_active and (agreement is None or agreement.indicator_id != indicator.pk):
        errors["indicator"] = [_("Deze indicator is niet meer in gebruik; kies een andere.")]
    if indicator is not None:
        _value_errors("target", target, indicator, errors)
        _value_errors("baseline", baseline, indicator, errors, required=False)
    period_errors(starts_on, ends_on, errors)
    if starts_on and ends_on and not errors.get("ends_on") and (
            starts_on < assignment.starts_on or ends_on > assignment.ends_on):
        errors.setdefault("starts_on", []).append(
            _("De periode van de afspraak moet binnen de looptijd van de opdracht vallen "
              "(%(a)s – %(b)s).") % {"a": date_text(assignment.starts_on),
                                    "b": date_text(assignment.ends_on)})
    if agreement is not None and indicator is not None and \
            agreement.indicator_id != indicator.pk and agreement.manual_values.exists():
        errors.setdefault("indicator", []).append(
            _("Voor deze afspraak zijn al waarden ingevoerd; de indicator kan daarom niet meer "
              "veranderen. Maak een nieuwe afspraak."))
    if agreement is not None and starts_on and ends_on:
        if agreement.manual_values.exclude(starts_on__gte=starts_on,
                                           ends_on__lte=ends_on).exists():
            errors.setdefault("starts_on", []).append(
                _("Er zijn gemeten waarden buiten deze periode; verwijder die eerst."))
    running = assignment.status != Status.CONCEPT
    if running and not reason:
        errors["reason"] = [_("Deze opdracht loopt al: geef een reden voor de wijziging.")]
    raise_errors(errors)
    old = agreement_text(agreement) if agreement is not None else "–"
    created = agreement is None
    # The agreements are part of the assignment: a save makes others' open forms stale.
    _bump_version(assignment, version)
    agreement = agreement or ResultAgreement(assignment=assignment)
    for name, value in {"indicator": indicator, "target": target, "baseline": baseline,
                        "starts_on": starts_on, "ends_on": ends_on,
                        "note": (note or "").strip()}.items():
        setattr(agreement, name, value)
    try:
        agreement.full_clean()
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    agreement.save()
    if running:
        _record_agreement_change(
            actor=actor, assignment=assignment, label=_("afspraak: %(i)s") % {"i": indicator},
            old=old, new=agreement_text(agreement), reason=reason)
    audit.audit_record(action=audit.Action.CREATE if created else audit.Action.UPDATE,
                       actor=actor.user, ip=actor.ip, obj=agreement)
    return agreement


@transaction.atomic
def agreement_delete(*, actor: Actor, agreement: ResultAgreement, reason: str = "") -> None:
    """Remove a result agreement (and its measured values); after concept with a reason."""
    reason = (reason or "").strip()
    assignment = agreement.assignment
    running = assignment.status != Status.CONCEPT
    if running and not reason:
        raise ValidationError({"reason": [_(
            "Deze opdracht loopt al: geef een reden om de afspraak te verwijderen.")]})
    _bump_version(assignment, None)
    if running:
        _record_agreement_change(
            actor=actor, assignment=assignment,
            label=_("afspraak: %(i)s") % {"i": agreement.indicator},
            old=agreement_text(agreement), new=_("verwijderd"), reason=reason)
    audit.audit_record(action=audit.Action.DELETE, actor=actor.user, ip=actor.ip, obj=agreement)
    agreement.delete()


def is_computed(indicator: Indicator) -> bool:
    """Whether the indicator's value follows from a registered computation."""
    return bool(indicator.computation and registry.computation(indicator.computation))


@transaction.atomic
def manual_value_save(*, actor: Actor, agreement: ResultAgreement, starts_on: dt.date | None,
                      ends_on: dt.date | None, value: Decimal | None,
                      note: str = "") -> ManualValue:
    """Record a measured value of a manual indicator for one period within the agreement's."""
    indicator = agreement.indicator
    if is_computed(indicator):
        raise ValidationError(_("De waarde van deze indicator wordt berekend (bron: %(s)s); "
                                "u hoeft niets in te voeren.")
                              % {"s": indicator.get_source_display()})
    errors: dict[str, list] = {}
    period_errors(starts_on, ends_on, errors)
    _value_errors("value", value, indicator, errors)
    if starts_on and ends_on and not errors.get("ends_on"):
        if starts_on < agreement.starts_on or ends_on > agreement.ends_on:
            errors.setdefault("starts_on", []).append(
                _("De periode moet binnen die van de afspraak vallen (%(a)s – %(b)s).")
                % {"a": date_text(agreement.starts_on), "b": date_text(agreement.ends_on)})
        else:
            overlap = agreement.manual_values.filter(starts_on__lte=ends_on,
                                                     ends_on__gte=starts_on).first()
            if overlap is not None:
                errors.setdefault("starts_on", []).append(
                    _("Voor %(a)s – %(b)s is al een waarde ingevoerd; periodes mogen elkaar "
                      "niet overlappen. Verwijder die waarde eerst als ze niet klopt.")
                    % {"a": date_text(overlap.starts_on), "b": date_text(overlap.ends_on)})
    raise_errors(errors)
    assert starts_on is not None and ends_on is not None and value is not None  # checked above
    entry = ManualValue(agreement=agreement, starts_on=starts_on, ends_on=ends_on, value=value,
                        note=(note or "").strip(),
                        entered_by=actor.user)
    try:
        entry.full_clean(exclude=["entered_by"])
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    entry.save()
    audit.audit_record(action=audit.Action.CREATE, actor=actor.user, ip=actor.ip, obj=entry)
    return entry


@transaction.atomic
def manual_value_delete(*, actor: Actor, value: ManualValue) -> None:
    """Remove a measured value that was entered wrongly."""
    audit.audit_record(action=audit.Action.DELETE, actor=actor.user, ip=actor.ip, obj=value)
    value.delete()
