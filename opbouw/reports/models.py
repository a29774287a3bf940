"""Accountability reports: a report per assignment and period, its stories and its history.

A report is a draft while the provider writes it; submitting freezes its figures (``figures``
holds the snapshot), so later logbook corrections never change what was handed in. The
commissioner accepts it or returns it with a comment. A new version of an accepted report
starts from the frozen one, and the page shows what changed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opbouw.core.models import TimeStampedModel


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("kwartaal")
    HALF = "half", _("halfjaar")
    YEAR = "year", _("jaar")
    TERM = "term", _("hele looptijd")


class Report(TimeStampedModel):
    """The accountability report of one assignment over one period, in one version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        SUBMITTED = "submitted", _("ingediend")
        RETURNED = "returned", _("teruggestuurd")
        ACCEPTED = "accepted", _("geaccepteerd")

    assignment = models.ForeignKey("assignments.Assignment", on_delete=models.PROTECT,
                                   related_name="reports", verbose_name=_("opdracht"))
    period_kind = models.CharField(_("soort periode"), max_length=8, choices=PeriodKind.choices)
    starts_on = models.DateField(_("periode vanaf"))
    ends_on = models.DateField(_("periode tot en met"))
    number = models.PositiveSmallIntegerField(_("versie"), default=1)
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("vorige versie"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    # Raised by every change; a decision posted on an older revision is refused.
    revision = models.PositiveIntegerField(_("revisie"), default=1)
    # The figures frozen at the last submit (figures.py builds them); empty while a draft.
    figures = models.JSONField(_("cijfers"), null=True, blank=True)
    frozen_at = models.DateTimeField(_("cijfers vastgezet op"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("aangemaakt door"))

    class Meta:
        ordering = ["-ends_on", "assignment__title", "-number"]
        verbose_name = _("verantwoording")
        verbose_name_plural = _("verantwoordingen")
        constraints = [models.UniqueConstraint(
            fields=["assignment", "starts_on", "ends_on", "number"],
            name="report_one_version_number_per_period")]
        indexes = [models.Index(fields=["assignment", "status"])]

    def __str__(self) -> str:
        return f"{self.assignment} ({self.starts_on} – {self.ends_on}, v{self.number})"

    @property
    def is_open(self) -> bool:
        """Whether the provider may still change the stories."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class Story(models.Model):
    """One version of the story behind the curve of one agreement in one report.

    Rows are never changed: every save adds a version, the newest counts.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="stories",
                               verbose_name=_("verantwoording"))
    agreement = models.ForeignKey("assignments.ResultAgreement", on_delete=models.PROTECT,
                                  related_name="stories", verbose_name=_("resultaatafspraak"))
    story = models.TextField(_("het verhaal achter de curve"), max_length=4000, blank=True)
    partners = models.TextField(_("partners met een rol"), max_length=2000, blank=True)
    what_works = models.TextField(_("wat werkt"), max_length=2000, blank=True)
    action_plan = models.TextField(_("actieplan"), max_length=2000, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("door"))
    created_at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        ordering = ["report", "agreement", "-created_at", "-pk"]
        verbose_name = _("verhaal achter de curve")
        verbose_name_plural = _("verhalen achter de curve")

    def __str__(self) -> str:
        return f"{self.agreement} ({self.created_at:%Y-%m-%d %H:%M})"


class ReportEvent(models.Model):
    """A step in a report's workflow, with the comment that came with it."""

    class Kind(models.TextChoices):
        CREATED = "created", _("aangemaakt")
        SUBMITTED = "submitted", _("ingediend")
        RETURNED = "returned", _("teruggestuurd")
        ACCEPTED = "accepted", _("geaccepteerd")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events",
                               verbose_name=_("verantwoording"))
    kind = models.CharField(_("stap"), max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("door"))
    created_at = models.DateTimeField(_("op"), auto_now_add=True)
    comment = models.TextField(_("toelichting"), max_length=2000, blank=True)
    # The figures frozen at a submit, so every submission stays readable.
    figures = models.JSONField(_("cijfers"), null=True, blank=True)

    class Meta:
        ordering = ["report", "created_at", "pk"]
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")

    def __str__(self) -> str:
        return f"{self.report} – {self.get_kind_display()}"


class FigureCache(models.Model):
    """The live figures of an assignment and period, with the fingerprint of the data they
    were computed from; a page recomputes only when the fingerprint changed."""

    assignment = models.ForeignKey("assignments.Assignment", on_delete=models.CASCADE,
                                   related_name="+")
    starts_on = models.DateField()
    ends_on = models.DateField()
    as_of = models.DateField()
    fingerprint = models.CharField(max_length=64)
    figures = models.JSONField()
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "starts_on", "ends_on"],
                                               name="figure_cache_one_per_period")]

    def __str__(self) -> str:
        return f"{self.assignment_id}: {self.starts_on} – {self.ends_on}"
