"""Bufdir extracts: files evaluators receive from Bufdir (CSV or spreadsheet), read against a
declared schema per dataset.

`<snapshot>/bufdir/<dataset>.csv` (`;` or `,` separated, UTF-8) or `<snapshot>/bufdir/<dataset>.xlsx`
(first sheet, header in the first row). Every error names the file, the row and the column, and what
was expected: a missing or renamed column, a value of the wrong type, a number in a format it cannot
read, a value outside the allowed set (e.g. an unknown Bufetat region).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from pipeline.errors import ReformevalError
from pipeline.expectations import Expectations
from pipeline.snapshot import Snapshot
from pipeline.typed_csv import Column, read_typed_file

# pandas is imported only where a file is read (pipeline.typed_csv): the dataset declarations
# (assets.sources) import this module, and the CLI checks a snapshot against them before it pays for it.
if TYPE_CHECKING:
    import duckdb
    import pandas as pd


class BufdirFileError(ReformevalError):
    """A Bufdir file that does not match its declared schema."""


@dataclass(frozen=True)
class Reaches:
    """How far a file must reach for a report year: the latest value of `column` (a year, or a date)
    falls in the report year minus `years_before`, or later. A file that ends earlier is an older drop
    (last year's file, left in the folder): the report year's figures would end a year early under
    footnotes that speak of the report year, so the run stops instead."""

    column: str
    years_before: int = 0

    def expected_year(self, report_year: int) -> int:
        return report_year - self.years_before


@dataclass(frozen=True)
class BufdirDataset:
    name: str
    description: str
    columns: tuple[Column, ...]
    period: str  # what period one file covers, in words (documentation and the Dagster UI)
    reaches: Reaches  # how far a file must reach for a report year
    expectations: Expectations = field(default_factory=Expectations)

    # Every dataset declared, by raw table: the report-year models that read a raw Bufdir table check
    # that its file reaches their report year (`require_reach`) without a list to keep.
    declared: ClassVar[dict[str, BufdirDataset]] = {}

    def __post_init__(self) -> None:
        column = next((c for c in self.columns if c.name == self.reaches.column), None)
        if column is None or column.kind not in ("int", "date"):
            raise ValueError(f"Bufdir dataset {self.name}: reaches.column {self.reaches.column!r} must be one of "
                             f"its int or date columns")
        BufdirDataset.declared[self.table] = self

    @property
    def table(self) -> str:
        return f"raw.bufdir_{self.name}"


def require_reach(con: duckdb.DuckDBPyConnection, dataset: BufdirDataset, report_year: int) -> None:
    """Stop when a dataset's file ends before the report year needs, naming the file, the last period
    found and the one expected."""
    column = dataset.reaches.column
    latest, files = con.execute(
        f'select max("{column}"), string_agg(distinct fil, \', \') from {dataset.table}').fetchone()
    expected = dataset.reaches.expected_year(report_year)
    found = latest if isinstance(latest, int) else getattr(latest, "year", None)
    if found is None or found < expected:
        raise BufdirFileError(
            f"{files or dataset.table}, column {column!r}: the file ends at {latest} but report year {report_year} "
            f"needs {dataset.name} up to {expected} ({dataset.period}); is it an older drop? Put the report "
            f"year's file in the snapshot"
        )


def read_bufdir_file(dataset: BufdirDataset, path: Path) -> pd.DataFrame:
    """Read one Bufdir file against its dataset's schema (numbers as Norwegian spreadsheets write them)."""
    return read_typed_file(path, dataset.columns, error=BufdirFileError)


def find_bufdir_file(dataset: BufdirDataset, snapshot: Snapshot) -> Path:
    path = snapshot.optional_file("bufdir", dataset.name, (".csv", ".xlsx"))
    if path is None:
        raise BufdirFileError(
            f"snapshot {snapshot.root}: no Bufdir file for dataset {dataset.name!r} (expected "
            f"bufdir/{dataset.name}.csv or .xlsx with columns {[c.name for c in dataset.columns]})"
        )
    return path
