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


def test_an_area_cannot_move_into_its_own_subtree(world, login):
    district = world.charlois
    response = post_change(login("beheerder"), district, parent=world.tarwewijk.pk)
    assert response.status_code == 200
    assert "Een gebied kan niet in zichzelf" in response.content.decode()
    district.refresh_from_db()
    assert district.path == "GM0599/GB059901"
    assert district.parent == world.rotterdam


def test_bad_codes_and_levels_are_refused(world, login):
    client = login("beheerder")
    wijk = world.tarwewijk
    response = client.post(reverse("admin:areas_area_add"),
                           {"code": "hello", "name": "Hallo", "parent": wijk.pk})
    assert response.status_code == 200 and "Geen geldige code" in response.content.decode()
    response = client.post(reverse("admin:areas_area_add"),
                           {"code": "GM0001", "name": "Ergens", "parent": wijk.pk})
    assert "Een gemeente ligt niet in een ander gebied" in response.content.decode()
    assert not Area.objects.filter(code__in=["HELLO", "GM0001"]).exists()
    assert Area.objects.count() == 7


def test_a_district_cannot_move_to_another_municipality(world, login):
    client = login("beheerder")
    response = client.post(reverse("admin:areas_area_add"),
                           {"code": "gm0600", "name": "Elders", "parent": ""})
    assert response.status_code == 302
    assert Area.objects.get(code="GM0600").level == Area.Level.MUNICIPALITY
    district = world.pernis
    response = post_change(client, district, parent=Area.objects.get(code="GM0600").pk)
    assert "past niet bij" in response.content.decode()  # the municipality number must match
    district.refresh_from_db()
    assert district.path == "GM0599/GB059903"


def test_moving_a_neighbourhood_repaths_its_subneighbourhoods(world, login):
    from opbouw.areas.services import areas_import_csv

    wijk = world.tarwewijk
    assert areas_import_csv(text="code;naam;bovenliggende_code\nBU05990101;Noord;WK059901\n").ok
    response = post_change(login("beheerder"), wijk, parent=world.feijenoord.pk)
    assert response.status_code == 302
    assert Area.objects.get(code="BU05990101").path == "GM0599/GB059902/WK059901/BU05990101"
    assert Area.objects.get(code="WK059901").path == "GM0599/GB059902/WK059901"
