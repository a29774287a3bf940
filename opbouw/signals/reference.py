"""Load the shipped signal categories and partners (data/reference.json)."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "reference.json"


def load_reference(get_model) -> None:
    """Create what is missing; what analysts changed stays as it is."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    Category = get_model("signals", "Category")
    Partner = get_model("signals", "Partner")
    for domain, names in data["categories"].items():
        for name in names:
            Category.objects.get_or_create(domain=domain, name=name)
    for name, kind in data["partners"]:
        Partner.objects.get_or_create(name=name, defaults={"kind": kind})
