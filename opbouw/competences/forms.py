"""Forms of the competences module, with Dutch field-level messages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from opbouw.competences.models import Action, CoachingSession
from opbouw.competences.services import EVIDENCE_MAX
from opbouw.core.csvread import UnreadableFile, read_upload
from opbouw.core.forms import DateField, FilterForm, IdField, SafeModelMultipleChoiceField
from opbouw.core.text import clean_multiline, parse_int

if TYPE_CHECKING:
    from opbouw.accounts.models import User
    from opbouw.competences.models import Competency, Course, Framework



class RoundForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=150,
                           help_text=_("Bijvoorbeeld: Competentiemeting voorjaar 2026."))
    framework: forms.ModelChoiceField[Framework] = forms.ModelChoiceField(
        label=_("Competentiekader"), queryset=None, empty_label=None)
    starts_on = DateField(label=_("Begint op"))
    ends_on = DateField(label=_("Eindigt op"))
    organisations = SafeModelMultipleChoiceField(
        label=_("Organisaties"), queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één organisatie."),
                        "invalid_choice": _("Kies organisaties uit de lijst.")})

    def __init__(self, *args, frameworks, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = frameworks
        self.fields["organisations"].queryset = organisations


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Bestand (CSV of JSON)"),
                           error_messages={"required": _("Kies een bestand.")})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            text = read_upload(upload, max_bytes=2 * 1024 * 1024)
        except UnreadableFile as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload.name, text


class PeerForm(forms.Form):
    peer: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Collega"), queryset=None, empty_label=_("Kies een collega"),
        error_messages={"invalid_choice": _("Kies een collega uit de lijst.")})

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["peer"].queryset = colleagues


class GoalForm(forms.Form):
    competency: forms.ModelChoiceField[Competency] = forms.ModelChoiceField(
        label=_("Competentie"), queryset=None)
    description = forms.CharField(label=_("Wat wilt u bereiken?"), max_length=1000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    target_level = forms.TypedChoiceField(label=_("Gewenst niveau"), required=False,
                                          coerce=int, empty_value=None, choices=())

    def __init__(self, *args, competencies, scale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = competencies
        self.fields["target_level"].choices = [("", "–")] + [
            (s.value, f"{s.value} – {s.label}") for s in scale]


class ActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort actie"), choices=Action.Kind.choices)
    description = forms.CharField(label=_("Actie"), max_length=300)
    due_on = DateField(label=_("Klaar op"), required=False)
    course: forms.ModelChoiceField[Course] = forms.ModelChoiceField(
        label=_("Cursus"), queryset=None, required=False, empty_label=_("(geen cursus)"))

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses


class CourseForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    provider = forms.CharField(label=_("Aanbieder"), max_length=150)
    description = forms.CharField(label=_("Omschrijving"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    hours = forms.DecimalField(label=_("Uren"), min_value=0, max_value=1000, decimal_places=1,
                               localize=True,
                               error_messages={"invalid": _("Vul een getal in.")})
    pe_points = forms.DecimalField(label=_("PE-punten"), min_value=0, max_value=200,
                                   decimal_places=1, localize=True,
                                   error_messages={"invalid": _("Vul een getal in.")})
    min_scw_level = forms.TypedChoiceField(label=_("Vanaf SCW-niveau"), coerce=int,
                                           choices=[(i, f"SCW {i}") for i in range(1, 5)])
    competencies = SafeModelMultipleChoiceField(
        label=_("Competenties"), queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies de competenties die de cursus ontwikkelt.")})
    is_active = forms.BooleanField(label=_("In het aanbod"), required=False, initial=True)

    def __init__(self, *args, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competencies"].queryset = competencies


class CompleteForm(forms.Form):
    completed_on = DateField(label=_("Afgerond op"))


class PeRequirementForm(forms.Form):
    points = forms.DecimalField(label=_("PE-punten per medewerker dit jaar"), min_value=0,
                                max_value=200, decimal_places=1, localize=True,
                                error_messages={"invalid": _("Vul een getal in.")})


class SessionForm(forms.Form):
    held_on = DateField(label=_("Datum"))
    kind = forms.ChoiceField(label=_("Soort"), choices=CoachingSession.Kind.choices)
    participants = SafeModelMultipleChoiceField(
        label=_("Deelnemers"), queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één deelnemer.")})
    competencies = SafeModelMultipleChoiceField(
        label=_("Besproken competenties"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple)
    notes = forms.CharField(label=_("Aantekeningen"), required=False,
                            widget=forms.Textarea(attrs={"rows": 4}),
                            help_text=_("Geen namen of gegevens van bewoners."))

    def __init__(self, *args, participants, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = participants
        self.fields["competencies"].queryset = competencies


class PeFilterForm(FilterForm):
    """The PE list's filters (``?team=&achter=``): a coaching team (a coach's user id or
    ``geen``) and only those behind; a value that means nothing is ignored."""

    team = forms.ChoiceField(label=_("Team"), choices=())
    achter = forms.BooleanField(label=_("Alleen wie achterloopt"))

    def __init__(self, data: Any, *, teams: list[tuple[str, str]]) -> None:
        super().__init__(data)
        cast(forms.ChoiceField, self.fields["team"]).choices = [("", _("Alle teams")), *teams]


class CourseFilterForm(FilterForm):
    """The course list's filter (``?competentie=``); a value that means nothing is ignored."""

    competentie = IdField(max_digits=10)


