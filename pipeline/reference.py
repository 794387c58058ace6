"""Reference data: small CSV tables of published facts, each row with its source.

The built-in tables are `sql/seeds/<name>.csv`. A snapshot may carry `reference/<name>.csv`, which
then overrides the built-in one for runs on that snapshot (the demo snapshot does this with its
synthetic deflator, labelled as such). Every table is declared once here: columns with types, the
columns that must name a source, and its expectations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.errors import ReferenceDataError
from pipeline.expectations import Expectations
from pipeline.paths import SQL_DIR
from pipeline.snapshot import Snapshot
from pipeline.typed_csv import Column, Kind, read_typed_file

SEEDS_DIR = SQL_DIR / "seeds"


@dataclass(frozen=True)
class ReferenceTable:
    name: str
    description: str
    columns: dict[str, Kind]  # name -> text | int | float | bool
    optional: tuple[str, ...] = ()  # columns that may be empty
    source_columns: tuple[str, ...] = ("source_document", "source_url")
    expectations: Expectations = field(default_factory=Expectations)
    # What one row is and what each column means, `meaning [unit]` (the warehouse's comments, pipeline.catalog).
    one_row: str = ""
    column_docs: dict[str, str] = field(default_factory=dict)

    @property
    def table(self) -> str:
        return f"reference.{self.name}"


@dataclass
class LoadedReference:
    frame: pd.DataFrame
    path: Path
    origin: str  # "built-in" or "snapshot"
    synthetic: bool


def read_reference_csv(spec: ReferenceTable, path: Path) -> pd.DataFrame:
    """Read and type-check one reference CSV (pipeline.typed_csv); errors name the file, row and column,
    and every row must name its source."""
    columns = [Column(name, kind, nullable=name in spec.optional and name not in spec.source_columns,
                      why_required="every row must name its source" if name in spec.source_columns else None)
               for name, kind in spec.columns.items()]
    return read_typed_file(path, columns, error=ReferenceDataError, numbers="plain")


def load_reference(spec: ReferenceTable, snapshot: Snapshot | None) -> LoadedReference:
    """The snapshot's `reference/<name>.csv` if it has one, else the built-in seed."""
    override = snapshot.optional_file("reference", spec.name, (".csv",)) if snapshot else None
    if override is not None:
        relpath = override.relative_to(snapshot.root).as_posix()
        snapshot.read_bytes(relpath)  # verifies the manifest's sha256 where it lists the file
        return LoadedReference(read_reference_csv(spec, override), override, "snapshot",
                               snapshot.is_synthetic(relpath))
    path = SEEDS_DIR / f"{spec.name}.csv"
    return LoadedReference(read_reference_csv(spec, path), path, "built-in", False)
