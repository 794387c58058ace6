"""Reading JSON-stat 2.0 datasets (SSB PxWebApi v2 replies) into tidy frames.

The frame is the one pyjstat (the reference decoder, kept for the tests and the bench) makes, in the
same order (row-major over `id`), but laid out with numpy and Arrow instead of pyjstat's row-by-row
generator: each column is its categories taken by position, so no Python object is made per cell of
the million-cell replies the API may send (`make bench` measures both on one document).

Every cell keeps its value code per dimension, the value's label and SSB's status symbol. A symbol
never becomes a number: in json-stat2 SSB sends `null` in `value` and the symbol in `status`.
"""

from __future__ import annotations

import json
import math
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from pipeline.errors import JsonStatError, SsbSchemaError
from pipeline.ssb.declaration import SsbTable, normalize_label

# SSB's symbols (see shared/reference/ssb-metadata/missing_values.md). `-` is an exact zero in older
# tables; it is still carried as a symbol, with its value, never silently merged with other zeros.
SSB_SYMBOLS: dict[str, str] = {
    ".": "Ikke mulig å oppgi tall",
    "..": "Tallgrunnlag mangler",
    "...": "Oppgave mangler foreløpig",
    ":": "Vises ikke av konfidensialitetshensyn",
    "-": "Null",
}

_STR = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' default `str`: what the frame had when built from objects


@dataclass(frozen=True)
class Dimension:
    code: str
    column: str
    label: str
    role: str | None
    size: int


@dataclass(frozen=True)
class ParsedDataset:
    source: str
    label: str
    updated: str | None
    dimensions: tuple[Dimension, ...]
    frame: pd.DataFrame
    synthetic: bool = False  # the document itself says so (`extension.synthetic`, the demo generator)

    @property
    def cells(self) -> int:
        return len(self.frame)


def _ends_open(text: str) -> bool:
    """True when the text stops inside a string, object or array: what a cut-off reply looks like."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
    return in_string or depth > 0


def load_document(raw: bytes | str, source: str) -> OrderedDict:
    """Decode a reply as JSON, telling a truncated document from other invalid JSON."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            cut = exc.start >= len(raw) - 3
            raise JsonStatError(
                f"{source}: {'truncated reply (cut inside a character)' if cut else 'not UTF-8'} at byte "
                f"{exc.start} of {len(raw)}", truncated=cut,
            ) from None
    else:
        text = raw
    if not text.strip():
        raise JsonStatError(f"{source}: empty reply (expected a JSON-stat 2.0 dataset)", truncated=True)
    try:
        doc = json.loads(text, object_pairs_hook=OrderedDict)
    except json.JSONDecodeError as exc:
        truncated = exc.pos >= len(text.rstrip()) - 1 or _ends_open(text)
        what = "truncated JSON (the document ends early)" if truncated else "invalid JSON"
        raise JsonStatError(
            f"{source}: {what} at line {exc.lineno}, column {exc.colno} (character {exc.pos} of "
            f"{len(text)}): {exc.msg}", truncated=truncated,
        ) from None
    if not isinstance(doc, dict):
        raise JsonStatError(f"{source}: expected a JSON object (a JSON-stat dataset), got {type(doc).__name__}")
    return doc


def _require(doc: dict, key: str, source: str, expected: str) -> object:
    if key not in doc:
        raise JsonStatError(f"{source}: field {key!r} is missing; expected {expected}")
    return doc[key]


def roles_of(doc: dict) -> dict[str, str]:
    """Dimension code -> JSON-stat role (time, geo, metric) as the document declares them."""
    roles: dict[str, str] = {}
    for role, codes in (doc.get("role") or {}).items():
        for code in codes or ():
            roles[code] = role
    return roles


