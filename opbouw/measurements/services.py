"""Writes of measurement rounds, anonymous responses and totals entered by hand.

Every problem is a ValidationError naming its field in Dutch, and nothing is written. Answers
are keyed by item code (the XLSForm field name), so the form, an import and the API speak
the same language.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opbouw.access.actor import Actor
from opbouw.core import audit
from opbouw.core.formats import number_text
from opbouw.core.personal_data import validate_no_personal_data
from opbouw.measurements.models import (
    Answer,
    Dimension,
    DimensionAggregate,
    IndicatorMeasure,
    Instrument,
    Item,
    MeasurementRound,
    Response,
)
from opbouw.measurements.round_rules import (
    check_area,
    check_assignment,
    check_baseline,
    collect_errors,
)

Round = MeasurementRound

# A round is held from 2000 on, and at most a year ahead (planned, not yet held): a date
# outside that is a typing error in the year.
EARLIEST = dt.date(2000, 1, 1)
DAYS_AHEAD = 366


def _check_date(held_on: dt.date) -> None:
    if held_on < EARLIEST:
        raise ValidationError({"held_on": [_("Deze datum ligt te ver terug; controleer het "
                                             "jaar.")]})
    if held_on > timezone.localdate() + dt.timedelta(days=DAYS_AHEAD):
        raise ValidationError({"held_on": [_("Deze datum ligt meer dan een jaar in de "
                                             "toekomst; controleer het jaar.")]})


@transaction.atomic
def round_create(*, actor: Actor, instrument: Instrument, organisation: Any, area: Any,
                 held_on: dt.date, kind: str = Round.Kind.BASELINE, group: str = "",
                 baseline: Round | None = None, intervention: Any = None,
                 assignment: Any = None, mode: str = Round.Mode.RESPONSES) -> Round:
    """Open a measurement round; a follow-up is linked to its matching baseline."""
    if instrument.status != Instrument.Status.ACTIVE:
        raise ValidationError({"instrument": [_("Kies een instrument dat in gebruik is.")]})
    _check_date(held_on)
    group = " ".join((group or "").split())
    try:  # before the baseline is looked up: a group with a name must say so, not "no baseline"
        validate_no_personal_data(group)
    except ValidationError as exc:
        raise ValidationError({"group": exc.messages}) from exc
    errors: dict[str, list[str]] = {}
    collect_errors(errors, check_area, organisation, area, assignment)
    baseline = collect_errors(errors, check_baseline, kind=kind, baseline=baseline,
                        instrument=instrument, area=area, group=group, held_on=held_on,
                        organisation=organisation)
    collect_errors(errors, check_assignment, assignment, organisation, area)
    if errors:
        raise ValidationError(errors)
    measurement_round = Round(instrument=instrument, organisation=organisation, area=area,
                              held_on=held_on, kind=kind, group=group, baseline=baseline,
                              intervention=intervention, assignment=assignment, mode=mode,
                              created_by=actor.user)
    measurement_round.full_clean(exclude=["created_by"])
    measurement_round.save()
    audit.audit_record(action=audit.Action.CREATE, actor=actor.user, ip=actor.ip,
                       obj=measurement_round)
    return measurement_round


@transaction.atomic
def round_update(*, actor: Actor, measurement_round: Round, held_on: dt.date, status: str,
                 intervention: Any = None, assignment: Any = None) -> Round:
    """Change date, status (open or closed), intervention and assignment; what was measured
    where (instrument, area, group, kind) stays, or the answers would lose their meaning."""
    r = measurement_round
    _check_date(held_on)
    if r.baseline is not None and r.baseline.held_on >= held_on:
        raise ValidationError({"held_on": [_("De vervolgmeting moet na de nulmeting vallen "
                                             "(%(date)s).") % {
                                                 "date": date_format(r.baseline.held_on,
                                                                     "j F Y")}]})
    if r.follow_ups.filter(held_on__lte=held_on).exists():
        raise ValidationError({"held_on": [_("Er is een vervolgmeting op of voor deze datum; "
                                             "een nulmeting moet eerder vallen.")]})
    check_assignment(assignment, r.organisation, r.area)
    r.held_on, r.status, r.intervention, r.assignment = held_on, status, intervention, assignment
    r.full_clean(exclude=["created_by"])
    r.save()
    audit.audit_record(action=audit.Action.UPDATE, actor=actor.user, ip=actor.ip, obj=r,
                       fields=["held_on", "status", "intervention", "assignment"])
    return r


def _check_open(measurement_round: Round, mode: str) -> None:
    if not measurement_round.is_open:
        raise ValidationError({NON_FIELD_ERRORS: [_("Deze meetronde is gesloten; er kan niets "
                                                    "meer bij.")]})
    if measurement_round.mode != mode:
        raise ValidationError({NON_FIELD_ERRORS: [
            _("In deze meetronde worden alleen totalen ingevoerd.")
            if mode == Round.Mode.RESPONSES
            else _("In deze meetronde worden antwoorden per respondent ingevoerd.")]})


def round_items(measurement_round: Round) -> list[Item]:
    return list(measurement_round.instrument.items.select_related("scale").prefetch_related(
        "scale__options"))


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):  # spreadsheets give 3.0 for 3
        return int(value) if math.isfinite(value) and value == int(value) else None
    text = str(value).strip() if value is not None else ""
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("-")
    if digits.isascii() and digits.isdigit() and len(digits) <= 6:
        return sign * int(digits)
    return None


def validate_answers(items: Sequence[Item], answers: Mapping[str, Any]) -> dict[Item, int]:
    """Answers by item code, checked against the scales: {item: value}, or a ValidationError
    per item (not on the scale, a required item left empty, an unknown item)."""
    by_code = {i.code: i for i in items}
    errors: dict[str, list[str]] = {}
    unknown = [code for code in answers if code not in by_code]
    if unknown:
        errors[NON_FIELD_ERRORS] = [_("Onbekende vraag: %(codes)s.")
                                    % {"codes": ", ".join(map(str, unknown[:5]))}]
    cleaned: dict[Item, int] = {}
    for item in items:
        raw = answers.get(item.code)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if item.required:
                errors[item.code] = [_("Beantwoord deze vraag.")]
            continue
        value = _as_int(raw)
        allowed = [o.value for o in item.scale.options.all()]
        if value is None or value not in allowed:
            errors[item.code] = [_("Het antwoord %(value)s staat niet op de schaal; kies uit "
                                   "%(allowed)s.") % {"value": str(raw)[:20],
                                                     "allowed": ", ".join(map(str, allowed))}]
            continue
        cleaned[item] = value
    if errors:
        raise ValidationError(errors)
    if not cleaned:
        raise ValidationError({NON_FIELD_ERRORS: [_("Er is geen enkele vraag beantwoord.")]})
    return cleaned


def _next_number(measurement_round: Round) -> int:
    # Lock the round so two workers entering at once do not get the same number.
    Round.objects.select_for_update().filter(pk=measurement_round.pk).first()
    latest = measurement_round.responses.aggregate(n=Max("number"))["n"]
    return (latest or 0) + 1


@transaction.atomic
def response_add(*, actor: Actor, measurement_round: Round, answers: Mapping[str, Any],
                 source: str = Response.Source.FORM, submission_id: str = "",
                 submitted_at: dt.datetime | None = None) -> Response:
    """Add one anonymous respondent's answers to an open round."""
    _check_open(measurement_round, Round.Mode.RESPONSES)
    cleaned = validate_answers(round_items(measurement_round), answers)
    submission_id = (submission_id or "").strip()
    if submission_id and measurement_round.responses.filter(
            submission_id=submission_id).exists():
        raise ValidationError({"submission_id": [_("Deze inzending is al ingevoerd.")]})
    response = Response.objects.create(
        round=measurement_round, number=_next_number(measurement_round),
        submitted_at=submitted_at or timezone.now(), submission_id=submission_id,
        source=source, entered_by=actor.user)
    Answer.objects.bulk_create([Answer(response=response, item=item, value=value)
                                for item, value in cleaned.items()])
    audit.audit_record(action=audit.Action.CREATE, actor=actor.user, ip=actor.ip, obj=response)
    return response


