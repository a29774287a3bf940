"""Organisations, memberships (organisation + role) and worker profiles."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opbouw.access.roles import Role
from opbouw.core.models import TimeStampedModel


class Organisation(TimeStampedModel):
    """A provider, commissioner, branch or education organisation."""

    class Kind(models.TextChoices):
        PROVIDER = "provider", _("Opbouwwerkorganisatie")
        COMMISSIONER = "commissioner", _("Opdrachtgever")
        BRANCH = "branch", _("Brancheorganisatie")
        EDUCATION = "education", _("Opleiding")

    name = models.CharField(_("naam"), max_length=150, unique=True)
    short_name = models.CharField(_("korte naam"), max_length=40, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    areas = models.ManyToManyField(
        "areas.Area", verbose_name=_("werkgebied"), blank=True, related_name="organisations",
    )
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name


class Membership(TimeStampedModel):
    """A user's role in one organisation; a user may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"),
        on_delete=models.CASCADE, related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"),
        on_delete=models.PROTECT, related_name="memberships",
        help_text=_("Een organisatie met leden kan niet worden verwijderd; zet haar op "
                    "niet actief."),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["organisation__name", "role"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation.short_name}"


class WorkerProfile(TimeStampedModel):
    """A community worker's function, working areas and coach."""

    class Function(models.TextChoices):
        ASPIRING = "aspiring", _("Aankomend opbouwwerker")
        JUNIOR = "junior", _("Junior opbouwwerker")
        WORKER = "worker", _("Opbouwwerker")
        SENIOR_1 = "senior_1", _("Senior opbouwwerker 1")
        SENIOR_2 = "senior_2", _("Senior opbouwwerker 2")

    # The SCW profile's function levels (GLOSSARY.md, "SCW profile: function levels").
    SCW_LEVELS = {
        Function.ASPIRING: 1,
        Function.JUNIOR: 2,
        Function.WORKER: 3,
        Function.SENIOR_1: 4,
        Function.SENIOR_2: 4,
    }

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"),
        on_delete=models.CASCADE, related_name="worker_profile",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("werkgever"),
        on_delete=models.PROTECT, related_name="worker_profiles",
    )
    function = models.CharField(_("functie"), max_length=20, choices=Function.choices)
    areas = models.ManyToManyField(
        "areas.Area", verbose_name=_("werkgebieden"), blank=True, related_name="worker_profiles",
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("coach"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="coachee_profiles",
    )
    hours_per_week = models.DecimalField(
        _("uren per week"), max_digits=4, decimal_places=1, null=True, blank=True,
    )

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name = _("medewerkersprofiel")
        verbose_name_plural = _("medewerkersprofielen")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def scw_level(self) -> int:
        """Return the SCW function level (1-4) that belongs to this function."""
        return self.SCW_LEVELS[self.Function(self.function)]
