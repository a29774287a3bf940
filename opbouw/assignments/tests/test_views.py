"""Pages of the assignments module: scoping, forms, Dutch errors, exports, WAPs, indicators."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from opbouw.assignments.models import (
    ActionPlan,
    Amendment,
    Assignment,
    Indicator,
    ManualValue,
    ResultAgreement,
)
from opbouw.assignments.tests.factories import (
    ActionPlanFactory,
    IndicatorFactory,
    PriorityFactory,
    ResultAgreementFactory,
)
from opbouw.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form_data(world, assignment=None, **changes) -> dict:
    a = assignment
    data = {
        "provider": world.p1.pk, "title": a.title if a else "Nieuwe opdracht",
        "description": "", "areas": [area.pk for area in a.areas.all()] if a else [world.wk1.pk],
        "starts_on": "2026-01-01", "ends_on": "2026-12-31",
        "budget": str(a.budget).replace(".", ",") if a else "50000",
        "agreed_hours": str(a.agreed_hours).replace(".", ",") if a else "600",
        "hourly_rate": str(a.hourly_rate).replace(".", ",") if a else "",
        "status": a.status if a else "concept", "reason": "",
        "version": a.version if a else "",
    }
    data.update(changes)
    return data


# Scoping ----------------------------------------------------------------------------------

def test_a_commissioner_sees_only_own_assignments(world):
    client = as_user(world.commissioner)
    page = client.get(reverse("assignments:index")).content.decode()
    assert "Lopend Oost" in page and "Concept Oost" in page
    assert "Opdracht West" not in page
    assert client.get(reverse("assignments:detail", args=[world.running.pk])).status_code == 200
    assert client.get(reverse("assignments:detail",
                              args=[world.west_assignment.pk])).status_code == 404
    other = as_user(world.commissioner2)
    assert other.get(reverse("assignments:edit", args=[world.running.pk])).status_code == 404


def test_a_worker_sees_the_organisations_running_assignments_not_concepts(world):
    client = as_user(world.worker)
    page = client.get(reverse("assignments:index")).content.decode()
    assert "Lopend Oost" in page
    assert "Concept Oost" not in page and "Opdracht West" not in page
    assert client.get(reverse("assignments:detail", args=[world.concept.pk])).status_code == 404
    assert as_user(world.manager).get(
        reverse("assignments:detail", args=[world.concept.pk])).status_code == 200


def test_an_outsider_gets_404_and_an_analyst_the_catalogue(world):
    assert as_user(world.outsider).get(
        reverse("assignments:detail", args=[world.running.pk])).status_code == 404
    client = as_user(world.analyst)
    assert client.get(reverse("assignments:detail",
                              args=[world.running.pk])).status_code == 404
    page = client.get(reverse("assignments:index")).content.decode()
    assert reverse("assignments:indicators") in page and reverse("assignments:plans") in page
    assert "Lopend Oost" not in page


def test_the_list_filters_by_status_year_area_and_organisation(world):
    client = as_user(world.commissioner)
    url = reverse("assignments:index")

    def titles(**params):
        page = client.get(url, params).content.decode()
        return {t for t in ("Lopend Oost", "Concept Oost") if t in page}

    assert titles(status="concept") == {"Concept Oost"}
    assert titles(gebied=world.east.code) == {"Lopend Oost", "Concept Oost"}  # sub-areas
    assert titles(gebied=world.wk2.code) == {"Concept Oost"}
    assert titles(jaar="2026") == {"Lopend Oost", "Concept Oost"}
    assert titles(jaar="2025") == set()
    assert titles(opdrachtnemer=str(world.p2.pk)) == set()
    # A value that means nothing is ignored; the other filters still hold.
    assert titles(status="concept", jaar="1999", gebied="GM9999") == {"Concept Oost"}
    assert titles(status="alles", jaar="2026 ") == {"Lopend Oost", "Concept Oost"}
    # Nonsense is ignored, never a 500.
    for junk in ("\x00", "٣", "9" * 40):
        assert client.get(url, {"jaar": junk, "opdrachtgever": junk, "pagina": junk,
                                "gebied": junk}).status_code == 200


def test_the_detail_page_shows_progress_and_history(world):
    agreement = ResultAgreementFactory(assignment=world.running, indicator=IndicatorFactory(
        name="Tevredenheid", aggregation="mean", source="manual"), target=Decimal("8"))
    ManualValue.objects.create(agreement=agreement, starts_on=dt.date(2026, 1, 1),
                               ends_on=dt.date(2026, 3, 31), value=Decimal("7.5"))
    Amendment.objects.create(assignment=world.running, version=2, actor=world.commissioner,
                             reason="Meer uren", changes={"agreed_hours": ["1.000,0", "1.100,0"]})
    page = as_user(world.worker).get(
        reverse("assignments:detail", args=[world.running.pk])).content.decode()
    assert "Tevredenheid" in page and "7,5" in page
    assert "Afgesproken uren" in page and "1.000,0 → 1.100,0" in page and "Meer uren" in page
    assert "Hoe wordt de stand berekend?" in page
    assert reverse("assignments:edit", args=[world.running.pk]) not in page


# Create and edit --------------------------------------------------------------------------

def test_only_commissioners_open_the_form(world):
    assert as_user(world.commissioner).get(reverse("assignments:create")).status_code == 200
    for user in (world.worker, world.manager, world.analyst):
        assert as_user(user).get(reverse("assignments:create")).status_code == 403


def test_creating_an_assignment_through_the_form(world):
    client = as_user(world.commissioner)
    response = client.post(reverse("assignments:create"), _form_data(world, budget="75000,50"))
    created = Assignment.objects.get(title="Nieuwe opdracht")
    assert response.status_code == 302
    assert response["Location"] == reverse("assignments:detail", args=[created.pk])
    assert created.commissioner == world.c1 and created.budget == Decimal("75000.50")


def test_bad_input_shows_dutch_messages_and_writes_nothing(world):
    client = as_user(world.commissioner)
    before = Assignment.objects.count()
    page = client.post(reverse("assignments:create"), _form_data(
        world, budget="-5", ends_on="2025-01-01")).content.decode()
    assert "De einddatum ligt voor de begindatum." in page
    page = client.post(reverse("assignments:create"), _form_data(
        world, budget="-5", areas=[world.wk3.pk])).content.decode()
    assert "Kies gebieden uit de lijst." in page  # not even offered
    page = client.post(reverse("assignments:create"), _form_data(world, budget="-5")).content \
        .decode()
    assert "Het budget kan niet negatief zijn." in page
    page = client.post(reverse("assignments:create"), _form_data(
        world, budget="veel", agreed_hours="")).content.decode()
    assert "Vul een getal in" in page
    assert Assignment.objects.count() == before


def test_a_stale_form_is_refused_with_an_explanation(world):
    client = as_user(world.commissioner)
    url = reverse("assignments:edit", args=[world.running.pk])
    first = client.post(url, _form_data(world, world.running, title="Eerste wijziging",
                                        reason="Titel"))
    assert first.status_code == 302
    page = client.post(url, _form_data(world, world.running, version=1,
                                       title="Tweede wijziging", reason="Titel")).content.decode()
    assert "Iemand anders heeft deze opdracht intussen gewijzigd" in page
    assert "Opdrachtgever1 Test" in page
    assert Assignment.objects.get(pk=world.running.pk).title == "Eerste wijziging"
    for junk in ("", "abc", "\x00", "9" * 30, "٢"):
        page = client.post(url, _form_data(world, world.running, version=junk,
                                           title="Met rommel", reason="Titel")).content.decode()
        assert "Iemand anders heeft deze opdracht intussen gewijzigd" in page
    assert Assignment.objects.get(pk=world.running.pk).title == "Eerste wijziging"


def test_editing_a_running_assignment_requires_a_reason_and_shows_in_history(world):
    client = as_user(world.commissioner)
    url = reverse("assignments:edit", args=[world.running.pk])
    # At the same rate of 100 euro, a smaller budget buys fewer hours.
    cut = {"budget": "90000", "agreed_hours": "900"}
    page = client.post(url, _form_data(world, world.running, **cut)).content.decode()
    assert "geef een reden voor de wijziging" in page
    page = client.post(url, _form_data(world, world.running, budget="90000",
                                       reason="Bezuiniging")).content.decode()
    assert "meer dan het budget" in page  # 1.000 hours at 100 euro do not fit
    client.post(url, _form_data(world, world.running, reason="Bezuiniging", **cut))
    page = client.get(reverse("assignments:detail", args=[world.running.pk])).content.decode()
    assert "Bezuiniging" in page and "€ 100.000,00 → € 90.000,00" in page


def test_status_buttons(world):
    client = as_user(world.commissioner)
    url = reverse("assignments:status", args=[world.concept.pk])
    client.post(url, {"status": "running", "versie": "1"})
    assert Assignment.objects.get(pk=world.concept.pk).status == "running"
    response = client.post(url, {"status": "concept", "versie": "2"}, follow=True)
    assert "De status is niet gewijzigd" in response.content.decode()
    assert as_user(world.manager).post(url, {"status": "finished"}).status_code == 403
    # A post without the version it was read at is stale too: nothing changes.
    client.post(url, {"status": "finished"})
    assert Assignment.objects.get(pk=world.concept.pk).status == "running"


# Agreements and manual values ------------------------------------------------------------

def test_agreement_form_refuses_a_period_outside_the_assignment(world):
    indicator = IndicatorFactory()
    client = as_user(world.commissioner)
    page = client.post(reverse("assignments:agreement_add", args=[world.concept.pk]), {
        "indicator": indicator.pk, "target": "10", "starts_on": "2026-01-01",
        "ends_on": "2027-03-31"}).content.decode()
    assert "binnen de looptijd van de opdracht" in page
    response = client.post(reverse("assignments:agreement_add", args=[world.concept.pk]), {
        "indicator": indicator.pk, "target": "10", "starts_on": "2026-01-01",
        "ends_on": "2026-06-30", "version": "1"})
    assert response.status_code == 302
    assert world.concept.agreements.get().target == Decimal("10")
    assert as_user(world.manager).get(
        reverse("assignments:agreement_add", args=[world.concept.pk])).status_code == 403


def test_a_stale_agreement_form_is_refused_and_the_first_save_stays(world):
    # Two people open the same agreement; the second save must not overwrite the first.
    agreement = ResultAgreementFactory(assignment=world.concept, indicator=IndicatorFactory(),
                                       target=Decimal("10"))
    client = as_user(world.commissioner)
    url = reverse("assignments:agreement_edit", args=[agreement.pk])
    page = client.get(url).content.decode()
    assert 'name="version" value="1"' in page
    data = {"indicator": agreement.indicator_id, "starts_on": "2026-01-01",
            "ends_on": "2026-12-31", "version": "1"}
    assert client.post(url, {**data, "target": "20"}).status_code == 302
    page = client.post(url, {**data, "target": "30"}).content.decode()
    assert "Iemand anders heeft deze opdracht intussen gewijzigd" in page
    assert ResultAgreement.objects.get(pk=agreement.pk).target == Decimal("20")


def test_managers_enter_manual_values_workers_do_not(world):
    agreement = ResultAgreementFactory(assignment=world.running, indicator=IndicatorFactory(
        aggregation="count", source="manual"))
    url = reverse("assignments:manual_value_add", args=[agreement.pk])
    assert as_user(world.worker).get(url).status_code == 403
    assert as_user(world.outsider).get(url).status_code == 404
    client = as_user(world.manager)
    page = client.get(url).content.decode()
    assert "worden opgeteld" in page
    response = client.post(url, {"starts_on": "2026-01-01", "ends_on": "2026-03-31",
                                 "value": "4"})
    assert response.status_code == 302
    page = client.post(url, {"starts_on": "2026-02-01", "ends_on": "2026-03-31",
                             "value": "4"}).content.decode()
    assert "al een waarde ingevoerd" in page
    assert agreement.manual_values.count() == 1
    # The next form proposes the following quarter.
    assert 'value="2026-04-01"' in client.get(url).content.decode()


# Exports ----------------------------------------------------------------------------------

def test_exports_are_scoped_formula_safe_and_audited(world):
    Assignment.objects.filter(pk=world.running.pk).update(title="=SOM(A1)")
    client = as_user(world.commissioner)
    response = client.get(reverse("assignments:export"), {"formaat": "csv"})
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "'=SOM(A1)" in body and "Concept Oost" in body and "Opdracht West" not in body
    assert body.splitlines()[0].startswith("Titel;Opdrachtgever")
    event = AuditEvent.objects.get(action="export")
    assert event.actor == world.commissioner and event.detail.startswith("opdrachten (2 rijen")
    xlsx = client.get(reverse("assignments:export"), {"formaat": "xlsx", "status": "concept"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEvent.objects.filter(action="export", detail__contains="1 rijen, XLSX").exists()


def test_the_export_header_follows_the_language(world):
    client = as_user(world.commissioner)
    client.cookies["django_language"] = "en"
    body = client.get(reverse("assignments:export")).content.decode("utf-8-sig")
    assert body.splitlines()[0].startswith("Title;")


# WAPs and indicators ----------------------------------------------------------------------

def test_plan_pages_show_which_priorities_no_assignment_serves(world):
    plan = ActionPlanFactory(commissioner=world.c1, area=world.east, year=2026,
                             title="WAP Oost")
    served = PriorityFactory(plan=plan, title="Veilige straten")
    PriorityFactory(plan=plan, title="Schone pleinen")
    world.running.priorities.add(served)
    world.west_assignment.priorities.add(served)
    page = as_user(world.worker).get(
        reverse("assignments:plan_detail", args=[plan.pk])).content.decode()
    assert "Lopend Oost" in page and "1 opdracht die u niet kunt inzien" in page
    assert page.count("niet belegd") == 2  # the summary line and the one tag
    assert "Wijzigen of verwijderen" not in page
    assert "Prioriteit toevoegen" in as_user(world.commissioner).get(
        reverse("assignments:plan_detail", args=[plan.pk])).content.decode()
    assert as_user(world.commissioner2).get(
        reverse("assignments:plan_edit", args=[plan.pk])).status_code == 403


def test_a_duplicate_plan_gets_a_friendly_message(world):
    ActionPlanFactory(commissioner=world.c1, area=world.east, year=2026, title="WAP Oost")
    page = as_user(world.commissioner).post(reverse("assignments:plan_create"), {
        "area": world.east.pk, "year": "2026", "title": "Tweede"}).content.decode()
    assert "Voor Oost is er al een wijkactieplan voor 2026" in page
    assert ActionPlan.objects.count() == 1


def test_priorities_inline(world):
    plan = ActionPlanFactory(commissioner=world.c1, area=world.east, year=2026)
    client = as_user(world.commissioner)
    client.post(reverse("assignments:priority_add", args=[plan.pk]),
                {"domain": "safety", "title": "Veilig thuis"})
    priority = plan.priorities.get()
    client.post(reverse("assignments:priority_edit", args=[priority.pk]),
                {f"p{priority.pk}-domain": "own", f"p{priority.pk}-title": "Eigen doel"})
    priority.refresh_from_db()
    assert (priority.domain, priority.title) == ("own", "Eigen doel")
    assert as_user(world.commissioner2).post(
        reverse("assignments:priority_delete", args=[priority.pk])).status_code == 403
    client.post(reverse("assignments:priority_delete", args=[priority.pk]))
    assert not plan.priorities.exists()


def test_the_catalogue_is_grouped_and_only_analysts_edit_it(world):
    page = as_user(world.worker).get(reverse("assignments:indicators")).content.decode()
    for question in ("Hoeveel hebben we gedaan?", "Hoe goed hebben we het gedaan?",
                     "Is er iemand beter van geworden?"):
        assert question in page
    assert as_user(world.commissioner).get(
        reverse("assignments:indicator_create")).status_code == 403
    client = as_user(world.analyst)
    page = client.post(reverse("assignments:indicator_create"), {
        "code": "nieuw", "name": "Nieuw", "definition": "Def.", "unit": "aantal",
        "category": "quality", "aggregation": "mean", "source": "logbook",
        "polarity": "higher", "computation": "signals.count", "is_active": "on",
    }).content.decode()
    assert "Kies een rekenregel die bij de bron logboek hoort." in page
    response = client.post(reverse("assignments:indicator_create"), {
        "code": "nieuw", "name": "Nieuw", "definition": "Def.", "unit": "aantal",
        "category": "quality", "aggregation": "mean", "source": "logbook",
        "polarity": "higher", "computation": "logbook.hours_per_activity", "is_active": "on",
    })
    indicator = Indicator.objects.get(code="nieuw")
    assert response["Location"] == reverse("assignments:indicator_detail", args=[indicator.pk])
    detail = client.get(response["Location"]).content.decode()
    assert "logbook.hours_per_activity" in detail


def test_an_assignment_that_has_not_started_says_when_it_starts(world):
    from opbouw.assignments.models import Assignment

    Assignment.objects.filter(pk=world.concept.pk).update(
        starts_on=dt.date(2099, 1, 1), ends_on=dt.date(2099, 12, 31))
    page = as_user(world.commissioner).get(
        reverse("assignments:detail", args=[world.concept.pk])).content.decode()
    assert "Deze opdracht begint op 1 januari 2099" in page
    assert "Voortgang tot en met" not in page


def test_numbers_and_dates_follow_the_language(world):
    url = reverse("assignments:detail", args=[world.running.pk])
    client = as_user(world.commissioner)
    dutch = client.get(url).content.decode()
    assert "€\u00a0100.000,00" in dutch
    assert "1 januari 2026 – 31 december 2026" in dutch
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert "€\u00a0100,000.00" in english
    assert "1 January 2026 – 31 December 2026" in english
    assert "100.000,00" not in english
