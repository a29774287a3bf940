"""The JSON API answers through the same access layer as the pages."""

import pytest
from django.test import Client

from opbouw.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_index_and_openapi_are_public(db):
    client = Client()
    assert client.get("/api/v1/").json()["name"] == "Opbouw API"
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/me" in schema["paths"]


def test_data_needs_a_login(demo):
    response = Client().get("/api/v1/me")
    assert response.status_code == 401
    assert response.json() == {"detail": "Niet ingelogd."}


def test_me_tells_roles_and_memberships(demo, login):
    data = login("coach").get("/api/v1/me").json()
    assert data["username"] == "coach"
    assert data["roles"] == ["coach", "worker"]
    assert {m["organisation"] for m in data["memberships"]} == {"SONOR"}


def test_inactive_organisation_is_404_like_missing(demo, login):
    org = Organisation.objects.get(short_name="Delphi")
    org.is_active = False
    org.save()
    client = login("medewerker")
    assert client.get(f"/api/v1/organisations/{org.pk}").status_code == 404
    assert client.get("/api/v1/organisations/999999").json() == {"detail": "Niet gevonden."}
    names = {o["short_name"] for o in client.get("/api/v1/organisations").json()}
    assert "Delphi" not in names and "SONOR" in names


def test_areas_search_and_detail(demo, login):
    client = login("analist")
    found = client.get("/api/v1/areas", {"q": "Tarwe"}).json()["items"]
    assert [a["name"] for a in found] == ["Tarwewijk"]
    code = found[0]["code"]
    detail = client.get(f"/api/v1/areas/{code}").json()
    assert detail["parent_code"].startswith("GB0599") and detail["code_is_synthetic"] is True
    assert client.get("/api/v1/areas/WK000000").status_code == 404
    page = client.get("/api/v1/areas", {"limit": 10, "offset": 5}).json()
    assert len(page["items"]) == 10 and page["count"] > 80
    assert client.get("/api/v1/areas/GM0599").json()["parent_code"] is None

