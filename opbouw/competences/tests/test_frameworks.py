"""Frameworks: the shipped SCW profile, CSV and JSON round trips, bad files, norms."""

import json

import pytest

from opbouw.competences import frameworks
from opbouw.competences.models import Competency, Framework, Indicator, Norm

pytestmark = pytest.mark.django_db


def shape(framework: Framework) -> dict:
    data = frameworks.framework_as_dict(framework)
    data["framework"].pop("version")
    return data


@pytest.fixture
def scw():
    return Framework.objects.get(name="Competentieprofiel SCW")


def test_scw_profile_is_shipped_with_indicators_and_norms(scw):
    assert scw.themes.count() == 7
    codes = list(scw.competencies.order_by("order").values_list("code", flat=True))
    assert codes == [f"4{chr(c)}" for c in range(ord("A"), ord("T") + 1)]
    assert scw.competencies.filter(kind="generic").count() == 11
    for comp in scw.competencies.all():
        kinds = set(comp.indicators.values_list("kind", flat=True))
        assert kinds == {"process", "result"}, comp.code
    assert Norm.objects.filter(competency__framework=scw).count() == 80
    assert list(scw.scale.values_list("value", flat=True)) == [1, 2, 3, 4]
    assert "NIZW" in scw.source


def test_json_round_trip_gives_the_same_framework(scw):
    text = frameworks.framework_to_json(scw)
    data = json.loads(text)
    data["framework"]["version"] = "2006-kopie"
    result = frameworks.framework_import_json(text=json.dumps(data))
    assert result.ok, result.errors
    assert shape(result.framework) == shape(scw)


def test_csv_round_trip_gives_the_same_framework_without_norms(scw):
    text = frameworks.framework_to_csv(scw).replace(",2006,", ",2006-csv,", 1)
    result = frameworks.framework_import_csv(text=text)
    assert result.ok, result.errors
    copy, original = shape(result.framework), shape(scw)
    original["norms"] = []
    assert copy == original
    # And once more: the copy exports to the same CSV, apart from its key and version.
    again = frameworks.framework_to_csv(result.framework)
    assert again.replace("2006-csv", "2006") == frameworks.framework_to_csv(scw)


def test_importing_an_existing_version_is_refused(scw):
    result = frameworks.framework_import_json(text=frameworks.framework_to_json(scw))
    assert not result.ok
    assert "bestaat al" in result.errors[0].message
    assert Framework.objects.count() == 1


CSV_HEAD = "parent_id,id,short_name,description,kind,version,source\n"
CSV_OK = (CSV_HEAD + ",k,Kader,,framework,1,bron\n"
          "k,1,Laag,,scale,,\nk,2,Hoog,,scale,,\n"
          "k,T1,Thema,,theme_generic,,\nT1,C1,Comp,,competency_generic,,\n"
          "C1,C1-P1,,Doet iets,indicator_process,,\n")


@pytest.mark.parametrize(("text", "line", "column", "fragment"), [
    (CSV_OK + "X9,C2,Comp,,competency_generic,,\n", 8, "parent_id", "onbekend bovenliggend id"),
    (CSV_OK + "T1,C1,Dubbel,,competency_generic,,\n", 8, "id", "twee keer"),
    (CSV_OK.replace("kind,version", "soort,version"), 1, "soort", "onbekende kolom"),
    (CSV_OK + "T1,C3,Comp,,competency_raar,,\n", 8, "kind", "onbekende soort"),
    (CSV_OK + "C1,C4,Comp,,theme_generic,,\n", 8, "parent_id", "hoort onder"),
    (CSV_OK + "T1,C5,,,competency_generic,,\n", 8, "short_name", "mag niet leeg"),
    (CSV_OK + "T1,C6,Comp\n", 8, "", "kolommen gevonden"),
])
def test_bad_csv_gets_a_line_message_and_writes_nothing(text, line, column, fragment):
    result = frameworks.framework_import_csv(text=text)
    assert not result.ok
    assert any(e.line == line and e.column == column and fragment in e.message
               for e in result.errors), result.errors
    assert Framework.objects.filter(name="Kader").count() == 0
    assert Competency.objects.filter(code="C1").count() == 0


