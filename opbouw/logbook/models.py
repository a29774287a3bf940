"""The workers' activity logbook."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opbouw.core.formats import date_text
from opbouw.core.models import TimeStampedModel


class ContactForm(models.TextChoices):
    GROUP = "group", _("Groepsactiviteit")
    MEETING = "meeting", _("Bijeenkomst of overleg met bewoners")
    CONVERSATION = "conversation", _("Individueel gesprek")
    STREET = "street", _("Op straat (outreachend)")
    HOME_VISIT = "home_visit", _("Huisbezoek")
    NETWORK = "network", _("Netwerkoverleg met partners")
    REMOTE = "remote", _("Telefonisch of online")


class Activity(TimeStampedModel):
    """One logbook entry: what a worker did, where, for which assignment, with whom."""

    date = models.DateField(_("datum"), db_index=True)
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="activities", verbose_name=_("medewerker"))
    # The provider the work was done for; follows from the assignment.
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="activities", verbose_name=_("organisatie"))
    assignment = models.ForeignKey("assignments.Assignment", on_delete=models.PROTECT,
                                   related_name="activities", verbose_name=_("opdracht"))
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="activities",
                             verbose_name=_("gebied"))
    intervention = models.ForeignKey("methods.Intervention", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="activities",
                                     verbose_name=_("interventie"))
    contact_form = models.CharField(_("contactvorm"), max_length=20, choices=ContactForm.choices)
    participants = models.PositiveIntegerField(_("deelnemers"), default=0)
    new_participants = models.PositiveIntegerField(_("waarvan nieuw"), default=0)
    volunteers = models.PositiveIntegerField(_("vrijwilligers"), default=0)
    hours = models.DecimalField(_("uren"), max_digits=4, decimal_places=2)
    supports_initiative = models.BooleanField(
        _("ondersteuning van een bewonersinitiatief"), default=False,
        help_text=_("Aan als deze activiteit een initiatief van bewoners zelf ondersteunde."))
    target_group = models.ForeignKey("methods.TargetGroup", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("doelgroep"))
    description = models.CharField(_("korte omschrijving"), max_length=500)
    follow_up = models.CharField(_("vervolg"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("ingevoerd door"))

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        indexes = [
            models.Index(fields=["assignment", "date"]),
            models.Index(fields=["organisation", "date"]),
            models.Index(fields=["worker", "date"]),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(new_participants__lte=models.F("participants")),
                                   name="activity_new_within_participants"),
            models.CheckConstraint(condition=models.Q(hours__gte=0, hours__lte=24),
                                   name="activity_hours_within_a_day"),
        ]

    def __str__(self) -> str:
        return f"{date_text(self.date, 'NUMERIC_DATE_FORMAT')} – {self.description[:40]}"
