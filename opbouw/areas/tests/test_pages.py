"""Browsing the area tree."""

import pytest
from django.urls import reverse

from opbouw.areas.models import Area

pytestmark = pytest.mark.django_db


def test_area_page_shows_ancestors_children_and_synthetic_codes(demo, login):
    district = Area.objects.get(name="Charlois", level=Area.Level.DISTRICT)
    response = login("medewerker").get(reverse("areas:detail", kwargs={"code": district.code}))
    html = response.content.decode()
    assert response.status_code == 200
    assert [a.code for a in response.context["ancestors"]] == ["GM0599"]
    assert "Tarwewijk" in html
    assert "eigen code" in html
    assert "Charlois&#x27; Welzijn" in html or "Charlois' Welzijn" in html


def test_area_search_and_unknown_code(demo, login):
    client = login("opdrachtgever")
    response = client.get(reverse("areas:index"), {"zoek": "tarwe"})
    assert [a.name for a in response.context["results"]] == ["Tarwewijk"]
    assert client.get(reverse("areas:detail", kwargs={"code": "WK999999"})).status_code == 404
