"""Home pages, friendly errors, health and production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import path, reverse

from opbouw.core.models import AuditEvent

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def crash(request):
    raise RuntimeError("kapot")


urlpatterns = [path("kapot/", crash)]


@override_settings(ROOT_URLCONF="opbouw.web.tests.test_pages", DEBUG=False)
def test_server_error_is_a_friendly_page_without_a_stack_trace():
    from config import urls as project_urls

    global handler500
    handler500 = project_urls.handler500
    client = Client(raise_request_exception=False)
    response = client.get("/kapot/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis bij ons" in html
    assert "Traceback" not in html and "RuntimeError" not in html and "kapot" not in html


def test_not_found_is_friendly_and_dutch(demo, login):
    response = login("medewerker").get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_forbidden_is_friendly_and_dutch(demo, login):
    response = login("medewerker").get(reverse("web:audit"))
    assert response.status_code == 403
    assert "U heeft geen toegang tot deze pagina" in response.content.decode()


def test_csrf_failure_is_friendly(demo):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Het formulier is verlopen" in response.content.decode()


def test_navigation_depends_on_role(demo, login):
    nav = [i["url"] for i in login("analist").get("/").context["nav_items"]]
    assert nav == ["/", "/organisaties/", "/gebieden/", "/competenties/", "/methoden/",
                   "/opdrachten/", "/signalen/", "/metingen/", "/hulp/"]
    nav = [i["url"] for i in login("opdrachtgever").get("/").context["nav_items"]]
    assert "/logboek/" not in nav and "/opdrachten/" in nav
    nav = [i["url"] for i in login("beheerder").get("/").context["nav_items"]]
    assert "/auditlog/" in nav and "/beheer/" in nav


def test_exactly_one_menu_item_is_current(demo, login):
    client = login("beheerder")
    for url in ["/", "/mensen/", "/auditlog/", "/organisaties/"]:
        current = [i["url"] for i in client.get(url).context["nav_items"] if i["current"]]
        assert current == [url], url


def test_home_lists_the_modules_planned_for_the_role(demo, login):
    html = login("opdrachtgever").get("/").content.decode()
    assert "Opdrachten" in html and "Rapportages" in html
    assert "Logboek" not in html


def test_user_without_membership_is_told_what_to_do(db, client):
    from opbouw.organisations.tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get("/")
    assert "U heeft nog geen rol" in response.content.decode()


def test_audit_log_page_filters(demo, login):
    Client().post(reverse("accounts:login"), {"username": "manager", "password": "fout"})
    client = login("beheerder")
    response = client.get(reverse("web:audit"), {"handeling": "login_failed"})
    events = list(response.context["page"].object_list)
    assert events and all(e.action == AuditEvent.Action.LOGIN_FAILED for e in events)
    response = client.get(reverse("web:audit"), {"handeling": "onzin", "pagina": "x"})
    assert response.status_code == 200


def test_health_reports_database(client, db):
    assert client.get(reverse("web:health")).json() == {"status": "ok"}


def test_pages_load_nothing_from_other_hosts(demo, login):
    html = login("medewerker").get("/").content.decode()
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": "p" * 20 + "-productie-sleutel-die-lang-en-willekeurig-genoeg-is-9f3k",
        "ALLOWED_HOSTS": "opbouw.example.nl",
        "OPBOUW_VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_commissioner_sees_only_providers_working_in_own_area(demo, login):
    providers = [o.short_name for o in login("opdrachtgever").get("/").context["providers"]]
    assert providers == ["SONOR"]


def test_analysts_and_commissioners_never_see_a_workers_name(demo, login):
    from opbouw.organisations.models import Organisation, WorkerProfile

    names = [str(p.user) for p in WorkerProfile.objects.select_related("user")]
    pages = ["/", "/organisaties/", "/gebieden/", "/api/v1/organisations"]
    pages += [f"/organisaties/{pk}/" for pk in Organisation.objects.values_list("pk", flat=True)]
    for username in ("analist", "opdrachtgever"):
        client = login(username)
        for url in pages:
            html = client.get(url).content.decode()
            leaked = [n for n in names if n in html]
            assert not leaked, (username, url, leaked)


def test_sqlite_runs_in_wal_mode(tmp_path):
    env = {**os.environ, "OPBOUW_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    code = ("from django.db import connection; c = connection.cursor(); "
            "print(c.execute('PRAGMA journal_mode').fetchone()[0])")
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "wal", result.stderr
    assert (tmp_path / "opbouw.sqlite3").exists()


def test_start_page_offers_quick_logging_to_providers_staff_only(demo, login):
    html = login("medewerker").get("/").content.decode()
    assert 'href="/logboek/nieuw/"' in html and 'href="/signalen/nieuw/"' in html
    for username in ("opdrachtgever", "analist", "beheerder"):
        html = login(username).get("/").content.decode()
        assert 'href="/logboek/nieuw/"' not in html, username


def test_commissioners_start_page_leads_to_their_assignments_and_own_plans(demo, login):
    html = login("opdrachtgever").get("/").content.decode()
    assert 'href="/opdrachten/"' in html and 'href="/signalen/"' in html
    assert "Wijkactieplannen van Kralingen-Crooswijk" in html
