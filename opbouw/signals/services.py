"""Writes of the signals module: signals, their follow-up, categories and partners."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opbouw.access.actor import Actor
from opbouw.access.principal import Principal
from opbouw.access.roles import PEOPLE_VIEW_ROLES
from opbouw.areas.tree import lies_within
from opbouw.assignments import scopes as assignment_scopes
from opbouw.assignments.models import Domain
from opbouw.core import audit
from opbouw.core.formats import date_text
from opbouw.core.personal_data import validate_no_personal_data
from opbouw.core.text import has_control_characters
from opbouw.signals.models import Category, FollowUp, Partner, Signal

TEXT_MAX = 2000
EARLIEST = dt.date(2000, 1, 1)
Status = Signal.Status

# Status changes a follow-up may make (besides closing, which is always allowed).
TRANSITIONS: dict[str, set[str]] = {
    Status.OPEN: {Status.OPEN, Status.REFERRED},
    Status.REFERRED: {Status.REFERRED, Status.TAKEN_UP},
    Status.TAKEN_UP: {Status.TAKEN_UP},
    Status.CLOSED: {Status.OPEN},
}
EDITABLE = ("date", "area", "category", "description", "urgency", "source", "assignment")


def _clean_text(value: Any, field: str, errors: dict, *, required: bool) -> str:
    """Check free text: length, control characters and residents' personal data."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        if required:
            errors[field] = [_("Beschrijf kort wat er speelt.")]
        return text
    if len(text) > TEXT_MAX:
        errors[field] = [_("Maximaal %(max)s tekens; dit zijn er %(n)s.")
                         % {"max": TEXT_MAX, "n": len(text)}]
    elif has_control_characters(text):
        errors[field] = [_("De tekst bevat tekens die niet in tekst horen; typ hem opnieuw.")]
    else:
        try:
            validate_no_personal_data(text)
        except ValidationError as exc:
            errors[field] = [" ".join(exc.messages) + " "
                             + _("De tekst is niet opgeslagen.")]
    return text


def _check_date(date: Any, errors: dict, *, field: str = "date") -> None:
    if not isinstance(date, dt.date):
        errors[field] = [_("Vul een datum in.")]
    elif date > timezone.localdate():
        errors[field] = [_("De datum ligt in de toekomst.")]
    elif date < EARLIEST:
        errors[field] = [_("Deze datum ligt te ver terug; controleer het jaar.")]


def _check_values(*, principal: Principal, values: dict, signal: Signal | None,
                  errors: dict) -> None:
    """Check the fields a reporter fills in; unchanged values of an existing signal pass."""
    def changed(name: str) -> bool:
        return signal is None or getattr(signal, name) != values[name]

    _check_date(values["date"], errors)
    values["description"] = _clean_text(values["description"], "description", errors,
                                        required=True)
    if values["urgency"] not in Signal.Urgency.values:
        errors["urgency"] = [_("Kies hoe dringend het is.")]
    if values["source"] not in Signal.Source.values:
        errors["source"] = [_("Kies van wie het signaal komt.")]
    category = values["category"]
    if not isinstance(category, Category):
        errors["category"] = [_("Kies een categorie.")]
    elif changed("category") and not category.is_active:
        errors["category"] = [_("Deze categorie is niet meer in gebruik; kies een andere.")]
    area = values["area"]
    if area is None:
        errors["area"] = [_("Kies een gebied.")]
    assignment = values["assignment"]
    if assignment is None:
        return
    if changed("assignment") and not assignment_scopes.assignments_for_logging(principal).filter(
            pk=assignment.pk).exists():
        errors["assignment"] = [_("Voor deze opdracht kunt u geen signalen vastleggen: kies "
                                  "een lopende opdracht van uw organisatie.")]
        return
    date = values["date"]
    if "date" not in errors and not assignment.starts_on <= date <= assignment.ends_on:
        errors["date"] = [_("De datum ligt buiten de looptijd van de opdracht "
                            "(%(start)s tot en met %(end)s).")
                          % {"start": date_text(assignment.starts_on, "NUMERIC_DATE_FORMAT"),
                             "end": date_text(assignment.ends_on, "NUMERIC_DATE_FORMAT")}]
    if area is not None and not lies_within(area.path, [a.path for a in assignment.areas.all()]):
        errors["area"] = [_("Dit gebied hoort niet bij de opdracht; kies een gebied van de "
                            "opdracht of een gebied daarbinnen.")]


def _reporting_organisation(principal: Principal, assignment: Any) -> int | None:
    """The assignment's provider, or else the reporter's own provider organisation."""
    if assignment is not None:
        return assignment.provider_id
    own = [g.organisation_id for g in principal.grants
           if g.role in PEOPLE_VIEW_ROLES and g.organisation_kind == "provider"]
    if not own or principal.user_id is None:  # grants come with a signed-in user
        return None
    from opbouw.organisations.models import WorkerProfile

    profile_org = WorkerProfile.objects.filter(user_id=principal.user_id).values_list(
        "organisation_id", flat=True).first()
    return profile_org if profile_org in own else min(own)


