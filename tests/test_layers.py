"""The layers import downwards only: the application (`pipeline.app`: CLI, run driver, fetch, Definitions)
uses the machinery (`pipeline`) and the domain (`assets`); the domain uses the machinery; the machinery
knows nothing of either (STYLE.md: "pipeline/ ... knows nothing of any single indicator")."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _imports_of(folder: Path, exclude: Path | None = None) -> dict[str, set[str]]:
    return {p.relative_to(ROOT).as_posix(): imported_modules(p) for p in sorted(folder.rglob("*.py"))
            if exclude is None or not p.is_relative_to(exclude)}


def _offending(imports: dict[str, set[str]], forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    def is_forbidden(module: str) -> bool:
        return any(module == f or module.startswith(f + ".") for f in forbidden)

    return {path: sorted(filter(is_forbidden, modules)) for path, modules in imports.items()
            if any(map(is_forbidden, modules))}


def test_the_machinery_imports_neither_the_domain_nor_the_application():
    imports = _imports_of(ROOT / "pipeline", exclude=ROOT / "pipeline" / "app")
    assert len(imports) > 20
    assert _offending(imports, ("assets", "pipeline.app")) == {}


def test_the_domain_does_not_import_the_application():
    assert _offending(_imports_of(ROOT / "assets"), ("pipeline.app",)) == {}


def test_the_layer_test_sees_an_import_inside_a_function(tmp_path):
    path = tmp_path / "m.py"
    path.write_text("def f():\n    from assets.sources import SSB_TABLES\n    import pipeline.app.cli\n")
    assert imported_modules(path) == {"assets.sources", "pipeline.app.cli"}
