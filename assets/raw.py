"""Every declared source as it enters the warehouse, made from the declarations in `assets.sources`:
for each SSB table its raw table (every archived reply parsed, one row per cell, symbols kept) and its
staged table (typed by its staging SQL), for each Bufdir dataset its raw table (the file read against
its schema), each with its blocking check. They sit in the group of the domain that declares them.

Adding a source is adding its declaration to `assets/sources/<domain>.py` (and, for an SSB table, its
staging SQL): nothing here changes.
"""

import importlib
from pathlib import Path

from assets.sources import BUFDIR_DATASETS, SOURCE_DOMAIN, SSB_TABLES
from pipeline.source_assets import bufdir_dataset_asset, ssb_table_assets


def _declared_at(raw_table: str, needle: str) -> tuple[str, int | None]:
    """Where a source is declared (its module's file and the line of its id or name), for Dagster's code link."""
    path = Path(importlib.import_module(f"assets.sources.{SOURCE_DOMAIN[raw_table]}").__file__)
    lines = path.read_text(encoding="utf-8").splitlines()
    return str(path), next((i for i, line in enumerate(lines, start=1) if needle in line), None)


# The assets of each source, by SSB table id or Bufdir dataset name.
BY_SOURCE = {
    **{table.id: ssb_table_assets(table, SOURCE_DOMAIN[table.raw_table],
                                  _declared_at(table.raw_table, f'id="{table.id}"'))
       for table in SSB_TABLES.values()},
    **{dataset.name: [bufdir_dataset_asset(dataset, SOURCE_DOMAIN[dataset.table],
                                           _declared_at(dataset.table, f'name="{dataset.name}"'))]
       for dataset in BUFDIR_DATASETS.values()},
}
assets = [asset for source_assets in BY_SOURCE.values() for asset in source_assets]


def of(*sources: str) -> list:
    """The assets of some sources (SSB table ids, Bufdir dataset names): to materialise only those."""
    return [asset for source in sources for asset in BY_SOURCE[source]]
