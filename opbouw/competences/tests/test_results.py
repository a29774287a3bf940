"""Aggregates: heat maps, rankings, change and the joint training plan, with suppression.

The numbers come from the ``crowd`` of ``conftest.py``: 20 workers in the round ``big``,
in groups whose gaps are set there (a table in the fixture's docstring).
"""

import io

import pytest
from django.urls import reverse

from opbouw.access.principal import Principal
from opbouw.accounts.models import User
from opbouw.competences import selectors
from opbouw.competences.tests.factories import CourseFactory

pytestmark = pytest.mark.django_db

GENERIC = [f"4{c}" for c in "ABCDEFGHIJK"]
SPECIFIC = [f"4{c}" for c in "LMNOPQRST"]


def principal(name):
    return Principal.for_user(User.objects.get(username=name))


def by_code(rows):
    return {row["competency"].code: row for row in rows}


def test_analyst_heat_map_compares_organisations_and_hides_small_cells(crowd):
    data = selectors.heat_map(principal("analist"), crowd.big)
    assert data["groups"] == ["DRIE", "EEN", "TWEE"]
    rows = by_code(data["rows"])
    for row in data["rows"]:
        # DRIE (1 worker) is hidden, and TWEE (6) too: else DRIE = total - EEN - TWEE.
        assert [(c["n"], c["hidden"]) for c in row["cells"]] == [(1, True), (13, False),
                                                                 (6, True)]
        assert all(c["mean_gap"] is None for c in row["cells"] if c["hidden"])
        assert row["total"]["n"] == 20 and not row["total"]["hidden"]
    # EEN: team A 6 x 1, team B 5 x 1 (4H: 2), two without a coach 0 (4T: -1); of 13.
    assert rows["4A"]["cells"][1]["mean_gap"] == 0.85     # 11 / 13
    assert rows["4H"]["cells"][1]["mean_gap"] == 1.23     # 16 / 13
    assert rows["4L"]["cells"][1]["mean_gap"] == 0.0
    assert rows["4T"]["cells"][1]["mean_gap"] == -0.15    # -2 / 13
    assert rows["4A"]["total"]["mean_gap"] == 0.65        # 13 / 20
    assert rows["4H"]["total"]["mean_gap"] == 1.5         # 30 / 20
    assert rows["4L"]["total"]["mean_gap"] == 0.4         # 8 / 20
    assert rows["4T"]["total"]["mean_gap"] == 0.0


def test_manager_heat_map_covers_only_own_organisation_by_team(crowd):
    data = selectors.heat_map(principal("manager"), crowd.big)
    assert data["groups"] == ["Team Bo Begeleider", "Team Cor de Coach", "Zonder coach"]
    rows = by_code(data["rows"])
    for row in data["rows"]:
        # Zonder coach (2) is hidden, and team B (5) with it: else 2 = 13 - 6 - 5.
        assert [(c["n"], c["hidden"]) for c in row["cells"]] == [(5, True), (6, False),
                                                                 (2, True)]
        assert row["total"]["n"] == 13  # EEN only: not TWEE or DRIE
    # Team A counts the coach's ratings (2 on generic), not their own 3s.
    assert rows["4A"]["cells"][1] == {"n": 6, "mean_gap": 1.0, "hidden": False}
    assert rows["4L"]["cells"][1] == {"n": 6, "mean_gap": 0.0, "hidden": False}
    assert rows["4A"]["total"]["mean_gap"] == 0.85


def test_generic_competencies_lag_more_as_the_seed_found(crowd):
    lagging = selectors.lagging_competencies(principal("analist"), crowd.big)
    generic = [(r["competency"].code, r["mean_gap"]) for r in lagging["generic"]]
    specific = [(r["competency"].code, r["mean_gap"]) for r in lagging["specific"]]
    # Largest gap first; equal gaps keep the framework's order.
    assert generic == [("4H", 1.5)] + [(c, 0.65) for c in GENERIC if c != "4H"]
    assert specific == [(c, 0.4) for c in SPECIFIC if c != "4T"]
    assert all(r["n"] == 20 for kind in lagging.values() for r in kind)


def test_change_between_rounds(crowd):
    rows = by_code(selectors.round_change(principal("analist"), crowd.big, crowd.later))
    assert len(rows) == 20
    # 4A before: team A 2 (coach) x 6, team B 2 x 5, zonder 3 x 2, TWEE 3 x 6, DRIE 1 = 47/20.
    assert rows["4A"] | {"competency": None} == {
        "competency": None, "n_before": 20, "n_after": 6, "before": 2.35, "after": 3.0,
        "change": 0.65}
    # 4L before: 3 x 6 + 3 x 5 + 3 x 2 + 2 x 6 + 1 = 52/20.
    assert (rows["4L"]["before"], rows["4L"]["change"]) == (2.6, 0.4)
    # A manager of EEN: nobody of EEN took part in the later round, so nothing is shown.
    theirs = selectors.round_change(principal("manager"), crowd.big, crowd.later)
    assert {(r["n_before"], r["n_after"], r["change"]) for r in theirs} == {(13, 0, None)}


