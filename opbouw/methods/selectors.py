"""Reads of the methods toolbox: search with facets, the matrix, overlap and gaps."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from opbouw.access.principal import Principal
from opbouw.access.shortcuts import get_visible_or_404
from opbouw.areas.models import Area
from opbouw.areas.tree import overlap_q
from opbouw.core.text import parse_int
from opbouw.methods import scopes
from opbouw.methods.models import (
    EvidenceLevel,
    Intervention,
    Offer,
    Rung,
    Theme,
)

FACETS = ("trede", "thema", "doelgroep", "soort", "erkenning")


def _published(principal: Principal) -> QuerySet:
    return scopes.interventions(principal).filter(status=Intervention.Status.PUBLISHED)


def intervention_search(principal: Principal, *, query: str = "", rung: str = "",
                        theme: str = "", target: str = "", kind: str = "",
                        evidence: str = "", include_drafts: bool = False) -> dict:
    """Interventions matching words in name, summary or description, and the facets' counts.

    Plain icontains on every word, which works the same on SQLite and PostgreSQL.
    """
    qs = scopes.interventions(principal) if include_drafts else _published(principal)
    for word in query.split()[:8]:
        qs = qs.filter(Q(name__icontains=word) | Q(summary__icontains=word)
                       | Q(description__icontains=word))
    if parse_int(rung, max_digits=2) is not None:
        qs = qs.filter(rungs__number=parse_int(rung, max_digits=2))
    if theme:
        qs = qs.filter(themes__code=theme)
    if target in Intervention.Target.values:
        qs = qs.filter(target__in=[target, Intervention.Target.BOTH])
    if kind in Intervention.Kind.values:
        qs = qs.filter(kind=kind)
    if evidence:
        qs = qs.filter(evidence_level__code=evidence)
    qs = qs.distinct()
    ids = list(qs.values_list("pk", flat=True))
    base = Intervention.objects.filter(pk__in=ids)
    facets = {
        "rungs": [(r.number, r.name, r.n) for r in Rung.objects.annotate(
            n=Count("interventions", filter=Q(interventions__in=ids)))],
        "themes": [(t.code, t.name, t.n) for t in Theme.objects.annotate(
            n=Count("interventions", filter=Q(interventions__in=ids)))],
        "kinds": [(k, label, base.filter(kind=k).count()) for k, label in
                  Intervention.Kind.choices],
        "targets": [(t, label, base.filter(target__in=[t, "both"]).count())
                    for t, label in Intervention.Target.choices if t != "both"],
        "evidence": [(e.code, e.name, base.filter(evidence_level=e).count())
                     for e in EvidenceLevel.objects.all()],
    }
    results = qs.select_related("owner", "evidence_level").prefetch_related("rungs", "themes")
    return {"results": results.order_by("name"), "facets": facets, "count": len(ids)}


def intervention_get(principal: Principal, pk: int) -> Intervention:
    qs = scopes.interventions(principal).select_related("owner", "evidence_level")
    qs = qs.prefetch_related("aims", "rungs", "themes", "target_groups", "functions",
                             "competencies", "examples__area",
                             Prefetch("offers", queryset=Offer.objects.select_related(
                                 "organisation").prefetch_related("areas")))
    return get_visible_or_404(qs, pk=pk)


def offers_in(principal: Principal, *, organisation_id: int | None = None,
              area: Area | None = None, year: int | None = None) -> QuerySet:
    """Offers of published interventions, in an area (its own, containing or contained
    areas), by an organisation, active in a year."""
    qs = scopes.offers(principal).filter(intervention__status=Intervention.Status.PUBLISHED)
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    if area is not None:
        qs = qs.filter(overlap_q([area.path], "areas"))
    if year:
        qs = qs.filter(starts_on__lte=dt.date(year, 12, 31)).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=dt.date(year, 1, 1)))
    return qs.distinct()


def matrix(principal: Principal, *, organisation_id: int | None = None,
           area: Area | None = None, year: int | None = None) -> dict:
    """The seed's table: rungs (grouped by metaphor) x themes x group/individual.

    Without filters every published intervention is placed; with filters only those with a
    matching offer.
    """
    filtered = bool(organisation_id or area or year)
    interventions = _published(principal)
    if filtered:
        offered = offers_in(principal, organisation_id=organisation_id, area=area, year=year)
        interventions = interventions.filter(pk__in=offered.values("intervention_id"))
    interventions = interventions.prefetch_related("rungs", "themes").order_by("name")
    themes = list(Theme.objects.all())
    columns = [(theme, target) for theme in themes for target in ("group", "individual")]
    cells: dict[tuple, list] = defaultdict(list)
    for item in interventions:
        targets = ["group", "individual"] if item.target == "both" else [item.target]
        for rung in item.rungs.all():
            for theme in item.themes.all():
                for target in targets:
                    cells[(rung.number, theme.code, target)].append(item)
    groups = []
    for value, label in Rung.Group.choices:
        rows = [{"rung": r, "cells": [cells.get((r.number, t.code, target), [])
                                      for t, target in columns]}
                for r in Rung.objects.filter(group=value)]
        groups.append({"label": label, "rows": rows})
    return {"groups": groups, "themes": themes, "columns": columns,
            "count": len(interventions), "filtered": filtered}


def overlap_and_gaps(principal: Principal, *, area: Area, year: int) -> dict:
    """For one area and year:

    - overlap: an intervention offered by two or more organisations there;
    - complement: an intervention offered there by exactly one organisation;
    - gaps: cells of the matrix (rung x theme x group/individual) with no offer there.
    """
    offers = list(offers_in(principal, area=area, year=year).select_related(
        "organisation", "intervention").prefetch_related("areas", "intervention__rungs",
                                                         "intervention__themes"))
    by_intervention: dict[int, list[Offer]] = defaultdict(list)
    for offer in offers:
        by_intervention[offer.intervention_id].append(offer)
    overlap: list[dict[str, Any]] = []
    complement: list[dict[str, Any]] = []
    for items in by_intervention.values():
        organisations = {o.organisation for o in items}
        entry = {"intervention": items[0].intervention, "offers": items,
                 "organisations": sorted(organisations, key=lambda o: o.name)}
        (overlap if len(organisations) > 1 else complement).append(entry)
    grid = matrix(principal, area=area, year=year)
    gaps = []
    for group in grid["groups"]:
        for row in group["rows"]:
            for (theme, target), cell in zip(grid["columns"], row["cells"], strict=True):
                if not cell:
                    gaps.append({"rung": row["rung"], "theme": theme, "target": target})
    key = lambda e: e["intervention"].name  # noqa: E731
    return {"overlap": sorted(overlap, key=key), "complement": sorted(complement, key=key),
            "gaps": gaps, "offer_count": len(offers)}


def reference_terms() -> dict:
    from opbouw.methods.models import Aim, Function, TargetGroup

    return {"rungs": Rung.objects.all(), "themes": Theme.objects.all(),
            "aims": Aim.objects.all(), "functions": Function.objects.all(),
            "target_groups": TargetGroup.objects.all(),
            "evidence_levels": EvidenceLevel.objects.all()}


def export_rows(principal: Principal) -> list[dict]:
    """Published interventions as plain data, for JSON, CSV and the booklet."""
    qs = _published(principal).select_related("owner", "evidence_level").prefetch_related(
        "aims", "rungs", "themes", "target_groups", "functions", "offers__organisation",
        "offers__areas").order_by("name")
    rows = []
    for i in qs:
        rows.append({
            "name": i.name, "kind": i.kind, "summary": i.summary, "description": i.description,
            "rungs": [r.number for r in i.rungs.all()],
            "themes": [t.code for t in i.themes.all()],
            "target": i.target,
            "aims": [a.code for a in i.aims.all()],
            "target_groups": [t.code for t in i.target_groups.all()],
            "functions": [f.code for f in i.functions.all()],
            "evidence_level": i.evidence_level.code if i.evidence_level else None,
            "evidence_source": i.evidence_source, "instruments": i.instruments,
            "owner": i.owner.short_name, "contact": i.contact,
            "offers": [{"organisation": o.organisation.short_name,
                        "areas": [a.code for a in o.areas.all()],
                        "starts_on": o.starts_on.isoformat(),
                        "ends_on": o.ends_on.isoformat() if o.ends_on else None}
                       for o in i.offers.all()],
        })
    return rows
