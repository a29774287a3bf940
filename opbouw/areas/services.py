"""Writes to the area tree: the CSV import used by the command and the admin page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opbouw.access.actor import NOBODY, Actor
from opbouw.areas.models import Area
from opbouw.areas.tree import lies_within, within_q
from opbouw.core.audit import Action, audit_record
from opbouw.core.csvread import BrokenCsv, known_columns, read_rows
from opbouw.core.text import has_control_characters

Level = Area.Level

# Code patterns per level: CBS codes for municipality, neighbourhood and sub-neighbourhood;
# districts (gebieden) have no CBS code, so Opbouw uses GB + municipality number + 2 digits.
CODE_PATTERNS = {
    Level.MUNICIPALITY: re.compile(r"^GM[0-9]{4}$"),
    Level.DISTRICT: re.compile(r"^GB[0-9]{6}$"),
    Level.NEIGHBOURHOOD: re.compile(r"^WK[0-9]{6}$"),
    Level.SUBNEIGHBOURHOOD: re.compile(r"^BU[0-9]{8}$"),
}
NAME_MAX = cast(int, Area._meta.get_field("name").max_length)  # both are CharFields
SOURCE_MAX = cast(int, Area._meta.get_field("source").max_length)
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


def _read(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line number, cells) rows; raises BrokenCsv for broken quoting."""
    rows = read_rows(text, score=known_columns(COLUMNS))[1]
    if not rows:
        return [], []
    return [h.strip().lower() for h in rows[0].cells], [(r.line, r.cells) for r in rows[1:]]


def _parse(text: str, result: ImportResult) -> list[_Row]:
    try:
        header, body = _read(text)
    except BrokenCsv as exc:
        result.errors.append(RowError(exc.line, "", _(
            "hier is het bestand geen geldig CSV meer (%(reason)s); controleer aanhalingstekens "
            "en regeleinden") % {"reason": exc.reason}))
        return []
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
    for number, cells in body:
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
        level = level_of(row.code)
        if level is None:
            result.errors.append(RowError(row.line, "code", _(
                "'%(code)s' is geen geldige code; verwacht GM + 4 cijfers, GB + 6, "
                "WK + 6 of BU + 8 cijfers") % {"code": row.code}))
            continue
        row.level = level
        if not row.name:
            result.errors.append(RowError(row.line, "naam", _("naam is leeg")))
        if len(row.name) > NAME_MAX:
            result.errors.append(RowError(row.line, "naam", _(
                "naam is langer dan %(max)s tekens") % {"max": NAME_MAX}))
        if len(row.source) > SOURCE_MAX:
            result.errors.append(RowError(row.line, "bron", _(
                "bron is langer dan %(max)s tekens") % {"max": SOURCE_MAX}))
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
        known = by_code.get(row.parent)
        parent_level = known.level if known else existing.get(row.parent)
        for column, message in parent_problems(
            code=row.code, level=row.level, parent_code=row.parent, parent_level=parent_level,
        ):
            result.errors.append(RowError(row.line, column, message))


def level_of(code: str) -> str | None:
    """The level an area code stands for, or None if it is no valid code."""
    level = PREFIX_LEVEL.get(code[:2])
    return level if level and CODE_PATTERNS[level].match(code) else None


def parent_problems(
    *, code: str, level: str, parent_code: str, parent_level: str | None,
) -> list[tuple[str, str]]:
    """What is wrong with placing area code (of level) inside parent_code: (column, message)."""
    allowed = ALLOWED_PARENTS[Level(level)]
    if not parent_code:
        if allowed:
            return [("bovenliggende_code", _("een %(level)s moet in een groter gebied liggen")
                     % {"level": Level(level).label.lower()})]
        return []
    if not allowed:
        return [("bovenliggende_code", _("een gemeente ligt niet in een ander gebied"))]
    if parent_level is None:
        return [("bovenliggende_code", _(
            "onbekende code %(code)s: staat niet in het bestand en niet in Opbouw")
            % {"code": parent_code})]
    if parent_level not in allowed:
        return [("bovenliggende_code", _("een %(level)s kan niet in een %(parent)s liggen")
                 % {"level": Level(level).label.lower(),
                    "parent": Level(parent_level).label.lower()})]
    if municipality_number(parent_code) != municipality_number(code):
        return [("code", _("het gemeentenummer in %(code)s past niet bij %(parent)s")
                 % {"code": code, "parent": parent_code})]
    if level == Level.SUBNEIGHBOURHOOD and code[2:8] != parent_code[2:8]:
        return [("code", _("een buurtcode begint met de cijfers van haar wijk (%(parent)s)")
                 % {"parent": parent_code})]
    return []


def _depth_order(rows: list[_Row]) -> list[_Row]:
    order = list(Level.values)
    return sorted(rows, key=lambda r: (order.index(r.level), r.line))


def areas_import_csv(*, text: str, actor: Actor = NOBODY) -> ImportResult:
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
        audit_record(action=Action.CREATE, actor=actor.user, ip=actor.ip,
                     detail=_("gebieden geïmporteerd: %(c)s nieuw, %(u)s bijgewerkt")
                     % {"c": result.created, "u": result.updated})
    return result


def _repath_moved(moved: list[tuple[str, str]], imported: set[str]) -> None:
    """Keep stored paths right below areas that moved to another parent."""
    for old, new in moved:
        for child in Area.objects.filter(within_q([old])).exclude(code__in=imported):
            child.path = new + child.path[len(old):]
            child.save(update_fields=["path"])


def area_validate(*, area: Area) -> None:
    """Check one area edited by hand with the import's rules; raise ValidationError per field."""
    errors: dict[str, list[str]] = {}
    level = level_of(area.code or "")
    if level is None:
        errors["code"] = [_("Geen geldige code; verwacht GM + 4 cijfers, GB + 6, WK + 6 of "
                            "BU + 8 cijfers.")]
    else:
        parent = area.parent
        if parent is not None and area.pk and (
            parent.pk == area.pk or lies_within(parent.path, [area.path])
        ):
            errors["parent"] = [_("Een gebied kan niet in zichzelf of in een eigen deelgebied "
                                  "liggen.")]
        else:
            for column, message in parent_problems(
                code=area.code, level=level, parent_code=parent.code if parent else "",
                parent_level=parent.level if parent else None,
            ):
                errors.setdefault("code" if column == "code" else "parent", []).append(
                    message[:1].upper() + message[1:] + ".")
    if area.name and has_control_characters(area.name):
        errors["name"] = [_("De naam bevat tekens die niet in een naam horen.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def area_save(*, area: Area) -> Area:
    """Save one area edited by hand: validate it, set its level from its code, and keep its
    path and its descendants' paths right."""
    area.code = (area.code or "").strip().upper()
    area_validate(area=area)
    level = level_of(area.code)
    assert level is not None  # area_validate refuses a code without a level
    area.level = level
    old_path = Area.objects.filter(pk=area.pk).values_list("path", flat=True).first()
    area.path = f"{area.parent.path}/{area.code}" if area.parent else area.code
    area.save()
    if old_path and old_path != area.path:
        _repath_moved([(old_path, area.path)], {area.code})
    return area
