"""The joint training plan as XLSX (openpyxl) and PDF (ReportLab).

ReportLab rather than WeasyPrint: WeasyPrint needs the system's Pango libraries, which a fresh
machine with only Python and Node does not have (README: two commands, nothing prepared).
"""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from opbouw.competences.models import AssessmentRound


def _rows(plan: dict) -> list[list[str | int]]:
    hidden = _("minder dan %(n)s") % {"n": plan["min_cell"]}
    rows = []
    for row in plan["rows"]:
        comp = row["competency"]
        rows.append([
            comp.code, comp.name, comp.get_kind_display(),
            row["short"] if row["short"] is not None else hidden,
            row["assessed"] if row["assessed"] is not None else hidden,
            "; ".join(f"{c.title} ({c.provider})" for c in row["courses"])
            or _("geen cursus – ontwikkelen met opleidingen"),
        ])
    return rows


HEADER = ["Code", "Competentie", "Soort", "Medewerkers onder de norm", "Beoordeeld",
          "Passend aanbod"]


def training_plan_xlsx(assessment_round: AssessmentRound, plan: dict) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Opleidingsplan"
    sheet.append([_("Gezamenlijk opleidingsplan – %(round)s") % {"round": assessment_round.name}])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("Gemaakt op %(date)s uit de beoordelingen van de ronde; kleine aantallen "
                    "zijn niet getoond.") % {"date": timezone.localdate().isoformat()}])
    sheet.append([])
    sheet.append([_(h) for h in HEADER])
    for cell in sheet[4]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="00811F")
    for row in _rows(plan):
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=5):
        for cell in cells:
            if cell.data_type == "f":  # text that starts with "=" stays text, never a formula
                cell.data_type = "s"
    for column, width in zip(range(1, 7), (8, 36, 14, 16, 12, 70), strict=True):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for row in sheet.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A5"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def training_plan_pdf(assessment_round: AssessmentRound, plan: dict) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=landscape(A4), leftMargin=15 * mm,
                            rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm,
                            title=_("Gezamenlijk opleidingsplan"), author="Opbouw")
    styles = getSampleStyleSheet()
    cell = styles["BodyText"]
    cell.fontSize, cell.leading = 8.5, 10.5
    story = [
        Paragraph(_("Gezamenlijk opleidingsplan – %(round)s") % {"round": assessment_round.name},
                  styles["Title"]),
        Paragraph(_("Per competentie: hoeveel medewerkers onder de norm van hun SCW-niveau "
                    "zitten, welk aanbod daarbij past, en waar nog geen aanbod is (om met "
                    "opleidingen te ontwikkelen). Aantallen kleiner dan %(n)s zijn niet "
                    "getoond.") % {"n": plan["min_cell"]}, styles["BodyText"]),
        Spacer(1, 6 * mm),
    ]
    data = [[Paragraph(f"<b>{_(h)}</b>", cell) for h in HEADER]]
    for row in _rows(plan):
        data.append([Paragraph(str(v).replace("&", "&amp;").replace("<", "&lt;"), cell)
                     for v in row])
    table = Table(data, colWidths=[14 * mm, 60 * mm, 24 * mm, 30 * mm, 22 * mm, 117 * mm],
                  repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e7f4ea")),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cad6da")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    story.append(table)
    doc.build(story)
    return out.getvalue()
