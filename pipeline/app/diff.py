"""`reformeval diff OLD_OUT NEW_OUT`: every indicator value that moved between two outputs, with its cause.

Two outputs are two warehouses. Every indicator table is matched row by row on its key (the unique key
its model declares, else every column that is not a measured number) and every measured number that
moved is one row of `NEW_OUT/endringer/endringer.csv`, largest move first:

    indikator, noekkel, aar, gammel_verdi, ny_verdi, endring, aarsak, forklaring

`aarsak` is found from what the two warehouses say about the inputs, not guessed from the numbers:

- `revisjon`: a staged SSB table or a Bufdir file has the same cell (same key) with a new value
  (the source tables of the two warehouses compared cell by cell) upstream of the indicator;
- `deflator`: the deflator table (`indicators.deflator`: the reference deflator's vintage, or the
  report year's kroner base) moved upstream of a value in fixed kroner;
- `kommunestruktur`: the mapping of kommune codes to the report year's kommuner
  (`indicators.kommunestruktur`, from KLASS) moved upstream of the value;
- `ny_rad` / `fjernet_rad`: a key only in NEW / only in OLD;
- `annet`: none of these reaches the value (a new cell beside the old ones, a reference table, code).

A cause reaches a value through the asset graph, and only through tables that moved themselves. Where a
value moved the same way in a table it reads (text numbers copy their figures), it takes that move's
cause. Where several causes reach a value, the one of the value's year is taken, in the order revisjon,
kommunestruktur, deflator, and `forklaring` names the others. Values within a relative 1e-9 of each other
have not moved (the order of a floating-point sum is not a cause).
"""

from __future__ import annotations

import json
import logging
import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pipeline.app.verify import attach_warehouses
from pipeline.errors import ReformevalError
from pipeline.run_output import MANIFEST, is_reformeval_output, output_lock, read_manifest
from pipeline.snapshot import utc_now, write_atomic

log = logging.getLogger("reformeval")

FOLDER = "endringer"
CSV = "endringer.csv"
COLUMNS = ("indikator", "noekkel", "aar", "gammel_verdi", "ny_verdi", "endring", "aarsak", "forklaring")
CAUSES = ("revisjon", "deflator", "kommunestruktur", "ny_rad", "fjernet_rad", "annet")
PRIORITY = ("revisjon", "kommunestruktur", "deflator", "annet")
# The tables whose every move is a cause of its own: what reads them moved because they did.
ORIGINS = {"indicators.deflator": "deflator", "indicators.kommunestruktur": "kommunestruktur"}
# Where a reference table moves, the cause it stands for (other reference tables: `annet`).
REFERENCE_CAUSES = {"reference.kommunal_deflator": "deflator", "reference.rapportaar": "deflator",
                    "reference.kommuneendringer": "kommunestruktur"}
# Columns that say where a row came from, not what it holds.
METADATA = {"report_year", "snapshot_id", "part", "synthetic", "sha256", "fil", "source_document", "source_url",
            "origin", "quote", "rad"}
# Whole numbers that name a row (a year, an age, a band, a statement number), not a measured value.
KEYLIKE = {"aar", "year", "alder", "alder_fra", "alder_til", "fra", "til", "forlop_fra", "fra_aar", "til_aar",
           "change_year", "from_year", "kroner_year", "kroneaar", "basisaar", "nr", "rekkefolge", "indikator",
           "befolkningskategori", "strukturaar", "pre_reform_year", "siste_aar", "kategori"}
YEAR_COLUMNS = ("aar", "til_aar", "year", "change_year")
NUMERIC = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
           "UBIGINT", "FLOAT", "DOUBLE", "REAL")
RELATIVE_TOLERANCE = 1e-9


class DiffError(ReformevalError):
    """Two outputs that cannot be compared, or a NEW_OUT the tool may not write into."""


def _is_numeric(dtype: str) -> bool:
    return dtype.upper() in NUMERIC or dtype.upper().startswith("DECIMAL")


