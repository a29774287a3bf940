"""Ship the reference lists of the methods toolbox."""

from django.db import migrations


def load(apps, schema_editor):
    from opbouw.methods.reference import load_reference

    load_reference(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("methods", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
