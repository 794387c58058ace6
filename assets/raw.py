"""Every declared source as it enters the warehouse, made from the declarations in `assets.sources`:
for each SSB table its raw table (every archived reply parsed, one row per cell, symbols kept) and its
staged table (typed by its staging SQL), for each Bufdir dataset its raw table (the file read against
its schema), each with its blocking check. They sit in the group of the domain that declares them.

Adding a source is adding its declaration to `assets/sources/<domain>.py` (and, for an SSB table, its
staging SQL): nothing here changes.
"""

from assets.sources import BUFDIR_DATASETS, SOURCE_DOMAIN, SSB_TABLES
from pipeline.source_assets import bufdir_dataset_asset, ssb_table_assets

assets = [
    *(asset for table in SSB_TABLES.values() for asset in ssb_table_assets(table, SOURCE_DOMAIN[table.raw_table])),
    *(bufdir_dataset_asset(dataset, SOURCE_DOMAIN[dataset.table]) for dataset in BUFDIR_DATASETS.values()),
]