@transaction.atomic
def responses_add(*, actor: Actor, measurement_round: Round, rows: Sequence[Mapping[str, Any]],
                  source: str = Response.Source.IMPORT) -> dict[str, int]:
    """Add many respondents at once (an import); with any problem, nothing is written.

    Each row: {"answers": {item code: value}, "submission_id": str (optional),
    "submitted_at": datetime (optional)}. A row whose submission id the round already holds,
    or that repeats an earlier row's, is skipped: importing a file twice adds nothing twice.
    Problems come as one message per row and item: "Rij 3, sc_2: ...".
    """
    _check_open(measurement_round, Round.Mode.RESPONSES)
    items = round_items(measurement_round)
    seen = set(measurement_round.responses.exclude(submission_id="").values_list(
        "submission_id", flat=True))
    problems: list[str] = []
    prepared = []
    skipped = 0
    for number, row in enumerate(rows, start=1):
        submission_id = str(row.get("submission_id") or "").strip()[:100]
        if submission_id and submission_id in seen:
            skipped += 1
            continue
        try:
            cleaned = validate_answers(items, row.get("answers") or {})
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                where = "" if field == NON_FIELD_ERRORS else f", {field}"
                problems += [_("Rij %(n)s%(where)s: %(m)s") % {"n": number, "where": where,
                                                              "m": m} for m in messages]
            continue
        if submission_id:
            seen.add(submission_id)
        prepared.append((submission_id, row.get("submitted_at"), cleaned))
    if problems:
        raise ValidationError(problems)
    first = _next_number(measurement_round)
    now = timezone.now()
    responses = Response.objects.bulk_create([
        Response(round=measurement_round, number=first + i, submission_id=sid,
                 submitted_at=at or now, source=source,
                 entered_by=actor.user)
        for i, (sid, at, _cleaned) in enumerate(prepared)])
    if responses and responses[0].pk is None:  # a database that returns no ids
        ids = dict(measurement_round.responses.filter(number__gte=first).values_list(
            "number", "pk"))
        for response in responses:
            response.pk = ids[response.number]
    Answer.objects.bulk_create([
        Answer(response=response, item=item, value=value)
        for response, (_sid, _at, cleaned) in zip(responses, prepared, strict=True)
        for item, value in cleaned.items()], batch_size=2000)
    if responses:
        audit.audit_record(action=audit.Action.CREATE, actor=actor.user, ip=actor.ip,
                           obj=measurement_round, detail=f"{len(responses)} responsen ({source})")
    return {"added": len(responses), "skipped": skipped}


