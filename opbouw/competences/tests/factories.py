"""Factories for rounds, assessments, ratings, plans and training, on the shipped SCW profile.

The SCW framework comes with a data migration, so every test database has it: 20
competencies (4A-4K generic, 4L-4T specific), a scale of 1-4 and a norm per SCW level
(level 2: 2 everywhere; level 3: 3 everywhere; level 4: 3 or 4).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from opbouw.competences.models import (
    Assessment,
    AssessmentRound,
    Competency,
    Course,
    DevelopmentPlan,
    Enrolment,
    Framework,
    PeRequirement,
    Rating,
)
from opbouw.competences.services import norms_snapshot
from opbouw.organisations.tests.factories import OrganisationFactory, UserFactory

SCW_NAME = "Competentieprofiel SCW"


def scw() -> Framework:
    return Framework.objects.get(name=SCW_NAME)


def competencies(framework: Framework | None = None) -> list[Competency]:
    return list((framework or scw()).competencies.order_by("order"))


class AssessmentRoundFactory(factory.django.DjangoModelFactory):
    """An open round of the SCW profile this year; pass ``organisations=[...]``."""

    class Meta:
        model = AssessmentRound
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Competentiemeting {n}")
    framework = factory.LazyFunction(scw)
    starts_on = factory.LazyFunction(lambda: dt.date(timezone.localdate().year, 1, 1))
    ends_on = factory.LazyFunction(lambda: dt.date(timezone.localdate().year, 12, 31))

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations.set(extracted)


class ClosedRoundFactory(AssessmentRoundFactory):
    """A round of last autumn, closed with the norms of today frozen in it."""

    starts_on = factory.LazyFunction(lambda: dt.date(timezone.localdate().year - 1, 10, 1))
    ends_on = factory.LazyFunction(lambda: dt.date(timezone.localdate().year - 1, 11, 30))
    state = AssessmentRound.State.CLOSED
    closed_at = factory.LazyFunction(timezone.now)
    norms_snapshot = factory.LazyAttribute(lambda r: norms_snapshot(r.framework))


class AssessmentFactory(factory.django.DjangoModelFactory):
    """A self-assessment; for a coach's pass ``kind="coach", assessor=coach``."""

    class Meta:
        model = Assessment

    round = factory.SubFactory(AssessmentRoundFactory)
    worker = factory.SubFactory(UserFactory)
    assessor = factory.LazyAttribute(lambda a: a.worker)
    organisation = factory.LazyAttribute(lambda a: a.worker.worker_profile.organisation)
    scw_level = factory.LazyAttribute(lambda a: a.worker.worker_profile.scw_level)
    kind = Assessment.Kind.SELF


def rate(assessment: Assessment, values: dict[str, int] | int, *,
         submitted: bool = True) -> Assessment:
    """Give ratings: one value for every competency, or {code: value} (codes left out get
    no rating). Submitted by default, as a finished assessment is."""
    comps = competencies(assessment.round.framework)
    if isinstance(values, int):
        values = {c.code: values for c in comps}
    Rating.objects.bulk_create([Rating(assessment=assessment, competency=c, value=values[c.code])
                                for c in comps if c.code in values])
    if submitted:
        assessment.state = Assessment.State.SUBMITTED
        assessment.submitted_at = timezone.now()
        assessment.save(update_fields=["state", "submitted_at"])
    return assessment


def by_kind(generic: int, specific: int, **codes: int) -> dict[str, int]:
    """{code: value}: one value for the 11 generic competencies, one for the 9 specific ones,
    and exceptions by code (``by_kind(2, 3, **{"4H": 1})``)."""
    values = {c.code: generic if c.kind == Competency.Kind.GENERIC else specific
              for c in competencies()}
    values.update(codes)
    return values


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Cursus {n}")
    provider = "Hogeschool"
    hours = Decimal("8")
    pe_points = Decimal("4")

    @factory.post_generation
    def codes(self, create, extracted, **kwargs):
        """``codes=["4G", "4D"]``: the competencies the course addresses."""
        if create and extracted:
            self.competencies.set(scw().competencies.filter(code__in=extracted))


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    course = factory.SubFactory(CourseFactory)
    worker = factory.SubFactory(UserFactory)
    organisation = factory.LazyAttribute(lambda e: e.worker.worker_profile.organisation)


class DevelopmentPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentPlan

    worker = factory.SubFactory(UserFactory)
    organisation = factory.LazyAttribute(lambda p: p.worker.worker_profile.organisation)
    year = factory.LazyFunction(lambda: timezone.localdate().year)


class PeRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeRequirement

    organisation = factory.SubFactory(OrganisationFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    points = Decimal("12")
