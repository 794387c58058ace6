"""Reference data: small CSV tables of published facts, each row with its source.

The built-in tables are `sql/seeds/<name>.csv`. A snapshot may carry `reference/<name>.csv`, which
then overrides the built-in one for runs on that snapshot (the demo snapshot does this with its
synthetic deflator, labelled as such). Every table is declared once here: columns with types, the
columns that must name a source, and its expectations.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.errors import ReferenceDataError
from pipeline.expectations import Expectations
from pipeline.paths import SQL_DIR
from pipeline.snapshot import Snapshot

SEEDS_DIR = SQL_DIR / "seeds"
_TYPES = {"text": str, "int": int, "float": float, "bool": bool}


@dataclass(frozen=True)
class ReferenceTable:
    name: str
    description: str
    columns: dict[str, str]  # name -> text | int | float | bool
    optional: tuple[str, ...] = ()  # columns that may be empty
    source_columns: tuple[str, ...] = ("source_document", "source_url")
    expectations: Expectations = field(default_factory=Expectations)

    @property
    def table(self) -> str:
        return f"reference.{self.name}"


@dataclass
class LoadedReference:
    frame: pd.DataFrame
    path: Path
    origin: str  # "built-in" or "snapshot"
    synthetic: bool


def _convert(value: str, kind: str, where: str, column: str) -> object:
    text = value.strip()
    try:
        if kind == "int":
            return int(text)
        if kind == "float":
            # Norwegian sources write 3,7; accept it, but never a thousands separator.
            if text.count(",") == 1 and "." not in text:
                text = text.replace(",", ".")
            return float(text)
        if kind == "bool":
            if text.lower() in ("true", "ja", "1", "yes"):
                return True
            if text.lower() in ("false", "nei", "0", "no"):
                return False
            raise ValueError(text)
    except ValueError:
        raise ReferenceDataError(f"{where}, column {column!r}: {value!r} is not a valid {kind}") from None
    return text


def read_reference_csv(spec: ReferenceTable, path: Path) -> pd.DataFrame:
    """Read and type-check one reference CSV; errors name the file, row and column."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ReferenceDataError(f"reference table {spec.name}: file {path} not found") from None
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in spec.columns if c not in header]
    if missing:
        raise ReferenceDataError(
            f"{path}: column(s) {missing} missing; expected columns {list(spec.columns)}, the file has {header}"
        )
    rows = []
    for line, row in enumerate(reader, start=2):
        record = {}
        for column, kind in spec.columns.items():
            value = row.get(column) or ""
            where = f"{path}, row {line}"
            if not value.strip():
                if column in spec.source_columns:
                    raise ReferenceDataError(f"{where}, column {column!r}: every row must name its source")
                if column not in spec.optional:
                    raise ReferenceDataError(f"{where}, column {column!r}: empty; expected a {kind}")
                record[column] = None
                continue
            record[column] = _convert(value, kind, where, column)
        rows.append(record)
    frame = pd.DataFrame(rows, columns=list(spec.columns))
    for column, kind in spec.columns.items():
        if kind == "int":
            frame[column] = frame[column].astype("Int64")
        elif kind == "float":
            frame[column] = frame[column].astype("Float64")
        elif kind == "bool":
            frame[column] = frame[column].astype("boolean")
        else:
            frame[column] = frame[column].astype("string")
    return frame


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
