"""Permission matrix entries of the accountability reports (see access/tests/matrix_base.py).

The provider's staff and the commissioner see the reports of their own assignments (the
commissioner never a draft); analysts and other providers: 404. Writes are POST only.
"""

from opbouw.access.tests.matrix_base import NONE, SIGNED_IN, everyone, row
from opbouw.assignments.models import Assignment
from opbouw.reports.models import Report

KRALINGEN = "Deelgemeente Kralingen-Crooswijk"
VISIBLE = row(302, 200, 200, 200, 404, 200, 200, 404)


def _running(o):
    return Assignment.objects.filter(provider=o.sonor, status="running",
                                     commissioner__name=KRALINGEN).order_by("pk").first()


def _assignment(o):
    return {"pk": _running(o).pk}


def _report(o):
    return {"pk": Report.objects.filter(assignment=_running(o)).exclude(status="draft")
            .order_by("pk").first().pk}


def _story(o):
    report = Report.objects.filter(assignment=_running(o)).exclude(status="draft").order_by(
        "pk").first()
    return {"pk": report.pk, "agreement": report.stories.order_by("pk").first().agreement_id}


MATRIX = {
    "reports:index": (NONE, SIGNED_IN),
    "reports:assignment": (_assignment, VISIBLE),
    "reports:assignment_pdf": (_assignment, VISIBLE),
    "reports:assignment_xlsx": (_assignment, VISIBLE),
    "reports:start": (_assignment, everyone(405)),
    "reports:detail": (_report, VISIBLE),
    "reports:pdf": (_report, VISIBLE),
    "reports:xlsx": (_report, VISIBLE),
    "reports:story": (_story, VISIBLE),
    "reports:submit": (_report, everyone(405)),
    "reports:decide": (_report, everyone(405)),
    "reports:new_version": (_report, everyone(405)),
}
