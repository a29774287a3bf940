"""The mapping step of an import: a column per question, a value per answer label, and the
neighbourhood of the round when a file holds several (mapping.py proposes, the user confirms).

Field names: ``kolom_<item code>``, ``antwoord_<scale code>_<hash of the label>`` (a label can
be any text) and ``wijk``. The labels follow the chosen columns: a label the form did not show
yet gets a proposal and an error, so nothing is mapped unseen.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opbouw.core.formats import number_text
from opbouw.measurements import exchange, mapping
from opbouw.measurements.models import Item

NO_ANSWER = "geen"


def label_field_name(scale: str, key: str) -> str:
    return f"antwoord_{scale}_{hashlib.sha1(key.encode()).hexdigest()[:10]}"


class MappingForm(forms.Form):
    def __init__(self, data: Mapping[str, Any] | None, *, table: exchange.Table,
                 items: Sequence[Item], proposal: mapping.Proposal) -> None:
        super().__init__(data)
        self.table, self.items, self.proposal = table, items, proposal
        column_choices = [("", _("— staat niet in het bestand —"))] + [
            (str(i), table.header[i][:90]) for i in proposal.candidates]
        for item in items:
            index = proposal.proposed.columns.get(item.code)
            self.fields[f"kolom_{item.code}"] = forms.ChoiceField(
                label=f"{item.code}: {item.text}", choices=column_choices, required=False,
                initial="" if index is None else str(index))
        # The labels of the columns as posted (or proposed), so they match the columns.
        self.columns = self._posted_columns()
        self.labels = mapping.collect_labels(items, table, self.columns)
        first: dict[str, Item] = {}
        for item in items:
            first.setdefault(item.scale.code, item)
        self.label_fields: list[tuple[str, list[str]]] = []  # (scale name, field names)
        for code, found in self.labels.items():
            item = first[code]
            _exact, proposed = mapping.label_proposal(item, list(found.found))
            proposed.update({k: v for k, v in (proposal.proposed.answers.get(code) or {}).items()
                             if k in found.found})
            choices = [("", _("— kies —")), (NO_ANSWER, _("geen antwoord"))] + [
                (str(o.value), f"{o.value} = {o.label}") for o in item.scale.options.all()]
            names = []
            for key, (shown, count) in found.found.items():
                name = label_field_name(code, key)
                value = proposed.get(key, "")
                self.fields[name] = forms.ChoiceField(
                    label=_("„%(label)s” (%(n)s×)") % {"label": shown,
                                                       "n": number_text(count)},
                    choices=choices,
                    error_messages={"required": _("Kies wat dit antwoord betekent.")},
                    initial=NO_ANSWER if key in proposed and value is None else
                    ("" if value == "" else str(value)))
                names.append(name)
            self.label_fields.append((item.scale.name, names))
        if len(proposal.places) > 1:
            self.fields["wijk"] = forms.MultipleChoiceField(
                label=_("Welke wijk of buurt hoort bij deze meetronde?"),
                help_text=_("Het bestand heeft antwoorden uit meer dan één wijk. Alleen de "
                            "rijen van wat u aanvinkt worden geïmporteerd."),
                choices=[(key or "-", ngettext("%(place)s (%(n)s rij)",
                                               "%(place)s (%(n)s rijen)", n) % {
                    "place": shown or _("leeg"), "n": number_text(n)})
                         for key, shown, n in proposal.places],
                widget=forms.CheckboxSelectMultiple,
                error_messages={"required": _("Vink minstens één wijk of buurt aan.")},
                initial=[k or "-" for k in (proposal.proposed.places or ())])

    def _posted_columns(self) -> dict[str, int]:
        if not self.is_bound:
            return dict(self.proposal.proposed.columns)
        columns = {}
        for item in self.items:
            raw = str(self.data.get(f"kolom_{item.code}", "")).strip()
            if raw.isdigit() and int(raw) in self.proposal.candidates:
                columns[item.code] = int(raw)
        return columns

    def place_field(self) -> forms.BoundField | None:
        return self["wijk"] if "wijk" in self.fields else None

    def item_fields(self) -> list[forms.BoundField]:
        return [self[f"kolom_{item.code}"] for item in self.items]

    def label_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(scale, [self[n] for n in names]) for scale, names in self.label_fields]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        seen: dict[int, str] = {}
        for item in self.items:
            raw = data.get(f"kolom_{item.code}") or ""
            if not raw:
                if item.required:
                    self.add_error(f"kolom_{item.code}", _(
                        "Kies de kolom van deze verplichte vraag; zonder haar kan niets "
                        "worden geïmporteerd."))
                continue
            index = int(raw)
            if index in seen:
                self.add_error(f"kolom_{item.code}", _(
                    "Deze kolom is al gekozen bij vraag %(code)s.") % {"code": seen[index]})
            seen[index] = item.code
        if not seen:
            self.add_error(None, _("Kies bij minstens één vraag de kolom."))
        for item in self.items:
            found = self.labels.get(item.scale.code)
            if found is not None and found.too_many and item.code in self.columns:
                self.add_error(f"kolom_{item.code}", _(
                    "Deze kolom heeft meer dan %(n)s verschillende antwoorden; is dit de "
                    "goede kolom?") % {"n": mapping.MAX_LABELS})
        for code, found in self.labels.items():
            for key in found.found:
                name = label_field_name(code, key)
                if name not in self.data:  # shown for the first time: never unseen
                    self.errors[name] = self.error_class([_(
                        "Nieuw bij deze kolom: kies wat dit antwoord betekent.")])
        return data

    def mapping(self) -> exchange.ColumnMapping:
        """The confirmed mapping (only on a valid form)."""
        data = self.cleaned_data
        answers: dict[str, dict[str, int | None]] = {}
        for code, found in self.labels.items():
            meanings: dict[str, int | None] = {}
            for key in found.found:
                raw = data[label_field_name(code, key)]
                meanings[key] = None if raw == NO_ANSWER else int(raw)
            answers[code] = meanings
        places = None
        if "wijk" in self.fields:
            places = frozenset("" if k == "-" else k for k in data["wijk"])
        return exchange.ColumnMapping(columns=self.columns, answers=answers,
                                      place_column=self.proposal.proposed.place_column,
                                      places=places)