def test_good_small_csv_imports():
    result = frameworks.framework_import_csv(text=CSV_OK)
    assert result.ok, result.errors
    assert Indicator.objects.filter(competency__framework=result.framework).count() == 1


@pytest.mark.parametrize("text", ["{", "[]", '{"format": "iets anders"}',
                                  '{"format": "opbouw-framework/1", "framework": 3}'])
def test_bad_json_is_refused_with_a_message(text):
    result = frameworks.framework_import_json(text=text)
    assert not result.ok and str(result.errors[0])
    assert Framework.objects.count() == 1


def test_norms_update_checks_the_scale(scw):
    from django.core.exceptions import ValidationError

    comp = scw.competencies.get(code="4A")
    assert frameworks.norms_update(framework=scw, expected={(comp.pk, 1): 3}) == 1
    assert Norm.objects.get(competency=comp, scw_level=1).expected == 3
    with pytest.raises(ValidationError):
        frameworks.norms_update(framework=scw, expected={(comp.pk, 1): 9})
    assert Norm.objects.get(competency=comp, scw_level=1).expected == 3


def test_analyst_edits_norms_and_imports_through_the_pages(client, scw):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from opbouw.organisations.tests.factories import MembershipFactory, OrganisationFactory

    analyst = MembershipFactory(organisation=OrganisationFactory(kind="branch"),
                                role="analyst").user
    client.force_login(analyst)
    url = reverse("competences:framework_norms", kwargs={"pk": scw.pk})
    data = {f"norm-{n.competency_id}-{n.scw_level}": n.expected
            for n in Norm.objects.filter(competency__framework=scw)}
    comp = scw.competencies.get(code="4B")
    data[f"norm-{comp.pk}-4"] = 4
    assert client.post(url, data).status_code == 302
    assert Norm.objects.get(competency=comp, scw_level=4).expected == 4
    data[f"norm-{comp.pk}-4"] = "veel"
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 400 and "Niet opgeslagen" in html
    assert "4B SCW 4" in html
    upload = SimpleUploadedFile("kader.csv", CSV_OK.encode())
    response = client.post(reverse("competences:framework_import"), {"file": upload})
    assert response.status_code == 302
    assert Framework.objects.get(name="Kader").competencies.get().code == "C1"
    export = client.get(reverse("competences:framework_json", kwargs={"pk": scw.pk}))
    assert json.loads(export.content)["framework"]["name"] == scw.name


@pytest.mark.parametrize("mutate", [
    lambda d: d["norms"].append(dict(d["norms"][0])),                 # the same norm twice
    lambda d: d["norms"].__setitem__(0, {**d["norms"][0], "scw_level": True}),
    lambda d: d["scale"].__setitem__(0, {**d["scale"][0], "value": 1.7}),
    lambda d: d["framework"].__setitem__("version", "20\n34"),
])
def test_odd_json_values_are_messages_not_crashes(scw, mutate):
    data = json.loads(frameworks.framework_to_json(scw))
    data["framework"]["version"] = "kopie"
    mutate(data)
    result = frameworks.framework_import_json(text=json.dumps(data))
    assert not result.ok
    assert Framework.objects.count() == 1


def test_deeply_nested_json_is_refused():
    result = frameworks.framework_import_json(text="[" * 100000 + "]" * 100000)
    assert not result.ok


def test_csv_export_is_formula_safe_and_reads_back_as_written(scw):
    """A text a spreadsheet would run as a formula gets a quote in the file; the import takes
    the quote off again, so the round trip keeps the text."""
    competency = scw.competencies.order_by("code").first()
    competency.description = "=1+1 en een beschrijving"
    competency.save(update_fields=["description"])
    text = frameworks.framework_to_csv(scw)
    assert ",'=1+1 en een beschrijving," in text and ",=1+1" not in text
    result = frameworks.framework_import_csv(text=text.replace(",2006,", ",2006-csv,", 1))
    assert result.ok, result.errors
    copy = result.framework.competencies.get(code=competency.code)
    assert copy.description == competency.description
