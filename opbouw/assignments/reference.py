"""Load the shipped indicator catalogue (data/indicators.json); used by the data migration."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "indicators.json"


def load_indicators(get_model) -> int:
    """Create the indicators that are missing; edited ones stay as analysts left them."""
    Indicator = get_model("assignments", "Indicator")
    created = 0
    for row in json.loads(DATA.read_text(encoding="utf-8"))["indicators"]:
        _obj, new = Indicator.objects.get_or_create(code=row["code"], defaults={
            key: row[key] for key in ("name", "definition", "unit", "category", "aggregation",
                                      "source", "polarity", "computation")})
        created += new
    return created
