"""Importing ODK/KoboToolbox exports: the round trip gives the same scores, a second import adds
nothing, and every kind of bad input gets a Dutch message and writes nothing."""

import csv
import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from opbouw.access.actor import NOBODY
from opbouw.access.roles import Role
from opbouw.core.models import AuditEvent
from opbouw.measurements import exchange, selectors, services
from opbouw.measurements.exchange import ImportFileError, import_plan, responses_as_kobo_csv
from opbouw.measurements.models import Answer, Instrument, MeasurementRound, Response
from opbouw.measurements.shipped import shipped_definitions
from opbouw.measurements.tests.factories import (
    AnswerScaleFactory,
    DimensionFactory,
    InstrumentFactory,
    ItemFactory,
    RoundFactory,
)
from opbouw.organisations.tests.factories import (
    AreaFactory,
    MembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

SHIPPED = [d["code"] for d in shipped_definitions()]
AGREE = ["Helemaal oneens", "Oneens", "Niet eens, niet oneens", "Eens", "Helemaal eens"]


@pytest.fixture
def place(db):
    return {"organisation": OrganisationFactory(), "area": AreaFactory()}


@pytest.fixture
def new_round(place):
    def make(code="sociale_samenhang", **kwargs) -> MeasurementRound:
        instrument = Instrument.objects.get(code=code, version=1)
        return RoundFactory(instrument=instrument, **place, **kwargs)
    return make


def fill(measurement_round: MeasurementRound, n: int, seed: int = 1) -> None:
    """n respondents with answers drawn by hand-made chance, through the service."""
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        answers = {}
        for item in services.round_items(measurement_round):
            values = sorted(o.value for o in item.scale.options.all())
            answers[item.code] = rng.choice(values)
        rows.append({"answers": answers})
    services.responses_add(actor=NOBODY, measurement_round=measurement_round, rows=rows,
                           source=Response.Source.FORM)


def plan_of(measurement_round, content, name="export.csv"):
    raw = content.encode("utf-8") if isinstance(content, str) else content
    return import_plan(measurement_round, name=name, raw=raw)


def run(measurement_round, plan) -> dict:
    assert plan.can_import, plan.problems
    return exchange.responses_import(actor=NOBODY, measurement_round=measurement_round,
                                     rows=plan.rows, file_name=plan.file_name)


def results(measurement_round):
    return [(r.dimension.code, r.estimate) for r in selectors.round_results(measurement_round)]


def refused(measurement_round, content, name="export.csv") -> str:
    with pytest.raises(ImportFileError) as caught:
        plan_of(measurement_round, content, name)
    return str(caught.value)


def table(header, rows, delimiter=",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# The round trip ---------------------------------------------------------------------------

@pytest.mark.parametrize("code", SHIPPED)
def test_an_export_in_the_forms_own_shape_imports_back_to_the_same_scores(new_round, code):
    source = new_round(code)
    fill(source, 40, seed=len(code))
    exported = responses_as_kobo_csv(source)
    target = new_round(code)
    plan = plan_of(target, exported)
    assert plan.total_rows == 40 and plan.id_column == "_uuid"
    assert not plan.unknown_columns and not plan.problems
    assert [m.item.code for m in plan.matched] == [
        i.code for i in services.round_items(target)]
    assert run(target, plan) == {"added": 40, "skipped": 0}
    assert results(target) == results(source)
    assert all(estimate.value is not None for _code, estimate in results(target))
    # The same file again adds nothing: every submission id is there already.
    again = plan_of(target, exported)
    assert again.already_imported == 40 and again.import_count == 0 and not again.can_import
    assert target.responses.count() == 40
    assert set(target.responses.values_list("source", flat=True)) == {"import"}


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_question_texts_as_headers_and_labels_as_answers(new_round, delimiter):
    """With ";" the label "Niet eens, niet oneens" is not quoted: its comma must not count
    as a separator."""
    source = new_round()
    fill(source, 12, seed=7)
    target = new_round()
    exported = responses_as_kobo_csv(source, labels=True, delimiter=delimiter)
    assert "Niet eens, niet oneens" in exported
    plan = plan_of(target, exported)
    assert plan.delimiter == delimiter
    assert all(m.by_label for m in plan.matched) and len(plan.matched) == 5
    run(target, plan)
    assert results(target) == results(source)


def test_semicolons_in_windows_1252(new_round):
    """Dutch Excel saves ";" and Windows-1252; headers differ in case and spaces."""
    instrument = InstrumentFactory(code="cafe", name="Café")
    dimension = DimensionFactory(instrument=instrument, code="sfeer")
    scale = AnswerScaleFactory(instrument=instrument, code="mate",
                               options=[(1, "Nee"), (2, "Een beetje"), (3, "Ja, héél erg")])
    ItemFactory(instrument=instrument, code="c_1", text="Voelt u zich thuis in het café?",
                scale=scale, dimension=dimension)
    ItemFactory(instrument=instrument, code="c_2", text="Komt u er graag?", scale=scale,
                dimension=dimension)
    measurement_round = RoundFactory(instrument=instrument)
    text = table(["  voelt U zich  thuis in het CAFÉ? ", "C_2", "opmerking"],
                 [["Ja, héél erg", "2", "één keer"], ["ja, HÉÉL erg", "Nee", ""],
                  ["1", "3", "prima"]], delimiter=";")
    plan = plan_of(measurement_round, text.encode("cp1252"))
    assert plan.delimiter == ";" and plan.unknown_columns == ["opmerking"]
    assert [row[3] for row in plan.rows] == [{"c_1": 3, "c_2": 2}, {"c_1": 3, "c_2": 1},
                                             {"c_1": 1, "c_2": 3}]
    assert plan.id_column == "" and plan.rows_without_id == 3


def test_utf16_tab_separated_as_excel_saves_unicode_text(new_round):
    measurement_round = new_round()
    text = table(["sc_1", "sc_2", "sc_3", "sc_4", "sc_5"], [["5", "4", "3", "2", "1"]],
                 delimiter="\t")
    plan = plan_of(measurement_round, text.encode("utf-16"), name="export.txt")
    assert plan.delimiter == "\t" and plan.rows[0][3] == {
        "sc_1": 5, "sc_2": 4, "sc_3": 3, "sc_4": 2, "sc_5": 1}


def test_an_odk_central_export_with_groups_and_instance_ids(new_round):
    measurement_round = new_round()
    header = ["SubmissionDate", "start", "end", "vragen-sc_1", "vragen-sc_2", "vragen-sc_3",
              "vragen-sc_4", "vragen-sc_5", "meta-instanceID", "KEY", "SubmitterID",
              "SubmitterName", "AttachmentsPresent", "AttachmentsExpected", "Status",
              "ReviewState", "DeviceID", "Edits", "FormVersion"]
    rows = [["2025-03-02T10:00:00.000Z", "", "", "4", "4", "3", "2", "5",
             f"uuid:0000-{n}", f"uuid:0000-{n}", "7", "veld", "0", "0", "", "", "", "0", "1"]
            for n in range(3)]
    plan = plan_of(measurement_round, table(header, rows))
    assert plan.id_column == "meta-instanceID" and not plan.unknown_columns
    assert [row[1] for row in plan.rows] == ["0000-0", "0000-1", "0000-2"]
    run(measurement_round, plan)
    response = measurement_round.responses.order_by("number").first()
    assert response.submission_id == "0000-0"
    assert response.submitted_at.isoformat() == "2025-03-02T10:00:00+00:00"
    # Kobo writes the same submission as _uuid without "uuid:": still the same submission.
    kobo = table(["group_a/sc_1", "group_a/sc_2", "group_a/sc_3", "group_a/sc_4",
                  "group_a/sc_5", "_uuid", "_id"], [["1", "1", "1", "1", "1", "0000-1", "9"]])
    assert plan_of(measurement_round, kobo).already_imported == 1


def test_a_kobo_xlsx_export_on_its_best_sheet(new_round):
    """Kobo puts the submissions on the first sheet; here the data are on the second, behind
    a sheet with notes, and a repeat group's sheet follows."""
    measurement_round = new_round()
    book = xlsx({
        "Toelichting": [["Export van 3 maart"], ["door veldteam"]],
        "Sociale samenhang": [
            ["start", "end", "groep/sc_1", "groep/sc_2", "groep/sc_3", "groep/sc_4",
             "groep/sc_5", "meta/instanceID", "_id", "_uuid", "_submission_time", "_index"],
            [None, None, 4, 5.0, "3", "Oneens", "Helemaal eens", "uuid:aa", 1, "aa",
             "2025-03-03T09:15:00", 1],
            [None, None, 2, 2, 2, 4, 2, "uuid:bb", 2, "bb", "2025-03-03T09:20:00", 2],
            [None] * 12,
        ],
        "kinderen": [["naam_kind", "_parent_index"], ["x", 1]],
    })
    plan = plan_of(measurement_round, book, name="kobo.xlsx")
    assert plan.table_kind == "xlsx" and plan.sheet == "Sociale samenhang"
    assert plan.id_column == "_uuid" and plan.total_rows == 2
    assert plan.rows[0][:2] == (2, "aa")
    assert plan.rows[0][3] == {"sc_1": 4, "sc_2": 5, "sc_3": 3, "sc_4": 2, "sc_5": 5}
    assert run(measurement_round, plan) == {"added": 2, "skipped": 0}
    assert plan_of(measurement_round, book, name="kobo.xlsx").already_imported == 2


def test_a_plain_spreadsheet_without_ids_adds_its_rows_every_time(new_round):
    measurement_round = new_round()
    text = table(["sc_1", "sc_2", "sc_3", "sc_4", "sc_5"], [["4", "4", "4", "2", "4"]] * 2)
    for expected in (2, 4):
        plan = plan_of(measurement_round, text)
        assert plan.id_column == "" and plan.import_count == 2
        run(measurement_round, plan)
        assert measurement_round.responses.count() == expected


def test_row_numbers_are_the_rows_a_spreadsheet_shows(new_round):
    measurement_round = new_round()
    text = ('\n\nsc_1,sc_2,sc_3,sc_4,sc_5,opmerking,,\n'
            '4,4,4,4,4,"twee\nregels",,\n'
            '\n'
            '4,4,4,4,9,,,\n')
    plan = plan_of(measurement_round, text)
    assert plan.total_rows == 2 and plan.unknown_columns == ["opmerking"]
    assert [(p.row, p.item) for p in plan.problems] == [(6, "sc_5")]
    book = xlsx({"data": [[None, None], [None, "sc_1", "sc_2", "sc_3", "sc_4", "sc_5", None],
                          [None, 4, 4, 4, 4, "x"]]})
    plan = plan_of(measurement_round, book, name="data.xlsx")
    assert [(p.row, p.item) for p in plan.problems] == [(3, "sc_5")]


# Problems per row: nothing is written ----------------------------------------------------

def test_problems_per_row_and_nothing_is_written(new_round):
    measurement_round = new_round()
    header = ["sc_1", "sc_2", "sc_3", "sc_4", "sc_5", "_uuid"]
    rows = [["4", "4", "4", "4", "4", "a"],   # row 2: fine
            ["4", "7", "4", "4", "4", "b"],   # row 3: outside the scale
            ["4", "x", "", "4", "4", "c"],    # row 4: unknown answer, an item left empty
            ["4", "4", "4", "4", "4", "a"],   # row 5: the submission of row 2 again
            ["", "", "", "", "", "e"]]        # row 6: nothing answered
    plan = plan_of(measurement_round, table(header, rows))
    problems = [(p.row, p.item, p.message) for p in plan.problems]
    # The shipped questions are optional (migration 0006): an empty one is no problem; a
    # row without any answer is incomplete (skipped only by choice), not a problem.
    assert problems == [
        (3, "sc_2", "onbekend antwoord \u201c7\u201d; kies uit 1, 2, 3, 4, 5 of de labels "
                    "daarvan"),
        (4, "sc_2", "onbekend antwoord \u201cx\u201d; kies uit 1, 2, 3, 4, 5 of de labels "
                    "daarvan"),
        (5, "", "dezelfde inzending (id a) staat ook in rij 2"),
    ]
    assert [(p.row, p.item) for p in plan.incomplete] == [(6, "")]
    assert plan.problem_rows == 3 and not plan.can_import and plan.import_count == 0
    with pytest.raises(Exception):  # noqa: B017  the service refuses too
        run(measurement_round, plan)
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_rows_imported_before_are_skipped_not_problems(new_round):
    measurement_round = new_round()
    header = ["sc_1", "sc_2", "sc_3", "sc_4", "sc_5", "_uuid"]
    first = [["4", "4", "4", "4", "4", "a"], ["3", "3", "3", "3", "3", "b"]]
    run(measurement_round, plan_of(measurement_round, table(header, first)))
    # The same rows again, one of them now with a bad answer: skipped, so no problem.
    bad_old = [["4", "9", "4", "4", "4", "a"], first[1], ["2", "2", "2", "2", "2", "c"]]
    plan = plan_of(measurement_round, table(header, bad_old))
    assert plan.already_imported == 2 and not plan.problems and plan.import_count == 1
    # A new row with a problem stops everything, the new good row included.
    bad_new = [*first, ["2", "2", "2", "2", "2", "c"], ["2", "2", "0", "2", "2", "d"]]
    plan = plan_of(measurement_round, table(header, bad_new))
    assert [(p.row, p.item) for p in plan.problems] == [(5, "sc_3")]
    assert plan.import_count == 0
    assert measurement_round.responses.count() == 2


def test_a_missing_required_column_stops_the_import(new_round):
    measurement_round = new_round()
    plan = plan_of(measurement_round, table(["sc_1", "sc_2", "sc_3", "sc_4"],
                                            [["4", "4", "4", "4"]]))
    # Shipped questions are optional now (migration 0006): a missing one is no stop.
    assert [i.code for i in plan.missing_optional] == ["sc_5"] and plan.import_count == 1
    item = ItemFactory(code="verplicht")
    own = RoundFactory(instrument=item.instrument)
    plan = plan_of(own, table(["anders", "_uuid"], [["4", "a"]]).replace("anders",
                                                                      "verplicht"))
    assert plan.import_count == 1
    ItemFactory(instrument=item.instrument, code="ook_verplicht", scale=item.scale)
    plan = plan_of(own, table(["verplicht"], [["4"]]))
    assert [i.code for i in plan.missing_required] == ["ook_verplicht"]
    assert not plan.can_import and plan.import_count == 0


# Files that are refused -------------------------------------------------------------------

def test_unknown_columns_only_or_another_instrument_is_refused(new_round):
    measurement_round = new_round()
    message = refused(measurement_round, table(["naam", "leeftijd"], [["x", "3"]]))
    assert message.startswith("Geen enkele kolom van het bestand hoort bij een vraag van "
                              "Sociale samenhang in de buurt.")
    other = new_round("sociaal_vertrouwen")
    fill(other, 5)
    assert refused(measurement_round, responses_as_kobo_csv(other)) == message


def test_empty_header_only_and_unreadable_files_are_refused(new_round):
    measurement_round = new_round()
    assert refused(measurement_round, b"") == "Het bestand is leeg."
    assert refused(measurement_round, "\r\n \n") == "Het bestand is leeg."
    assert refused(measurement_round, "sc_1;sc_2;sc_3;sc_4;sc_5\n") == (
        "Het bestand heeft alleen een kopregel en geen antwoorden.")
    assert refused(measurement_round, xlsx({"leeg": []}), "leeg.xlsx") == "Het bestand is leeg."
    garbage = bytes(random.Random(3).randrange(256) for _ in range(3000))
    message = refused(measurement_round, b"x\x00\x01" + garbage)
    assert message in ("Het bestand is geen tekstbestand (CSV). Sla het op als CSV UTF-8.",
                       "Het bestand bevat tekens die niet in een CSV-bestand horen. Sla het op "
                       "als CSV UTF-8.")
    assert "oud Excel-bestand (.xls)" in refused(measurement_round,
                                                 b"\xd0\xcf\x11\xe0" + garbage, "oud.xls")
    assert "geen leesbaar Excel-bestand" in refused(measurement_round, b"PK\x03\x04" + garbage,
                                                    "kapot.xlsx")
    assert "geen leesbaar Excel-bestand" in refused(measurement_round, "sc_1\n4\n",
                                                    "tekst.xlsx")


def test_too_many_rows_is_refused(new_round, monkeypatch):
    monkeypatch.setattr(exchange, "MAX_ROWS", 3)
    measurement_round = new_round()
    text = table(["sc_1", "sc_2", "sc_3", "sc_4", "sc_5"], [["4"] * 5] * 4)
    assert refused(measurement_round, text) == "Het bestand heeft meer dan 3 rijen. Splits " \
                                               "het in delen."


def test_the_service_refuses_closed_rounds_and_rounds_of_totals(new_round):
    text = table(["sc_1", "sc_2", "sc_3", "sc_4", "sc_5"], [["4"] * 5])
    for kwargs, message in (
            ({"status": "closed"}, "Deze meetronde is gesloten; er kan niets meer bij."),
            ({"mode": "aggregates"}, "In deze meetronde worden alleen totalen ingevoerd.")):
        measurement_round = new_round(**kwargs)
        plan = plan_of(measurement_round, text)
        with pytest.raises(Exception) as caught:  # noqa: PT011
            run(measurement_round, plan)
        assert message in str(caught.value)
    assert not Response.objects.exists()


# The pages ---------------------------------------------------------------------------------

@pytest.fixture
def worker(client, place):
    membership = MembershipFactory(organisation=place["organisation"], role=Role.WORKER)
    client.force_login(membership.user)
    return client


def upload(client, measurement_round, content, name="export.csv"):
    raw = content.encode("utf-8") if isinstance(content, str) else content
    return client.post(reverse("measurements:import", kwargs={"pk": measurement_round.pk}),
                       {"file": SimpleUploadedFile(name, raw)})


def confirm(client, measurement_round, token):
    return client.post(reverse("measurements:import_confirm",
                               kwargs={"pk": measurement_round.pk}), {"token": token})


def test_upload_preview_confirm(worker, new_round):
    source, target = new_round(), new_round()
    fill(source, 6)
    page = worker.get(reverse("measurements:round", kwargs={"pk": target.pk}))
    assert reverse("measurements:import", kwargs={"pk": target.pk}) in page.content.decode()
    assert worker.get(reverse("measurements:import", kwargs={"pk": target.pk})).status_code == 200
    preview = upload(worker, target, responses_as_kobo_csv(source, delimiter=";"))
    html = preview.content.decode()
    assert preview.status_code == 200 and "Voorvertoning import" in html
    assert "6 respondenten importeren" in html and not target.responses.exists()
    done = confirm(worker, target, preview.context["token"])
    assert done.status_code == 302 and done["Location"] == reverse(
        "measurements:round", kwargs={"pk": target.pk})
    assert target.responses.count() == 6
    event = AuditEvent.objects.filter(detail__startswith="6 rijen geïmporteerd").get()
    assert event.object_id == str(target.pk) and event.actor is not None
    # The token is spent: a second confirmation writes nothing.
    again = confirm(worker, target, preview.context["token"])
    assert again["Location"] == reverse("measurements:import", kwargs={"pk": target.pk})
    assert target.responses.count() == 6
    # The same file again: the preview says all rows are there already.
    html = upload(worker, target, responses_as_kobo_csv(source)).content.decode()
    assert "Alle rijen van dit bestand zijn al eerder geïmporteerd" in html


def test_the_preview_shows_problems_and_unknown_columns_and_offers_no_import(worker,
                                                                             new_round):
    measurement_round = new_round()
    text = table(["sc_1", "sc_2", "sc_3", "sc_4", "sc_5", "postcode"],
                 [["4", "4", "4", "4", "4", "3011"], ["4", "zes", "4", "4", "4", ""]])
    preview = upload(worker, measurement_round, text)
    html = preview.content.decode()
    assert "Rij 3" in html and "onbekend antwoord \u201czes\u201d" in html
    assert "<code>postcode</code>" in html and "Niets geïmporteerd." in html
    assert "importeren</button>" not in html and preview.context["token"] == ""
    assert "geen kolom met een inzendings-id" in html
    assert confirm(worker, measurement_round, "willekeurig").status_code == 302
    assert not Response.objects.exists()


def test_the_upload_page_says_why_a_file_is_refused(worker, new_round):
    measurement_round = new_round()
    for content, message in (
            (b"", "Het bestand is leeg."),
            ("naam,leeftijd\nx,3\n", "Geen enkele kolom van het bestand hoort bij een vraag"),
            ("sc_1,sc_2\n", "alleen een kopregel")):
        response = upload(worker, measurement_round, content)
        assert response.status_code == 200 and message in response.content.decode()
    assert not Response.objects.exists()


def test_closed_rounds_and_rounds_of_totals_take_no_file(worker, new_round):
    text = table(["sc_1", "sc_2", "sc_3", "sc_4", "sc_5"], [["4"] * 5])
    for kwargs, message in (({"status": "closed"}, "Deze meetronde is gesloten"),
                            ({"mode": "aggregates"}, "alleen totalen ingevoerd")):
        measurement_round = new_round(**kwargs)
        page = worker.get(reverse("measurements:import", kwargs={"pk": measurement_round.pk}))
        assert message in page.content.decode() and 'type="file"' not in page.content.decode()
        assert message in upload(worker, measurement_round, text).content.decode()
    # Closed between preview and confirmation: nothing is written either.
    measurement_round = new_round()
    preview = upload(worker, measurement_round, text)
    MeasurementRound.objects.filter(pk=measurement_round.pk).update(status="closed")
    response = confirm(worker, measurement_round, preview.context["token"])
    assert response.status_code == 302
    assert not Response.objects.exists()


def test_only_members_of_the_provider_may_import(client, new_round, place):
    measurement_round = new_round()
    url = reverse("measurements:import", kwargs={"pk": measurement_round.pk})
    outsider = MembershipFactory(role=Role.WORKER)
    client.force_login(outsider.user)
    assert client.get(url).status_code == 404
    analyst = MembershipFactory(role=Role.ANALYST, organisation=place["organisation"])
    client.force_login(analyst.user)
    assert client.get(url).status_code == 403


# A real Kobo export: its own wording, its own answer labels, blanks, a neighbourhood -------

KOBO_AGREE = ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens",
              "Helemaal mee eens"]
# The questions as the field team worded them in their own Kobo form (labels as headers).
KOBO_QUESTIONS = [
    "Ik voel me op mijn plek tussen de mensen in mijn buurt",
    "Buurtbewoners gaan hier vriendelijk en met respect met elkaar om",
    "Ik spreek regelmatig andere buurtbewoners",
    "In deze buurt leeft iedereen langs elkaar heen",
    "Buren steken de handen uit de mouwen en ondernemen samen iets",
]
KOBO_META = ["start", "end", "_id", "_uuid", "_submission_time", "_validation_status",
             "_notes", "_status", "_submitted_by", "__version__", "_tags", "_index"]


def kobo_rows(answers: list[list[int | None]], places: list[str], start: int = 0) -> list[list]:
    """Rows of a Kobo labels export: answers as 1-5 (None: not answered), as labels."""
    rows = []
    for n, (values, place) in enumerate(zip(answers, places, strict=True), start=start):
        rows.append(["2025-03-01T10:00:00", "2025-03-01T10:05:00", place,
                     *[None if v is None else KOBO_AGREE[v - 1] for v in values],
                     n, f"uuid-{n}", "2025-03-01T10:06:00", None, None,
                     "submitted_via_web", "veldwerker", "vX1", None, n])
    return rows


def kobo_book(answers, places, start: int = 0) -> bytes:
    header = [*KOBO_META[:2], "Wijk/buurt", *KOBO_QUESTIONS, *KOBO_META[2:]]
    return xlsx({"Sociale samenhang": [header, *kobo_rows(answers, places, start)]})


def test_matching_proposes_columns_and_answer_labels(new_round):
    from opbouw.measurements import mapping

    measurement_round = new_round()
    items = services.round_items(measurement_round)
    table = exchange.read_table("kobo.xlsx", kobo_book([[1, 2, 3, 4, 5]], ["Oude Westen"]),
                                items)
    proposal = mapping.propose(measurement_round, table, items)
    assert not proposal.certain and proposal.exact.columns == {}
    assert {code: table.header[i] for code, i in proposal.proposed.columns.items()} == {
        f"sc_{n}": question for n, question in enumerate(KOBO_QUESTIONS, start=1)}
    # Metadata and the neighbourhood are no question.
    offered = {table.header[i] for i in proposal.candidates}
    assert offered == set(KOBO_QUESTIONS)
    assert table.header[proposal.proposed.place_column] == "Wijk/buurt"
    assert proposal.proposed.answers["eens5"] == {
        "helemaal mee oneens": 1, "mee oneens": 2, "neutraal": 3, "mee eens": 4,
        "helemaal mee eens": 5}
    # The pieces: similarity without accents and filler; "weet niet" is no answer.
    assert mapping.similarity("Héél vaak", "heel VAAK!") == 1.0
    item = items[0]
    exact, proposed = mapping.label_proposal(item, ["4", "eens", "weet niet", "zes"])
    assert exact == {"4": 4, "eens": 4} and proposed["weet niet"] is None
    assert "zes" not in proposed
    assert mapping.is_place_column("buurt") and mapping.is_place_column("Wijk/buurt")
    assert not mapping.is_place_column(KOBO_QUESTIONS[1])


def expected_mean(measurement_round, answers) -> float:
    """By hand: a respondent's score is the mean of the items answered, a reverse-scored
    item counting as 6 - value; the round's result the mean of the scores."""
    reverse = [i.reverse_scored for i in services.round_items(measurement_round)]
    scores = []
    for values in answers:
        given = [6 - v if rev else v for v, rev in zip(values, reverse, strict=True)
                 if v is not None]
        if given:
            scores.append(sum(given) / len(given))
    return sum(scores) / len(scores)


def mapping_post(page, **changes) -> dict:
    """The mapping form as shown (its proposals), with changes."""
    form = page.context["mapping_form"]
    data = {"token": page.context["token"]}
    for name in form.fields:
        initial = form[name].value()
        data[name] = initial if initial is not None else ""
    data.update(changes)
    return data


def post_mapping(client, measurement_round, data):
    return client.post(reverse("measurements:import_mapping",
                               kwargs={"pk": measurement_round.pk}), data)


def test_the_mapping_is_confirmed_then_remembered_for_the_next_file(worker, new_round):
    measurement_round = new_round()
    answers = [[5, 4, 4, 2, 5], [4, None, 3, 2, 4], [2, 2, 1, 4, 3]]
    page = upload(worker, measurement_round, kobo_book(answers, ["Oude Westen"] * 3),
                  "kobo.xlsx")
    html = page.content.decode()
    assert "Kolommen en antwoorden koppelen" in html and not Response.objects.exists()
    # A column chosen twice is a field error, and nothing is remembered.
    form = page.context["mapping_form"]
    twice = mapping_post(page, kolom_sc_2=form["kolom_sc_1"].value())
    again = post_mapping(worker, measurement_round, twice)
    assert "Deze kolom is al gekozen bij vraag sc_1." in again.content.decode()
    assert not measurement_round.instrument.import_mappings.exists()
    preview = post_mapping(worker, measurement_round, mapping_post(page))
    assert "3 respondenten importeren" in preview.content.decode()
    confirm(worker, measurement_round, preview.context["token"])
    assert measurement_round.responses.count() == 3
    assert results(measurement_round)[0][1].value == pytest.approx(expected_mean(
        measurement_round, answers))
    # The next file with the same columns goes straight to the preview.
    second = upload(worker, measurement_round,
                    kobo_book([[3, 3, 3, 3, 3]], ["Oude Westen"], start=10), "kobo2.xlsx")
    assert "Voorvertoning import" in second.content.decode()
    assert second.context["plan"].import_count == 1


def test_incomplete_rows_are_skipped_only_by_choice(worker, new_round):
    item = ItemFactory(code="vraag_a")
    ItemFactory(instrument=item.instrument, code="vraag_b", scale=item.scale, required=False)
    measurement_round = RoundFactory(instrument=item.instrument, organisation=new_round(
        ).organisation)
    text = table(["vraag_a", "vraag_b", "_uuid"],
                 [["4", "4", "a"], ["", "3", "b"], ["", "", "c"], ["2", "", "d"]])
    plan = plan_of(measurement_round, text)
    assert plan.can_import and plan.import_count == 2 and plan.incomplete_rows == 2
    preview = upload(worker, measurement_round, text)
    html = preview.content.decode()
    assert "Importeer de 2 volledige rijen, sla 2 over" in html
    # Without the choice nothing is written; the token stays for the real button.
    url = reverse("measurements:import_confirm", kwargs={"pk": measurement_round.pk})
    worker.post(url, {"token": preview.context["token"]})
    assert not Response.objects.exists()
    worker.post(url, {"token": preview.context["token"], "overslaan": "1"})
    assert measurement_round.responses.count() == 2


def test_mixed_neighbourhoods_are_never_imported_silently(worker, new_round):
    measurement_round = new_round()
    area = measurement_round.area.name
    answers = [[4, 4, 4, 4, 4]] * 3 + [[2, 2, 2, 2, 2]] * 2
    places = [area, area, area.upper(), "Cool", "Cool"]
    book = kobo_book(answers, places)
    # Without a choice: refused, naming the places and their rows.
    items = services.round_items(measurement_round)
    from opbouw.measurements import mapping

    table_ = exchange.read_table("kobo.xlsx", book, items)
    proposed = mapping.propose(measurement_round, table_, items).proposed
    proposed.places = None
    plan = exchange.plan_table(measurement_round, table_, proposed, file_name="kobo.xlsx",
                               digest="x")
    assert plan.mixed_places and not plan.can_import
    assert plan.places_text == f"{area} (3 rijen), Cool (2 rijen)"
    # In the mapping step the user ticks this round's neighbourhood (proposed by its name).
    page = upload(worker, measurement_round, book, "kobo.xlsx")
    assert "Welke wijk of buurt hoort bij deze meetronde?" in page.content.decode()
    none_ticked = post_mapping(worker, measurement_round, mapping_post(page, wijk=[]))
    assert "Vink minstens één wijk of buurt aan." in none_ticked.content.decode()
    preview = post_mapping(worker, measurement_round, mapping_post(page))
    plan = preview.context["plan"]
    assert plan.import_count == 3 and plan.other_place_rows == 2
    confirm(worker, measurement_round, preview.context["token"])
    assert measurement_round.responses.count() == 3
