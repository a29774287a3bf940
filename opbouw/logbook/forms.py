"""The quick-entry form of the logbook, made for a thumb on a phone."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from opbouw.core.formats import short_number_text
from opbouw.core.forms import DateField, FilterForm, ObjectField
from opbouw.logbook import selectors
from opbouw.logbook.models import ContactForm
from opbouw.methods.models import TargetGroup

_WHOLE = re.compile(r"-?[0-9]{1,9}")
_DECIMAL = re.compile(r"-?[0-9]{1,6}(?:[.,][0-9]{1,6})?")
_MAX_PK_DIGITS = 18


class WholeNumberField(forms.CharField):
    """A count typed on a numeric keypad; empty is 0. Ranges are the service's business."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off",
                                    "placeholder": "0"})

    # A text input (numeric keypad) cleaned to a number, unlike CharField's str.
    def to_python(self, value: Any) -> int:  # type: ignore[override]
        text = (super().to_python(value) or "").replace(" ", "")
        if not text:
            return 0
        if not (text.isascii() and _WHOLE.fullmatch(text)):
            raise ValidationError(_("Vul een heel getal in, bijvoorbeeld 12."), code="invalid")
        return int(text)


class HoursField(forms.CharField):
    """Hours with a decimal comma or point: 1,5 or 1.5."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    # A text input cleaned to a Decimal, unlike CharField's str.
    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = (super().to_python(value) or "").replace(" ", "")
        if not text:
            return None
        if not (text.isascii() and _DECIMAL.fullmatch(text)):
            raise ValidationError(_("Vul een getal in, bijvoorbeeld 1,5."), code="invalid")
        return Decimal(text.replace(",", "."))

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return short_number_text(value, grouping=False)
        return value


class SafeModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that answers absurd ids with its own message, not a 500."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        text = str(value)
        if not (text.isascii() and text.isdigit()) or len(text) > _MAX_PK_DIGITS:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class TaggedSelect(forms.Select):
    """A select whose options say which assignments they belong to (``data-opdracht``), so
    a few lines of script can hide the options of other assignments."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tags: dict[int, list[int]] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        pk = getattr(value, "value", value)
        if pk not in (None, ""):
            option["attrs"]["data-opdracht"] = " ".join(
                str(a) for a in self.tags.get(int(pk), []))
        return option

    def build_attrs(self, base_attrs, extra_attrs=None):
        # The form_field tag styles widgets by their exact class and takes this one for a
        # text box: give it the select's classes (and keep "--invalid").
        attrs = super().build_attrs(base_attrs, extra_attrs)
        if "class" in attrs:
            attrs["class"] = attrs["class"].replace("utrecht-textbox--html-input",
                                                    "utrecht-select--html-select").replace(
                "utrecht-textbox", "utrecht-select")
        return attrs


def _choice(label, **extra) -> SafeModelChoiceField:
    return SafeModelChoiceField(
        label=label, queryset=None,
        error_messages={"required": _("Maak een keuze."),
                        "invalid_choice": _("Kies uit de lijst.")}, **extra)


class AreaChoiceField(SafeModelChoiceField):
    """Areas in tree order, the areas inside an assignment's area marked with ›."""

    top_depth = 0

    def label_from_instance(self, obj) -> str:
        return "› " * max(0, obj.depth - self.top_depth) + obj.name


