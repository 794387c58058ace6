"""Bufdir extracts: files evaluators receive from Bufdir (CSV or spreadsheet), read against a
declared schema per dataset.

`<snapshot>/bufdir/<dataset>.csv` (`;` or `,` separated, UTF-8) or `<snapshot>/bufdir/<dataset>.xlsx`
(first sheet, header in the first row). Every error names the file, the row and the column, and what
was expected: a missing or renamed column, a value of the wrong type, a number in a format it cannot
read, a value outside the allowed set (e.g. an unknown Bufetat region).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from pipeline.errors import ReformevalError
from pipeline.expectations import Expectations
from pipeline.snapshot import Snapshot

# pandas is imported only where a file is read: the dataset declarations (assets.sources) import this
# module, and the CLI checks a snapshot against them before it pays for importing pandas.
if TYPE_CHECKING:
    import duckdb
    import pandas as pd

Kind = Literal["text", "int", "float", "date"]


class BufdirFileError(ReformevalError):
    """A Bufdir file that does not match its declared schema."""


@dataclass(frozen=True)
class BufdirColumn:
    name: str
    kind: Kind
    description: str = ""
    unit: str | None = None
    allowed: tuple[str, ...] | None = None
    nullable: bool = False
    width: int | None = None  # a zero-padded code (kommunenummer "0301"), whatever a spreadsheet made of it


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
    columns: tuple[BufdirColumn, ...]
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


# "1 234,5" (space or no-break space for thousands, comma for decimals), "1234.5", "-12", "1 234".
_NUMBER = re.compile(r"^[+-]?(\d{1,3}([ \u00a0\u202f]\d{3})+|\d+)([.,]\d+)?$")


_AMBIGUOUS = re.compile(r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$")


def parse_number(text: str) -> float:
    """A number as Norwegian spreadsheets write it; raises ValueError on anything else.

    "1.234" and "1,234" are refused: one is a thousands separator in one convention and a decimal mark
    in the other, and a factor of 1 000 is not a guess to make silently.
    """
    value = text.strip()
    if not _NUMBER.match(value) or _AMBIGUOUS.match(value):
        raise ValueError(value)
    value = re.sub(r"[ \u00a0\u202f]", "", value).replace(",", ".")
    return float(value)


def _convert(raw: object, column: BufdirColumn, where: str) -> object:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if column.nullable:
            return None
        raise BufdirFileError(f"{where}, column {column.name!r}: empty; expected a {column.kind}")
    try:
        if column.kind == "text":
            if isinstance(raw, float) and raw.is_integer():
                raw = int(raw)  # a code a spreadsheet stored as a number
            value: object = str(raw).strip()
            if column.width is not None and value.isdigit():
                value = value.zfill(column.width)
        elif column.kind in ("int", "float"):
            number = float(raw) if isinstance(raw, int | float) else parse_number(str(raw))
            if column.kind == "int":
                if number != int(number):
                    raise ValueError(raw)
                value = int(number)
            else:
                value = number
        else:  # date: 2023-04-30, 30.04.2023 or a spreadsheet date
            if isinstance(raw, dt.datetime):
                value = raw.date()
            elif isinstance(raw, dt.date):
                value = raw
            else:
                text = str(raw).strip()
                fmt = "%d.%m.%Y" if "." in text else "%Y-%m-%d"
                value = dt.datetime.strptime(text, fmt).date()
    except (ValueError, TypeError):
        example = {"int": "1 234", "float": "1 234,5 (not 1.234 or 1,234: ambiguous)",
                   "date": "30.04.2023 or 2023-04-30", "text": "text"}
        raise BufdirFileError(
            f"{where}, column {column.name!r}: {raw!r} is not a {column.kind} (expected e.g. {example[column.kind]})"
        ) from None
    if column.allowed is not None and value not in column.allowed:
        raise BufdirFileError(
            f"{where}, column {column.name!r}: {value!r} is not an allowed value; expected one of "
            f"{list(column.allowed)}"
        )
    return value


def _rows_from_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BufdirFileError(f"{path}: not UTF-8 (byte {exc.start}); save the file as UTF-8 CSV") from None
    lines = text.splitlines()
    if not lines:
        raise BufdirFileError(f"{path}: empty file; expected a header row")
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return rows[0], rows[1:]


def _rows_from_xlsx(path: Path) -> tuple[list[str], list[list[object]]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001  (openpyxl raises many kinds for a broken file)
        raise BufdirFileError(f"{path}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    if not rows:
        raise BufdirFileError(f"{path}: the first sheet is empty; expected a header row")
    header = ["" if h is None else str(h) for h in rows[0]]
    return header, rows[1:]


def _norm(name: str) -> str:
    return " ".join(str(name).split()).casefold()


def read_bufdir_file(dataset: BufdirDataset, path: Path) -> pd.DataFrame:
    """Read one Bufdir file against its dataset's schema."""
    import pandas as pd

    header, rows = _rows_from_xlsx(path) if path.suffix.lower() == ".xlsx" else _rows_from_csv(path)
    names = [_norm(h) for h in header]
    repeated = sorted({h for h in names if h and names.count(h) > 1})
    if repeated:
        raise BufdirFileError(f"{path}: column(s) {repeated} appear more than once in the header {header}")
    positions = {name: i for i, name in enumerate(names)}
    missing = [c.name for c in dataset.columns if _norm(c.name) not in positions]
    if missing:
        raise BufdirFileError(
            f"{path}: column(s) {missing} missing (renamed?); expected columns {[c.name for c in dataset.columns]}, "
            f"the file has {header}"
        )
    records = []
    for number, row in enumerate(rows, start=2):
        if not any(v is not None and str(v).strip() for v in row):
            continue
        where = f"{path}, row {number}"
        extra = [v for v in row[len(header):] if v is not None and str(v).strip()]
        if extra:
            raise BufdirFileError(
                f"{where}: {len(header) + len(extra)} cells for {len(header)} columns (a decimal comma in a "
                f"comma-separated file?); the extra cells are {extra}"
            )
        record = {}
        for column in dataset.columns:
            i = positions[_norm(column.name)]
            record[column.name] = _convert(row[i] if i < len(row) else None, column, where)
        records.append(record)
    frame = pd.DataFrame(records, columns=[c.name for c in dataset.columns])
    for column in dataset.columns:
        if column.kind == "int":
            frame[column.name] = frame[column.name].astype("Int64")
        elif column.kind == "float":
            frame[column.name] = frame[column.name].astype("Float64")
        elif column.kind == "date":
            frame[column.name] = pd.to_datetime(frame[column.name]).dt.date
        else:
            frame[column.name] = frame[column.name].astype("string")
    return frame


def find_bufdir_file(dataset: BufdirDataset, snapshot: Snapshot) -> Path:
    path = snapshot.optional_file("bufdir", dataset.name, (".csv", ".xlsx"))
    if path is None:
        raise BufdirFileError(
            f"snapshot {snapshot.root}: no Bufdir file for dataset {dataset.name!r} (expected "
            f"bufdir/{dataset.name}.csv or .xlsx with columns {[c.name for c in dataset.columns]})"
        )
    return path
