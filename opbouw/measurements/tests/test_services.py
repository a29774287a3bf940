"""Writes: bad input gets a Dutch message per field and writes nothing; versions; shipped data."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from opbouw.access.actor import NOBODY
from opbouw.measurements import instruments, services
from opbouw.measurements.models import (
    Answer,
    Dimension,
    DimensionAggregate,
    Instrument,
    Item,
    MeasurementRound,
    Response,
)
from opbouw.measurements.tests.factories import (
    AnswerScaleFactory,
    DimensionFactory,
    InstrumentFactory,
    ItemFactory,
    RoundFactory,
)
from opbouw.organisations.tests.factories import AreaFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_item(db):
    instrument = InstrumentFactory()
    dimension = DimensionFactory(instrument=instrument)
    item = ItemFactory(instrument=instrument, dimension=dimension, code="sc_1")
    ItemFactory(instrument=instrument, dimension=dimension, code="sc_2", scale=item.scale,
                required=False)
    return instrument, dimension, item


def errors_of(call, **kwargs) -> dict:
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.message_dict


def test_answers_outside_the_scale_and_missing_answers_write_nothing(one_item):
    instrument, _dimension, _item = one_item
    measurement_round = RoundFactory(instrument=instrument)
    errors = errors_of(services.response_add, actor=NOBODY, measurement_round=measurement_round,
                       answers={"sc_1": 7, "sc_2": "x"})
    assert errors["sc_1"] == ["Het antwoord 7 staat niet op de schaal; kies uit 1, 2, 3, 4, 5."]
    assert "staat niet op de schaal" in errors["sc_2"][0]
    errors = errors_of(services.response_add, actor=NOBODY, measurement_round=measurement_round,
                       answers={"sc_2": 3, "naam": "Jan"})
    assert errors["sc_1"] == ["Beantwoord deze vraag."]
    assert errors[NON_FIELD_ERRORS] == ["Onbekende vraag: naam."]
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_responses_are_numbered_and_a_closed_round_takes_nothing(one_item):
    instrument, _dimension, _item = one_item
    measurement_round = RoundFactory(instrument=instrument)
    first = services.response_add(actor=NOBODY, measurement_round=measurement_round,
                                  answers={"sc_1": "4"})
    second = services.response_add(actor=NOBODY, measurement_round=measurement_round,
                                   answers={"sc_1": 2.0, "sc_2": 5})
    assert (first.number, second.number) == (1, 2)
    assert sorted(Answer.objects.values_list("value", flat=True)) == [2, 4, 5]
    measurement_round.status = MeasurementRound.Status.CLOSED
    errors = errors_of(services.response_add, actor=NOBODY, measurement_round=measurement_round,
                       answers={"sc_1": 4})
    assert "gesloten" in errors[NON_FIELD_ERRORS][0]


def test_an_import_is_all_or_nothing_and_adds_nothing_twice(one_item):
    instrument, _dimension, _item = one_item
    measurement_round = RoundFactory(instrument=instrument)
    rows = [{"submission_id": "uuid:1", "answers": {"sc_1": 1}},
            {"submission_id": "uuid:2", "answers": {"sc_1": 9}},
            {"submission_id": "uuid:3", "answers": {"sc_2": 2}}]
    with pytest.raises(ValidationError) as caught:
        services.responses_add(actor=NOBODY, measurement_round=measurement_round, rows=rows)
    assert caught.value.messages == [
        "Rij 2, sc_1: Het antwoord 9 staat niet op de schaal; kies uit 1, 2, 3, 4, 5.",
        "Rij 3, sc_1: Beantwoord deze vraag."]
    assert not Response.objects.exists()
    rows[1]["answers"], rows[2]["answers"] = {"sc_1": 5}, {"sc_1": 2}
    rows.append({"submission_id": "uuid:1", "answers": {"sc_1": 3}})  # the same one again
    assert services.responses_add(actor=NOBODY, measurement_round=measurement_round,
                                  rows=rows) == {"added": 3, "skipped": 1}
    assert services.responses_add(actor=NOBODY, measurement_round=measurement_round,
                                  rows=rows) == {"added": 0, "skipped": 4}
    assert measurement_round.responses.count() == 3


def test_totals_with_bad_numbers_get_a_message_per_field(one_item):
    instrument, dimension, _item = one_item
    measurement_round = RoundFactory(instrument=instrument,
                                     mode=MeasurementRound.Mode.AGGREGATES)
    save = services.aggregate_save
    common = {"actor": NOBODY, "measurement_round": measurement_round, "dimension": dimension}
    assert errors_of(save, **common, n=-3, mean=3) == {
        "n": ["Het aantal respondenten is een heel getal van 1 of meer."]}
    assert errors_of(save, **common, n=10, mean="5,5") == {
        "mean": ["Het gemiddelde moet tussen 1 en 5 liggen."]}
    assert errors_of(save, **common, n=10, mean="drie")["mean"] == [
        "Vul het gemiddelde in als getal, bijvoorbeeld 3,4."]
    assert errors_of(save, **common, n=10, mean=3, sd=-1) == {
        "sd": ["De standaardafwijking ligt tussen 0 en 4."]}
    assert errors_of(save, **common, n=10, mean=3, distribution={3: 8})["distribution"] == [
        "De aantallen per score tellen op tot 8, niet tot het aantal respondenten (10)."]
    assert errors_of(save, **common, n=2, mean=3, distribution={9: 2})["distribution"] == [
        "De score 9 staat niet op de schaal."]
    # Several items: the mean may differ from the rounded scores' mean by at most 0.5.
    assert errors_of(save, **common, n=2, mean="4,9", distribution={3: 2})["mean"] == [
        "Het gemiddelde past niet bij de verdeling: die geeft 3,00."]
    assert not DimensionAggregate.objects.exists()
    responses = RoundFactory(instrument=instrument)
    assert errors_of(save, **{**common, "measurement_round": responses}, n=5, mean=3) == {
        NON_FIELD_ERRORS: ["In deze meetronde worden antwoorden per respondent ingevoerd."]}


def test_totals_of_several_dimensions_are_saved_all_or_none(one_item):
    instrument, dimension, _item = one_item
    measurement_round = RoundFactory(instrument=instrument,
                                     mode=MeasurementRound.Mode.AGGREGATES)
    good = services.Totals(dimension=dimension, n=10, mean="3,5")
    bad = services.Totals(dimension=dimension, n=10, mean="9")
    with pytest.raises(services.TotalsRefused) as refused:
        services.aggregates_save(actor=NOBODY, measurement_round=measurement_round,
                                 totals=[good, bad])
    assert refused.value.errors[dimension.pk].message_dict == {
        "mean": ["Het gemiddelde moet tussen 1 en 5 liggen."]}
    assert not DimensionAggregate.objects.exists()  # the good one is undone too
    saved = services.aggregates_save(actor=NOBODY, measurement_round=measurement_round,
                                     totals=[good])
    assert [(a.n, a.mean) for a in saved] == [(10, Decimal("3.500"))]


@pytest.fixture
def place(db):
    """A provider and a neighbourhood in the district it works in."""
    district = AreaFactory(level="district", code="GB059901")
    provider = OrganisationFactory()
    provider.areas.add(district)
    area = AreaFactory(parent=district)
    return provider, area


def with_results(measurement_round, item_codes=("sc_1",), n=5):
    """Give a round n respondents, enough to show its results."""
    services.responses_add(actor=NOBODY, measurement_round=measurement_round,
                           rows=[{"answers": dict.fromkeys(item_codes, 4)}] * n)
    return measurement_round


def test_a_follow_up_needs_a_matching_baseline(one_item, place):
    instrument, _dimension, _item = one_item
    provider, area = place
    common = {"actor": NOBODY, "instrument": instrument, "organisation": provider, "area": area}
    errors = errors_of(services.round_create, **common, held_on=dt.date(2026, 3, 1),
                       kind=MeasurementRound.Kind.FOLLOW_UP)
    assert errors == {"baseline": [
        "Een vervolgmeting hoort bij een eerdere nulmeting met hetzelfde instrument in "
        "hetzelfde gebied (en dezelfde groep). Die is er niet: maak eerst de nulmeting aan."]}
    baseline = with_results(services.round_create(**common, held_on=dt.date(2025, 3, 1),
                                                  group="Moestuin"))
    # Without naming the baseline: found by instrument, area and group (case and spaces aside).
    follow_up = services.round_create(**common, held_on=dt.date(2026, 3, 1),
                                      kind=MeasurementRound.Kind.FOLLOW_UP, group=" moestuin ")
    assert follow_up.baseline == baseline
    elsewhere = services.round_create(**{**common, "area": AreaFactory(parent=area.parent)},
                                      held_on=dt.date(2025, 3, 1))
    errors = errors_of(services.round_create, **common, held_on=dt.date(2024, 1, 1),
                       kind=MeasurementRound.Kind.FOLLOW_UP, baseline=elsewhere)
    assert errors["baseline"] == ["De nulmeting is in een ander gebied gehouden.",
                                  "De nulmeting moet eerder zijn gehouden dan de "
                                  "vervolgmeting."]
    assert MeasurementRound.objects.count() == 3


def test_rounds_refuse_drafts_and_personal_data(one_item, place):
    instrument, _dimension, _item = one_item
    provider, area = place
    common = {"actor": NOBODY, "organisation": provider, "area": area,
              "held_on": dt.date(2025, 3, 1)}
    draft = InstrumentFactory(status=Instrument.Status.DRAFT)
    assert errors_of(services.round_create, **common, instrument=draft) == {
        "instrument": ["Kies een instrument dat in gebruik is."]}
    errors = errors_of(services.round_create, **common, instrument=instrument,
                       group="groep van jan@example.nl")
    assert "persoonsgegevens" in errors["group"][0]
    assert not MeasurementRound.objects.exists()


def test_changing_a_used_instrument_makes_a_new_version(one_item):
    instrument, dimension, item = one_item
    measurement_round = RoundFactory(instrument=instrument)
    services.response_add(actor=NOBODY, measurement_round=measurement_round,
                          answers={"sc_1": 4})
    changed = instruments.item_save(actor=NOBODY, instrument=instrument, item=item, code="sc_1",
                                    text="Nieuwe tekst", scale=item.scale, dimension=dimension)
    new = changed.instrument
    assert new.pk != instrument.pk and new.version == 2 and new.previous == instrument
    instrument.refresh_from_db()
    assert (instrument.status, new.status) == ("retired", "active")
    # The round keeps its version, with its own wording and answers.
    measurement_round.refresh_from_db()
    assert measurement_round.instrument == instrument
    assert Item.objects.get(instrument=instrument, code="sc_1").text == item.text
    assert [i.code for i in new.items.all()] == ["sc_1", "sc_2"]
    assert changed.scale.instrument == new and changed.dimension.instrument == new
    # An unused version changes in place.
    again = instruments.item_save(actor=NOBODY, instrument=new, item=changed, code="sc_1",
                                  text="Nog eens", scale=changed.scale,
                                  dimension=changed.dimension)
    assert again.instrument == new and Instrument.objects.filter(
        code=instrument.code).count() == 2


def test_rungs_of_a_ladder_are_data_an_analyst_changes(db):
    ladder = Instrument.objects.get(code="contactladder")
    scale = ladder.scales.get(code="straatladder")
    assert scale.options.count() == 6
    RoundFactory(instrument=ladder)
    rungs = [(1, "Onbekend"), (2, "Groeten"), (3, "Praatje"), (4, "Samen iets doen"),
             (5, "Afspraken"), (6, "Zelf organiseren"), (7, "Straat als gemeenschap")]
    dimension = ladder.dimensions.get(code="straatladder")
    errors = errors_of(instruments.scale_save, actor=NOBODY, instrument=ladder, scale=scale,
                       code="straatladder", name="Treden", options=rungs)
    assert "past niet in de scores" in errors["options"][0]  # the result range is 1-6
    assert Instrument.objects.filter(code="contactladder").count() == 1  # nothing written
    dim = instruments.dimension_save(
        actor=NOBODY, instrument=ladder, dimension=dimension, code="straatladder",
        name=dimension.name, rule=dimension.rule, threshold=Decimal(5),
        result_min=Decimal(1), result_max=Decimal(7))
    new = dim.instrument
    saved = instruments.scale_save(actor=NOBODY, instrument=new,
                                   scale=new.scales.get(code="straatladder"),
                                   code="straatladder", name="Treden", options=rungs)
    assert saved.instrument == new and saved.options.count() == 7
    assert ladder.scales.get(code="straatladder").options.count() == 6


def test_a_dimension_needs_a_sensible_rule(one_item):
    instrument, dimension, _item = one_item
    save = instruments.dimension_save
    common = {"actor": NOBODY, "instrument": instrument, "dimension": dimension, "code": "d",
              "name": "D"}
    assert errors_of(save, **common, rule=Dimension.Rule.SHARE_AGREEING,
                     result_min=Decimal(1), result_max=Decimal(5))["threshold"] == [
        "Een aandeel heeft een drempel nodig: vanaf welke score telt iemand mee?"]
    assert errors_of(save, **common, rule="mean", result_min=Decimal(5),
                     result_max=Decimal(1))["result_max"] == [
        "De hoogste score moet groter zijn dan de laagste."]
    assert "past niet" in errors_of(save, **common, rule="mean", result_min=Decimal(2),
                                    result_max=Decimal(5))["result_min"][0]
    other = AnswerScaleFactory()
    assert errors_of(instruments.item_save, actor=NOBODY, instrument=instrument, code="x",
                     text="X", scale=other)["scale"] == [
        "Kies een antwoordschaal van dit instrument."]


def test_the_shipped_instruments_are_there_with_their_sources(db):
    shipped = {i.code: i for i in Instrument.objects.all()}
    assert set(shipped) >= {"sociale_samenhang", "sociaal_vertrouwen", "tevredenheid_baten",
                            "contactladder"}
    cohesion = shipped["sociale_samenhang"]
    assert "CBS" in cohesion.source and cohesion.status == "active"
    assert list(cohesion.items.filter(reverse_scored=True).values_list("code", flat=True)) \
        == ["sc_4"]
    assert cohesion.items.count() == 5
    ladder = shipped["contactladder"]
    assert "Movisie" in ladder.source
    codes = set(ladder.dimensions.values_list("code", flat=True))
    for form in ("ergernis", "latente_steun", "verbondenheid", "oog_voor_elkaar", "afspraken"):
        assert {f"{form}_nu", f"{form}_gewenst"} <= codes
    street = ladder.dimensions.get(code="straatladder")
    assert (street.rule, street.threshold) == ("share_at_rung", Decimal(4))
    trust = shipped["sociaal_vertrouwen"]
    assert set(trust.dimensions.values_list("code", flat=True)) == {
        "algemeen_vertrouwen", "vertrouwen_buren"}
    for instrument in shipped.values():  # every item is a valid XLSForm name and is scored
        for item in instrument.items.all():
            item.full_clean()
            assert item.dimension_id is not None