def _decimal(value: Any, field: str, message: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: [message]}) from exc
    if not number.is_finite() or abs(number) >= 10000:
        raise ValidationError({field: [message]})
    return number


def dimension_scale(items: Sequence[Item]) -> Any:
    """The one answer scale all items of a dimension share, or None."""
    scales = {i.scale_id: i.scale for i in items}
    return next(iter(scales.values())) if len(scales) == 1 else None


def _check_distribution(items: list[Item], n: int, mean: Decimal,
                        distribution: Mapping[Any, Any]) -> dict[str, int]:
    """Counts of respondents per score: for one item its answers (reversed if the item is),
    for several items each respondent's mean score rounded to an answer value."""
    scale = dimension_scale(items)
    if scale is None:
        raise ValidationError({"distribution": [_(
            "Een verdeling kan alleen als alle vragen van de dimensie dezelfde "
            "antwoordschaal hebben.")]})
    allowed = {o.value for o in scale.options.all()}
    counts: dict[str, int] = {}
    for value, count in distribution.items():
        key, number = _as_int(value), _as_int(count)
        if key is None or key not in allowed:
            raise ValidationError({"distribution": [_("De score %(v)s staat niet op de "
                                                      "schaal.") % {"v": str(value)[:20]}]})
        if number is None or number < 0:
            raise ValidationError({"distribution": [_("Aantallen per score zijn hele "
                                                      "getallen van 0 of meer.")]})
        counts[str(key)] = number
    if sum(counts.values()) != n:
        raise ValidationError({"distribution": [_(
            "De aantallen per score tellen op tot %(sum)s, niet tot het aantal "
            "respondenten (%(n)s).") % {"sum": number_text(sum(counts.values())),
                                             "n": number_text(n)}]})
    implied = sum(int(v) * c for v, c in counts.items()) / n
    # One item: the mean follows exactly; several: rounding the scores moves it at most 0.5.
    tolerance = Decimal("0.01") if len(items) == 1 else Decimal("0.5")
    if abs(Decimal(str(implied)) - mean) > tolerance:
        raise ValidationError({"mean": [_(
            "Het gemiddelde past niet bij de verdeling: die geeft %(m)s.")
            % {"m": number_text(implied, 2)}]})
    return counts