@transaction.atomic
def signal_create(*, actor: Actor, date: dt.date, area: Any, category: Category | None,
                  description: str, urgency: str = Signal.Urgency.NORMAL, source: str,
                  assignment: Any = None, referred_to: Partner | None = None) -> Signal:
    """Record a signal; with a partner it is referred at once (and the history says so)."""
    principal = actor.principal
    values = {"date": date, "area": area, "category": category, "description": description,
              "urgency": urgency, "source": source, "assignment": assignment}
    errors: dict[str, list[str]] = {}
    _check_values(principal=principal, values=values, signal=None, errors=errors)
    if referred_to is not None and not referred_to.is_active:
        errors["referred_to"] = [_("Deze partner is niet meer in gebruik; kies een andere.")]
    organisation_id = _reporting_organisation(principal, assignment)
    if organisation_id is None and not errors:
        errors["__all__"] = [_("Alleen medewerkers van een opbouwwerkorganisatie kunnen "
                               "signalen vastleggen.")]
    if errors:
        raise ValidationError(errors)
    assert organisation_id is not None  # refused above
    signal = Signal(reported_by=actor.user, organisation_id=organisation_id, **values)
    if referred_to is not None:
        signal.referred_to = referred_to
        signal.status = Status.REFERRED
        signal.referred_on = date
    signal.save()
    if referred_to is not None:
        FollowUp.objects.create(signal=signal, date=date, author=actor.user,
                                status_before=Status.OPEN, status_after=Status.REFERRED,
                                referred_to=referred_to)
    audit.audit_record(action=audit.Action.CREATE, actor=actor.user, ip=actor.ip, obj=signal)
    return signal


@transaction.atomic
def signal_update(*, actor: Actor, signal: Signal, **values: Any) -> Signal:
    """Correct an open signal's facts; the audit log names the fields that changed."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValidationError(_("Deze velden kunnen niet worden gewijzigd: %(f)s")
                              % {"f": ", ".join(sorted(unknown))})
    if signal.status != Status.OPEN:
        raise ValidationError(_("Een signaal kan alleen worden gecorrigeerd zolang het open "
                                "staat. Leg een vervolgnotitie vast om iets toe te voegen."))
    values = {name: values.get(name, getattr(signal, name)) for name in EDITABLE}
    errors: dict[str, list[str]] = {}
    _check_values(principal=actor.principal, values=values, signal=signal,
                  errors=errors)
    if errors:
        raise ValidationError(errors)
    changed = [name for name in EDITABLE if getattr(signal, name) != values[name]]
    if not changed:
        return signal
    for name in changed:
        setattr(signal, name, values[name])
    if "assignment" in changed and signal.assignment is not None:
        signal.organisation_id = signal.assignment.provider_id
    signal.save()
    audit.audit_record(action=audit.Action.UPDATE, actor=actor.user, ip=actor.ip, obj=signal,
                       fields=changed)
    return signal


@transaction.atomic
def signal_follow_up(*, actor: Actor, signal: Signal, date: dt.date, status: str,
                     note: str = "", referred_to: Partner | None = None) -> FollowUp:
    """Add a note to the signal's history, possibly moving it to another status."""
    errors: dict[str, list[str]] = {}
    _check_date(date, errors)
    if "date" not in errors and date < signal.date:
        errors["date"] = [_("De datum ligt voor de datum van het signaal (%(d)s).")
                          % {"d": date_text(signal.date, "NUMERIC_DATE_FORMAT")}]
    note = _clean_text(note, "note", errors, required=False)
    before = signal.status
    if status not in Status.values:
        errors["status"] = [_("Kies een status.")]
    elif status != Status.CLOSED and status not in TRANSITIONS[before]:
        errors["status"] = [_transition_refusal(before, status)]
    elif before == Status.CLOSED and status == Status.OPEN and not note:
        errors["note"] = [_("Schrijf in een notitie waarom het signaal weer open gaat.")]
    if status == Status.REFERRED:
        if referred_to is None:
            errors["referred_to"] = [_("Kies de partner naar wie u doorverwijst.")]
        elif not referred_to.is_active:
            errors["referred_to"] = [_("Deze partner is niet meer in gebruik; kies een andere.")]
    elif referred_to is not None and "status" not in errors:
        errors["referred_to"] = [_("Kies alleen een partner als u doorverwijst (status "
                                   "doorverwezen).")]
    if not errors and status == before and not note and (
            status != Status.REFERRED or referred_to == signal.referred_to):
        errors["note"] = [_("Er is niets om vast te leggen: schrijf een notitie of kies een "
                            "andere status.")]
    if errors:
        raise ValidationError(errors)
    fields = []
    if status != before:
        signal.status = status
        fields.append("status")
    if status == Status.REFERRED:
        assert referred_to is not None  # a referral without a partner is refused above
        if signal.referred_to_id != referred_to.pk:
            signal.referred_to = referred_to
            fields.append("referred_to")
        if signal.referred_on is None:
            signal.referred_on = date
            fields.append("referred_on")
    if status == Status.TAKEN_UP and signal.taken_up_on is None:
        signal.taken_up_on = date
        fields.append("taken_up_on")
    if fields:
        signal.save()
    follow_up = FollowUp.objects.create(signal=signal, date=date, author=actor.user,
                                        status_before=before, status_after=status,
                                        referred_to=referred_to, note=note)
    audit.audit_record(action=audit.Action.UPDATE, actor=actor.user, ip=actor.ip, obj=signal,
                       fields=fields + ["follow_ups"])
    return follow_up


