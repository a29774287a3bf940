"""Forms of the assignments module."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from opbouw.access.principal import Principal
from opbouw.areas import scopes as area_scopes
from opbouw.assignments import indicators as registry
from opbouw.assignments import selectors
from opbouw.assignments.models import Assignment, Domain, Indicator
from opbouw.assignments.rules import FIRST_YEAR, LAST_YEAR
from opbouw.core.forms import (
    DateField,
    FilterForm,
    IdField,
    ObjectField,
    SafeModelMultipleChoiceField,
)
from opbouw.core.text import parse_int

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from opbouw.areas.models import Area
    from opbouw.organisations.models import Organisation

NUMBER_ERRORS = {"invalid": _("Vul een getal in, bijvoorbeeld 1250,50.")}
CHOICE_ERRORS = {"invalid_choice": _("Kies uit de lijst.")}


def _decimal(label, max_digits, decimal_places, required=True, **extra):
    return forms.DecimalField(label=label, max_digits=max_digits, decimal_places=decimal_places,
                              required=required, localize=True, error_messages=NUMBER_ERRORS,
                              widget=forms.TextInput(attrs={"inputmode": "decimal"}), **extra)


def _multi(label, help_text=""):
    return SafeModelMultipleChoiceField(
        label=label, queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=help_text, error_messages={"invalid_choice": _("Kies uit de lijst.")})


class CommissionerMixin:
    """A commissioner field only for users who work for several commissioners."""

    fields: dict[str, forms.Field]  # from the form it is mixed into

    def _commissioner(self, commissioners) -> None:
        cast(forms.ModelChoiceField, self.fields["commissioner"]).queryset = commissioners
        self.single_commissioner = commissioners.first() if commissioners.count() == 1 else None
        if self.single_commissioner is not None:
            del self.fields["commissioner"]

    def commissioner_value(self):
        return self.single_commissioner or self.cleaned_data.get("commissioner")


class AssignmentForm(CommissionerMixin, forms.Form):
    commissioner: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Opdrachtgever"), queryset=None, empty_label=None, error_messages=CHOICE_ERRORS)
    provider: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Opdrachtnemer"), queryset=None, empty_label=_("Kies een organisatie"),
        error_messages=CHOICE_ERRORS)
    title = forms.CharField(label=_("Titel"), max_length=150)
    description = forms.CharField(label=_("Omschrijving"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    areas = SafeModelMultipleChoiceField(
        label=_("Gebieden"), queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één gebied."),
                        "invalid_choice": _("Kies gebieden uit de lijst.")})
    starts_on = DateField(label=_("Begindatum"))
    ends_on = DateField(label=_("Einddatum"))
    budget = _decimal(_("Budget (euro)"), 12, 2, help_text=_("Bijvoorbeeld 125000 of 98500,50."))
    agreed_hours = _decimal(_("Afgesproken uren"), 9, 1,
                            help_text=_("Het totaal voor de hele looptijd. Het uurtarief blijft "
                                        "gelijk als u de uren wijzigt."))
    hourly_rate = _decimal(
        _("Uurtarief (euro)"), 8, 2, required=False,
        help_text=_("Afgesproken uren × uurtarief plus de producten mag niet boven het budget "
                    "komen. Leeg bij een nieuwe opdracht: het budget gedeeld door de uren; "
                    "leeg bij een wijziging: het uurtarief blijft."))
    priorities = _multi(_("Prioriteiten uit het wijkactieplan"),
                        _("Alleen prioriteiten van plannen voor de gekozen gebieden en de jaren "
                          "van de looptijd passen."))
    interventions = _multi(_("Geplande interventies"),
                           _("Gepubliceerde interventies uit de gereedschapskist."))
    status = forms.ChoiceField(label=_("Status"), choices=Assignment.Status.choices,
                               error_messages=CHOICE_ERRORS)
    reason = forms.CharField(
        label=_("Reden van de wijziging"), required=False, max_length=300,
        help_text=_("Verplicht zodra de opdracht loopt; komt in de wijzigingsgeschiedenis."))
    # Anything but a plausible version counts as missing: the save is then refused as stale.
    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)

    def __init__(self, *args, commissioners, providers, areas, priorities, interventions,
                 statuses, reason_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].validators = []  # hidden: junk is a stale form, not an error
        if reason_required:
            self.fields["reason"].required = True
            self.fields["reason"].help_text = _("Komt met uw naam in de wijzigingsgeschiedenis.")
            self.fields["reason"].error_messages["required"] = _(
                "Deze opdracht loopt al: geef een reden voor de wijziging.")
        self._commissioner(commissioners)
        self.fields["provider"].queryset = providers
        self.fields["areas"].queryset = areas
        self.fields["priorities"].queryset = priorities
        self.fields["priorities"].label_from_instance = lambda p: (
            f"{p.plan.area.name} {p.plan.year} – {p.get_domain_display()}: {p.title}")
        self.fields["interventions"].queryset = interventions
        self.fields["status"].choices = [c for c in Assignment.Status.choices
                                         if c[0] in statuses]


    def clean_version(self) -> int | None:
        return parse_int(self.cleaned_data.get("version"), max_digits=9)


class AgreementForm(forms.Form):
    indicator: forms.ModelChoiceField[Indicator] = forms.ModelChoiceField(
        label=_("Indicator"), queryset=None, empty_label=_("Kies een indicator"),
        error_messages=CHOICE_ERRORS)
    baseline = _decimal(_("Nulwaarde"), 12, 2, required=False,
                        help_text=_("De waarde bij de start, als die bekend is."))
    target = _decimal(_("Streefwaarde"), 12, 2,
                      help_text=_("Voor aantallen en sommen: het totaal over de periode; voor "
                                  "gemiddelden en aandelen: het niveau aan het eind."))
    starts_on = DateField(label=_("Periode vanaf"))
    ends_on = DateField(label=_("Periode tot en met"))
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=300)
    reason = forms.CharField(label=_("Reden van de wijziging"), required=False, max_length=300,
                             help_text=_("Verplicht zodra de opdracht loopt."))
    # The assignment's version the form was read at: a save after someone else's is refused.
    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)

    def __init__(self, *args, indicators, reason_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].validators = []  # hidden: junk is a stale form, not an error
        if reason_required:
            self.fields["reason"].required = True
            self.fields["reason"].help_text = _("Komt met uw naam in de wijzigingsgeschiedenis.")
            self.fields["reason"].error_messages["required"] = _(
                "Deze opdracht loopt al: geef een reden voor de wijziging.")
        self.fields["indicator"].queryset = indicators
        self.fields["indicator"].label_from_instance = lambda i: (
            f"{i.name} ({i.unit}, {i.get_aggregation_display()}, {i.get_source_display()})")

    def clean_version(self) -> int:
        # Missing or junk counts as version 0, which no assignment has: refused as stale.
        return parse_int(self.cleaned_data.get("version"), max_digits=9) or 0


class ProductForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=150,
                           help_text=_("Bijvoorbeeld Training bewonerscommissie. Geen namen of "
                                       "gegevens van bewoners."))
    unit = forms.CharField(label=_("Eenheid"), max_length=40,
                           help_text=_("Wat er geteld wordt, bijvoorbeeld training of "
                                       "initiatief."))
    unit_price = _decimal(_("Prijs per eenheid (euro)"), 10, 2)
    agreed_quantity = forms.IntegerField(
        label=_("Afgesproken aantal"), help_text=_("Voor de hele looptijd."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Vul een heel getal in, bijvoorbeeld 12.")})
    intervention: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Telt activiteiten met de interventie"), queryset=None, required=False,
        empty_label=_("(geen interventie)"),
        error_messages=CHOICE_ERRORS,
        help_text=_("Een van de geplande interventies: elke activiteit ermee in het logboek "
                    "telt één."))
    initiatives_only = forms.BooleanField(
        label=_("Alleen activiteiten die een bewonersinitiatief ondersteunden"), required=False,
        help_text=_("Zonder interventie telt dan elke activiteit die een bewonersinitiatief "
                    "ondersteunde. Kies een interventie, dit vakje of allebei."))
    reason = forms.CharField(label=_("Reden van de wijziging"), required=False, max_length=300,
                             help_text=_("Verplicht zodra de opdracht loopt."))
    # The assignment's version the form was read at: a save after someone else's is refused.
    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)

    def __init__(self, *args, interventions, reason_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].validators = []  # hidden: junk is a stale form, not an error
        if reason_required:
            self.fields["reason"].required = True
            self.fields["reason"].help_text = _("Komt met uw naam in de wijzigingsgeschiedenis.")
            self.fields["reason"].error_messages["required"] = _(
                "Deze opdracht loopt al: geef een reden voor de wijziging.")
        cast(forms.ModelChoiceField, self.fields["intervention"]).queryset = interventions

    def clean_version(self) -> int:
        # Missing or junk counts as version 0, which no assignment has: refused as stale.
        return parse_int(self.cleaned_data.get("version"), max_digits=9) or 0


class ManualValueForm(forms.Form):
    starts_on = DateField(label=_("Periode vanaf"))
    ends_on = DateField(label=_("Periode tot en met"))
    value = _decimal(_("Waarde"), 12, 2)
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=300,
                           help_text=_("Bijvoorbeeld hoe er gemeten is."))


class ActionPlanForm(CommissionerMixin, forms.Form):
    commissioner: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Opdrachtgever"), queryset=None, empty_label=None, error_messages=CHOICE_ERRORS)
    area: forms.ModelChoiceField[Area] = forms.ModelChoiceField(
        label=_("Gebied"), queryset=None, empty_label=_("Kies een gebied"),
        error_messages=CHOICE_ERRORS)
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                              error_messages={"invalid": _("Vul een jaartal in, bijvoorbeeld "
                                                           "2026.")})
    title = forms.CharField(label=_("Titel"), max_length=150)
    summary = forms.CharField(label=_("Toelichting"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, commissioners, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self._commissioner(commissioners)
        self.fields["area"].queryset = areas
        self.fields["area"].label_from_instance = lambda a: (
            f"{a.name} ({a.get_level_display().lower()})")


class PriorityForm(forms.Form):
    domain = forms.ChoiceField(label=_("Domein"), choices=Domain.choices,
                               error_messages=CHOICE_ERRORS)
    title = forms.CharField(label=_("Prioriteit"), max_length=200)
    description = forms.CharField(label=_("Toelichting"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 2}))


def computation_choices() -> list[tuple[str, StrOrPromise]]:
    sources = dict(Indicator.Source.choices)
    return [("", _("(geen: waarden worden ingevoerd)"))] + [
        (c.key, f"{c.label} – {sources.get(c.source, c.source)} ({c.key})")
        for c in registry.computations()]


class IndicatorForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40,
                           help_text=_("Kleine letters, cijfers en streepjes, bijvoorbeeld "
                                       "nieuwe-deelnemers."),
                           error_messages={"invalid": _("Gebruik alleen kleine letters, cijfers "
                                                        "en streepjes.")})
    name = forms.CharField(label=_("Naam"), max_length=150)
    definition = forms.CharField(label=_("Definitie"), max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 4}))
    unit = forms.CharField(label=_("Eenheid"), max_length=40)
    category = forms.ChoiceField(label=_("RBA-vraag"), choices=Indicator.Category.choices,
                                 error_messages=CHOICE_ERRORS)
    aggregation = forms.ChoiceField(label=_("Berekening"), choices=Indicator.Aggregation.choices,
                                    error_messages=CHOICE_ERRORS)
    source = forms.ChoiceField(label=_("Bron"), choices=Indicator.Source.choices,
                               error_messages=CHOICE_ERRORS)
    polarity = forms.ChoiceField(label=_("Richting"), choices=Indicator.Polarity.choices,
                                 error_messages=CHOICE_ERRORS)
    computation = forms.ChoiceField(label=_("Rekenregel"), required=False, choices=(),
                                    error_messages=CHOICE_ERRORS,
                                    help_text=_("Moet bij de bron passen. Handmatige indicatoren "
                                                "en metingen kunnen zonder."))
    is_active = forms.BooleanField(label=_("In gebruik"), required=False, initial=True)

    def __init__(self, *args, current_computation: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        choices = computation_choices()
        if current_computation and current_computation not in dict(choices):
            choices.append((current_computation, current_computation))
        cast(forms.ChoiceField, self.fields["computation"]).choices = choices


class ActionPlanFilterForm(FilterForm):
    """The filters of the list of action plans (``?jaar=&gebied=``); nonsense is ignored."""

    jaar = forms.TypedChoiceField(choices=[(str(y), y) for y in range(FIRST_YEAR, LAST_YEAR + 1)],
                                  coerce=int, empty_value=None)
    gebied = ObjectField(key="code", upper=True, max_length=12)

    def __init__(self, data: Any, *, principal: Principal) -> None:
        super().__init__(data)
        cast(ObjectField, self.fields["gebied"]).queryset = area_scopes.areas(principal)


class AssignmentFilterForm(ActionPlanFilterForm):
    """The list's filters (``?status=&jaar=&gebied=&opdrachtnemer=&opdrachtgever=``);
    anything that means nothing is ignored."""

    status = forms.ChoiceField(choices=Assignment.Status.choices)
    opdrachtnemer = IdField()
    opdrachtgever = IdField()

    def filters(self) -> selectors.Filters:
        return selectors.Filters(
            status=self.value("status") or "", year=self.value("jaar"),
            area=self.value("gebied"), provider_id=self.value("opdrachtnemer"),
            commissioner_id=self.value("opdrachtgever"))
