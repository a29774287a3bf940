"""Products at a unit price and the explicit hourly rate: counts from the logbook, pro rata
agreements, the budget rule, the history and the pages."""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from opbouw.access.actor import actor_for
from opbouw.assignments import indicators, selectors, services
from opbouw.assignments.models import Amendment, Assignment, Product
from opbouw.assignments.services_products import product_delete, product_save
from opbouw.assignments.tests.conftest import assignment_values
from opbouw.assignments.tests.factories import ProductFactory
from opbouw.logbook.models import Activity
from opbouw.logbook.tests.factories import intervention

pytestmark = pytest.mark.django_db

HALF = dict(starts_on=dt.date(2025, 7, 1), ends_on=dt.date(2026, 6, 30))  # clipped: 181 days


def _activity(world, date, *, assignment=None, used=None, initiative=False):
    return Activity.objects.create(
        date=date, worker=world.worker, organisation=world.p1,
        assignment=assignment or world.running, area=world.wk1, contact_form="group",
        participants=5, hours=Decimal("2"), description="Bewonersavond", intervention=used,
        supports_initiative=initiative)


@pytest.fixture
def priced(world):
    """The running assignment (2026, 365 days, budget 100.000, 1.000 hours) at 80 euro an
    hour, with three products (agreed in all 80.000 + 10.000 + 6.000 + 1.000 = 97.000):

    - ``training``: "Training bewonerscommissie", every entry with intervention Training,
      500 euro, 20 agreed;
    - ``initiative``: "Ondersteund bewonersinitiatief", every entry supporting an initiative,
      250 euro, 24 agreed;
    - ``bbq``: "Barbecue met bewoners", entries with intervention Barbecue that supported an
      initiative, 100 euro, 10 agreed.

    Logbook of the assignment: 3 Feb training + initiative; 10 Mar training; 30 Jun barbecue
    + initiative; 30 Jun barbecue; 1 Sep no intervention + initiative. Counted over the year:
    training 2, initiative 3, bbq 1; up to 30 June: 2, 2, 1. An entry of another assignment
    with training and initiative counts for none.
    """
    a = world.running
    Assignment.objects.filter(pk=a.pk).update(hourly_rate=Decimal("80.00"))
    a.refresh_from_db()
    training = intervention("Training", world.p1)
    barbecue = intervention("Barbecue", world.p1)
    a.interventions.set([training, barbecue])
    world.training, world.barbecue = training, barbecue
    world.products = {
        "training": ProductFactory(assignment=a, name="Training bewonerscommissie",
                                   unit="training", unit_price=Decimal("500.00"),
                                   agreed_quantity=20, intervention=training,
                                   initiatives_only=False),
        "initiative": ProductFactory(assignment=a, name="Ondersteund bewonersinitiatief",
                                     unit="initiatief", unit_price=Decimal("250.00"),
                                     agreed_quantity=24),
        "bbq": ProductFactory(assignment=a, name="Barbecue met bewoners", unit="barbecue",
                              unit_price=Decimal("100.00"), agreed_quantity=10,
                              intervention=barbecue, initiatives_only=True),
    }
    _activity(world, dt.date(2026, 2, 3), used=training, initiative=True)
    _activity(world, dt.date(2026, 3, 10), used=training)
    _activity(world, dt.date(2026, 6, 30), used=barbecue, initiative=True)
    _activity(world, dt.date(2026, 6, 30), used=barbecue)
    _activity(world, dt.date(2026, 9, 1), initiative=True)
    _activity(world, dt.date(2026, 2, 3), assignment=world.west_assignment, used=training,
              initiative=True)
    return world


def _by_name(rows):
    return {row["name"]: row for row in rows}


# Counting and pro rata ----------------------------------------------------------------------

def test_products_over_the_whole_term_count_by_intervention_and_initiative(priced):
    a = priced.running
    rows = _by_name(selectors.product_rows(a, starts_on=a.starts_on, ends_on=a.ends_on))
    assert list(rows) == ["Barbecue met bewoners", "Ondersteund bewonersinitiatief",
                          "Training bewonerscommissie"]
    training = rows["Training bewonerscommissie"]
    assert training["product"] == priced.products["training"]
    assert (training["unit"], training["unit_price"]) == ("training", Decimal("500.00"))
    assert (training["agreed"], training["realised"]) == (Decimal("20.0"), 2)
    assert (training["agreed_amount"], training["realised_amount"]) == (
        Decimal("10000.00"), Decimal("1000.00"))
    initiative = rows["Ondersteund bewonersinitiatief"]
    assert (initiative["realised"], initiative["realised_amount"]) == (3, Decimal("750.00"))
    bbq = rows["Barbecue met bewoners"]  # the barbecue without an initiative does not count
    assert (bbq["realised"], bbq["realised_amount"]) == (1, Decimal("100.00"))


