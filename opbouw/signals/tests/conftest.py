"""A small world for the signals tests: two districts, two providers, one commissioner."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from opbouw.access.roles import Role
from opbouw.areas.models import Area
from opbouw.assignments.tests.factories import AssignmentFactory, CommissionerFactory
from opbouw.organisations.models import Organisation
from opbouw.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    WorkerProfileFactory,
)
from opbouw.signals.models import Category, Partner


@dataclass
class World:
    today: dt.date
    oost: Area
    oosterwijk: Area
    noorderwijk: Area
    west: Area
    westwijk: Area
    provider: Organisation
    other_provider: Organisation
    commissioner_org: Organisation
    worker: Any
    colleague: Any
    coach: Any
    manager: Any
    outsider: Any
    commissioner: Any
    analyst: Any
    admin: Any
    assignment: Any
    west_assignment: Any
    other_assignment: Any
    category: Category
    partner: Partner

    def client(self, user) -> Client:
        client = Client()
        client.force_login(user)
        return client


def _area(code, name, level, parent=None):
    path = f"{parent.path}/{code}" if parent else code
    return Area.objects.create(code=code, name=name, level=level, parent=parent, path=path)


@pytest.fixture
def world(db) -> World:
    today = timezone.localdate()
    gm = _area("GM0001", "Stad", "municipality")
    oost = _area("GB000101", "Oost", "district", gm)
    oosterwijk = _area("WK000101", "Oosterwijk", "neighbourhood", oost)
    noorderwijk = _area("WK000102", "Noorderwijk", "neighbourhood", oost)
    west = _area("GB000102", "West", "district", gm)
    westwijk = _area("WK000201", "Westwijk", "neighbourhood", west)
    provider = OrganisationFactory(name="Opbouw Oost", short_name="OO")
    other = OrganisationFactory(name="Welzijn West", short_name="WW")
    commissioner_org = CommissionerFactory(name="Gebied Oost")
    commissioner_org.areas.set([oost])

    coach = WorkerProfileFactory(organisation=provider, user=UserFactory(
        username="c", first_name="Cora", last_name="Coach")).user
    MembershipFactory(user=coach, organisation=provider, role=Role.COACH)
    worker_profile = WorkerProfileFactory(organisation=provider, coach=coach, user=UserFactory(
        username="w", first_name="Willem", last_name="Werker"))
    worker_profile.areas.set([oosterwijk])
    colleague = WorkerProfileFactory(organisation=provider, user=UserFactory(
        username="w2", first_name="Karin", last_name="Collega")).user
    manager = UserFactory(username="m", first_name="Mila", last_name="Manager")
    MembershipFactory(user=manager, organisation=provider, role=Role.MANAGER)
    outsider = WorkerProfileFactory(organisation=other, user=UserFactory(
        username="o", first_name="Otto", last_name="Buiten")).user
    commissioner = UserFactory(username="k")
    MembershipFactory(user=commissioner, organisation=commissioner_org, role=Role.COMMISSIONER)
    branch = OrganisationFactory(kind=Organisation.Kind.BRANCH)
    analyst = UserFactory(username="a")
    MembershipFactory(user=analyst, organisation=branch, role=Role.ANALYST)
    admin = UserFactory(username="b")
    MembershipFactory(user=admin, organisation=branch, role=Role.ADMIN)

    period = {"starts_on": today - dt.timedelta(days=200),
              "ends_on": today + dt.timedelta(days=165)}
    assignment = AssignmentFactory(commissioner=commissioner_org, provider=provider,
                                   areas=[oost], title="Opbouwwerk Oost", **period)
    west_assignment = AssignmentFactory(provider=provider, areas=[west], title="West", **period)
    other_assignment = AssignmentFactory(provider=other, areas=[west], title="Ander", **period)
    return World(
        today=today, oost=oost, oosterwijk=oosterwijk, noorderwijk=noorderwijk, west=west,
        westwijk=westwijk, provider=provider, other_provider=other,
        commissioner_org=commissioner_org, worker=worker_profile.user, colleague=colleague,
        coach=coach, manager=manager, outsider=outsider, commissioner=commissioner,
        analyst=analyst, admin=admin, assignment=assignment, west_assignment=west_assignment,
        other_assignment=other_assignment,
        category=Category.objects.get(domain="liveability", name="Vuil en zwerfafval"),
        partner=Partner.objects.get(name="Wijkteam"),
    )
