"""The report year: the partition of every report-level asset.

The evaluation publishes a status report each year from 2023 to 2026 and a final report in 2027.
A report year's SSB data ends the year before (the statistics year), see `SsbTable.data_years`.
"""

from __future__ import annotations

import dagster as dg

from pipeline.report_years import DEFAULT_REPORT_YEAR, REPORT_YEARS

__all__ = ["DEFAULT_REPORT_YEAR", "REPORT_YEARS", "report_year", "report_year_partitions"]

report_year_partitions = dg.StaticPartitionsDefinition(list(REPORT_YEARS))


def report_year(context: dg.AssetExecutionContext | dg.AssetCheckExecutionContext) -> int:
    return int(context.partition_key)
