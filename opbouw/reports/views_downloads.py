"""Downloads of a report: a PDF to hand out and a workbook with every figure."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone

from opbouw.access.decorators import login_required
from opbouw.access.request import AuthedHttpRequest
from opbouw.assignments.models import Assignment
from opbouw.reports import documents, selectors
from opbouw.reports.views import _period


def _live(request: AuthedHttpRequest, pk: int) -> tuple[Assignment, dict]:
    """A visible assignment and its live figures for the period in the query string."""
    today = timezone.localdate()
    assignment = selectors.reportable_get(request.principal, pk)
    period, _warning = _period(request, assignment, today)
    return assignment, selectors.live_figures(assignment, period, today=today)


@login_required
def assignment_pdf(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    assignment, figures = _live(request, pk)
    return documents.pdf_response(request, figures=figures, assignment=assignment)


@login_required
def assignment_xlsx(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    assignment, figures = _live(request, pk)
    return documents.xlsx_response(request, figures=figures, assignment=assignment)


@login_required
def report_pdf(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(request.principal, pk)
    return documents.pdf_response(request, figures=selectors.report_figures(report),
                                  assignment=report.assignment, report=report,
                                  stories=selectors.current_stories(report))


@login_required
def report_xlsx(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(request.principal, pk)
    return documents.xlsx_response(request, figures=selectors.report_figures(report),
                                   assignment=report.assignment, report=report,
                                   stories=selectors.current_stories(report))
