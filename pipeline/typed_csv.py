"""One reader for the typed files the pipeline reads: Bufdir drops (CSV or spreadsheet) and the reference
CSVs (the built-in seeds, or a snapshot's overrides).

A file is read against declared columns (`Column`): a missing or renamed column, a value of the wrong type,
a number in a format it cannot read, a value outside the allowed set, each stops the read with the file,
the row and the column named and what was expected.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pipeline.errors import ReformevalError

# pandas is imported only where a file is read: declarations import this module, and the CLI checks a
# snapshot against them before it pays for importing pandas.
if TYPE_CHECKING:
    import pandas as pd

Kind = Literal["text", "int", "float", "date", "bool"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    description: str = ""
    unit: str | None = None
    allowed: tuple[str, ...] | None = None
    nullable: bool = False
    width: int | None = None  # a zero-padded code (kommunenummer "0301"), whatever a spreadsheet made of it
    why_required: str | None = None  # said when a non-nullable cell is empty (default: the kind expected)


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


def parse_plain_number(text: str) -> float:
    """A number as the project's own files write it: `3.7`, or `3,7` from a Norwegian source; never a
    thousands separator."""
    value = text.strip()
    if value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")
    return float(value)


_NUMBER_READERS = {"norwegian": parse_number, "plain": parse_plain_number}
_BOOLEANS = {"true": True, "ja": True, "1": True, "yes": True, "false": False, "nei": False, "0": False, "no": False}


def _convert(raw: object, column: Column, where: str, error: type[ReformevalError], numbers: str) -> object:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if column.nullable:
            return None
        raise error(f"{where}, column {column.name!r}: empty; {column.why_required or f'expected a {column.kind}'}")
    try:
        if column.kind == "text":
            if isinstance(raw, float) and raw.is_integer():
                raw = int(raw)  # a code a spreadsheet stored as a number
            value: object = str(raw).strip()
            if column.width is not None and value.isdigit():
                value = value.zfill(column.width)
        elif column.kind == "int" and numbers == "plain" and not isinstance(raw, int | float):
            value = int(str(raw).strip())  # the project's own files write whole numbers as such: not 2e3, not 2020.0
        elif column.kind in ("int", "float"):
            number = float(raw) if isinstance(raw, int | float) else _NUMBER_READERS[numbers](str(raw))
            if not math.isfinite(number):
                raise ValueError(raw)
            if column.kind == "int":
                if number != int(number):
                    raise ValueError(raw)
                value = int(number)
            else:
                value = number
        elif column.kind == "bool":
            value = _BOOLEANS[str(raw).strip().lower()]
        else:  # date: 2023-04-30, 30.04.2023 or a spreadsheet date
            if isinstance(raw, dt.datetime):
                value = raw.date()
            elif isinstance(raw, dt.date):
                value = raw
            else:
                text = str(raw).strip()
                fmt = "%d.%m.%Y" if "." in text else "%Y-%m-%d"
                value = dt.datetime.strptime(text, fmt).date()
    except (ValueError, TypeError, KeyError, OverflowError):
        example = {"int": "1 234" if numbers == "norwegian" else "2023",
                   "float": "1 234,5 (not 1.234 or 1,234: ambiguous)" if numbers == "norwegian"
                   else "3.7 or 3,7", "date": "30.04.2023 or 2023-04-30", "text": "text", "bool": "true or false"}
        raise error(
            f"{where}, column {column.name!r}: {raw!r} is not a {column.kind} (expected e.g. {example[column.kind]})"
        ) from None
    if column.allowed is not None and value not in column.allowed:
        raise error(
            f"{where}, column {column.name!r}: {value!r} is not an allowed value; expected one of "
            f"{list(column.allowed)}"
        )
    return value


def _rows_from_csv(path: Path, error: type[ReformevalError]) -> tuple[list[str], list[list[str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise error(f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 (byte {exc.start}); save the file as UTF-8 CSV") from None
    lines = text.splitlines()
    if not lines:
        raise error(f"{path}: empty file; expected a header row")
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return rows[0], rows[1:]


def _rows_from_xlsx(path: Path, error: type[ReformevalError]) -> tuple[list[str], list[list[object]]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001  (openpyxl raises many kinds for a broken file)
        raise error(f"{path}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    if not rows:
        raise error(f"{path}: the first sheet is empty; expected a header row")
    header = ["" if h is None else str(h) for h in rows[0]]
    return header, rows[1:]


def _norm(name: str) -> str:
    return " ".join(str(name).split()).casefold()


def read_typed_file(path: Path, columns: Sequence[Column], *, error: type[ReformevalError] = ReformevalError,
                    numbers: Literal["norwegian", "plain"] = "norwegian",
                    row_column: str | None = None) -> pd.DataFrame:
    """Read a CSV (`;` or `,`) or .xlsx file against declared columns, typed. Header names are matched
    without regard to case and spacing; columns the file has beyond the declared ones are not read;
    empty rows are skipped. `numbers`: "norwegian" for files people write (`1 234,5`; `1.234` refused as
    ambiguous), "plain" for files the project writes (`3.7`, or `3,7`). `row_column`: also a column of
    that name with each record's row in the file (the header is row 1), for checks across columns that
    must name the row."""
    import pandas as pd

    header, rows = _rows_from_xlsx(path, error) if path.suffix.lower() == ".xlsx" else _rows_from_csv(path, error)
    names = [_norm(h) for h in header]
    repeated = sorted({h for h in names if h and names.count(h) > 1})
    if repeated:
        raise error(f"{path}: column(s) {repeated} appear more than once in the header {header}")
    positions = {name: i for i, name in enumerate(names)}
    missing = [c.name for c in columns if _norm(c.name) not in positions]
    if missing:
        raise error(
            f"{path}: column(s) {missing} missing (renamed?); expected columns {[c.name for c in columns]}, "
            f"the file has {header}"
        )
    records = []
    for number, row in enumerate(rows, start=2):
        if not any(v is not None and str(v).strip() for v in row):
            continue
        where = f"{path}, row {number}"
        extra = [v for v in row[len(header):] if v is not None and str(v).strip()]
        if extra:
            raise error(
                f"{where}: {len(header) + len(extra)} cells for {len(header)} columns (a decimal comma in a "
                f"comma-separated file?); the extra cells are {extra}"
            )
        record = {}
        for column in columns:
            i = positions[_norm(column.name)]
            record[column.name] = _convert(row[i] if i < len(row) else None, column, where, error, numbers)
        if row_column is not None:
            record[row_column] = number
        records.append(record)
    frame = pd.DataFrame(records, columns=[c.name for c in columns] + ([row_column] if row_column else []))
    if row_column is not None:
        frame[row_column] = frame[row_column].astype("Int64")
    for column in columns:
        if column.kind == "int":
            frame[column.name] = frame[column.name].astype("Int64")
        elif column.kind == "float":
            frame[column.name] = frame[column.name].astype("Float64")
        elif column.kind == "date":
            frame[column.name] = pd.to_datetime(frame[column.name]).dt.date
        elif column.kind == "bool":
            frame[column.name] = frame[column.name].astype("boolean")
        else:
            frame[column.name] = frame[column.name].astype("string")
    return frame
