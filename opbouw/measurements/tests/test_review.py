"""Findings of the review of the measurements module: each test failed before its fix."""

import datetime as dt

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse
from django.utils import timezone

from opbouw.access.actor import NOBODY
from opbouw.measurements import instruments, services
from opbouw.measurements.models import Instrument, Item, MeasurementRound
from opbouw.measurements.tests.factories import RoundFactory
from opbouw.measurements.tests.test_services import (  # noqa: F401
    errors_of,
    one_item,
    place,
    with_results,
)

pytestmark = pytest.mark.django_db


def test_a_round_date_with_a_wrong_year_is_refused(one_item, place):  # noqa: F811
    instrument, _dimension, _item = one_item
    provider, area = place
    common = {"actor": NOBODY, "instrument": instrument, "organisation": provider, "area": area}
    far = timezone.localdate() + dt.timedelta(days=400)
    for held_on, message in ((dt.date(9999, 12, 31), "meer dan een jaar in de toekomst"),
                             (far, "meer dan een jaar in de toekomst"),
                             (dt.date(1, 1, 1), "te ver terug")):
        errors = errors_of(services.round_create, **common, held_on=held_on)
        assert message in errors["held_on"][0]
    assert not MeasurementRound.objects.exists()
    # A round planned a few weeks ahead is fine.
    services.round_create(**common, held_on=timezone.localdate() + dt.timedelta(days=30))
    measurement_round = MeasurementRound.objects.get()
    errors = errors_of(services.round_update, actor=NOBODY, measurement_round=measurement_round,
                       held_on=dt.date(9999, 1, 1), status="open")
    assert "controleer het jaar" in errors["held_on"][0]


def test_names_in_the_group_of_a_follow_up_are_named_as_such(one_item, place):  # noqa: F811
    instrument, _dimension, _item = one_item
    provider, area = place
    errors = errors_of(services.round_create, actor=NOBODY, instrument=instrument,
                       organisation=provider, area=area, held_on=dt.date(2026, 3, 1),
                       kind=MeasurementRound.Kind.FOLLOW_UP, group="groep van jan@example.nl")
    assert "persoonsgegevens" in errors["group"][0]
    assert "baseline" not in errors


def test_the_baseline_date_in_a_message_is_written_in_dutch(one_item, place):  # noqa: F811
    instrument, _dimension, _item = one_item
    provider, area = place
    common = {"actor": NOBODY, "instrument": instrument, "organisation": provider, "area": area}
    with_results(services.round_create(**common, held_on=dt.date(2025, 3, 15)))
    follow_up = services.round_create(**common, held_on=dt.date(2025, 9, 1),
                                      kind=MeasurementRound.Kind.FOLLOW_UP)
    errors = errors_of(services.round_update, actor=NOBODY, measurement_round=follow_up,
                       held_on=dt.date(2025, 1, 1), status="open")
    assert errors["held_on"] == ["De vervolgmeting moet na de nulmeting vallen (15 maart 2025)."]


def test_only_the_newest_version_of_an_instrument_changes(one_item):  # noqa: F811
    instrument, dimension, item = one_item
    RoundFactory(instrument=instrument)
    newer = instruments.item_save(actor=NOBODY, instrument=instrument, item=item, code="sc_1",
                                  text="Nieuwe tekst", scale=item.scale,
                                  dimension=dimension).instrument
    instrument.refresh_from_db()
    # Changing version 1 again would start a version 3 without version 2's new text.
    errors = errors_of(instruments.item_save, actor=NOBODY, instrument=instrument, item=item,
                       code="sc_1", text="Iets anders", scale=item.scale, dimension=dimension)
    assert "er is al versie 2" in errors[NON_FIELD_ERRORS][0]
    assert Instrument.objects.filter(code=instrument.code).count() == 2
    assert Item.objects.get(instrument=newer, code="sc_1").text == "Nieuwe tekst"
    # Its status may still change in place (retiring or reactivating an old version).
    instruments.instrument_update(actor=NOBODY, instrument=instrument, name=instrument.name,
                                  purpose=instrument.purpose, source=instrument.source,
                                  status=Instrument.Status.RETIRED)


