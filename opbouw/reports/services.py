"""Writes of the reports module: start a report, write a story, submit, accept or return.

Every service checks who acts and the report's state first and raises one
``ValidationError`` with Dutch messages; nothing is written then. A report carries a
revision: a decision posted on an older revision is refused.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from opbouw.access.actor import Actor
from opbouw.assignments.models import Assignment, ResultAgreement
from opbouw.core import audit
from opbouw.core.personal_data import validate_no_personal_data
from opbouw.core.text import clean_multiline, has_control_characters
from opbouw.reports import figures as figures_module
from opbouw.reports import scopes
from opbouw.reports.models import Report, ReportEvent, Story
from opbouw.reports.periods import code_of, period_for

STORY_FIELDS = {"story": 4000, "partners": 2000, "what_works": 2000, "action_plan": 2000}
COMMENT_MAX = 2000


def _text(value: Any, field: str, limit: int, errors: dict[str, list]) -> str:
    """Free text: length, control characters and personal data of residents."""
    text = clean_multiline(value, limit * 2) if isinstance(value, str) else ""
    if not text:
        return ""
    if len(text) > limit:
        errors.setdefault(field, []).append(
            _("Maximaal %(max)s tekens; dit zijn er %(n)s.") % {"max": limit, "n": len(text)})
    elif has_control_characters(text.replace("\n", "").replace("\t", "")):
        errors.setdefault(field, []).append(
            _("De tekst bevat tekens die niet in tekst horen; typ hem opnieuw."))
    else:
        try:
            validate_no_personal_data(text)
        except ValidationError as exc:
            errors.setdefault(field, []).append(
                " ".join(exc.messages) + " " + _("De tekst is niet opgeslagen."))
    return text


def _refuse(message: str) -> None:
    raise ValidationError({"__all__": [message]})


def _check_revision(report: Report, revision: Any) -> None:
    if revision is not None and str(revision) != str(report.revision):
        _refuse(_("Deze verantwoording is gewijzigd sinds u de pagina opende. Bekijk de "
                  "nieuwe stand en probeer het opnieuw."))


def _bump(report: Report) -> None:
    Report.objects.filter(pk=report.pk).update(revision=F("revision") + 1)
    report.refresh_from_db(fields=["revision", "status", "figures", "frozen_at", "updated_at"])


@transaction.atomic
def report_start(*, actor: Actor, assignment: Assignment, code: str,
                 today: dt.date | None = None) -> Report:
    """A draft report of the period, or the open one that already exists."""
    today = today or timezone.localdate()
    if not scopes.can_start(actor.principal, assignment):
        raise PermissionDenied
    if assignment.status == Assignment.Status.CONCEPT:
        _refuse(_("Een opdracht in concept heeft nog geen verantwoording."))
    period = period_for(assignment, code)
    if period is None:
        raise ValidationError({"period": [_("Kies een periode binnen de looptijd van de "
                                            "opdracht (%(start)s tot en met %(end)s).")
                                          % {"start": assignment.starts_on.strftime("%d-%m-%Y"),
                                             "end": assignment.ends_on.strftime("%d-%m-%Y")}]})
    if period.starts_on > today:
        raise ValidationError({"period": [_("Deze periode is nog niet begonnen.")]})
    existing = Report.objects.select_for_update().filter(
        assignment=assignment, starts_on=period.starts_on, ends_on=period.ends_on).order_by(
        "-number").first()
    if existing is not None and existing.status != Report.Status.ACCEPTED:
        return existing
    if existing is not None:
        _refuse(_("Over deze periode is al een geaccepteerde verantwoording. Maak daarvan een "
                  "nieuwe versie als er iets moet veranderen."))
    report = Report.objects.create(assignment=assignment, period_kind=period.kind,
                                   starts_on=period.starts_on, ends_on=period.ends_on,
                                   created_by=actor.user)
    ReportEvent.objects.create(report=report, kind=ReportEvent.Kind.CREATED, actor=actor.user)
    return report


@transaction.atomic
def story_save(*, actor: Actor, report: Report, agreement: ResultAgreement,
               revision: Any = None, **values: Any) -> Story:
    """Add a version of the story behind the curve; the earlier versions stay."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not scopes.can_write(actor.principal, report):
        raise PermissionDenied
    if agreement.assignment_id != report.assignment_id:
        raise PermissionDenied
    _check_revision(report, revision)
    errors: dict[str, list] = {}
    texts = {field: _text(values.get(field), field, limit, errors)
             for field, limit in STORY_FIELDS.items()}
    if not errors and not any(texts.values()):
        errors["story"] = [_("Vul ten minste het verhaal achter de curve in.")]
    if errors:
        raise ValidationError(errors)
    story = Story.objects.create(report=report, agreement=agreement, author=actor.user, **texts)
    _bump(report)
    return story


