"""Ship the indicator catalogue."""

from django.db import migrations


def load(apps, schema_editor):
    from opbouw.assignments.reference import load_indicators

    load_indicators(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("assignments", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
