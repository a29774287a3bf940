"""The roles a membership can carry (DESIGN.md section 2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    WORKER = "worker", _("Medewerker")
    COACH = "coach", _("Coach")
    MANAGER = "manager", _("Manager")
    ANALYST = "analyst", _("Analist")
    COMMISSIONER = "commissioner", _("Opdrachtgever")
    ADMIN = "admin", _("Beheerder")


# Roles that may see the people (names, functions, areas) of their own organisation.
PEOPLE_VIEW_ROLES = frozenset({Role.WORKER, Role.COACH, Role.MANAGER})