@transaction.atomic
def report_submit(*, actor: Actor, report: Report, revision: Any = None,
                  comment: str = "", today: dt.date | None = None) -> Report:
    """Freeze the figures and hand the report to the commissioner."""
    today = today or timezone.localdate()
    report = Report.objects.select_for_update().select_related("assignment").get(pk=report.pk)
    if not scopes.can_submit(actor.principal, report):
        if scopes.can_write(actor.principal, report):
            _refuse(_("Alleen een manager van %(org)s kan de verantwoording indienen.")
                    % {"org": report.assignment.provider.name})
        raise PermissionDenied
    _check_revision(report, revision)
    errors: dict[str, list] = {}
    note = _text(comment, "comment", COMMENT_MAX, errors)
    if errors:
        raise ValidationError(errors)
    period = period_for(report.assignment, code_of(report.period_kind, report.starts_on))
    assert period is not None
    frozen = figures_module.build(report.assignment, period, today=today)
    report.status = Report.Status.SUBMITTED
    report.figures = frozen
    report.frozen_at = timezone.now()
    report.save(update_fields=["status", "figures", "frozen_at", "updated_at"])
    ReportEvent.objects.create(report=report, kind=ReportEvent.Kind.SUBMITTED, actor=actor.user,
                               comment=note, figures=frozen)
    _bump(report)
    audit.audit_record(action="report.submit", actor=actor.user, obj=report, ip=actor.ip)
    return report


@transaction.atomic
def report_decide(*, actor: Actor, report: Report, accept: bool, revision: Any,
                  comment: str = "") -> Report:
    """The commissioner accepts the report, or returns it with a comment."""
    report = Report.objects.select_for_update().select_related("assignment").get(pk=report.pk)
    if not scopes.is_commissioner(actor.principal, report.assignment) \
            and not actor.principal.is_admin:
        raise PermissionDenied
    if report.status != Report.Status.SUBMITTED:
        _refuse(_("Deze verantwoording wacht niet op een beoordeling (status: %(status)s).")
                % {"status": report.get_status_display()})
    if not scopes.can_decide(actor.principal, report):
        raise PermissionDenied
    _check_revision(report, revision)
    errors: dict[str, list] = {}
    note = _text(comment, "comment", COMMENT_MAX, errors)
    if not accept and not note and "comment" not in errors:
        errors["comment"] = [_("Schrijf erbij wat er anders moet; dat leest de opdrachtnemer.")]
    if errors:
        raise ValidationError(errors)
    report.status = Report.Status.ACCEPTED if accept else Report.Status.RETURNED
    report.save(update_fields=["status", "updated_at"])
    ReportEvent.objects.create(
        report=report, kind=ReportEvent.Kind.ACCEPTED if accept else ReportEvent.Kind.RETURNED,
        actor=actor.user, comment=note)
    _bump(report)
    audit.audit_record(action="report.accept" if accept else "report.return",
                       actor=actor.user, obj=report, ip=actor.ip)
    return report


@transaction.atomic
def report_new_version(*, actor: Actor, report: Report) -> Report:
    """A new draft of an accepted report: the stories are carried over, the figures are
    frozen again when it is submitted; the page shows the differences."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not scopes.can_start_version(actor.principal, report):
        raise PermissionDenied
    newer = Report.objects.filter(assignment=report.assignment, starts_on=report.starts_on,
                                  ends_on=report.ends_on, number__gt=report.number).first()
    if newer is not None:
        _refuse(_("Er is al een nieuwere versie (versie %(n)s).") % {"n": newer.number})
    draft = Report.objects.create(
        assignment=report.assignment, period_kind=report.period_kind,
        starts_on=report.starts_on, ends_on=report.ends_on, number=report.number + 1,
        previous=report, created_by=actor.user)
    ReportEvent.objects.create(report=draft, kind=ReportEvent.Kind.CREATED, actor=actor.user,
                               comment=_("Nieuwe versie van versie %(n)s.") % {
                                   "n": report.number})
    latest: dict[int, Story] = {}
    for story in report.stories.order_by("-created_at", "-pk"):
        latest.setdefault(story.agreement_id, story)
    Story.objects.bulk_create([
        Story(report=draft, agreement_id=s.agreement_id, story=s.story, partners=s.partners,
              what_works=s.what_works, action_plan=s.action_plan, author=s.author)
        for s in latest.values()])
    return draft
