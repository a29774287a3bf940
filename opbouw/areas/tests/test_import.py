"""Importing areas from CSV: a tree for any municipality, or nothing and a message per line."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from opbouw.areas.models import Area
from opbouw.areas.services import areas_import_csv

pytestmark = pytest.mark.django_db

GOOD = """code;naam;bovenliggende_code;code_synthetisch
GM0363;Amsterdam;;nee
GB036301;Nieuw-West;GM0363;ja
WK036301;Slotervaart;GB036301;nee
BU03630101;Overtoomse Veld;WK036301;nee
WK036302;Centrum-West;GM0363;nee
"""


def codes() -> set[str]:
    return set(Area.objects.values_list("code", flat=True))


def test_good_file_builds_the_tree_with_paths():
    result = areas_import_csv(text=GOOD)
    assert result.ok and (result.created, result.updated) == (5, 0)
    bu = Area.objects.get(code="BU03630101")
    assert bu.level == Area.Level.SUBNEIGHBOURHOOD
    assert bu.parent.code == "WK036301"
    assert bu.path == "GM0363/GB036301/WK036301/BU03630101"
    assert Area.objects.get(code="GB036301").code_is_synthetic
    assert Area.objects.get(code="WK036302").parent.code == "GM0363"


def test_children_may_come_before_their_parents_and_comma_works():
    text = "code,naam,bovenliggende_code\nWK036301,Slotervaart,GM0363\nGM0363,Amsterdam,\n"
    assert areas_import_csv(text=text).ok
    assert Area.objects.get(code="WK036301").path == "GM0363/WK036301"


def test_reimport_updates_names_and_moves_subtrees():
    areas_import_csv(text=GOOD)
    moved = "code;naam;bovenliggende_code\nWK036301;Slotervaart-Noord;GM0363\n"
    result = areas_import_csv(text=moved)
    assert result.ok and result.updated == 1
    assert Area.objects.get(code="WK036301").name == "Slotervaart-Noord"
    assert Area.objects.get(code="BU03630101").path == "GM0363/WK036301/BU03630101"


def test_parent_may_exist_already():
    areas_import_csv(text="code;naam;bovenliggende_code\nGM0599;Rotterdam;\n")
    assert areas_import_csv(text="code;naam;bovenliggende_code\nWK059901;Tarwewijk;GM0599\n").ok


@pytest.mark.parametrize(
    ("body", "line", "column", "fragment"),
    [
        ("WK36301;Slotervaart;GM0363", 3, "code", "geen geldige code"),
        ("XX036301;Slotervaart;GM0363", 3, "code", "geen geldige code"),
        ("WK036301;Slotervaart;GM0999", 3, "bovenliggende_code", "onbekende code GM0999"),
        ("WK036301;Slotervaart;GM0363\nWK036301;Dubbel;GM0363", 4, "code", "ook op regel 3"),
        ("WK036301;;GM0363", 3, "naam", "naam is leeg"),
        ("BU03630101;Veld;GM0363", 3, "bovenliggende_code", "kan niet in een gemeente"),
        ("WK059901;Tarwewijk;GM0363", 3, "code", "gemeentenummer"),
        ("WK036301;Slotervaart", 3, "", "2 kolommen gevonden, 3 verwacht"),
        ("GB036301;Nieuw-West;", 3, "bovenliggende_code", "moet in een groter gebied"),
    ],
)
def test_each_kind_of_bad_line_is_reported_and_nothing_is_written(body, line, column, fragment):
    text = f"code;naam;bovenliggende_code\nGM0363;Amsterdam;\n{body}\n"
    result = areas_import_csv(text=text)
    assert not result.ok
    assert any(e.line == line and e.column == column and fragment in e.message
               for e in result.errors), result.errors
    assert codes() == set()


def test_wrong_or_missing_columns_are_reported_on_line_one():
    result = areas_import_csv(text="code;naam;ouder;kleur\nGM0363;Amsterdam;;rood\n")
    messages = {(e.line, e.column): e.message for e in result.errors}
    assert (1, "ouder") in messages and (1, "kleur") in messages
    assert "verplichte kolom ontbreekt" in messages[(1, "bovenliggende_code")]
    assert codes() == set()


def test_errors_on_many_lines_are_all_reported():
    text = "code;naam;bovenliggende_code\nGM0363;Amsterdam;\nWK1;A;GM0363\nWK2;B;GM0363\n"
    result = areas_import_csv(text=text)
    assert [e.line for e in result.errors] == [3, 4]
    assert str(result.errors[0]).startswith("regel 3, kolom code:")


def test_command_imports_a_file(tmp_path):
    path = tmp_path / "gebieden.csv"
    path.write_text(GOOD, encoding="utf-8-sig")
    out = StringIO()
    call_command("import_areas", str(path), stdout=out)
    assert "5 gebieden toegevoegd" in out.getvalue()
    assert "BU03630101" in codes()


def test_command_reports_lines_and_fails_without_writing(tmp_path):
    path = tmp_path / "fout.csv"
    path.write_text("code;naam;bovenliggende_code\nGM0363;Amsterdam;\nWK9;Fout;GM0363\n")
    err = StringIO()
    with pytest.raises(CommandError, match="Niets geïmporteerd: 1 fout"):
        call_command("import_areas", str(path), stderr=err)
    assert "regel 3, kolom code" in err.getvalue()
    assert codes() == set()


def test_command_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Kan .* niet lezen"):
        call_command("import_areas", str(tmp_path / "bestaat-niet.csv"))


def test_admin_imports_through_the_web_page_and_sees_line_errors(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login("beheerder")
    before = codes()
    bad = SimpleUploadedFile("fout.csv", b"code;naam;bovenliggende_code\nWK1;X;GM0599\n")
    response = client.post(reverse("areas:import"), {"file": bad})
    assert response.status_code == 200
    assert "Niets geïmporteerd" in response.content.decode()
    assert codes() == before
    good = SimpleUploadedFile("goed.csv", GOOD.encode())
    response = client.post(reverse("areas:import"), {"file": good})
    assert response.status_code == 302
    assert codes() == before | {"GM0363", "GB036301", "WK036301", "BU03630101", "WK036302"}
    assert login("medewerker").post(reverse("areas:import"), {}).status_code == 403


def test_web_import_rejects_binary_and_missing_files(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login("beheerder")
    response = client.post(reverse("areas:import"), {})
    assert response.context["form"].errors["file"] == ["Kies een bestand."]
    before = codes()
    blob = SimpleUploadedFile("plaatje.png", bytes(range(256)) * 4)
    response = client.post(reverse("areas:import"), {"file": blob})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Het bestand is geen tekstbestand (CSV). Sla het op als CSV UTF-8."]
    assert codes() == before


def test_old_mac_line_endings_are_read():
    text = "code;naam;bovenliggende_code\rGM0363;Amsterdam;\rWK036301;Slotervaart;GM0363\r"
    assert areas_import_csv(text=text).ok
    assert codes() == {"GM0363", "WK036301"}


def test_broken_csv_is_a_line_error_not_a_crash():
    text = 'code;naam;bovenliggende_code\nGM0363;"' + "x" * 200_000 + '";\n'
    result = areas_import_csv(text=text)
    assert not result.ok and result.errors[0].line == 2
    assert "geen geldig CSV" in result.errors[0].message
    assert codes() == set()


@pytest.mark.parametrize(
    ("line", "column", "fragment"),
    [
        ("GM０３６３;Amsterdam;;nee;", "code", "geen geldige code"),  # full-width digits
        ("GM0363;Amsterdam;;nee;" + "b" * 201, "bron", "langer dan 200"),
        ("GM0363;" + "n" * 121 + ";;nee;", "naam", "langer dan 120"),
    ],
)
def test_values_the_database_would_refuse_are_line_errors(line, column, fragment):
    result = areas_import_csv(text=f"code;naam;bovenliggende_code;code_synthetisch;bron\n{line}\n")
    assert any(e.column == column and fragment in e.message for e in result.errors), result.errors
    assert codes() == set()


def test_files_with_control_characters_or_utf16_are_handled():
    from opbouw.core.csvread import UnreadableFile, decode_csv_bytes

    with pytest.raises(UnreadableFile):
        decode_csv_bytes(b"code;naam;bovenliggende_code\nGM0363;Amster\x00dam;\n")
    utf16 = "code;naam;bovenliggende_code\nGM0363;Amsterdam;\n".encode("utf-16")
    assert areas_import_csv(text=decode_csv_bytes(utf16)).ok
    assert decode_csv_bytes("Één".encode("cp1252")) == "Één"
