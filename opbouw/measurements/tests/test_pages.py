"""The pages on the demo data: who sees what, entering on the phone form, totals, change."""

import pytest
from django.test import Client
from django.urls import reverse

from opbouw.access.actor import NOBODY
from opbouw.access.principal import Principal
from opbouw.accounts.models import User
from opbouw.areas.models import Area
from opbouw.measurements import scopes, services
from opbouw.measurements.models import (
    DimensionAggregate,
    Instrument,
    MeasurementRound,
    Response,
)

pytestmark = pytest.mark.django_db


def demo_round(area: str, kind: str = "follow_up") -> MeasurementRound:
    return MeasurementRound.objects.get(area__name=area, area__level="neighbourhood", kind=kind)


def principal(username: str) -> Principal:
    return Principal.for_user(User.objects.get(username=username))


def test_the_demo_shows_improvement_in_some_neighbourhoods_and_none_in_others(demo, login):
    client = login("opdrachtgever")
    better = client.get(reverse("measurements:change", args=[demo_round("Oud-Crooswijk").pk]))
    assert better.status_code == 200
    (row,) = better.context["rows"]
    assert row.verdict == "better" and row.low > 0
    assert "vooruitgang" in better.content.decode()
    same = client.get(reverse("measurements:change", args=[demo_round("Rubroek").pk]))
    (row,) = same.context["rows"]
    assert row.verdict == "unclear" and row.low < 0 < row.high
    assert "geen duidelijke verandering" in same.content.decode()


def test_commissioners_see_results_in_their_own_areas_only(demo, login):
    client = login("opdrachtgever")
    own = demo_round("Nieuw-Crooswijk")  # Kralingen-Crooswijk: the demo commissioner's district
    other = demo_round("Oude Noorden")  # Noord
    assert client.get(reverse("measurements:round", args=[own.pk])).status_code == 200
    assert client.get(reverse("measurements:round", args=[other.pk])).status_code == 404
    assert client.get(reverse("measurements:change", args=[other.pk])).status_code == 404
    listed = {r.pk for r in client.get(reverse("measurements:index")).context["page"]}
    assert own.pk in listed and other.pk not in listed
    # Never single responses: no scope gives them, and entry pages are closed.
    assert not scopes.measurement_responses(principal("opdrachtgever")).exists()
    assert not scopes.measurement_responses(principal("analist")).exists()
    assert client.get(reverse("measurements:entry", args=[own.pk])).status_code == 403


def test_analysts_see_every_round_but_enter_nothing(demo, login):
    client = login("analist")
    rounds = MeasurementRound.objects.count()
    assert client.get(reverse("measurements:index")).context["page"].paginator.count == rounds
    other = demo_round("Oude Noorden")
    assert client.get(reverse("measurements:round", args=[other.pk])).status_code == 200
    assert client.get(reverse("measurements:entry", args=[other.pk])).status_code == 403


