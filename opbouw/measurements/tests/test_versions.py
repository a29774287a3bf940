"""Versions and baselines: the confirm step before a new version, the one rule for "the same
dimension" (change page and indicator), and the rules for a round's area and a follow-up's
baseline. Refusals write nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from opbouw.access.actor import NOBODY
from opbouw.access.roles import Role
from opbouw.areas.tree import lies_within
from opbouw.assignments.tests.factories import AssignmentFactory
from opbouw.measurements import instruments, round_rules, selectors, services
from opbouw.measurements.comparison import compare_versions
from opbouw.measurements.models import (
    Dimension,
    IndicatorMeasure,
    Instrument,
    MeasurementRound,
)
from opbouw.measurements.tests.factories import (
    AnswerScaleFactory,
    DimensionFactory,
    InstrumentFactory,
    ItemFactory,
    RoundFactory,
)
from opbouw.measurements.tests.test_indicators import agreement_on, value
from opbouw.measurements.tests.test_services import errors_of, with_results
from opbouw.organisations.tests.factories import (
    AreaFactory,
    MembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db
FOLLOW_UP = MeasurementRound.Kind.FOLLOW_UP


@pytest.fixture
def two_dimensions(db):
    """Version 1 with dimensions samen (items s_1, s_2) and buren (item b_1), on one scale and
    none required, and a provider that works in the district of the neighbourhood."""
    instrument = InstrumentFactory(code="buurt")
    scale = AnswerScaleFactory(instrument=instrument)
    samen = DimensionFactory(instrument=instrument, code="samen", name="Samenhang", position=0)
    buren = DimensionFactory(instrument=instrument, code="buren", name="Burencontact",
                             position=1)
    ItemFactory(instrument=instrument, dimension=samen, code="s_1", scale=scale,
                 required=False)
    ItemFactory(instrument=instrument, dimension=samen, code="s_2", scale=scale,
                 required=False)
    ItemFactory(instrument=instrument, dimension=buren, code="b_1", scale=scale,
                 required=False)
    district = AreaFactory(level="district", code="GB059902")
    provider = OrganisationFactory()
    provider.areas.add(district)
    return instrument, provider, AreaFactory(parent=district)


def version_2(instrument):
    return instruments.instrument_new_version(actor=NOBODY, instrument=instrument)


def reword(instrument, code, text):
    item = instrument.items.get(code=code)
    instruments.item_save(actor=NOBODY, instrument=instrument, item=item, code=code, text=text,
                          scale=item.scale, dimension=item.dimension)


# -- the same dimension ----------------------------------------------------------------------

def test_a_copied_version_keeps_every_dimension_the_same(two_dimensions):
    instrument, _provider, _area = two_dimensions
    new = version_2(instrument)
    found = compare_versions(instrument, new)
    assert found.differs and [d.code for d in found.same] == ["samen", "buren"]
    assert found.not_compared == []


def test_other_wording_scale_or_scoring_makes_a_dimension_another(two_dimensions):
    instrument, _provider, _area = two_dimensions
    new = version_2(instrument)
    reword(new, "b_1", "Een heel andere vraag?")
    found = compare_versions(instrument, new)
    assert [d.code for d in found.same] == ["samen"]
    assert [(n.name, n.reason) for n in found.not_compared] == [
        ("Burencontact", "gewijzigd in versie 2")]
    # Spaces in a text, a hint, a new name of the dimension and a required flag change nothing.
    item = new.items.get(code="s_1")
    item.text, item.hint, item.required = f"  {item.text}  ", "Een toelichting", False
    item.save()
    Dimension.objects.filter(instrument=new, code="samen").update(name="Sociale samenhang")
    assert compare_versions(instrument, new).same_codes == {"samen"}
    # Each of these does change it (each on a fresh copy of version 1): a label of the scale,
    # reverse scoring, the rule, an item fewer, an item under another code.
    # The scale is shared by both dimensions, so its label changes both.
    changes = [
        (lambda copy: copy.scales.get().options.filter(value=3).update(label="Weet niet"),
         set()),
        (lambda copy: copy.items.filter(code="s_1").update(reverse_scored=True), {"buren"}),
        (lambda copy: copy.dimensions.filter(code="samen").update(
            rule=Dimension.Rule.SHARE_AGREEING, threshold=Decimal(4)), {"buren"}),
        (lambda copy: copy.items.filter(code="s_2").update(dimension=None), {"buren"}),
        (lambda copy: copy.items.filter(code="s_2").update(code="s_9"), {"buren"}),
    ]
    for change, same in changes:
        copy = version_2(instrument)
        change(copy)
        assert compare_versions(instrument, copy).same_codes == same


def test_dimensions_new_or_gone_in_a_version_are_named(two_dimensions):
    instrument, _provider, _area = two_dimensions
    new = version_2(instrument)
    Dimension.objects.filter(instrument=new, code="buren").delete()
    DimensionFactory(instrument=new, code="trots", name="Trots op de buurt")
    found = compare_versions(instrument, new)
    assert [(n.name, n.reason) for n in found.not_compared] == [
        ("Trots op de buurt", "nieuw in versie 2"), ("Burencontact", "niet meer in versie 2")]


# -- the change page and the indicator use the rule -------------------------------------------

def test_the_change_page_compares_only_the_same_dimensions_and_says_so(two_dimensions, client):
    instrument, provider, area = two_dimensions
    baseline = with_results(RoundFactory(instrument=instrument, organisation=provider,
                                         area=area), ("s_1", "s_2", "b_1"))
    new = version_2(instrument)
    reword(new, "b_1", "Een heel andere vraag?")
    follow_up = with_results(RoundFactory(
        instrument=new, organisation=provider, area=area, kind=FOLLOW_UP, baseline=baseline,
        held_on=dt.date(2026, 3, 1)), ("s_1", "s_2", "b_1"))
    assert [r.after.dimension.code for r in selectors.round_change(follow_up)] == ["samen"]

    manager = MembershipFactory(organisation=provider, role=Role.MANAGER).user
    client.force_login(manager)
    page = client.get(reverse("measurements:change", args=[follow_up.pk]))
    assert page.status_code == 200
    assert [r.after.dimension.code for r in page.context["rows"]] == ["samen"]
    html = " ".join(page.content.decode().split())
    assert ("Vergeleken zijn alleen de dimensies die in beide versies gelijk zijn: Samenhang; "
            "niet vergeleken: Burencontact (gewijzigd in versie 2).") in html
    client.cookies["django_language"] = "en"
    html = " ".join(client.get(reverse("measurements:change", args=[follow_up.pk])
                                ).content.decode().split())
    assert ("Only the dimensions that are the same in both versions are compared: Samenhang; "
            "not compared: Burencontact (changed in version 2).") in html
    client.cookies["django_language"] = "nl"
    # Baseline and follow-up on one version: no such note.
    same = with_results(RoundFactory(
        instrument=instrument, organisation=provider, area=area, kind=FOLLOW_UP,
        baseline=baseline, held_on=dt.date(2026, 3, 1)), ("s_1", "s_2", "b_1"))
    page = client.get(reverse("measurements:change", args=[same.pk]))
    assert len(page.context["rows"]) == 2
    assert "Vergeleken zijn alleen" not in page.content.decode()


def test_the_change_indicator_uses_the_same_rule(two_dimensions):
    instrument, provider, area = two_dimensions
    assignment = AssignmentFactory(provider=provider, areas=[area])
    agreement = agreement_on(assignment, "measurements.change", "buurt")  # reads "samen"
    baseline = with_results(RoundFactory(instrument=instrument, organisation=provider,
                                         area=area, assignment=assignment,
                                         held_on=dt.date(2026, 1, 15)), ("s_1", "s_2", "b_1"))
    new = version_2(instrument)
    reword(new, "s_1", "Een heel andere vraag?")  # samen differs in version 2, buren not
    services.responses_add(actor=NOBODY, measurement_round=RoundFactory(
        instrument=new, organisation=provider, area=area, kind=FOLLOW_UP, baseline=baseline,
        assignment=assignment, held_on=dt.date(2026, 9, 1)),
        rows=[{"answers": {"s_1": 5, "s_2": 5, "b_1": 5}}] * 5)
    assert value(agreement, "measurements.change") is None
    IndicatorMeasure.objects.update(dimension_code="buren")
    assert value(agreement, "measurements.change") == Decimal("1.00")  # 5 − 4


# -- a follow-up needs a baseline with results ------------------------------------------------

def test_a_follow_up_on_an_empty_baseline_is_refused(two_dimensions):
    instrument, provider, area = two_dimensions
    common = {"actor": NOBODY, "instrument": instrument, "organisation": provider, "area": area}
    baseline = services.round_create(**common, held_on=dt.date(2025, 3, 1))
    for chosen in (None, baseline):
        errors = errors_of(services.round_create, **common, held_on=dt.date(2026, 3, 1),
                           kind=FOLLOW_UP, baseline=chosen)
        assert errors == {"baseline": [
            "De nulmeting van 1 maart 2025 heeft nog geen resultaten: geen enkele dimensie "
            "heeft 5 of meer respondenten. Voer eerst de antwoorden of totalen van de "
            "nulmeting in."]}
    # Four respondents show nothing either.
    with_results(baseline, ("s_1",), n=4)
    assert "baseline" in errors_of(services.round_create, **common,
                                   held_on=dt.date(2026, 3, 1), kind=FOLLOW_UP)
    assert MeasurementRound.objects.count() == 1
    with_results(baseline, ("s_1",), n=1)  # the fifth: samen is shown
    follow_up = services.round_create(**common, held_on=dt.date(2026, 3, 1), kind=FOLLOW_UP)
    assert follow_up.baseline == baseline


def test_the_latest_baseline_with_results_is_found(two_dimensions):
    instrument, provider, area = two_dimensions
    common = {"actor": NOBODY, "instrument": instrument, "organisation": provider, "area": area}
    older = with_results(services.round_create(**common, held_on=dt.date(2024, 3, 1)),
                         ("s_1",))
    services.round_create(**common, held_on=dt.date(2025, 3, 1))  # empty, and later
    follow_up = services.round_create(**common, held_on=dt.date(2026, 3, 1), kind=FOLLOW_UP)
    assert follow_up.baseline == older


def test_a_baseline_whose_results_all_changed_in_the_new_version_is_refused(two_dimensions):
    instrument, provider, area = two_dimensions
    common = {"actor": NOBODY, "organisation": provider, "area": area}
    baseline = with_results(services.round_create(**common, instrument=instrument,
                                                  held_on=dt.date(2025, 3, 1)), ("b_1",))
    new = version_2(instrument)
    reword(new, "b_1", "Een heel andere vraag?")
    errors = errors_of(services.round_create, **common, instrument=new,
                       held_on=dt.date(2026, 3, 1), kind=FOLLOW_UP, baseline=baseline)
    assert errors == {"baseline": [
        "De nulmeting is gehouden met versie 1 van het instrument. Geen enkele dimensie met "
        "resultaten is gelijk in versie 2, dus er valt niets te vergelijken."]}
    assert MeasurementRound.objects.count() == 1


# -- rounds are for areas the organisation works in -------------------------------------------

def test_a_round_outside_the_working_areas_is_refused(two_dimensions):
    instrument, provider, area = two_dimensions
    elsewhere = AreaFactory(name="Buitenwijk")
    common = {"actor": NOBODY, "instrument": instrument, "organisation": provider,
              "held_on": dt.date(2025, 3, 1)}
    errors = errors_of(services.round_create, **common, area=elsewhere)
    assert errors == {"area": [
        f"Buitenwijk ligt niet in het werkgebied van {provider.short_name}. Een meetronde "
        "houdt u in een gebied waar uw organisatie werkt, of in een gebied van de opdracht "
        "waar de meetronde bij hoort."]}
    # A follow-up there hears both: the area, and that there is no baseline.
    errors = errors_of(services.round_create, **common, area=elsewhere, kind=FOLLOW_UP)
    assert set(errors) == {"area", "baseline"}
    # An organisation without working areas measures nowhere (but in an assignment's areas).
    errors = errors_of(services.round_create, **{**common, "organisation": OrganisationFactory()},
                       area=area)
    assert "ligt niet in het werkgebied" in errors["area"][0]
    assert not MeasurementRound.objects.exists()
    assert services.round_create(**common, area=area).area == area  # inside the district


def test_the_areas_of_the_linked_assignment_count_too(two_dimensions):
    instrument, provider, _area = two_dimensions
    elsewhere = AreaFactory()
    assignment = AssignmentFactory(provider=provider, areas=[elsewhere])
    created = services.round_create(actor=NOBODY, instrument=instrument, organisation=provider,
                                    area=elsewhere, held_on=dt.date(2026, 3, 1),
                                    assignment=assignment)
    assert created.assignment == assignment


def test_the_demo_rounds_keep_the_rules(demo):
    for r in MeasurementRound.objects.select_related("organisation", "area", "assignment",
                                                     "baseline__instrument", "instrument"):
        roots = list(r.organisation.areas.values_list("path", flat=True))
        if r.assignment is not None:
            roots += list(r.assignment.areas.values_list("path", flat=True))
        assert lies_within(r.area.path, roots), r
        if r.baseline is not None:
            assert round_rules.baseline_results(r.baseline, r.instrument), r


# -- a new version: first a page that says what happens ---------------------------------------

def test_a_new_version_asks_first_and_changes_nothing_on_get(two_dimensions, client):
    instrument, provider, area = two_dimensions
    open_round = RoundFactory(instrument=instrument, organisation=provider, area=area)
    RoundFactory(instrument=instrument, organisation=provider, area=area,
                 status=MeasurementRound.Status.CLOSED)
    url = reverse("measurements:instrument_version", args=[instrument.pk])
    client.force_login(MembershipFactory(role=Role.MANAGER, organisation=provider).user)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    client.force_login(MembershipFactory(role=Role.ANALYST).user)
    detail = client.get(reverse("measurements:instrument", args=[instrument.pk]))
    assert f'href="{url}"' in detail.content.decode()  # a link to the question, not a form

    page = client.get(url)
    assert page.status_code == 200
    assert list(page.context["open_rounds"]) == [open_round]
    html = " ".join(page.content.decode().split())
    for text in ("Versie 1 vervalt voor nieuwe meetrondes",
                 "Bestaande meetrondes houden hun versie",
                 "alleen vergeleken op de dimensies die in beide versies gelijk blijven",
                 "Open meetrondes met versie 1",
                 "Versie 2 maken"):
        assert text in html
    assert list(Instrument.objects.filter(code="buurt").values_list("version", "status")) == [
        (1, "active")]
    client.cookies["django_language"] = "en"
    html = " ".join(client.get(url).content.decode().split())
    for text in ("Version 1 is retired for new measurement rounds",
                 "Existing measurement rounds keep their version",
                 "This measurement round is still open and keeps its version:",
                 "Make version 2"):
        assert text in html
    client.cookies["django_language"] = "nl"

    response = client.post(url)
    new = Instrument.objects.get(code="buurt", version=2)
    assert response.status_code == 302 and response.url == reverse(
        "measurements:instrument", args=[new.pk])
    assert dict(Instrument.objects.filter(code="buurt").values_list("version", "status")) == {
        1: "retired", 2: "active"}
    open_round.refresh_from_db()
    assert open_round.instrument == instrument and open_round.is_open


def test_a_new_version_of_a_draft_retires_nothing(client):
    draft = InstrumentFactory(status=Instrument.Status.DRAFT)
    client.force_login(MembershipFactory(role=Role.ANALYST).user)
    page = client.get(reverse("measurements:instrument_version", args=[draft.pk]))
    html = " ".join(page.content.decode().split())
    assert "Versie 2 wordt een concept" in html and "vervalt" not in html
