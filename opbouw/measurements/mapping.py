"""Mapping an export onto an instrument: which column is which question, what each answer
label means, and which neighbourhood a row is from.

A real KoboToolbox export of a standard scale words its questions and answers its own way
("Mee oneens" where the instrument says "Oneens"). ``propose`` matches what it can:

- **columns**: by field name or question text (exactly, as ``exchange._Columns``), then by
  similarity of the question text (the larger of difflib's ratio and the overlap of words,
  accents, case and punctuation left out), each column for one question at most;
- **answers**: by value or label, then by label without filler words ("Helemaal mee oneens"
  is "Helemaal oneens"), then by similarity, then the one label left over takes the one
  value left over ("Neutraal"); "weet niet" and the like are proposed as no answer;
- **neighbourhood**: a short column named like "wijk", "buurt" or "Wijk/buurt" that holds
  no question; with more than one value in it the user picks the rows of this round.

Whatever was not matched exactly is shown to the user to confirm (the mapping step of
views_exchange.py). A confirmed mapping is remembered per provider, instrument version and
header (``ImportMapping``), so the next file with the same columns goes straight through.
"""

from __future__ import annotations

import difflib
import hashlib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from opbouw.access.actor import Actor
from opbouw.core.personal_data import validate_no_personal_data
from opbouw.measurements import exchange
from opbouw.measurements.models import ImportMapping, Item, MeasurementRound

COLUMN_THRESHOLD = 0.6
LABEL_THRESHOLD = 0.85
MAX_LABELS = 40  # distinct answers per scale; more means the column is no scale question
FILLER = frozenset({"mee", "ik", "ben", "het", "er", "de", "een", "daar", "ermee", "wel"})
NO_ANSWER = frozenset({"weet niet", "weet ik niet", "geen antwoord", "geen mening",
                       "wil ik niet zeggen", "zeg ik liever niet", "nvt", "n v t",
                       "niet van toepassing", "onbekend", "geen idee"})
PLACE_WORDS = frozenset({"wijk", "buurt", "wijknaam", "buurtnaam", "woonwijk", "gebied",
                         "neighbourhood", "neighborhood"})


def words(text: str) -> list[str]:
    """Text as lower-case words without accents and punctuation."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", str(text))
                    if not unicodedata.combining(c))
    return "".join(c if c.isalnum() else " " for c in plain.casefold()).split()


def similarity(a: str, b: str) -> float:
    """How alike two texts are, 0 to 1: difflib's ratio or the overlap of their words."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    ratio = difflib.SequenceMatcher(None, " ".join(wa), " ".join(wb)).ratio()
    sa, sb = set(wa), set(wb)
    return max(ratio, 2 * len(sa & sb) / (len(sa) + len(sb)))


def fingerprint(header: Sequence[str]) -> str:
    return hashlib.sha256("\n".join(exchange.normalise(h) for h in header).encode()).hexdigest()


def is_place_column(header: str) -> bool:
    """A short column named after the neighbourhood: "wijk", "Buurt", "Wijk/buurt"."""
    found = words(header)
    return 0 < len(found) <= 6 and bool(PLACE_WORDS & set(found))


@dataclass
class Labels:
    """The distinct answers of one scale's columns: key -> (text as shown, rows)."""

    found: dict[str, tuple[str, int]] = field(default_factory=dict)
    too_many: bool = False


@dataclass
class Proposal:
    """What ``propose`` found: the exact part, the proposed whole, and what to show."""

    exact: exchange.ColumnMapping
    proposed: exchange.ColumnMapping
    candidates: list[int]  # columns a question may be in
    labels: dict[str, Labels]  # by scale code
    places: list[tuple[str, str, int]]  # (key, text as shown, rows)
    certain: bool


def _column_proposal(items: Sequence[Item], table: exchange.Table, place: int | None,
                     ) -> tuple[dict[str, int], dict[str, int], list[int]]:
    columns = exchange._Columns(items)
    exact: dict[str, int] = {}
    candidates = []
    for index, header in enumerate(table.header):
        if index == place or not header.strip() or exchange._is_metadata(header):
            continue
        item = columns.item(header)
        if item is not None and item.code not in exact:
            exact[item.code] = index
        else:
            candidates.append(index)
    scored = []
    for item in items:
        if item.code in exact:
            continue
        for index in candidates:
            header = table.header[index]
            if len(words(header)) < 3:  # a field name such as sv_1 is no question text
                continue
            score = max(similarity(item.text, header),
                        similarity(item.text, header.rsplit("/", 1)[-1]))
            if score >= COLUMN_THRESHOLD:
                scored.append((score, item.code, index))
    proposed = dict(exact)
    for _score, code, index in sorted(scored, reverse=True):
        if code not in proposed and index not in proposed.values():
            proposed[code] = index
    return exact, proposed, [i for i, h in enumerate(table.header)
                             if i != place and h.strip() and not exchange._is_metadata(h)]


def collect_labels(items: Sequence[Item], table: exchange.Table,
                   columns: dict[str, int]) -> dict[str, Labels]:
    """The distinct non-blank answers per scale in the columns of its questions."""
    found: dict[str, Labels] = {}
    for item in items:
        if item.code not in columns:
            continue
        labels = found.setdefault(item.scale.code, Labels())
        index = columns[item.code]
        for _number, cells in table.rows:
            text = exchange._cell_text(cells[index]) if index < len(cells) else ""
            if not text:
                continue
            key = exchange.normalise(text)
            shown, count = labels.found.get(key, (text[:100], 0))
            labels.found[key] = (shown, count + 1)
        if len(labels.found) > MAX_LABELS:
            labels.too_many = True
    return found


