"""Import and export of competency frameworks as JSON and as CSV (Moodle-style), and norms.

JSON: ``{"format": "opbouw-framework/1", "framework": {...}, "scale": [...], "themes": [...],
"norms": [...]}``, the format of ``data/scw_profile.json``.

CSV: one row per item with the columns ``parent_id, id, short_name, description, kind``,
plus ``version`` and ``source`` (used on the framework row only). The first row describes the
framework (kind ``framework``); then scale levels (kind ``scale``, id = value), themes
(``theme_generic`` / ``theme_specific``), competencies (``competency_generic`` /
``competency_specific``) and indicators (``indicator_process`` / ``indicator_result``), each
naming its parent's id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from opbouw.access.actor import NOBODY, Actor
from opbouw.competences.models import Competency, Framework, Indicator, Norm, ScaleLevel, Theme
from opbouw.core.audit import Action, audit_record
from opbouw.core.csvread import BrokenCsv, known_columns, read_rows
from opbouw.core.exports import Table, formula_unquoted, table_csv
from opbouw.core.text import has_control_characters, parse_int

FORMAT = "opbouw-framework/1"
CSV_COLUMNS = ["parent_id", "id", "short_name", "description", "kind", "version", "source"]
THEME_KINDS = {"theme_generic": True, "theme_specific": False}
COMPETENCY_KINDS = {"competency_generic": "generic", "competency_specific": "specific"}
INDICATOR_KINDS = {"indicator_process": "process", "indicator_result": "result"}


@dataclass(frozen=True)
class ImportProblem:
    """One problem in an import file."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = _("regel %(line)s") % {"line": self.line} if self.line else _("bestand")
        column = f", {_('kolom')} {self.column}" if self.column else ""
        return f"{where}{column}: {self.message}"


@dataclass
class ImportResult:
    framework: Framework | None = None
    errors: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# Export ---------------------------------------------------------------------------------

def framework_as_dict(framework: Framework) -> dict[str, Any]:
    """The framework with scale, themes, competencies, indicators and norms, as plain data."""
    themes = framework.themes.prefetch_related("competencies__indicators").order_by("order")
    norms = Norm.objects.filter(competency__framework=framework).select_related("competency")
    return {
        "format": FORMAT,
        "framework": {"name": framework.name, "version": framework.version,
                      "source": framework.source, "description": framework.description},
        "scale": [{"value": s.value, "label": s.label, "description": s.description}
                  for s in framework.scale.all()],
        "themes": [
            {"code": t.code, "name": t.name, "generic": t.is_generic, "competencies": [
                {"code": c.code, "name": c.name, "kind": c.kind, "description": c.description,
                 "indicators": [{"kind": i.kind, "text": i.text} for i in c.indicators.all()]}
                for c in t.competencies.all()
            ]}
            for t in themes
        ],
        "norms": [{"competency": n.competency.code, "scw_level": n.scw_level,
                   "expected": n.expected} for n in norms],
    }


def framework_to_json(framework: Framework) -> str:
    return json.dumps(framework_as_dict(framework), ensure_ascii=False, indent=2)


def framework_to_csv(framework: Framework) -> str:
    """The framework as CSV (commas, an exchange file, formula-safe through the export
    layer); norms are not part of the CSV format."""
    data = framework_as_dict(framework)
    key = f"{framework.name}|{framework.version}"
    rows: list[list[Any]] = [["", key, framework.name, framework.description, "framework",
                              framework.version, framework.source]]
    for level in data["scale"]:
        rows.append([key, level["value"], level["label"], level["description"], "scale", "",
                     ""])
    for theme in data["themes"]:
        kind = "theme_generic" if theme["generic"] else "theme_specific"
        rows.append([key, theme["code"], theme["name"], "", kind, "", ""])
        for comp in theme["competencies"]:
            rows.append([theme["code"], comp["code"], comp["name"], comp["description"],
                         f"competency_{comp['kind']}", "", ""])
            for number, ind in enumerate(comp["indicators"], start=1):
                rows.append([comp["code"], f"{comp['code']}-{ind['kind'][0].upper()}{number}",
                             "", ind["text"], f"indicator_{ind['kind']}", "", ""])
    table = Table.of("competentiekader", CSV_COLUMNS, rows, exchange_csv=True)
    return table_csv(table).decode("utf-8-sig")