@dataclass
class SourceChange:
    """How one source table (staged SSB, raw Bufdir or kommune file, reference) differs between the two."""

    table: str
    revised: int = 0
    revised_years: set[int] = field(default_factory=set)
    examples: list[str] = field(default_factory=list)
    added: int = 0
    removed: int = 0
    added_years: set[int] = field(default_factory=set)

    @property
    def cause(self) -> str:
        if self.table.startswith("reference."):
            return REFERENCE_CAUSES.get(self.table, "annet")
        return "revisjon" if self.revised else "annet"

    @property
    def changed(self) -> bool:
        return bool(self.revised or self.added or self.removed)


@dataclass
class Changes:
    rows: list[dict[str, Any]]
    sources: list[SourceChange]
    csv: Path

    @property
    def empty(self) -> bool:
        return not self.rows


# --- the outputs --------------------------------------------------------------------------------------

def _finished_output(folder: Path, role: str) -> dict[str, Any]:
    manifest = read_manifest(folder)
    if not folder.is_dir() or manifest is None or not is_reformeval_output(folder):
        raise DiffError(f"{role} {folder} is not an output of reformeval: expected a folder written by "
                        f"`reformeval run` (its {MANIFEST} says \"tool\": \"reformeval\")"
                        + ("; endringer are only written into an output the tool owns" if role == "NEW_OUT" else ""))
    if manifest.get("state") == "building" or not manifest.get("success", False):
        raise DiffError(f"{role} {folder}: {MANIFEST} is not that of a finished, successful run")
    if not isinstance(manifest.get("report_year"), int):
        raise DiffError(f"{role} {folder}: {MANIFEST} has no report_year (expected a year such as 2023)")
    return manifest


def _columns(con: Any, database: str, table: str) -> list[tuple[str, str]]:
    schema, name = table.split(".")
    return [tuple(r) for r in con.execute(
        "select column_name, data_type from duckdb_columns() where database_name = ? and schema_name = ? "
        "and table_name = ? order by column_index", [database, schema, name]).fetchall()]


def _tables(con: Any, database: str) -> set[str]:
    return {f"{s}.{t}" for s, t in con.execute(
        "select schema_name, table_name from duckdb_tables() where database_name = ?", [database]).fetchall()}


