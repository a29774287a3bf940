"""Login, lockout, logout, password change and reset, session expiry and language."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from opbouw.accounts.models import User
from opbouw.core.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "demo-opbouw"


def post_login(client: Client, username: str, password: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_login_page_is_dutch_and_labelled():
    response = Client().get(reverse("accounts:login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl"' in html
    assert 'for="id_username">Gebruikersnaam' in html
    assert 'href="#inhoud"' in html and "Direct naar de inhoud" in html
    assert "<main" in html and "<header" in html and "<footer" in html


def test_each_demo_login_lands_on_its_own_home_page(demo):
    expected = {
        "medewerker": "Mijn werk",
        "coach": "Ik coach",
        "manager": "zonder coach",
        "analist": "Opbouwwerkers per organisatie en SCW-niveau",
        "opdrachtgever": "Mijn gebieden",
        "beheerder": "Laatste gebeurtenissen",
    }
    for username, marker in expected.items():
        client = Client()
        response = post_login(client, username, PASSWORD)
        assert response.status_code == 302 and response["Location"] == "/", username
        home = client.get("/")
        assert marker in home.content.decode(), username
        others = [m for u, m in expected.items() if u not in (username, "coach", "medewerker")]
        assert not any(m in home.content.decode() for m in others if m != marker), username


def test_passwords_are_hashed_with_argon2(demo, settings):
    import config.settings as project_settings

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    user = User.objects.get(username="medewerker")
    user.set_password("Een-nieuw-wachtwoord-1")
    assert user.password.startswith("argon2")
    assert user.check_password("Een-nieuw-wachtwoord-1")


def test_login_and_failed_login_are_audited(demo):
    client = Client()
    before = set(AuditEvent.objects.values_list("pk", flat=True))  # the demo's report steps
    post_login(client, "medewerker", "fout-wachtwoord")
    post_login(client, "medewerker", PASSWORD)
    actions = list(AuditEvent.objects.exclude(pk__in=before).order_by("at", "id").values_list(
        "action", "actor_name"))
    assert actions == [("login_failed", "medewerker"), ("login", "medewerker")]


def test_wrong_password_gives_a_dutch_message(demo):
    response = post_login(Client(), "medewerker", "fout")
    assert response.status_code == 200
    assert "Deze combinatie van gebruikersnaam en wachtwoord kennen we niet" in \
        response.content.decode()


def test_lockout_after_repeated_failures(demo):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "manager", "fout")
    response = post_login(client, "manager", PASSWORD)
    assert response.status_code == 429
    assert "Te vaak een verkeerd wachtwoord" in response.content.decode()
    assert AuditEvent.objects.filter(action="locked_out", actor_name="manager").exists()
    assert "_auth_user_id" not in client.session
    # A colleague on another account is not affected.
    assert post_login(Client(), "medewerker", PASSWORD).status_code == 302


def test_logout_needs_post_and_ends_the_session(demo, login):
    client = login("medewerker")
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(action="logout").exists()


def test_session_expires_after_idle_time(demo):
    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        post_login(client, "medewerker", PASSWORD)
        assert client.get("/").status_code == 200
        traveller.shift(timedelta(seconds=settings.SESSION_COOKIE_AGE - 60))
        assert client.get("/").status_code == 200  # activity renews the session
        traveller.shift(timedelta(seconds=settings.SESSION_COOKIE_AGE + 60))
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_password_change_with_field_messages_and_audit(demo, login):
    client = login("medewerker")
    url = reverse("accounts:password_change")
    response = client.post(url, {"old_password": "fout", "new_password1": "kort",
                                 "new_password2": "anders"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "old_password" in errors and "new_password2" in errors
    assert User.objects.get(username="medewerker").check_password(PASSWORD)
    response = client.post(url, {"old_password": PASSWORD,
                                 "new_password1": "Wijkteam-Oost-2026",
                                 "new_password2": "Wijkteam-Oost-2026"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert response["Location"] == reverse("accounts:account")
    assert User.objects.get(username="medewerker").check_password("Wijkteam-Oost-2026")
    assert AuditEvent.objects.filter(action="password_changed", actor_name="medewerker").exists()


def test_password_reset_by_email_end_to_end(demo):
    client = Client()
    response = client.post(reverse("accounts:password_reset"),
                           {"email": "medewerker@sonor.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Nieuw wachtwoord voor Opbouw"
    assert "Beste Sanne" in message.body
    link = re.search(r"https?://[^/]+(/\S+)", message.body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200 and response.context["validlink"]
    response = client.post(response.redirect_chain[-1][0], {
        "new_password1": "Buurtkracht-2026!", "new_password2": "Buurtkracht-2026!"})
    assert response.status_code == 302
    assert User.objects.get(username="medewerker").check_password("Buurtkracht-2026!")
    assert AuditEvent.objects.filter(action="password_reset_requested").exists()


def test_password_reset_for_unknown_address_reveals_nothing(demo):
    response = Client().post(reverse("accounts:password_reset"),
                             {"email": "onbekend@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_account_page_updates_details_with_field_messages(demo, login):
    client = login("medewerker")
    url = reverse("accounts:account")
    response = client.post(url, {"first_name": "Sanne", "last_name": "de Vries",
                                 "email": "geen-adres", "language": "nl"})
    assert response.context["form"].errors["email"] == [
        "Vul een geldig e-mailadres in, zoals naam@organisatie.nl."]
    response = client.post(url, {"first_name": "Sanne", "last_name": "de Vries-Bakker",
                                 "email": "sanne@sonor.example", "language": "en"})
    assert response.status_code == 302
    user = User.objects.get(username="medewerker")
    assert (user.last_name, user.language) == ("de Vries-Bakker", "en")
    event = AuditEvent.objects.get(action="update", object_type="accounts.user")
    assert event.fields == ["email", "language", "last_name"]


def test_language_switch_to_english_and_back(demo, login):
    client = login("medewerker")
    response = client.post(reverse("accounts:language"), {"language": "en", "next": "/"},
                           follow=True)
    assert '<html lang="en"' in response.content.decode()
    assert "Welcome" in response.content.decode()
    assert User.objects.get(username="medewerker").language == "en"
    response = client.post(reverse("accounts:language"), {"language": "nl", "next": "/"},
                           follow=True)
    assert "Welkom" in response.content.decode()


def test_language_switch_refuses_foreign_redirects(demo, login):
    client = login("medewerker")
    response = client.post(reverse("accounts:language"),
                           {"language": "en", "next": "https://kwaadwillend.example/"})
    assert response["Location"] == "/"


def test_users_preferred_language_applies_at_login(demo):
    User.objects.filter(username="analist").update(language="en")
    client = Client()
    post_login(client, "analist", PASSWORD)
    assert '<html lang="en"' in client.get("/").content.decode()
