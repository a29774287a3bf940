"""Demo data for measurements: baseline and follow-up rounds in several neighbourhoods, with a
real improvement in some and none in others, and one round entered as totals only.

Answers follow a simple model: each respondent has a latent attitude; an item's answer is the
option whose place on the scale matches the attitude plus the neighbourhood's level plus noise.
A follow-up where the work helped shifts the level up; elsewhere it stays. Reverse-scored items
and "lower is better" dimensions (annoyance) are answered the other way round.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal
from typing import Any

from django.apps import apps as django_apps
from django.utils import timezone

from opbouw.areas.models import Area
from opbouw.areas.tree import within_q
from opbouw.measurements.models import (
    Answer,
    DimensionAggregate,
    Instrument,
    Item,
    MeasurementRound,
    Response,
)
from opbouw.measurements.shipped import load_instruments
from opbouw.methods.models import Intervention
from opbouw.organisations.models import Organisation

# provider, neighbourhood, instrument code, change at the follow-up (latent units),
# intervention. The first rows lie in Kralingen-Crooswijk, the demo commissioner's district.
PLAN = [
    ("SONOR", "Oud-Crooswijk", "sociale_samenhang", 1.0, "Dialoogbijeenkomsten"),
    ("SONOR", "Rubroek", "sociale_samenhang", 0.0, ""),
    ("SONOR", "Nieuw-Crooswijk", "contactladder", 0.9, "Ondersteuning van bewonersorganisaties"),
    ("SONOR", "Kralingen-West", "sociaal_vertrouwen", 0.0, "Buurtpreventie"),
    ("DOCK", "Oude Noorden", "contactladder", 1.0, "Straatladder (Mensen Maken de Stad)"),
    ("DOCK", "Afrikaanderwijk", "sociale_samenhang", 0.0, ""),
    ("Delphi", "Spangen", "sociaal_vertrouwen", 0.9, "Bewoners werven en binden"),
    ("Charlois' Welzijn", "Tarwewijk", "sociale_samenhang", 0.8, "Buurtbemiddeling"),
    ("Charlois' Welzijn", "Pendrecht", "contactladder", 0.0, ""),
]
# Respondents per round: a range at city (and national) scale, a fixed number at tiny.
RESPONDENTS = {"tiny": (30, 30), "city": (200, 400), "national": (200, 400)}


def _answer(rng: random.Random, values: list[int], level: float) -> int:
    """The option at the place on the scale that a latent level (logit) points to."""
    place = 1.0 / (1.0 + math.exp(-level))
    return values[min(len(values) - 1, int(place * len(values)))]


def _round_answers(rng: random.Random, items: list[Item], options: dict[int, list[int]],
                   level: float, change: float, count: int) -> list[dict[int, int]]:
    rows = []
    for _respondent in range(count):
        attitude = rng.gauss(0, 1)
        answers = {}
        for item in items:
            dimension = item.dimension
            wished = dimension is not None and dimension.code.endswith("_gewenst")
            # People wish for more contact than they have, and for less annoyance; the work
            # moves what is there towards the wish, not the wish itself.
            base = (level + 0.8 if wished else level + change) + rng.gauss(0, 0.7)
            towards = base + attitude
            if item.reverse_scored or (dimension is not None and not dimension.higher_is_better):
                towards = -towards
            answers[item.pk] = _answer(rng, options[item.scale_id], towards)
        rows.append(answers)
    return rows


def _assignment_for(organisation: Organisation, area: Area, day: dt.date):
    """The provider's assignment covering the area on that day, if the module is there."""
    if not django_apps.is_installed("opbouw.assignments"):
        return None
    from opbouw.assignments.models import Assignment

    return Assignment.objects.filter(
        provider=organisation, areas__code__in=area.path.split("/"), starts_on__lte=day,
        ends_on__gte=day).order_by("pk").first()


def _write_round(rng: random.Random, *, instrument: Instrument, organisation: Organisation,
                 area: Area, held_on: dt.date, kind: str, status: str, level: float,
                 change: float = 0.0, count: int, baseline: MeasurementRound | None = None,
                 intervention: Intervention | None = None) -> tuple[MeasurementRound, int]:
    measurement_round = MeasurementRound.objects.create(
        instrument=instrument, organisation=organisation, area=area, held_on=held_on,
        kind=kind, status=status, baseline=baseline, intervention=intervention,
        assignment=_assignment_for(organisation, area, held_on))
    items = list(Item.objects.filter(instrument=instrument).select_related("dimension"))
    options: dict[int, list[int]] = {}
    for item in items:
        options[item.scale_id] = sorted(item.scale.options.values_list("value", flat=True))
    rows = _round_answers(rng, items, options, level, change, count)
    moment = timezone.make_aware(dt.datetime.combine(held_on, dt.time(10)))
    responses = Response.objects.bulk_create([
        Response(round=measurement_round, number=number, submitted_at=moment,
                 source=Response.Source.DEMO) for number in range(1, count + 1)])
    if responses and responses[0].pk is None:
        ids = dict(measurement_round.responses.values_list("number", "pk"))
        for response in responses:
            response.pk = ids[response.number]
    Answer.objects.bulk_create([
        Answer(response_id=response.pk, item_id=item_id, value=value)
        for response, answers in zip(responses, rows, strict=True)
        for item_id, value in answers.items()], batch_size=5000)
    return measurement_round, count * len(items)


