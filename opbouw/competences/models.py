"""Competency frameworks, assessment rounds and ratings, development plans, training."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opbouw.core.models import TimeStampedModel
from opbouw.core.personal_data import validate_no_personal_data

USER = settings.AUTH_USER_MODEL


class Framework(TimeStampedModel):
    """A versioned competency framework such as the SCW profile."""

    name = models.CharField(_("naam"), max_length=150)
    version = models.CharField(_("versie"), max_length=30)
    source = models.CharField(_("bron"), max_length=400, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["name", "-version"]
        verbose_name = _("competentiekader")
        verbose_name_plural = _("competentiekaders")
        constraints = [models.UniqueConstraint(fields=["name", "version"],
                                               name="framework_unique_version")]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"


class Theme(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="themes")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("naam"), max_length=150)
    is_generic = models.BooleanField(_("generiek"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        constraints = [models.UniqueConstraint(fields=["framework", "code"],
                                               name="theme_unique_code")]

    def __str__(self) -> str:
        return self.name


class Competency(models.Model):
    class Kind(models.TextChoices):
        GENERIC = "generic", _("generiek")
        SPECIFIC = "specific", _("vakspecifiek")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE,
                                  related_name="competencies")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="competencies")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("naam"), max_length=150)
    description = models.TextField(_("omschrijving"), blank=True)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("competentie")
        verbose_name_plural = _("competenties")
        constraints = [models.UniqueConstraint(fields=["framework", "code"],
                                               name="competency_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Indicator(models.Model):
    class Kind(models.TextChoices):
        PROCESS = "process", _("procesindicator")
        RESULT = "result", _("resultaatindicator")

    competency = models.ForeignKey(Competency, on_delete=models.CASCADE,
                                   related_name="indicators")
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("tekst"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "order"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self) -> str:
        return self.text[:60]


class ScaleLevel(models.Model):
    """One step of a framework's rating scale."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="scale")
    value = models.PositiveSmallIntegerField(_("waarde"))
    label = models.CharField(_("naam"), max_length=60)
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)

    class Meta:
        ordering = ["value"]
        verbose_name = _("schaalniveau")
        verbose_name_plural = _("schaalniveaus")
        constraints = [models.UniqueConstraint(fields=["framework", "value"],
                                               name="scale_unique_value")]

    def __str__(self) -> str:
        return f"{self.value} {self.label}"


class Norm(models.Model):
    """The level expected of a worker at an SCW level, per competency."""

    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="norms")
    scw_level = models.PositiveSmallIntegerField(_("SCW-niveau"))
    expected = models.PositiveSmallIntegerField(_("verwacht niveau"))

    class Meta:
        ordering = ["competency__order", "scw_level"]
        verbose_name = _("norm")
        verbose_name_plural = _("normen")
        constraints = [models.UniqueConstraint(fields=["competency", "scw_level"],
                                               name="norm_unique_level")]

    def __str__(self) -> str:
        return f"{self.competency.code} SCW{self.scw_level}: {self.expected}"


class AssessmentRound(TimeStampedModel):
    class State(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("gesloten")

    name = models.CharField(_("naam"), max_length=150)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="rounds",
                                  verbose_name=_("competentiekader"))
    starts_on = models.DateField(_("begint op"))
    ends_on = models.DateField(_("eindigt op"))
    organisations = models.ManyToManyField("organisations.Organisation",
                                           related_name="assessment_rounds",
                                           verbose_name=_("organisaties"))
    state = models.CharField(_("status"), max_length=10, choices=State.choices,
                             default=State.OPEN)
    opened_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    # The norms as they were when the round closed, so later norm edits leave its results be:
    # {"<competency id>": {"<SCW level>": expected}}.
    norms_snapshot = models.JSONField(_("normen bij sluiten"), default=dict, blank=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("beoordelingsronde")
        verbose_name_plural = _("beoordelingsrondes")

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class Assessment(TimeStampedModel):
    """One person's ratings of one worker in a round: the worker's own, the coach's or a peer's."""

    class Kind(models.TextChoices):
        SELF = "self", _("zelfbeoordeling")
        COACH = "coach", _("beoordeling door coach")
        PEER = "peer", _("beoordeling door collega")

    class State(models.TextChoices):
        OPEN = "open", _("open")
        SUBMITTED = "submitted", _("ingediend")

    round = models.ForeignKey(AssessmentRound, on_delete=models.CASCADE,
                              related_name="assessments")
    worker = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="assessments_of")
    assessor = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="assessments_by")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="+")
    scw_level = models.PositiveSmallIntegerField(_("SCW-niveau"))
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    state = models.CharField(_("status"), max_length=10, choices=State.choices,
                             default=State.OPEN)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)

    class Meta:
        ordering = ["round", "worker", "kind"]
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        constraints = [models.UniqueConstraint(fields=["round", "worker", "assessor", "kind"],
                                               name="assessment_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.worker} ({self.round})"

    @property
    def is_editable(self) -> bool:
        return self.state == self.State.OPEN and self.round.is_open


class Rating(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="ratings")
    value = models.PositiveSmallIntegerField(_("niveau"))
    evidence = models.TextField(_("onderbouwing"), blank=True,
                                validators=[validate_no_personal_data])

    class Meta:
        verbose_name = _("waardering")
        verbose_name_plural = _("waarderingen")
        constraints = [models.UniqueConstraint(fields=["assessment", "competency"],
                                               name="rating_unique")]

    def __str__(self) -> str:
        return f"{self.competency_id}: {self.value}"


class DevelopmentPlan(TimeStampedModel):
    """A worker's personal development plan (POP)."""

    worker = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="development_plans")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="+")
    year = models.PositiveSmallIntegerField(_("jaar"))
    signed_off_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    signed_off_at = models.DateTimeField(_("afgetekend op"), null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("ontwikkelplan")
        verbose_name_plural = _("ontwikkelplannen")
        constraints = [models.UniqueConstraint(fields=["worker", "year"],
                                               name="plan_unique_year")]

    def __str__(self) -> str:
        return f"POP {self.year} {self.worker}"


class Goal(models.Model):
    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="goals")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("competentie"))
    description = models.TextField(_("doel"), validators=[validate_no_personal_data])
    target_level = models.PositiveSmallIntegerField(_("gewenst niveau"), null=True, blank=True)

    class Meta:
        ordering = ["competency__order", "pk"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self) -> str:
        return self.description[:60]


