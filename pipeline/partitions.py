"""The report year: the partition of every report-level asset.

The evaluation publishes a status report each year from 2023 to 2026 and a final report in 2027.
A report year's SSB data ends the year before (the statistics year), see `SsbTable.data_years`.
"""

from __future__ import annotations

import dagster as dg

REPORT_YEARS = ("2023", "2024", "2025", "2026", "2027")
DEFAULT_REPORT_YEAR = 2023

report_year_partitions = dg.StaticPartitionsDefinition(list(REPORT_YEARS))


def report_year(context: dg.AssetExecutionContext | dg.AssetCheckExecutionContext) -> int:
    return int(context.partition_key)
