"""Dependencies point one way: core > access > accounts/organisations/areas > domain apps >
web/api > demo (docs/architecture.md).

Every module of an app (tests, migrations and conftest excluded) is parsed: imports at module
level and inside functions count, and so do module names passed as strings to
``import_module``, ``__import__`` and ``import_string``, and app labels passed to
``get_model``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]  # opbouw/

# An app may import the apps of its own tier and of lower tiers only.
TIERS = {
    "core": 0,
    "access": 1,
    "accounts": 2, "organisations": 2, "areas": 2,
    "competences": 3, "methods": 3, "assignments": 3,
    "logbook": 4, "signals": 4, "measurements": 4,
    "reports": 5,
    "web": 6, "api": 6,
    "demo": 7,
}
STRING_IMPORTERS = {"import_module", "__import__", "import_string"}


def apps() -> list[str]:
    return sorted(p.parent.name for p in PACKAGE.glob("*/apps.py"))


def modules(app: str) -> Iterator[Path]:
    for path in sorted((PACKAGE / app).rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "tests" in parts or "migrations" in parts or path.name == "conftest.py":
            continue
        yield path


def _module_name(path: Path) -> str:
    parts = list(path.with_suffix("").parts)
    parts = parts[len(parts) - 1 - parts[::-1].index("opbouw"):]  # from the last "opbouw" on
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def imported_apps(path: Path) -> Iterator[tuple[int, str]]:
    """Yield (line, app) for every opbouw app the module imports, however it does so."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:  # relative: resolve against the module's package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, source] if source else base)
            # "from opbouw import web" names the app in the imported names
            names = ([f"opbouw.{alias.name}" for alias in node.names] if source == "opbouw"
                     else [source])
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            value = node.args[0].value
            name = _call_name(node)
            if isinstance(value, str) and name in STRING_IMPORTERS:
                names = [value]
            elif isinstance(value, str) and name == "get_model":
                label = value.partition(".")[0]
                names = [f"opbouw.{label}"] if label in TIERS else []
        for name in names:
            parts = name.split(".")
            if parts[0] == "opbouw" and len(parts) > 1:
                yield node.lineno, parts[1]


def violations(app: str, allowed: set[str]) -> list[str]:
    return [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports opbouw.{other}"
        for path in modules(app)
        for line, other in imported_apps(path)
        if other not in allowed
    ]


def test_every_app_has_a_tier():
    assert set(apps()) == set(TIERS), "add the new app to TIERS (and to docs/architecture.md)"


def test_core_imports_no_other_app():
    assert violations("core", {"core"}) == []


def test_access_imports_only_core():
    """The access layer is the mechanism; scopes live in the app that owns the models."""
    assert violations("access", {"core", "access"}) == []


@pytest.mark.parametrize("app", sorted(TIERS))
def test_apps_import_no_app_above_them(app):
    allowed = {other for other, tier in TIERS.items() if tier <= TIERS[app]}
    assert violations(app, allowed) == []


def test_no_domain_app_imports_web_api_or_demo():
    for app, tier in TIERS.items():
        if 2 <= tier <= 4:
            assert violations(app, set(TIERS) - {"web", "api", "demo"}) == []


def test_the_rule_sees_every_kind_of_import(tmp_path):
    source = tmp_path / "opbouw" / "core" / "sample.py"
    source.parent.mkdir(parents=True)
    source.write_text(
        "import opbouw.web.views\n"
        "from opbouw.access import scopes\n"
        "def f(apps):\n"
        "    from opbouw.signals.models import Signal\n"
        "    importlib.import_module('opbouw.logbook.scopes')\n"
        "    apps.get_model('measurements', 'Instrument')\n"
        "    from .. import api\n"
    )
    found = sorted(app for _line, app in imported_apps(source))
    assert found == ["access", "api", "logbook", "measurements", "signals", "web"]
