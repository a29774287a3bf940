"""The methods toolbox on small hand-made data: matrix, overlap, gaps, search, safety."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from opbouw.access.actor import actor_for
from opbouw.access.principal import Principal
from opbouw.core.markdown import render_markdown
from opbouw.methods import selectors, services
from opbouw.methods.models import Intervention, Offer, Rung, Theme
from opbouw.organisations.tests.factories import (
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def p(user):
    return Principal.for_user(user)


def test_overlap_complement_and_gaps_are_computed_per_area(world):
    result = selectors.overlap_and_gaps(p(world["manager"]), area=world["east"], year=2025)
    assert [e["intervention"].name for e in result["overlap"]] == ["Buurtbemiddeling"]
    assert {o.short_name for o in result["overlap"][0]["organisations"]} == {"A", "B"}
    assert [e["intervention"].name for e in result["complement"]] == ["Bewonerspanel"]
    # 6 rungs x 4 themes x 2 targets = 48 cells; filled: welzijn 4 group+individual, 2 group.
    assert len(result["gaps"]) == 48 - 3
    assert not any(g["rung"].number == 4 and g["theme"].code == "welzijn"
                   for g in result["gaps"])
    west = selectors.overlap_and_gaps(p(world["manager"]), area=world["west"], year=2025)
    assert west["overlap"] == [] and len(west["complement"]) == 1


def test_offers_outside_the_year_do_not_count(world):
    result = selectors.overlap_and_gaps(p(world["manager"]), area=world["east"], year=2020)
    assert result["offer_count"] == 0 and len(result["gaps"]) == 48


def test_matrix_places_interventions_by_rung_theme_and_target(world):
    grid = selectors.matrix(p(world["manager"]))
    cells = {}
    for group in grid["groups"]:
        for row in group["rows"]:
            for (theme, target), cell in zip(grid["columns"], row["cells"], strict=True):
                for item in cell:
                    cells.setdefault(item.name, set()).add((row["rung"].number, theme.code,
                                                            target))
    assert cells["Buurtbemiddeling"] == {(4, "welzijn", "group"), (4, "welzijn", "individual")}
    assert cells["Jobcoaching"] == {(6, "werk", "individual")}
    assert [g["label"] for g in grid["groups"]] == ["Motorblok", "Startmotor",
                                                    "Wegenwacht en garage"]
    only_a = selectors.matrix(p(world["manager"]), organisation_id=world["a"].pk)
    assert only_a["count"] == 1


def test_search_with_words_and_facets(world):
    found = selectors.intervention_search(p(world["manager"]), query="bemiddel")
    assert [i.name for i in found["results"]] == ["Buurtbemiddeling"]
    found = selectors.intervention_search(p(world["manager"]), target="individual")
    assert {i.name for i in found["results"]} == {"Buurtbemiddeling", "Jobcoaching"}
    rung_counts = {n: c for n, _name, c in
                   selectors.intervention_search(p(world["manager"]))["facets"]["rungs"]}
    assert rung_counts[4] == 1 and rung_counts[2] == 1 and rung_counts[1] == 0


def test_an_intervention_needs_name_kind_and_rung(world):
    with pytest.raises(ValidationError) as excinfo:
        services.intervention_save(actor=actor_for(world["analyst"]), name="", kind="", summary="x",
                                   target="group", owner=world["a"], rungs=[])
    assert "rungs" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.intervention_save(actor=actor_for(world["analyst"]), name="", kind="raar",
                                   summary="x",
                                   target="group", owner=world["a"],
                                   rungs=[Rung.objects.get(number=3)])
    assert {"name", "kind"} <= set(excinfo.value.message_dict)
    assert Intervention.objects.count() == 3


def test_a_list_right_under_a_sentence_is_a_list():
    assert "<li>eerste</li>" in render_markdown("Werkzame elementen:\n- eerste\n- tweede")


def test_markdown_never_renders_script():
    html = render_markdown("**Vet** <script>alert(1)</script> [x](javascript:alert(1)) "
                           "<img src=x onerror=alert(1)>\n\n- punt")
    assert "<strong>Vet</strong>" in html and "<li>punt</li>" in html
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html


def test_drafts_are_for_the_owner_and_analysts_and_only_analysts_publish(world, client):
    draft = services.intervention_save(actor=actor_for(world["manager"]), name="Nieuw idee",
                                       kind="method", summary="Iets nieuws.", target="group",
                                       owner=world["a"], rungs=[Rung.objects.get(number=3)])
    outsider = UserFactory()
    MembershipFactory(user=outsider, organisation=world["b"], role="worker")
    url = reverse("methods:intervention", kwargs={"pk": draft.pk})
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(world["manager"])
    assert client.get(url).status_code == 200
    publish = reverse("methods:publish", kwargs={"pk": draft.pk})
    assert client.post(publish, {"actie": "publiceren"}).status_code == 403
    client.force_login(world["analyst"])
    assert client.post(publish, {"actie": "publiceren"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published"


def test_managers_add_offers_only_for_their_own_organisation(world, client):
    client.force_login(world["manager"])
    url = reverse("methods:offer_add", kwargs={"pk": world["panel"].pk})
    before = Offer.objects.count()
    response = client.post(url, {"organisatie": world["b"].pk, "areas": [world["east"].pk],
                                 "starts_on": "2025-01-01"})
    assert response.status_code == 403
    client.post(url, {"organisatie": world["a"].pk, "areas": [], "starts_on": "2025-01-01"})
    assert Offer.objects.count() == before
    client.post(url, {"organisatie": world["a"].pk, "areas": [world["east"].pk],
                      "starts_on": "2025-01-01"})
    assert Offer.objects.count() == before + 1


def test_exports(world, client):
    client.force_login(world["manager"])
    data = client.get(reverse("methods:export_json")).json()
    assert {i["name"] for i in data["interventions"]} == {"Buurtbemiddeling", "Bewonerspanel",
                                                          "Jobcoaching"}
    csv_text = client.get(reverse("methods:export_csv")).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("name,kind,summary")
    pdf = client.get(reverse("methods:booklet"))
    assert pdf.content.startswith(b"%PDF")


def test_analysts_maintain_reference_lists(world, client):
    url = reverse("methods:reference")
    client.force_login(world["manager"])
    assert client.post(url, {"lijst": "themes", "code": "wonen", "naam": "Wonen"}
                       ).status_code == 403
    client.force_login(world["analyst"])
    client.post(url, {"lijst": "themes", "code": "wonen", "naam": "Wonen"})
    assert Theme.objects.filter(code="wonen", name="Wonen").exists()
    client.post(url, {"lijst": "themes", "code": "", "naam": ""})
    assert not Theme.objects.filter(code="").exists()


def test_pages_render(world, client):
    client.force_login(world["manager"])
    for url in [reverse("methods:index") + "?zoek=buurt&trede=4",
                reverse("methods:matrix") + f"?gebied={world['east'].code}&jaar=2025",
                reverse("methods:overlap") + f"?gebied={world['east'].code}&jaar=2025",
                reverse("methods:reference"),
                reverse("methods:intervention", kwargs={"pk": world["bemiddeling"].pk}),
                reverse("methods:intervention_create")]:
        response = client.get(url)
        assert response.status_code == 200, url
    html = client.get(reverse("methods:overlap") + f"?gebied={world['east'].code}&jaar=2025"
                      ).content.decode()
    assert "Buurtbemiddeling" in html and "Hoe we dit berekenen" in html


def test_overlap_is_traceable_to_the_offers_and_the_ladder_has_three_groups(world):
    result = selectors.overlap_and_gaps(p(world["analyst"]), area=world["east"], year=2025)
    [entry] = result["overlap"]
    assert entry["intervention"] == world["bemiddeling"]
    # A offers it in Oost itself, B in Oosterwijk, which lies in Oost: two offers.
    assert sorted((o.organisation.short_name, [a.code for a in o.areas.all()])
                  for o in entry["offers"]) == [("A", ["GB000101"]), ("B", ["WK000101"])]
    assert result["offer_count"] == 3  # Jobcoaching is offered in West only
    grid = selectors.matrix(p(world["analyst"]))
    assert [len(g["rows"]) for g in grid["groups"]] == [2, 3, 1]


def test_import_refuses_unknown_rungs_and_themes_and_writes_nothing(world):
    item = {"name": "Nieuw", "kind": "activity", "summary": "Iets.", "target": "group",
            "rungs": [9], "themes": ["ruimtevaart"], "owner": "A"}
    problems = services.interventions_import(data={"interventions": [item]})
    assert any("trede" in p for p in problems) and any("ruimtevaart" in p for p in problems)
    assert not Intervention.objects.filter(name="Nieuw").exists()


def test_export_then_import_round_trip(world, client, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    client.force_login(world["manager"])
    exported = client.get(reverse("methods:export_json")).content.decode()
    path = tmp_path / "methoden.json"
    path.write_text(exported.replace("Buurtbemiddeling", "Buurtbemiddeling 2"))
    call_command("import_interventions", str(path), stdout=StringIO())
    copy = Intervention.objects.get(name="Buurtbemiddeling 2")
    assert copy.status == "draft"
    assert list(copy.rungs.values_list("number", flat=True)) == [4]
    assert copy.offers.count() == 2


def test_practice_examples_by_the_owner_and_free_of_personal_data(world, client):
    url = reverse("methods:example_add", kwargs={"pk": world["bemiddeling"].pk})
    client.force_login(world["manager"])
    client.post(url, {"area": world["wk"].pk, "period": "2025",
                      "results": "Bel mevrouw op 06-12345678"})
    assert not world["bemiddeling"].examples.exists()
    client.post(url, {"area": world["wk"].pk, "period": "2025",
                      "results": "Twaalf burenruzies opgelost.", "lessons": "Snel beginnen."})
    assert world["bemiddeling"].examples.get().period == "2025"
    other = reverse("methods:example_add", kwargs={"pk": world["panel"].pk})  # owner B
    assert client.post(other, {"results": "x"}).status_code == 403


def test_analysts_rename_a_rung_but_not_add_one(world, client):
    client.force_login(world["analyst"])
    url = reverse("methods:reference")
    client.post(url, {"lijst": "rungs", "code": "3", "naam": "Ondersteunen en faciliteren"})
    assert Rung.objects.get(number=3).name == "Ondersteunen en faciliteren"
    client.post(url, {"lijst": "rungs", "code": "7", "naam": "Zevende"})
    assert Rung.objects.count() == 6


@pytest.mark.parametrize("item", [
    {"rungs": [[1]]}, {"rungs": 3}, {"themes": {"a": 1}}, {"owner": ["A"]},
    {"offers": ["x"]}, {"offers": [{"organisation": "A", "areas": ["GB000101"]}]},
    {"name": "Na\x00am"},
])
def test_import_of_odd_shapes_is_a_message_not_a_crash(world, item):
    base = {"name": "Nieuw", "kind": "activity", "summary": "Iets.", "target": "group",
            "rungs": [3], "themes": ["welzijn"], "owner": "A"}
    problems = services.interventions_import(data={"interventions": [{**base, **item}]})
    assert problems
    assert not Intervention.objects.filter(name__startswith="N").exclude(
        pk__in=[world["bemiddeling"].pk]).exists()


@pytest.mark.parametrize("url", [
    "/methoden/?trede=%C2%B2", "/methoden/matrix/?organisatie=%C2%B2&jaar=%D9%A3",
    "/methoden/overlap-en-gaten/?gebied=GB000101&jaar=%C2%B2",
])
def test_unicode_digits_in_filters_are_ignored(world, client, url):
    client.force_login(world["manager"])
    assert client.get(url).status_code == 200


def test_publishing_needs_an_explicit_action(world, client):
    client.force_login(world["analyst"])
    url = reverse("methods:publish", kwargs={"pk": world["panel"].pk})
    client.post(url, {"actie": "\x00"})
    world["panel"].refresh_from_db()
    assert world["panel"].status == "published"
