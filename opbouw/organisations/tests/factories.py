"""Factories for organisations, people and memberships."""

import factory

from opbouw.access.roles import Role
from opbouw.accounts.models import User
from opbouw.areas.models import Area
from opbouw.organisations.models import Membership, Organisation, WorkerProfile


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@voorbeeld.example")
    password = factory.django.Password("geheim-wachtwoord-1")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Stichting Opbouw {n}")
    short_name = factory.Sequence(lambda n: f"SO{n}")
    kind = Organisation.Kind.PROVIDER


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.WORKER


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    code = factory.Sequence(lambda n: f"WK0599{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Wijk {n}")
    level = Area.Level.NEIGHBOURHOOD
    path = factory.LazyAttribute(lambda a: f"{a.parent.path}/{a.code}" if a.parent else a.code)
    parent = None


class WorkerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkerProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    function = WorkerProfile.Function.WORKER

    @factory.post_generation
    def membership(self, create, extracted, **kwargs):
        if create:
            Membership.objects.get_or_create(user=self.user, organisation=self.organisation,
                                             role=Role.WORKER)
