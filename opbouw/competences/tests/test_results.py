"""Aggregates: heat maps, rankings, change and the joint training plan, with suppression."""

import io

import pytest
from django.urls import reverse

from opbouw.access.principal import Principal
from opbouw.accounts.models import User
from opbouw.competences import selectors
from opbouw.competences.models import AssessmentRound
from opbouw.demo.generate import demo_data_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(db):
    demo_data_load(scale="city", seed=11, with_work=False)  # competences need no logbook
    return AssessmentRound.objects.get(state="closed")


def principal(name):
    return Principal.for_user(User.objects.get(username=name))


def test_analyst_heat_map_compares_organisations_and_hides_small_cells(city):
    data = selectors.heat_map(principal("analist"), city)
    assert set(data["groups"]) == {"SONOR", "DOCK", "Delphi", "SWH", "Charlois' Welzijn"}
    for row in data["rows"]:
        for cell in row["cells"] + [row["total"]]:
            assert cell["hidden"] == (cell["n"] < 5)
            assert (cell["mean_gap"] is None) == cell["hidden"]
        assert row["total"]["n"] == 200


def test_manager_heat_map_covers_only_own_organisation_by_team(city):
    data = selectors.heat_map(principal("manager"), city)
    assert all(g.startswith("Team ") or g == "Zonder coach" for g in data["groups"])
    sonor_workers = 68
    assert data["rows"][0]["total"]["n"] == sonor_workers


def test_generic_competencies_lag_more_as_the_seed_found(city):
    lagging = selectors.lagging_competencies(principal("analist"), city)
    generic = [r["mean_gap"] for r in lagging["generic"]]
    specific = [r["mean_gap"] for r in lagging["specific"]]
    assert generic == sorted(generic, reverse=True)
    assert sum(generic) / len(generic) > sum(specific) / len(specific)


def test_change_between_rounds(city):
    later = AssessmentRound.objects.get(state="open")
    rows = selectors.round_change(principal("analist"), city, later)
    assert len(rows) == 20
    assert all(r["change"] is None or abs(r["change"]) < 2 for r in rows)
    assert any(r["change"] is not None for r in rows)


def test_joint_training_plan_shows_uncovered_gaps(city):
    plan = selectors.joint_training_plan(principal("analist"), city)
    uncovered = {r["competency"].code for r in plan["uncovered"]}
    assert uncovered <= {"4H", "4I", "4J", "4O"} and uncovered
    for row in plan["rows"]:
        assert row["short"] is None or row["short"] == 0 or row["short"] >= 5


def test_training_plan_exports(city, login):
    from openpyxl import load_workbook

    client = login("analist")
    xlsx = client.get(reverse("competences:training_plan_xlsx", kwargs={"pk": city.pk}))
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[4]][:2] == ["Code", "Competentie"]
    assert sheet.max_row == 4 + 20
    pdf = client.get(reverse("competences:training_plan_pdf", kwargs={"pk": city.pk}))
    assert pdf.content.startswith(b"%PDF") and len(pdf.content) > 2000
    from opbouw.core.models import AuditEvent

    assert AuditEvent.objects.filter(action="export").count() == 2


def test_small_groups_are_hidden_for_managers_too(demo):
    closed = AssessmentRound.objects.get(state="closed")
    data = selectors.heat_map(principal("manager"), closed)  # tiny data: teams of < 5
    assert any(cell["hidden"] for row in data["rows"] for cell in row["cells"])


def test_heat_map_page_renders_for_both_roles(city, login):
    url = reverse("competences:heat_map", kwargs={"pk": city.pk})
    for name in ("analist", "manager"):
        response = login(name).get(url)
        assert response.status_code == 200
        assert "Generiek" in response.content.decode()


def test_no_single_small_team_can_be_worked_out_from_the_total(city):
    from django.test import override_settings

    data = selectors.heat_map(principal("manager"), city)
    for row in data["rows"]:
        hidden = [c["n"] for c in row["cells"] if c["hidden"] and c["n"]]
        assert not hidden or sum(hidden) >= 5, row["competency"].code
    with override_settings(OPBOUW_MIN_CELL_SIZE=5):
        from opbouw.access.scopes import suppress_groups

        assert suppress_groups([7, 1]) == {0, 1}
        assert suppress_groups([7, 8, 2]) == {0, 2}
        assert suppress_groups([7, 8, 9]) == set()
        assert suppress_groups([3, 4, 9]) == {0, 1}


def test_ranking_lists_only_competencies_below_the_norm(city):
    lagging = selectors.lagging_competencies(principal("analist"), city)
    assert all(r["mean_gap"] > 0 for kind in lagging.values() for r in kind)
