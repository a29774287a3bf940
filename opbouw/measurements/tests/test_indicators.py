"""Result agreements on instrument scores and changes, against values worked out by hand."""

import datetime as dt
from decimal import Decimal

import pytest

from opbouw.access.actor import NOBODY
from opbouw.assignments.indicators import Period, computation
from opbouw.assignments.models import Indicator
from opbouw.assignments.tests.factories import AssignmentFactory, ResultAgreementFactory
from opbouw.measurements import services
from opbouw.measurements.models import IndicatorMeasure, MeasurementRound
from opbouw.measurements.tests.factories import (
    DimensionFactory,
    InstrumentFactory,
    ItemFactory,
    RoundFactory,
)
from opbouw.organisations.tests.factories import AreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(db):
    instrument = InstrumentFactory(code="buurt_test")
    dimension = DimensionFactory(instrument=instrument, code="samen")
    item = ItemFactory(instrument=instrument, dimension=dimension, code="b_1")
    north, south = AreaFactory(), AreaFactory()
    assignment = AssignmentFactory(areas=[north, south])
    return instrument, item, north, south, assignment


def agreement_on(assignment, key, code):
    indicator = Indicator.objects.create(
        code=f"test-{key.split('.')[1]}", name="Test", definition="Test", unit="score",
        category="better_off", aggregation="mean", source="measurement", computation=key)
    IndicatorMeasure.objects.create(indicator=indicator, instrument_code=code,
                                    dimension_code="samen")
    return ResultAgreementFactory(assignment=assignment, indicator=indicator)


def held(instrument, assignment, area, day, values, **extra):
    r = RoundFactory(instrument=instrument, organisation=assignment.provider, area=area,
                     assignment=assignment, held_on=dt.date(2026, *day), **extra)
    services.responses_add(actor=NOBODY, measurement_round=r,
                           rows=[{"answers": {"b_1": v}} for v in values])
    return r


def value(agreement, key):
    a = agreement.assignment
    return computation(key).compute(Period(assignment=a, starts_on=a.starts_on,
                                           ends_on=a.ends_on, agreement=agreement))


def test_score_weights_the_latest_round_per_area_by_respondents(setting):
    instrument, _item, north, south, assignment = setting
    agreement = agreement_on(assignment, "measurements.score", "buurt_test")
    held(instrument, assignment, north, (2, 1), [1, 1, 1, 1, 1])        # older: not counted
    held(instrument, assignment, north, (6, 1), [2, 3, 4, 3, 3])        # mean 3, n 5
    held(instrument, assignment, south, (5, 1), [4, 4, 5, 5, 4, 5, 4, 5, 4, 5])  # 4.5, n 10
    held(instrument, assignment, south, (6, 2), [5, 5, 5])              # n 3: hidden
    # The latest per area: north 3 (n 5) and south's June round, hidden with 3 respondents,
    # so only north counts: 3.00. Without the hidden one south would have weighed in.
    assert value(agreement, "measurements.score") == Decimal("3.00")
    MeasurementRound.objects.filter(held_on=dt.date(2026, 6, 2)).delete()
    # north 3 x 5 + south 4.5 x 10 = 60 over 15 respondents = 4.00
    assert value(agreement, "measurements.score") == Decimal("4.00")


def test_change_reads_follow_ups_with_their_baselines(setting):
    instrument, _item, north, _south, assignment = setting
    agreement = agreement_on(assignment, "measurements.change", "buurt_test")
    baseline = held(instrument, assignment, north, (1, 15), [1, 2, 3, 4, 5])      # mean 3
    held(instrument, assignment, north, (9, 1), [3, 4, 5, 5, 4, 3],               # mean 4
         kind=MeasurementRound.Kind.FOLLOW_UP, baseline=baseline)
    assert value(agreement, "measurements.change") == Decimal("1.00")


def test_no_rounds_rounds_elsewhere_or_no_link_mean_unknown(setting):
    instrument, _item, north, _south, assignment = setting
    agreement = agreement_on(assignment, "measurements.score", "buurt_test")
    assert value(agreement, "measurements.score") is None
    other = AssignmentFactory(provider=assignment.provider, areas=[north])
    held(instrument, other, north, (6, 1), [2, 3, 4, 3, 3])
    assert value(agreement, "measurements.score") is None
    IndicatorMeasure.objects.all().delete()
    held(instrument, assignment, north, (6, 1), [2, 3, 4, 3, 3])
    assert value(agreement, "measurements.score") is None


def test_shipped_measurement_indicators_point_at_shipped_dimensions(db):
    from opbouw.measurements.models import Dimension

    measures = list(IndicatorMeasure.objects.select_related("indicator"))
    assert len(measures) >= 5
    for m in measures:
        assert m.indicator.source == "measurement"
        assert computation(m.indicator.computation) is not None
        assert Dimension.objects.filter(instrument__code=m.instrument_code,
                                        code=m.dimension_code).exists(), m


