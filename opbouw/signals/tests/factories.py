"""Factories for signal categories, partners, signals and follow-up notes."""

import datetime as dt

import factory

from opbouw.organisations.tests.factories import AreaFactory, OrganisationFactory, UserFactory
from opbouw.signals.models import Category, FollowUp, Partner, Signal


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("domain", "name")

    domain = "liveability"
    name = factory.Sequence(lambda n: f"Categorie {n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = Partner.Kind.MUNICIPAL


class SignalFactory(factory.django.DjangoModelFactory):
    """A signal of 1 March 2026, open; pass ``assignment=`` to tie it to an assignment."""

    class Meta:
        model = Signal

    date = dt.date(2026, 3, 1)
    organisation = factory.SubFactory(OrganisationFactory)
    reported_by = factory.SubFactory(UserFactory)
    assignment = None
    area = factory.SubFactory(AreaFactory)
    category = factory.SubFactory(CategoryFactory)
    description = "Veel zwerfafval rond het winkelcentrum."
    urgency = Signal.Urgency.NORMAL
    source = Signal.Source.OBSERVATION


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    signal = factory.SubFactory(SignalFactory)
    date = dt.date(2026, 3, 2)
    status_before = Signal.Status.OPEN
    status_after = Signal.Status.OPEN
    note = "Besproken in het wijkoverleg."
