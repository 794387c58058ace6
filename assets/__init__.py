"""The asset modules, one per domain, and `assets.sources`, the declarations of what they read.

`SSB_TABLES` and `BUFDIR_DATASETS` are the registries of declared sources, discovered in
`assets.sources`. This file imports no asset module at the top: importing `assets.sources` runs it
first, and the CLI imports the declarations before it pays for Dagster, pandas or Great Expectations.
"""

from __future__ import annotations

from types import ModuleType

from assets.sources import BUFDIR_DATASETS, SSB_TABLES

__all__ = ["BUFDIR_DATASETS", "SSB_TABLES", "demo_bufdir_files", "domain_modules", "write_demo"]


def domain_modules() -> tuple[ModuleType, ...]:
    """The modules whose assets and checks make up the Definitions (importing them imports Dagster)."""
    from assets import (
        andre_tjenester,
        befolkning,
        bufetat,
        egenandeler,
        flyttinger,
        fosterhjem,
        kostra,
        meldinger,
        plasseringer,
        rammetilskudd,
        reference,
        report,
        samarbeid,
        tiltak,
        tiltak_alder,
    )

    return (reference, kostra, befolkning, rammetilskudd, tiltak, plasseringer, tiltak_alder, andre_tjenester,
            meldinger, flyttinger, fosterhjem, egenandeler, bufetat, samarbeid, report)


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
    from pipeline.demo import write_demo_snapshot

    extra = {f"reference/{name}.csv": text.encode("utf-8")
             for name, text in reference.demo_reference_files(report_year).items()}
    extra |= demo_bufdir_files(report_year)
    return write_demo_snapshot(target, SSB_TABLES.values(), report_year, extra)
