"""Every declared source as it enters the warehouse, made from the declarations in `assets.sources`:
for each SSB table its raw table (every archived reply parsed, one row per cell, symbols kept) and its
staged table (typed by its staging SQL), for each Bufdir dataset its raw table (the file read against
its schema), each with its blocking check. They sit in the group of the domain that declares them.

Adding a source is adding its declaration to `assets/sources/<domain>.py` (and, for an SSB table, its
staging SQL): nothing here changes.
"""

from assets.sources import BUFDIR_DATASETS, SOURCE_DOMAIN, SSB_TABLES
from pipeline.source_assets import bufdir_dataset_asset, ssb_table_assets

# The assets of each source, by SSB table id or Bufdir dataset name.
BY_SOURCE = {
    **{table.id: ssb_table_assets(table, SOURCE_DOMAIN[table.raw_table]) for table in SSB_TABLES.values()},
    **{dataset.name: [bufdir_dataset_asset(dataset, SOURCE_DOMAIN[dataset.table])]
       for dataset in BUFDIR_DATASETS.values()},
}
assets = [asset for source_assets in BY_SOURCE.values() for asset in source_assets]


def of(*sources: str) -> list:
    """The assets of some sources (SSB table ids, Bufdir dataset names): to materialise only those."""
    return [asset for source in sources for asset in BY_SOURCE[source]]
