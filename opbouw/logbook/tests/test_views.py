"""The logbook's pages: quick entry with defaults, copy, the edit window, scoping, export."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from opbouw.access.principal import Principal
from opbouw.assignments.tests.factories import AssignmentFactory
from opbouw.core.models import AuditEvent
from opbouw.logbook import selectors
from opbouw.logbook.models import Activity
from opbouw.logbook.tests.factories import TODAY, ActivityFactory

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def entry(world, who="worker", **extra) -> Activity:
    extra.setdefault("area", world["wk"])
    return ActivityFactory(worker=world[who], assignment=world["assignment"], **extra)


def form_data(world, **changes) -> dict:
    data = {"date": TODAY.isoformat(), "assignment": world["assignment"].pk,
            "area": world["wk"].pk, "intervention": world["planned"].pk,
            "contact_form": "street", "participants": "7", "new_participants": "2",
            "volunteers": "0", "hours": "1,5", "description": "Rondje door de wijk gelopen.",
            "daarna": "nog"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# -- Quick entry -----------------------------------------------------------------------------

def test_the_quick_form_is_prefilled_with_today_and_my_only_assignment(world):
    page = client_for(world["worker"]).get(reverse("logbook:create"))
    assert page.status_code == 200
    form = page.context["form"]
    assert form["date"].value() == TODAY
    assert form["assignment"].value() == world["assignment"].pk
    assert form["area"].value() == world["wk"].pk  # the worker's own working area
    html = page.content.decode()
    assert 'inputmode="numeric"' in html and 'inputmode="decimal"' in html
    assert "<details" in html and "Meer" in html
    assert f'data-opdracht="{world["assignment"].pk}"' in html


def test_defaults_follow_my_latest_entry(world):
    second = AssignmentFactory(provider=world["provider"], areas=[world["gb"]],
                               title="Tweede opdracht")
    principal = Principal.for_user(world["worker"])
    # Two assignments: the one covering the worker's working area is the usual one.
    defaults = selectors.activity_defaults(principal)
    assert defaults["date"] == TODAY
    assert "assignment" not in defaults  # both cover Oosterwijk: no guess
    entry(world, contact_form="home_visit")
    ActivityFactory(worker=world["worker"], assignment=second, area=world["wk2"],
                    contact_form="network")
    defaults = selectors.activity_defaults(principal)
    assert (defaults["assignment"], defaults["area"], defaults["contact_form"]) == (
        second.pk, world["wk2"].pk, "network")


def test_recording_returns_to_the_form_with_a_link_to_undo(world):
    client = client_for(world["worker"])
    response = client.post(reverse("logbook:create"), form_data(world))
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("logbook:create") + f"?vastgelegd={activity.pk}"
    assert activity.hours == Decimal("1.50") and activity.contact_form == "street"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Vastgelegd" in html
    assert reverse("logbook:edit", args=[activity.pk]) in html
    assert reverse("logbook:delete", args=[activity.pk]) in html
    # The next entry starts from this one: same assignment, area and contact form.
    assert page.context["form"]["contact_form"].value() == "street"
    # Undo deletes it and goes back to the form.
    response = client.post(reverse("logbook:delete", args=[activity.pk]), {"terug": "nieuw"})
    assert response["Location"] == reverse("logbook:create")
    assert not Activity.objects.exists()


def test_save_and_go_to_the_list(world):
    response = client_for(world["worker"]).post(reverse("logbook:create"),
                                                form_data(world, daarna="lijst"))
    assert response["Location"] == reverse("logbook:index")


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"hours": "30"}, "hours", "24 uur"),
    ({"hours": "anderhalf"}, "hours", "Vul een getal in"),
    ({"hours": "١"}, "hours", "Vul een getal in"),
    ({"participants": "-4"}, "participants", "negatief"),
    ({"participants": "3", "new_participants": "9"}, "new_participants", "niet meer nieuwe"),
    ({"participants": "99999999999999999999"}, "participants", "heel getal"),
    ({"area": "99999999999999999999999"}, "area", "uit de lijst"),
    ({"area": "\x00"}, "area", "uit de lijst"),
    ({"date": "2026-06-16"}, "date", "toekomst"),
    ({"date": "gisteren"}, "date", "geldige datum"),
    ({"description": "Bel 0612345678"}, "description", "telefoonnummer"),
    ({"description": ""}, "description", "Beschrijf"),
    ({"contact_form": ""}, "contact_form", "contactvorm"),
])
def test_bad_input_gets_a_dutch_message_on_the_field(world, changes, field, words):
    page = client_for(world["worker"]).post(reverse("logbook:create"),
                                            form_data(world, **changes))
    assert page.status_code == 200
    errors = " ".join(page.context["form"].errors.get(field, []))
    assert words in errors
    assert "Niet opgeslagen" in page.content.decode()
    assert not Activity.objects.exists()


def test_an_area_of_another_assignment_is_refused_in_the_form(world):
    AssignmentFactory(provider=world["provider"], areas=[world["wk_west"]])
    page = client_for(world["worker"]).post(
        reverse("logbook:create"), form_data(world, area=world["wk_west"].pk, intervention=""))
    assert "hoort niet bij de opdracht" in " ".join(page.context["form"].errors["area"])
    assert not Activity.objects.exists()


def test_without_a_running_assignment_the_form_says_so(world):
    world["assignment"].status = "finished"
    world["assignment"].save()
    page = client_for(world["worker"]).get(reverse("logbook:create"))
    assert page.status_code == 200
    assert "geen lopende opdracht" in page.content.decode()


# -- Copy ------------------------------------------------------------------------------------

def test_copy_prefills_everything_but_the_date(world):
    old = entry(world, date=dt.date(2026, 3, 2), description="Spreekuur in het buurthuis",
                hours=Decimal("3.25"), contact_form="meeting")
    page = client_for(world["worker"]).get(reverse("logbook:copy", args=[old.pk]))
    form = page.context["form"]
    assert form["date"].value() == TODAY
    assert form["description"].value() == "Spreekuur in het buurthuis"
    assert form["contact_form"].value() == "meeting"
    assert 'value="3,25"' in page.content.decode()
    response = client_for(world["worker"]).post(
        reverse("logbook:copy", args=[old.pk]),
        form_data(world, description="Spreekuur in het buurthuis"))
    assert response.status_code == 302
    assert Activity.objects.filter(date=TODAY, description="Spreekuur in het buurthuis").exists()


def test_copy_of_an_invisible_entry_is_404(world):
    other = entry(world, who="colleague")
    assert client_for(world["worker"]).get(
        reverse("logbook:copy", args=[other.pk])).status_code == 404
    assert client_for(world["outsider"]).get(
        reverse("logbook:copy", args=[other.pk])).status_code == 404


# -- The edit window -------------------------------------------------------------------------

def test_the_worker_edits_within_the_window_then_only_a_manager(world, today, settings):
    settings.OPBOUW_LOGBOOK_EDIT_DAYS = 14
    activity = entry(world, hours=Decimal("2"))
    worker = client_for(world["worker"])
    page = worker.get(reverse("logbook:edit", args=[activity.pk]))
    assert page.status_code == 200
    assert "Wijzigen kan tot 29 jun 2026 10:00" in page.content.decode()
    assert "Wijzigen kan tot 29 jun 2026" in worker.get(reverse("logbook:index")).content.decode()
    response = worker.post(reverse("logbook:edit", args=[activity.pk]),
                           form_data(world, hours="2,5", date=TODAY.isoformat()))
    assert response.status_code == 302, response.context["form"].errors
    assert AuditEvent.objects.get(action="update").fields == [
        "contact_form", "description", "hours", "intervention", "participants", "volunteers"]

    today.move_to(dt.datetime(2026, 6, 29, 8, 1, tzinfo=dt.UTC))  # 10:01 in Amsterdam
    # Sessions end sooner than the window: sign in again.
    worker, manager = client_for(world["worker"]), client_for(world["manager"])
    assert worker.get(reverse("logbook:edit", args=[activity.pk])).status_code == 403
    assert worker.post(reverse("logbook:edit", args=[activity.pk]),
                       form_data(world, hours="5")).status_code == 403
    assert worker.post(reverse("logbook:delete", args=[activity.pk])).status_code == 403
    assert "Wijzigen</a>" not in worker.get(reverse("logbook:index")).content.decode()
    activity.refresh_from_db()
    assert activity.hours == Decimal("2.50")

    page = manager.get(reverse("logbook:edit", args=[activity.pk]))
    assert page.status_code == 200 and "auditlog" in page.content.decode()
    response = manager.post(reverse("logbook:edit", args=[activity.pk]),
                            form_data(world, hours="3", description="Rondje door de wijk gelopen."))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.hours == Decimal("3.00") and activity.worker == world["worker"]
    event = AuditEvent.objects.filter(action="update").latest("pk")
    assert event.actor == world["manager"] and event.fields == ["hours"]
    assert "werker" in event.detail


def test_the_edit_window_is_configurable(world, today, settings):
    settings.OPBOUW_LOGBOOK_EDIT_DAYS = 1
    activity = entry(world)
    today.shift(dt.timedelta(days=1, minutes=1))
    assert client_for(world["worker"]).get(
        reverse("logbook:edit", args=[activity.pk])).status_code == 403


def test_a_coach_sees_but_does_not_edit_a_coachees_entry(world):
    activity = entry(world)
    coach = client_for(world["coach"])
    assert coach.get(reverse("logbook:edit", args=[activity.pk])).status_code == 403
    assert coach.get(reverse("logbook:copy", args=[activity.pk])).status_code == 200


def test_delete_is_post_only_and_audited(world):
    activity = entry(world)
    worker = client_for(world["worker"])
    assert worker.get(reverse("logbook:delete", args=[activity.pk])).status_code == 405
    assert client_for(world["outsider"]).post(
        reverse("logbook:delete", args=[activity.pk])).status_code == 404
    response = worker.post(reverse("logbook:delete", args=[activity.pk]))
    assert response["Location"] == reverse("logbook:index")
    assert not Activity.objects.exists()
    assert AuditEvent.objects.get(action="delete").actor == world["worker"]


# -- Scoping and the list --------------------------------------------------------------------

def listed(world, who, **params) -> list[str]:
    page = client_for(world[who]).get(reverse("logbook:index"), params)
    assert page.status_code == 200
    return sorted(a.description for a in page.context["page"].object_list)


@pytest.fixture
def entries(world):
    entry(world, description="van werker")
    entry(world, who="colleague", description="van collega")
    entry(world, who="coach", description="van coach")
    ActivityFactory(worker=world["outsider"], description="van buiten")


def test_who_sees_which_entries(world, entries):
    assert listed(world, "worker") == ["van werker"]
    assert listed(world, "coach") == ["van coach", "van werker"]
    assert listed(world, "manager") == ["van coach", "van collega", "van werker"]
    assert listed(world, "outsider") == ["van buiten"]
    # Commissioners never see a worker's logbook: not in the scope, not on the page.
    assert not selectors.activity_list(Principal.for_user(world["official"])).exists()
    assert client_for(world["official"]).get(reverse("logbook:index")).status_code == 403


def test_an_outsider_gets_404_for_our_entries(world):
    activity = entry(world)
    outsider = client_for(world["outsider"])
    assert outsider.get(reverse("logbook:edit", args=[activity.pk])).status_code == 404


def test_filters_and_totals(world):
    entry(world, date=dt.date(2026, 5, 1), hours=Decimal("2"), participants=10,
          area=world["bu"], description="mei")
    entry(world, date=dt.date(2026, 6, 1), hours=Decimal("1.5"), participants=4,
          intervention=world["planned"], description="juni")
    entry(world, who="colleague", date=dt.date(2026, 6, 2), description="collega")
    assert listed(world, "worker", van="2026-05-15") == ["juni"]
    assert listed(world, "worker", tot="2026-05-31") == ["mei"]
    assert listed(world, "worker", gebied=world["wk"].pk) == ["juni", "mei"]
    # Sub-neighbourhoods are not on offer as a filter: ignored, everything shows.
    assert listed(world, "manager", gebied=world["bu"].pk) == ["collega", "juni", "mei"]
    assert listed(world, "worker", interventie=world["planned"].pk) == ["juni"]
    assert listed(world, "worker", opdracht=world["assignment"].pk) == ["juni", "mei"]
    assert listed(world, "manager", medewerker=world["colleague"].pk) == ["collega"]
    # A worker cannot filter on someone else (it is ignored, still only their own).
    assert listed(world, "worker", medewerker=world["colleague"].pk) == ["juni", "mei"]
    page = client_for(world["worker"]).get(reverse("logbook:index"), {"van": "2026-05-01"})
    assert page.context["totals"] == {"entries": 2, "hours": Decimal("3.5"),
                                      "participants": 14, "new": 4}
    assert "Activiteit vastleggen" in page.content.decode()


@pytest.mark.parametrize("params", [
    {"pagina": "٣"}, {"pagina": "99999999999"}, {"van": "\x00"}, {"tot": "２０２６-01-01"},
    {"gebied": "99999999999999999999999"}, {"medewerker": "-1"}, {"opdracht": "abc"},
    {"interventie": "1e9"}, {"van": "2026-02-30"},
])
def test_nonsense_in_the_query_string_is_ignored(world, params):
    entry(world)
    assert len(listed(world, "worker", **params)) == 1


def test_the_list_pages_by_fifty(world):
    ActivityFactory.create_batch(51, worker=world["worker"], assignment=world["assignment"],
                                 area=world["wk"], hours=Decimal("0.25"))
    page = client_for(world["worker"]).get(reverse("logbook:index"))
    assert len(page.context["page"].object_list) == 50
    second = client_for(world["worker"]).get(reverse("logbook:index"), {"pagina": "2"})
    assert len(second.context["page"].object_list) == 1


# -- Export ----------------------------------------------------------------------------------

def test_export_csv_is_scoped_filtered_and_audited(world, entries):
    entry(world, description="=HYPERLINK(\"x\")", date=dt.date(2026, 6, 1))
    response = client_for(world["worker"]).get(reverse("logbook:export"),
                                               {"formaat": "csv", "tot": "2026-06-14"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("datum;medewerker;organisatie;opdracht")
    assert len(lines) == 2
    assert "'=HYPERLINK" in lines[1] and "van collega" not in text
    event = AuditEvent.objects.get(action="export")
    assert event.actor == world["worker"] and "tot=2026-06-14" in event.detail
    assert "1 rijen" in event.detail


def test_export_xlsx(world, entries):
    from openpyxl import load_workbook

    response = client_for(world["manager"]).get(reverse("logbook:export"), {"formaat": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 4  # header + the organisation's three entries
    assert AuditEvent.objects.filter(action="export").count() == 1


def test_only_provider_staff_use_the_logbook(world):
    for who in ("official",):
        client = client_for(world[who])
        for name in ("logbook:index", "logbook:create", "logbook:export"):
            assert client.get(reverse(name)).status_code == 403


def test_every_problem_shows_at_once_not_one_submit_at_a_time(world):
    client = client_for(world["worker"])
    page = client.post(reverse("logbook:create"), form_data(
        world, date=(TODAY + dt.timedelta(days=3)).isoformat(), participants="-3",
        hours="30", description="", new_participants="x"))
    errors = page.context["form"].errors
    assert set(errors) >= {"date", "participants", "hours", "description", "new_participants"}
    assert "toekomst" in errors["date"][0]
    assert "negatief" in errors["participants"][0]
    assert "24 uur" in errors["hours"][0]
    assert len(errors["new_participants"]) == 1  # the form's message, not the service's too
    assert not Activity.objects.filter(description="").exists()