def test_a_period_is_clipped_to_the_term_and_agreed_pro_rata_by_days(priced):
    rows = _by_name(selectors.product_rows(priced.running, **HALF))
    # 1 January - 30 June: 181 of 365 days.
    training = rows["Training bewonerscommissie"]
    assert training["agreed"] == Decimal("9.9")  # 20 x 181 / 365 = 9,92
    assert training["agreed_amount"] == Decimal("4958.90")
    assert training["realised"] == 2
    initiative = rows["Ondersteund bewonersinitiatief"]
    assert (initiative["agreed"], initiative["realised"]) == (Decimal("11.9"), 2)
    assert initiative["agreed_amount"] == Decimal("2975.34")
    bbq = rows["Barbecue met bewoners"]
    assert (bbq["agreed"], bbq["agreed_amount"], bbq["realised"]) == (
        Decimal("5.0"), Decimal("495.89"), 1)


def test_the_spend_summary_adds_hours_at_the_rate_and_products(priced):
    summary = selectors.spend_summary(priced.running, realised_hours=Decimal("6.5"), **HALF)
    assert (summary["starts_on"], summary["ends_on"]) == (dt.date(2026, 1, 1),
                                                          dt.date(2026, 6, 30))
    assert summary["hourly_rate"] == Decimal("80.00")
    assert summary["agreed_hours"] == Decimal("495.9")  # 1.000 x 181 / 365
    assert summary["realised_hours"] == Decimal("6.5")
    assert summary["agreed_hours_amount"] == Decimal("39671.23")
    assert summary["realised_hours_amount"] == Decimal("520.00")
    assert len(summary["products"]) == 3
    # 39.671,23 + 4.958,90 + 2.975,34 + 495,89
    assert summary["agreed_total"] == Decimal("48101.36")
    assert summary["realised_total"] == Decimal("2120.00")  # 520 + 1.000 + 500 + 100
    assert summary["budget"] == Decimal("49589.04")
    assert summary["budget_total"] == Decimal("100000.00")
    whole = selectors.spend_summary(priced.running, starts_on=dt.date(2026, 1, 1),
                                    ends_on=dt.date(2026, 12, 31), realised_hours=Decimal(0))
    assert whole["agreed_total"] == Decimal("97000.00")
    assert whole["budget"] == whole["budget_total"]


def test_a_period_outside_the_term_agrees_and_counts_nothing(priced, django_assert_num_queries):
    a = Assignment.objects.get(pk=priced.running.pk)
    with django_assert_num_queries(1):  # the products; nothing to count in no days
        rows = selectors.product_rows(a, starts_on=dt.date(2027, 1, 1),
                                      ends_on=dt.date(2027, 3, 31))
    assert {(r["agreed"], r["realised"], r["agreed_amount"]) for r in rows} == {
        (Decimal("0.0"), 0, Decimal("0.00"))}


def test_products_are_counted_in_one_query_per_assignment(priced, django_assert_num_queries):
    products = list(Product.objects.filter(assignment=priced.running))
    products.append(ProductFactory(assignment=priced.west_assignment))
    with django_assert_num_queries(2):  # two assignments, three and one product
        counts = indicators.product_counts(products, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert counts[priced.products["training"].pk] == 2
    assert counts[products[-1].pk] == 1  # the other assignment's supported initiative


def test_progress_spends_at_the_rate_not_budget_over_hours(priced):
    progress = selectors.assignment_progress(priced.running, today=dt.date(2026, 7, 1))
    assert progress.price_per_hour == Decimal("80.00")
    # 4 entries of 2 hours up to 1 July at 80 euro, plus 2 trainings, 2 initiatives, 1 bbq.
    assert progress.realised_hours == Decimal("8")
    assert progress.budget_spent == Decimal("640.00") + Decimal("1600.00")
    assert progress.prices["agreed_total"] == Decimal("97000.00")


# The hourly rate ----------------------------------------------------------------------------

def test_changing_the_hours_keeps_the_rate_and_records_the_change(world):
    a = world.running  # 1.000 hours at 100 euro, budget 100.000
    saved = services.assignment_save(actor=actor_for(world.commissioner), assignment=a,
                                     version=1, reason="Minder uren",
                                     **assignment_values(a, agreed_hours=Decimal("900")))
    saved.refresh_from_db()
    assert (saved.agreed_hours, saved.hourly_rate, saved.budget) == (
        Decimal("900.0"), Decimal("100.00"), Decimal("100000.00"))
    assert Amendment.objects.get(assignment=a).changes == {
        "agreed_hours": ["1.000 uur", "900 uur"]}


def test_a_new_rate_is_recorded_and_a_new_assignment_gets_budget_over_hours(world):
    a = world.running
    services.assignment_save(actor=actor_for(world.commissioner), assignment=a, version=1,
                             reason="Nieuwe cao",
                             **assignment_values(a, hourly_rate=Decimal("95.50")))
    assert Amendment.objects.get(assignment=a).changes == {
        "hourly_rate": ["€ 100,00", "€ 95,50"]}
    new = services.assignment_save(
        actor=actor_for(world.commissioner), commissioner=world.c1, provider=world.p1,
        title="Nieuw", areas=[world.wk1], starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31), budget=Decimal("50000"), agreed_hours=Decimal("600"))
    assert new.hourly_rate == Decimal("83.33")  # rounded down: 600 hours stay within budget


