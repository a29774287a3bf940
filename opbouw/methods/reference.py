"""Load the shipped reference lists (Wmo ladder, themes, aims, functions, target groups,
evidence levels) from data/reference.json; used by the data migration and the demo data."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "reference.json"
TERM_LISTS = {"themes": "Theme", "aims": "Aim", "functions": "Function",
              "target_groups": "TargetGroup", "evidence_levels": "EvidenceLevel"}


def load_reference(get_model) -> None:
    """Create what is missing; existing terms (perhaps renamed by analysts) stay as they are."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    Rung = get_model("methods", "Rung")
    for rung in data["rungs"]:
        Rung.objects.get_or_create(number=rung["number"], defaults={
            "name": rung["name"], "group": rung["group"],
            "description": rung.get("description", "")})
    for key, model_name in TERM_LISTS.items():
        model = get_model("methods", model_name)
        for order, term in enumerate(data[key]):
            model.objects.get_or_create(code=term["code"], defaults={
                "name": term["name"], "order": term.get("order", order)})
