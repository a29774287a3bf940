"""Demo data for the chain from results to training (``reports/chain.py``): one result lags,
and the chain tells why.

The demo district's running assignment (SONOR in Kralingen-Crooswijk) agrees on supported
residents' initiatives. Those grow out of "Ondersteuning van bewonersorganisaties", which
asks 4R (Vergroot zelforganiserend vermogen) of the worker. On this assignment the workers
rarely use it: most of its entries there go to the other planned interventions, and only
its group activities and meetings support an initiative. Most of the assignment's workers
fall short of the norm in 4R in last autumn's closed competence round, and the catalogue's
"Bewonersinitiatieven versterken" addresses 4R. Entries change intervention, never hours, so
the assignment stays on course in hours. Deterministic, without drawing from the demo's
random stream.
"""

from __future__ import annotations

from decimal import Decimal

from opbouw.assignments.models import Assignment
from opbouw.competences.models import Assessment, AssessmentRound, Rating
from opbouw.competences.selectors import round_norms
from opbouw.logbook.models import ContactForm
from opbouw.methods.models import Intervention
from opbouw.organisations.models import Organisation

INDICATOR = "bewonersinitiatieven"
INTERVENTION = "Ondersteuning van bewonersorganisaties"
COMPETENCY = "4R"
# Of the intervention's entries on the assignment, one in this many keeps it.
KEEP_ONE_IN = 6
# Initiatives per activity the target counts on: about what the intervention gives when it
# is used as often as the other planned ones.
TARGET_SHARE = Decimal("0.07")
# Of the assignment's workers (by user id), one in this many stays at the norm in 4R.
AT_NORM_ONE_IN = 4
INITIATIVE_FORMS = (ContactForm.GROUP, ContactForm.MEETING)


def target(activities: Decimal) -> Decimal:
    """The agreed number of supported initiatives for an activities target."""
    return (activities * TARGET_SHARE).quantize(Decimal(1))


def showcase(ctx, district: str, provider: str) -> Assignment | None:
    """This year's running assignment of a provider (by short name) in a district."""
    district_id = next((pk for pk, d in ctx.districts.items() if d.name == district), None)
    provider_id = Organisation.objects.filter(short_name=provider).values_list(
        "pk", flat=True).first()
    return ctx.assignments.get((district_id, provider_id, ctx.today.year))


def rarely_used(ctx, assignment: Assignment | None, entries: list) -> list:
    """On the showcase assignment, move most entries of the intervention to the other planned
    ones, and let only its group activities and meetings support an initiative."""
    intervention = Intervention.objects.filter(name=INTERVENTION).values_list(
        "pk", flat=True).first()
    if assignment is None or intervention is None:
        return entries
    others = [pk for pk in ctx.interventions.get(assignment.pk, []) if pk != intervention]
    names = dict(Intervention.objects.values_list("pk", "name"))
    seen = 0
    for entry in sorted((e for e in entries if e.assignment_id == assignment.pk),
                        key=lambda e: (e.date, e.worker_id)):
        if entry.intervention_id == intervention and others:
            seen += 1
            if seen % KEEP_ONE_IN:
                moved = others[seen % len(others)]
                prefix = f"{names[intervention]}: "
                if entry.description.startswith(prefix):
                    rest = entry.description.removeprefix(prefix)
                    entry.description = f"{names[moved]}: {rest}"[:500]
                entry.intervention_id = moved
        entry.supports_initiative = (entry.intervention_id == intervention
                                     and entry.contact_form in INITIATIVE_FORMS)
    return entries


def plant_gaps(assignment: Assignment | None, entries: list) -> dict:
    """In the latest closed round, rate most of the showcase's workers of this year one below
    the norm of their level in 4R (self and coach alike), the others at least at it."""
    closed = AssessmentRound.objects.filter(state=AssessmentRound.State.CLOSED).order_by(
        "-ends_on", "-pk").first()
    if assignment is None or closed is None:
        return {"chain_gaps": 0}
    workers = sorted({e.worker_id for e in entries if e.assignment_id == assignment.pk})
    short = {w for i, w in enumerate(workers) if i % AT_NORM_ONE_IN}
    norms = round_norms(closed)
    top = max(closed.framework.scale.values_list("value", flat=True), default=4)
    ratings = list(Rating.objects.filter(
        assessment__round=closed, assessment__worker_id__in=workers,
        assessment__kind__in=[Assessment.Kind.SELF, Assessment.Kind.COACH],
        competency__code=COMPETENCY, competency__framework=closed.framework,
    ).select_related("assessment"))
    for rating in ratings:
        norm = norms.get(rating.competency_id, {}).get(rating.assessment.scw_level)
        if norm is None:
            continue
        if rating.assessment.worker_id in short:
            rating.value = max(1, norm - 1)
        else:
            rating.value = min(top, max(rating.value, norm))
    Rating.objects.bulk_update(ratings, ["value"], batch_size=1000)
    return {"chain_gaps": len(short)}
