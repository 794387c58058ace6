"""Writing tables into the DuckDB warehouse so that a table never holds data that failed validation.

A table is built as `<schema>.<name>__candidate`, validated, and only then renamed into place in one
transaction. When validation fails, the previous table stays as it was and the rejected rows are kept
as `<schema>.<name>__failed` for an analyst to query.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.catalog import comment_sql, failed_comment_sql, latest_view_sql
from pipeline.expectations import Audit, Expectations
from pipeline.paths import SQL_DIR
from pipeline.validation import ValidationOutcome, build_suite, validate_frame

_TABLE_NAME = re.compile(r"^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$")


def read_sql(relpath: str) -> str:
    path = SQL_DIR / relpath
    if not path.is_file():
        raise FileNotFoundError(f"SQL model {relpath} not found under {SQL_DIR}")
    return path.read_text(encoding="utf-8")


_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
_IDENTIFIER = re.compile(r"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)?$")


def render_sql(relpath: str, **identifiers: str) -> str:
    """A SQL model with `{{ name }}` placeholders filled in by identifiers (table names, never values:
    values are bound as `$name` parameters by DuckDB)."""
    text = read_sql(relpath)

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in identifiers:
            raise KeyError(f"sql/{relpath}: placeholder {{{{ {name} }}}} has no value")
        value = identifiers[name]
        if not _IDENTIFIER.match(value):
            raise ValueError(f"sql/{relpath}: {value!r} is not an identifier")
        return value

    return _PLACEHOLDER.sub(fill, text)


@dataclass
class TableBuild:
    table: str
    rows: int
    columns: list[str]
    validation: ValidationOutcome
    committed: bool
    column_types: list[str] | None = None  # DuckDB's, of the committed table (the Dagster UI's column schema)

    @property
    def failed_table(self) -> str:
        return f"{self.table}__failed"


def _split(table: str) -> tuple[str, str]:
    if not _TABLE_NAME.match(table):
        raise ValueError(f"table name {table!r} must be schema.name in snake_case")
    schema, name = table.split(".")
    return schema, name


MACROS_VERSION = "reformeval_macros_sha256"  # a macro naming the version of sql/macros.sql a warehouse holds


def ensure_macros(con: duckdb.DuckDBPyConnection) -> None:
    """The macros of `sql/macros.sql`, created in the warehouse before any model runs. They persist in the
    warehouse file, so they are created once per warehouse and again when the file changes: the macro
    `reformeval_macros_sha256()` holds the sha256 of the text that made them, one sub-millisecond query
    where running the file before each of ~100 models cost about a second a run."""
    sql = read_sql("macros.sql")
    sha = hashlib.sha256(sql.encode("utf-8")).hexdigest()
    try:
        if con.execute(f"select {MACROS_VERSION}()").fetchone()[0] == sha:
            return
    except duckdb.CatalogException:  # a new warehouse (or one made before the version macro)
        pass
    con.execute(f"{sql}\ncreate or replace macro {MACROS_VERSION}() as '{sha}';")


def expectations_check(table: str) -> str:
    """The name of a table's own blocking check: what it guards, e.g. `expectations_netto_driftsutgifter`."""
    return f"expectations_{_split(table)[1]}"


def _build_and_validate(
    con: duckdb.DuckDBPyConnection,
    table: str,
    expectations: Expectations,
    select_sql: str,
    results_dir: Path | None,
    suite_name: str | None,
    audits: tuple[Audit, ...] = (),
) -> tuple[str, pd.DataFrame, ValidationOutcome]:
    """Build `<table>__candidate` from a SELECT and validate it; a failed candidate becomes `__failed`."""
    schema, name = _split(table)
    candidate = f"{schema}.{name}__candidate"
    con.execute(f"create schema if not exists {schema}")
    ensure_macros(con)
    con.execute(f"create or replace table {candidate} as\n{select_sql}")
    built = con.execute(f"select * from {candidate}").df()
    suite = build_suite(suite_name or f"{schema}_{name}", expectations, list(built.columns), audits=audits,
                        check=expectations_check(table))
    outcome = validate_frame(built, suite, results_dir)
    if not outcome.success:
        con.execute(f"drop table if exists {schema}.{name}__failed")
        con.execute(f"alter table {candidate} rename to {name}__failed")
        if comments := failed_comment_sql(table, list(built.columns)):
            con.execute(comments)
    return candidate, built, outcome


