"""A small hand-made world for the methods toolbox's tests."""

from __future__ import annotations

import datetime as dt

import pytest

from opbouw.areas.models import Area
from opbouw.methods.tests.factories import InterventionFactory, OfferFactory
from opbouw.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)


@pytest.fixture
def world(db):
    """Two providers in one district with two neighbourhoods, three interventions.

    - Buurtbemiddeling (rung 4, welzijn, groups and individuals, owner A): offered by A in
      district Oost and by B in its neighbourhood Oosterwijk, so it overlaps in Oost;
    - Bewonerspanel (rung 2, welzijn, groups, owner B): offered by B in Oost only;
    - Jobcoaching (rung 6, werk, individuals, owner B): offered by B in district West.

    Every offer runs from 1 January 2025 without an end. ``manager`` manages A; ``analyst``
    works for the branch.
    """
    gm = Area.objects.create(code="GM0001", name="Stad", level="municipality", path="GM0001")
    gb = Area.objects.create(code="GB000101", name="Oost", level="district", parent=gm,
                             path="GM0001/GB000101")
    wk = Area.objects.create(code="WK000101", name="Oosterwijk", level="neighbourhood",
                             parent=gb, path="GM0001/GB000101/WK000101")
    west = Area.objects.create(code="GB000102", name="West", level="district", parent=gm,
                               path="GM0001/GB000102")
    a, b = OrganisationFactory(short_name="A"), OrganisationFactory(short_name="B")
    analyst = UserFactory()
    MembershipFactory(user=analyst, organisation=OrganisationFactory(kind="branch"),
                      role="analyst")
    manager = UserFactory()
    MembershipFactory(user=manager, organisation=a, role="manager")
    bemiddeling = InterventionFactory(name="Buurtbemiddeling", rungs=[4], themes=["welzijn"],
                                      target="both", owner=a)
    panel = InterventionFactory(name="Bewonerspanel", rungs=[2], themes=["welzijn"],
                                target="group", owner=b)
    coaching = InterventionFactory(name="Jobcoaching", rungs=[6], themes=["werk"],
                                   target="individual", owner=b)
    year = dt.date(2025, 1, 1)
    for org, intervention, areas in [(a, bemiddeling, [gb]), (b, bemiddeling, [wk]),
                                     (b, panel, [gb]), (b, coaching, [west])]:
        OfferFactory(organisation=org, intervention=intervention, areas=areas, starts_on=year)
    return {"east": gb, "wk": wk, "west": west, "a": a, "b": b, "analyst": analyst,
            "manager": manager, "bemiddeling": bemiddeling, "panel": panel,
            "coaching": coaching}
