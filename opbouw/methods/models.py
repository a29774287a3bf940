"""The methods toolbox: interventions on the Wmo ladder, who offers them where, and examples."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opbouw.core.models import TimeStampedModel
from opbouw.core.personal_data import validate_no_personal_data


class Term(models.Model):
    """A reference term (theme, aim, function, target group, evidence level)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=100)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Rung(models.Model):
    """A rung of the Wmo ladder (Van der Lans, 2007)."""

    class Group(models.TextChoices):
        MOTOR_BLOCK = "motor_block", _("Motorblok")
        STARTER_MOTOR = "starter_motor", _("Startmotor")
        ROAD_SERVICE = "road_service", _("Wegenwacht en garage")

    number = models.PositiveSmallIntegerField(_("trede"), unique=True)
    name = models.CharField(_("naam"), max_length=100)
    group = models.CharField(_("groep"), max_length=20, choices=Group.choices)
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("trede van de Wmo-ladder")
        verbose_name_plural = _("Wmo-ladder")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Theme(Term):
    class Meta(Term.Meta):
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")


class Aim(Term):
    class Meta(Term.Meta):
        verbose_name = _("doelstelling")
        verbose_name_plural = _("doelstellingen")


class Function(Term):
    class Meta(Term.Meta):
        verbose_name = _("functie")
        verbose_name_plural = _("functies")


class TargetGroup(Term):
    class Meta(Term.Meta):
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")


class EvidenceLevel(Term):
    class Meta(Term.Meta):
        verbose_name = _("erkenningsniveau")
        verbose_name_plural = _("erkenningsniveaus")


class Intervention(TimeStampedModel):
    class Kind(models.TextChoices):
        ACTIVITY = "activity", _("activiteit")
        PROGRAMME = "programme", _("programma")
        METHOD = "method", _("methodiek")

    class Target(models.TextChoices):
        GROUP = "group", _("groepen")
        INDIVIDUAL = "individual", _("individuen")
        BOTH = "both", _("groepen en individuen")

    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        PUBLISHED = "published", _("gepubliceerd")

    name = models.CharField(_("naam"), max_length=150)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    summary = models.CharField(_("samenvatting"), max_length=300)
    description = models.TextField(_("beschrijving"), blank=True,
                                   help_text=_("Opmaak met Markdown: *cursief*, **vet**, "
                                               "lijstjes met - aan het begin van een regel."))
    aims = models.ManyToManyField(Aim, blank=True, related_name="+",
                                  verbose_name=_("doelstellingen"))
    rungs = models.ManyToManyField(Rung, related_name="interventions",
                                   verbose_name=_("treden"))
    themes = models.ManyToManyField(Theme, blank=True, related_name="interventions",
                                    verbose_name=_("thema's"))
    target = models.CharField(_("gericht op"), max_length=12, choices=Target.choices)
    target_groups = models.ManyToManyField(TargetGroup, blank=True, related_name="+",
                                           verbose_name=_("doelgroepen"))
    functions = models.ManyToManyField(Function, blank=True, related_name="+",
                                       verbose_name=_("functies"))
    competencies = models.ManyToManyField("competences.Competency", blank=True,
                                          related_name="interventions",
                                          verbose_name=_("benodigde competenties"))
    evidence_level = models.ForeignKey(EvidenceLevel, null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+",
                                       verbose_name=_("erkenningsniveau"))
    evidence_date = models.DateField(_("erkend op"), null=True, blank=True)
    evidence_source = models.CharField(_("bron van de erkenning"), max_length=300, blank=True)
    instruments = models.CharField(_("meetinstrumenten"), max_length=300, blank=True)
    owner = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                              related_name="interventions", verbose_name=_("eigenaar"))
    contact = models.CharField(_("contact"), max_length=150, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["name"]
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")

    def __str__(self) -> str:
        return self.name


class PracticeExample(models.Model):
    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE,
                                     related_name="examples")
    area = models.ForeignKey("areas.Area", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("gebied"))
    period = models.CharField(_("periode"), max_length=60, blank=True)
    results = models.TextField(_("resultaten"), validators=[validate_no_personal_data])
    lessons = models.TextField(_("lessen"), blank=True, validators=[validate_no_personal_data])

    class Meta:
        verbose_name = _("praktijkvoorbeeld")
        verbose_name_plural = _("praktijkvoorbeelden")

    def __str__(self) -> str:
        return f"{self.intervention} – {self.period}"


class Offer(TimeStampedModel):
    """An organisation deploys an intervention in some areas during a period."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="offers", verbose_name=_("organisatie"))
    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE,
                                     related_name="offers", verbose_name=_("interventie"))
    areas = models.ManyToManyField("areas.Area", related_name="offers",
                                   verbose_name=_("gebieden"))
    starts_on = models.DateField(_("vanaf"))
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)

    class Meta:
        ordering = ["intervention__name", "organisation__name"]
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")

    def __str__(self) -> str:
        return f"{self.organisation} – {self.intervention}"
