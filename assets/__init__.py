"""The asset modules, one per domain; `assets.sources`, the declarations of what they read; and
`assets.demo`, what the synthetic demo snapshot invents for those sources.

`SSB_TABLES` and `BUFDIR_DATASETS` are the registries of declared sources, discovered in
`assets.sources`. This file imports no asset module at the top: importing `assets.sources` runs it
first, and the CLI imports the declarations before it pays for Dagster, pandas or Great Expectations.
"""

from __future__ import annotations

from types import ModuleType

from assets.sources import BUFDIR_DATASETS, SSB_TABLES

__all__ = ["BUFDIR_DATASETS", "SSB_TABLES", "domain_modules", "write_demo"]


def domain_modules(exclude: tuple[str, ...] = ()) -> tuple[ModuleType, ...]:
    """The modules whose assets and checks make up the Definitions, discovered: every module of this
    package but its packages (the declarations, `assets.sources`, and the demo, `assets.demo`), in name
    order. Importing them imports Dagster."""
    import importlib
    import pkgutil

    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.ispkg and m.name not in exclude)
    return tuple(importlib.import_module(f"{__name__}.{name}") for name in names)


def write_demo(target, report_year: int):
    """The synthetic demo snapshot of a report year (`assets.demo.write_demo`), importable from here as the
    CLI and the tests know it."""
    from assets.demo import write_demo

    return write_demo(target, report_year)
