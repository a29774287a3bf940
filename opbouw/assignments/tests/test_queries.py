"""Query counts of the assignments list do not grow with the rows (N+1), on the demo data.

Seconds are measured in bench/pages.py; these tests count queries only.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("username", "rows"), [("beheerder", 20), ("manager", 5),
                                                ("opdrachtgever", 3)])
def test_the_list_takes_no_query_per_row(login, demo, django_assert_max_num_queries,
                                         username, rows):
    """Each row shows its areas and the hours realised so far: fetched for the whole page."""
    client = login(username)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("assignments:index"))
    listed = response.context["page"].object_list
    assert len(listed) >= rows
    assert any(a.realised["hours"] for a in listed)
