"""Measurement instruments as data, measurement rounds, anonymous responses and aggregates.

An instrument is a versioned questionnaire: answer scales with their options, dimensions (what
is scored, and how) and items (the questions). Everything an analyst may change is a row, not
code, so a changed contact ladder or street ladder needs no programmer. Once a round uses an
instrument, the instrument is frozen: a change makes a new version (``services.
instrument_new_version``) and old rounds keep theirs.

For the XLSForm exchange: ``Instrument.code`` + ``version`` name the form, ``AnswerScale.code``
is a ``list_name`` of the choices sheet, ``ScaleOption.value`` its ``name``, ``Item.code`` a
field ``name`` of the survey sheet (letters, digits and underscores, starting with a letter),
``Item.text`` its ``label`` and ``Item.hint`` its ``hint``; ``Response.submission_id`` keeps
the submission's own id (KoboToolbox ``_uuid``, ODK ``instanceID``) so a re-import adds nothing
twice.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from opbouw.core.models import TimeStampedModel
from opbouw.core.personal_data import validate_no_personal_data

# An XLSForm field or list name: letters, digits and underscores, starting with a letter.
FIELD_NAME = RegexValidator(
    r"^[a-z][a-z0-9_]{0,39}\Z",
    _("Gebruik kleine letters, cijfers en _, en begin met een letter (bijvoorbeeld sc_1)."))


class Instrument(TimeStampedModel):
    """A questionnaire in one version; ``code`` stays the same from version to version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        ACTIVE = "active", _("in gebruik")
        RETIRED = "retired", _("vervallen")

    code = models.CharField(_("code"), max_length=40, validators=[FIELD_NAME],
                            help_text=_("Blijft gelijk over de versies heen."))
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    name = models.CharField(_("naam"), max_length=150)
    purpose = models.TextField(_("doel"), blank=True)
    source = models.CharField(_("bron"), max_length=300, blank=True,
                              help_text=_("Waarop het instrument is gebaseerd, in eigen "
                                          "woorden; geen gepubliceerde vragen overnemen."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("vorige versie"))

    class Meta:
        ordering = ["name", "-version"]
        verbose_name = _("meetinstrument")
        verbose_name_plural = _("meetinstrumenten")
        constraints = [models.UniqueConstraint(fields=["code", "version"],
                                               name="instrument_code_version_unique")]

    def __str__(self) -> str:
        return gettext("%(name)s (versie %(version)s)") % {"name": self.name,
                                                         "version": self.version}


class AnswerScale(models.Model):
    """The answer options of one or more items of an instrument (an XLSForm choice list)."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE,
                                   related_name="scales", verbose_name=_("instrument"))
    code = models.CharField(_("code"), max_length=40, validators=[FIELD_NAME])
    name = models.CharField(_("naam"), max_length=150)

    class Meta:
        ordering = ["instrument", "code"]
        verbose_name = _("antwoordschaal")
        verbose_name_plural = _("antwoordschalen")
        constraints = [models.UniqueConstraint(fields=["instrument", "code"],
                                               name="scale_code_unique")]

    def __str__(self) -> str:
        return self.name


class ScaleOption(models.Model):
    """One answer option: its label and the value it scores (e.g. 1 to 5, or a rung)."""

    scale = models.ForeignKey(AnswerScale, on_delete=models.CASCADE, related_name="options",
                              verbose_name=_("antwoordschaal"))
    value = models.SmallIntegerField(_("waarde"))
    label = models.CharField(_("label"), max_length=200)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["scale", "position", "value"]
        verbose_name = _("antwoordmogelijkheid")
        verbose_name_plural = _("antwoordmogelijkheden")
        constraints = [models.UniqueConstraint(fields=["scale", "value"],
                                               name="scale_option_value_unique")]

    def __str__(self) -> str:
        return f"{self.value} = {self.label}"


class Dimension(models.Model):
    """What an instrument scores, and how.

    A respondent's score on a dimension is the mean of their answers to its items (reverse-
    scored items as min + max − value). The result of a round is then:

    - ``mean``: the mean of the respondents' scores;
    - ``share_agreeing``: the share of respondents whose score is at least ``threshold``
      (e.g. 4 = "eens" on a five-point scale);
    - ``share_at_rung``: the same computation for a ladder, where ``threshold`` is a rung
      (an option value of the items' scale) and the result reads "op of boven trede ...".
    """

    class Rule(models.TextChoices):
        MEAN = "mean", _("gemiddelde")
        SHARE_AGREEING = "share_agreeing", _("aandeel eens")
        SHARE_AT_RUNG = "share_at_rung", _("aandeel op of boven een trede")

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE,
                                   related_name="dimensions", verbose_name=_("instrument"))
    code = models.CharField(_("code"), max_length=40, validators=[FIELD_NAME])
    name = models.CharField(_("naam"), max_length=150)
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    rule = models.CharField(_("scoringsregel"), max_length=20, choices=Rule.choices,
                            default=Rule.MEAN)
    threshold = models.DecimalField(_("drempel"), max_digits=6, decimal_places=2, null=True,
                                    blank=True, help_text=_("Voor een aandeel: vanaf welke "
                                                            "score of trede iemand meetelt."))
    result_min = models.DecimalField(_("laagste score"), max_digits=6, decimal_places=2)
    result_max = models.DecimalField(_("hoogste score"), max_digits=6, decimal_places=2)
    higher_is_better = models.BooleanField(_("hoger is beter"), default=True)

    class Meta:
        ordering = ["instrument", "position", "code"]
        verbose_name = _("dimensie")
        verbose_name_plural = _("dimensies")
        constraints = [models.UniqueConstraint(fields=["instrument", "code"],
                                               name="dimension_code_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_share(self) -> bool:
        return self.rule != self.Rule.MEAN


class Item(models.Model):
    """One question of an instrument, answered on a scale and scored on a dimension."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="items",
                                   verbose_name=_("instrument"))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    code = models.CharField(_("veldnaam"), max_length=40, validators=[FIELD_NAME],
                            help_text=_("Ook de kolomnaam in XLSForm en in exports, "
                                        "bijvoorbeeld sc_1."))
    text = models.CharField(_("vraag"), max_length=500)
    hint = models.CharField(_("toelichting"), max_length=300, blank=True)
    scale = models.ForeignKey(AnswerScale, on_delete=models.PROTECT, related_name="items",
                              verbose_name=_("antwoordschaal"))
    reverse_scored = models.BooleanField(_("omgekeerd gescoord"), default=False)
    dimension = models.ForeignKey(Dimension, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="items", verbose_name=_("dimensie"),
                                  help_text=_("Leeg: de vraag wordt gesteld maar niet "
                                              "gescoord."))
    required = models.BooleanField(_("verplicht"), default=True)

    class Meta:
        ordering = ["instrument", "position", "code"]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        constraints = [models.UniqueConstraint(fields=["instrument", "code"],
                                               name="item_code_unique")]

    def __str__(self) -> str:
        return f"{self.code}: {self.text}"