def _key_and_values(columns: list[tuple[str, str]], declared: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    names = [c for c, _ in columns]
    if declared and all(k in names for k in declared):
        key = [k for k in declared if k not in METADATA]
    else:
        key = [c for c, t in columns if c not in METADATA and c != "status" and (not _is_numeric(t) or c in KEYLIKE)]
    values = [c for c, t in columns
              if c not in key and c not in METADATA and c not in KEYLIKE and _is_numeric(t)]
    return key, values


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _year_of(row: dict[str, Any]) -> int | None:
    for column in YEAR_COLUMNS:
        value = row.get(column)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


def _number(value: Any) -> Any:
    """DuckDB's DECIMAL comes back as Decimal: compared and written as a float like every other value."""
    return float(value) if isinstance(value, Decimal) else value


def _moved(old: Any, new: Any) -> bool:
    old, new = _number(old), _number(new)
    if old is None or new is None:
        return (old is None) != (new is None)
    if isinstance(old, float) and isinstance(new, float) and math.isnan(old) and math.isnan(new):
        return False
    return abs(new - old) > RELATIVE_TOLERANCE * max(1.0, abs(old), abs(new))


# --- the sources --------------------------------------------------------------------------------------

def _is_source(table: str) -> bool:
    schema, name = table.split(".")
    return schema in ("staging", "reference") or (schema == "raw" and not name.startswith("ssb_"))


def compare_source(con: Any, table: str) -> SourceChange:
    """Cell by cell: a cell is the table's key (every column that names a row), its value the measured
    numbers and the SSB status symbol."""
    change = SourceChange(table)
    columns = _columns(con, "new", table)
    if columns != _columns(con, "old", table):
        change.revised = 1
        change.examples.append("kolonnene er endret")
        return change
    key, values = _key_and_values(columns)
    if "status" in (c for c, _ in columns):
        values = [*values, "status"]
    if not key or not values:
        return change
    year = next((c for c in YEAR_COLUMNS if c in key), None)
    keys = ", ".join(_q(k) for k in key)
    join = " and ".join(f"o.{_q(k)} is not distinct from n.{_q(k)}" for k in key)
    differs = " or ".join(f"o.{_q(v)} is distinct from n.{_q(v)}" for v in values)
    numeric = [v for v in values if v != "status"]
    picked = ", ".join([*(f"o.{_q(k)}" for k in key), *(f"o.{_q(v)}" for v in values),
                        *(f"n.{_q(v)}" for v in values)])
    revised = con.execute(f"select {picked} from old.{table} o join new.{table} n on {join} where {differs}") \
        .fetchall()
    for row in revised:
        cells = dict(zip(key, row[: len(key)], strict=True))
        olds = dict(zip(values, row[len(key): len(key) + len(values)], strict=True))
        news = dict(zip(values, row[len(key) + len(values):], strict=True))
        if not any(_moved(olds[v], news[v]) for v in numeric) and olds.get("status") == news.get("status"):
            continue  # within the tolerance
        change.revised += 1
        if year and isinstance(cells[year], int):
            change.revised_years.add(cells[year])
        if len(change.examples) < 3:
            what = ", ".join(f"{v} {_fmt(olds[v])} → {_fmt(news[v])}" for v in values if olds[v] != news[v])
            where = ", ".join(f"{k}={cells[k]}" for k in key if cells[k] is not None)
            change.examples.append(f"{where}: {what}")
    anti = f"select {keys} from new.{table} except select {keys} from old.{table}"
    change.added = con.execute(f"select count(*) from ({anti})").fetchone()[0]
    if year and change.added:
        change.added_years = {r[0] for r in con.execute(f"select distinct {_q(year)} from ({anti})").fetchall()
                              if isinstance(r[0], int)}
    change.removed = con.execute(f"select count(*) from (select {keys} from old.{table} except "
                                 f"select {keys} from new.{table})").fetchone()[0]
    return change


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    return "tom" if value is None else str(value)


# --- the indicator tables -----------------------------------------------------------------------------

def _graph() -> dict[str, set[str]]:
    """The asset graph as tables: `schema.table` → the tables it reads."""
    from pipeline.app.definitions import all_assets

    deps: dict[str, set[str]] = {}
    for asset in all_assets():
        for key in asset.keys:
            deps[".".join(key.path)] = {".".join(d.path) for d in asset.asset_deps.get(key, ())}
    return deps


def _declared_keys(con: Any, year: int) -> dict[str, tuple[str, ...]]:
    from pipeline.model_assets import SQL_MODELS

    con.execute("use new")
    keys = {}
    for table, model in SQL_MODELS.items():
        expectations = model.expectations
        try:
            if callable(expectations):
                expectations = expectations(con, year)
            keys[table] = tuple(expectations.unique_key)
        except Exception as exc:  # a key we cannot resolve falls back to the columns that name a row
            log.warning("diff: the unique key of %s could not be read (%s); matching on its naming columns",
                        table, exc)
    con.execute("use memory")
    return keys


def _shortest_key(naming: list[str], tables: list[list[dict[str, Any]]]) -> list[str]:
    """For a table without a declared key: the fewest of its naming columns that tell its rows apart in
    both warehouses, the short ones first (a statement's number and years before its sentence), so that
    `noekkel` stays readable. All of them where no subset does."""
    def width(column: str) -> float:
        cells = [len(str(r.get(column))) for rows in tables for r in rows[:200]]
        return sum(cells) / len(cells) if cells else 0.0

    def unique(columns: list[str]) -> bool:
        return all(len({tuple(r.get(c) for c in columns) for r in rows}) == len(rows) for rows in tables)

    chosen: list[str] = []
    for column in sorted(naming, key=lambda c: (width(c), naming.index(c))):
        chosen.append(column)
        if unique(chosen):
            for spare in reversed(chosen[:-1]):  # then drop what the last one made needless
                if unique([c for c in chosen if c != spare]):
                    chosen.remove(spare)
            return [c for c in naming if c in chosen]
    return naming


def _rows(con: Any, database: str, table: str) -> list[dict[str, Any]]:
    cursor = con.execute(f"select * from {database}.{table}")
    names = [d[0] for d in cursor.description]
    return [{name: _number(value) for name, value in zip(names, row, strict=True)} for row in cursor.fetchall()]


def _order(tables: set[str], deps: dict[str, set[str]]) -> list[str]:
    done: list[str] = []
    seen: set[str] = set()

    def visit(table: str) -> None:
        if table in seen:
            return
        seen.add(table)
        for dep in sorted(deps.get(table, ())):
            if dep in tables:
                visit(dep)
        done.append(table)

    for table in sorted(tables):
        visit(table)
    return done


@dataclass
class Reach:
    """The causes that reach a table: cause → the years it touched and the tables it came from."""

    causes: dict[str, dict[str, set]] = field(default_factory=dict)

    def add(self, cause: str, years: set[int], origin: str) -> None:
        entry = self.causes.setdefault(cause, {"years": set(), "origins": set()})
        entry["years"] |= years
        entry["origins"].add(origin)

    def merge(self, other: Reach) -> None:
        for cause, entry in other.causes.items():
            for origin in entry["origins"]:
                self.add(cause, entry["years"], origin)


def _explain(cause: str, reach: Reach, sources: dict[str, SourceChange]) -> str:
    origins = sorted(reach.causes.get(cause, {}).get("origins", ()))
    if cause == "revisjon":
        parts = []
        for origin in origins:
            change = sources.get(origin)
            if change and change.revised:
                years = ", ".join(str(y) for y in sorted(change.revised_years)) or "uten år"
                parts.append(f"{origin}: {change.revised} revidert(e) celle(r) (år {years})"
                             + (f", f.eks. {change.examples[0]}" if change.examples else ""))
        return "SSB/Bufdir har revidert tall som verdien bygger på: " + "; ".join(parts or origins)
    if cause == "deflator":
        years = ", ".join(str(y) for y in sorted(reach.causes[cause]["years"]))
        return (f"deflatoren (indicators.deflator) er endret for år {years}: verdien er regnet om til faste "
                f"kroner med en annen deflator (årgang eller kroneår)")
    if cause == "kommunestruktur":
        return "kommuneinndelingen (KLASS-omkodingen i indicators.kommunestruktur) er endret"
    details = []
    for origin in origins:
        change = sources.get(origin)
        if change and origin.startswith("reference."):
            details.append(f"referansetabellen {origin} er endret")
        elif change and (change.added or change.removed):
            details.append(f"{origin}: {change.added} nye og {change.removed} fjernede celler")
        elif change is None:
            details.append(f"{origin} er endret")
    return "; ".join(details) or "ingen revidert kildecelle, deflator eller kommuneendring forklarer endringen"


def diff_tables(con: Any, deps: dict[str, set[str]], keys: dict[str, tuple[str, ...]],
                sources: dict[str, SourceChange]) -> list[dict[str, Any]]:
    old_tables, new_tables = _tables(con, "old"), _tables(con, "new")
    tables = {t for t in old_tables | new_tables if t.startswith("indicators.")}
    reach: dict[str, Reach] = {}
    pairs: dict[str, dict[tuple, tuple[str, str]]] = {}  # table → (old, new) → (cause, explanation)
    out: list[dict[str, Any]] = []
    changed: set[str] = set()
    for table in _order(tables, deps):
        table_reach = Reach()
        for dep in sorted(deps.get(table, ())):
            if dep in sources and sources[dep].changed:
                change = sources[dep]
                table_reach.add(change.cause, change.revised_years if change.revised else change.added_years, dep)
            elif dep in reach and dep in changed:
                table_reach.merge(reach[dep])
        reach[table] = table_reach
        name = table.split(".", 1)[1]
        in_old, in_new = table in old_tables, table in new_tables
        columns = _columns(con, "new" if in_new else "old", table)
        key, values = _key_and_values(columns, keys.get(table, ()))
        old_list = _rows(con, "old", table) if in_old else []
        new_list = _rows(con, "new", table) if in_new else []
        if not keys.get(table):
            key = _shortest_key(key, [old_list, new_list])
        old_rows = {tuple(r.get(k) for k in key): r for r in old_list}
        new_rows = {tuple(r.get(k) for k in key): r for r in new_list}
        moves = []
        for k in sorted(old_rows.keys() | new_rows.keys(), key=repr):
            old, new = old_rows.get(k), new_rows.get(k)
            row = new or old
            noekkel = "; ".join(f"{c}={v}" for c, v in zip(key, k, strict=True) if c != "aar" and v is not None)
            base = {"noekkel": noekkel, "aar": _year_of(row)}
            for column in values:
                before = old.get(column) if old else None
                after = new.get(column) if new else None
                if old is None or new is None:
                    value = after if old is None else before
                    if value is None:
                        continue
                    cause = "ny_rad" if old is None else "fjernet_rad"
                    why = ("raden finnes bare i den nye utgaven" if old is None
                           else "raden finnes bare i den gamle utgaven")
                    out.append({"indikator": f"{name}.{column}", **base, "gammel_verdi": before,
                                "ny_verdi": after, "endring": None, "aarsak": cause, "forklaring": why})
                    continue
                if column not in old or column not in new or not _moved(before, after):
                    continue
                moves.append((base, column, before, after))
        if moves or old_rows.keys() != new_rows.keys() or _differs(con, table, columns, in_old and in_new):
            changed.add(table)  # what reads it may have moved through it (a text column, a remapped code)
        if table in ORIGINS and (moves or table in changed):
            years = {b["aar"] for b, *_ in moves if b["aar"] is not None}
            years |= {_year_of(r) for k, r in new_rows.items() if k not in old_rows} - {None}
            years |= {_year_of(r) for k, r in old_rows.items() if k not in new_rows} - {None}
            reach[table] = Reach()
            reach[table].add(ORIGINS[table], years, table)
        table_pairs: dict[tuple, tuple[str, str]] = {}
        for base, column, before, after in moves:
            cause, why = _attribute(table, base["aar"], before, after, reach[table], deps, pairs, changed, sources)
            table_pairs.setdefault(_pair(before, after), (cause, why))
            out.append({"indikator": f"{name}.{column}", **base, "gammel_verdi": before, "ny_verdi": after,
                        "endring": None if before is None or after is None else after - before,
                        "aarsak": cause, "forklaring": why})
        pairs[table] = table_pairs
    return out


def _differs(con: Any, table: str, columns: list[tuple[str, str]], in_both: bool) -> bool:
    """Whether a table's rows differ in anything but where they came from (every column but METADATA)."""
    if not in_both:
        return True
    if _columns(con, "old", table) != columns:
        return True
    picked = ", ".join(_q(c) for c, _ in columns if c not in METADATA) or "1"
    return bool(con.execute(f"select exists (select {picked} from old.{table} except all select {picked} from "
                            f"new.{table}) or exists (select {picked} from new.{table} except all select {picked} "
                            f"from old.{table})").fetchone()[0])


def _pair(before: Any, after: Any) -> tuple:
    return (None if before is None else round(float(before), 6), None if after is None else round(float(after), 6))


def _attribute(table: str, year: int | None, before: Any, after: Any, reach: Reach, deps: dict[str, set[str]],
               pairs: dict[str, dict[tuple, tuple[str, str]]], changed: set[str],
               sources: dict[str, SourceChange]) -> tuple[str, str]:
    if table in ORIGINS:
        return ORIGINS[table], _explain(ORIGINS[table], reach, sources)
    for dep in sorted(deps.get(table, ())):  # the same move in a table this one reads (text numbers, copies)
        if dep in changed and _pair(before, after) in pairs.get(dep, {}):
            cause, why = pairs[dep][_pair(before, after)]
            return cause, f"samme endring som i {dep}: {why}"
    if not reach.causes:
        return "annet", _explain("annet", reach, sources)
    same_year = [c for c in PRIORITY if c in reach.causes and year in reach.causes[c]["years"]]
    candidates = same_year or [c for c in PRIORITY if c in reach.causes]
    cause = candidates[0]
    why = _explain(cause, reach, sources)
    others = [c for c in candidates[1:] if c != "annet"]
    if others:
        why += "; også: " + ", ".join(others)
    return cause, why


# --- the command --------------------------------------------------------------------------------------

def diff_outputs(old_out: Path, new_out: Path) -> Changes:
    """Compare OLD_OUT with NEW_OUT and write NEW_OUT/endringer/endringer.csv (and grunnlag.json), holding
    NEW_OUT's lock from the first read to the last write: a run that replaced NEW_OUT in between would
    otherwise get a comparison of the output it replaced."""
    old_out, new_out = old_out.resolve(), new_out.resolve()
    _finished_output(new_out, "NEW_OUT")  # refuses what is no output before a lock file is made beside it
    with output_lock(new_out):
        return _diff_outputs(old_out, new_out)


def _diff_outputs(old_out: Path, new_out: Path) -> Changes:
    import pandas as pd

    old_manifest = _finished_output(old_out, "OLD_OUT")
    new_manifest = _finished_output(new_out, "NEW_OUT")
    if old_out == new_out:
        raise DiffError(f"OLD_OUT and NEW_OUT are the same folder ({new_out}): give two outputs")
    con = attach_warehouses(old_out, new_out)
    try:
        deps = _graph()
        keys = _declared_keys(con, new_manifest["report_year"])
        source_tables = sorted(t for t in _tables(con, "old") & _tables(con, "new") if _is_source(t))
        sources = {t: compare_source(con, t) for t in source_tables}
        for table in sorted(_tables(con, "old") ^ _tables(con, "new")):
            if _is_source(table):
                sources[table] = SourceChange(table, added=1)
        rows = diff_tables(con, deps, keys, sources)
    finally:
        con.close()
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    if len(frame):
        frame["aar"] = frame["aar"].astype("Int64")
        size = frame["endring"].abs()
        frame = frame.assign(_size=size.fillna(-1.0)).sort_values(
            ["_size", "indikator", "noekkel", "aar"], ascending=[False, True, True, True], kind="stable") \
            .drop(columns="_size")
    folder = new_out / FOLDER
    write_atomic(folder / CSV, frame.to_csv(index=False).encode("utf-8"))
    counts = {cause: int((frame["aarsak"] == cause).sum()) for cause in CAUSES}
    write_atomic(folder / "grunnlag.json", json.dumps({
        "gammel_utgave": {"out": str(old_out), "report_year": old_manifest["report_year"],
                          "snapshot": (old_manifest.get("snapshot") or {}).get("id")},
        "ny_utgave": {"out": str(new_out), "report_year": new_manifest["report_year"],
                      "snapshot": (new_manifest.get("snapshot") or {}).get("id")},
        "laget": utc_now(),
        "antall_etter_aarsak": counts,
        "endrede_kilder": [
            {"tabell": c.table, "aarsak": c.cause, "reviderte_celler": c.revised, "nye_celler": c.added,
             "fjernede_celler": c.removed, "eksempler": c.examples}
            for c in sources.values() if c.changed],
    }, indent=1, ensure_ascii=False).encode("utf-8"))
    return Changes(frame.to_dict("records"), [c for c in sources.values() if c.changed], folder / CSV)


def summary(old_out: Path, new_out: Path, changes: Changes, top: int = 8) -> str:
    if changes.empty:
        return f"no indicator value moved between {old_out} and {new_out} (written: {changes.csv}, header only)"
    by_cause: dict[str, int] = defaultdict(int)
    tables = set()
    for row in changes.rows:
        by_cause[row["aarsak"]] += 1
        tables.add(row["indikator"].split(".")[0])
    lines = [f"{len(changes.rows)} value(s) moved, appeared or went in {len(tables)} indicator table(s) between "
             f"{old_out} and {new_out}: " + ", ".join(f"{c} {by_cause[c]}" for c in CAUSES if by_cause[c])]
    for change in changes.sources:
        lines.append(f"  source {change.table}: {change.revised} revised, {change.added} new, {change.removed} "
                     f"removed cell(s)" + (f" (e.g. {change.examples[0]})" if change.examples else ""))
    lines.append("largest moves:")
    for row in changes.rows[:top]:
        year = "" if row["aar"] is None or row["aar"] != row["aar"] or str(row["aar"]) == "<NA>" else row["aar"]
        lines.append(f"  {row['indikator']} [{row['noekkel']}] {year}: "
                     f"{_fmt(row['gammel_verdi'])} → {_fmt(row['ny_verdi'])} ({row['aarsak']})")
    lines.append(f"written: {changes.csv}")
    return "\n".join(lines)