@transaction.atomic
def aggregate_save(*, actor: Actor, measurement_round: Round, dimension: Dimension, n: Any,
                   mean: Any, sd: Any = None,
                   distribution: Mapping[Any, Any] | None = None) -> DimensionAggregate:
    """Enter (or replace) the totals of one dimension when the raw answers stay elsewhere."""
    _check_open(measurement_round, Round.Mode.AGGREGATES)
    if dimension.instrument_id != measurement_round.instrument_id:
        raise ValidationError({"dimension": [_("Deze dimensie hoort niet bij het instrument "
                                               "van de meetronde.")]})
    count = _as_int(n)
    if count is None or count < 1:
        raise ValidationError({"n": [_("Het aantal respondenten is een heel getal van 1 of "
                                       "meer.")]})
    low, high = dimension.result_min, dimension.result_max
    range_text = {"low": f"{low.normalize():f}", "high": f"{high.normalize():f}"}
    mean_value = _decimal(mean, "mean", _("Vul het gemiddelde in als getal, bijvoorbeeld 3,4."))
    if mean_value is None:
        raise ValidationError({"mean": [_("Vul het gemiddelde in.")]})
    if not low <= mean_value <= high:
        raise ValidationError({"mean": [_("Het gemiddelde moet tussen %(low)s en %(high)s "
                                          "liggen.") % range_text]})
    sd_value = _decimal(sd, "sd", _("Vul de standaardafwijking in als getal."))
    if sd_value is not None and not 0 <= sd_value <= high - low:
        raise ValidationError({"sd": [_("De standaardafwijking ligt tussen 0 en %(max)s.")
                                      % {"max": f"{(high - low).normalize():f}"}]})
    counts = {}
    if distribution:
        items = [i for i in round_items(measurement_round) if i.dimension_id == dimension.pk]
        counts = _check_distribution(items, count, mean_value, distribution)
    aggregate, created = DimensionAggregate.objects.update_or_create(
        round=measurement_round, dimension=dimension,
        defaults={"n": count, "mean": mean_value.quantize(Decimal("0.001")),
                  "sd": sd_value.quantize(Decimal("0.001")) if sd_value is not None else None,
                  "distribution": counts})
    audit.audit_record(action=audit.Action.CREATE if created else audit.Action.UPDATE,
                       actor=actor.user, ip=actor.ip, obj=aggregate,
                       fields=["n", "mean", "sd", "distribution"])
    return aggregate


@dataclass(frozen=True)
class Totals:
    """The totals of one dimension as typed: n, mean, sd and the counts per score."""

    dimension: Dimension
    n: Any
    mean: Any
    sd: Any = None
    distribution: Mapping[Any, Any] | None = None


class TotalsRefused(Exception):
    """Some dimensions' totals were refused, so none were saved; the errors per dimension pk."""

    def __init__(self, errors: dict[int, ValidationError]) -> None:
        super().__init__(errors)
        self.errors = errors


@transaction.atomic
def aggregates_save(*, actor: Actor, measurement_round: Round,
                    totals: Sequence[Totals]) -> list[DimensionAggregate]:
    """Enter the totals of several dimensions together: all of them or, with any refused,
    none (TotalsRefused names the problems of each)."""
    saved, errors = [], {}
    for entry in totals:
        try:
            with transaction.atomic():
                saved.append(aggregate_save(
                    actor=actor, measurement_round=measurement_round, dimension=entry.dimension,
                    n=entry.n, mean=entry.mean, sd=entry.sd, distribution=entry.distribution))
        except ValidationError as exc:
            errors[entry.dimension.pk] = exc
    if errors:
        raise TotalsRefused(errors)  # leaving the atomic block undoes the ones saved
    return saved


@transaction.atomic
def indicator_measure_save(*, actor: Actor, indicator: Any, instrument_code: str,
                           dimension_code: str) -> IndicatorMeasure:
    """Link a measurement indicator to the instrument dimension it reads."""
    if indicator.source != "measurement":
        raise ValidationError({"indicator": [_("Alleen een indicator met als bron een meting "
                                               "leest een meetinstrument.")]})
    if not Dimension.objects.filter(instrument__code=instrument_code,
                                    code=dimension_code).exists():
        raise ValidationError({"dimension_code": [_("Kies een dimensie van een bestaand "
                                                    "meetinstrument.")]})
    measure, created = IndicatorMeasure.objects.update_or_create(
        indicator=indicator, defaults={"instrument_code": instrument_code,
                                       "dimension_code": dimension_code})
    audit.audit_record(action=audit.Action.CREATE if created else audit.Action.UPDATE,
                       actor=actor.user, ip=actor.ip, obj=measure,
                       fields=["instrument_code", "dimension_code"])
    return measure
