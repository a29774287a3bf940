"""Link a measurement round to the assignment it reports on."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assignments', '0001_initial'),
        ('measurements', '0002_shipped_instruments'),
    ]

    operations = [
        migrations.AddField(
            model_name='measurementround',
            name='assignment',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='measurement_rounds', to='assignments.assignment', verbose_name='opdracht'),
        ),
    ]
