"""Dagster resources: the warehouse, the snapshot a run reads, and the run's output folder."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline.snapshot import Snapshot


class SnapshotResource(dg.ConfigurableResource):
    """The snapshot directory every source asset reads (see `pipeline.snapshot` for the layout)."""

    path: str

    def open(self) -> Snapshot:
        return Snapshot.open(self.path)


class OutputResource(dg.ConfigurableResource):
    """Where a run writes figures, validation results and reports. `left_out`: assets a partial run
    leaves out because the snapshot lacks their sources (the figure overview says so)."""

    path: str
    left_out: list[str] = []

    @property
    def root(self) -> Path:
        return Path(self.path)

    @property
    def validation_dir(self) -> Path:
        return self.root / "validation"

    @property
    def figures_dir(self) -> Path:
        return self.root / "figures"


def warehouse_resource(database: str) -> DuckDBResource:
    return DuckDBResource(database=database)
