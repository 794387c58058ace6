"""The sources the pipeline reads, declared one module per domain: SSB tables (`SsbTable`) and Bufdir
datasets (`BufdirDataset`), with the labels and codes their declarations need. What the synthetic demo
snapshot invents for them is kept apart, in `assets.demo`.

Kept apart from the asset modules so that they load without Dagster, pandas or Great Expectations: the
CLI checks that a snapshot has every declared source before it pays for those imports. Nothing here
may import them (`tests/test_sources.py` checks).

The registries are discovered, not kept by hand: `SSB_TABLES` (by id) and `BUFDIR_DATASETS` (by name)
hold every declaration a module of this package defines at its top level, in the order of the module
names and, within a module, of definition. Adding a source is adding its declaration to a module here.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from pipeline.bufdir import BufdirDataset
from pipeline.errors import DeclarationError
from pipeline.ssb.declaration import SsbTable


def _assigned_names(module: ModuleType) -> set[str]:
    """The names a module binds by assignment at its top level: what it defines, not what it imports.

    A declaration imported from a sibling module is the very object that module holds, so only the source
    tells which module defined it.
    """
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        else:
            continue
        names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def discover(package: str, path: Iterable[str]) -> tuple[dict[str, SsbTable], dict[str, BufdirDataset],
                                                          dict[str, str]]:
    """Every `SsbTable` and `BufdirDataset` the modules of a package define, by id and by name, and the
    domain (the module's name) of each, by its raw table.

    A declaration one module imports from another is collected once, for the module that defines it;
    two declarations with one id (or name) are an error that names both places.
    """
    tables: dict[str, SsbTable] = {}
    datasets: dict[str, BufdirDataset] = {}
    domains: dict[str, str] = {}
    defined_at: dict[str, str] = {}
    seen: set[int] = set()
    for info in sorted(pkgutil.iter_modules(list(path)), key=lambda m: m.name):
        module = importlib.import_module(f"{package}.{info.name}")
        own = _assigned_names(module)
        for attribute, value in vars(module).items():
            if not isinstance(value, SsbTable | BufdirDataset) or attribute not in own or id(value) in seen:
                continue
            seen.add(id(value))
            kind, key, registry = (("SSB table", value.id, tables) if isinstance(value, SsbTable)
                                   else ("Bufdir dataset", value.name, datasets))
            here = f"{module.__name__}.{attribute}"
            if key in registry:
                raise DeclarationError(
                    f"{kind} {key!r} is declared twice: {defined_at[f'{kind} {key}']} and {here}; "
                    f"every {kind} has one declaration"
                )
            registry[key] = value
            defined_at[f"{kind} {key}"] = here
            domains[value.raw_table if isinstance(value, SsbTable) else value.table] = info.name
    return tables, datasets, domains


# SOURCE_DOMAIN: the domain of each source, by raw table ("raw.ssb_12362" -> "kostra"): its assets' group.
SSB_TABLES, BUFDIR_DATASETS, SOURCE_DOMAIN = discover(__name__, __path__)


def _kommune_datasets() -> dict:
    """Every `KommuneDataset` (the kommuner's own files, optional in a snapshot) the modules define, by name."""
    from assets.sources.asss_kommune import KommuneDataset

    found: dict[str, KommuneDataset] = {}
    for info in sorted(pkgutil.iter_modules(list(__path__)), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        own = _assigned_names(module)
        found |= {v.name: v for k, v in vars(module).items() if isinstance(v, KommuneDataset) and k in own}
    return found


# The kommuner's own files (`<snapshot>/kommune/<name>.csv|.xlsx`), by name: what `fetch --kommune` archives.
KOMMUNE_DATASETS = _kommune_datasets()
