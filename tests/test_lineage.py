"""Lineage comes from what the code reads: a dependency can neither be forgotten nor declared unread.

SQL models and figures take their Dagster deps from their SQL (DuckDB's own parser); the Python that
queries the warehouse beside them (a model's precondition and variables, figure footnotes and sources,
report tables) is run on the demo warehouse through a connection that records every query: what it
read must be among the deps, and a figure must read every table it depends on.
"""

from __future__ import annotations

import duckdb
import pytest

from pipeline.lineage import tables_read
from pipeline.paths import SQL_DIR


class RecordingConnection:
    """A DuckDB connection that remembers every statement it was given."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self._con = con
        self.statements: list[str] = []

    def execute(self, sql: str, parameters=None):
        self.statements.append(sql)
        return self._con.execute(sql) if parameters is None else self._con.execute(sql, parameters)

    def __getattr__(self, name: str):
        return getattr(self._con, name)

    def tables(self) -> set[str]:
        read: set[str] = set()
        for sql in self.statements:
            if sql.lstrip().lower().startswith(("set ", "select getvariable")):
                continue
            read |= tables_read(sql)
        return read


@pytest.fixture(scope="module")
def definitions():
    from pipeline.app.definitions import all_assets

    return {key.to_user_string() for a in all_assets() for key in a.keys}


def _as_table(key: str) -> str:
    return key.replace("/", ".")


def test_every_sql_file_parses_and_reads_only_tables_of_the_warehouse(definitions):
    for path in sorted(SQL_DIR.rglob("*.sql")):
        if path.name == "macros.sql":
            continue
        read = tables_read(path.read_text(encoding="utf-8"), str(path))
        unknown = {t for t in read if t.replace(".", "/") not in definitions}
        assert not unknown, f"{path.relative_to(SQL_DIR)} reads {sorted(unknown)}, which no asset makes"


def test_sql_model_deps_are_assets(definitions):
    from pipeline.model_assets import SQL_MODELS

    assert len(SQL_MODELS) >= 25
    for table, model in SQL_MODELS.items():
        assert all(d.replace(".", "/") in definitions for d in model.deps), table


@pytest.mark.slow
def test_sql_models_python_reads_only_what_they_depend_on(demo_warehouse):
    """A model's precondition and variables read the warehouse in Python: those tables must be among the
    deps the asset declares (its SQL's, and `also_reads`)."""
    from pipeline.model_assets import SQL_MODELS
    from pipeline.warehouse import set_variables

    for table, model in SQL_MODELS.items():
        con = RecordingConnection(demo_warehouse.cursor())
        set_variables(con, report_year=2023)
        if model.variables:
            model.variables(con, 2023)
        if model.precondition:
            model.precondition(con, 2023)
        assert con.tables() <= set(model.deps), f"{table} reads {sorted(con.tables() - set(model.deps))} undeclared"


def test_staging_sql_reads_its_raw_table_and_nothing_else():
    from assets.sources import SSB_TABLES
    from pipeline.warehouse import read_sql

    for table in SSB_TABLES.values():
        assert tables_read(read_sql(table.staging_sql)) == {table.raw_table}, table.id


@pytest.fixture(scope="module")
def demo_warehouse(demo_run):
    con = duckdb.connect(str(demo_run / "warehouse.duckdb"), read_only=True)
    yield con
    con.close()


@pytest.mark.slow
def test_figures_read_only_what_they_depend_on(demo_warehouse):
    """The query behind a figure, and the Python beside it (footnotes, sources), read only its deps."""
    import matplotlib.pyplot as plt

    from pipeline.app.definitions import all_assets
    from pipeline.model_assets import FIGURES

    deps = {next(iter(a.keys)).path[-1]: {_as_table(d.to_user_string()) for d in a.asset_deps[next(iter(a.keys))]}
            for a in all_assets() if next(iter(a.keys)).path[0] == "figures"}
    assert set(deps) == set(FIGURES) and len(FIGURES) >= 33
    for name, figure in FIGURES.items():
        con = RecordingConnection(demo_warehouse)
        fig, _, _ = figure.render(con, 2023, True)
        plt.close(fig)
        assert con.tables() == deps[name], (f"{name} reads {sorted(con.tables() - deps[name])} undeclared, and "
                                            f"depends on {sorted(deps[name] - con.tables())} it does not read")


@pytest.mark.slow
def test_report_tables_read_only_what_they_depend_on(demo_warehouse):
    from pipeline.app.definitions import all_assets
    from pipeline.model_assets import REPORT_TABLES

    for name, build in REPORT_TABLES.items():
        key = next(k for a in all_assets() for k in a.keys if k.path == ["report", name])
        asset = next(a for a in all_assets() if key in a.keys)
        declared = {_as_table(d.to_user_string()) for d in asset.asset_deps[key]}
        con = RecordingConnection(demo_warehouse)
        build(con, 2023)
        assert con.tables() <= declared, f"report/{name} reads {sorted(con.tables() - declared)} undeclared"



@pytest.mark.slow
def test_every_table_with_kommune_rows_is_mapped_to_the_report_years_kommuner(demo_warehouse):
    """A staged SSB table that has kommune rows declares the column its value is in
    (`kommune_value_column`), so that indicators.kommunestruktur maps its codes: a table added with
    kommune rows but without it would have its kommuner summed under codes of another structure."""
    from assets.sources import SSB_TABLES

    for table in SSB_TABLES.values():
        has_kommuner = demo_warehouse.execute(
            f"select count(*) > 0 from {table.staged_table} where region_type = 'kommune'").fetchone()[0] \
            if "region_type" in {r[0] for r in demo_warehouse.execute(f"describe {table.staged_table}").fetchall()} \
            else False
        assert bool(table.kommune_value_column) == has_kommuner, table.id


def test_a_sql_file_that_does_not_parse_is_named():
    from pipeline.errors import SqlFileError

    with pytest.raises(SqlFileError, match=r"sql/figures/x.sql: the SQL does not parse"):
        tables_read("select * form indicators.x", "sql/figures/x.sql")
