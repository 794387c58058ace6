"""The asset modules, one per domain. `SSB_TABLES` is the registry of declared SSB tables."""

from __future__ import annotations

from assets import befolkning, egenandeler, fosterhjem, kostra, plasseringer, rammetilskudd, reference, report, tiltak
from pipeline.ssb.declaration import SsbTable, by_id

SSB_TABLES: dict[str, SsbTable] = by_id(report.SOURCE_TABLES)
# Every declared Bufdir dataset, by name.
BUFDIR_DATASETS = {d.name: d for d in fosterhjem.DATASETS}

DOMAIN_MODULES = (reference, kostra, befolkning, rammetilskudd, tiltak, plasseringer, fosterhjem, egenandeler, report)


def write_demo(target, report_year: int):
    """The synthetic demo snapshot of a report year: every declared SSB table and the demo reference tables."""
    from pipeline.demo import write_demo_snapshot

    extra = {f"reference/{name}.csv": text.encode("utf-8")
             for name, text in reference.demo_reference_files(report_year).items()}
    extra |= fosterhjem.demo_bufdir_files(report_year)
    return write_demo_snapshot(target, SSB_TABLES.values(), report_year, extra)