def _match_dimensions(doc: dict, table: SsbTable | None, source: str) -> list[tuple[str, str]]:
    """Pair every dimension of the document with the declared column it fills.

    A declared variable is found by its code, or where the declaration gives only a role, by the
    dimension that has that role. A renamed or missing dimension fails here with the list of what the
    document does have, before anything downstream sees a wrong column.
    """
    ids: list[str] = list(doc["id"])
    if table is None:
        return [(code, code.lower()) for code in ids]
    roles = roles_of(doc)
    by_role: dict[str, list[str]] = {}
    for code, role in roles.items():
        by_role.setdefault(role, []).append(code)
    pairs: dict[str, str] = {}
    for var in table.variables:
        if var.code is not None:
            if var.code not in ids:
                raise SsbSchemaError.missing_variable(
                    f"{table.id} ({source})",
                    var.code,
                    [f"{i} (role {roles.get(i, 'none')})" for i in ids],
                )
            code = var.code
            if var.role in ("time", "geo", "metric") and roles and roles.get(code) not in (None, var.role):
                raise SsbSchemaError(
                    f"SSB table {table.id} ({source}): variable {code!r} has role "
                    f"{roles.get(code)!r}; the declaration expects role {var.role!r}"
                )
        elif var.label is not None:
            wanted = normalize_label(var.label)
            found = [i for i in ids if normalize_label(doc["dimension"][i].get("label", "")) == wanted]
            if len(found) != 1:
                have = [f"{i} ({doc['dimension'][i].get('label', '')!r})" for i in ids]
                raise SsbSchemaError(
                    f"SSB table {table.id} ({source}): expected one dimension labelled {var.label!r} for column "
                    f"{var.column!r}; the document has {have}"
                )
            code = found[0]
        else:
            found = by_role.get(var.role or "", [])
            if len(found) != 1:
                raise SsbSchemaError(
                    f"SSB table {table.id} ({source}): expected exactly one dimension with role "
                    f"{var.role!r} for column {var.column!r}; the document has "
                    f"{found or 'none'} (roles: {roles or 'none declared'})"
                )
            code = found[0]
        pairs[code] = var.column
    size = dict(zip(ids, doc["size"], strict=False))
    extra = [i for i in ids if i not in pairs and size.get(i, 1) > 1]
    if extra:
        raise SsbSchemaError(
            f"SSB table {table.id} ({source}): dimension(s) {extra} are not declared; a reply with an "
            f"undeclared dimension of more than one value would multiply the rows. Declared: "
            f"{[v.code or v.role for v in table.variables]}"
        )
    return [(code, pairs.get(code, code.lower())) for code in ids]


def _category_codes(doc: dict, dim: str, source: str) -> tuple[list[str], dict]:
    """A dimension's value codes in index order, and its label map (code -> label).

    As pyjstat reads them (the reference decoder): `index` as a list (its order) or an object (ordered by
    position); without `index`, the one category `label` names, since JSON-stat allows that only for a
    dimension of one value.
    """
    category = doc["dimension"][dim].get("category") if isinstance(doc["dimension"][dim], dict) else None
    if not isinstance(category, dict) or not (category.get("index") or category.get("label")):
        raise JsonStatError(f"{source}: dimension {dim!r} has no usable 'category' (expected 'index' and/or "
                            f"'label')")
    label_map = category.get("label") or {}
    index = category.get("index")
    if isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        codes = [str(c) for c, _ in sorted(index.items(), key=lambda kv: kv[1])]
    elif index is None:
        codes = [str(c) for c in list(label_map)[:1]]
    else:
        raise JsonStatError(f"{source}: dimension {dim!r}: 'category.index' must be an object or an array")
    return codes, label_map


def _string_column(arrow: pa.Array) -> pd.api.extensions.ExtensionArray:
    """An Arrow string array as pandas' default `str` column (missing = NaN), without copying it."""
    return pd.array(arrow, dtype=_STR)


def _status_array(doc: dict, n: int, source: str) -> pa.Array:
    """SSB's status symbol per cell (null where the cell has none)."""
    status = doc.get("status")
    if status is None:
        return pa.nulls(n, pa.large_string())
    if isinstance(status, str):
        return pa.repeat(pa.scalar(status, pa.large_string()), n)
    if isinstance(status, list):
        if len(status) != n:
            raise JsonStatError(f"{source}: 'status' has {len(status)} entries; expected {n} (one per cell)")
        return pa.array([s if s is None or isinstance(s, str) else str(s) for s in status], pa.large_string())
    if isinstance(status, dict):
        positions = np.full(n, -1, dtype=np.int32)
        symbols: dict[str, int] = {}
        for key, symbol in status.items():
            idx = int(key)
            if not 0 <= idx < n:
                raise JsonStatError(f"{source}: 'status' index {key} is outside the {n} cells")
            text = symbol if symbol is None or isinstance(symbol, str) else str(symbol)
            positions[idx] = -1 if text is None else symbols.setdefault(text, len(symbols))
        return pa.array(list(symbols), pa.large_string()).take(pa.array(positions, mask=positions < 0))
    raise JsonStatError(f"{source}: 'status' must be an object, array or string")


