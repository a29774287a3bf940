"""A small area tree for the areas tests, with an organisation working in it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from opbouw.access.roles import Role
from opbouw.areas.models import Area
from opbouw.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)


def area(code: str, name: str, level: str, parent: Area | None = None, *,
         synthetic: bool = False) -> Area:
    return Area.objects.create(code=code, name=name, level=level, parent=parent,
                               path=f"{parent.path}/{code}" if parent else code,
                               code_is_synthetic=synthetic)


@pytest.fixture
def world(db):
    """Rotterdam (GM0599) with three districts under our own (synthetic) codes:

    - Charlois (GB059901) with Tarwewijk (WK059901) and Carnisse (WK059902);
    - Feijenoord (GB059902) with Afrikaanderwijk (WK059903);
    - Pernis (GB059903), without neighbourhoods.

    "Charlois' Welzijn" works in Charlois; ``medewerker`` works there. ``beheerder`` is an
    admin, ``opdrachtgever`` a commissioner of the municipality.
    """
    rotterdam = area("GM0599", "Rotterdam", Area.Level.MUNICIPALITY)
    charlois = area("GB059901", "Charlois", Area.Level.DISTRICT, rotterdam, synthetic=True)
    feijenoord = area("GB059902", "Feijenoord", Area.Level.DISTRICT, rotterdam,
                      synthetic=True)
    pernis = area("GB059903", "Pernis", Area.Level.DISTRICT, rotterdam, synthetic=True)
    tarwewijk = area("WK059901", "Tarwewijk", Area.Level.NEIGHBOURHOOD, charlois)
    carnisse = area("WK059902", "Carnisse", Area.Level.NEIGHBOURHOOD, charlois)
    afrikaanderwijk = area("WK059903", "Afrikaanderwijk", Area.Level.NEIGHBOURHOOD,
                           feijenoord)
    welzijn = OrganisationFactory(name="Charlois' Welzijn", short_name="CW")
    welzijn.areas.set([charlois])
    branch = OrganisationFactory(name="Brancheorganisatie", short_name="BR", kind="branch")
    city = OrganisationFactory(name="Gemeente Rotterdam", short_name="GEM",
                               kind="commissioner")
    people = {}
    for username, org, role in [("medewerker", welzijn, Role.WORKER),
                                ("beheerder", branch, Role.ADMIN),
                                ("opdrachtgever", city, Role.COMMISSIONER)]:
        people[username] = UserFactory(username=username)
        MembershipFactory(user=people[username], organisation=org, role=role)
    return SimpleNamespace(rotterdam=rotterdam, charlois=charlois, feijenoord=feijenoord,
                           pernis=pernis, tarwewijk=tarwewijk, carnisse=carnisse,
                           afrikaanderwijk=afrikaanderwijk, welzijn=welzijn, **people)
