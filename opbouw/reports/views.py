"""Pages of the accountability reports at /rapportages/."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.access.actor import actor_from
from opbouw.access.decorators import login_required
from opbouw.access.request import AuthedHttpRequest
from opbouw.access.shortcuts import get_visible_or_404
from opbouw.core.forms import add_service_errors, error_text
from opbouw.core.text import query_text
from opbouw.reports import presentation, scopes, selectors, services
from opbouw.reports.forms import DecideForm, StoryForm, SubmitForm
from opbouw.reports.models import Report
from opbouw.reports.periods import choices, default_period, period_for


@login_required
def index(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    today = timezone.localdate()
    assignments = scopes.reportable_assignments(principal).select_related(
        "commissioner", "provider").order_by("-ends_on", "title", "pk")
    return render(request, "reports/index.html", {
        "tiles": selectors.tiles(principal, today=today),
        "reports": selectors.report_list(principal)[:100],
        "assignments": assignments[:200],
        "today": today,
    })


def _period(request: AuthedHttpRequest, assignment, today):
    code = query_text(request.GET, "periode", 12)
    if not code:
        return default_period(assignment, today=today), ""
    period = period_for(assignment, code)
    if period is None:
        return default_period(assignment, today=today), _(
            "Die periode valt buiten de looptijd van de opdracht; u ziet de laatste "
            "afgeronde periode.")
    return period, ""


@login_required
def assignment_report(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The live figures of an assignment for a chosen period, before any report exists."""
    principal = request.principal
    today = timezone.localdate()
    assignment = selectors.reportable_get(principal, pk)
    period, warning = _period(request, assignment, today)
    figures = selectors.live_figures(assignment, period, today=today)
    existing = selectors.report_list(principal, assignment=assignment).filter(
        starts_on=period.starts_on, ends_on=period.ends_on).first()
    return render(request, "reports/assignment.html", {
        "assignment": assignment, "period": period, "warning": warning,
        "periods": choices(assignment, today=today),
        "existing": existing,
        "can_start": scopes.can_start(principal, assignment) and period.starts_on <= today,
        **presentation.context(figures, request=request),
    })


@require_POST
@login_required
def start(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.reportable_get(request.principal, pk)
    code = query_text(request.POST, "periode", 12)
    try:
        report = services.report_start(actor=actor_from(request), assignment=assignment,
                                       code=code)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect("reports:assignment", pk=assignment.pk)
    return redirect("reports:detail", pk=report.pk)


def _detail_context(request: AuthedHttpRequest, report: Report) -> dict:
    principal = request.principal
    figures = selectors.report_figures(report)
    stories = selectors.current_stories(report)
    submissions = selectors.submitted_figures(report)
    previous = report.previous.figures if report.previous_id and report.previous else None
    changes = []
    if previous and report.figures:
        changes = selectors.differences(previous, report.figures)
    elif len(submissions) > 1:
        changes = selectors.differences(submissions[-2].figures, submissions[-1].figures)
    events = list(report.events.all())
    return {
        "report": report, "assignment": report.assignment,
        "stories": stories, "events": events, "last_event": events[-1] if events else None,
        "can_write": scopes.can_write(principal, report),
        "can_submit": scopes.can_submit(principal, report),
        "can_decide": scopes.can_decide(principal, report),
        "can_new_version": scopes.can_start_version(principal, report),
        "submit_form": SubmitForm(initial={"revision": report.revision}),
        "decide_form": DecideForm(initial={"revision": report.revision}),
        "changes": changes, "compared_with_previous": bool(previous and report.figures),
        "submissions": submissions,
        **presentation.context(figures, request=request, stories=stories),
    }


@login_required
def detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(request.principal, pk)
    return render(request, "reports/detail.html", _detail_context(request, report))


@login_required
def story(request: AuthedHttpRequest, pk: int, agreement: int) -> HttpResponse:
    principal = request.principal
    report = selectors.report_get(principal, pk)
    found = get_visible_or_404(report.assignment.agreements.select_related("indicator"),
                               pk=agreement)
    current = selectors.current_stories(report).get(found.pk)
    if request.method == "POST":
        if not scopes.can_write(principal, report):
            raise PermissionDenied
        form = StoryForm(request.POST)
        if form.is_valid():
            try:
                services.story_save(actor=actor_from(request), report=report, agreement=found,
                                    revision=form.cleaned_data["revision"],
                                    **{k: form.cleaned_data[k] for k in services.STORY_FIELDS})
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Het verhaal is bewaard; eerdere versies blijven "
                                            "bewaard."))
                return redirect(f"{report_url(report)}#afspraak-{found.pk}")
    else:
        initial = {k: getattr(current, k) for k in services.STORY_FIELDS} if current else {}
        form = StoryForm(initial=initial | {"revision": report.revision})
    return render(request, "reports/story.html", {
        "report": report, "assignment": report.assignment, "agreement": found, "form": form,
        "history": selectors.story_history(report, found.pk),
        "can_write": scopes.can_write(principal, report),
    })


def report_url(report: Report) -> str:
    from django.urls import reverse

    return reverse("reports:detail", kwargs={"pk": report.pk})


@require_POST
@login_required
def submit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(request.principal, pk)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_text(form))
        return redirect("reports:detail", pk=report.pk)
    try:
        services.report_submit(actor=actor_from(request), report=report,
                               revision=form.cleaned_data["revision"],
                               comment=form.cleaned_data["comment"])
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("De verantwoording is ingediend; de cijfers staan vast."))
    return redirect("reports:detail", pk=report.pk)


@require_POST
@login_required
def decide(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(request.principal, pk)
    form = DecideForm(request.POST)
    action = query_text(request.POST, "besluit", 12)
    if action not in ("accepteren", "terugsturen"):
        raise Http404
    if not form.is_valid():
        messages.error(request, error_text(form))
        return redirect("reports:detail", pk=report.pk)
    try:
        services.report_decide(actor=actor_from(request), report=report,
                               accept=action == "accepteren",
                               revision=form.cleaned_data["revision"],
                               comment=form.cleaned_data["comment"])
    except ValidationError as exc:
        if not scopes.can_decide(request.principal, report):
            messages.error(request, error_text(exc))
            return redirect("reports:detail", pk=report.pk)
        add_service_errors(form, exc)
        context = _detail_context(request, report) | {"decide_form": form}
        return render(request, "reports/detail.html", context, status=400)
    messages.success(request, _("De verantwoording is geaccepteerd.") if action == "accepteren"
                     else _("De verantwoording is teruggestuurd met uw opmerking."))
    return redirect("reports:detail", pk=report.pk)


@require_POST
@login_required
def new_version(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(request.principal, pk)
    try:
        draft = services.report_new_version(actor=actor_from(request), report=report)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect("reports:detail", pk=report.pk)
    return redirect("reports:detail", pk=draft.pk)