class ActivityForm(forms.Form):
    date = DateField(label=_("Datum"), error_messages={
        "required": _("Vul een datum in.")})
    assignment = _choice(_("Opdracht"), empty_label=_("Kies een opdracht"))
    area = AreaChoiceField(label=_("Gebied"), queryset=None, empty_label=_("Kies een gebied"),
                           widget=TaggedSelect,
                           error_messages={"required": _("Kies een gebied."),
                                           "invalid_choice": _("Kies een gebied uit de lijst.")})
    intervention = _choice(_("Interventie"), required=False, widget=TaggedSelect,
                           empty_label=_("(geen of een andere)"))
    contact_form = forms.ChoiceField(
        label=_("Contactvorm"), choices=[("", _("Kies een contactvorm"))] + ContactForm.choices,
        error_messages={"required": _("Kies een contactvorm."),
                        "invalid_choice": _("Kies een contactvorm uit de lijst.")})
    participants = WholeNumberField(label=_("Deelnemers"), required=False)
    new_participants = WholeNumberField(label=_("Waarvan nieuw"), required=False)
    volunteers = WholeNumberField(label=_("Vrijwilligers"), required=False)
    hours = HoursField(label=_("Uren"), error_messages={"required": _("Vul het aantal uren in.")})
    description = forms.CharField(
        label=_("Korte omschrijving"), strip=True,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
        error_messages={"required": _("Beschrijf kort wat u deed.")},
        help_text=_("Zonder namen, adressen of telefoonnummers van bewoners."))
    target_group = _choice(_("Doelgroep"), required=False, empty_label=_("(geen bijzondere)"))
    follow_up = forms.CharField(label=_("Vervolg"), required=False,
                                widget=forms.Textarea(attrs={"rows": 2, "maxlength": 500}))
    supports_initiative = forms.BooleanField(
        label=_("Ondersteuning van een bewonersinitiatief"), required=False,
        help_text=_("Aanvinken als deze activiteit een initiatief van bewoners zelf "
                    "ondersteunde."))

    ESSENTIAL = ("date", "assignment", "area", "intervention", "contact_form")
    NUMBERS = ("participants", "new_participants", "volunteers", "hours")
    MORE = ("target_group", "follow_up", "supports_initiative")

    def __init__(self, *args: Any, choices: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(SafeModelChoiceField, self.fields["assignment"]).queryset = choices["assignments"]
        area = cast(AreaChoiceField, self.fields["area"])
        area.queryset = choices["areas"]
        area.top_depth = min((a.depth for a in choices["areas"]), default=0)
        area.widget.tags = choices["area_tags"]
        intervention = cast(SafeModelChoiceField, self.fields["intervention"])
        intervention.queryset = choices["interventions"]
        intervention.widget.tags = choices["intervention_tags"]
        cast(SafeModelChoiceField, self.fields["target_group"]).queryset = (
            TargetGroup.objects.all())

    def fields_named(self, names: tuple[str, ...]) -> list[forms.BoundField]:
        return [self[name] for name in names]

    @property
    def essential_fields(self) -> list[forms.BoundField]:
        return self.fields_named(self.ESSENTIAL)

    @property
    def number_fields(self) -> list[forms.BoundField]:
        return self.fields_named(self.NUMBERS)

    @property
    def more_fields(self) -> list[forms.BoundField]:
        return self.fields_named(self.MORE)

    @property
    def more_has_errors(self) -> bool:
        return any(self[name].errors for name in self.MORE)


class ActivityFilterForm(FilterForm):
    """The list's filters (``?van=&tot=&gebied=&medewerker=&opdracht=&interventie=``): only
    what the list's choices offer; anything else is ignored."""

    van = DateField()
    tot = DateField()
    gebied = ObjectField()
    medewerker = ObjectField()
    opdracht = ObjectField()
    interventie = ObjectField()

    CHOICES = {"gebied": "areas", "medewerker": "workers", "opdracht": "assignments",
               "interventie": "interventions"}

    def __init__(self, data: Any, *, choices: dict[str, Any]) -> None:
        super().__init__(data)
        for name, key in self.CHOICES.items():
            # Picked from the lists the page shows anyway: no query of its own.
            cast(ObjectField, self.fields[name]).items = choices[key]

    def filters(self) -> selectors.Filters:
        return selectors.Filters(
            starts_on=self.value("van"), ends_on=self.value("tot"), area=self.value("gebied"),
            worker=self.value("medewerker"), assignment=self.value("opdracht"),
            intervention=self.value("interventie"), query=self.query())
