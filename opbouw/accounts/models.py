"""The user account."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in. What they may do follows from their memberships."""

    language = models.CharField(
        _("taal"), max_length=8, choices=settings.LANGUAGES, default="nl",
        help_text=_("De taal waarin Opbouw u aanspreekt."),
    )

    class Meta(AbstractUser.Meta):  # type: ignore[name-defined]  # stubs omit AbstractUser.Meta
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username
