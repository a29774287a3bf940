"""Load the shipped instruments from data/instruments.json; used by the data migration and the
demo data. Works with historical models (``get_model``) as well as the real ones."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "instruments.json"


def shipped_definitions() -> list[dict]:
    return json.loads(DATA.read_text(encoding="utf-8"))["instruments"]


def load_instruments(get_model) -> int:
    """Create each shipped instrument whose code is not there yet (in any version); an
    instrument analysts have changed stays as it is. Returns the number created."""
    Instrument = get_model("measurements", "Instrument")
    AnswerScale = get_model("measurements", "AnswerScale")
    ScaleOption = get_model("measurements", "ScaleOption")
    Dimension = get_model("measurements", "Dimension")
    Item = get_model("measurements", "Item")
    created = 0
    for definition in shipped_definitions():
        if Instrument.objects.filter(code=definition["code"]).exists():
            continue
        instrument = Instrument.objects.create(
            code=definition["code"], version=1, name=definition["name"],
            purpose=definition.get("purpose", ""), source=definition.get("source", ""),
            status=definition.get("status", "active"))
        scales = {}
        for scale in definition["scales"]:
            scales[scale["code"]] = AnswerScale.objects.create(
                instrument=instrument, code=scale["code"], name=scale["name"])
            ScaleOption.objects.bulk_create([
                ScaleOption(scale=scales[scale["code"]], value=value, label=label,
                            position=position)
                for position, (value, label) in enumerate(scale["options"])])
        dimensions = {}
        for position, dim in enumerate(definition["dimensions"]):
            threshold = dim.get("threshold")
            dimensions[dim["code"]] = Dimension.objects.create(
                instrument=instrument, code=dim["code"], name=dim["name"],
                description=dim.get("description", ""), position=position,
                rule=dim.get("rule", "mean"),
                threshold=None if threshold is None else Decimal(str(threshold)),
                result_min=Decimal(str(dim["result_min"])),
                result_max=Decimal(str(dim["result_max"])),
                higher_is_better=dim.get("higher_is_better", True))
        Item.objects.bulk_create([
            Item(instrument=instrument, position=position, code=item["code"],
                 text=item["text"], hint=item.get("hint", ""), scale=scales[item["scale"]],
                 dimension=dimensions.get(item.get("dimension") or ""),
                 reverse_scored=item.get("reverse_scored", False),
                 # "Geen antwoord" is a valid answer to a shipped question (migration 0006):
                 # the scoring takes the mean of the answers given.
                 required=item.get("required", False))
            for position, item in enumerate(definition["items"])])
        created += 1
    return created
