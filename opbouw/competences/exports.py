"""The joint training plan as XLSX and PDF, through the export layer (``core/exports.py``).

The PDF is made with ReportLab rather than WeasyPrint: WeasyPrint needs the system's Pango
libraries, which a fresh machine with only Python and Node does not have (README: two
commands, nothing prepared).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from opbouw.competences.models import AssessmentRound
from opbouw.core.exports import Column, Table, table_pdf, table_xlsx


def _columns() -> list[Column]:
    # Translated when the export is made, in the reader's language: each label a literal,
    # so that makemessages finds it.
    return [Column(_("Code"), width=8), Column(_("Competentie"), width=36),
            Column(_("Soort"), width=14), Column(_("Medewerkers onder de norm"), width=16),
            Column(_("Beoordeeld"), width=12), Column(_("Passend aanbod"), width=70)]


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


def training_plan_table(assessment_round: AssessmentRound, plan: dict) -> Table:
    """The plan as a table, with the note the spreadsheet shows under its title."""
    return Table(
        name="Opleidingsplan", columns=_columns(), rows=_rows(plan),
        title=_("Gezamenlijk opleidingsplan – %(round)s") % {"round": assessment_round.name},
        notes=[_("Gemaakt op %(date)s uit de beoordelingen van de ronde; kleine aantallen "
                 "zijn niet getoond.") % {"date": timezone.localdate().isoformat()}])


def training_plan_xlsx(assessment_round: AssessmentRound, plan: dict) -> bytes:
    return table_xlsx(training_plan_table(assessment_round, plan))


def training_plan_pdf(assessment_round: AssessmentRound, plan: dict) -> bytes:
    table = training_plan_table(assessment_round, plan)
    table.notes = [_("Per competentie: hoeveel medewerkers onder de norm van hun SCW-niveau "
                     "zitten, welk aanbod daarbij past, en waar nog geen aanbod is (om met "
                     "opleidingen te ontwikkelen). Aantallen kleiner dan %(n)s zijn niet "
                     "getoond.") % {"n": plan["min_cell"]}]
    return table_pdf(table)
