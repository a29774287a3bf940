"""A small hand-made world for the assignments module's tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from opbouw.access.roles import Role
from opbouw.areas.models import Area
from opbouw.assignments.models import Assignment
from opbouw.assignments.tests.factories import AssignmentFactory, CommissionerFactory
from opbouw.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)


def _area(code: str, name: str, level: str, parent: Area | None = None) -> Area:
    path = f"{parent.path}/{code}" if parent else code
    return Area.objects.create(code=code, name=name, level=level, parent=parent, path=path)


def _member(username: str, organisation, role: str):
    user = UserFactory(username=username, first_name=username.capitalize(), last_name="Test")
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def world(db):
    """Two districts, each with its commissioner; two providers; an assignment of each kind.

    - Oost (east) has neighbourhoods Oosterwijk and Molenbuurt; commissioner DG Oost.
    - West has Westerwijk; commissioner DG West.
    - ``running`` and ``concept``: DG Oost with provider P1; ``west``: DG West with P2.
    """
    city = _area("GM0001", "Stad", "municipality")
    east = _area("GB000101", "Oost", "district", city)
    wk1 = _area("WK000101", "Oosterwijk", "neighbourhood", east)
    wk2 = _area("WK000102", "Molenbuurt", "neighbourhood", east)
    west = _area("GB000102", "West", "district", city)
    wk3 = _area("WK000201", "Westerwijk", "neighbourhood", west)
    c1 = CommissionerFactory(name="Deelgemeente Oost", short_name="DG Oost")
    c1.areas.set([east])
    c2 = CommissionerFactory(name="Deelgemeente West", short_name="DG West")
    c2.areas.set([west])
    p1 = OrganisationFactory(name="Opbouw Een", short_name="P1")
    p2 = OrganisationFactory(name="Opbouw Twee", short_name="P2")
    branch = OrganisationFactory(name="Branche", short_name="BR", kind="branch")
    running = AssignmentFactory(commissioner=c1, provider=p1, areas=[wk1], title="Lopend Oost",
                                budget=Decimal("100000.00"), agreed_hours=Decimal("1000.0"))
    concept = AssignmentFactory(commissioner=c1, provider=p1, areas=[wk2], title="Concept Oost",
                                status=Assignment.Status.CONCEPT)
    west_assignment = AssignmentFactory(commissioner=c2, provider=p2, areas=[wk3],
                                        title="Opdracht West")
    return SimpleNamespace(
        city=city, east=east, wk1=wk1, wk2=wk2, west=west, wk3=wk3, c1=c1, c2=c2, p1=p1,
        p2=p2, running=running, concept=concept, west_assignment=west_assignment,
        commissioner=_member("opdrachtgever1", c1, Role.COMMISSIONER),
        commissioner2=_member("opdrachtgever2", c2, Role.COMMISSIONER),
        manager=_member("manager1", p1, Role.MANAGER),
        worker=_member("werker1", p1, Role.WORKER),
        outsider=_member("buiten1", p2, Role.WORKER),
        analyst=_member("analist1", branch, Role.ANALYST),
        year_start=dt.date(2026, 1, 1), year_end=dt.date(2026, 12, 31),
    )


def assignment_values(assignment: Assignment, **changes) -> dict:
    """The keyword arguments of assignment_save for the assignment as it is, plus changes."""
    values = {
        "commissioner": assignment.commissioner, "provider": assignment.provider,
        "title": assignment.title, "description": assignment.description,
        "areas": list(assignment.areas.all()), "starts_on": assignment.starts_on,
        "ends_on": assignment.ends_on, "budget": assignment.budget,
        "agreed_hours": assignment.agreed_hours, "priorities": list(assignment.priorities.all()),
        "interventions": list(assignment.interventions.all()), "status": assignment.status,
    }
    values.update(changes)
    return values
