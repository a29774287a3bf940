"""Query counts of the logbook's pages do not grow with the rows (N+1), on the demo data.

Seconds are measured in bench/pages.py; these tests count queries only.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from opbouw.access.principal import Principal
from opbouw.accounts.models import User
from opbouw.assignments.indicators import Period, computation
from opbouw.assignments.models import Assignment
from opbouw.assignments.tests.factories import AssignmentFactory
from opbouw.logbook import selectors
from opbouw.logbook.views import PAGE_SIZE

pytestmark = pytest.mark.django_db


def test_the_list_takes_no_query_per_row(login, demo, django_assert_max_num_queries):
    client = login("manager")
    with django_assert_max_num_queries(20):
        response = client.get(reverse("logbook:index"))
    rows = response.context["page"].object_list
    assert len(rows) == PAGE_SIZE
    assert len({a.worker_id for a in rows}) > 1  # other workers' entries, too


def test_the_quick_form_takes_no_queries_per_assignment(login, demo,
                                                        django_assert_max_num_queries):
    client = login("manager")
    client.get(reverse("logbook:create"))
    with django_assert_max_num_queries(22) as before:
        client.get(reverse("logbook:create"))
    running = Assignment.objects.filter(provider__short_name="SONOR",
                                        status=Assignment.Status.RUNNING).order_by("pk")
    shown = running.count()
    model = running.first()
    for n in range(3):  # more assignments to log for, with areas and planned interventions
        extra = AssignmentFactory(commissioner=model.commissioner, provider=model.provider,
                                  areas=list(model.areas.all()), title=f"Extra {n}")
        extra.interventions.set(model.interventions.all())
    with django_assert_max_num_queries(22) as after:
        response = client.get(reverse("logbook:create"))
    assert response.context["form"].fields["assignment"].queryset.count() == shown + 3 > 3
    assert len(after) == len(before)


def test_intervention_tags_of_many_assignments_are_those_of_each(demo):
    """allowed_intervention_tags gives, at once, what allowed_interventions gives each."""
    assignments = list(Assignment.objects.prefetch_related("areas").order_by("title"))
    today = timezone.localdate()
    for on in (today, dt.date(today.year - 1, 6, 1)):
        expected: dict[int, list[int]] = {}
        for assignment in assignments:
            for pk in selectors.allowed_interventions(assignment=assignment, on=on).values_list(
                    "pk", flat=True):
                expected.setdefault(pk, []).append(assignment.pk)
        assert expected
        assert selectors.allowed_intervention_tags(assignments, on=on) == expected


def test_the_logging_choices_tag_each_area_with_its_assignments(demo):
    choices = selectors.logging_choices(Principal.for_user(User.objects.get(username="manager")))
    for assignment in choices["assignments"]:
        tagged = {pk for pk, tags in choices["area_tags"].items() if assignment.pk in tags}
        assert tagged == set(selectors.assignment_areas(assignment).values_list("pk", flat=True))


def test_hours_and_activities_of_many_periods_are_those_of_each(demo):
    assignments = list(Assignment.objects.order_by("pk")[:6])
    periods = [Period(a, a.starts_on, a.starts_on + dt.timedelta(days=days))
               for a in assignments for days in (0, 40, 400)]
    # "participants" has no many-periods form: values() computes it period by period.
    for key in ("logbook.hours", "logbook.activities", "logbook.participants"):
        comp = computation(key)
        values = comp.values(periods)
        assert values == [comp.compute(p) for p in periods]
        assert any(values)