# Import ---------------------------------------------------------------------------------

def _text(value: Any, *, line: int, column: str, errors: list, required: bool = True,
          max_length: int = 0, multiline: bool = False) -> str:
    if value is None:
        value = ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        errors.append(ImportProblem(line, column, _("verwacht tekst")))
        return ""
    value = str(value).strip()
    if required and not value:
        errors.append(ImportProblem(line, column, _("mag niet leeg zijn")))
    elif has_control_characters(value) or (not multiline and ("\n" in value or "\r" in value)):
        errors.append(ImportProblem(line, column, _("bevat tekens die niet in tekst horen")))
    elif max_length and len(value) > max_length:
        errors.append(ImportProblem(line, column, _("langer dan %(max)s tekens")
                                   % {"max": max_length}))
    return value


def _check_structure(data: dict, errors: list) -> None:
    """Check a framework given as plain data (from JSON or CSV) before anything is written."""
    fw = data.get("framework") or {}
    _text(fw.get("name"), line=0, column="framework.name", errors=errors, max_length=150)
    _text(fw.get("version"), line=0, column="framework.version", errors=errors, max_length=30)
    _text(fw.get("source"), line=0, column="framework.source", errors=errors, required=False,
          max_length=400)
    values = []
    for level in data.get("scale") or []:
        line = level.get("_line", 0)
        value = level.get("value")
        if isinstance(value, str) and parse_int(value) is not None:
            value = parse_int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            errors.append(ImportProblem(line, "id", _("schaalwaarde moet een geheel getal zijn")))
            continue
        if not 1 <= value <= 10:
            errors.append(ImportProblem(line, "id", _("schaalwaarde moet tussen 1 en 10 liggen")))
        if value in values:
            errors.append(ImportProblem(line, "id", _("schaalwaarde %(v)s staat er twee keer in")
                                       % {"v": value}))
        values.append(value)
        level["value"] = value
        _text(level.get("label"), line=line, column="short_name", errors=errors, max_length=60)
        _text(level.get("description"), line=line, column="description", errors=errors,
              required=False, max_length=300)
    if len(values) < 2:
        errors.append(ImportProblem(0, "", _("een kader heeft een schaal van minstens twee "
                                            "niveaus nodig")))
    theme_codes: set[str] = set()
    comp_codes: set[str] = set()
    for theme in data.get("themes") or []:
        line = theme.get("_line", 0)
        code = _text(theme.get("code"), line=line, column="id", errors=errors, max_length=20)
        if code in theme_codes or code in comp_codes:
            errors.append(ImportProblem(line, "id", _("code %(c)s staat er twee keer in")
                                       % {"c": code}))
        theme_codes.add(code)
        _text(theme.get("name"), line=line, column="short_name", errors=errors, max_length=150)
        for comp in theme.get("competencies") or []:
            cline = comp.get("_line", 0)
            ccode = _text(comp.get("code"), line=cline, column="id", errors=errors,
                          max_length=20)
            if ccode in comp_codes or ccode in theme_codes:
                errors.append(ImportProblem(cline, "id", _("code %(c)s staat er twee keer in")
                                           % {"c": ccode}))
            comp_codes.add(ccode)
            _text(comp.get("name"), line=cline, column="short_name", errors=errors,
                  max_length=150)
            _text(comp.get("description"), line=cline, column="description", errors=errors,
                  required=False, max_length=4000, multiline=True)
            if comp.get("kind") not in Competency.Kind.values:
                errors.append(ImportProblem(cline, "kind", _("soort moet generic of specific "
                                                            "zijn")))
            for ind in comp.get("indicators") or []:
                iline = ind.get("_line", cline)
                if ind.get("kind") not in Indicator.Kind.values:
                    errors.append(ImportProblem(iline, "kind", _("soort moet process of result "
                                                                "zijn")))
                _text(ind.get("text"), line=iline, column="description", errors=errors,
                      max_length=2000, multiline=True)
    if not comp_codes:
        errors.append(ImportProblem(0, "", _("het kader bevat geen competenties")))
    seen_norms: set[tuple] = set()
    for norm in data.get("norms") or []:
        if not isinstance(norm, dict):
            errors.append(ImportProblem(0, "norms", _("een norm moet een object zijn")))
            continue
        key = (norm.get("competency"), norm.get("scw_level"))
        if key in seen_norms:
            errors.append(ImportProblem(0, "norms", _(
                "norm voor %(c)s op SCW-niveau %(l)s staat er twee keer in")
                % {"c": key[0], "l": key[1]}))
        seen_norms.add(key)
        if isinstance(norm.get("scw_level"), bool) or isinstance(norm.get("expected"), bool):
            errors.append(ImportProblem(0, "norms", _("norm voor %(c)s: verwacht getallen")
                                       % {"c": key[0]}))
        elif norm.get("competency") not in comp_codes:
            errors.append(ImportProblem(0, "norms", _("norm voor onbekende competentie %(c)s")
                                       % {"c": norm.get("competency")}))
        elif norm.get("scw_level") not in (1, 2, 3, 4) or norm.get("expected") not in values:
            errors.append(ImportProblem(0, "norms", _(
                "norm voor %(c)s: SCW-niveau 1-4 en een waarde van de schaal verwacht")
                % {"c": norm.get("competency")}))


