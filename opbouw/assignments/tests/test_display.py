"""The assignment page writes every value once, with its unit and sensible decimals."""

from __future__ import annotations

from decimal import Decimal

from django.test import Client
from django.urls import reverse
from django.utils import translation

from opbouw.access.actor import actor_for
from opbouw.assignments import services
from opbouw.assignments.tests.conftest import assignment_values
from opbouw.assignments.tests.factories import IndicatorFactory, ResultAgreementFactory
from opbouw.assignments.values import value_text


def _page(user, assignment) -> str:
    client = Client()
    client.force_login(user)
    return client.get(reverse("assignments:detail", args=[assignment.pk])).content.decode()


def test_values_get_their_unit_and_sensible_decimals():
    contacts = IndicatorFactory.build(unit="contacten", aggregation="sum")
    money = IndicatorFactory.build(unit="euro", aggregation="mean")
    share = IndicatorFactory.build(unit="%", aggregation="share")
    hours = IndicatorFactory.build(unit="uur", aggregation="sum")
    mark = IndicatorFactory.build(unit="rapportcijfer", aggregation="mean")
    with translation.override("nl"):
        assert value_text(contacts, Decimal("16415.20")) == "16.415\u00a0contacten"
        assert value_text(money, Decimal("22.87")) == "€\u00a022,87"
        assert value_text(share, Decimal("43.0")) == "43%"
        assert value_text(hours, Decimal("5970.00")) == "5.970\u00a0uur"
        assert value_text(hours, Decimal("12.55")) == "12,6\u00a0uur"
        assert value_text(mark, Decimal("7.50")) == "7,5\u00a0rapportcijfer"
        assert value_text(mark, None) == "–"
    with translation.override("en"):
        assert value_text(contacts, Decimal("16415.20")) == "16,415\u00a0contacten"


def test_an_hours_agreement_follows_the_agreed_hours_so_the_page_shows_one_number(world):
    hours = IndicatorFactory(name="Bestede uren", unit="uur", aggregation="sum",
                             source="logbook", computation="logbook.hours")
    ResultAgreementFactory(assignment=world.running, indicator=hours,
                           target=world.running.agreed_hours)
    other = ResultAgreementFactory(assignment=world.running, indicator=hours,
                                   target=Decimal("300"))  # a target of its own stays
    services.assignment_save(
        actor=actor_for(world.commissioner), assignment=world.running,
        version=world.running.version, reason="Meer uren na de zomer",
        # The rate stays at 100 euro, so the budget grows with the hours.
        **assignment_values(world.running, agreed_hours=Decimal("1120"),
                            budget=Decimal("112000.00")))
    world.running.refresh_from_db()
    other.refresh_from_db()
    assert other.target == Decimal("300")
    amendment = world.running.amendments.get()
    assert amendment.changes["agreed_hours"] == ["1.000 uur", "1.120 uur"]
    assert any(key.startswith("afspraak") for key in amendment.changes)

    page = _page(world.commissioner, world.running)
    assert "1.120 uur" in page and "1.120\u00a0uur" in page  # agreed hours and the target
    history = page.index('id="geschiedenis"')
    assert "1.000\u00a0uur" not in page[:history]  # the old number only in the history
    assert "1.000 uur → 1.120 uur" in page
    assert "Nu verwacht:" in page and "verwacht nu" not in page and "van de weg" not in page
    # Finishing is not the page's main action.
    finish = page.index("Opdracht afronden")
    assert "secondary-action" in page[page.rindex("<button", 0, finish):finish]


def test_money_has_cents_and_counts_are_whole(world):
    page = _page(world.commissioner, world.running)
    assert "€\u00a0100.000,00" in page  # the budget
    assert "€\u00a0100,00 per uur" in page
    assert "1.000 uur" in page
