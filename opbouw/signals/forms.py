"""Forms of the signals module: report, correct and follow up a signal."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from opbouw.access.principal import Principal
from opbouw.areas import scopes as area_scopes
from opbouw.assignments import scopes as assignment_scopes
from opbouw.assignments.models import Domain
from opbouw.core.forms import DateField, FilterForm, IdField, ObjectField
from opbouw.signals import selectors
from opbouw.signals.models import Category, Signal
from opbouw.signals.services import TEXT_MAX

NO_PERSONAL_DATA = _("Zonder namen, adressen, telefoonnummers, e-mailadressen of BSN: "
                     "beschrijf de situatie, niet de persoon.")


class SafeModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that takes only ids written with the digits 0-9."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value)
        if not (text.isascii() and text.isdigit()) or len(text) > 18:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(text)


class AreaChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj) -> str:
        # Indent areas inside others, so the tree reads in a plain select.
        return "\u2003" * max(0, obj.depth - 1) + obj.name


def _choice(label, queryset, *, required=True, empty_label="---------", **extra):
    return SafeModelChoiceField(
        label=label, queryset=queryset, required=required, empty_label=empty_label,
        error_messages={"invalid_choice": _("Kies uit de lijst."),
                        "required": _("Maak een keuze.")}, **extra)


class SignalForm(forms.Form):
    date = DateField(label=_("Datum"))
    category = forms.TypedChoiceField(
        label=_("Categorie"), coerce=int,
        error_messages={"required": _("Kies een categorie."),
                        "invalid_choice": _("Kies een categorie uit de lijst.")})
    description = forms.CharField(
        label=_("Wat speelt er?"), max_length=TEXT_MAX, help_text=NO_PERSONAL_DATA,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Beschrijf kort wat er speelt."),
                        "max_length": _("Maximaal %(limit_value)d tekens; dit zijn er "
                                        "%(show_value)d.")})
    urgency = forms.ChoiceField(label=_("Urgentie"), choices=Signal.Urgency.choices,
                                widget=forms.RadioSelect,
                                error_messages={"required": _("Kies hoe dringend het is.")})
    area = AreaChoiceField(label=_("Gebied"), queryset=None, empty_label=None,
                           error_messages={"invalid_choice": _("Kies een gebied uit de lijst."),
                                           "required": _("Kies een gebied.")})
    source = forms.ChoiceField(label=_("Van wie komt het signaal?"),
                               choices=Signal.Source.choices, widget=forms.RadioSelect,
                               error_messages={"required": _("Kies van wie het signaal komt.")})
    assignment = _choice(_("Opdracht"), None, required=False, empty_label=_("(geen opdracht)"))
    referred_to = _choice(_("Meteen doorverwijzen naar"), None, required=False,
                          empty_label=_("(niet doorverwijzen)"),
                          help_text=_("Kiest u een partner, dan krijgt het signaal de "
                                      "status doorverwezen."))

    def __init__(self, *args, areas, category_groups, assignments, partners=None,
                 edit: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        cast(AreaChoiceField, self.fields["area"]).queryset = areas
        cast(forms.TypedChoiceField, self.fields["category"]).choices = [
            ("", _("Kies een categorie"))] + category_groups
        cast(SafeModelChoiceField, self.fields["assignment"]).queryset = assignments
        if edit:
            del self.fields["referred_to"]
        else:
            cast(SafeModelChoiceField, self.fields["referred_to"]).queryset = partners

    def clean_category(self):
        pk = self.cleaned_data.get("category")
        return Category.objects.filter(pk=pk).first() if pk not in (None, "") else None


class FollowUpForm(forms.Form):
    date = DateField(label=_("Datum"))
    status = forms.ChoiceField(label=_("Status"),
                               choices=[(c, capfirst(label)) for c, label in Signal.Status.choices],
                               error_messages={"invalid_choice": _("Kies een status."),
                                               "required": _("Kies een status.")})
    referred_to = _choice(_("Doorverwezen naar"), None, required=False,
                          empty_label=_("(geen)"),
                          help_text=_("Alleen bij de status doorverwezen."))
    note = forms.CharField(label=_("Notitie"), required=False, max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=NO_PERSONAL_DATA,
                           error_messages={"max_length": _("Maximaal %(limit_value)d tekens; "
                                                           "dit zijn er %(show_value)d.")})

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referred_to"].queryset = partners


class SignalFilterForm(FilterForm):
    """The list's filters (``?van=&tot=&gebied=&domein=&categorie=&status=&urgentie=
    &opdracht=&medewerker=``); a value that means nothing is ignored, a date the page names."""

    van = DateField()
    tot = DateField()
    gebied = ObjectField(key="code", upper=True, max_length=12)
    domein = forms.ChoiceField(choices=Domain.choices)
    categorie = ObjectField()
    status = forms.ChoiceField(choices=Signal.Status.choices)
    urgentie = forms.ChoiceField(choices=Signal.Urgency.choices)
    opdracht = ObjectField()
    medewerker = IdField(max_digits=10)

    def __init__(self, data: Any, *, principal: Principal) -> None:
        super().__init__(data)
        fields = cast(dict[str, ObjectField], self.fields)
        fields["gebied"].queryset = area_scopes.areas(principal)
        fields["categorie"].queryset = Category.objects.all()
        fields["opdracht"].queryset = assignment_scopes.assignments(principal)

    def filters(self) -> selectors.Filters:
        return selectors.Filters(
            starts_on=self.value("van"), ends_on=self.value("tot"), area=self.value("gebied"),
            domain=self.value("domein") or "", category=self.value("categorie"),
            status=self.value("status") or "", urgency=self.value("urgentie") or "",
            assignment=self.value("opdracht"), worker_id=self.value("medewerker"),
            ignored=[name for name in ("van", "tot") if name in self.ignored])
