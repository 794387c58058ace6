"""The asset modules, one per domain. `SSB_TABLES` is the registry of declared SSB tables."""

from __future__ import annotations

from assets import befolkning, kostra, report
from pipeline.ssb.declaration import SsbTable, by_id

SSB_TABLES: dict[str, SsbTable] = by_id([kostra.TABLE_12362, befolkning.TABLE_07459])

DOMAIN_MODULES = (kostra, befolkning, report)
