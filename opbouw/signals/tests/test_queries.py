"""Query counts of the signals list do not grow with the rows (N+1), on the demo data.

Seconds are measured in bench/pages.py; these tests count queries only.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from opbouw.signals.views import PAGE_SIZE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("username", "most"), [("manager", 20), ("opdrachtgever", 22)])
def test_the_list_takes_no_query_per_row(login, demo, django_assert_max_num_queries,
                                         username, most):
    client = login(username)
    with django_assert_max_num_queries(most):
        response = client.get(reverse("signals:index"))
    rows = response.context["page"].object_list
    assert len(rows) == PAGE_SIZE  # a full page, so a query per row would show
    assert len({s.reported_by_id for s in rows}) > 1
