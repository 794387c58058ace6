"""The asset modules, one per domain. `SSB_TABLES` is the registry of declared SSB tables."""

from __future__ import annotations

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
from assets.sources import bufetat as bufetat_sources
from assets.sources import fosterhjem as fosterhjem_sources
from assets.sources import samarbeid as samarbeid_sources
from pipeline.ssb.declaration import SsbTable, by_id

SSB_TABLES: dict[str, SsbTable] = by_id(report.SOURCE_TABLES)
# Every declared Bufdir dataset, by name.
BUFDIR_DATASETS = {d.name: d for d in (
    fosterhjem_sources.VENTETID, fosterhjem_sources.VENTETID_INTERVALL, fosterhjem_sources.BEREDSKAPSHJEM_BOTID,
    fosterhjem_sources.BEREDSKAPSHJEM_AVSLUTTEDE, bufetat_sources.DRIFTSUTGIFTER, bufetat_sources.EGENANDELER_INNBETALT,
    bufetat_sources.OPPHOLDSDAGER, samarbeid_sources.SAMARBEID,
)}

DOMAIN_MODULES = (
    reference, kostra, befolkning, rammetilskudd, tiltak, plasseringer, tiltak_alder, andre_tjenester, meldinger,
    flyttinger, fosterhjem, egenandeler, bufetat, samarbeid, report,
)


def demo_bufdir_files(report_year: int) -> dict[str, bytes]:
    """The synthetic Bufdir files of the demo snapshot, by path (`bufdir/<dataset>.csv|.xlsx`)."""
    files: dict[str, bytes] = {}
    for module in (fosterhjem, bufetat, samarbeid):
        files |= module.demo_bufdir_files(report_year)
    return files


def write_demo(target, report_year: int):
    """The synthetic demo snapshot of a report year: every declared SSB table and the demo reference tables."""
    from pipeline.demo import write_demo_snapshot

    extra = {f"reference/{name}.csv": text.encode("utf-8")
             for name, text in reference.demo_reference_files(report_year).items()}
    extra |= demo_bufdir_files(report_year)
    return write_demo_snapshot(target, SSB_TABLES.values(), report_year, extra)
