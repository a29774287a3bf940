"""Factories for logbook entries and a small hand-made world to log in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from opbouw.areas.models import Area
from opbouw.assignments.tests.factories import AssignmentFactory, CommissionerFactory
from opbouw.logbook.models import Activity
from opbouw.methods.models import Intervention, Offer
from opbouw.organisations.models import WorkerProfile
from opbouw.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    WorkerProfileFactory,
)

# Every test of the logbook runs on this day (a Monday), so "today" and "future" are fixed.
TODAY = dt.date(2026, 6, 15)


class ActivityFactory(factory.django.DjangoModelFactory):
    """A logbook entry written directly (no validation): hand-made rows for computations."""

    class Meta:
        model = Activity

    date = TODAY
    worker = factory.SubFactory(UserFactory)
    assignment = factory.SubFactory(AssignmentFactory)
    organisation = factory.LazyAttribute(lambda a: a.assignment.provider)
    area = factory.LazyAttribute(lambda a: a.assignment.areas.first())
    contact_form = "group"
    participants = 10
    new_participants = 2
    volunteers = 1
    hours = Decimal("2.00")
    description = factory.Sequence(lambda n: f"Bewonersavond {n}")


def area(code: str, name: str, level: str, parent: Area | None = None) -> Area:
    return Area.objects.create(code=code, name=name, level=level, parent=parent,
                               path=f"{parent.path}/{code}" if parent else code)


def intervention(name: str, owner, *, published: bool = True) -> Intervention:
    return Intervention.objects.create(
        name=name, kind="activity", summary=f"{name}.", target="group", owner=owner,
        status="published" if published else "draft")


def make_world() -> dict:
    """One provider working in one neighbourhood of a district, its people and interventions.

    - ``worker`` (coached by ``coach``) and ``colleague`` (no coach) log for ``assignment``
      (neighbourhood ``wk``, with sub-area ``bu``); ``manager`` runs the provider;
    - ``outsider`` works for another provider, ``official`` for the commissioner;
    - ``planned`` is planned in the assignment, ``offered`` offered by the provider in the
      district, ``elsewhere`` offered only in another district, ``draft`` not published.
    """
    gm = area("GM0001", "Stad", "municipality")
    gb = area("GB000101", "Oost", "district", gm)
    wk = area("WK000101", "Oosterwijk", "neighbourhood", gb)
    wk2 = area("WK000102", "Hoekwijk", "neighbourhood", gb)
    bu = area("BU00010101", "Oosterbuurt", "subneighbourhood", wk)
    west = area("GB000102", "West", "district", gm)
    wk_west = area("WK000201", "Westwijk", "neighbourhood", west)
    provider = OrganisationFactory(name="Stichting Oost", short_name="OOST")
    other = OrganisationFactory(name="Stichting West", short_name="WEST")
    commissioner = CommissionerFactory(name="Deelgemeente Oost", short_name="DGO")
    commissioner.areas.set([gb])

    def person(username, org, role, **profile):
        user = UserFactory(username=username, first_name=username.capitalize(),
                           last_name="Test")
        if role in ("worker", "coach"):
            WorkerProfileFactory(user=user, organisation=org, **profile)
        if role != "worker":
            MembershipFactory(user=user, organisation=org, role=role)
        return user

    coach = person("coach", provider, "coach")
    worker = person("werker", provider, "worker", coach=coach)
    WorkerProfile.objects.get(user=worker).areas.set([wk])
    colleague = person("collega", provider, "worker")
    manager = person("manager", provider, "manager")
    outsider = person("buiten", other, "worker")
    official = person("ambtenaar", commissioner, "commissioner")

    assignment = AssignmentFactory(provider=provider, commissioner=commissioner,
                                   title="Opbouwwerk Oosterwijk", areas=[wk])
    planned = intervention("Buurtbarbecue", provider)
    offered = intervention("Buurtbemiddeling", other)
    elsewhere = intervention("Taalcafé", provider)
    draft = intervention("Nieuw idee", provider, published=False)
    assignment.interventions.set([planned, draft])
    offer = Offer.objects.create(organisation=provider, intervention=offered,
                                 starts_on=dt.date(2026, 1, 1))
    offer.areas.set([gb])
    far = Offer.objects.create(organisation=provider, intervention=elsewhere,
                               starts_on=dt.date(2026, 1, 1))
    far.areas.set([west])
    return {
        "gb": gb, "wk": wk, "wk2": wk2, "bu": bu, "west": west, "wk_west": wk_west,
        "provider": provider, "other": other, "commissioner": commissioner,
        "worker": worker, "coach": coach, "colleague": colleague, "manager": manager,
        "outsider": outsider, "official": official, "assignment": assignment,
        "planned": planned, "offered": offered, "elsewhere": elsewhere, "draft": draft,
        "offer": offer,
    }


def values(world: dict, **changes) -> dict:
    """Valid values for ``activity_save`` in the world, with changes."""
    return {
        "date": TODAY, "assignment": world["assignment"], "area": world["wk"],
        "intervention": world["planned"], "contact_form": "group", "participants": 12,
        "new_participants": 3, "volunteers": 2, "hours": Decimal("1.5"),
        "description": "Buurtbarbecue op het plein voorbereid met de bewonerscommissie.",
        "follow_up": "", "target_group": None, "supports_initiative": False, **changes,
    }
