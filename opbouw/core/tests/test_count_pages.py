"""Counts of four or more digits are grouped on every module's pages, in Dutch and English.

The pages are rendered from their real templates with a small context that stands in for a
large data set (a paginator that counts 1206 rows, a results table with n=1206), so the test
checks the templates, not the selectors: 1.206 in Dutch, 1,206 in English, never 1206.
"""

from __future__ import annotations

from types import SimpleNamespace as NS

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from opbouw.measurements.views_exchange import ImportForm

N = 1206


def _page() -> NS:
    """A page of an empty list whose paginator counts N rows."""
    return NS(object_list=[], paginator=NS(count=N, num_pages=1), number=1,
              has_other_pages=False)


def _import_plan() -> NS:
    return NS(file_name="respons.csv", sheet="", total_rows=N + 10, import_count=N,
              already_imported=10, problems=[], problem_rows=0, incomplete=[],
              incomplete_rows=0, other_place_rows=0, rows_without_id=0, can_import=True,
              missing_required=[], unknown_columns=[], duplicate_columns=[],
              metadata_columns=[], problems_hidden=0, id_column="_uuid", place_column="")


PAGES = [
    ("assignments/plans.html", lambda: {"page": _page(), "choices": NS(years=[], areas=[])},
     ["1.206 plannen"], ["1,206 plans"]),
    ("organisations/people.html", lambda: {"page": _page()},
     ["1.206 personen"], ["1,206 people"]),
    ("methods/index.html", lambda: {"count": N, "results": [], "params": {}, "facets": NS()},
     ["1.206 interventies"], ["1,206 interventions"]),
    ("measurements/import_preview.html",
     lambda: {"plan": _import_plan(), "round": NS(pk=1, area=NS(name="Cool")),
              "form": ImportForm()},
     ["1.216", "1.206 respondenten kunnen", "1.206 respondenten importeren"],
     ["1,216", "1,206 respondents can", "Import 1,206 respondents"]),
    ("measurements/_results.html",
     lambda: {"results": [NS(dimension=NS(name="Tevredenheid"), n=N, value=None, low=None,
                             hidden=False)]},
     [">1.206<"], [">1,206<"]),
    ("competences/training_plan.html",
     lambda: {"round": NS(pk=1, name="Ronde 2026"), "min_cell": 5, "uncovered": [],
              "rows": [NS(competency=NS(code="A1", name="Verbinden"), short=N, assessed=N + 10,
                          courses=[])]},
     [">1.206<", ">1.216<"], [">1,206<", ">1,216<"]),
]


@pytest.mark.parametrize(("template", "context", "dutch", "english"), PAGES,
                         ids=[p[0] for p in PAGES])
def test_a_four_digit_count_is_grouped(template, context, dutch, english):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    for language, expected in (("nl", dutch), ("en", english)):
        with translation.override(language):
            html = render_to_string(template, context(), request=request)
        for text in expected:
            assert text in html, (language, text)
        assert "1206" not in html, language
