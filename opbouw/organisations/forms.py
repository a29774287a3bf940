"""Forms for organisations and worker profiles."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from opbouw.core.forms import SafeModelMultipleChoiceField
from opbouw.organisations.models import WorkerProfile

if TYPE_CHECKING:
    from opbouw.accounts.models import User


class WorkerProfileForm(forms.Form):
    function = forms.ChoiceField(
        label=_("Functie"), choices=WorkerProfile.Function.choices,
        help_text=_("Bepaalt het SCW-niveau: aankomend = 1, junior = 2, opbouwwerker = 3, "
                    "senior 1 en 2 = 4."),
    )
    coach: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Coach"), queryset=None, required=False, empty_label=_("(geen coach)"),
        error_messages={"invalid_choice": _("Kies een coach uit de lijst.")},
    )
    areas = SafeModelMultipleChoiceField(
        label=_("Werkgebieden"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies werkgebieden uit de lijst.")},
    )
    hours_per_week = forms.DecimalField(
        label=_("Uren per week"), required=False, min_value=0, max_value=60, decimal_places=1,
        localize=True,
        error_messages={
            "invalid": _("Vul een getal in, bijvoorbeeld 28 of 32,5."),
            "min_value": _("Het aantal uren kan niet negatief zijn."),
            "max_value": _("Meer dan 60 uur per week is niet mogelijk."),
            "max_decimal_places": _("Gebruik hoogstens één cijfer achter de komma."),
        },
    )

    def __init__(self, *args, coach_queryset, area_queryset, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["coach"]).queryset = coach_queryset
        areas = cast(SafeModelMultipleChoiceField, self.fields["areas"])
        areas.queryset = area_queryset
        # Django allows a per-instance label function; mypy sees assigning to a method.
        areas.label_from_instance = lambda area: area.name  # type: ignore[method-assign,assignment]
