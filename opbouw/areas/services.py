"""Writes to the area tree: the CSV import used by the command and the admin page."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from opbouw.areas.models import Area
from opbouw.core.audit import Action, audit_record

Level = Area.Level

# Code patterns per level: CBS codes for municipality, neighbourhood and sub-neighbourhood;
# districts (gebieden) have no CBS code, so Opbouw uses GB + municipality number + 2 digits.
CODE_PATTERNS = {
    Level.MUNICIPALITY: re.compile(r"^GM(\d{4})$"),
    Level.DISTRICT: re.compile(r"^GB(\d{4})(\d{2})$"),
    Level.NEIGHBOURHOOD: re.compile(r"^WK(\d{4})(\d{2})$"),
    Level.SUBNEIGHBOURHOOD: re.compile(r"^BU(\d{4})(\d{2})(\d{2})$"),
}
PREFIX_LEVEL = {"GM": Level.MUNICIPALITY, "GB": Level.DISTRICT, "WK": Level.NEIGHBOURHOOD,
                "BU": Level.SUBNEIGHBOURHOOD}
ALLOWED_PARENTS = {
    Level.MUNICIPALITY: (),
    Level.DISTRICT: (Level.MUNICIPALITY,),
    Level.NEIGHBOURHOOD: (Level.MUNICIPALITY, Level.DISTRICT),
    Level.SUBNEIGHBOURHOOD: (Level.NEIGHBOURHOOD,),
}
COLUMNS = {
    "code": "code",
    "naam": "name", "name": "name",
    "bovenliggende_code": "parent", "parent_code": "parent", "parent": "parent",
    "code_synthetisch": "synthetic", "synthetic": "synthetic",
    "bron": "source", "source": "source",
}
REQUIRED = ("code", "name", "parent")
YES = {"ja", "j", "yes", "y", "1", "true", "waar"}
NO = {"nee", "n", "no", "0", "false", "onwaar", ""}


@dataclass(frozen=True)
class RowError:
    """One problem in an import file: where it is and why."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("regel %(line)s, kolom %(column)s: %(message)s") % {
            "line": self.line, "column": self.column or "-", "message": self.message,
        }


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    line: int
    code: str
    name: str
    parent: str
    synthetic: bool
    source: str
    level: str = ""


def municipality_number(code: str) -> str:
    """Return the four-digit municipality number inside any area code."""
    return code[2:6]


def _read(text: str) -> tuple[list[str], list[list[str]]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)  # the header decides, not a guess
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = list(reader)
    if not rows:
        return [], []
    return [h.strip().lower() for h in rows[0]], rows[1:]


