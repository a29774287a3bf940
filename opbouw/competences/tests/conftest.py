"""A small hand-made world for the competences tests, and a crowd for the aggregates.

Every number a test asserts follows from what is set up here; the SCW profile itself (its 20
competencies and norms) comes with the data migration, see ``factories``.
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from opbouw.access.roles import Role
from opbouw.competences.tests.factories import (
    AssessmentFactory,
    AssessmentRoundFactory,
    ClosedRoundFactory,
    CourseFactory,
    PeRequirementFactory,
    by_kind,
    rate,
    scw,
)
from opbouw.organisations.models import WorkerProfile
from opbouw.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    WorkerProfileFactory,
)

F = WorkerProfile.Function


def person(username: str, first: str, last: str):
    return UserFactory(username=username, first_name=first, last_name=last)


def worker(username: str, organisation, function=F.WORKER, coach=None, *, first="",
           last="Test"):
    user = person(username, first or username.capitalize(), last)
    WorkerProfileFactory(user=user, organisation=organisation, function=function, coach=coach)
    return user


def member(username: str, organisation, role: str, first: str, last: str):
    user = person(username, first, last)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def world(db):
    """Two providers, their people, a closed round of last autumn and an open one now.

    EEN: ``medewerker`` (SCW 3) and ``collega`` (SCW 2), both coached by ``coach`` (SCW 4,
    worker and coach, no coach of their own); ``manager``. TWEE: ``buiten`` (SCW 3, no
    coach) and ``manager2``. The branch has ``analist`` and ``beheerder``; the municipality
    ``opdrachtgever``.

    ``closed`` (both providers), everything submitted. Norms: SCW 2 expects 2, SCW 3 expects
    3, SCW 4 expects 4 at 4H, 4K, 4L, 4R and 4S and 3 elsewhere.

    - medewerker rates 3 everywhere; the coach rates 4A at 1, the other generic
      competencies (4A-4K) at 2 and the specific ones (4L-4T) at 3, and the coach's rating
      counts: gap 2 at 4A, 1 at 4B-4K, 0 at 4L-4T;
    - collega rates 2, and so does the coach: no gaps;
    - coach rates 3: gap 1 at 4H, 4K, 4L, 4R and 4S;
    - buiten rates 2: gap 1 everywhere.

    ``current`` (both providers), open: a self-assessment for each of the four workers and a
    coach's one for medewerker and collega, nothing rated yet.

    Courses: "Verantwoorden met cijfers en verhalen" (4 PE points, 4D and 4G) and "Intervisie
    volgens de incidentmethode" (3 PE points, 4K). EEN requires 12 PE points this year.
    """
    een = OrganisationFactory(name="Opbouw Een", short_name="EEN")
    twee = OrganisationFactory(name="Opbouw Twee", short_name="TWEE")
    branch = OrganisationFactory(name="Brancheorganisatie", short_name="BR", kind="branch")
    city = OrganisationFactory(name="Gemeente", short_name="GEM", kind="commissioner")

    coach = worker("coach", een, F.SENIOR_1, first="Cor", last="de Coach")
    MembershipFactory(user=coach, organisation=een, role=Role.COACH)
    medewerker = worker("medewerker", een, F.WORKER, coach, first="Mees", last="Werker")
    collega = worker("collega", een, F.JUNIOR, coach, first="Coby", last="Collega")
    buiten = worker("buiten", twee, F.WORKER, first="Bas", last="Buiten")

    closed = ClosedRoundFactory(name="Najaar", organisations=[een, twee])
    rate(AssessmentFactory(round=closed, worker=medewerker), 3)
    rate(AssessmentFactory(round=closed, worker=medewerker, assessor=coach, kind="coach"),
         by_kind(2, 3, **{"4A": 1}))
    rate(AssessmentFactory(round=closed, worker=collega), 2)
    rate(AssessmentFactory(round=closed, worker=collega, assessor=coach, kind="coach"), 2)
    rate(AssessmentFactory(round=closed, worker=coach), 3)
    rate(AssessmentFactory(round=closed, worker=buiten), 2)

    current = AssessmentRoundFactory(name="Nu", organisations=[een, twee])
    for w in (medewerker, collega, coach, buiten):
        AssessmentFactory(round=current, worker=w)
    for w in (medewerker, collega):
        AssessmentFactory(round=current, worker=w, assessor=coach, kind="coach")

    verantwoorden = CourseFactory(title="Verantwoorden met cijfers en verhalen",
                                  pe_points=Decimal(4), codes=["4D", "4G"])
    intervisie = CourseFactory(title="Intervisie volgens de incidentmethode",
                               pe_points=Decimal(3), hours=Decimal(6), codes=["4K"])
    PeRequirementFactory(organisation=een, points=Decimal(12))

    return SimpleNamespace(
        framework=scw(), een=een, twee=twee, branch=branch, city=city,
        coach=coach, medewerker=medewerker, collega=collega, buiten=buiten,
        manager=member("manager", een, Role.MANAGER, "Mira", "Manager"),
        manager2=member("manager2", twee, Role.MANAGER, "Max", "Manager"),
        analist=member("analist", branch, Role.ANALYST, "Ali", "Analist"),
        beheerder=member("beheerder", branch, Role.ADMIN, "Bea", "Beheerder"),
        opdrachtgever=member("opdrachtgever", city, Role.COMMISSIONER, "Olga", "Opdracht"),
        closed=closed, current=current, verantwoorden=verantwoorden, intervisie=intervisie,
    )


@pytest.fixture
def crowd(world):
    """Twenty workers, all SCW 3 (norm 3 everywhere), in a closed round ``big`` of EEN, TWEE
    and DRIE, and six of them again in a later round ``later``.

    ========  ===  ==================  =================================  ===================
    group     n    organisation, coach  rating that counts                 gap
    ========  ===  ==================  =================================  ===================
    team A    6    EEN, coach          coach's: generic 2, specific 3     1 / 0
                                       (their own 3s do not count)
    team B    5    EEN, coach2         own: generic 2 (4H 1), specific 3  1 (4H 2) / 0
                                       (coach2's draft of 1s does not)
    zonder    2    EEN, no coach       own: 3 (4T 4)                      0 (4T -1)
    TWEE      6    no coach            own: generic 3 (4H 1),             0 (4H 2) /
                                       specific 2 (4T 3)                  1 (4T 0)
    DRIE      1    no coach            own: 1                             2
    ========  ===  ==================  =================================  ===================

    Mean gaps over all 20: generic 0.65 (4H 1.5), specific 0.4 (4T 0.0). In ``later`` only
    the six of TWEE submitted, rating 3 everywhere.
    """
    een, twee = world.een, world.twee
    drie = OrganisationFactory(name="Opbouw Drie", short_name="DRIE")
    coach2 = worker("coach2", een, F.SENIOR_1, first="Bo", last="Begeleider")
    MembershipFactory(user=coach2, organisation=een, role=Role.COACH)
    big = ClosedRoundFactory(name="Meting groot", organisations=[een, twee, drie])
    later = AssessmentRoundFactory(name="Meting groot, vervolg",
                                   organisations=[een, twee, drie])
    groups = {"a": [], "b": [], "z": [], "t": [], "d": []}
    for i in range(1, 7):
        w = worker(f"a{i}", een, coach=world.coach)
        groups["a"].append(w)
        rate(AssessmentFactory(round=big, worker=w), 3)
        rate(AssessmentFactory(round=big, worker=w, assessor=world.coach, kind="coach"),
             by_kind(2, 3))
    for i in range(1, 6):
        w = worker(f"b{i}", een, coach=coach2)
        groups["b"].append(w)
        rate(AssessmentFactory(round=big, worker=w), by_kind(2, 3, **{"4H": 1}))
        rate(AssessmentFactory(round=big, worker=w, assessor=coach2, kind="coach"), 1,
             submitted=False)
    for i in range(1, 3):
        w = worker(f"z{i}", een)
        groups["z"].append(w)
        rate(AssessmentFactory(round=big, worker=w), by_kind(3, 3, **{"4T": 4}))
    for i in range(1, 7):
        w = worker(f"t{i}", twee)
        groups["t"].append(w)
        rate(AssessmentFactory(round=big, worker=w), by_kind(3, 2, **{"4H": 1, "4T": 3}))
        rate(AssessmentFactory(round=later, worker=w), 3)
    w = worker("d1", drie)
    groups["d"].append(w)
    rate(AssessmentFactory(round=big, worker=w), 1)
    return SimpleNamespace(world=world, big=big, later=later, drie=drie, coach2=coach2,
                           **groups)