def _transition_refusal(before: str, after: str) -> str:
    if after == Status.TAKEN_UP and before == Status.OPEN:
        return _("Een signaal wordt eerst doorverwezen; daarna kan de partner het oppakken.")
    if before == Status.CLOSED:
        return _("Een afgesloten signaal kan alleen weer open gaan (met een notitie waarom).")
    return _("Van %(before)s naar %(after)s kan niet. Volgorde: open, doorverwezen, "
             "opgepakt, afgesloten; afsluiten kan altijd.") % {
        "before": Status(before).label, "after": Status(after).label}


def _clean_name(value: Any, max_length: int, errors: dict) -> str:
    name = value.strip() if isinstance(value, str) else ""
    if not name:
        errors["name"] = [_("Vul een naam in.")]
    elif len(name) > max_length:
        errors["name"] = [_("Maximaal %(max)s tekens.") % {"max": max_length}]
    elif has_control_characters(name):
        errors["name"] = [_("De naam bevat tekens die niet in tekst horen.")]
    return name


@transaction.atomic
def category_save(*, actor: Actor, category: Category | None = None, domain: str | None = None,
                  name: str | None = None, is_active: bool | None = None) -> Category:
    """Add a category to a domain, or rename, deactivate or activate one."""
    category = category or Category()
    errors: dict[str, list[str]] = {}
    before = {"domain": category.domain, "name": category.name, "is_active": category.is_active}
    if domain is not None or category.pk is None:
        if domain not in Domain.values:
            errors["domain"] = [_("Kies een domein.")]
        else:
            category.domain = domain
    if name is not None or category.pk is None:
        category.name = _clean_name(name, 100, errors)
    if is_active is not None:
        category.is_active = bool(is_active)
    if not errors and Category.objects.exclude(pk=category.pk).filter(
            domain=category.domain, name__iexact=category.name).exists():
        errors["name"] = [_("Dit domein heeft al een categorie met deze naam.")]
    if errors:
        raise ValidationError(errors)
    created = category.pk is None
    category.save()
    after = {"domain": category.domain, "name": category.name, "is_active": category.is_active}
    audit.audit_record(action=audit.Action.CREATE if created else audit.Action.UPDATE,
                       actor=actor.user, ip=actor.ip, obj=category,
                       fields=[] if created else audit.changed_fields(before, after))
    return category


@transaction.atomic
def partner_save(*, actor: Actor, partner: Partner | None = None, name: str | None = None,
                 kind: str | None = None, is_active: bool | None = None) -> Partner:
    """Add a partner signals can be referred to, or rename, deactivate or activate one."""
    partner = partner or Partner()
    errors: dict[str, list[str]] = {}
    before = {"name": partner.name, "kind": partner.kind, "is_active": partner.is_active}
    if name is not None or partner.pk is None:
        partner.name = _clean_name(name, 150, errors)
    if kind is not None or partner.pk is None:
        if kind not in Partner.Kind.values:
            errors["kind"] = [_("Kies een soort.")]
        else:
            partner.kind = kind
    if is_active is not None:
        partner.is_active = bool(is_active)
    if "name" not in errors and Partner.objects.exclude(pk=partner.pk).filter(
            name__iexact=partner.name).exists():
        errors["name"] = [_("Er is al een partner met deze naam.")]
    if errors:
        raise ValidationError(errors)
    created = partner.pk is None
    partner.save()
    after = {"name": partner.name, "kind": partner.kind, "is_active": partner.is_active}
    audit.audit_record(action=audit.Action.CREATE if created else audit.Action.UPDATE,
                       actor=actor.user, ip=actor.ip, obj=partner,
                       fields=[] if created else audit.changed_fields(before, after))
    return partner
