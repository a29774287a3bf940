"""Browsing the area tree."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_area_page_shows_ancestors_children_and_synthetic_codes(world, login):
    client = login("medewerker")
    response = client.get(reverse("areas:detail", kwargs={"code": "GB059901"}))
    html = response.content.decode()
    assert response.status_code == 200
    assert [a.code for a in response.context["ancestors"]] == ["GM0599"]
    assert [a.name for a in response.context["children"]] == ["Carnisse", "Tarwewijk"]
    assert "eigen code, niet van het CBS" in html  # Charlois has a code of our own
    assert [o.name for o in response.context["organisations"]] == ["Charlois' Welzijn"]
    assert "Charlois&#x27; Welzijn" in html or "Charlois' Welzijn" in html
    # A neighbourhood with a CBS code; the organisation of its district works there too.
    response = client.get(reverse("areas:detail", kwargs={"code": "wk059901"}))
    assert [a.code for a in response.context["ancestors"]] == ["GM0599", "GB059901"]
    assert "eigen code" not in response.content.decode()
    assert [o.name for o in response.context["organisations"]] == ["Charlois' Welzijn"]
    response = client.get(reverse("areas:detail", kwargs={"code": "GB059902"}))
    assert list(response.context["organisations"]) == []


def test_area_search_and_unknown_code(world, login):
    client = login("opdrachtgever")
    response = client.get(reverse("areas:index"), {"zoek": "tarwe"})
    assert [a.name for a in response.context["results"]] == ["Tarwewijk"]
    response = client.get(reverse("areas:index"), {"zoek": "GB0599"})
    assert [a.name for a in response.context["results"]] == ["Charlois", "Feijenoord", "Pernis"]
    assert client.get(reverse("areas:detail", kwargs={"code": "WK999999"})).status_code == 404
