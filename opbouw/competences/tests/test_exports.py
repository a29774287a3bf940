"""The joint training plan's downloads: in the reader's language, text never markup."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from opbouw.core.models import AuditEvent
from opbouw.core.tests.test_exports import pdf_lines

pytestmark = pytest.mark.django_db


def test_the_english_export_has_english_headers(world, login):
    closed = world.closed
    client = login("analist")
    client.cookies["django_language"] = "en"
    response = client.get(reverse("competences:training_plan_xlsx", kwargs={"pk": closed.pk}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[4]] == ["Code", "Competency", "Type",
                                           "Workers below the norm", "Assessed",
                                           "Matching courses"]
    assert sheet["A1"].value.startswith("Joint training plan – ")
    pdf = client.get(reverse("competences:training_plan_pdf", kwargs={"pk": closed.pk}))
    assert "Workers below the norm" in pdf_lines(pdf.content)


def test_a_round_name_with_markup_is_printed_as_typed(world, login):
    closed = world.closed
    closed.name = 'Ronde <b>vet <img src="/etc/passwd">'
    closed.save()
    response = login("analist").get(reverse("competences:training_plan_pdf",
                                            kwargs={"pk": closed.pk}))
    assert response.status_code == 200
    assert re.search(r'filename="opleidingsplan-ronde-\d+\.pdf"',
                     response["Content-Disposition"])
    lines = pdf_lines(response.content)
    assert f"Gezamenlijk opleidingsplan – {closed.name}" in lines
    event = AuditEvent.objects.get(action="export")
    assert event.detail == "opleidingsplan pdf" and event.object_id == str(closed.pk)