class MeasurementRound(TimeStampedModel):
    """One administration of an instrument, by a provider, in an area (and perhaps a group)."""

    class Kind(models.TextChoices):
        BASELINE = "baseline", _("nulmeting")
        FOLLOW_UP = "follow_up", _("vervolgmeting")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("gesloten")

    class Mode(models.TextChoices):
        RESPONSES = "responses", _("per respondent")
        AGGREGATES = "aggregates", _("alleen totalen")

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="rounds",
                                   verbose_name=_("instrument"))
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="measurement_rounds",
                                     verbose_name=_("organisatie"))
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT,
                             related_name="measurement_rounds", verbose_name=_("gebied"))
    group = models.CharField(_("groep"), max_length=120, blank=True,
                             validators=[validate_no_personal_data],
                             help_text=_("Bijvoorbeeld: deelnemers buurtmoestuin. "
                                         "Geen namen."))
    assignment = models.ForeignKey("assignments.Assignment", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="measurement_rounds",
                                   verbose_name=_("opdracht"))
    intervention = models.ForeignKey("methods.Intervention", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="measurement_rounds",
                                     verbose_name=_("interventie"))
    held_on = models.DateField(_("datum"))
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices,
                            default=Kind.BASELINE)
    baseline = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="follow_ups", verbose_name=_("nulmeting"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN)
    mode = models.CharField(_("invoer"), max_length=12, choices=Mode.choices,
                            default=Mode.RESPONSES)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("meetronde")
        verbose_name_plural = _("meetrondes")
        indexes = [models.Index(fields=["organisation", "held_on"])]

    def __str__(self) -> str:
        where = f"{self.area.name}, {self.group}" if self.group else self.area.name
        return (f"{self.instrument.name} – {where} – {self.get_kind_display()} "
                f"{date_format(self.held_on, 'MEDIUM_DATE_FORMAT')}")

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Response(models.Model):
    """One anonymous respondent: a number within the round, never a name or contact."""

    class Source(models.TextChoices):
        FORM = "form", _("formulier")
        IMPORT = "import", _("import")
        DEMO = "demo", _("demo")

    round = models.ForeignKey(MeasurementRound, on_delete=models.CASCADE,
                              related_name="responses", verbose_name=_("meetronde"))
    number = models.PositiveIntegerField(_("respondentnummer"))
    submitted_at = models.DateTimeField(_("ingevuld op"), default=timezone.now)
    submission_id = models.CharField(
        _("inzendings-id"), max_length=100, blank=True,
        help_text=_("Het id van de inzending in ODK of KoboToolbox; voorkomt dubbele import."))
    source = models.CharField(_("bron"), max_length=10, choices=Source.choices,
                              default=Source.FORM)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["round", "number"]
        verbose_name = _("respons")
        verbose_name_plural = _("responsen")
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="response_number_unique"),
            models.UniqueConstraint(fields=["round", "submission_id"],
                                    condition=~Q(submission_id=""),
                                    name="response_submission_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id} #{self.number}"


class Answer(models.Model):
    """The value of the chosen option of one item, for one respondent."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers")
    value = models.SmallIntegerField(_("waarde"))

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [models.UniqueConstraint(fields=["response", "item"],
                                               name="answer_unique")]

    def __str__(self) -> str:
        return f"{self.item_id} = {self.value}"


class DimensionAggregate(models.Model):
    """Totals of one dimension in a round whose raw answers stay elsewhere.

    ``mean`` is the mean of the respondents' scores; ``sd`` their sample standard deviation
    (optional, needed for an interval); ``distribution`` the number of respondents per score,
    as {"value": count} over the values of the dimension's answer scale (optional; with one
    item these are its answers, reversed if the item is; with several, each respondent's mean
    score rounded to an answer value). With a distribution, sd and shares follow from it.
    """

    round = models.ForeignKey(MeasurementRound, on_delete=models.CASCADE,
                              related_name="aggregates", verbose_name=_("meetronde"))
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("dimensie"))
    n = models.PositiveIntegerField(_("aantal respondenten"))
    mean = models.DecimalField(_("gemiddelde"), max_digits=8, decimal_places=3)
    sd = models.DecimalField(_("standaardafwijking"), max_digits=8, decimal_places=3,
                             null=True, blank=True)
    distribution = models.JSONField(_("verdeling"), default=dict, blank=True)

    class Meta:
        verbose_name = _("totaal per dimensie")
        verbose_name_plural = _("totalen per dimensie")
        constraints = [models.UniqueConstraint(fields=["round", "dimension"],
                                               name="aggregate_unique")]

    def __str__(self) -> str:
        return f"{self.dimension} (n = {self.n})"


class IndicatorMeasure(models.Model):
    """Which instrument dimension a measurement indicator of the catalogue reads.

    Codes, not keys, so the link holds across versions of the instrument. The indicator's
    computation (``measurements.score`` or ``measurements.change``) says whether the score
    or its change since the baseline is meant.
    """

    indicator = models.OneToOneField("assignments.Indicator", on_delete=models.CASCADE,
                                     related_name="measure", verbose_name=_("indicator"))
    instrument_code = models.CharField(_("instrument (code)"), max_length=40,
                                       validators=[FIELD_NAME])
    dimension_code = models.CharField(_("dimensie (code)"), max_length=40,
                                      validators=[FIELD_NAME])

    class Meta:
        verbose_name = _("meting bij een indicator")
        verbose_name_plural = _("metingen bij indicatoren")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.instrument_code}/{self.dimension_code}"


class ImportMapping(models.Model):
    """How the columns and answer labels of an export map onto an instrument version, as a
    user confirmed it once (``mapping.py``), so the next file with the same header goes
    straight to the preview. Per provider, instrument version and header fingerprint
    (SHA-256 of the normalised column names).

    ``columns``: {normalised column name: item code}; ``answers``: {scale code: {normalised
    answer label: value, or null for "geen antwoord"}}.
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="+", verbose_name=_("organisatie"))
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE,
                                   related_name="import_mappings",
                                   verbose_name=_("instrument"))
    fingerprint = models.CharField(_("vingerafdruk van de kopregel"), max_length=64)
    columns = models.JSONField(_("kolommen"), default=dict)
    answers = models.JSONField(_("antwoorden"), default=dict)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("koppeling van een import")
        verbose_name_plural = _("koppelingen van imports")
        constraints = [models.UniqueConstraint(fields=["organisation", "instrument",
                                                       "fingerprint"],
                                               name="import_mapping_unique")]

    def __str__(self) -> str:
        return f"{self.instrument_id}: {self.fingerprint[:12]}"
