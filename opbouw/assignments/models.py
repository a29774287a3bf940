"""Neighbourhood action plans, the indicator catalogue, assignments and result agreements."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opbouw.core.models import TimeStampedModel
from opbouw.core.personal_data import validate_no_personal_data


class Domain(models.TextChoices):
    """The domains of a neighbourhood action plan (WAP); signals use the same list."""

    WORK = "work", _("Werk en inkomen")
    EDUCATION = "education", _("Onderwijs en opvoeding")
    LIVEABILITY = "liveability", _("Leefbaarheid")
    SAFETY = "safety", _("Veiligheid")
    CARE = "care", _("Zorg en welzijn")
    COHESION = "cohesion", _("Sociale samenhang en meedoen")
    OWN = "own", _("Eigen doel")


class ActionPlan(TimeStampedModel):
    """A neighbourhood action plan (wijkactieplan, WAP) of one area for one year."""

    commissioner = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="action_plans",
        verbose_name=_("opdrachtgever"))
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="action_plans",
                             verbose_name=_("gebied"))
    year = models.PositiveSmallIntegerField(_("jaar"))
    title = models.CharField(_("titel"), max_length=150)
    summary = models.TextField(_("toelichting"), blank=True, max_length=4000)

    class Meta:
        ordering = ["-year", "area__path"]
        verbose_name = _("wijkactieplan")
        verbose_name_plural = _("wijkactieplannen")
        constraints = [models.UniqueConstraint(fields=["area", "year"],
                                               name="action_plan_one_per_area_year")]

    def __str__(self) -> str:
        return f"{self.title} ({self.area.name}, {self.year})"


class Priority(models.Model):
    """One priority of a WAP, in one of the domains or an own goal."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="priorities",
                             verbose_name=_("wijkactieplan"))
    domain = models.CharField(_("domein"), max_length=20, choices=Domain.choices)
    title = models.CharField(_("prioriteit"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True, max_length=2000)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("prioriteit")
        verbose_name_plural = _("prioriteiten")

    def __str__(self) -> str:
        return f"{self.get_domain_display()}: {self.title}"


class Indicator(TimeStampedModel):
    """A uniform definition, so organisations and areas can be compared."""

    class Category(models.TextChoices):
        # Results-Based Accountability's three questions.
        QUANTITY = "quantity", _("Hoeveel hebben we gedaan?")
        QUALITY = "quality", _("Hoe goed hebben we het gedaan?")
        BETTER_OFF = "better_off", _("Is er iemand beter van geworden?")

    class Aggregation(models.TextChoices):
        COUNT = "count", _("aantal")
        SUM = "sum", _("som")
        MEAN = "mean", _("gemiddelde")
        SHARE = "share", _("aandeel")

    class Source(models.TextChoices):
        LOGBOOK = "logbook", _("logboek")
        SIGNALS = "signals", _("signalen")
        MEASUREMENT = "measurement", _("meting")
        MANUAL = "manual", _("handmatig")

    class Polarity(models.TextChoices):
        HIGHER = "higher", _("hoger is beter")
        LOWER = "lower", _("lager is beter")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=150)
    definition = models.TextField(_("definitie"), max_length=2000)
    unit = models.CharField(_("eenheid"), max_length=40)
    category = models.CharField(_("RBA-vraag"), max_length=12, choices=Category.choices)
    aggregation = models.CharField(_("berekening"), max_length=8, choices=Aggregation.choices)
    source = models.CharField(_("bron"), max_length=12, choices=Source.choices)
    polarity = models.CharField(_("richting"), max_length=8, choices=Polarity.choices,
                                default=Polarity.HIGHER)
    # The key of a registered computation (indicators.py); empty for manual indicators.
    computation = models.CharField(_("rekenregel"), max_length=60, blank=True)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["category", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self) -> str:
        return self.name