def test_analysts_link_an_indicator_to_a_dimension_others_only_read(demo, login):
    from opbouw.core.models import AuditEvent

    indicator = Indicator.objects.get(code="samenhang-score")
    client = login("manager")
    page = client.get("/metingen/indicatoren/").content.decode()
    assert "Sociale samenhang in de buurt" in page and "<select" not in page
    assert client.post("/metingen/indicatoren/", {"indicator": indicator.pk,
                                                  "dimensie": "sociaal_vertrouwen/vertrouwen_buren"}
                       ).status_code == 403
    client = login("analist")
    assert "<select" in client.get("/metingen/indicatoren/").content.decode()
    client.post("/metingen/indicatoren/", {"indicator": indicator.pk,
                                           "dimensie": "sociaal_vertrouwen/vertrouwen_buren"})
    indicator.measure.refresh_from_db()
    assert (indicator.measure.instrument_code, indicator.measure.dimension_code) == (
        "sociaal_vertrouwen", "vertrouwen_buren")
    assert AuditEvent.objects.filter(object_type="measurements.indicatormeasure").exists()
    response = client.post("/metingen/indicatoren/", {"indicator": indicator.pk,
                                                      "dimensie": "bestaat_niet/nee"}, follow=True)
    assert "Kies een dimensie van een bestaand meetinstrument" in response.content.decode()
    indicator.measure.refresh_from_db()
    assert indicator.measure.instrument_code == "sociaal_vertrouwen"
    manual = Indicator.objects.get(code="tevredenheid")
    response = client.post("/metingen/indicatoren/", {"indicator": manual.pk,
                                                      "dimensie": "sociale_samenhang/samenhang"},
                           follow=True)
    assert "Kies een meetindicator" in response.content.decode()
    assert not IndicatorMeasure.objects.filter(indicator=manual).exists()


def test_demo_assignment_shows_the_measured_change_on_its_page(demo, login):
    from opbouw.assignments.models import ResultAgreement

    agreement = ResultAgreement.objects.get(indicator__code="samenhang-verandering",
                                            assignment__provider__short_name="SONOR",
                                            assignment__status="running")
    assert value(agreement, "measurements.change") is not None
    page = login("opdrachtgever").get(f"/opdrachten/{agreement.assignment.pk}/")
    assert page.status_code == 200
    assert "Verandering in sociale samenhang" in page.content.decode()


def test_the_estimate_of_one_place_carries_its_own_interval(setting):
    from opbouw.measurements import statistics as st

    instrument, _item, north, _south, assignment = setting
    agreement = agreement_on(assignment, "measurements.change", "buurt_test")
    baseline = held(instrument, assignment, north, (1, 15), [1, 2, 3, 4, 5])
    held(instrument, assignment, north, (9, 1), [3, 4, 5, 5, 4, 3],
         kind=MeasurementRound.Kind.FOLLOW_UP, baseline=baseline)
    a = agreement.assignment
    found = computation("measurements.change").estimate(
        Period(assignment=a, starts_on=a.starts_on, ends_on=a.ends_on, agreement=agreement))
    welch = st.mean_difference(st.mean_interval([1, 2, 3, 4, 5]),
                               st.mean_interval([3, 4, 5, 5, 4, 3]))
    assert found.value == Decimal("1.00")
    assert float(found.low) == pytest.approx(welch.low, abs=0.01)
    assert float(found.high) == pytest.approx(welch.high, abs=0.01)


def test_the_estimate_of_two_places_pools_their_standard_errors(setting):
    instrument, _item, north, south, assignment = setting
    agreement = agreement_on(assignment, "measurements.score", "buurt_test")
    held(instrument, assignment, north, (6, 1), [2, 3, 4, 3, 3])
    held(instrument, assignment, south, (5, 1), [4, 4, 5, 5, 4, 5, 4, 5, 4, 5])
    a = agreement.assignment
    period = Period(assignment=a, starts_on=a.starts_on, ends_on=a.ends_on, agreement=agreement)
    found = computation("measurements.score").estimate(period)
    from opbouw.measurements import statistics as st

    north_ci = st.mean_interval([2, 3, 4, 3, 3])
    south_ci = st.mean_interval([4, 4, 5, 5, 4, 5, 4, 5, 4, 5])
    half = ((5 / 15 * (north_ci.high - north_ci.low) / 2) ** 2
            + (10 / 15 * (south_ci.high - south_ci.low) / 2) ** 2) ** 0.5
    assert found.value == Decimal("4.00")
    assert float(found.high) == pytest.approx(4 + half, abs=0.01)


def test_the_assignment_page_never_calls_a_possible_chance_change_reached(setting):
    from opbouw.assignments.selectors import agreement_progress

    instrument, _item, north, _south, assignment = setting
    agreement = agreement_on(assignment, "measurements.change", "buurt_test")
    agreement.target = Decimal("0.3")
    agreement.save()
    baseline = held(instrument, assignment, north, (1, 15), [1, 2, 3, 4, 5])      # mean 3
    held(instrument, assignment, north, (9, 1), [2, 3, 4, 5, 4, 3],               # mean 3.5
         kind=MeasurementRound.Kind.FOLLOW_UP, baseline=baseline)
    progress = agreement_progress(agreement, today=dt.date(2026, 12, 31))
    assert progress.value == Decimal("0.50") and progress.low < 0 < progress.high
    assert progress.status == "unsure" and not progress.reached
