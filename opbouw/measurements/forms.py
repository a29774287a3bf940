"""Forms of the measurements module, with Dutch field-level messages."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import localize
from django.utils.translation import gettext_lazy as _

from opbouw.core.forms import DateField, FilterForm, add_service_errors
from opbouw.measurements import selectors, services
from opbouw.measurements.models import (
    FIELD_NAME,
    Dimension,
    Instrument,
    Item,
    MeasurementRound,
)

CHOICE_ERRORS = {"invalid_choice": _("Kies uit de lijst."), "required": _("Maak een keuze.")}
NUMBER_ERRORS = {"invalid": _("Vul een getal in."), "required": _("Vul een getal in.")}


class SafeModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that answers absurd ids with its own message, not a 500."""

    def to_python(self, value):
        text = str(value).strip() if value is not None else ""
        if text and not (text.isascii() and text.isdigit() and len(text) <= 18):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


def _choice(label, *, required=True, empty_label="---------", help_text=""):
    return SafeModelChoiceField(label=label, queryset=None, required=required,
                                empty_label=empty_label, help_text=help_text,
                                error_messages=CHOICE_ERRORS)


class RoundForm(forms.Form):
    instrument = _choice(_("Instrument"), empty_label=None)
    organisation = _choice(_("Organisatie"), empty_label=None)
    area = _choice(_("Gebied"), empty_label=_("Kies een gebied"))
    group = forms.CharField(label=_("Groep"), max_length=120, required=False,
                            help_text=_("Alleen als u een groep meet, bijvoorbeeld: "
                                        "deelnemers buurtmoestuin. Geen namen."))
    kind = forms.ChoiceField(label=_("Soort meting"), choices=MeasurementRound.Kind.choices,
                             error_messages=CHOICE_ERRORS)
    baseline = _choice(_("Hoort bij nulmeting"), required=False,
                       empty_label=_("(de juiste nulmeting automatisch zoeken)"),
                       help_text=_("Alleen bij een vervolgmeting: dezelfde vragenlijst in "
                                   "hetzelfde gebied en bij dezelfde groep."))
    held_on = DateField(label=_("Datum"))
    mode = forms.ChoiceField(label=_("Invoer"), choices=MeasurementRound.Mode.choices,
                             error_messages=CHOICE_ERRORS,
                             help_text=_("Alleen totalen: als de antwoorden ergens anders "
                                         "blijven en u alleen aantallen en gemiddelden "
                                         "invoert."))
    intervention = _choice(_("Interventie"), required=False, empty_label=_("(geen)"))
    assignment = _choice(_("Opdracht"), required=False, empty_label=_("(geen)"))

    def __init__(self, *args, instruments, organisations, areas, baselines, interventions,
                 assignments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = instruments
        self.fields["organisation"].queryset = organisations
        self.fields["area"].queryset = areas
        self.fields["baseline"].queryset = baselines
        self.fields["intervention"].queryset = interventions
        if assignments is None:
            del self.fields["assignment"]
        else:
            self.fields["assignment"].queryset = assignments


class RoundEditForm(forms.Form):
    held_on = DateField(label=_("Datum"))
    status = forms.ChoiceField(label=_("Status"), choices=MeasurementRound.Status.choices,
                               error_messages=CHOICE_ERRORS,
                               help_text=_("In een gesloten meetronde kan niemand meer "
                                           "antwoorden invoeren."))
    intervention = _choice(_("Interventie"), required=False, empty_label=_("(geen)"))
    assignment = _choice(_("Opdracht"), required=False, empty_label=_("(geen)"))

    def __init__(self, *args, interventions, assignments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervention"].queryset = interventions
        if assignments is None:
            del self.fields["assignment"]
        else:
            self.fields["assignment"].queryset = assignments


class ResponseForm(forms.Form):
    """One respondent: a row of radio buttons per item, named by the item's code."""

    def __init__(self, *args, items: list[Item], **kwargs):
        super().__init__(*args, **kwargs)
        for item in items:
            self.fields[item.code] = forms.TypedChoiceField(
                label=item.text, required=item.required, coerce=int,
                help_text=item.hint, widget=forms.RadioSelect,
                choices=[(o.value, o.label) for o in item.scale.options.all()],
                error_messages={"required": _("Beantwoord deze vraag."),
                                "invalid_choice": _("Kies een van de antwoorden.")})


class AggregateForm(forms.Form):
    """The totals of one dimension. One page holds a form per dimension (prefixed with its
    code); ``for_dimension`` binds a form only when any of its fields was filled in, so
    typing in several sections and saving once loses nothing."""

    n = forms.IntegerField(label=_("Aantal respondenten"), min_value=1, max_value=1000000,
                           error_messages={**NUMBER_ERRORS,
                                           "min_value": _("Het aantal is 1 of meer.")})
    mean = forms.CharField(label=_("Gemiddelde score"), max_length=12,
                           error_messages={"required": _("Vul het gemiddelde in.")})
    sd = forms.CharField(label=_("Standaardafwijking"), max_length=12, required=False,
                         help_text=_("Nodig voor de foutmarge, tenzij u de verdeling invult."))

    def __init__(self, *args, options=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.dimension: Dimension | None = None
        self.saved: Any = None
        self.option_fields = []
        for value, label in options:
            name = f"v{value}".replace("-", "m")
            self.fields[name] = forms.IntegerField(
                label=_("Aantal met score %(value)s (%(label)s)") % {"value": value,
                                                                    "label": label},
                required=False, min_value=0,
                max_value=1000000,
                error_messages={**NUMBER_ERRORS, "min_value": _("Een aantal is 0 of meer.")})
            self.option_fields.append((name, value))

    @classmethod
    def for_dimension(cls, data: Any, *, dimension: Dimension, options: list,
                      saved: Any = None) -> AggregateForm:
        """The form of one dimension: with the totals saved before as initial values, bound
        to the posted data when any of its fields holds something."""
        initial = None
        if saved is not None:
            initial = {"n": saved.n, "mean": localize(saved.mean),
                       "sd": localize(saved.sd) if saved.sd else ""}
            initial.update({f"v{k}".replace("-", "m"): v
                            for k, v in (saved.distribution or {}).items()})
        prefix = dimension.code
        filled = data is not None and any(
            key.startswith(prefix + "-") and str(value).strip() for key, value in data.items())
        form = cls(data if filled else None, initial=initial, prefix=prefix, options=options)
        form.dimension, form.saved = dimension, saved
        return form

    @property
    def changed(self) -> bool:
        """Bound and new or different from the totals saved before."""
        return self.is_bound and (self.saved is None or self.has_changed())

    def distribution(self) -> dict[int, int]:
        """The counts entered per option (empty when none is filled in)."""
        counts = {value: self.cleaned_data.get(name) for name, value in self.option_fields}
        if all(c is None for c in counts.values()):
            return {}
        return {value: c or 0 for value, c in counts.items()}

    def totals(self) -> services.Totals:
        """What to save, from a valid form."""
        assert self.dimension is not None  # made by for_dimension
        data = self.cleaned_data
        return services.Totals(dimension=self.dimension, n=data["n"], mean=data["mean"],
                               sd=data["sd"], distribution=self.distribution())

    def add_service_errors(self, error: ValidationError) -> None:
        """The service names "distribution"; the form has a field per score: show it at the
        first of them."""
        if hasattr(error, "error_dict") and "distribution" in error.error_dict \
                and self.option_fields:
            errors = dict(error.message_dict)
            for message in errors.pop("distribution"):
                self.add_error(self.option_fields[0][0], message)
            if not errors:
                return
            error = ValidationError(errors)
        add_service_errors(self, error)


class InstrumentForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=150)
    purpose = forms.CharField(label=_("Doel"), required=False, max_length=3000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    source = forms.CharField(label=_("Bron"), max_length=300, required=False,
                             help_text=_("Waarop het instrument is gebaseerd. Formuleer vragen "
                                         "zelf; neem geen gepubliceerde vragen over."))
    status = forms.ChoiceField(label=_("Status"), choices=Instrument.Status.choices,
                               error_messages=CHOICE_ERRORS)


class InstrumentCreateForm(InstrumentForm):
    code = forms.CharField(label=_("Code"), max_length=40, validators=[FIELD_NAME],
                           help_text=_("Kleine letters, cijfers en _; blijft gelijk over de "
                                       "versies heen, bijvoorbeeld buurtpanel."))
    field_order = ["code", "name", "purpose", "source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["status"]


class DimensionForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40, validators=[FIELD_NAME])
    name = forms.CharField(label=_("Naam"), max_length=150)
    description = forms.CharField(label=_("Omschrijving"), max_length=300, required=False)
    rule = forms.ChoiceField(label=_("Scoringsregel"), choices=Dimension.Rule.choices,
                             error_messages=CHOICE_ERRORS)
    threshold = forms.DecimalField(label=_("Drempel"), required=False, max_digits=6,
                                   decimal_places=2, error_messages=NUMBER_ERRORS,
                                   help_text=_("Bij een aandeel: vanaf welke score of trede "
                                               "iemand meetelt, bijvoorbeeld 4 (eens)."))
    result_min = forms.DecimalField(label=_("Laagste score"), max_digits=6, decimal_places=2,
                                    error_messages=NUMBER_ERRORS)
    result_max = forms.DecimalField(label=_("Hoogste score"), max_digits=6, decimal_places=2,
                                    error_messages=NUMBER_ERRORS)
    higher_is_better = forms.BooleanField(label=_("Hoger is beter"), required=False)
    position = forms.IntegerField(label=_("Volgorde"), min_value=0, max_value=999,
                                  initial=0, error_messages=NUMBER_ERRORS)


class ItemForm(forms.Form):
    code = forms.CharField(label=_("Veldnaam"), max_length=40, validators=[FIELD_NAME],
                           help_text=_("Ook de kolomnaam in XLSForm, bijvoorbeeld sc_6."))
    text = forms.CharField(label=_("Vraag"), max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}))
    hint = forms.CharField(label=_("Toelichting"), max_length=300, required=False)
    scale = _choice(_("Antwoordschaal"), empty_label=None)
    dimension = _choice(_("Dimensie"), required=False, empty_label=_("(niet gescoord)"))
    reverse_scored = forms.BooleanField(label=_("Omgekeerd scoren"), required=False,
                                        help_text=_("Voor een negatief gestelde vraag: telt "
                                                    "als laagste + hoogste − antwoord."))
    required = forms.BooleanField(label=_("Verplicht"), required=False, initial=True)
    position = forms.IntegerField(label=_("Volgorde"), min_value=0, max_value=999, initial=0,
                                  error_messages=NUMBER_ERRORS)

    def __init__(self, *args, instrument: Instrument, **kwargs):
        super().__init__(*args, **kwargs)
        cast(SafeModelChoiceField, self.fields["scale"]).queryset = instrument.scales.all()
        cast(SafeModelChoiceField, self.fields["dimension"]).queryset = (
            instrument.dimensions.all())


class ScaleForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40, validators=[FIELD_NAME])
    name = forms.CharField(label=_("Naam"), max_length=150)
    options = forms.CharField(
        label=_("Antwoorden"), max_length=5000, widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("Eén antwoord per regel: waarde = label, bijvoorbeeld 1 = Helemaal oneens. "
                    "Bij een ladder zijn dit de treden."))

    def clean_options(self) -> list[tuple[int, str]]:
        options = []
        for number, line in enumerate(self.cleaned_data["options"].splitlines(), start=1):
            if not line.strip():
                continue
            value, sep, label = line.partition("=")
            text = value.strip()
            digits = text.lstrip("-")
            if not sep or not (digits.isascii() and digits.isdigit() and len(digits) <= 3):
                raise ValidationError(_("Regel %(n)s: schrijf waarde = label, met een heel "
                                        "getal als waarde.") % {"n": number})
            options.append((int(text), label.strip()[:200]))
        return options


class RoundFilterForm(FilterForm):
    """The filters of the list of rounds (``?status=&instrument=&soort=``); a value that
    means nothing is ignored."""

    status = forms.ChoiceField(choices=MeasurementRound.Status.choices)
    instrument = forms.CharField(max_length=40)
    soort = forms.ChoiceField(choices=MeasurementRound.Kind.choices)

    def filters(self) -> selectors.RoundFilters:
        return selectors.RoundFilters(status=self.value("status") or "",
                                      instrument_code=self.value("instrument") or "",
                                      kind=self.value("soort") or "")
