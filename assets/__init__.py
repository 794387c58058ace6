"""The asset modules, one per domain, and `assets.sources`, the declarations of what they read.

`SSB_TABLES` and `BUFDIR_DATASETS` are the registries of declared sources, discovered in
`assets.sources`. This file imports no asset module at the top: importing `assets.sources` runs it
first, and the CLI imports the declarations before it pays for Dagster, pandas or Great Expectations.
"""

from __future__ import annotations

from types import ModuleType

from assets.sources import BUFDIR_DATASETS, SSB_TABLES

__all__ = ["BUFDIR_DATASETS", "SSB_TABLES", "demo_bufdir_files", "domain_modules", "write_demo"]


def domain_modules(exclude: tuple[str, ...] = ()) -> tuple[ModuleType, ...]:
    """The modules whose assets and checks make up the Definitions, discovered: every module of this
    package but the declarations (`assets.sources`), in name order. Importing them imports Dagster."""
    import importlib
    import pkgutil

    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.ispkg and m.name not in exclude)
    return tuple(importlib.import_module(f"{__name__}.{name}") for name in names)


def demo_bufdir_files(report_year: int) -> dict[str, bytes]:
    """The synthetic Bufdir files of the demo snapshot, by path (`bufdir/<dataset>.csv|.xlsx`)."""
    from assets import bufetat, fosterhjem, samarbeid

    files: dict[str, bytes] = {}
    for module in (fosterhjem, bufetat, samarbeid):
        files |= module.demo_bufdir_files(report_year)
    return files


def write_demo(target, report_year: int):
    """The synthetic demo snapshot of a report year: every declared SSB table and the demo reference tables."""
    from assets import reference
    from assets.demo import DEMO_TABLES
    from pipeline.demo import write_demo_snapshot

    extra = {f"reference/{name}.csv": text.encode("utf-8")
             for name, text in reference.demo_reference_files(report_year).items()}
    extra |= demo_bufdir_files(report_year)
    return write_demo_snapshot(target, SSB_TABLES.values(), DEMO_TABLES, report_year, extra)
