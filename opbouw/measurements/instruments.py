"""Writes of instruments: create, change and version them, with their scales, dimensions and
items.

An instrument that a round uses is frozen: every change to it (or to one of its scales,
dimensions or items) is made in a new version, which the service creates first; rounds keep
the version they used. The services return the object as changed, so a caller sees from its
``instrument_id`` whether a new version was made.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from opbouw.access.actor import Actor
from opbouw.core import audit
from opbouw.measurements.exchange import ID_COLUMNS, TIME_COLUMNS
from opbouw.measurements.models import (
    AnswerScale,
    Dimension,
    Instrument,
    Item,
    ScaleOption,
)
from opbouw.measurements.xlsform import INTRO_NOTE, METADATA_FIELDS

# Field names the XLSForm itself uses, or that an export's submission id or time is read
# from: a question so named would break the form (pyxform refuses duplicates) or the import.
RESERVED_CODES = frozenset({*METADATA_FIELDS, INTRO_NOTE, "meta", *ID_COLUMNS, *TIME_COLUMNS})


def instrument_in_use(instrument: Instrument) -> bool:
    """Whether a round uses this version: then it may no longer change."""
    return instrument.rounds.exists()


@transaction.atomic
def instrument_create(*, actor: Actor, code: str, name: str, purpose: str = "",
                      source: str = "") -> Instrument:
    """Start a new instrument as a draft, in version 1."""
    if Instrument.objects.filter(code=code).exists():
        raise ValidationError({"code": [_("Er is al een instrument met deze code.")]})
    instrument = Instrument(code=code, version=1, name=name, purpose=purpose, source=source,
                            status=Instrument.Status.DRAFT)
    instrument.full_clean()
    instrument.save()
    audit.audit_record(action=audit.Action.CREATE, actor=actor.user, ip=actor.ip, obj=instrument)
    return instrument


@transaction.atomic
def instrument_new_version(*, actor: Actor, instrument: Instrument) -> Instrument:
    """Copy an instrument with its scales, dimensions and items as the next version.

    An active instrument hands over: the new version is active and the other versions are
    retired, so new rounds take the new one; rounds keep the version they used.
    """
    latest = Instrument.objects.filter(code=instrument.code).aggregate(v=Max("version"))["v"]
    active = instrument.status == Instrument.Status.ACTIVE
    new = Instrument.objects.create(
        code=instrument.code, version=(latest or 0) + 1, name=instrument.name,
        purpose=instrument.purpose, source=instrument.source, previous=instrument,
        status=Instrument.Status.ACTIVE if active else Instrument.Status.DRAFT)
    if active:
        Instrument.objects.filter(code=instrument.code, status=Instrument.Status.ACTIVE).exclude(
            pk=new.pk).update(status=Instrument.Status.RETIRED)
    scales = {}
    for scale in instrument.scales.prefetch_related("options"):
        scales[scale.pk] = AnswerScale.objects.create(instrument=new, code=scale.code,
                                                      name=scale.name)
        ScaleOption.objects.bulk_create([
            ScaleOption(scale=scales[scale.pk], value=o.value, label=o.label,
                        position=o.position) for o in scale.options.all()])
    dimensions: dict[int | None, Dimension] = {}  # by the old pk; items without one get None
    for dim in instrument.dimensions.all():
        old_pk = dim.pk
        dim.pk, dim.instrument = None, new
        dim.save()
        dimensions[old_pk] = dim
    Item.objects.bulk_create([
        Item(instrument=new, position=i.position, code=i.code, text=i.text, hint=i.hint,
             scale=scales[i.scale_id], reverse_scored=i.reverse_scored,
             dimension=dimensions.get(i.dimension_id), required=i.required)
        for i in instrument.items.all()])
    audit.audit_record(action=audit.Action.CREATE, actor=actor.user, ip=actor.ip, obj=new,
                       detail=f"versie {new.version} van versie {instrument.version}")
    return new


def _editable(*, actor: Actor, instrument: Instrument) -> Instrument:
    """The version to change: the instrument itself, or a new version if a round uses it.

    Only the newest version changes: a change to an older one would start a version without
    the changes made since.
    """
    newest = Instrument.objects.filter(code=instrument.code).aggregate(v=Max("version"))["v"]
    if newest is not None and newest > instrument.version:
        raise ValidationError({NON_FIELD_ERRORS: [_(
            "Dit is versie %(version)s; er is al versie %(newest)s. Wijzig de nieuwste versie, "
            "anders gaan de wijzigingen van die versie verloren.")
            % {"version": instrument.version, "newest": newest}]})
    if instrument_in_use(instrument):
        return instrument_new_version(actor=actor, instrument=instrument)
    return instrument


def _counterpart(obj: Any, instrument: Instrument) -> Any:
    """The scale, dimension or item with the same code in (another version of) instrument."""
    if obj is None or obj.instrument_id == instrument.pk:
        return obj
    return type(obj).objects.get(instrument=instrument, code=obj.code)


@transaction.atomic
def instrument_update(*, actor: Actor, instrument: Instrument, name: str, purpose: str,
                      source: str, status: str) -> Instrument:
    """Change name, purpose, source and status; a used instrument's text changes in a new
    version, its status (e.g. retiring it) in place."""
    if status == Instrument.Status.ACTIVE and not instrument.items.exists():
        raise ValidationError({"status": [_("Een instrument zonder vragen kan niet in gebruik "
                                            "worden genomen.")]})
    changed = (name, purpose, source) != (instrument.name, instrument.purpose, instrument.source)
    target = _editable(actor=actor, instrument=instrument) if changed else instrument
    target.name, target.purpose, target.source, target.status = name, purpose, source, status
    target.full_clean()
    target.save()
    if status == Instrument.Status.ACTIVE:
        Instrument.objects.filter(code=target.code, status=Instrument.Status.ACTIVE).exclude(
            pk=target.pk).update(status=Instrument.Status.RETIRED)
    audit.audit_record(action=audit.Action.UPDATE, actor=actor.user, ip=actor.ip, obj=target,
                       fields=["name", "purpose", "source", "status"])
    return target


def scale_bounds(scale: AnswerScale) -> tuple[int, int] | None:
    values = [o.value for o in scale.options.all()]
    return (min(values), max(values)) if values else None


def _check_fits(dimension: Dimension, scale: AnswerScale, field: str) -> None:
    """The answers of a dimension's items must lie within the dimension's result range."""
    bounds = scale_bounds(scale)
    if bounds and (bounds[0] < dimension.result_min or bounds[1] > dimension.result_max):
        raise ValidationError({field: [_(
            "De antwoordschaal %(scale)s loopt van %(low)s tot %(high)s; dat past niet in "
            "de scores van dimensie %(dim)s (%(min)s tot %(max)s).") % {
            "scale": scale.name, "low": bounds[0], "high": bounds[1], "dim": dimension.name,
            "min": _number(dimension.result_min), "max": _number(dimension.result_max)}]})


def _check_rung(dimension: Dimension, scale: AnswerScale, field: str) -> None:
    """A share at or above a rung needs that rung on the scale of each of its items."""
    threshold = dimension.threshold
    if dimension.rule != Dimension.Rule.SHARE_AT_RUNG or threshold is None:
        return
    if threshold != threshold.to_integral_value() or not scale.options.filter(
            value=int(threshold)).exists():
        raise ValidationError({field: [_(
            "Trede %(t)s staat niet op de antwoordschaal %(scale)s.") % {
            "t": _number(threshold), "scale": scale.name}]})


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


@transaction.atomic
def dimension_save(*, actor: Actor, instrument: Instrument, dimension: Dimension | None = None,
                   code: str, name: str, rule: str, result_min: Decimal, result_max: Decimal,
                   threshold: Decimal | None = None, description: str = "",
                   higher_is_better: bool = True, position: int = 0) -> Dimension:
    """Add or change a dimension and its scoring rule."""
    errors: dict[str, list[str]] = {}
    if result_min >= result_max:
        errors["result_max"] = [_("De hoogste score moet groter zijn dan de laagste.")]
    if rule != Dimension.Rule.MEAN:
        if threshold is None:
            errors["threshold"] = [_("Een aandeel heeft een drempel nodig: vanaf welke score "
                                     "telt iemand mee?")]
        elif not result_min <= threshold <= result_max:
            errors["threshold"] = [_("De drempel moet tussen de laagste en de hoogste score "
                                     "liggen.")]
    if errors:
        raise ValidationError(errors)
    target = _editable(actor=actor, instrument=instrument)
    dimension = _counterpart(dimension, target) or Dimension(instrument=target)
    if Dimension.objects.filter(instrument=target, code=code).exclude(pk=dimension.pk).exists():
        raise ValidationError({"code": [_("Deze code heeft al een andere dimensie.")]})
    values = {"code": code, "name": name, "rule": rule, "result_min": result_min,
              "result_max": result_max, "description": description, "position": position,
              "higher_is_better": higher_is_better,
              "threshold": threshold if rule != Dimension.Rule.MEAN else None}
    for field, value in values.items():
        setattr(dimension, field, value)
    dimension.full_clean()
    dimension.save()
    for item in dimension.items.select_related("scale").prefetch_related("scale__options"):
        _check_fits(dimension, item.scale, "result_min")
    for item in dimension.items.select_related("scale"):
        _check_rung(dimension, item.scale, "threshold")
    audit.audit_record(action=audit.Action.UPDATE, actor=actor.user, ip=actor.ip, obj=dimension,
                       fields=list(values))
    return dimension


@transaction.atomic
def item_save(*, actor: Actor, instrument: Instrument, item: Item | None = None, code: str,
              text: str, scale: AnswerScale, dimension: Dimension | None = None,
              hint: str = "", reverse_scored: bool = False, required: bool = True,
              position: int = 0) -> Item:
    """Add or change a question."""
    if scale.instrument_id != instrument.pk:
        raise ValidationError({"scale": [_("Kies een antwoordschaal van dit instrument.")]})
    if dimension is not None and dimension.instrument_id != instrument.pk:
        raise ValidationError({"dimension": [_("Kies een dimensie van dit instrument.")]})
    if dimension is not None:
        _check_fits(dimension, scale, "scale")
        _check_rung(dimension, scale, "scale")
    if code in RESERVED_CODES:
        raise ValidationError({"code": [_(
            "De veldnaam %(code)s gebruiken ODK en KoboToolbox zelf; kies een andere, "
            "bijvoorbeeld %(code)s_1.") % {"code": code}]})
    target = _editable(actor=actor, instrument=instrument)
    item = _counterpart(item, target) or Item(instrument=target)
    if Item.objects.filter(instrument=target, code=code).exclude(pk=item.pk).exists():
        raise ValidationError({"code": [_("Deze veldnaam heeft al een andere vraag.")]})
    values = {"code": code, "text": text, "hint": hint, "reverse_scored": reverse_scored,
              "required": required, "position": position,
              "scale": _counterpart(scale, target),
              "dimension": _counterpart(dimension, target)}
    for field, value in values.items():
        setattr(item, field, value)
    item.full_clean()
    item.save()
    audit.audit_record(action=audit.Action.UPDATE, actor=actor.user, ip=actor.ip, obj=item,
                       fields=list(values))
    return item


@transaction.atomic
def scale_save(*, actor: Actor, instrument: Instrument, scale: AnswerScale | None = None,
               code: str, name: str, options: list[tuple[int, str]]) -> AnswerScale:
    """Add or change an answer scale with its options (value, label), in this order; for a
    ladder the options are its rungs."""
    values = [value for value, _label in options]
    if len(options) < 2:
        raise ValidationError({"options": [_("Een antwoordschaal heeft minstens twee "
                                             "antwoorden nodig.")]})
    if len(set(values)) != len(values):
        raise ValidationError({"options": [_("Elke waarde mag maar één keer voorkomen.")]})
    if any(not label.strip() for _value, label in options):
        raise ValidationError({"options": [_("Elk antwoord heeft een label nodig.")]})
    if any(not -999 <= v <= 999 for v in values):
        raise ValidationError({"options": [_("Waarden liggen tussen -999 en 999.")]})
    target = _editable(actor=actor, instrument=instrument)
    scale = _counterpart(scale, target) or AnswerScale(instrument=target)
    if AnswerScale.objects.filter(instrument=target, code=code).exclude(pk=scale.pk).exists():
        raise ValidationError({"code": [_("Deze code heeft al een andere antwoordschaal.")]})
    scale.code, scale.name = code, name
    scale.full_clean()
    scale.save()
    scale.options.all().delete()
    ScaleOption.objects.bulk_create([
        ScaleOption(scale=scale, value=value, label=label.strip(), position=position)
        for position, (value, label) in enumerate(options)])
    for item in scale.items.select_related("dimension").exclude(dimension=None):
        assert item.dimension is not None  # excluded in the query
        _check_fits(item.dimension, scale, "options")
        _check_rung(item.dimension, scale, "options")
    audit.audit_record(action=audit.Action.UPDATE, actor=actor.user, ip=actor.ip, obj=scale,
                       fields=["code", "name", "options"])
    return scale
