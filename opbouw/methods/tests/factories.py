"""Factories for the methods toolbox: interventions, offers and reference terms.

The Wmo ladder (six rungs in three groups) and the reference lists (themes such as
``welzijn`` and ``werk``, aims, functions, target groups, evidence levels) come with a data
migration, so every test database has them; ``rung`` and ``theme`` fetch them.
"""

from __future__ import annotations

import datetime as dt

import factory

from opbouw.methods.models import Intervention, Offer, Rung, TargetGroup, Theme
from opbouw.organisations.tests.factories import AreaFactory, OrganisationFactory


def rung(number: int) -> Rung:
    return Rung.objects.get(number=number)


def theme(code: str) -> Theme:
    return Theme.objects.get(code=code)


class ThemeFactory(factory.django.DjangoModelFactory):
    """A theme of one's own, beside the shipped ones."""

    class Meta:
        model = Theme
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"thema-{n}")
    name = factory.Sequence(lambda n: f"Thema {n}")
    order = 100


class TargetGroupFactory(ThemeFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"doelgroep-{n}")
    name = factory.Sequence(lambda n: f"Doelgroep {n}")


class InterventionFactory(factory.django.DjangoModelFactory):
    """A published group activity on rung 3; ``rungs=[4]`` and ``themes=["welzijn"]`` by
    number and code."""

    class Meta:
        model = Intervention
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Interventie {n}")
    kind = Intervention.Kind.ACTIVITY
    summary = factory.LazyAttribute(lambda i: f"{i.name}.")
    target = Intervention.Target.GROUP
    owner = factory.SubFactory(OrganisationFactory)
    status = Intervention.Status.PUBLISHED

    @factory.post_generation
    def rungs(self, create, extracted, **kwargs):
        if create:
            self.rungs.set(Rung.objects.filter(number__in=extracted or [3]))

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(Theme.objects.filter(code__in=extracted))


class OfferFactory(factory.django.DjangoModelFactory):
    """An offer from 1 January 2025, open-ended; pass ``areas=[...]``."""

    class Meta:
        model = Offer
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    intervention = factory.SubFactory(InterventionFactory)
    starts_on = dt.date(2025, 1, 1)
    ends_on = None

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create:
            self.areas.set(extracted if extracted is not None else [AreaFactory()])