def label_proposal(item: Item, keys: Sequence[str]) -> tuple[dict[str, int | None],
                                                             dict[str, int | None]]:
    """(exact, proposed) meaning of each answer key on an item's scale; a key missing from
    both is unknown."""
    options = list(item.scale.options.all())
    values, by_label = exchange._options(item)
    exact: dict[str, int | None] = {}
    for key in keys:
        value = exchange._answer(key, values, by_label)
        if value is not None:
            exact[key] = value
    proposed = dict(exact)
    taken = set(exact.values())
    scored = []
    for key in keys:
        if key in proposed:
            continue
        plain = " ".join(w for w in words(key) if w not in FILLER)
        if " ".join(words(key)) in NO_ANSWER:
            proposed[key] = None
            continue
        for option in options:
            target = " ".join(w for w in words(option.label) if w not in FILLER)
            score = 1.0 if plain == target else difflib.SequenceMatcher(
                None, plain, target).ratio()
            if score >= LABEL_THRESHOLD:
                scored.append((score, key, option.value))
    for _score, key, value in sorted(scored, key=lambda s: -s[0]):
        if key not in proposed and value not in taken:
            proposed[key] = value
            taken.add(value)
    left = [k for k in keys if k not in proposed]
    free = [o.value for o in options if o.value not in taken]
    if len(left) == 1 and len(free) == 1:
        proposed[left[0]] = free[0]
    return exact, proposed


def place_values(table: exchange.Table, place: int | None) -> list[tuple[str, str, int]]:
    if place is None:
        return []
    counts: dict[str, tuple[str, int]] = {}
    for _number, cells in table.rows:
        text = exchange._cell_text(cells[place]) if place < len(cells) else ""
        key = exchange.normalise(text)
        shown, count = counts.get(key, (text[:100], 0))
        counts[key] = (shown, count + 1)
    return sorted(((k, s, n) for k, (s, n) in counts.items()), key=lambda v: (-v[2], v[1]))


def remembered(measurement_round: MeasurementRound, header: Sequence[str]
               ) -> ImportMapping | None:
    return ImportMapping.objects.filter(
        organisation=measurement_round.organisation, instrument=measurement_round.instrument,
        fingerprint=fingerprint(header)).first()


def propose(measurement_round: MeasurementRound, table: exchange.Table,
            items: Sequence[Item], known: ImportMapping | None = None) -> Proposal:
    """Match a file's columns and answers to the round's instrument (nothing is written)."""
    place = next((i for i, h in enumerate(table.header) if is_place_column(h)
                  and exchange._Columns(items).item(h) is None), None)
    exact_columns, proposed_columns, candidates = _column_proposal(items, table, place)
    certain = exact_columns == proposed_columns
    if known is not None:
        keys = {exchange.normalise(h): i for i, h in enumerate(table.header)}
        codes = {i.code for i in items}
        exact_columns = {code: keys[key] for key, code in known.columns.items()
                         if key in keys and code in codes}
        proposed_columns, certain = dict(exact_columns), True
    labels = collect_labels(items, table, proposed_columns)
    exact_answers: dict[str, dict[str, int | None]] = {}
    proposed_answers: dict[str, dict[str, int | None]] = {}
    first_item: dict[str, Item] = {}
    for item in items:
        first_item.setdefault(item.scale.code, item)
    for code, found in labels.items():
        label_keys = list(found.found)
        exact, proposed = label_proposal(first_item[code], label_keys)
        if known is not None:
            for key, value in (known.answers.get(code) or {}).items():
                if key in found.found:
                    exact[key] = proposed[key] = value
        exact_answers[code], proposed_answers[code] = exact, proposed
        if found.too_many or any(exact.get(k, "?") != proposed.get(k, "?")
                                 for k in label_keys):
            certain = False
    places = place_values(table, place)
    here = exchange.normalise(measurement_round.area.name)
    chosen = frozenset(k for k, _s, _n in places if k == here) if len(places) > 1 else None
    if len(places) > 1:
        certain = False
    return Proposal(
        exact=exchange.ColumnMapping(columns=exact_columns, answers=exact_answers,
                               place_column=place),
        proposed=exchange.ColumnMapping(columns=proposed_columns, answers=proposed_answers,
                                  place_column=place, places=chosen),
        candidates=candidates, labels=labels, places=places, certain=certain)


@transaction.atomic
def import_mapping_remember(*, actor: Actor, measurement_round: MeasurementRound,
                            header: Sequence[str], mapping: exchange.ColumnMapping,
                            ) -> ImportMapping:
    """Remember a confirmed mapping for the next file with the same header. Answer labels
    that look like personal data, or are long, are not kept (they are asked again)."""
    columns = {exchange.normalise(header[index]): code
               for code, index in mapping.columns.items() if index < len(header)}
    answers: dict[str, dict[str, int | None]] = {}
    for scale, labels in mapping.answers.items():
        kept = {}
        for key, value in labels.items():
            if len(key) > 100:
                continue
            try:
                validate_no_personal_data(key)
            except ValidationError:
                continue
            kept[key] = value
        answers[scale] = kept
    found, _created = ImportMapping.objects.update_or_create(
        organisation=measurement_round.organisation, instrument=measurement_round.instrument,
        fingerprint=fingerprint(header),
        defaults={"columns": columns, "answers": answers, "updated_by": actor.user})
    return found
