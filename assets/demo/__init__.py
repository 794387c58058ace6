"""What the synthetic demo snapshot invents, one module per domain, apart from the declarations of what is
real (`assets.sources`).

A module here gives `TABLES`, how the demo fills each of its domain's SSB tables (`DemoSpec` by table
id), and/or `files(report_year)`, the synthetic files the demo snapshot carries for it, by snapshot path
(`bufdir/<dataset>.csv|.xlsx`, `reference/<name>.csv`). The modules are discovered like the
declarations, in name order: `DEMO_TABLES` holds every module's `TABLES`, in the order of `SSB_TABLES`,
and every declared SSB table must have its demo values here (a table without them stops the import,
naming it); `demo_files` merges every module's files. The machinery that turns them into a snapshot is
`pipeline.demo`; `write_demo` writes one.

Importing this package loads no Dagster, pandas or DuckDB, like `assets.sources` (the spreadsheet writer
is imported only when the files are made).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import ModuleType

from assets.sources import SOURCE_DOMAIN, SSB_TABLES
from pipeline.demo import DemoSpec, write_demo_snapshot
from pipeline.errors import DeclarationError, listing
from pipeline.snapshot import Snapshot


def demo_modules() -> tuple[ModuleType, ...]:
    """Every module of this package, in name order."""
    names = sorted(m.name for m in pkgutil.iter_modules(__path__))
    return tuple(importlib.import_module(f"{__name__}.{name}") for name in names)


def collect_tables(modules: Iterable[ModuleType], declared: Mapping[str, str]) -> dict[str, DemoSpec]:
    """The demo values of every declared SSB table, by id in the order of `declared` (table id -> the
    domain that declares it), from the `TABLES` of `modules`.

    A declared table without demo values, demo values for a table nobody declares, or one table's values
    given twice are errors that name the table and the modules.
    """
    specs: dict[str, DemoSpec] = {}
    given_by: dict[str, str] = {}
    for module in modules:
        for table_id, spec in getattr(module, "TABLES", {}).items():
            if table_id in specs:
                raise DeclarationError(f"demo values for SSB table {table_id!r} are given twice: in "
                                       f"{given_by[table_id]}.TABLES and {module.__name__}.TABLES")
            if not isinstance(spec, DemoSpec):
                raise DeclarationError(f"{module.__name__}.TABLES[{table_id!r}] is a {type(spec).__name__}, "
                                       f"not a DemoSpec")
            specs[table_id] = spec
            given_by[table_id] = module.__name__
    missing = [t for t in declared if t not in specs]
    if missing:
        where = "; ".join(f"{t} (declared in assets.sources.{declared[t]})" for t in missing)
        tables, have = ("SSB table", "has") if len(missing) == 1 else ("SSB tables", "have")
        raise DeclarationError(
            f"{tables} {where} {have} no demo values: every declared table needs a DemoSpec in the TABLES of "
            f"a module of assets.demo (assets/demo/<domain>.py), so that the demo snapshot can fill it"
        )
    unknown = [t for t in specs if t not in declared]
    if unknown:
        raise DeclarationError(
            f"demo values for SSB table(s) {listing(unknown)} ({', '.join(given_by[t] for t in unknown)}) that no "
            f"module of assets.sources declares; declared: {listing(declared)}"
        )
    return {t: specs[t] for t in declared}


# DEMO_TABLES: how the demo fills each declared SSB table, by id ("12362" -> DemoSpec).
DEMO_TABLES = collect_tables(demo_modules(), {t.id: SOURCE_DOMAIN[t.raw_table] for t in SSB_TABLES.values()})


def collect_files(modules: Iterable[ModuleType], report_year: int) -> dict[str, bytes]:
    """Every synthetic file the `files(report_year)` of `modules` make, by snapshot path, in module order;
    a path two modules make is an error that names both."""
    files: dict[str, bytes] = {}
    made_by: dict[str, str] = {}
    for module in modules:
        make = getattr(module, "files", None)
        if make is None:
            continue
        for path, data in make(report_year).items():
            if path in files:
                raise DeclarationError(f"demo file {path!r} is made twice: by {made_by[path]}.files and "
                                       f"{module.__name__}.files")
            files[path] = data
            made_by[path] = module.__name__
    return files


def demo_files(report_year: int) -> dict[str, bytes]:
    """The synthetic Bufdir and reference files of the demo snapshot for a report year, by snapshot path."""
    return collect_files(demo_modules(), report_year)


def write_demo(target: str | Path, report_year: int) -> Snapshot:
    """The synthetic demo snapshot of a report year: every declared SSB table, the demo Bufdir files and the
    demo reference tables."""
    return write_demo_snapshot(target, SSB_TABLES.values(), DEMO_TABLES, report_year, demo_files(report_year))