def parse_dataset(raw: bytes | str, source: str, table: SsbTable | None = None) -> ParsedDataset:
    """Parse one JSON-stat 2.0 dataset into a frame with one row per cell.

    Columns: per dimension `<column>` (value code) and `<column>_label`; then `value` (float, NaN
    where the cell has no number) and `status` (SSB symbol or None).
    """
    doc = load_document(raw, source)
    if doc.get("class") != "dataset":
        raise JsonStatError(f"{source}: 'class' is {doc.get('class')!r}; expected 'dataset' (JSON-stat 2.0)")
    ids = _require(doc, "id", source, "the list of dimension ids")
    sizes = _require(doc, "size", source, "the list of dimension sizes")
    dimensions = _require(doc, "dimension", source, "an object of dimensions")
    _require(doc, "value", source, "the cell values")
    if not isinstance(ids, list) or not isinstance(sizes, list) or len(ids) != len(sizes):
        raise JsonStatError(f"{source}: 'id' and 'size' must be lists of the same length")
    for dim in ids:
        if dim not in dimensions:
            raise JsonStatError(f"{source}: dimension {dim!r} is listed in 'id' but has no entry in 'dimension'")
    pairs = _match_dimensions(doc, table, source)

    categories = [_category_codes(doc, dim, source) for dim in ids]
    n = math.prod(sizes)
    for dim, size, (codes, _) in zip(ids, sizes, categories, strict=True):
        if len(codes) != size:
            raise JsonStatError(
                f"{source}: dimension {dim!r} has {len(codes)} categories; 'size' says {size}"
            )
    values = doc["value"]
    if isinstance(values, list) and len(values) != n:
        raise JsonStatError(
            f"{source}: 'value' has {len(values)} cells; the sizes {sizes} make {n} (truncated reply?)"
        )
    if isinstance(values, dict):  # JSON-stat's sparse form: cell index -> value, the rest null
        dense: list = [None] * n
        for key, v in values.items():
            idx = int(key)
            if not 0 <= idx < n:
                raise JsonStatError(f"{source}: 'value' index {key} is outside the {n} cells")
            dense[idx] = v
        values = dense

    status = _status_array(doc, n, source)
    try:
        # The common case: numbers and nulls (None becomes NaN).
        numbers = np.asarray(values, dtype="float64").reshape(n)
        needs_scan = False
    except (TypeError, ValueError):
        numbers = np.full(n, np.nan, dtype="float64")
        needs_scan = True
    if needs_scan:
        symbols = status.to_pylist()
        for i, v in enumerate(values):
            if v is None:
                continue
            if isinstance(v, bool) or not isinstance(v, int | float):
                if isinstance(v, str) and v in SSB_SYMBOLS:
                    # Some hand-made documents put the symbol in `value`; keep it as a status.
                    symbols[i] = symbols[i] or v
                    continue
                raise JsonStatError(f"{source}: cell {i} has value {v!r}; expected a number, null or a status symbol")
            numbers[i] = float(v)
        status = pa.array(symbols, pa.large_string())

    # Row-major over `id`: a dimension's value changes every `repeat_after` cells and the pattern
    # repeats `tile` times. Each column is its categories taken by position (Arrow copies the strings
    # once, with no Python object per cell).
    columns: dict[str, object] = {}
    layout: dict[str, tuple[list[str], pa.Array]] = {}  # column -> its labels and each cell's position in them
    repeat_after = n
    dim_info: list[Dimension] = []
    roles = roles_of(doc)
    for (code, column), size, (codes, label_map) in zip(pairs, sizes, categories, strict=True):
        repeat_after //= max(size, 1)
        tile = n // (size * repeat_after) if size and repeat_after else 0
        positions = pa.array(np.tile(np.repeat(np.arange(size, dtype=np.int32), repeat_after), tile))
        labels = [str(label_map.get(c, c)) for c in codes]
        code_cells = pa.array(codes, pa.large_string()).take(positions)
        columns[column] = _string_column(code_cells)
        columns[f"{column}_label"] = _string_column(
            code_cells if labels == codes else pa.array(labels, pa.large_string()).take(positions))
        layout[column] = (labels, positions)
        dim_info.append(Dimension(code, column, str(dimensions[code].get("label", code)), roles.get(code), size))
    if table is not None:
        # Values named by label in the declaration get their stable key (None: a label not declared).
        for var in table.variables:
            if var.selection.kind == "labels" and var.column in layout:
                labels, positions = layout[var.column]
                keys = [var.selection.key_for(lab) for lab in labels]
                columns[f"{var.column}_key"] = (
                    np.full(n, None, dtype=object) if all(k is None for k in keys)
                    else _string_column(pa.array(keys, pa.large_string()).take(positions)))
    columns["value"] = numbers
    columns["status"] = pd.arrays.ArrowStringArray(status)
    frame = pd.DataFrame(columns, copy=False)
    return ParsedDataset(
        source=source,
        label=str(doc.get("label", "")),
        updated=doc.get("updated"),
        dimensions=tuple(dim_info),
        frame=frame,
        synthetic=bool((doc.get("extension") or {}).get("synthetic", False)),
    )
