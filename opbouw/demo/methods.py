"""Demo data for the methods toolbox: the interventions of the seed's table and who offers
them where, so that the matrix fills and overlap and gaps show."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.apps import apps as django_apps
from django.utils import timezone

from opbouw.areas.models import Area
from opbouw.competences.frameworks import ensure_shipped_framework
from opbouw.competences.models import Competency
from opbouw.methods.models import (
    Aim,
    EvidenceLevel,
    Function,
    Intervention,
    Offer,
    PracticeExample,
    Rung,
    TargetGroup,
    Theme,
)
from opbouw.methods.reference import load_reference
from opbouw.organisations.models import Organisation

DATA = Path(__file__).resolve().parent.parent / "methods" / "data" / "demo_interventions.json"


def _competencies() -> dict[str, Competency]:
    """The SCW profile's competencies by code: what each intervention needs (its data's
    ``competencies``, chosen per method for the demo)."""
    return {c.code: c for c in ensure_shipped_framework().competencies.all()}


def load() -> dict:
    load_reference(django_apps.get_model)  # a flushed test database has lost the migration's
    items = json.loads(DATA.read_text(encoding="utf-8"))
    orgs = {o.short_name: o for o in Organisation.objects.filter(kind="provider")}
    districts = {a.name: a for a in Area.objects.filter(level=Area.Level.DISTRICT)}
    neighbourhoods = {a.name: a for a in Area.objects.filter(level=Area.Level.NEIGHBOURHOOD)}
    rungs = {r.number: r for r in Rung.objects.all()}
    lookups = {name: {t.code: t for t in model.objects.all()} for name, model in (
        ("aims", Aim), ("themes", Theme), ("target_groups", TargetGroup),
        ("functions", Function))}
    evidence = {e.code: e for e in EvidenceLevel.objects.all()}
    competencies = _competencies()
    start = dt.date(timezone.localdate().year - 1, 1, 1)
    offers = 0
    for item in items:
        intervention = Intervention.objects.create(
            name=item["name"], kind=item["kind"], summary=item["summary"],
            description=item["description"], target=item["target"],
            evidence_level=evidence.get(item.get("evidence_level") or ""),
            evidence_source=item.get("evidence_source", ""),
            instruments=item.get("instruments", ""), owner=orgs[item["owner"]],
            status=item.get("status", "published"))
        intervention.rungs.set([rungs[n] for n in item["rungs"]])
        for name, table in lookups.items():
            getattr(intervention, name).set([table[c] for c in item.get(name, []) if c in table])
        intervention.competencies.set([competencies[c] for c in item.get("competencies", [])
                                       if c in competencies])
        for example in item.get("examples", []):
            PracticeExample.objects.create(
                intervention=intervention, area=neighbourhoods.get(example.get("area")),
                period=example.get("period", ""), results=example["results"],
                lessons=example.get("lessons", ""))
        for offer in item.get("offers", []):
            org = orgs.get(offer["organisation"])
            areas = [districts[d] for d in offer.get("districts", []) if d in districts]
            if org is None or not areas:
                continue
            created = Offer.objects.create(organisation=org, intervention=intervention,
                                           starts_on=start)
            created.areas.set(areas)
            offers += 1
    return {"interventions": len(items), "offers": offers}
