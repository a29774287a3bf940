"""The rule for an area lying within others, by path."""

import pytest

from opbouw.areas.models import Area
from opbouw.areas.tree import ancestor_paths, lies_within, overlap_q, overlaps, within_q
from opbouw.organisations.tests.factories import AreaFactory


def test_an_area_lies_within_itself_and_its_ancestors_not_a_namesake_prefix():
    assert lies_within("GM0599/GB059901", ["GM0599/GB059901"])
    assert lies_within("GM0599/GB059901/WK059901", ["GM0599/GB059901"])
    assert not lies_within("GM0599/GB0599011", ["GM0599/GB059901"])  # same start, other area
    assert not lies_within("GM0599", ["GM0599/GB059901"])
    assert not lies_within("GM0599", [])


@pytest.mark.django_db
def test_within_q_finds_the_same_areas_in_the_database():
    root = AreaFactory(code="GB059901", level=Area.Level.DISTRICT)
    child = AreaFactory(code="WK059901", parent=root)
    AreaFactory(code="GB0599011", level=Area.Level.DISTRICT)
    found = set(Area.objects.filter(within_q([root.path])).values_list("pk", flat=True))
    assert found == {root.pk, child.pk}
    assert not Area.objects.filter(within_q([])).exists()


def test_ancestors_and_overlap_take_the_area_above_and_below_not_a_sibling():
    assert ancestor_paths("GM0599/GB059901/WK059901") == [
        "GM0599", "GM0599/GB059901", "GM0599/GB059901/WK059901"]
    assert overlaps("GM0599", ["GM0599/GB059901"])  # contains it
    assert overlaps("GM0599/GB059901/WK059901", ["GM0599/GB059901"])  # lies in it
    assert not overlaps("GM0599/GB059902", ["GM0599/GB059901"])
    assert not overlaps("GM0599/GB0599011", ["GM0599/GB059901"])


@pytest.mark.django_db
def test_overlap_q_finds_the_same_areas_in_the_database():
    top = AreaFactory(code="GM0599", level=Area.Level.MUNICIPALITY)
    root = AreaFactory(code="GB059901", level=Area.Level.DISTRICT, parent=top)
    child = AreaFactory(code="WK059901", parent=root)
    AreaFactory(code="GB059902", level=Area.Level.DISTRICT, parent=top)
    found = set(Area.objects.filter(overlap_q([root.path])).values_list("pk", flat=True))
    assert found == {top.pk, root.pk, child.pk}
    assert not Area.objects.filter(overlap_q([])).exists()
