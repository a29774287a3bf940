"""Signals from the neighbourhood, the partners they are referred to, and their follow-up."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opbouw.assignments.models import Domain
from opbouw.core.formats import date_text
from opbouw.core.models import TimeStampedModel


class Category(models.Model):
    """A category of signals within a domain (reference data analysts can extend)."""

    domain = models.CharField(_("domein"), max_length=20, choices=Domain.choices)
    name = models.CharField(_("naam"), max_length=100)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["domain", "name"]
        verbose_name = _("categorie")
        verbose_name_plural = _("categorieën")
        constraints = [models.UniqueConstraint(fields=["domain", "name"],
                                               name="signal_category_unique")]

    def __str__(self) -> str:
        return f"{self.get_domain_display()}: {self.name}"


class Partner(models.Model):
    """An organisation or service a signal can be referred to."""

    class Kind(models.TextChoices):
        MUNICIPAL = "municipal", _("Gemeentelijke dienst")
        HOUSING = "housing", _("Woningcorporatie")
        POLICE = "police", _("Politie")
        CARE = "care", _("Zorg en welzijn")
        SCHOOL = "school", _("Onderwijs")
        OTHER = "other", _("Anders")

    name = models.CharField(_("naam"), max_length=150, unique=True)
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name


class Signal(TimeStampedModel):
    """Something a worker noticed in the neighbourhood that someone should act on."""

    class Urgency(models.TextChoices):
        LOW = "low", _("laag")
        NORMAL = "normal", _("normaal")
        HIGH = "high", _("hoog")

    class Source(models.TextChoices):
        RESIDENT = "resident", _("Bewoner")
        RESIDENT_GROUP = "resident_group", _("Bewonersgroep")
        PARTNER = "partner", _("Partner")
        OBSERVATION = "observation", _("Eigen waarneming")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        REFERRED = "referred", _("doorverwezen")
        TAKEN_UP = "taken_up", _("opgepakt")
        CLOSED = "closed", _("afgesloten")

    date = models.DateField(_("datum"), db_index=True)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="signals", verbose_name=_("organisatie"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="signals", verbose_name=_("gemeld door"))
    assignment = models.ForeignKey("assignments.Assignment", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="signals",
                                   verbose_name=_("opdracht"))
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="signals",
                             verbose_name=_("gebied"))
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="signals",
                                 verbose_name=_("categorie"))
    description = models.TextField(_("omschrijving"), max_length=2000)
    urgency = models.CharField(_("urgentie"), max_length=8, choices=Urgency.choices,
                               default=Urgency.NORMAL)
    source = models.CharField(_("bron"), max_length=16, choices=Source.choices)
    referred_to = models.ForeignKey(Partner, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="signals", verbose_name=_("doorverwezen naar"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN, db_index=True)
    # Set the first time the signal is referred or taken up, for the indicators.
    referred_on = models.DateField(_("doorverwezen op"), null=True, blank=True)
    taken_up_on = models.DateField(_("opgepakt op"), null=True, blank=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        indexes = [
            models.Index(fields=["organisation", "date"]),
            models.Index(fields=["area", "date"]),
        ]

    def __str__(self) -> str:
        return f"{date_text(self.date, 'NUMERIC_DATE_FORMAT')} – {self.category.name}"


class FollowUp(models.Model):
    """A note in a signal's history, possibly with a change of status."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="follow_ups",
                               verbose_name=_("signaal"))
    date = models.DateField(_("datum"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("door"))
    status_before = models.CharField(_("status was"), max_length=10,
                                     choices=Signal.Status.choices)
    status_after = models.CharField(_("status werd"), max_length=10,
                                    choices=Signal.Status.choices)
    referred_to = models.ForeignKey(Partner, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("doorverwezen naar"))
    note = models.TextField(_("notitie"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        ordering = ["signal", "date", "pk"]
        verbose_name = _("vervolgnotitie")
        verbose_name_plural = _("vervolgnotities")

    def __str__(self) -> str:
        return f"{self.signal} – {date_text(self.date, 'NUMERIC_DATE_FORMAT')}"
