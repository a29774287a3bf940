"""The rating and norm forms read the posted keys; the services judge the values."""

from __future__ import annotations

from types import SimpleNamespace

from django.http import QueryDict

from opbouw.competences.forms import NormsForm, RatingsForm

COMPS = [SimpleNamespace(pk=7, code="A1"), SimpleNamespace(pk=8, code="A2")]


def test_ratings_are_read_per_competency():
    data = QueryDict(mutable=True)
    data.update({"waarde-7": " 3 ", "onderbouwing-7": " Goed\x00 gedaan ", "waarde-8": "٣",
                 "indienen": "", "bevestigen": "on"})
    form = RatingsForm(data, competencies=COMPS)
    assert form.is_valid()
    assert form.values() == {7: (3, "Goed gedaan"), 8: (-1, "")}  # -1: refused by the service
    assert form.submit
    assert not RatingsForm(QueryDict(""), competencies=COMPS).submit


def test_submitting_needs_the_confirmation_saving_does_not():
    """The confirm rule of the ratings form: only the button ``indienen`` needs the tick."""
    assert RatingsForm({"opslaan": ""}, competencies=[]).is_valid()
    plain = RatingsForm({"indienen": ""}, competencies=[])
    assert not plain.confirmed_submit
    assert plain.errors["bevestigen"] == ["Vink dit aan om in te dienen."]
    assert not RatingsForm({"indienen": "", "bevestigen": ""}, competencies=[]).confirmed_submit
    confirmed = RatingsForm({"indienen": "", "bevestigen": "1"}, competencies=[])
    assert confirmed.confirmed_submit and confirmed.submit


def test_every_norm_needs_a_level():
    data = {f"norm-{c.pk}-{level}": "2" for c in COMPS for level in NormsForm.LEVELS}
    form = NormsForm(data, competencies=COMPS)
    assert form.is_valid()
    assert form.expected()[(8, 4)] == 2 and len(form.expected()) == 8
    data.update({"norm-7-4": "veel", "norm-8-1": ""})
    form = NormsForm(data, competencies=COMPS)
    assert not form.is_valid()
    assert form.non_field_errors() == ["Kies een niveau bij: A1 SCW 4, A2 SCW 1."]
    assert (7, 4) not in form.expected() and form.expected()[(7, 3)] == 2
