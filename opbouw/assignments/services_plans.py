"""Writes of neighbourhood action plans (WAPs), their priorities and the indicator catalogue."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opbouw.access.actor import Actor
from opbouw.areas.tree import lies_within
from opbouw.assignments import indicators as registry
from opbouw.assignments.models import ActionPlan, Domain, Indicator, Priority
from opbouw.assignments.rules import (
    FIRST_YEAR,
    LAST_YEAR,
    commissioner_paths,
    raise_errors,
)
from opbouw.core import audit


@transaction.atomic
def action_plan_save(*, actor: Actor, plan: ActionPlan | None = None, commissioner: Any,
                     area: Any, year: int | None, title: str, summary: str = "") -> ActionPlan:
    """Create or change a WAP: one per area and year, in the commissioner's own areas."""
    from opbouw.organisations.models import Organisation

    errors: dict[str, list] = {}
    if commissioner is None or commissioner.kind != Organisation.Kind.COMMISSIONER:
        errors["commissioner"] = [_("Kies een opdrachtgever.")]
    if area is None:
        errors["area"] = [_("Kies een gebied.")]
    elif "commissioner" not in errors and not lies_within(
            area.path, commissioner_paths(commissioner)):
        errors["area"] = [_("%(area)s ligt buiten het werkgebied van %(org)s.")
                          % {"area": area.name, "org": commissioner}]
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        errors["year"] = [_("Kies een jaar tussen %(a)s en %(b)s.")
                          % {"a": FIRST_YEAR, "b": LAST_YEAR}]
    if not (title or "").strip():
        errors["title"] = [_("Geef het plan een titel.")]
    if area is not None and year is not None and not errors.get("year"):
        duplicate = ActionPlan.objects.filter(area=area, year=year).exclude(
            # pk=None is a valid lookup (matches nothing); the stubs want an int.
            pk=getattr(plan, "pk", None)).first()  # type: ignore[misc]
        if duplicate is not None:
            errors.setdefault("year", []).append(
                _("Voor %(area)s is er al een wijkactieplan voor %(year)s: \"%(title)s\". Vul "
                  "dat plan aan in plaats van een tweede te maken.")
                % {"area": area.name, "year": year, "title": duplicate.title})
    if plan is not None and (plan.area_id != getattr(area, "pk", None) or plan.year != year) \
            and plan.priorities.filter(assignments__isnull=False).exists():
        errors.setdefault("area", []).append(
            _("Opdrachten dienen prioriteiten van dit plan; gebied en jaar kunnen daarom niet "
              "meer veranderen."))
    raise_errors(errors)
    assert year is not None  # a missing year is an error above
    created = plan is None
    plan = plan or ActionPlan()
    plan.commissioner, plan.area, plan.year = commissioner, area, year
    plan.title, plan.summary = title.strip(), (summary or "").strip()
    try:
        plan.full_clean()
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    plan.save()
    audit.audit_record(action=audit.Action.CREATE if created else audit.Action.UPDATE,
                       actor=actor.user, ip=actor.ip, obj=plan)
    return plan


@transaction.atomic
def priority_save(*, actor: Actor, plan: ActionPlan, priority: Priority | None = None,
                  domain: str, title: str, description: str = "") -> Priority:
    """Add a priority to a WAP or change one."""
    errors: dict[str, list] = {}
    if domain not in Domain.values:
        errors["domain"] = [_("Kies een domein uit de lijst.")]
    if not (title or "").strip():
        errors["title"] = [_("Beschrijf de prioriteit in een paar woorden.")]
    raise_errors(errors)
    created = priority is None
    if priority is None:
        last = plan.priorities.aggregate(m=Max("position"))["m"]
        priority = Priority(plan=plan, position=(last or 0) + 1)
    priority.domain, priority.title = domain, title.strip()
    priority.description = (description or "").strip()
    try:
        priority.full_clean()
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    priority.save()
    audit.audit_record(action=audit.Action.CREATE if created else audit.Action.UPDATE,
                       actor=actor.user, ip=actor.ip, obj=priority)
    return priority


@transaction.atomic
def priority_delete(*, actor: Actor, priority: Priority) -> None:
    """Remove a priority no assignment serves."""
    used = priority.assignments.count()
    if used:
        raise ValidationError(
            ngettext("%(n)s opdracht dient deze prioriteit; haal de koppeling daar eerst weg.",
                     "%(n)s opdrachten dienen deze prioriteit; haal de koppeling daar eerst weg.",
                     used) % {"n": used})
    audit.audit_record(action=audit.Action.DELETE, actor=actor.user, ip=actor.ip, obj=priority)
    priority.delete()


# Indicator catalogue ------------------------------------------------------------------------

@transaction.atomic
def indicator_save(*, actor: Actor, indicator: Indicator | None = None, code: str, name: str,
                   definition: str, unit: str, category: str, aggregation: str, source: str,
                   polarity: str, computation: str = "", is_active: bool = True) -> Indicator:
    """Create or change a uniform definition; a code used by agreements stays as it is."""
    code = (code or "").strip().lower()
    computation = (computation or "").strip()
    errors: dict[str, list] = {}
    # pk=None is a valid lookup (matches nothing); the stubs want an int.
    if Indicator.objects.filter(code=code).exclude(
            pk=getattr(indicator, "pk", None)).exists():  # type: ignore[misc]
        errors["code"] = [_("Er is al een indicator met de code %(c)s.") % {"c": code}]
    if indicator is not None and code != indicator.code:
        used = indicator.agreements.count()
        if used:
            errors.setdefault("code", []).append(
                ngettext("%(n)s resultaatafspraak gebruikt deze indicator; de code kan daarom "
                         "niet meer veranderen.",
                         "%(n)s resultaatafspraken gebruiken deze indicator; de code kan daarom "
                         "niet meer veranderen.", used) % {"n": used})
    if source in Indicator.Source.values:
        keys = {c.key for c in registry.computations(source)}
        unchanged = indicator is not None and computation == indicator.computation
        if computation and computation not in keys and not unchanged:
            errors["computation"] = [_("Kies een rekenregel die bij de bron %(s)s hoort.")
                                     % {"s": Indicator.Source(source).label}]
        elif not computation and source in (Indicator.Source.LOGBOOK,
                                             Indicator.Source.SIGNALS):
            errors["computation"] = [_("Een indicator uit het logboek of de signalen heeft een "
                                       "rekenregel nodig.")]
    raise_errors(errors)
    created = indicator is None
    indicator = indicator or Indicator()
    for field, value in {"code": code, "name": (name or "").strip(),
                         "definition": (definition or "").strip(),
                         "unit": (unit or "").strip(), "category": category,
                         "aggregation": aggregation, "source": source, "polarity": polarity,
                         "computation": computation, "is_active": bool(is_active)}.items():
        setattr(indicator, field, value)
    try:
        indicator.full_clean()
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    indicator.save()
    audit.audit_record(action=audit.Action.CREATE if created else audit.Action.UPDATE,
                       actor=actor.user, ip=actor.ip, obj=indicator)
    return indicator