@transaction.atomic
def _create(data: dict) -> Framework:
    fw = data["framework"]
    framework = Framework.objects.create(
        name=fw["name"].strip(), version=str(fw["version"]).strip(),
        source=(fw.get("source") or "").strip(), description=(fw.get("description") or "").strip(),
    )
    ScaleLevel.objects.bulk_create([
        ScaleLevel(framework=framework, value=s["value"], label=s["label"].strip(),
                   description=(s.get("description") or "").strip())
        for s in data["scale"]
    ])
    by_code: dict[str, Competency] = {}
    order = 0
    for t_order, t in enumerate(data["themes"]):
        theme = Theme.objects.create(framework=framework, code=str(t["code"]).strip(),
                                     name=t["name"].strip(), is_generic=bool(t["generic"]),
                                     order=t_order)
        for c in t.get("competencies") or []:
            order += 1
            comp = Competency.objects.create(
                framework=framework, theme=theme, code=str(c["code"]).strip(),
                name=c["name"].strip(), description=(c.get("description") or "").strip(),
                kind=c["kind"], order=order)
            by_code[comp.code] = comp
            Indicator.objects.bulk_create([
                Indicator(competency=comp, kind=i["kind"], text=i["text"].strip(), order=n)
                for n, i in enumerate(c.get("indicators") or [])
            ])
    Norm.objects.bulk_create([
        Norm(competency=by_code[n["competency"]], scw_level=n["scw_level"],
             expected=n["expected"])
        for n in data.get("norms") or []
    ])
    return framework


def _finish(data: dict, result: ImportResult, actor: Actor) -> ImportResult:
    if not result.errors:
        _check_structure(data, result.errors)
    if not result.errors:
        fw = data["framework"]
        if Framework.objects.filter(name=fw["name"].strip(),
                                    version=str(fw["version"]).strip()).exists():
            result.errors.append(ImportProblem(fw.get("_line", 0), "version", _(
                "%(name)s versie %(version)s bestaat al; geef het kader een andere versie")
                % {"name": fw["name"], "version": fw["version"]}))
    if result.errors:
        return result
    result.framework = _create(data)
    audit_record(action=Action.CREATE, actor=actor.user, ip=actor.ip, obj=result.framework,
                 detail=_("competentiekader geïmporteerd"))
    return result