class NormsForm(forms.Form):
    """The expected level per competency and SCW level, one select each
    (``norm-<competency pk>-<level>``): every cell needs a level."""

    LEVELS = (1, 2, 3, 4)

    def __init__(self, data: Any, *, competencies: list) -> None:
        super().__init__(data)
        self.cells = [(f"norm-{comp.pk}-{level}", comp, level)
                      for comp in competencies for level in self.LEVELS]
        for name, _comp, _level in self.cells:
            self.fields[name] = forms.Field(required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        missing = [f"{comp.code} SCW {level}" for name, comp, level in self.cells
                   if parse_int(data.get(name), max_digits=3) is None]
        if missing:
            raise forms.ValidationError(_("Kies een niveau bij: %(cells)s.")
                                        % {"cells": ", ".join(missing)})
        return data

    def expected(self) -> dict[tuple[int, int], int]:
        """{(competency pk, SCW level): level} of every cell filled in (all, when valid)."""
        values = {(comp.pk, level): parse_int(self.data.get(name), max_digits=3)
                  for name, comp, level in self.cells}
        return {key: value for key, value in values.items() if value is not None}


class RatingsForm(forms.Form):
    """The ratings of an assessment: per competency a value (``waarde-<pk>``) and evidence
    (``onderbouwing-<pk>``); the button ``indienen`` submits, and only with the box
    ``bevestigen`` ticked, as submitting cannot be undone. The scale and the rules are the
    service's business: a value that is no number goes to it as -1, to be refused on its
    competency."""

    bevestigen = forms.BooleanField(
        label=_("Ik weet dat ik na indienen niets meer kan wijzigen"), required=False)

    def __init__(self, data: Any, *, competencies: list) -> None:
        super().__init__(data)
        self.competencies = competencies
        for comp in competencies:
            # Plain fields: the text is cleaned in values(), not refused here.
            self.fields[f"waarde-{comp.pk}"] = forms.Field(required=False)
            self.fields[f"onderbouwing-{comp.pk}"] = forms.Field(required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        if self.submit and not data.get("bevestigen"):
            self.add_error("bevestigen", _("Vink dit aan om in te dienen."))
        return data

    @property
    def submit(self) -> bool:
        """Whether the button ``indienen`` was used (confirmed or not)."""
        return "indienen" in self.data

    @property
    def confirmed_submit(self) -> bool:
        """Submit now: the button ``indienen`` with the box ``bevestigen`` ticked (this also
        cleans the form, for ``values()``)."""
        valid = self.is_valid()
        return self.submit and valid

    def values(self) -> dict[int, tuple[int | None, str]]:
        """{competency pk: (value or None, evidence)} from a valid form."""
        result = {}
        for comp in self.competencies:
            raw = (self.cleaned_data[f"waarde-{comp.pk}"] or "").strip()
            value = parse_int(raw) if raw else None
            evidence = clean_multiline(self.cleaned_data[f"onderbouwing-{comp.pk}"],
                                       EVIDENCE_MAX)
            result[comp.pk] = (-1 if raw and value is None else value, evidence)
        return result
