"""Forms of the reports module: the story behind the curve, submitting and deciding."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opbouw.reports.services import COMMENT_MAX, STORY_FIELDS


def _area(rows: int, limit: int, help_text=None) -> forms.CharField:
    return forms.CharField(required=False, max_length=limit, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}))


class StoryForm(forms.Form):
    """The four questions of Results-Based Accountability's turn-the-curve talk."""

    story = _area(6, STORY_FIELDS["story"], _(
        "Waarom ziet de curve er zo uit? Wat helpt en wat zit in de weg? Zonder namen, "
        "adressen, telefoonnummers, e-mailadressen of BSN van bewoners: beschrijf de situatie, "
        "niet de persoon."))
    partners = _area(3, STORY_FIELDS["partners"], _(
        "Welke partners hebben een rol om de curve te keren, en welke?"))
    what_works = _area(3, STORY_FIELDS["what_works"], _(
        "Wat werkt, volgens onderzoek, ervaring of de bewoners zelf? Ook goedkope en "
        "onconventionele ideeën."))
    action_plan = _area(4, STORY_FIELDS["action_plan"], _(
        "Wat gaan we doen, wie doet het en wanneer?"))
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    field_labels = {"story": _("Het verhaal achter de curve"),
                    "partners": _("Partners met een rol"), "what_works": _("Wat werkt"),
                    "action_plan": _("Actieplan")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, label in self.field_labels.items():
            self.fields[name].label = label


class SubmitForm(forms.Form):
    comment = forms.CharField(label=_("Toelichting voor de opdrachtgever (niet verplicht)"),
                              required=False, max_length=COMMENT_MAX,
                              widget=forms.Textarea(attrs={"rows": 3}))
    revision = forms.IntegerField(widget=forms.HiddenInput)


class DecideForm(forms.Form):
    comment = forms.CharField(label=_("Opmerking"), required=False, max_length=COMMENT_MAX,
                              help_text=_("Verplicht als u de verantwoording terugstuurt: "
                                          "schrijf erbij wat er anders moet."),
                              widget=forms.Textarea(attrs={"rows": 4}))
    revision = forms.IntegerField(widget=forms.HiddenInput)
