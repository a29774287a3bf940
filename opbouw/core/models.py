"""Base model and the audit log."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Abstract base with creation and change times."""

    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """Who did what, when: logins, exports and changes to personal data."""

    class Action(models.TextChoices):
        LOGIN = "login", _("Ingelogd")
        LOGIN_FAILED = "login_failed", _("Inloggen mislukt")
        LOCKED_OUT = "locked_out", _("Account tijdelijk geblokkeerd")
        LOGOUT = "logout", _("Uitgelogd")
        PASSWORD_CHANGED = "password_changed", _("Wachtwoord gewijzigd")
        PASSWORD_RESET_REQUESTED = "password_reset_requested", _("Nieuw wachtwoord aangevraagd")
        EXPORT = "export", _("Export")
        CREATE = "create", _("Aangemaakt")
        UPDATE = "update", _("Gewijzigd")
        DELETE = "delete", _("Verwijderd")

    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("naam van de gebruiker"), max_length=150, blank=True)
    action = models.CharField(_("handeling"), max_length=32, choices=Action.choices, db_index=True)
    object_type = models.CharField(_("soort gegeven"), max_length=100, blank=True)
    object_id = models.CharField(_("id"), max_length=64, blank=True)
    object_repr = models.CharField(_("omschrijving"), max_length=200, blank=True)
    fields = models.JSONField(_("gewijzigde velden"), default=list, blank=True)
    detail = models.CharField(_("toelichting"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display()}"


class Lockout(AccessAttempt):
    """Failed logins counted by django-axes, shown to admins in Dutch under the audit log."""

    class Meta:
        proxy = True
        verbose_name = _("geblokkeerde inlogpoging")
        verbose_name_plural = _("geblokkeerde inlogpogingen")