class Action(models.Model):
    class Kind(models.TextChoices):
        COURSE = "course", _("cursus of training")
        COACHING = "coaching", _("coaching")
        INTERVISION = "intervision", _("intervisie")
        ON_THE_JOB = "on_the_job", _("leren in de praktijk")

    class Status(models.TextChoices):
        PLANNED = "planned", _("gepland")
        IN_PROGRESS = "in_progress", _("bezig")
        DONE = "done", _("afgerond")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)
    description = models.CharField(_("actie"), max_length=300,
                                   validators=[validate_no_personal_data])
    due_on = models.DateField(_("klaar op"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.PLANNED)
    course = models.ForeignKey("competences.Course", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")

    def __str__(self) -> str:
        return self.description[:60]


class Course(TimeStampedModel):
    title = models.CharField(_("titel"), max_length=200)
    provider = models.CharField(_("aanbieder"), max_length=150)
    description = models.TextField(_("omschrijving"), blank=True)
    hours = models.DecimalField(_("uren"), max_digits=5, decimal_places=1)
    pe_points = models.DecimalField(_("PE-punten"), max_digits=5, decimal_places=1)
    min_scw_level = models.PositiveSmallIntegerField(_("vanaf SCW-niveau"), default=1)
    competencies = models.ManyToManyField(Competency, related_name="courses",
                                          verbose_name=_("competenties"))
    is_active = models.BooleanField(_("in het aanbod"), default=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("cursus")
        verbose_name_plural = _("cursussen")

    def __str__(self) -> str:
        return self.title


class Enrolment(TimeStampedModel):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("ingeschreven")
        COMPLETED = "completed", _("afgerond")
        CANCELLED = "cancelled", _("afgemeld")

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrolments")
    worker = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="enrolments")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.ENROLLED)
    completed_on = models.DateField(_("afgerond op"), null=True, blank=True)
    pe_points = models.DecimalField(_("PE-punten"), max_digits=5, decimal_places=1, default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        constraints = [models.UniqueConstraint(fields=["course", "worker"],
                                               name="enrolment_unique")]

    def __str__(self) -> str:
        return f"{self.worker} – {self.course}"


class PeRequirement(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="pe_requirements")
    year = models.PositiveSmallIntegerField(_("jaar"))
    points = models.DecimalField(_("PE-punten per medewerker"), max_digits=5, decimal_places=1)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("PE-norm")
        verbose_name_plural = _("PE-normen")
        constraints = [models.UniqueConstraint(fields=["organisation", "year"],
                                               name="pe_requirement_unique")]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}: {self.points}"


class CoachingSession(TimeStampedModel):
    class Kind(models.TextChoices):
        COACHING = "coaching", _("coaching")
        INTERVISION = "intervision", _("intervisie")
        SUPERVISION = "supervision", _("supervisie")

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="+")
    held_on = models.DateField(_("datum"))
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)
    led_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("begeleider"))
    participants = models.ManyToManyField(settings.AUTH_USER_MODEL,
                                          related_name="coaching_sessions",
                                          verbose_name=_("deelnemers"))
    competencies = models.ManyToManyField(Competency, related_name="+", blank=True,
                                          verbose_name=_("besproken competenties"))
    notes = models.TextField(_("aantekeningen"), blank=True,
                             validators=[validate_no_personal_data])

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("coaching- of intervisiebijeenkomst")
        verbose_name_plural = _("coaching en intervisie")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"


class TrainingProposal(TimeStampedModel):
    """A course proposed for an organisation's joint training plan, for one competency.

    The plan's lines are computed from the gaps of a round; a proposal is what someone asked
    to take up in it, with the reason (e.g. a result agreement that lags, see the chain from
    results to training in the reports). One proposal per organisation, course and competency.
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("organisatie"))
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="proposals",
                               verbose_name=_("cursus"))
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("competentie"))
    reason = models.CharField(_("aanleiding"), max_length=300, blank=True,
                              validators=[validate_no_personal_data])
    proposed_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("voorgesteld door"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("voorstel voor het opleidingsplan")
        verbose_name_plural = _("voorstellen voor het opleidingsplan")
        constraints = [models.UniqueConstraint(fields=["organisation", "course", "competency"],
                                               name="training_proposal_unique")]

    def __str__(self) -> str:
        return f"{self.course} ({self.competency.code})"
