"""The assignments module's hand-made world, with a logbook of known totals."""

import datetime as dt
from decimal import Decimal

import pytest

from opbouw.assignments.models import Indicator
from opbouw.assignments.tests.conftest import world  # noqa: F401  (a fixture)
from opbouw.assignments.tests.factories import IndicatorFactory, ResultAgreementFactory
from opbouw.logbook.tests.factories import ActivityFactory, intervention
from opbouw.methods.models import Rung

TODAY = dt.date(2026, 12, 4)


@pytest.fixture
def logged(world):  # noqa: F811
    """Lopend Oost (2026) with, in the first quarter, 10 entries of 2 hours with 10
    participants (2 new, 1 volunteer) on intervention "Buurtkracht" (rungs 2 and 3), two
    of them with a follow-up; in the second quarter 5 entries of 4 hours without one; and an
    agreement of 100 activities over the year."""
    a = world.running
    kracht = intervention("Buurtkracht", world.p1)
    kracht.rungs.set(Rung.objects.filter(number__in=[2, 3]))
    for i in range(10):
        ActivityFactory(assignment=a, worker=world.worker, date=dt.date(2026, 2, 1 + i),
                        intervention=kracht, follow_up="Volgende week weer" if i < 2 else "")
    for i in range(5):
        ActivityFactory(assignment=a, worker=world.worker, date=dt.date(2026, 5, 1 + i),
                        hours=Decimal("4.00"))
    activities = IndicatorFactory(code="activiteiten", name="Activiteiten",
                                  aggregation=Indicator.Aggregation.COUNT,
                                  source=Indicator.Source.LOGBOOK,
                                  computation="logbook.activities")
    world.agreement = ResultAgreementFactory(assignment=a, indicator=activities,
                                             target=Decimal("100"))
    world.kracht = kracht
    return world