def _documented(table: str, columns: list[str], latest_view: str | None = None) -> list[tuple[str, list]]:
    """The table's comments (pipeline.catalog), one batch, and its `latest.<name>` view: statements for the
    transaction that puts the table in place."""
    statements = [(sql, []) for sql in (comment_sql(table, columns),) if sql]
    if latest_view:
        statements.append((latest_view_sql(table, columns, latest_view), []))
    return statements


def _column_types(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    # The relation's types print as duckdb_columns().data_type does (all 101 demo tables compared), in a
    # tenth of the time of querying that catalogue function.
    _split(table)
    return [str(t) for t in con.table(table).dtypes]


def _in_one_transaction(con: duckdb.DuckDBPyConnection, *statements: tuple[str, list]) -> None:
    con.execute("begin transaction")
    try:
        for sql, params in statements:
            con.execute(sql, params)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


def replace_table_validated(
    con: duckdb.DuckDBPyConnection,
    table: str,
    expectations: Expectations,
    *,
    select_sql: str | None = None,
    frame: pd.DataFrame | None = None,
    results_dir: Path | None = None,
    suite_name: str | None = None,
) -> TableBuild:
    """Build `table` from a SELECT or a frame, validate it, and swap it in only if it passes."""
    if (select_sql is None) == (frame is None):
        raise ValueError("give exactly one of select_sql and frame")
    schema, name = _split(table)
    if frame is not None:
        con.register("_incoming_frame", frame)
        select_sql = "select * from _incoming_frame"
    try:
        candidate, built, outcome = _build_and_validate(con, table, expectations, select_sql, results_dir,
                                                        suite_name)
    finally:
        if frame is not None:
            con.unregister("_incoming_frame")
    if outcome.success:
        _in_one_transaction(
            con,
            (f"drop table if exists {table}", []),
            (f"alter table {candidate} rename to {name}", []),
            (f"drop table if exists {schema}.{name}__failed", []),
            *_documented(table, list(built.columns)),
        )
        return TableBuild(table, len(built), list(built.columns), outcome, True, _column_types(con, table))
    return TableBuild(table, len(built), list(built.columns), outcome, outcome.success)


def set_variables(con: duckdb.DuckDBPyConnection, **values: int | str | list[str]) -> None:
    """Values the SQL models read with `getvariable('name')` (e.g. the report year)."""
    for name, value in values.items():
        if not re.fullmatch(r"[a-z_]+", name):
            raise ValueError(f"variable name {name!r}")
        con.execute(f"set variable {name} = ?", [value])


def replace_partition_validated(
    con: duckdb.DuckDBPyConnection,
    table: str,
    expectations: Expectations,
    *,
    select_sql: str,
    partition_column: str,
    partition_value: int | str,
    results_dir: Path | None = None,
    suite_name: str | None = None,
    audits: tuple[Audit, ...] = (),
) -> TableBuild:
    """Like `replace_table_validated`, for a table holding one partition per report year: only the
    rows of `partition_value` are rebuilt and validated; other report years stay as they were."""
    schema, name = _split(table)
    candidate, built, outcome = _build_and_validate(con, table, expectations, select_sql, results_dir, suite_name,
                                                    audits)
    if len(built) and (built[partition_column].astype(str) != str(partition_value)).any():
        raise ValueError(f"{table}: the model returned rows for {partition_column} other than {partition_value}")
    if not outcome.success:
        return TableBuild(table, len(built), list(built.columns), outcome, False)
    existing = con.execute(
        "select list(column_name order by ordinal_position) from information_schema.columns "
        "where table_schema = ? and table_name = ?", [schema, name]
    ).fetchone()[0]
    statements: list[tuple[str, list]] = []
    if existing is not None and existing != list(built.columns):
        # The model's columns changed: older report years cannot be kept beside the new shape.
        statements.append((f"drop table {table}", []))
        existing = None
    if existing is None:
        statements.append((f"create table {table} as select * from {candidate} limit 0", []))
    statements += [
        (f"delete from {table} where {partition_column} = ?", [partition_value]),
        (f"insert into {table} select * from {candidate}", []),
        (f"drop table {candidate}", []),
        (f"drop table if exists {schema}.{name}__failed", []),
        *_documented(table, list(built.columns), latest_view=partition_column),
    ]
    _in_one_transaction(con, *statements)
    return TableBuild(table, len(built), list(built.columns), outcome, True, _column_types(con, table))