def _parse(text: str, result: ImportResult) -> list[_Row]:
    header, body = _read(text)
    if not header:
        result.errors.append(RowError(1, "", _("Het bestand is leeg.")))
        return []
    mapping: dict[int, str] = {}
    for index, name in enumerate(header):
        if name not in COLUMNS:
            result.errors.append(RowError(1, name or str(index + 1), _(
                "onbekende kolom; gebruik code, naam, bovenliggende_code en eventueel "
                "code_synthetisch en bron")))
            continue
        if COLUMNS[name] in mapping.values():
            result.errors.append(RowError(1, name, _("kolom staat er twee keer in")))
            continue
        mapping[index] = COLUMNS[name]
    missing = [c for c in REQUIRED if c not in mapping.values()]
    for column in missing:
        label = {"code": "code", "name": "naam", "parent": "bovenliggende_code"}[column]
        result.errors.append(RowError(1, label, _("verplichte kolom ontbreekt")))
    if result.errors:
        return []
    rows: list[_Row] = []
    for number, cells in enumerate(body, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            result.errors.append(RowError(number, "", _(
                "%(found)s kolommen gevonden, %(expected)s verwacht")
                % {"found": len(cells), "expected": len(header)}))
            continue
        values = {mapping[i]: cells[i].strip() for i in mapping}
        synthetic_raw = values.get("synthetic", "").lower()
        if synthetic_raw not in YES | NO:
            result.errors.append(RowError(number, "code_synthetisch", _("vul ja of nee in")))
            continue
        rows.append(_Row(number, values["code"].upper(), values["name"],
                         values["parent"].upper(), synthetic_raw in YES,
                         values.get("source", "")))
    return rows


def _check(rows: list[_Row], result: ImportResult) -> None:
    by_code: dict[str, _Row] = {}
    for row in rows:
        level = PREFIX_LEVEL.get(row.code[:2])
        if level is None or not CODE_PATTERNS[level].match(row.code):
            result.errors.append(RowError(row.line, "code", _(
                "'%(code)s' is geen geldige code; verwacht GM + 4 cijfers, GB + 6, "
                "WK + 6 of BU + 8 cijfers") % {"code": row.code}))
            continue
        row.level = level
        if not row.name:
            result.errors.append(RowError(row.line, "naam", _("naam is leeg")))
        if len(row.name) > 120:
            result.errors.append(RowError(row.line, "naam", _("naam is langer dan 120 tekens")))
        if row.code in by_code:
            result.errors.append(RowError(row.line, "code", _(
                "code %(code)s staat ook op regel %(other)s")
                % {"code": row.code, "other": by_code[row.code].line}))
            continue
        by_code[row.code] = row

    existing = {
        a.code: a.level
        for a in Area.objects.filter(
            code__in={r.parent for r in by_code.values() if r.parent}
        ).only("code", "level")
    }
    for row in by_code.values():
        allowed = ALLOWED_PARENTS[row.level]
        if not row.parent:
            if allowed:
                result.errors.append(RowError(row.line, "bovenliggende_code", _(
                    "een %(level)s moet in een groter gebied liggen")
                    % {"level": Level(row.level).label.lower()}))
            continue
        if not allowed:
            result.errors.append(RowError(row.line, "bovenliggende_code",
                                          _("een gemeente ligt niet in een ander gebied")))
            continue
        parent_level = by_code[row.parent].level if row.parent in by_code else existing.get(
            row.parent)
        if parent_level is None:
            result.errors.append(RowError(row.line, "bovenliggende_code", _(
                "onbekende code %(code)s: staat niet in het bestand en niet in Opbouw")
                % {"code": row.parent}))
            continue
        if parent_level not in allowed:
            result.errors.append(RowError(row.line, "bovenliggende_code", _(
                "een %(level)s kan niet in een %(parent)s liggen")
                % {"level": Level(row.level).label.lower(),
                   "parent": Level(parent_level).label.lower()}))
            continue
        if municipality_number(row.parent) != municipality_number(row.code):
            result.errors.append(RowError(row.line, "code", _(
                "het gemeentenummer in %(code)s past niet bij %(parent)s")
                % {"code": row.code, "parent": row.parent}))
        elif row.level == Level.SUBNEIGHBOURHOOD and row.code[2:8] != row.parent[2:8]:
            result.errors.append(RowError(row.line, "code", _(
                "een buurtcode begint met de cijfers van haar wijk (%(parent)s)")
                % {"parent": row.parent}))


def _depth_order(rows: list[_Row]) -> list[_Row]:
    order = list(Level.values)
    return sorted(rows, key=lambda r: (order.index(r.level), r.line))


def areas_import_csv(*, text: str, actor: Any = None, request: Any = None) -> ImportResult:
    """Import or update areas from CSV text; with any error, write nothing.

    Columns: code, naam, bovenliggende_code (empty for a municipality), and
    optionally code_synthetisch (ja/nee) and bron. Comma or semicolon separated.
    """
    result = ImportResult()
    rows = _parse(text.lstrip("\ufeff"), result)
    if not result.errors:
        _check(rows, result)
    if result.errors:
        result.errors.sort(key=lambda e: (e.line, e.column))
        return result
    with transaction.atomic():
        known = {a.code: a for a in Area.objects.select_for_update().filter(
            code__in=[r.code for r in rows] + [r.parent for r in rows if r.parent])}
        moved: list[tuple[str, str]] = []
        for row in _depth_order(rows):
            parent = known[row.parent] if row.parent else None
            path = f"{parent.path}/{row.code}" if parent else row.code
            area = known.get(row.code)
            if area is None:
                area = Area(code=row.code)
                result.created += 1
            else:
                result.updated += 1
                if area.path != path:
                    moved.append((area.path, path))
            area.name = row.name
            area.level = row.level
            area.parent = parent
            area.path = path
            area.code_is_synthetic = row.synthetic
            area.source = row.source
            area.save()
            known[row.code] = area
        _repath_moved(moved, {r.code for r in rows})
        audit_record(action=Action.CREATE, actor=actor, request=request,
                     detail=_("gebieden geïmporteerd: %(c)s nieuw, %(u)s bijgewerkt")
                     % {"c": result.created, "u": result.updated})
    return result


def _repath_moved(moved: list[tuple[str, str]], imported: set[str]) -> None:
    """Keep stored paths right below areas that moved to another parent."""
    for old, new in moved:
        for child in Area.objects.filter(path__startswith=f"{old}/").exclude(code__in=imported):
            child.path = new + child.path[len(old):]
            child.save(update_fields=["path"])


@transaction.atomic
def area_save(*, area: Area, actor: Any = None, request: Any = None) -> Area:
    """Save one area edited by hand, keeping its path and its descendants' paths right."""
    old_path = Area.objects.filter(pk=area.pk).values_list("path", flat=True).first()
    area.path = f"{area.parent.path}/{area.code}" if area.parent else area.code
    area.save()
    if old_path and old_path != area.path:
        _repath_moved([(old_path, area.path)], {area.code})
    return area
