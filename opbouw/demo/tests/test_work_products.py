"""Demo products and hourly rates: within the budget, and met by the logbook."""

from decimal import Decimal

import pytest
from django.utils import timezone

from opbouw.assignments import selectors
from opbouw.assignments.models import Assignment
from opbouw.demo import work

pytestmark = pytest.mark.django_db


def test_every_assignment_has_a_rate_and_products_within_its_budget(demo):
    assignments = Assignment.objects.prefetch_related("products", "interventions")
    assert assignments.exists()
    for a in assignments:
        assert a.hourly_rate is not None and a.hourly_rate == a.hourly_rate.to_integral_value()
        products = list(a.products.all())
        assert 2 <= len(products) <= 3 or (len(products) == 1 and not a.interventions.exists())
        assert [p.initiatives_only for p in products].count(True) == 1
        planned = {i.pk for i in a.interventions.all()}
        assert all(p.intervention_id in planned for p in products if not p.initiatives_only)
        agreed = a.agreed_hours * a.hourly_rate + sum(
            p.unit_price * p.agreed_quantity for p in products)
        assert agreed <= a.budget, a
        assert work.MIN_BUDGET <= a.budget <= work.MAX_BUDGET


def test_the_logbook_roughly_delivers_the_agreed_products(demo):
    today = timezone.localdate()
    checked = 0
    for a in Assignment.objects.exclude(status="concept"):
        rows = selectors.product_rows(a, starts_on=a.starts_on, ends_on=min(today, a.ends_on))
        for row in rows:
            if row["agreed"] < 20:  # small numbers vary more
                continue
            share = Decimal(row["realised"]) / row["agreed"]
            assert Decimal("0.8") <= share <= Decimal("1.25"), (a, row["name"], share)
            checked += 1
    assert checked > 10
