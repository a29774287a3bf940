"""An instrument as XLSForm: pyxform converts every shipped instrument without errors or
warnings, and the sheets say what the instrument says."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from opbouw.core.models import AuditEvent
from opbouw.measurements.models import Instrument
from opbouw.measurements.shipped import shipped_definitions
from opbouw.measurements.tests.factories import (
    AnswerScaleFactory,
    InstrumentFactory,
    ItemFactory,
)
from opbouw.measurements.xlsform import instrument_xlsform, xlsform_filename
from opbouw.organisations.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

XF = "{http://www.w3.org/2002/xforms}"
SHIPPED = [d["code"] for d in shipped_definitions()]


def sheets(body: bytes) -> dict[str, list[list]]:
    book = load_workbook(io.BytesIO(body))
    return {s.title: [list(r) for r in s.iter_rows(values_only=True)] for s in book.worksheets}


def as_dicts(rows: list[list]) -> list[dict]:
    header = rows[0]
    return [{h: v for h, v in zip(header, row, strict=True) if v not in (None, "")}
            for row in rows[1:]]


def converted(instrument: Instrument):
    warnings: list[str] = []
    result = convert(instrument_xlsform(instrument), warnings=warnings)  # raises on errors
    assert warnings == []
    return result


@pytest.mark.parametrize("code", SHIPPED)
def test_every_shipped_instrument_converts_with_pyxform(code):
    instrument = Instrument.objects.get(code=code, version=1)
    result = converted(instrument)
    root = ET.fromstring(result.xform)
    data = root.find(f".//{XF}instance/{XF}data")
    assert data.get("id") == instrument.code and data.get("version") == "1"
    fields = [child.tag.removeprefix(XF) for child in data]
    codes = list(instrument.items.order_by("position").values_list("code", flat=True))
    assert fields[:3] == ["start", "end", "toelichting_opbouw"]
    assert fields[3:3 + len(codes)] == codes and fields[-1] == "meta"
    binds = {b.get("nodeset"): b for b in root.iter(f"{XF}bind")}
    # The shipped questions are optional (migration 0006): "geen antwoord" is an answer.
    for code_ in codes:
        assert binds[f"/data/{code_}"].get("required") in (None, "false()")
    assert root.find(".//{http://www.w3.org/1999/xhtml}title").text == instrument.name


@pytest.mark.parametrize("code", SHIPPED)
def test_the_sheets_follow_the_instrument(code):
    instrument = Instrument.objects.get(code=code, version=1)
    book = sheets(instrument_xlsform(instrument))
    assert list(book) == ["survey", "choices", "settings"]
    survey = as_dicts(book["survey"])
    questions = [row for row in survey if row["type"].startswith("select_one ")]
    items = list(instrument.items.select_related("scale").order_by("position"))
    assert [(q["type"], q["name"], q["label"], q.get("hint", ""), q["required"])
            for q in questions] == [
        (f"select_one {i.scale.code}", i.code, i.text, i.hint, "no") for i in items]
    choices = as_dicts(book["choices"])
    for scale in {i.scale for i in items}:
        assert [(c["name"], c["label"]) for c in choices if c["list_name"] == scale.code] == [
            (str(o.value), o.label) for o in scale.options.order_by("position", "value")]
    assert as_dicts(book["settings"]) == [
        {"form_title": instrument.name, "form_id": instrument.code, "version": "1"}]


def test_an_instrument_of_our_own_converts_too():
    """Negative and zero values, an optional item with a hint, a label that looks like a
    formula, a scale no item uses (left out: pyxform would not need it)."""
    instrument = InstrumentFactory(code="eigen_lijst", version=3, name="Eigen lijst")
    scale = AnswerScaleFactory(instrument=instrument, code="min_plus",
                               options=[(-1, "Minder"), (0, "Gelijk"), (1, "Meer")])
    AnswerScaleFactory(instrument=instrument, code="ongebruikt")
    ItemFactory(instrument=instrument, code="v_1", text="=1+1 is toch twee?", scale=scale)
    ItemFactory(instrument=instrument, code="v_2", text="Hoe gaat het nu?", hint="Vergeleken "
                "met vorig jaar.", scale=scale, required=False)
    result = converted(instrument)
    assert 'version="3"' in result.xform and "<name>-1</name>" in result.xform
    book = sheets(instrument_xlsform(instrument))
    survey = as_dicts(book["survey"])
    assert survey[3] == {"type": "select_one min_plus", "name": "v_1",
                         "label": "=1+1 is toch twee?", "required": "yes"}
    assert survey[4]["required"] == "no" and survey[4]["hint"] == "Vergeleken met vorig jaar."
    label = load_workbook(io.BytesIO(instrument_xlsform(instrument)))["survey"]["C5"]
    assert label.value == "=1+1 is toch twee?" and label.data_type == "s"  # text, no formula
    assert {c["list_name"] for c in as_dicts(book["choices"])} == {"min_plus"}
    assert xlsform_filename(instrument) == "eigen_lijst-v3.xlsx"


def test_the_download_is_an_xlsx_for_everyone_signed_in_and_audited(client):
    instrument = Instrument.objects.get(code="sociale_samenhang", version=1)
    url = reverse("measurements:xlsform", kwargs={"pk": instrument.pk})
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())  # no membership at all: instruments are for everyone
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="sociale_samenhang-v1.xlsx"' in response["Content-Disposition"]
    assert sheets(response.content)["settings"][1][1] == "sociale_samenhang"
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.object_id == str(instrument.pk) and event.detail == "XLSForm"
    assert client.get(reverse("measurements:xlsform", kwargs={"pk": 999999})).status_code == 404


def test_the_instrument_page_links_to_the_xlsform(client):
    instrument = Instrument.objects.get(code="sociaal_vertrouwen", version=1)
    client.force_login(UserFactory())
    page = client.get(reverse("measurements:instrument", kwargs={"pk": instrument.pk}))
    assert reverse("measurements:xlsform", kwargs={"pk": instrument.pk}) in page.content.decode()
    assert "Download als XLSForm" in page.content.decode()
