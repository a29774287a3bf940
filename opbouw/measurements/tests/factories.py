"""Factories for instruments and rounds."""

import datetime as dt
from decimal import Decimal

import factory

from opbouw.measurements.models import (
    AnswerScale,
    Dimension,
    Instrument,
    Item,
    MeasurementRound,
    ScaleOption,
)
from opbouw.organisations.tests.factories import AreaFactory, OrganisationFactory

AGREE = [(1, "Helemaal oneens"), (2, "Oneens"), (3, "Neutraal"), (4, "Eens"),
         (5, "Helemaal eens")]


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument

    code = factory.Sequence(lambda n: f"instrument_{n}")
    name = factory.Sequence(lambda n: f"Instrument {n}")
    source = "Eigen vragenlijst voor de test"
    status = Instrument.Status.ACTIVE


class AnswerScaleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnswerScale
        skip_postgeneration_save = True

    instrument = factory.SubFactory(InstrumentFactory)
    code = factory.Sequence(lambda n: f"schaal_{n}")
    name = "Vijfpunts eens-oneens"

    @factory.post_generation
    def options(self, create, extracted, **kwargs):
        if create:
            ScaleOption.objects.bulk_create([
                ScaleOption(scale=self, value=value, label=label, position=position)
                for position, (value, label) in enumerate(extracted or AGREE)])


class DimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dimension

    instrument = factory.SubFactory(InstrumentFactory)
    code = factory.Sequence(lambda n: f"dimensie_{n}")
    name = factory.Sequence(lambda n: f"Dimensie {n}")
    rule = Dimension.Rule.MEAN
    result_min = Decimal(1)
    result_max = Decimal(5)


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    instrument = factory.SubFactory(InstrumentFactory)
    code = factory.Sequence(lambda n: f"v_{n}")
    text = factory.Sequence(lambda n: f"Uitspraak {n}")
    scale = factory.SubFactory(AnswerScaleFactory, instrument=factory.SelfAttribute(
        "..instrument"))
    position = factory.Sequence(lambda n: n)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasurementRound

    instrument = factory.SubFactory(InstrumentFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    area = factory.SubFactory(AreaFactory)
    held_on = dt.date(2025, 3, 1)