def test_joint_training_plan_shows_uncovered_gaps(crowd):
    # The world's courses cover 4D, 4G and 4K; this one all but 4H, 4I, 4J and 4O.
    CourseFactory(title="Breed opbouwwerk",
                  codes=[c for c in GENERIC + SPECIFIC if c not in {"4H", "4I", "4J", "4O"}])
    plan = selectors.joint_training_plan(principal("analist"), crowd.big)
    assert {r["competency"].code for r in plan["uncovered"]} == {"4H", "4I", "4J", "4O"}
    rows = by_code(plan["rows"])
    # Below the norm / at it: 4A 12 / 8; 4L 7 / 13; 4H 18 / 2 and 4T 1 / 19 hide both parts.
    assert (rows["4A"]["short"], rows["4A"]["assessed"]) == (12, 20)
    assert (rows["4L"]["short"], rows["4L"]["assessed"]) == (7, 20)
    assert (rows["4H"]["short"], rows["4H"]["assessed"]) == (None, 20)
    assert (rows["4T"]["short"], rows["4T"]["assessed"]) == (None, 20)
    assert [c.title for c in rows["4G"]["courses"]] == [
        "Breed opbouwwerk", "Verantwoorden met cijfers en verhalen"]
    # Most workers short first; hidden counts last.
    assert [r["competency"].code for r in plan["rows"]][:2] == ["4A", "4B"]
    assert [r["competency"].code for r in plan["rows"]][-2:] == ["4H", "4T"]


def test_training_plan_exports(crowd, login):
    from openpyxl import load_workbook

    from opbouw.core.models import AuditEvent

    client = login("analist")
    xlsx = client.get(reverse("competences:training_plan_xlsx", kwargs={"pk": crowd.big.pk}))
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[4]][:2] == ["Code", "Competentie"]
    assert sheet.max_row == 4 + 20
    assert [c.value for c in sheet[5]][:1] == ["4A"]  # 12 of 20 short, the most
    pdf = client.get(reverse("competences:training_plan_pdf", kwargs={"pk": crowd.big.pk}))
    assert pdf.content.startswith(b"%PDF") and len(pdf.content) > 2000
    assert AuditEvent.objects.filter(action="export").count() == 2


def test_small_groups_are_hidden_for_managers_too(world):
    # The world's closed round: team Cor de Coach has 2 of EEN, one worker has no coach.
    data = selectors.heat_map(principal("manager"), world.closed)
    assert data["groups"] == ["Team Cor de Coach", "Zonder coach"]
    for row in data["rows"]:
        assert [(c["n"], c["hidden"]) for c in row["cells"]] == [(2, True), (1, True)]
        assert row["total"] == {"n": 3, "mean_gap": None, "hidden": True}


def test_heat_map_page_renders_for_both_roles(crowd, login):
    url = reverse("competences:heat_map", kwargs={"pk": crowd.big.pk})
    for name, group in (("analist", "EEN"), ("manager", "Team Cor de Coach")):
        response = login(name).get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Generiek" in html and group in html, name


def test_no_single_small_team_can_be_worked_out_from_the_total(crowd):
    from django.test import override_settings

    data = selectors.heat_map(principal("manager"), crowd.big)
    for row in data["rows"]:
        hidden = [c["n"] for c in row["cells"] if c["hidden"] and c["n"]]
        # Zonder coach (2) alone could be worked out; team B (5) is hidden with it.
        assert hidden == [5, 2], row["competency"].code
    with override_settings(OPBOUW_MIN_CELL_SIZE=5):
        from opbouw.access.suppression import suppress_groups

        assert suppress_groups([7, 1]) == {0, 1}
        assert suppress_groups([7, 8, 2]) == {0, 2}
        assert suppress_groups([7, 8, 9]) == set()
        assert suppress_groups([3, 4, 9]) == {0, 1}


def test_ranking_lists_only_competencies_below_the_norm(crowd):
    lagging = selectors.lagging_competencies(principal("analist"), crowd.big)
    listed = {r["competency"].code for kind in lagging.values() for r in kind}
    assert listed == set(GENERIC + SPECIFIC) - {"4T"}  # 4T: mean gap 0, at the norm
    assert all(r["mean_gap"] > 0 for kind in lagging.values() for r in kind)
