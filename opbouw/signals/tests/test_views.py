"""Signal pages: reporting, the list with filters and export, detail, follow-up, scoping."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from opbouw.core.models import AuditEvent
from opbouw.signals.models import Category, FollowUp, Partner, Signal
from opbouw.signals.tests.factories import SignalFactory

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


@pytest.fixture
def signals(world):
    """A signal of the worker, one of a colleague, one in West, one of another provider."""
    def make(reporter, organisation, area, assignment, days_ago, **extra):
        return SignalFactory(reported_by=reporter, organisation=organisation, area=area,
                             assignment=assignment, category=world.category,
                             date=world.today - days_ago * DAY, **extra)

    return {
        "own": make(world.worker, world.provider, world.oosterwijk, world.assignment, 5,
                    description="Zwerfafval rond de speeltuin aan de Oostkade."),
        "colleague": make(world.colleague, world.provider, world.noorderwijk,
                          world.assignment, 4, urgency="high", status="referred",
                          referred_to=world.partner, description="Jongeren hangen bij de "
                          "snackbar en er is onrust."),
        "west": make(world.worker, world.provider, world.westwijk, world.west_assignment, 3,
                     description="Losliggende stoeptegels bij de school in West."),
        "other": make(world.outsider, world.other_provider, world.oosterwijk, None, 2,
                      description="Eenzame ouderen in de flat aan het plein."),
    }


def visible(client, **params) -> set[int]:
    response = client.get(reverse("signals:index"), params)
    assert response.status_code == 200
    return {s.pk for s in response.context["page"].object_list}


def post_signal(client, world, **changes):
    data = {"date": (world.today - DAY).isoformat(), "area": world.oosterwijk.pk,
            "category": world.category.pk, "description": "Kapotte lantaarnpaal in het park.",
            "urgency": "normal", "source": "observation", "assignment": world.assignment.pk,
            "referred_to": ""} | changes
    return client.post(reverse("signals:create"), data)


# Reporting ---------------------------------------------------------------------------------

def test_the_form_offers_the_usual_area_and_assignment_and_groups_categories(world):
    client = world.client(world.worker)
    response = client.get(reverse("signals:create"))
    form = response.context["form"]
    assert form.initial["area"] == world.oosterwijk  # from the worker profile
    assert form.initial["assignment"] == world.assignment  # the one covering that area
    assert form.initial["urgency"] == "normal" and form.initial["date"] == world.today
    html = response.content.decode()
    assert '<optgroup label="Leefbaarheid">' in html
    assert 'type="radio" name="urgency" value="normal"' in html
    assert set(form.fields["assignment"].queryset) == {world.assignment, world.west_assignment}


def test_the_last_signal_sets_the_next_default(world, signals):
    client = world.client(world.worker)
    assert post_signal(client, world, area=world.westwijk.pk,
                       assignment=world.west_assignment.pk).status_code == 302
    form = client.get(reverse("signals:create")).context["form"]
    assert form.initial["area"] == world.westwijk
    assert form.initial["assignment"] == world.west_assignment
    assert form.initial["source"] == "observation"


def test_a_worker_records_a_signal_and_lands_on_it(world):
    client = world.client(world.worker)
    response = post_signal(client, world, referred_to=world.partner.pk)
    signal = Signal.objects.get()
    assert response["Location"] == reverse("signals:detail", args=[signal.pk])
    assert signal.status == "referred" and signal.referred_to == world.partner
    page = client.get(response["Location"]).content.decode()
    assert "Kapotte lantaarnpaal" in page and "Wijkteam" in page


def test_a_phone_number_is_refused_on_the_page_and_nothing_is_saved(world):
    client = world.client(world.worker)
    response = post_signal(client, world, description="Bel mevrouw op 06-12345678")
    assert response.status_code == 200
    html = response.content.decode()
    assert "een telefoonnummer" in html and "niet opgeslagen" in html
    assert "Bel mevrouw op 06-12345678" in html  # kept in the field to correct it
    assert not Signal.objects.exists()


@pytest.mark.parametrize(("field", "value"), [
    ("area", "٣"), ("area", "99999999999999999999999"), ("category", "²"),
    ("assignment", "abc"), ("date", "31-02-2026"), ("urgency", "paniek"),
    ("description", "x\x00y"),
])
def test_nonsense_input_gets_a_field_message_not_a_500(world, field, value):
    response = post_signal(world.client(world.worker), world, **{field: value})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Signal.objects.exists()


def test_an_area_outside_the_assignment_is_named_on_its_field(world):
    response = post_signal(world.client(world.worker), world, area=world.westwijk.pk)
    assert "hoort niet bij de opdracht" in " ".join(response.context["form"].errors["area"])
    assert not Signal.objects.exists()


@pytest.mark.parametrize("who", ["commissioner", "analyst", "admin"])
def test_only_providers_staff_may_report(world, who):
    client = world.client(getattr(world, who))
    assert client.get(reverse("signals:create")).status_code == 403
    assert post_signal(client, world).status_code == 403
    assert not Signal.objects.exists()


# The list, its filters and the export ------------------------------------------------------

def test_who_sees_which_signals(world, signals):
    own, colleague, west, other = (signals[k].pk for k in ("own", "colleague", "west", "other"))
    assert visible(world.client(world.worker)) == {own, west}
    assert visible(world.client(world.coach)) == {own, west}  # the coachee's, not Karin's
    assert visible(world.client(world.manager)) == {own, colleague, west}
    assert visible(world.client(world.commissioner)) == {own, colleague, other}  # area Oost
    assert visible(world.client(world.outsider)) == {other}
    assert visible(world.client(world.analyst)) == set()
    assert visible(world.client(world.admin)) == {own, colleague, west, other}


def test_filters_narrow_the_list(world, signals):
    client = world.client(world.manager)
    s = signals
    assert visible(client, gebied=world.oost.code) == {s["own"].pk, s["colleague"].pk}
    assert visible(client, gebied=world.westwijk.code) == {s["west"].pk}
    assert visible(client, status="referred") == {s["colleague"].pk}
    assert visible(client, urgentie="high") == {s["colleague"].pk}
    assert visible(client, opdracht=world.west_assignment.pk) == {s["west"].pk}
    assert visible(client, medewerker=world.colleague.pk) == {s["colleague"].pk}
    assert visible(client, van=(world.today - 4 * DAY).isoformat(),
                   tot=(world.today - 3 * DAY).isoformat()) == {s["colleague"].pk, s["west"].pk}
    assert visible(client, domein="safety") == set()
    other = Category.objects.get(name="Drugsoverlast")
    Signal.objects.filter(pk=s["west"].pk).update(category=other)
    assert visible(client, categorie=other.pk) == {s["west"].pk}
    assert visible(client, domein="safety") == {s["west"].pk}


@pytest.mark.parametrize("params", [
    {"van": "٢٠٢٦-٠١-٠١"}, {"tot": "morgen"}, {"gebied": "\x00"}, {"categorie": "²"},
    {"opdracht": "99999999999999999999999"}, {"medewerker": "-1"}, {"pagina": "٣"},
    {"status": "alles"}, {"urgentie": "x" * 500},
])
def test_nonsense_filters_are_ignored(world, signals, params):
    assert len(visible(world.client(world.manager), **params)) == 3


def test_a_date_not_understood_is_named_on_the_page(world, signals):
    client = world.client(world.manager)
    page = client.get(reverse("signals:index"), {"van": "morgen", "status": "alles"})
    assert page.context["filters"].ignored == ["van"]  # the status is quietly ignored
    assert "Een datum is niet herkend en genegeerd" in page.content.decode()
    typed = client.get(reverse("signals:index"), {"tot": "31-12-2099"})
    assert typed.context["filters"].ends_on.isoformat() == "2099-12-31"
    assert "niet herkend" not in typed.content.decode()


def test_counts_per_status_of_the_filtered_set(world, signals):
    response = world.client(world.manager).get(reverse("signals:index"),
                                               {"gebied": world.oost.code, "status": "open"})
    counts = {code: n for code, _label, n, _url in response.context["counts"]}
    assert counts == {"open": 1, "referred": 1, "taken_up": 0, "closed": 0}


def test_the_list_pages_by_fifty(world):
    for n in range(52):
        SignalFactory(reported_by=world.worker, organisation=world.provider,
                      area=world.oosterwijk, category=world.category,
                      date=world.today - (n + 1) * DAY)
    client = world.client(world.worker)
    first = client.get(reverse("signals:index")).context["page"]
    assert len(first.object_list) == 50 and first.object_list[0].date == world.today - DAY
    assert len(client.get(reverse("signals:index"), {"pagina": 2}).context["page"]
               .object_list) == 2


def test_the_worker_filter_is_only_for_those_who_may_see_people(world, signals):
    page = world.client(world.commissioner).get(reverse("signals:index"))
    assert page.context["choices"]["workers"] is None
    assert 'name="medewerker"' not in page.content.decode()
    # Guessing by id reveals nothing either.
    assert visible(world.client(world.commissioner), medewerker=world.worker.pk) == set()
    assert 'name="medewerker"' in world.client(world.manager).get(
        reverse("signals:index")).content.decode()


def test_commissioners_never_see_who_reported(world, signals):
    client = world.client(world.commissioner)
    for response in (client.get(reverse("signals:index")),
                     client.get(reverse("signals:detail", args=[signals["own"].pk]))):
        html = response.content.decode()
        assert "Werker" not in html and "Collega" not in html and "Buiten" not in html
        assert "Gemeld door" not in html
    export = client.get(reverse("signals:export"), {"formaat": "csv"}).content.decode("utf-8")
    assert "Gemeld door" not in export and "Werker" not in export
    assert "Zwerfafval rond de speeltuin" in export


def test_managers_see_reporters_in_page_and_export(world, signals):
    client = world.client(world.manager)
    assert "Willem Werker" in client.get(reverse("signals:index")).content.decode()
    export = client.get(reverse("signals:export"), {"formaat": "csv"}).content.decode("utf-8")
    assert "Gemeld door" in export.splitlines()[0]
    assert "Karin Collega" in export


def test_the_export_follows_the_filters_and_is_audited(world, signals):
    client = world.client(world.manager)
    response = client.get(reverse("signals:export"), {"formaat": "xlsx", "urgentie": "high"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Datum" and len(rows) == 2
    assert "Jongeren hangen" in rows[1][-1]
    event = AuditEvent.objects.get(action="export")
    assert event.actor == world.manager and "1 rijen, XLSX" in event.detail
    csv = client.get(reverse("signals:export"), {"formaat": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    assert AuditEvent.objects.filter(action="export").count() == 2


def test_exported_text_never_runs_as_a_formula(world):
    SignalFactory(reported_by=world.worker, organisation=world.provider, area=world.oosterwijk,
                  category=world.category, description="=HYPERLINK(\"http://x\")")
    csv = world.client(world.worker).get(reverse("signals:export")).content.decode("utf-8")
    assert ";\"'=HYPERLINK(" in csv


# Detail, follow-up and corrections ---------------------------------------------------------

@pytest.mark.parametrize(("who", "status"), [
    ("worker", 200), ("coach", 200), ("manager", 200), ("commissioner", 200), ("admin", 200),
    ("analyst", 404), ("outsider", 404), ("colleague", 404),
])
def test_who_opens_a_signal(world, signals, who, status):
    url = reverse("signals:detail", args=[signals["own"].pk])
    assert world.client(getattr(world, who)).get(url).status_code == status


def test_the_history_shows_status_changes_oldest_first(world, signals):
    signal = signals["own"]
    client = world.client(world.worker)
    url = reverse("signals:follow_up", args=[signal.pk])
    data = {"date": (world.today - 2 * DAY).isoformat(), "status": "referred",
            "referred_to": world.partner.pk, "note": "Doorgezet naar het wijkteam."}
    assert client.post(url, data).status_code == 302
    data = {"date": (world.today - DAY).isoformat(), "status": "taken_up", "referred_to": "",
            "note": ""}
    assert client.post(url, data).status_code == 302
    html = client.get(reverse("signals:detail", args=[signal.pk])).content.decode()
    first, second = html.index("Doorgezet naar het wijkteam"), html.index("<strong>opgepakt")
    assert first < second
    signal.refresh_from_db()
    assert signal.taken_up_on == world.today - DAY


def test_a_refused_follow_up_shows_the_reason_and_writes_nothing(world, signals):
    client = world.client(world.worker)
    url = reverse("signals:follow_up", args=[signals["own"].pk])
    response = client.post(url, {"date": world.today.isoformat(), "status": "taken_up",
                                 "note": "Mail naar a.b@example.nl"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "eerst doorverwezen" in errors["status"][0]
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize(("who", "status"), [
    ("coach", 302), ("manager", 302), ("commissioner", 403), ("admin", 403), ("outsider", 404),
])
def test_who_may_follow_up(world, signals, who, status):
    response = world.client(getattr(world, who)).post(
        reverse("signals:follow_up", args=[signals["own"].pk]),
        {"date": world.today.isoformat(), "status": "closed", "note": ""})
    assert response.status_code == status
    assert Signal.objects.get(pk=signals["own"].pk).status == (
        "closed" if status == 302 else "open")


def test_the_follow_up_form_is_only_shown_to_those_allowed(world, signals):
    url = reverse("signals:detail", args=[signals["own"].pk])
    assert "Vervolg vastleggen" in world.client(world.worker).get(url).content.decode()
    assert "Vervolg vastleggen" not in world.client(world.commissioner).get(url).content.decode()


def test_the_reporter_corrects_an_open_signal(world, signals):
    signal = signals["own"]
    client = world.client(world.worker)
    url = reverse("signals:edit", args=[signal.pk])
    form = client.get(url).context["form"]
    assert "referred_to" not in form.fields
    data = {"date": signal.date.isoformat(), "area": world.noorderwijk.pk,
            "category": signal.category_id, "description": signal.description,
            "urgency": "high", "source": signal.source, "assignment": world.assignment.pk}
    assert client.post(url, data).status_code == 302
    signal.refresh_from_db()
    assert (signal.area, signal.urgency) == (world.noorderwijk, "high")
    assert AuditEvent.objects.get(action="update").fields == ["area", "urgency"]


@pytest.mark.parametrize(("who", "status"), [
    ("worker", 200), ("manager", 200), ("coach", 403), ("commissioner", 403), ("admin", 403),
    ("outsider", 404),
])
def test_who_may_correct(world, signals, who, status):
    url = reverse("signals:edit", args=[signals["own"].pk])
    assert world.client(getattr(world, who)).get(url).status_code == status


def test_a_referred_signal_is_not_corrected_but_followed_up(world, signals):
    url = reverse("signals:edit", args=[signals["colleague"].pk])
    response = world.client(world.colleague).get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("signals:detail", args=[signals["colleague"].pk])


# Reference lists ---------------------------------------------------------------------------

def test_everyone_reads_the_reference_lists_analysts_change_them(world):
    url = reverse("signals:reference")
    page = world.client(world.worker).get(url).content.decode()
    assert "Vuil en zwerfafval" in page and "Wijkteam" in page
    assert "Toevoegen" not in page
    assert world.client(world.worker).post(url, {"handeling": "partner", "naam": "X",
                                                 "soort": "other"}).status_code == 403
    client = world.client(world.analyst)
    client.post(url, {"handeling": "categorie", "domein": "safety", "naam": "Vuurwerk"})
    client.post(url, {"handeling": "partner", "naam": "Buurtpreventie", "soort": "other"})
    assert Category.objects.filter(domain="safety", name="Vuurwerk", is_active=True).exists()
    client.post(url, {"handeling": "partner-actief", "id": world.partner.pk, "actief": "0"})
    assert not Partner.objects.get(pk=world.partner.pk).is_active
    response = client.post(url, {"handeling": "categorie", "domein": "safety", "naam": ""},
                           follow=True)
    assert "Vul een naam in" in response.content.decode()
    for nonsense in ({"handeling": "partner-actief", "id": "٣"}, {"handeling": "??"}):
        assert client.post(url, nonsense).status_code == 302
    # A partner out of use is no longer offered when reporting.
    form = world.client(world.worker).get(reverse("signals:create")).context["form"]
    assert world.partner not in form.fields["referred_to"].queryset


def test_the_export_audit_says_which_selection_was_exported(demo, login):
    from opbouw.core.models import AuditEvent

    login("manager").get("/signalen/export/?formaat=csv&status=open&van=2026-01-01\x00")
    event = AuditEvent.objects.filter(action="export").latest("at")
    assert "status=open" in event.detail and "\x00" not in event.detail