def test_a_worker_enters_three_respondents_one_after_another(demo, login):
    measurement_round = demo_round("Oud-Crooswijk")
    before = measurement_round.responses.count()
    client = login("medewerker")
    url = reverse("measurements:entry", args=[measurement_round.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('type="radio"') == 5 * 5 and "Opslaan en volgende" in html
    for answers in ({"sc_1": 4, "sc_2": 4, "sc_3": 3, "sc_4": 2, "sc_5": 5},
                    {"sc_1": 2, "sc_2": 3, "sc_3": 1, "sc_4": 4, "sc_5": 2},
                    {"sc_1": 5, "sc_2": 5, "sc_3": 4, "sc_4": 1, "sc_5": 4}):
        response = client.post(url, answers, follow=True)
        assert response.redirect_chain == [(url, 302)]
        number = measurement_round.responses.count()
        assert f"Respondent {number} is opgeslagen" in response.content.decode()
    assert measurement_round.responses.count() == before + 3
    latest = measurement_round.responses.order_by("-number").first()
    assert latest.source == Response.Source.FORM
    assert dict(latest.answers.values_list("item__code", "value"))["sc_4"] == 1


def test_a_wrong_or_missing_answer_is_named_and_nothing_is_saved(demo, login):
    measurement_round = demo_round("Oud-Crooswijk")
    before = measurement_round.responses.count()
    response = login("medewerker").post(
        reverse("measurements:entry", args=[measurement_round.pk]),
        {"sc_1": "9", "sc_2": "4", "sc_3": "3", "sc_4": "2"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["sc_1"] == ["Kies een van de antwoorden."]
    assert "sc_5" not in errors  # optional since migration 0006: no answer is an answer
    assert measurement_round.responses.count() == before


def test_outsiders_get_404_and_closed_rounds_take_no_answers(demo, login):
    outsider = User.objects.exclude(memberships__organisation__short_name="SONOR").filter(
        memberships__role="worker").first()
    client = Client()
    client.force_login(outsider)
    own = demo_round("Oud-Crooswijk")
    assert client.get(reverse("measurements:round", args=[own.pk])).status_code == 404
    baseline = demo_round("Oud-Crooswijk", "baseline")
    response = login("medewerker").get(reverse("measurements:entry", args=[baseline.pk]),
                                       follow=True)
    assert "gesloten" in response.content.decode()


def test_totals_with_a_wrong_mean_get_a_message(demo, login):
    measurement_round = MeasurementRound.objects.get(mode="aggregates")
    url = reverse("measurements:aggregates", args=[measurement_round.pk])
    client = login("coach")
    assert client.get(url).status_code == 200
    response = client.post(url, {"dimensie": "tevredenheid", "tevredenheid-n": "-4",
                                 "tevredenheid-mean": "7"})
    form = next(s["form"] for s in response.context["sections"]
                if s["dimension"].code == "tevredenheid")
    assert form.errors["n"] == ["Het aantal is 1 of meer."]
    response = client.post(url, {"dimensie": "tevredenheid", "tevredenheid-n": "30",
                                 "tevredenheid-mean": "7"})
    form = next(s["form"] for s in response.context["sections"]
                if s["dimension"].code == "tevredenheid")
    assert form.errors["mean"] == ["Het gemiddelde moet tussen 1 en 5 liggen."]
    response = client.post(url, {"dimensie": "weer_meedoen", "weer_meedoen-n": "30",
                                 "weer_meedoen-mean": "0,8", "weer_meedoen-v1": "24",
                                 "weer_meedoen-v0": "6"}, follow=True)
    assert "opgeslagen" in response.content.decode()
    saved = DimensionAggregate.objects.get(round=measurement_round,
                                           dimension__code="weer_meedoen")
    assert (saved.n, saved.distribution) == (30, {"1": 24, "0": 6})


def test_results_page_shows_numbers_and_hides_small_groups(demo, login):
    measurement_round = demo_round("Oud-Crooswijk")
    page = login("opdrachtgever").get(reverse("measurements:round",
                                              args=[measurement_round.pk]))
    (result,) = page.context["results"]
    assert not result.hidden and result.n >= 5
    html = page.content.decode()
    assert "95%-foutmarge" in html and "op-ci" in html
    # A round with four respondents shows no score at all.
    small = MeasurementRound.objects.create(
        instrument=measurement_round.instrument, organisation=measurement_round.organisation,
        area=measurement_round.area, held_on=measurement_round.held_on)
    services.responses_add(actor=NOBODY, measurement_round=small, rows=[
        {"answers": {f"sc_{i}": 3 for i in range(1, 6)}} for _ in range(4)])
    page = login("opdrachtgever").get(reverse("measurements:round", args=[small.pk]))
    (result,) = page.context["results"]
    assert result.hidden and result.value is None
    assert page.context["count"] is None  # not even the number of respondents
    assert "niet getoond: minder dan 5 respondenten" in page.content.decode()


def test_a_manager_cannot_open_a_follow_up_without_a_baseline(demo, login):
    client = login("manager")
    instrument = Instrument.objects.get(code="sociale_samenhang", status="active")
    area = MeasurementRound.objects.get(area__name="Rubroek", kind="baseline").area
    empty = Area.objects.get(name="De Esch", level="neighbourhood")
    data = {"instrument": instrument.pk, "organisation": demo_round("Rubroek").organisation_id,
            "area": empty.pk, "kind": "follow_up", "held_on": "2026-05-01",
            "mode": "responses"}
    response = client.post(reverse("measurements:round_create"), data)
    assert response.status_code == 200
    assert "maak eerst de nulmeting aan" in response.context["form"].errors["baseline"][0]
    data["area"] = area.pk
    response = client.post(reverse("measurements:round_create"), data)
    created = MeasurementRound.objects.order_by("-pk").first()
    assert response.status_code == 302 and created.baseline.area == area


def test_an_analyst_changing_a_used_instrument_gets_a_new_version(demo, login):
    instrument = Instrument.objects.get(code="sociale_samenhang", status="active")
    item = instrument.items.get(code="sc_3")
    response = login("analist").post(
        reverse("measurements:item_edit", args=[instrument.pk, item.pk]),
        {"code": "sc_3", "text": "Ik maak vaak een praatje met buurtbewoners.",
         "scale": item.scale_id, "dimension": item.dimension_id, "required": "on",
         "position": 2}, follow=True)
    new = Instrument.objects.get(code="sociale_samenhang", status="active")
    assert new.version == 2 and "versie 2" in response.content.decode()
    assert new.items.get(code="sc_3").text.startswith("Ik maak vaak")
    item.refresh_from_db()
    assert item.text != new.items.get(code="sc_3").text
    assert login("medewerker").get(
        reverse("measurements:item_edit", args=[new.pk, item.pk])).status_code == 403


def test_odd_input_in_the_query_string_never_answers_500(demo, login):
    client = login("analist")
    for value in ["\x00", "'; DROP TABLE x; --", "ü" * 500, "0" * 40, "-1"]:
        for name in ("status", "instrument", "soort", "pagina"):
            assert client.get(reverse("measurements:index"), {name: value}).status_code == 200
    assert client.get("/metingen/rondes/99999999999999999999/").status_code == 404


def test_the_list_filters_and_ignores_what_means_nothing(demo, login):
    client = login("analist")
    url = reverse("measurements:index")

    def listed(**params):
        return {r.pk for r in client.get(url, params).context["page"].object_list}

    everything = listed()
    baselines = listed(soort="baseline")
    assert baselines and baselines < everything
    assert listed(soort="baseline", status="nonsens") == baselines  # the bad one is ignored
    assert listed(soort="baseline", instrument="x" * 41) == baselines
    assert listed(instrument="geen_instrument") == set()
    page = client.get(url, {"soort": "baseline", "status": "nonsens"})
    assert page.context["params"] == {"soort": "baseline"}