def framework_import_json(*, text: str, actor: Actor = NOBODY) -> ImportResult:
    """Create a framework from JSON; with any error, write nothing."""
    result = ImportResult()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        result.errors.append(ImportProblem(exc.lineno, "", _("geen geldige JSON: %(msg)s")
                                          % {"msg": exc.msg}))
        return result
    except (RecursionError, ValueError):
        result.errors.append(ImportProblem(0, "", _("geen bruikbare JSON (te diep genest of "
                                                   "ongeldige getallen)")))
        return result
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        result.errors.append(ImportProblem(0, "format", _(
            "dit is geen Opbouw-kader (verwacht \"format\": \"%(f)s\")") % {"f": FORMAT}))
        return result
    try:
        return _finish(data, result, actor)
    except (AttributeError, KeyError, TypeError) as exc:  # wrong shapes deep in the file
        result.errors.append(ImportProblem(0, "", _("onverwachte opbouw van het bestand (%(e)s)")
                                          % {"e": exc}))
        return result


def framework_import_csv(*, text: str, actor: Actor = NOBODY) -> ImportResult:
    """Create a framework from Moodle-style CSV; with any error, write nothing."""
    result = ImportResult()
    try:
        rows = [(r.line, r.cells)
                for r in read_rows(text, score=known_columns(CSV_COLUMNS))[1]]
    except BrokenCsv as exc:
        result.errors.append(ImportProblem(exc.line, "", _("geen geldig CSV (%(e)s)")
                                          % {"e": exc.reason}))
        return result
    if not rows:
        result.errors.append(ImportProblem(1, "", _("het bestand is leeg")))
        return result
    header = [h.strip().lower() for h in rows[0][1]]
    unknown = [h for h in header if h not in CSV_COLUMNS]
    for name in unknown:
        result.errors.append(ImportProblem(1, name, _("onbekende kolom; gebruik %(cols)s")
                                          % {"cols": ", ".join(CSV_COLUMNS)}))
    for name in CSV_COLUMNS[:5]:
        if name not in header:
            result.errors.append(ImportProblem(1, name, _("verplichte kolom ontbreekt")))
    if result.errors:
        return result
    body = [(n, dict(zip(header, (formula_unquoted(c.strip()) for c in cells), strict=False)))
            for n, cells in rows[1:] if any(c.strip() for c in cells)]
    for n, cells in rows[1:]:
        if any(c.strip() for c in cells) and len(cells) != len(header):
            result.errors.append(ImportProblem(n, "", _(
                "%(found)s kolommen gevonden, %(expected)s verwacht")
                % {"found": len(cells), "expected": len(header)}))
    if result.errors:
        return result
    if not body or body[0][1]["kind"] != "framework":
        result.errors.append(ImportProblem(2, "kind", _(
            "de eerste regel na de kop moet het kader zelf beschrijven (kind framework)")))
        return result
    line, fw_row = body[0]
    data: dict[str, Any] = {
        "framework": {"name": fw_row["short_name"], "version": fw_row.get("version", ""),
                      "source": fw_row.get("source", ""), "description": fw_row["description"],
                      "_line": line},
        "scale": [], "themes": [], "norms": [],
    }
    nodes: dict[str, dict] = {fw_row["id"]: {"_kind": "framework"}}
    for line, row in body[1:]:
        kind, ident, parent = row["kind"], row["id"], row["parent_id"]
        if ident in nodes:
            result.errors.append(ImportProblem(line, "id", _("id %(id)s staat er twee keer in")
                                              % {"id": ident}))
            continue
        parent_node = nodes.get(parent)
        if parent_node is None:
            result.errors.append(ImportProblem(line, "parent_id", _(
                "onbekend bovenliggend id %(id)s (het moet eerder in het bestand staan)")
                % {"id": parent or "-"}))
            continue
        expected_parent = {"scale": "framework", **dict.fromkeys(THEME_KINDS, "framework"),
                           **dict.fromkeys(COMPETENCY_KINDS, "theme"),
                           **dict.fromkeys(INDICATOR_KINDS, "competency")}.get(kind)
        if expected_parent is None:
            result.errors.append(ImportProblem(line, "kind", _("onbekende soort %(k)s")
                                              % {"k": kind or "-"}))
            continue
        if parent_node["_kind"] != expected_parent:
            result.errors.append(ImportProblem(line, "parent_id", _(
                "een %(k)s hoort onder een %(p)s") % {"k": kind, "p": expected_parent}))
            continue
        if kind == "scale":
            node = {"_kind": "scale", "_line": line, "value": ident, "label": row["short_name"],
                    "description": row["description"]}
            data["scale"].append(node)
        elif kind in THEME_KINDS:
            node = {"_kind": "theme", "_line": line, "code": ident, "name": row["short_name"],
                    "generic": THEME_KINDS[kind], "competencies": []}
            data["themes"].append(node)
        elif kind in COMPETENCY_KINDS:
            node = {"_kind": "competency", "_line": line, "code": ident,
                    "name": row["short_name"], "description": row["description"],
                    "kind": COMPETENCY_KINDS[kind], "indicators": []}
            parent_node["competencies"].append(node)
        else:
            node = {"_kind": "indicator", "_line": line, "kind": INDICATOR_KINDS[kind],
                    "text": row["description"]}
            parent_node["indicators"].append(node)
        nodes[ident] = node
    if result.errors:
        return result
    return _finish(data, result, actor)