@pytest.mark.parametrize("changes, field", [
    ({"agreed_hours": Decimal("1100")}, "agreed_hours"),
    ({"hourly_rate": Decimal("120")}, "hourly_rate"),
    ({"budget": Decimal("90000")}, "budget"),
])
def test_more_than_the_budget_is_refused_and_nothing_changes(world, changes, field):
    a = world.running
    ProductFactory(assignment=a)  # 10 x 100 euro on top of the 100.000 of the hours
    a.budget = Decimal("101000.00")
    Assignment.objects.filter(pk=a.pk).update(budget=a.budget)
    with pytest.raises(ValidationError) as exc:
        services.assignment_save(actor=actor_for(world.commissioner), assignment=a, version=1,
                                 reason="Te veel", **assignment_values(a, **changes))
    errors = exc.value.message_dict
    assert list(errors) == [field]
    assert "meer dan het budget" in errors[field][0]
    assert "plus de producten" in errors[field][0]
    fresh = Assignment.objects.get(pk=a.pk)
    assert (fresh.agreed_hours, fresh.hourly_rate, fresh.budget, fresh.version) == (
        Decimal("1000.0"), Decimal("100.00"), Decimal("101000.00"), 1)
    assert not Amendment.objects.filter(assignment=a).exists()


def test_the_rate_has_sane_bounds(world):
    a = world.running
    for rate, text in ((Decimal("-1"), "negatief"), (Decimal("5000"), "hoogstens")):
        with pytest.raises(ValidationError) as exc:
            services.assignment_save(actor=actor_for(world.commissioner), assignment=a,
                                     version=1, reason="x",
                                     **assignment_values(a, hourly_rate=rate,
                                                         budget=Decimal("10000000")))
        assert text in exc.value.message_dict["hourly_rate"][0]


def test_migration_0003_fills_the_rate_from_budget_over_hours(world):
    Assignment.objects.filter(pk=world.running.pk).update(hourly_rate=None,
                                                          budget=Decimal("100000.00"),
                                                          agreed_hours=Decimal("1200.0"))
    module = importlib.import_module(
        "opbouw.assignments.migrations.0003_products_and_hourly_rate")
    module.fill_hourly_rates(apps, None)
    assert Assignment.objects.get(pk=world.running.pk).hourly_rate == Decimal("83.33")


# Saving products ----------------------------------------------------------------------------

def _room(assignment, budget="110000.00"):
    """Budget beside the hours (1.000 at 100 euro) for products."""
    assignment.budget = Decimal(budget)
    Assignment.objects.filter(pk=assignment.pk).update(budget=assignment.budget)


def _save(world, assignment=None, **changes):
    values = {"name": "Training bewonerscommissie", "unit": "training",
              "unit_price": Decimal("50"), "agreed_quantity": 10, "intervention": None,
              "initiatives_only": True, "reason": "Afgesproken", "version": None}
    values.update(changes)
    return product_save(actor=actor_for(world.commissioner),
                        assignment=assignment or world.running, **values)


