"""Lineage read from the SQL itself: the tables a query reads, found by DuckDB's own parser.

A model's Dagster deps are the tables its SQL reads (as dbt's `ref()` makes them), so a dependency can
neither be forgotten nor declared without being read. Only schema-qualified names are tables of the
warehouse (`staging.befolkning`); unqualified names are CTEs.
"""

from __future__ import annotations

import json
import re
from functools import cache

import duckdb

from pipeline.errors import SqlFileError

_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


@cache
def _parser() -> duckdb.DuckDBPyConnection:
    return duckdb.connect()


# Cached: a definition asks for its deps several times (asset, job, code version, report), ~240 parses a run.
@cache
def tables_read(sql: str, source: str = "a query") -> frozenset[str]:
    """Every `schema.table` a query reads (FROM, JOIN, subqueries, CTE bodies, UNPIVOT sources).
    `{{ name }}` placeholders (identifiers filled in at run time) are not tables of their own. `source`
    (the SQL file) names the query in the error when it does not parse."""
    text = _PLACEHOLDER.sub("placeholder.placeholder", sql)
    parsed = json.loads(_parser().execute("select json_serialize_sql(?)", [text]).fetchone()[0])
    if parsed.get("error"):
        raise SqlFileError(f"{source}: the SQL does not parse ({parsed.get('error_message')})")
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "BASE_TABLE" and node.get("schema_name"):
                found.add(f"{node['schema_name']}.{node['table_name']}")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(parsed)
    return frozenset(found - {"placeholder.placeholder"})
