"""Writes of the assignments module: validation per field, locking, amendments, transitions."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from opbouw.access.actor import actor_for
from opbouw.assignments import services
from opbouw.assignments.models import (
    ActionPlan,
    Amendment,
    Assignment,
    Indicator,
    ManualValue,
    ResultAgreement,
)
from opbouw.assignments.tests.conftest import assignment_values
from opbouw.assignments.tests.factories import (
    ActionPlanFactory,
    IndicatorFactory,
    PriorityFactory,
    ResultAgreementFactory,
)
from opbouw.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _errors(exc_info) -> dict:
    return exc_info.value.message_dict


def _new(world, **changes):
    values = {"commissioner": world.c1, "provider": world.p1, "title": "Nieuwe opdracht",
              "areas": [world.wk1], "starts_on": dt.date(2026, 1, 1),
              "ends_on": dt.date(2026, 12, 31), "budget": Decimal("50000"),
              "agreed_hours": Decimal("600")}
    values.update(changes)
    return services.assignment_save(actor=actor_for(world.commissioner), **values)


# Creating and validating ------------------------------------------------------------------

def test_a_valid_assignment_is_created_as_concept_and_audited(world):
    assignment = _new(world, areas=[world.east])
    assert assignment.status == Assignment.Status.CONCEPT
    assert assignment.version == 1
    assert list(assignment.areas.all()) == [world.east]
    assert AuditEvent.objects.filter(action="create", object_type="assignments.assignment",
                                     object_id=str(assignment.pk)).exists()


@pytest.mark.parametrize("changes, field, text", [
    ({"budget": Decimal("-1")}, "budget", "negatief"),
    ({"budget": Decimal("60000000")}, "budget", "hoogstens"),
    ({"agreed_hours": Decimal("0")}, "agreed_hours", "meer dan 0"),
    ({"agreed_hours": Decimal("2000000")}, "agreed_hours", "Hoogstens"),
    ({"ends_on": dt.date(2025, 12, 31)}, "ends_on", "voor de begindatum"),
    ({"ends_on": dt.date(2040, 12, 31)}, "ends_on", "hoogstens 10 jaar"),
    ({"starts_on": dt.date(1990, 1, 1)}, "starts_on", "tussen 2000 en 2100"),
    ({"title": "  "}, "title", "titel"),
    ({"areas": []}, "areas", "minstens één gebied"),
])
def test_bad_input_gets_a_dutch_message_on_its_field_and_nothing_is_written(world, changes,
                                                                            field, text):
    before = Assignment.objects.count()
    with pytest.raises(ValidationError) as exc:
        _new(world, **changes)
    assert text in " ".join(_errors(exc)[field])
    assert Assignment.objects.count() == before


def test_areas_outside_the_commissioners_own_areas_are_named(world):
    with pytest.raises(ValidationError) as exc:
        _new(world, areas=[world.wk1, world.wk3])
    message = " ".join(_errors(exc)["areas"])
    assert "Westerwijk" in message and "Deelgemeente Oost" in message
    assert "Oosterwijk" not in message


def test_a_provider_must_be_an_active_provider(world):
    with pytest.raises(ValidationError) as exc:
        _new(world, provider=world.c2)
    assert "provider" in _errors(exc)


def test_priorities_must_belong_to_a_plan_for_the_areas_and_years(world):
    ours = PriorityFactory(plan=ActionPlanFactory(commissioner=world.c1, area=world.east,
                                                  year=2026))
    other_year = PriorityFactory(plan=ActionPlanFactory(commissioner=world.c1, area=world.east,
                                                        year=2024))
    other_area = PriorityFactory(plan=ActionPlanFactory(commissioner=world.c2, area=world.west,
                                                        year=2026))
    assignment = _new(world, priorities=[ours])
    assert list(assignment.priorities.all()) == [ours]
    for wrong in (other_year, other_area):
        with pytest.raises(ValidationError) as exc:
            _new(world, priorities=[ours, wrong])
        assert wrong.title in " ".join(_errors(exc)["priorities"])


def test_planned_interventions_must_be_published(world):
    from opbouw.methods.models import Intervention

    draft = Intervention.objects.create(name="Concept", kind="activity", summary="x.",
                                        target="group", owner=world.p1)
    with pytest.raises(ValidationError) as exc:
        _new(world, interventions=[draft])
    assert "gepubliceerde" in " ".join(_errors(exc)["interventions"])


# Optimistic locking and amendments --------------------------------------------------------

def test_a_save_based_on_an_older_version_is_refused_and_nothing_is_written(world):
    running = world.running
    opened_by_first = Assignment.objects.get(pk=running.pk)
    opened_by_second = Assignment.objects.get(pk=running.pk)
    services.assignment_save(actor=actor_for(world.commissioner), assignment=opened_by_first,
                             version=1,
                             reason="Meer uren", **assignment_values(
                                 opened_by_first, agreed_hours=Decimal("1200"),
                                 budget=Decimal("120000.00")))
    with pytest.raises(services.StaleVersion) as exc:
        services.assignment_save(actor=actor_for(world.commissioner2), assignment=opened_by_second,
                                 version=1, reason="Andere titel",
                                 **assignment_values(opened_by_second, title="Overschreven"))
    message = exc.value.messages[0]
    assert "Iemand anders heeft deze opdracht intussen gewijzigd" in message
    assert "Opdrachtgever1 Test" in message  # who changed it first
    fresh = Assignment.objects.get(pk=running.pk)
    assert fresh.title == "Lopend Oost" and fresh.agreed_hours == Decimal("1200")
    assert fresh.version == 2
    assert Amendment.objects.filter(assignment=running).count() == 1


def test_the_version_is_checked_in_the_database_not_only_in_memory(world):
    """Two forms opened on version 1: the one that saves second loses, even with fresh objects."""
    a = Assignment.objects.get(pk=world.running.pk)
    Assignment.objects.filter(pk=a.pk).update(version=2)  # someone saved meanwhile
    with pytest.raises(services.StaleVersion):
        services.assignment_save(actor=actor_for(world.commissioner), assignment=a, version=1,
                                 reason="x", **assignment_values(a, title="Te laat"))
    assert Assignment.objects.get(pk=a.pk).title == "Lopend Oost"


def test_a_change_to_a_running_assignment_needs_a_reason(world):
    a = world.running
    with pytest.raises(ValidationError) as exc:
        services.assignment_save(actor=actor_for(world.commissioner), assignment=a, version=1,
                                 **assignment_values(a, budget=Decimal("120000")))
    assert "reden" in " ".join(_errors(exc)["reason"])
    assert Assignment.objects.get(pk=a.pk).budget == Decimal("100000.00")
    assert not Amendment.objects.filter(assignment=a).exists()


def test_an_amendment_records_old_and_new_values_readably_and_raises_the_version(world):
    a = world.running
    services.assignment_save(
        actor=actor_for(world.commissioner), assignment=a, version=1, reason="Extra inzet",
        **assignment_values(a, budget=Decimal("120000"), areas=[world.wk1, world.wk2],
                            ends_on=dt.date(2027, 3, 31)))
    amendment = Amendment.objects.get(assignment=a)
    assert amendment.version == 2 and amendment.reason == "Extra inzet"
    assert amendment.actor == world.commissioner
    assert amendment.changes == {
        "areas": ["Oosterwijk (WK000101)", "Molenbuurt (WK000102); Oosterwijk (WK000101)"],
        "ends_on": ["31 dec 2026", "31 mrt 2027"],
        "budget": ["€ 100.000,00", "€ 120.000,00"],
    }
    assert Assignment.objects.get(pk=a.pk).version == 2


def test_saving_without_changes_writes_nothing(world):
    a = world.running
    services.assignment_save(actor=actor_for(world.commissioner), assignment=a, version=1,
                             **assignment_values(a))
    assert Assignment.objects.get(pk=a.pk).version == 1
    assert not Amendment.objects.exists()


def test_concept_changes_raise_the_version_without_history(world):
    a = world.concept
    services.assignment_save(actor=actor_for(world.commissioner), assignment=a, version=1,
                             **assignment_values(a, title="Beter concept"))
    fresh = Assignment.objects.get(pk=a.pk)
    assert (fresh.title, fresh.version) == ("Beter concept", 2)
    assert not Amendment.objects.filter(assignment=a).exists()


# Status -----------------------------------------------------------------------------------

def test_status_goes_from_concept_to_running_to_finished(world):
    a = world.concept
    services.assignment_set_status(actor=actor_for(world.commissioner), assignment=a,
                                   status="running")
    services.assignment_set_status(actor=actor_for(world.commissioner), assignment=a,
                                   status="finished")
    assert Assignment.objects.get(pk=a.pk).status == "finished"
    history = [am.changes["status"] for am in Amendment.objects.filter(assignment=a)
               .order_by("version")]
    assert history == [["concept", "lopend"], ["lopend", "afgerond"]]


@pytest.mark.parametrize("start, target", [("running", "concept"), ("concept", "finished"),
                                           ("finished", "concept")])
def test_other_status_changes_are_refused(world, start, target):
    a = world.running
    Assignment.objects.filter(pk=a.pk).update(status=start)
    a.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.assignment_set_status(actor=actor_for(world.commissioner), assignment=a,
                                       status=target)
    assert "kan niet" in " ".join(_errors(exc)["status"])
    assert Assignment.objects.get(pk=a.pk).status == start


def test_reopening_a_finished_assignment_needs_a_reason(world):
    a = world.running
    services.assignment_set_status(actor=actor_for(world.commissioner), assignment=a,
                                   status="finished")
    with pytest.raises(ValidationError) as exc:
        services.assignment_set_status(actor=actor_for(world.commissioner), assignment=a,
                                       status="running")
    assert "reden" in " ".join(_errors(exc)["status"])
    services.assignment_set_status(actor=actor_for(world.commissioner), assignment=a,
                                   status="running",
                                   reason="Verlengd tot de zomer")
    assert Assignment.objects.get(pk=a.pk).status == "running"
    assert Amendment.objects.filter(assignment=a).first().reason == "Verlengd tot de zomer"


def test_a_status_change_with_an_old_version_is_refused(world):
    a = world.running
    Assignment.objects.filter(pk=a.pk).update(version=3)
    with pytest.raises(services.StaleVersion):
        services.assignment_set_status(actor=actor_for(world.commissioner), assignment=a,
                                       status="finished", version=1)


# Result agreements and manual values ------------------------------------------------------

def _indicator(**kwargs) -> Indicator:
    return IndicatorFactory(**kwargs)


def test_an_agreement_period_must_lie_within_the_assignment(world):
    a = world.concept
    with pytest.raises(ValidationError) as exc:
        services.agreement_save(actor=actor_for(world.commissioner), assignment=a,
                                indicator=_indicator(), target=Decimal("10"),
                                starts_on=dt.date(2025, 12, 1), ends_on=dt.date(2026, 6, 30))
    assert "binnen de looptijd" in " ".join(_errors(exc)["starts_on"])
    assert not ResultAgreement.objects.filter(assignment=a).exists()


@pytest.mark.parametrize("aggregation, target, text", [
    ("share", Decimal("120"), "tussen 0 en 100"),
    ("count", Decimal("-3"), "negatief"),
    ("count", Decimal("2.5"), "heel getal"),
])
def test_agreement_targets_fit_the_aggregation(world, aggregation, target, text):
    with pytest.raises(ValidationError) as exc:
        services.agreement_save(actor=actor_for(world.commissioner), assignment=world.concept,
                                indicator=_indicator(aggregation=aggregation), target=target,
                                starts_on=world.year_start, ends_on=world.year_end)
    assert text in " ".join(_errors(exc)["target"])


def test_an_inactive_indicator_cannot_be_chosen(world):
    with pytest.raises(ValidationError) as exc:
        services.agreement_save(actor=actor_for(world.commissioner), assignment=world.concept,
                                indicator=_indicator(is_active=False), target=Decimal("1"),
                                starts_on=world.year_start, ends_on=world.year_end)
    assert "indicator" in _errors(exc)


def test_agreements_of_a_running_assignment_are_amendments(world):
    a = world.running
    indicator = _indicator(name="Bereik")
    with pytest.raises(ValidationError) as exc:
        services.agreement_save(actor=actor_for(world.commissioner), assignment=a,
                                indicator=indicator,
                                target=Decimal("500"), starts_on=world.year_start,
                                ends_on=world.year_end)
    assert "reason" in _errors(exc)
    agreement = services.agreement_save(
        actor=actor_for(world.commissioner), assignment=a, indicator=indicator,
        target=Decimal("500"), baseline=Decimal("400"), starts_on=world.year_start,
        ends_on=world.year_end, reason="Bereik afgesproken")
    amendment = Amendment.objects.get(assignment=a)
    assert amendment.changes == {"afspraak: Bereik": [
        "–", "streefwaarde 500\u00a0aantal, nulwaarde 400\u00a0aantal, 1 jan 2026 – 31 dec 2026"]}
    assert Assignment.objects.get(pk=a.pk).version == 2
    services.agreement_delete(actor=actor_for(world.commissioner), agreement=agreement,
                              reason="Vervalt")
    assert not ResultAgreement.objects.filter(pk=agreement.pk).exists()
    assert Amendment.objects.filter(assignment=a).count() == 2


def test_an_agreement_saved_on_an_older_version_is_refused(world):
    a = world.concept
    indicator = _indicator()
    first = services.agreement_save(actor=actor_for(world.commissioner), assignment=a,
                                    indicator=indicator, target=Decimal("10"),
                                    starts_on=world.year_start, ends_on=world.year_end,
                                    version=1)
    assert Assignment.objects.get(pk=a.pk).version == 2  # others' open forms go stale
    with pytest.raises(services.StaleVersion):
        services.agreement_save(actor=actor_for(world.commissioner), assignment=a, agreement=first,
                                indicator=indicator, target=Decimal("99"),
                                starts_on=world.year_start, ends_on=world.year_end,
                                version=1)
    assert ResultAgreement.objects.get(pk=first.pk).target == Decimal("10")


def test_the_assignment_period_cannot_shrink_past_its_agreements(world):
    a = world.running
    ResultAgreementFactory(assignment=a, indicator=_indicator(name="Uren"))
    with pytest.raises(ValidationError) as exc:
        services.assignment_save(actor=actor_for(world.commissioner), assignment=a, version=1,
                                 reason="Korter", **assignment_values(
                                     a, ends_on=dt.date(2026, 6, 30)))
    assert "Uren" in " ".join(_errors(exc)["ends_on"])


def test_manual_values_lie_within_the_agreement_and_do_not_overlap(world):
    agreement = ResultAgreementFactory(assignment=world.running,
                                       indicator=_indicator(aggregation="count"),
                                       starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 6, 30))
    services.manual_value_save(actor=actor_for(world.manager), agreement=agreement,
                               starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 3, 31),
                               value=Decimal("4"))
    with pytest.raises(ValidationError) as exc:
        services.manual_value_save(actor=actor_for(world.manager), agreement=agreement,
                                   starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 4, 30),
                                   value=Decimal("2"))
    assert "al een waarde" in " ".join(_errors(exc)["starts_on"])
    with pytest.raises(ValidationError) as exc:
        services.manual_value_save(actor=actor_for(world.manager), agreement=agreement,
                                   starts_on=dt.date(2026, 4, 1), ends_on=dt.date(2026, 7, 31),
                                   value=Decimal("2"))
    assert "binnen die van de afspraak" in " ".join(_errors(exc)["starts_on"])
    with pytest.raises(ValidationError) as exc:
        services.manual_value_save(actor=actor_for(world.manager), agreement=agreement,
                                   starts_on=dt.date(2026, 4, 1), ends_on=dt.date(2026, 6, 30),
                                   value=Decimal("-1"))
    assert "value" in _errors(exc)
    assert ManualValue.objects.filter(agreement=agreement).count() == 1


def test_computed_indicators_take_no_manual_values(world):
    agreement = ResultAgreementFactory(
        assignment=world.running,
        indicator=_indicator(source="logbook", computation="logbook.hours"))
    with pytest.raises(ValidationError) as exc:
        services.manual_value_save(actor=actor_for(world.manager), agreement=agreement,
                                   starts_on=world.year_start, ends_on=world.year_end,
                                   value=Decimal("3"))
    assert "berekend" in exc.value.messages[0]


# Action plans and priorities --------------------------------------------------------------

def test_one_plan_per_area_and_year_with_a_friendly_message(world):
    services.action_plan_save(actor=actor_for(world.commissioner), commissioner=world.c1,
                              area=world.east,
                              year=2026, title="WAP Oost 2026")
    with pytest.raises(ValidationError) as exc:
        services.action_plan_save(actor=actor_for(world.commissioner), commissioner=world.c1,
                                  area=world.east, year=2026, title="Nog een")
    message = " ".join(_errors(exc)["year"])
    assert "al een wijkactieplan" in message and "WAP Oost 2026" in message
    assert ActionPlan.objects.count() == 1


def test_a_plan_lies_in_the_commissioners_own_areas(world):
    with pytest.raises(ValidationError) as exc:
        services.action_plan_save(actor=actor_for(world.commissioner), commissioner=world.c1,
                                  area=world.wk3, year=2026, title="Fout gebied")
    assert "buiten het werkgebied" in " ".join(_errors(exc)["area"])


def test_priorities_are_added_in_order_and_used_ones_stay(world):
    plan = services.action_plan_save(actor=actor_for(world.commissioner), commissioner=world.c1,
                                     area=world.east, year=2026, title="WAP")
    first = services.priority_save(actor=actor_for(world.commissioner), plan=plan, domain="safety",
                                   title="Veilige straten")
    second = services.priority_save(actor=actor_for(world.commissioner), plan=plan, domain="own",
                                    title="Eigen doel")
    assert (first.position, second.position) == (1, 2)
    with pytest.raises(ValidationError):
        services.priority_save(actor=actor_for(world.commissioner), plan=plan, domain="nonsense",
                               title="x")
    world.running.priorities.add(first)
    with pytest.raises(ValidationError):
        services.priority_delete(actor=actor_for(world.commissioner), priority=first)
    services.priority_delete(actor=actor_for(world.commissioner), priority=second)
    assert list(plan.priorities.all()) == [first]
    with pytest.raises(ValidationError) as exc:
        services.action_plan_save(actor=actor_for(world.commissioner), plan=plan,
                                  commissioner=world.c1,
                                  area=world.east, year=2027, title="WAP")
    assert "area" in _errors(exc)


# Indicator catalogue ----------------------------------------------------------------------

def _indicator_values(**changes):
    values = {"code": "nieuwe-indicator", "name": "Nieuw", "definition": "Een definitie.",
              "unit": "aantal", "category": "quantity", "aggregation": "count",
              "source": "manual", "polarity": "higher", "computation": ""}
    values.update(changes)
    return values


def test_indicator_codes_are_unique_slugs(world):
    services.indicator_save(actor=actor_for(world.analyst), **_indicator_values())
    with pytest.raises(ValidationError) as exc:
        services.indicator_save(actor=actor_for(world.analyst), **_indicator_values(name="Dubbel"))
    assert "al een indicator" in " ".join(_errors(exc)["code"])
    with pytest.raises(ValidationError) as exc:
        services.indicator_save(actor=actor_for(world.analyst),
                                **_indicator_values(code="met spatie"))
    assert "code" in _errors(exc)


def test_the_computation_must_match_the_source(world):
    with pytest.raises(ValidationError) as exc:
        services.indicator_save(actor=actor_for(world.analyst), **_indicator_values(
            source="signals", computation="logbook.hours"))
    assert "computation" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        services.indicator_save(actor=actor_for(world.analyst),
                                **_indicator_values(source="logbook"))
    assert "rekenregel nodig" in " ".join(_errors(exc)["computation"])
    saved = services.indicator_save(actor=actor_for(world.analyst), **_indicator_values(
        source="logbook", aggregation="sum", computation="logbook.hours"))
    assert saved.computation == "logbook.hours"
    assert services.indicator_save(actor=actor_for(world.analyst), **_indicator_values(
        code="meting", source="measurement")).computation == ""


def test_a_code_in_use_cannot_change(world):
    indicator = services.indicator_save(actor=actor_for(world.analyst), **_indicator_values())
    ResultAgreementFactory(assignment=world.running, indicator=indicator)
    with pytest.raises(ValidationError) as exc:
        services.indicator_save(actor=actor_for(world.analyst), indicator=indicator,
                                **_indicator_values(code="andere-code"))
    assert "kan daarom niet" in " ".join(_errors(exc)["code"])
    changed = services.indicator_save(actor=actor_for(world.analyst), indicator=indicator,
                                      **_indicator_values(name="Betere naam"))
    assert (changed.code, changed.name) == ("nieuwe-indicator", "Betere naam")


def test_the_shipped_catalogue_names_registered_computations_of_its_source(db):
    from opbouw.assignments.indicators import computation

    shipped = Indicator.objects.exclude(computation="")
    assert shipped.count() >= 10
    for indicator in shipped:
        comp = computation(indicator.computation)
        assert comp is not None, indicator.code
        assert comp.source == indicator.source, indicator.code