def test_a_product_of_a_running_assignment_is_an_amendment_and_raises_the_version(world):
    a = world.running
    _room(a)
    with pytest.raises(ValidationError) as exc:
        _save(world, reason="")
    assert "reason" in exc.value.message_dict
    product = _save(world, version=1)
    assert Assignment.objects.get(pk=a.pk).version == 2
    amendment = Amendment.objects.get(assignment=a)
    assert amendment.changes == {"product: Training bewonerscommissie": [
        "–", "Training bewonerscommissie: 10 × training à € 50,00 "
             "(telt: alleen ondersteunde bewonersinitiatieven)"]}
    with pytest.raises(services.StaleVersion):
        _save(world, product=product, agreed_quantity=12, version=1)
    _save(world, product=product, agreed_quantity=12, version=2)
    assert Product.objects.get(pk=product.pk).agreed_quantity == 12
    product_delete(actor=actor_for(world.commissioner), product=product, reason="Vervalt")
    assert not Product.objects.exists()
    assert Amendment.objects.filter(assignment=a).count() == 3
    assert Assignment.objects.get(pk=a.pk).version == 4


def test_a_product_of_a_concept_needs_no_reason_and_no_amendment(world):
    _room(world.concept)
    _save(world, assignment=world.concept, reason="")
    assert not Amendment.objects.exists()
    assert Assignment.objects.get(pk=world.concept.pk).version == 2


def test_personal_data_in_a_product_name_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        _save(world, name="Training voor jan@example.nl", unit="06-12345678")
    errors = exc.value.message_dict
    assert "persoonsgegevens" in errors["name"][0]
    assert "persoonsgegevens" in errors["unit"][0]
    assert not Product.objects.exists()
    assert Assignment.objects.get(pk=world.running.pk).version == 1


def test_a_product_counts_something_and_within_the_budget(world):
    with pytest.raises(ValidationError) as exc:
        _save(world, initiatives_only=False)
    assert "interventie" in exc.value.message_dict["intervention"][0]
    unplanned = intervention("Taalcafé", world.p1)
    with pytest.raises(ValidationError) as exc:
        _save(world, intervention=unplanned)
    assert "gepland" in exc.value.message_dict["intervention"][0]
    # 1.000 hours at 100 euro already take the whole budget of 100.000.
    with pytest.raises(ValidationError) as exc:
        _save(world, unit_price=Decimal("1"), agreed_quantity=1)
    assert "meer dan het budget" in exc.value.message_dict["agreed_quantity"][0]
    with pytest.raises(ValidationError) as exc:
        _save(world, unit_price=None, agreed_quantity=0)
    assert set(exc.value.message_dict) == {"unit_price", "agreed_quantity"}
    assert not Product.objects.exists() and not Amendment.objects.exists()


# Pages --------------------------------------------------------------------------------------

def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_commissioner_adds_a_product_on_the_page_and_sees_it(world):
    Assignment.objects.filter(pk=world.running.pk).update(hourly_rate=Decimal("90.00"))
    client = _client(world.commissioner)
    url = reverse("assignments:product_add", args=[world.running.pk])
    page = client.get(url).content.decode()
    assert "Nu afgesproken: 1.000 uur" in page
    response = client.post(url, {
        "name": "Ondersteund bewonersinitiatief", "unit": "initiatief", "unit_price": "250",
        "agreed_quantity": "24", "intervention": "", "initiatives_only": "on",
        "reason": "Afgesproken in het startgesprek", "version": "1"})
    assert response.status_code == 302
    product = Product.objects.get()
    assert (product.unit_price, product.agreed_quantity) == (Decimal("250.00"), 24)
    detail = client.get(reverse("assignments:detail", args=[world.running.pk])).content.decode()
    assert "Producten en prijs" in detail and "Ondersteund bewonersinitiatief" in detail
    assert "€\u00a096.000,00" in detail  # 90.000 for the hours + 6.000


def test_over_budget_on_the_form_shows_a_field_message_and_saves_nothing(world):
    client = _client(world.commissioner)
    response = client.post(reverse("assignments:product_add", args=[world.running.pk]), {
        "name": "Training", "unit": "training", "unit_price": "500", "agreed_quantity": "3",
        "initiatives_only": "on", "reason": "Erbij", "version": "1"})
    assert response.status_code == 200
    assert "meer dan het budget" in response.content.decode()
    assert not Product.objects.exists()


def test_only_the_commissioner_writes_products(world):
    product = ProductFactory(assignment=world.concept)
    for user, status in ((world.manager, 403), (world.worker, 403), (world.commissioner2, 404)):
        client = _client(user)
        assert client.get(reverse("assignments:product_edit", args=[product.pk])) \
            .status_code == status
    assert _client(world.commissioner).get(
        reverse("assignments:product_delete", args=[product.pk])).status_code == 405
    response = _client(world.commissioner).post(
        reverse("assignments:product_delete", args=[product.pk]))
    assert response.status_code == 302 and not Product.objects.exists()
