"""An explicit hourly rate on assignments (filled from budget / agreed hours) and products."""

from decimal import ROUND_DOWN, Decimal

import django.db.models.deletion
import opbouw.core.personal_data
from django.db import migrations, models

LARGEST_RATE = Decimal("999999.99")  # max_digits=8, decimal_places=2


def fill_hourly_rates(apps, schema_editor):
    """Give every assignment the price per hour it had: budget / agreed hours, rounded down
    to the cent so the hours never cost more than the budget."""
    Assignment = apps.get_model("assignments", "Assignment")
    changed = []
    for assignment in Assignment.objects.filter(hourly_rate__isnull=True).only(
            "pk", "budget", "agreed_hours"):
        if not assignment.agreed_hours or assignment.agreed_hours <= 0:
            continue
        rate = (assignment.budget / assignment.agreed_hours).quantize(Decimal("0.01"),
                                                                      ROUND_DOWN)
        if 0 <= rate <= LARGEST_RATE:
            assignment.hourly_rate = rate
            changed.append(assignment)
    Assignment.objects.bulk_update(changed, ["hourly_rate"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ('assignments', '0002_indicator_catalogue'),
        ('methods', '0002_reference_lists'),
    ]

    operations = [
        migrations.AddField(
            model_name='assignment',
            name='hourly_rate',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, verbose_name='uurtarief (euro)'),
        ),
        migrations.CreateModel(
            name='Product',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=150, validators=[opbouw.core.personal_data.validate_no_personal_data], verbose_name='naam')),
                ('unit', models.CharField(help_text='Bijvoorbeeld training of initiatief.', max_length=40, validators=[opbouw.core.personal_data.validate_no_personal_data], verbose_name='eenheid')),
                ('unit_price', models.DecimalField(decimal_places=2, max_digits=10, verbose_name='prijs per eenheid (euro)')),
                ('agreed_quantity', models.PositiveIntegerField(verbose_name='afgesproken aantal')),
                ('initiatives_only', models.BooleanField(default=False, verbose_name='alleen ondersteunde bewonersinitiatieven')),
                ('assignment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='products', to='assignments.assignment', verbose_name='opdracht')),
                ('intervention', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='assignment_products', to='methods.intervention', verbose_name='interventie')),
            ],
            options={
                'verbose_name': 'product',
                'verbose_name_plural': 'producten',
                'ordering': ['assignment', 'name', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('assignment', 'name'), name='product_name_unique_per_assignment'), models.CheckConstraint(condition=models.Q(('intervention__isnull', False), ('initiatives_only', True), _connector='OR'), name='product_counted_from_the_logbook')],
            },
        ),
        migrations.RunPython(fill_hourly_rates, migrations.RunPython.noop),
    ]