class Assignment(TimeStampedModel):
    """A commissioner's assignment to a provider: areas, period, money, hours and results."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("concept")
        RUNNING = "running", _("lopend")
        FINISHED = "finished", _("afgerond")

    commissioner = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT,
        related_name="commissioned_assignments", verbose_name=_("opdrachtgever"))
    provider = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT,
        related_name="assignments", verbose_name=_("opdrachtnemer"))
    title = models.CharField(_("titel"), max_length=150)
    description = models.TextField(_("omschrijving"), blank=True, max_length=4000)
    areas = models.ManyToManyField("areas.Area", related_name="assignments",
                                   verbose_name=_("gebieden"))
    starts_on = models.DateField(_("begindatum"))
    ends_on = models.DateField(_("einddatum"))
    budget = models.DecimalField(_("budget (euro)"), max_digits=12, decimal_places=2)
    agreed_hours = models.DecimalField(_("afgesproken uren"), max_digits=9, decimal_places=1)
    # Agreed on its own, so changing the hours never changes the price of an hour; empty
    # only on rows from before it existed that migration 0003 could not fill.
    hourly_rate = models.DecimalField(_("uurtarief (euro)"), max_digits=8, decimal_places=2,
                                      null=True, blank=True)
    # How soon a referred signal should be taken up by the partner (the "how well" figure).
    signal_take_up_days = models.PositiveSmallIntegerField(
        _("signalen opgepakt binnen (dagen)"), default=14,
        help_text=_("Binnen hoeveel dagen na doorverwijzen een partner een signaal oppakt."))
    priorities = models.ManyToManyField(Priority, blank=True, related_name="assignments",
                                        verbose_name=_("prioriteiten uit het wijkactieplan"))
    interventions = models.ManyToManyField(
        "methods.Intervention", blank=True, related_name="assignments",
        verbose_name=_("geplande interventies"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.CONCEPT)
    # Raised by every save: a form posted with an older version is refused.
    version = models.PositiveIntegerField(_("versie"), default=1)
    # Hours and activities so far, set on list rows by selectors.with_realised (no field).
    realised: dict

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("opdracht")
        verbose_name_plural = _("opdrachten")
        indexes = [models.Index(fields=["provider", "status"])]

    def __str__(self) -> str:
        return self.title


class ResultAgreement(models.Model):
    """An agreed result of an assignment on one indicator."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE,
                                   related_name="agreements", verbose_name=_("opdracht"))
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT,
                                  related_name="agreements", verbose_name=_("indicator"))
    baseline = models.DecimalField(_("nulwaarde"), max_digits=12, decimal_places=2, null=True,
                                   blank=True)
    target = models.DecimalField(_("streefwaarde"), max_digits=12, decimal_places=2)
    starts_on = models.DateField(_("periode vanaf"))
    ends_on = models.DateField(_("periode tot en met"))
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        ordering = ["assignment", "indicator__category", "indicator__name"]
        verbose_name = _("resultaatafspraak")
        verbose_name_plural = _("resultaatafspraken")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.target}"


class Product(models.Model):
    """A product of an assignment at a unit price, counted from the logbook.

    An entry of the assignment counts one when it used ``intervention`` (if set) and, with
    ``initiatives_only``, supported a residents' initiative.
    """

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE,
                                   related_name="products", verbose_name=_("opdracht"))
    name = models.CharField(_("naam"), max_length=150, validators=[validate_no_personal_data])
    unit = models.CharField(_("eenheid"), max_length=40, validators=[validate_no_personal_data],
                            help_text=_("Bijvoorbeeld training of initiatief."))
    unit_price = models.DecimalField(_("prijs per eenheid (euro)"), max_digits=10,
                                     decimal_places=2)
    agreed_quantity = models.PositiveIntegerField(_("afgesproken aantal"))
    intervention = models.ForeignKey(
        "methods.Intervention", null=True, blank=True, on_delete=models.PROTECT,
        related_name="assignment_products", verbose_name=_("interventie"))
    initiatives_only = models.BooleanField(
        _("alleen ondersteunde bewonersinitiatieven"), default=False)

    class Meta:
        ordering = ["assignment", "name", "pk"]
        verbose_name = _("product")
        verbose_name_plural = _("producten")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "name"],
                                    name="product_name_unique_per_assignment"),
            models.CheckConstraint(condition=models.Q(intervention__isnull=False)
                                   | models.Q(initiatives_only=True),
                                   name="product_counted_from_the_logbook"),
        ]

    def __str__(self) -> str:
        return self.name


class ManualValue(models.Model):
    """A value of a manually measured indicator, entered per period."""

    agreement = models.ForeignKey(ResultAgreement, on_delete=models.CASCADE,
                                  related_name="manual_values", verbose_name=_("afspraak"))
    starts_on = models.DateField(_("periode vanaf"))
    ends_on = models.DateField(_("periode tot en met"))
    value = models.DecimalField(_("waarde"), max_digits=12, decimal_places=2)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("ingevoerd door"))
    entered_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)

    class Meta:
        ordering = ["agreement", "starts_on"]
        verbose_name = _("gemeten waarde")
        verbose_name_plural = _("gemeten waarden")

    def __str__(self) -> str:
        return f"{self.agreement.indicator}: {self.value} ({self.starts_on} – {self.ends_on})"


class Amendment(models.Model):
    """One change of an assignment after it left concept: what changed, by whom and why."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE,
                                   related_name="amendments", verbose_name=_("opdracht"))
    version = models.PositiveIntegerField(_("versie"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("door"))
    created_at = models.DateTimeField(_("op"), auto_now_add=True)
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    # {field: [old, new]} in display form, so the history reads without lookups.
    changes = models.JSONField(_("wijzigingen"), default=dict)

    class Meta:
        ordering = ["assignment", "-version"]
        verbose_name = _("wijziging")
        verbose_name_plural = _("wijzigingen")

    def __str__(self) -> str:
        return f"{self.assignment} – versie {self.version}"
