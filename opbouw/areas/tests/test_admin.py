"""Editing areas by hand in the admin follows the same rules as the import."""

import pytest
from django.urls import reverse

from opbouw.areas.models import Area

pytestmark = pytest.mark.django_db


def post_change(client, area, **changes):
    data = {"code": area.code, "name": area.name, "parent": area.parent_id or "",
            "source": area.source, "code_is_synthetic": "on" if area.code_is_synthetic else ""}
    data.update(changes)
    url = reverse("admin:areas_area_change", kwargs={"object_id": area.pk})
    return client.post(url, data)


def test_an_area_cannot_move_into_its_own_subtree(demo, login):
    district = Area.objects.get(level=Area.Level.DISTRICT, name="Charlois")
    child = district.children.first()
    response = post_change(login("beheerder"), district, parent=child.pk)
    assert response.status_code == 200
    assert "Een gebied kan niet in zichzelf" in response.content.decode()
    district.refresh_from_db()
    assert district.path == "GM0599/" + district.code


def test_bad_codes_and_levels_are_refused(demo, login):
    client = login("beheerder")
    wijk = Area.objects.filter(level=Area.Level.NEIGHBOURHOOD).first()
    response = client.post(reverse("admin:areas_area_add"),
                           {"code": "hello", "name": "Hallo", "parent": wijk.pk})
    assert response.status_code == 200 and "Geen geldige code" in response.content.decode()
    response = client.post(reverse("admin:areas_area_add"),
                           {"code": "GM0001", "name": "Ergens", "parent": wijk.pk})
    assert "Een gemeente ligt niet in een ander gebied" in response.content.decode()
    assert not Area.objects.filter(code__in=["HELLO", "GM0001"]).exists()


def test_a_district_cannot_move_to_another_municipality(demo, login):
    client = login("beheerder")
    response = client.post(reverse("admin:areas_area_add"),
                           {"code": "gm0600", "name": "Elders", "parent": ""})
    assert response.status_code == 302
    assert Area.objects.get(code="GM0600").level == Area.Level.MUNICIPALITY
    district = Area.objects.get(level=Area.Level.DISTRICT, name="Pernis")
    response = post_change(client, district, parent=Area.objects.get(code="GM0600").pk)
    assert "past niet bij" in response.content.decode()  # the municipality number must match


def test_moving_a_neighbourhood_repaths_its_subneighbourhoods(demo, login):
    from opbouw.areas.services import areas_import_csv

    wijk = Area.objects.get(name="Tarwewijk")
    bu = wijk.code.replace("WK", "BU") + "01"
    assert areas_import_csv(text=f"code;naam;bovenliggende_code\n{bu};Noord;{wijk.code}\n").ok
    target = Area.objects.get(level=Area.Level.DISTRICT, name="Feijenoord")
    response = post_change(login("beheerder"), wijk, parent=target.pk)
    assert response.status_code == 302
    assert Area.objects.get(code=bu).path == f"GM0599/{target.code}/{wijk.code}/{bu}"
