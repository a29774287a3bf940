"""Factories for action plans, indicators, assignments and result agreements."""

import datetime as dt
from decimal import ROUND_DOWN, Decimal

import factory

from opbouw.assignments.models import (
    ActionPlan,
    Assignment,
    Indicator,
    Priority,
    Product,
    ResultAgreement,
)
from opbouw.organisations.models import Organisation
from opbouw.organisations.tests.factories import AreaFactory, OrganisationFactory


class CommissionerFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Deelgemeente {n}")
    short_name = factory.Sequence(lambda n: f"DG{n}")
    kind = Organisation.Kind.COMMISSIONER


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    commissioner = factory.SubFactory(CommissionerFactory)
    area = factory.SubFactory(AreaFactory)
    year = 2026
    title = factory.Sequence(lambda n: f"Wijkactieplan {n}")


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(ActionPlanFactory)
    domain = "liveability"
    title = factory.Sequence(lambda n: f"Prioriteit {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"indicator-{n}")
    name = factory.Sequence(lambda n: f"Indicator {n}")
    definition = "Een indicator voor de test."
    unit = "aantal"
    category = Indicator.Category.QUANTITY
    aggregation = Indicator.Aggregation.SUM
    source = Indicator.Source.MANUAL
    computation = ""


class AssignmentFactory(factory.django.DjangoModelFactory):
    """A running assignment for 2026 with one neighbourhood (pass ``areas=[...]`` for others)."""

    class Meta:
        model = Assignment
        skip_postgeneration_save = True

    commissioner = factory.SubFactory(CommissionerFactory)
    provider = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Opdracht {n}")
    starts_on = dt.date(2026, 1, 1)
    ends_on = dt.date(2026, 12, 31)
    budget = Decimal("100000.00")
    agreed_hours = Decimal("1000.0")
    # As migration 0003 fills it: budget / hours, rounded down to the cent.
    hourly_rate = factory.LazyAttribute(
        lambda a: (a.budget / a.agreed_hours).quantize(Decimal("0.01"), ROUND_DOWN))
    status = Assignment.Status.RUNNING

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create:
            self.areas.set(extracted if extracted is not None else [AreaFactory()])


class ResultAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResultAgreement

    assignment = factory.SubFactory(AssignmentFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    target = Decimal("100")
    starts_on = factory.LazyAttribute(lambda a: a.assignment.starts_on)
    ends_on = factory.LazyAttribute(lambda a: a.assignment.ends_on)


class ProductFactory(factory.django.DjangoModelFactory):
    """A product counted from every supported initiative (pass ``intervention=`` for one)."""

    class Meta:
        model = Product

    assignment = factory.SubFactory(AssignmentFactory)
    name = factory.Sequence(lambda n: f"Product {n}")
    unit = "initiatief"
    unit_price = Decimal("100.00")
    agreed_quantity = 10
    intervention = None
    initiatives_only = True
