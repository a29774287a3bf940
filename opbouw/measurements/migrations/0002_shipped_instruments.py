"""Ship the measurement instruments of data/instruments.json."""

from django.db import migrations


def load(apps, schema_editor):
    from opbouw.measurements.shipped import load_instruments

    load_instruments(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("measurements", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
