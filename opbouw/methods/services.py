"""Writes of the methods toolbox: interventions, publication, offers, examples, terms."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opbouw.access.actor import NOBODY, Actor
from opbouw.core import audit
from opbouw.core.text import has_control_characters, parse_int
from opbouw.methods.models import (
    Aim,
    EvidenceLevel,
    Function,
    Intervention,
    Offer,
    PracticeExample,
    TargetGroup,
    Theme,
)

# The reference lists analysts maintain, by the name used in forms.
VOCABULARIES: dict[str, type[Theme | Aim | Function | TargetGroup | EvidenceLevel]] = {
    "themes": Theme, "aims": Aim, "functions": Function, "target_groups": TargetGroup,
    "evidence_levels": EvidenceLevel}

M2M = ("aims", "rungs", "themes", "target_groups", "functions", "competencies")


@transaction.atomic
def intervention_save(*, actor: Actor, intervention: Intervention | None = None,
                      **values: Any) -> Intervention:
    """Create or change an intervention; every intervention needs a name, kind and rung."""
    relations = {name: list(values.pop(name, []) or []) for name in M2M}
    if not relations["rungs"]:
        raise ValidationError({"rungs": [_("Kies minstens één trede van de Wmo-ladder.")]})
    created = intervention is None
    intervention = intervention or Intervention(proposed_by=actor.user)
    for name, value in values.items():
        setattr(intervention, name, value)
    intervention.full_clean(exclude=["proposed_by"])
    intervention.save()
    for name, items in relations.items():
        getattr(intervention, name).set(items)
    audit.audit_record(action=audit.Action.CREATE if created else audit.Action.UPDATE,
                       actor=actor.user, ip=actor.ip, obj=intervention)
    return intervention


@transaction.atomic
def intervention_publish(*, actor: Actor, intervention: Intervention,
                         publish: bool = True) -> Intervention:
    intervention.status = (Intervention.Status.PUBLISHED if publish
                           else Intervention.Status.DRAFT)
    intervention.save(update_fields=["status", "updated_at"])
    audit.audit_record(action=audit.Action.UPDATE, actor=actor.user, ip=actor.ip,
                       obj=intervention, fields=["status"])
    return intervention


@transaction.atomic
def offer_save(*, actor: Actor, organisation: Any, intervention: Intervention, areas: list,
               starts_on: dt.date, ends_on: dt.date | None = None) -> Offer:
    if not areas:
        raise ValidationError({"areas": [_("Kies minstens één gebied.")]})
    if ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": [_("De einddatum ligt voor de begindatum.")]})
    offer = Offer.objects.create(organisation=organisation, intervention=intervention,
                                 starts_on=starts_on, ends_on=ends_on)
    offer.areas.set(areas)
    audit.audit_record(action=audit.Action.CREATE, actor=actor.user, ip=actor.ip, obj=offer)
    return offer


@transaction.atomic
def offer_delete(*, actor: Actor, offer: Offer) -> None:
    audit.audit_record(action=audit.Action.DELETE, actor=actor.user, ip=actor.ip, obj=offer)
    offer.delete()


@transaction.atomic
def example_add(*, actor: Actor, intervention: Intervention,
                **values: Any) -> PracticeExample:
    example = PracticeExample(intervention=intervention, **values)
    example.full_clean()
    example.save()
    audit.audit_record(action=audit.Action.CREATE, actor=actor.user, ip=actor.ip, obj=example)
    return example


@transaction.atomic
def term_save(*, actor: Actor, vocabulary: str, code: str, name: str) -> Any:
    """Add a term to a reference list, or rename the term with that code (for the Wmo
    ladder: rename rung 1-6; the ladder itself has six rungs)."""
    if vocabulary == "rungs":
        from opbouw.methods.models import Rung

        number = parse_int(code, max_digits=2)
        rung = Rung.objects.filter(number=number).first() if number is not None else None
        if rung is None:
            raise ValidationError({"code": [_("Kies een trede van 1 tot en met 6.")]})
        rung.name = name
        rung.full_clean()
        rung.save()
        audit.audit_record(action=audit.Action.UPDATE, actor=actor.user, ip=actor.ip, obj=rung)
        return rung
    model = VOCABULARIES.get(vocabulary)
    if model is None:
        raise ValidationError({"lijst": [_("Kies een lijst.")]})
    term = model.objects.filter(code=code).first() or model(code=code)
    term.name = name
    term.full_clean()
    term.save()
    audit.audit_record(action=audit.Action.UPDATE, actor=actor.user, ip=actor.ip, obj=term)
    return term


def interventions_import(*, data: Any, actor: Actor = NOBODY) -> list[str]:
    """Create interventions from the JSON export format; with any problem, write nothing.

    Returns the problems found (item number, field, reason); an empty list means imported.
    """
    try:
        return _interventions_import(data=data, actor=actor)
    except (AttributeError, KeyError, TypeError, ValueError) as exc:  # a value of a wrong shape
        return [_("bestand: onverwachte opbouw (%(e)s); er is niets geïmporteerd")
                % {"e": exc}]


@transaction.atomic
def _interventions_import(*, data: Any, actor: Actor = NOBODY) -> list[str]:
    from opbouw.areas.models import Area
    from opbouw.methods.models import Rung
    from opbouw.organisations.models import Organisation

    if not isinstance(data, dict) or not isinstance(data.get("interventions"), list):
        return [_("bestand: verwacht {\"interventions\": [...]}, zoals de export")]
    lookups: dict[str, dict[Any, Any]] = {name: {t.code: t for t in model.objects.all()}
                                          for name, model in VOCABULARIES.items()}
    rungs = {r.number: r for r in Rung.objects.all()}
    owners = {o.short_name: o for o in Organisation.objects.filter(kind="provider")}
    areas = {a.code: a for a in Area.objects.all()}
    problems: list[str] = []
    prepared = []
    for number, item in enumerate(data["interventions"], start=1):
        where = _("interventie %(n)s") % {"n": number}
        if not isinstance(item, dict):
            problems.append(f"{where}: " + _("verwacht een object"))
            continue
        for field in ("name", "kind", "summary", "target"):
            value = item.get(field)
            if not isinstance(value, str) or not value.strip():
                problems.append(f"{where}, {field}: " + _("mag niet leeg zijn"))
            elif has_control_characters(value):
                problems.append(f"{where}, {field}: " + _("bevat tekens die niet in tekst horen"))
        for number_, offer in enumerate(item.get("offers") or [], start=1):
            if (not isinstance(offer, dict) or offer.get("organisation") not in owners
                    or not offer.get("areas")
                    or any(c not in areas for c in offer.get("areas") or [])):
                problems.append(f"{where}, offers {number_}: " + _(
                    "onbekende organisatie of onbekend gebied"))
            else:
                try:
                    dt.date.fromisoformat(str(offer.get("starts_on")))
                except ValueError:
                    problems.append(f"{where}, offers {number_}: " + _(
                        "starts_on moet een datum zijn (JJJJ-MM-DD)"))
        unknown_rungs = [n for n in item.get("rungs") or [] if n not in rungs]
        if not item.get("rungs") or unknown_rungs:
            problems.append(f"{where}, rungs: " + _("onbekende of geen trede: %(r)s")
                            % {"r": unknown_rungs or "-"})
        for field, table in (("themes", "themes"), ("aims", "aims"),
                             ("target_groups", "target_groups"), ("functions", "functions")):
            wrong = [c for c in item.get(field) or [] if c not in lookups[table]]
            if wrong:
                problems.append(f"{where}, {field}: " + _("onbekend: %(c)s")
                                % {"c": ", ".join(map(str, wrong))})
        if item.get("evidence_level") and item["evidence_level"] not in lookups[
                "evidence_levels"]:
            problems.append(f"{where}, evidence_level: " + _("onbekend"))
        if item.get("owner") not in owners:
            problems.append(f"{where}, owner: " + _("onbekende organisatie"))
        prepared.append(item)
    if problems:
        return problems
    for number, item in enumerate(prepared, start=1):
        try:
            terms: dict[str, Any] = {f: [lookups[f][c] for c in item.get(f) or []]
                                     for f in ("themes", "aims", "target_groups", "functions")}
            intervention = intervention_save(
                actor=actor, name=item["name"], kind=item["kind"],
                summary=item["summary"], description=item.get("description") or "",
                target=item["target"], owner=owners[item["owner"]],
                evidence_level=lookups["evidence_levels"].get(item.get("evidence_level")),
                evidence_source=item.get("evidence_source") or "",
                instruments=item.get("instruments") or "", contact=item.get("contact") or "",
                status=Intervention.Status.DRAFT,
                rungs=[rungs[n] for n in item["rungs"]], **terms)
        except ValidationError as exc:
            transaction.set_rollback(True)
            return [f"{_('interventie %(n)s') % {'n': number}}: {m}" for m in exc.messages]
        for offer in item.get("offers") or []:
            chosen = [areas[c] for c in offer.get("areas") or [] if c in areas]
            if offer.get("organisation") in owners and chosen:
                offer_save(actor=actor, organisation=owners[offer["organisation"]],
                           intervention=intervention, areas=chosen,
                           starts_on=dt.date.fromisoformat(offer["starts_on"]))
    return []
