"""Areas: a tree with CBS-style codes.

Municipality (GM) > district (GB) > neighbourhood (WK) > sub-neighbourhood (BU).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from opbouw.core.models import TimeStampedModel


class Area(TimeStampedModel):
    """One area in the tree; ``path`` holds the codes from the root, for subtree queries."""

    class Level(models.TextChoices):
        MUNICIPALITY = "municipality", _("Gemeente")
        DISTRICT = "district", _("Gebied")
        NEIGHBOURHOOD = "neighbourhood", _("Wijk")
        SUBNEIGHBOURHOOD = "subneighbourhood", _("Buurt")

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("ligt in"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    path = models.CharField(_("pad"), max_length=60, db_index=True, editable=False)
    code_is_synthetic = models.BooleanField(
        _("code is verzonnen"), default=False,
        help_text=_(
            "Aan als de code niet van het CBS komt maar voor de demo of intern is gemaakt."
        ),
    )
    source = models.CharField(_("bron"), max_length=200, blank=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def depth(self) -> int:
        return self.path.count("/")
