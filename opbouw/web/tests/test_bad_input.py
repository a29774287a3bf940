"""Nothing answers 500 on user input: odd query strings, ids, codes and form values."""

import pytest
from django.test import Client
from django.urls import reverse

from opbouw.accounts.models import User
from opbouw.organisations.models import WorkerProfile

pytestmark = pytest.mark.django_db

ODD = ["\x00", "%", "'; DROP TABLE x; --", "ü" * 500, "0" * 40, "-1", "\u202e", "<script>"]
SEARCHES = [
    ("organisations:people", "zoek"), ("organisations:people", "wijk"),
    ("organisations:people", "pagina"), ("organisations:list", "soort"),
    ("areas:index", "zoek"), ("web:audit", "wie"), ("web:audit", "handeling"),
    ("web:audit", "pagina"),
]


def test_odd_query_strings_never_answer_500(demo):
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="beheerder"))
    for name, param in SEARCHES:
        for value in ODD:
            response = client.get(reverse(name), {param: value})
            assert response.status_code == 200, (name, param, value)
    for value in ODD:
        assert client.get("/api/v1/areas", {"q": value}).status_code == 200, value


@pytest.mark.parametrize("path", [
    "/gebieden/%00/", "/gebieden/WK%2000/", "/gebieden/%E2%80%AE/", "/api/v1/areas/%00",
    "/api/v1/areas/" + "W" * 300, "/mensen/99999999999999999999999/",
    "/organisaties/99999999999999999999999/",
])
def test_odd_ids_and_codes_answer_404(demo, path):
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="beheerder"))
    assert client.get(path).status_code == 404


def test_api_validation_errors_are_dutch(demo, login):
    response = login("medewerker").get("/api/v1/organisations/abc")
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "Ongeldige waarde."
    assert response.json()["detail"][0]["field"] == "pk"


def test_absurd_ids_in_a_multiple_choice_are_a_field_message(demo, login):
    profile = WorkerProfile.objects.get(user__username="medewerker")
    response = login("manager").post(
        reverse("organisations:person_edit", kwargs={"pk": profile.pk}),
        {"function": "worker", "areas": ["99999999999999999999999", "abc"]})
    assert response.status_code == 200
    assert response.context["form"].errors["areas"] == ["Kies werkgebieden uit de lijst."]


def test_too_long_email_is_a_field_message(demo, login):
    response = login("medewerker").post(reverse("accounts:account"), {
        "first_name": "Sanne", "last_name": "de Vries", "language": "nl",
        "email": "a" * 250 + "@voorbeeld.nl"})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert User.objects.get(username="medewerker").email == "medewerker@sonor.example"
