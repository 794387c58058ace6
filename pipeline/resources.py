"""Dagster resources: the warehouse, the snapshot a run reads, and the run's output folder."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource
from pydantic import PrivateAttr

from pipeline.snapshot import Snapshot


class SnapshotResource(dg.ConfigurableResource):
    """The snapshot directory every source asset reads (see `pipeline.snapshot` for the layout)."""

    path: str

    def open(self) -> Snapshot:
        return Snapshot.open(self.path)


class OutputResource(dg.ConfigurableResource):
    """Where a run writes figures, validation results and reports. `left_out`: assets a partial run
    leaves out because the snapshot lacks their sources (the figure overview says so). `final_path`: where
    the output will be once the run puts it in place (`reformeval run` builds in a temporary sibling of
    OUT); empty where the run writes in place (the Dagster UI)."""

    path: str
    left_out: list[str] = []
    final_path: str = ""

    @property
    def in_place(self) -> bool:
        """Whether what is written now is where a reader will find it (a PDF's links are absolute)."""
        return not self.final_path or Path(self.final_path).resolve() == Path(self.path).resolve()

    @property
    def root(self) -> Path:
        return Path(self.path)

    @property
    def validation_dir(self) -> Path:
        return self.root / "validation"

    @property
    def figures_dir(self) -> Path:
        return self.root / "figures"


class WarehouseResource(DuckDBResource):
    """The DuckDB warehouse, opened once per run: each asset gets a cursor on the one open database
    instead of opening the file anew (opening it, and checkpointing it at every close, cost seconds over
    the ~200 steps of a run). The file is closed when the run ends; the run driver then checkpoints it
    and fails the run if that cannot be done (`pipeline.app.run`). A run holds the file from its first
    step to its last, so runs on one warehouse go one at a time: a second waits for the lock for up to
    about 100 s, as `DuckDBResource` does, and the UI's instance runs one run at a time
    (`.dagster_home/dagster.yaml`).

    DuckDB creates a missing database file but not its folder: the folder is made here, for any
    REFORMEVAL_WAREHOUSE path (a fresh `make dev` has no `build/dev/`, issue #9)."""

    _database: duckdb.DuckDBPyConnection | None = PrivateAttr(default=None)

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._database is not None:
            self._database.close()
            self._database = None

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self._database is None:
            if self.database != ":memory:":
                Path(self.database).parent.mkdir(parents=True, exist_ok=True)
            self._database = _connect_waiting_for_the_lock(
                self.database, {"custom_user_agent": "dagster", **self.connection_config})
        cursor = self._database.cursor()
        try:
            yield cursor
        finally:
            cursor.close()


def warehouse_resource(database: str) -> WarehouseResource:
    return WarehouseResource(database=database)


def _connect_waiting_for_the_lock(database: str, config: dict,
                                  wait_seconds: float = 100.0) -> duckdb.DuckDBPyConnection:
    """Connect, waiting (with growing pauses) while another process holds the file's lock."""
    deadline = time.monotonic() + wait_seconds
    pause = 0.2
    while True:
        try:
            return duckdb.connect(database, config=config)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 10.0)
