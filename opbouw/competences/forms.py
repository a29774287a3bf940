"""Forms of the competences module, with Dutch field-level messages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opbouw.competences.models import Action, CoachingSession
from opbouw.core.forms import SafeModelMultipleChoiceField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Vul een geldige datum in, bijvoorbeeld 15-03-2026.")}


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=150,
                           help_text=_("Bijvoorbeeld: Competentiemeting voorjaar 2026."))
    framework = forms.ModelChoiceField(label=_("Competentiekader"), queryset=None,
                                       empty_label=None)
    starts_on = forms.DateField(label=_("Begint op"), widget=DATE, error_messages=DATE_ERRORS)
    ends_on = forms.DateField(label=_("Eindigt op"), widget=DATE, error_messages=DATE_ERRORS)
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
        from opbouw.areas.services import UnreadableFile, decode_csv_bytes

        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("Het bestand is groter dan 2 MB."))
        try:
            text = decode_csv_bytes(upload.read())
        except UnreadableFile as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload.name, text


class PeerForm(forms.Form):
    peer = forms.ModelChoiceField(label=_("Collega"), queryset=None,
                                  empty_label=_("Kies een collega"),
                                  error_messages={"invalid_choice": _("Kies een collega uit "
                                                                      "de lijst.")})

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["peer"].queryset = colleagues


class GoalForm(forms.Form):
    competency = forms.ModelChoiceField(label=_("Competentie"), queryset=None)
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
    due_on = forms.DateField(label=_("Klaar op"), required=False, widget=DATE,
                             error_messages=DATE_ERRORS)
    course = forms.ModelChoiceField(label=_("Cursus"), queryset=None, required=False,
                                    empty_label=_("(geen cursus)"))

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
    completed_on = forms.DateField(label=_("Afgerond op"), widget=DATE,
                                   error_messages=DATE_ERRORS)


class PeRequirementForm(forms.Form):
    points = forms.DecimalField(label=_("PE-punten per medewerker dit jaar"), min_value=0,
                                max_value=200, decimal_places=1, localize=True,
                                error_messages={"invalid": _("Vul een getal in.")})


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Datum"), widget=DATE, error_messages=DATE_ERRORS)
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
