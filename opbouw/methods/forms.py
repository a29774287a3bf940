"""Forms of the methods toolbox."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from opbouw.access.principal import Principal
from opbouw.areas import scopes as area_scopes
from opbouw.core.forms import DateField, FilterForm, ObjectField, SafeModelMultipleChoiceField
from opbouw.methods.models import (
    Aim,
    EvidenceLevel,
    Function,
    Intervention,
    Rung,
    TargetGroup,
    Theme,
)
from opbouw.organisations import scopes as org_scopes

if TYPE_CHECKING:
    from opbouw.areas.models import Area
    from opbouw.organisations.models import Organisation


def _multi(label, queryset, required=False, **extra):
    return SafeModelMultipleChoiceField(
        label=label, queryset=queryset, required=required, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies uit de lijst."),
                        "required": _("Kies minstens één.")}, **extra)


class InterventionForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=150)
    kind = forms.ChoiceField(label=_("Soort"), choices=Intervention.Kind.choices)
    summary = forms.CharField(label=_("Samenvatting"), max_length=300,
                              help_text=_("Eén zin: wat is het en voor wie."))
    description = forms.CharField(
        label=_("Beschrijving"), required=False, max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown mag: **vet**, *cursief*, lijstjes met - aan het begin van een "
                    "regel. Scripts en andere HTML worden weggelaten."))
    rungs = _multi(_("Treden van de Wmo-ladder"), Rung.objects.all(), required=True)
    themes = _multi(_("Thema's"), Theme.objects.all())
    target = forms.ChoiceField(label=_("Gericht op"), choices=Intervention.Target.choices)
    aims = _multi(_("Doelen"), Aim.objects.all())
    target_groups = _multi(_("Doelgroepen"), TargetGroup.objects.all())
    functions = _multi(_("Functies"), Function.objects.all())
    competencies = _multi(_("Benodigde competenties"), None)
    evidence_level = forms.ModelChoiceField(label=_("Erkenningsniveau"), required=False,
                                            queryset=EvidenceLevel.objects.all(),
                                            empty_label=_("(nog niet erkend)"))
    evidence_date = DateField(label=_("Erkend op"), required=False)
    evidence_source = forms.CharField(label=_("Bron van de erkenning"), required=False,
                                      max_length=300)
    instruments = forms.CharField(label=_("Meetinstrumenten"), required=False, max_length=300)
    owner: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Eigenaar"), queryset=None, empty_label=None)
    contact = forms.CharField(label=_("Contact"), required=False, max_length=150,
                              help_text=_("Een functie of afdeling, geen privégegevens."))

    def __init__(self, *args, owners, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["competencies"].queryset = competencies


class ExampleForm(forms.Form):
    area: forms.ModelChoiceField[Area] = forms.ModelChoiceField(
        label=_("Gebied"), queryset=None, required=False, empty_label=_("(geen gebied)"))
    period = forms.CharField(label=_("Periode"), max_length=60, required=False,
                             help_text=_("Bijvoorbeeld: 2025 of voorjaar 2026."))
    results = forms.CharField(label=_("Resultaten"), max_length=3000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    lessons = forms.CharField(label=_("Wat hebben we geleerd?"), max_length=3000,
                              required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas


class OfferForm(forms.Form):
    areas = SafeModelMultipleChoiceField(
        label=_("Gebieden"), queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één gebied."),
                        "invalid_choice": _("Kies gebieden uit de lijst.")})
    starts_on = DateField(label=_("Vanaf"))
    ends_on = DateField(label=_("Tot en met"), required=False)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = areas


class OfferFilterForm(FilterForm):
    """The filters of the matrix and the overlap page (``?organisatie=&gebied=&jaar=``);
    a value that means nothing is ignored."""

    organisatie = ObjectField()
    gebied = ObjectField(key="code", upper=True, max_length=12)
    jaar = forms.TypedChoiceField(choices=[(str(y), y) for y in range(2000, 2101)], coerce=int,
                                  empty_value=None)

    def __init__(self, data: Any, *, principal: Principal) -> None:
        super().__init__(data)
        fields = cast(dict[str, ObjectField], self.fields)
        fields["organisatie"].queryset = org_scopes.organisations(principal)
        fields["gebied"].queryset = area_scopes.areas(principal)

    def filters(self) -> dict[str, Any]:
        return {"organisation": self.value("organisatie"), "area": self.value("gebied"),
                "year": self.value("jaar")}