SHIPPED = Path(__file__).resolve().parent / "data" / "scw_profile.json"


def ensure_shipped_framework() -> Framework:
    """The SCW profile that ships with Opbouw; loaded again if it is missing (the data
    migration puts it there, but a flushed test database or a deleted copy loses it)."""
    text = SHIPPED.read_text(encoding="utf-8")
    meta = json.loads(text)["framework"]
    existing = Framework.objects.filter(name=meta["name"], version=meta["version"]).first()
    if existing is not None:
        return existing
    result = framework_import_json(text=text)
    if not result.ok:  # the shipped file is checked by the tests; this would be a build error
        raise RuntimeError("; ".join(str(e) for e in result.errors))
    assert result.framework is not None  # an import without errors made one
    return result.framework


@transaction.atomic
def norms_update(*, framework: Framework, expected: dict[tuple[int, int], int],
                 actor: Actor = NOBODY) -> int:
    """Set expected levels {(competency id, SCW level): value}; return how many changed."""
    values = set(framework.scale.values_list("value", flat=True))
    competencies = set(framework.competencies.values_list("pk", flat=True))
    from django.core.exceptions import ValidationError

    for (comp_id, level), value in expected.items():
        if comp_id not in competencies or level not in (1, 2, 3, 4):
            raise ValidationError(_("Onbekende competentie of SCW-niveau."))
        if value not in values:
            raise ValidationError(_("Kies een niveau van de schaal."))
    existing = {(n.competency_id, n.scw_level): n
                for n in Norm.objects.filter(competency__framework=framework)}
    changed = 0
    for key, value in expected.items():
        norm = existing.get(key)
        if norm is None:
            Norm.objects.create(competency_id=key[0], scw_level=key[1], expected=value)
            changed += 1
        elif norm.expected != value:
            norm.expected = value
            norm.save(update_fields=["expected"])
            changed += 1
    if changed:
        audit_record(action=Action.UPDATE, actor=actor.user, ip=actor.ip, obj=framework,
                     fields=["norms"], detail=_("%(n)s normen gewijzigd") % {"n": changed})
    return changed