def test_the_old_version_page_points_to_the_newest(demo, login):
    instrument = Instrument.objects.get(code="sociale_samenhang", status="active")
    item = instrument.items.get(code="sc_3")
    client = login("analist")
    client.post(reverse("measurements:item_edit", args=[instrument.pk, item.pk]),
                {"code": "sc_3", "text": "Ik maak vaak een praatje met buurtbewoners.",
                 "scale": item.scale_id, "dimension": item.dimension_id, "required": "on",
                 "position": 2})
    page = client.get(reverse("measurements:instrument", args=[instrument.pk])).content.decode()
    assert "Dit is een oudere versie" in page
    response = client.post(reverse("measurements:item_edit", args=[instrument.pk, item.pk]),
                           {"code": "sc_3", "text": "Anders", "scale": item.scale_id,
                            "dimension": item.dimension_id, "required": "on", "position": 2})
    assert response.status_code == 200 and "er is al versie 2" in response.content.decode()
    assert Instrument.objects.filter(code="sociale_samenhang").count() == 2


def test_the_assignment_of_a_round_only_for_those_who_may_see_it(demo, login):
    measurement_round = MeasurementRound.objects.filter(assignment__isnull=False).select_related(
        "assignment").order_by("pk").first()
    url = reverse("measurements:round", args=[measurement_round.pk])
    title = str(measurement_round.assignment)
    detail = reverse("assignments:detail", args=[measurement_round.assignment_id])
    manager = login("manager").get(url).content.decode()
    assert title in manager and detail in manager
    # Analysts read every round, but assignments are not theirs to see.
    analyst = login("analist").get(url)
    assert analyst.status_code == 200 and title not in analyst.content.decode()


@pytest.mark.parametrize("code", ["start", "end", "meta", "toelichting_opbouw", "key"])
def test_a_question_may_not_take_a_name_the_xlsform_or_an_export_uses(one_item, code):  # noqa: F811
    instrument, dimension, item = one_item
    errors = errors_of(instruments.item_save, actor=NOBODY, instrument=instrument, code=code,
                       text="Een vraag", scale=item.scale, dimension=dimension)
    assert "ODK en KoboToolbox" in errors["code"][0]
    assert not instrument.items.filter(code=code).exists()


def test_a_ladder_keeps_the_rung_its_share_is_counted_from(db):
    ladder = Instrument.objects.get(code="contactladder")  # share at or above rung 4
    scale = ladder.scales.get(code="straatladder")
    fewer = [(1, "Onbekend"), (2, "Groeten"), (3, "Praatje")]
    errors = errors_of(instruments.scale_save, actor=NOBODY, instrument=ladder, scale=scale,
                       code="straatladder", name="Treden", options=fewer)
    assert errors["options"] == ["Trede 4 staat niet op de antwoordschaal Treden."]
    assert scale.options.count() == 6  # nothing written
    # Nor may a question on a scale without that rung join the dimension.
    dimension = ladder.dimensions.get(code="straatladder")
    other = ladder.scales.get(code="vaak4")  # 1-4: rung 4 is there, so it fits
    instruments.item_save(actor=NOBODY, instrument=ladder, code="cl_straat_2", text="Nog een",
                          scale=other, dimension=dimension)
    short = instruments.scale_save(actor=NOBODY, instrument=ladder, code="drie", name="Drie",
                                   options=fewer)
    errors = errors_of(instruments.item_save, actor=NOBODY, instrument=ladder,
                       code="cl_straat_3", text="En nog een", scale=short,
                       dimension=dimension)
    assert "Trede 4 staat niet op de antwoordschaal Drie." in errors["scale"]