def load(*, rng: random.Random, scale: str) -> dict:
    load_instruments(django_apps.get_model)  # a flushed test database lost the migration's
    instruments = {i.code: i for i in Instrument.objects.filter(
        status=Instrument.Status.ACTIVE)}
    providers = {o.short_name: o for o in Organisation.objects.filter(kind="provider")}
    neighbourhoods = {a.name: a for a in Area.objects.filter(
        within_q(["GM0599"]), level=Area.Level.NEIGHBOURHOOD)}
    interventions = {i.name: i for i in Intervention.objects.filter(status="published")}
    low, high = RESPONDENTS.get(scale, RESPONDENTS["city"])
    today = timezone.localdate()
    baseline_date = dt.date(today.year - 1, 3, 15)
    follow_up_date = today - dt.timedelta(days=14)
    rounds = answers = 0
    for short, name, code, change, intervention in PLAN:
        organisation, area = providers.get(short), neighbourhoods.get(name)
        instrument = instruments.get(code)
        if organisation is None or area is None or instrument is None:
            continue
        level = rng.uniform(-0.4, 0.2)
        common: dict[str, Any] = {"instrument": instrument, "organisation": organisation,
                                  "area": area, "intervention": interventions.get(intervention)}
        baseline, written = _write_round(
            rng, **common, held_on=baseline_date, kind=MeasurementRound.Kind.BASELINE,
            status=MeasurementRound.Status.CLOSED, level=level, count=rng.randint(low, high))
        answers += written
        follow_up, written = _write_round(
            rng, **common, held_on=follow_up_date, kind=MeasurementRound.Kind.FOLLOW_UP,
            status=MeasurementRound.Status.OPEN, level=level, change=change,
            count=rng.randint(low, high), baseline=baseline)
        answers += written
        rounds += 2
        _agree_on(follow_up)
    rounds += _satisfaction_totals(providers, neighbourhoods, instruments, interventions,
                                   today)
    return {"rounds": rounds, "answers": answers}


# The catalogue indicator a follow-up of each instrument feeds, with a modest target.
AGREEMENTS = {
    "sociale_samenhang": ("samenhang-verandering", Decimal("0.30")),
    "contactladder": ("straatladder-verandering", Decimal("10")),
    "sociaal_vertrouwen": ("vertrouwen-buren", Decimal("60")),
}


def _agree_on(follow_up: MeasurementRound) -> None:
    """Give the follow-up's assignment a result agreement that reads this measurement."""
    if follow_up.assignment_id is None or follow_up.instrument.code not in AGREEMENTS:
        return
    from opbouw.assignments.models import Indicator, ResultAgreement

    code, target = AGREEMENTS[follow_up.instrument.code]
    indicator = Indicator.objects.filter(code=code).first()
    assignment = follow_up.assignment
    if (indicator is None or assignment is None
            or assignment.agreements.filter(indicator=indicator).exists()):
        return
    ResultAgreement.objects.create(
        assignment=assignment, indicator=indicator, target=target,
        starts_on=assignment.starts_on, ends_on=assignment.ends_on,
        note="Uit de vervolgmeting in de buurt (demo).")


def _satisfaction_totals(providers, neighbourhoods, instruments, interventions,
                         today: dt.date) -> int:
    """A satisfaction round whose answers stayed in the partner's own system: totals only."""
    organisation = providers.get("SONOR")
    area = neighbourhoods.get("Struisenburg")
    instrument = instruments.get("tevredenheid_baten")
    if organisation is None or area is None or instrument is None:
        return 0
    measurement_round = MeasurementRound.objects.create(
        instrument=instrument, organisation=organisation, area=area,
        group="deelnemers taalcafé", held_on=today - dt.timedelta(days=30),
        kind=MeasurementRound.Kind.BASELINE, status=MeasurementRound.Status.OPEN,
        mode=MeasurementRound.Mode.AGGREGATES, intervention=interventions.get("Taalcafé"))
    dimensions = {d.code: d for d in instrument.dimensions.all()}
    totals = [
        ("tevredenheid", 24, "4.150", "0.620", {}),
        ("baten", 24, "3.700", None, {"1": 0, "2": 2, "3": 7, "4": 11, "5": 4}),
        ("weer_meedoen", 24, "0.875", None, {"0": 3, "1": 21}),
    ]
    DimensionAggregate.objects.bulk_create([
        DimensionAggregate(round=measurement_round, dimension=dimensions[code], n=n,
                           mean=Decimal(mean), sd=Decimal(sd) if sd else None,
                           distribution=distribution)
        for code, n, mean, sd, distribution in totals if code in dimensions])
    return 1
