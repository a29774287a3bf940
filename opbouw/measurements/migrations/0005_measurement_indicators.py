"""Ship the catalogue's indicators that read a measurement instrument."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "indicators.json"


def load(apps, schema_editor):
    Indicator = apps.get_model("assignments", "Indicator")
    IndicatorMeasure = apps.get_model("measurements", "IndicatorMeasure")
    for row in json.loads(DATA.read_text(encoding="utf-8"))["indicators"]:
        indicator, created = Indicator.objects.get_or_create(code=row["code"], defaults={
            "name": row["name"], "definition": row["definition"], "unit": row["unit"],
            "category": row["category"], "aggregation": row["aggregation"],
            "source": "measurement", "polarity": row["polarity"],
            "computation": row["computation"]})
        if created:
            IndicatorMeasure.objects.create(indicator=indicator,
                                            instrument_code=row["instrument"],
                                            dimension_code=row["dimension"])


class Migration(migrations.Migration):
    dependencies = [("measurements", "0004_indicator_measure"),
                    ("assignments", "0002_indicator_catalogue")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
