"""The warehouse for analysts: every table and column carries its description as a DuckDB comment, the
indicator tables of the latest report year have stable views, a catalogue page lists it all; and the
Dagster UI shows figure thumbnails, column schemas, row counts, SQL code links and report links."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import duckdb
import pytest

from pipeline.catalog import (
    LATEST_SCHEMA,
    TABLE_DOCS,
    ColumnDoc,
    SqlDocError,
    TableDoc,
    document,
    parse_sql_header,
)
from pipeline.expectations import Expectations
from pipeline.warehouse import replace_partition_validated

OWN_SCHEMAS = ("raw", "staging", "reference", "indicators", LATEST_SCHEMA)


def _warehouse(demo_run: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(demo_run / "warehouse.duckdb"), read_only=True)


def test_every_table_and_column_of_the_demo_warehouse_carries_its_description(demo_run):
    """A new model, source or reference table without descriptions fails here, naming what lacks one."""
    con = _warehouse(demo_run)
    schemas = ", ".join(f"'{s}'" for s in OWN_SCHEMAS)
    relations = con.execute(f"""
        select schema_name || '.' || table_name, comment from duckdb_tables() where schema_name in ({schemas})
        union all
        select schema_name || '.' || view_name, comment from duckdb_views() where schema_name in ({schemas})
        """).fetchall()
    columns = con.execute(f"""
        select schema_name || '.' || table_name, column_name, comment from duckdb_columns()
        where schema_name in ({schemas}) and table_name not like '%\\_\\_%' escape '\\'""").fetchall()
    assert len(relations) > 100 and len(columns) > 1000, (len(relations), len(columns))
    tables_without = sorted(t for t, comment in relations if "__" not in t and not (comment or "").strip())
    columns_without = sorted(f"{t}.{c}" for t, c, comment in columns if not (comment or "").strip())
    assert not tables_without, f"{len(tables_without)} tables without a comment: {tables_without}"
    assert not columns_without, (f"{len(columns_without)} columns without a comment (describe them in the SQL "
                                 f"header's '-- Columns:' block or the declaration): {columns_without}")
    # A table comment says what one row is.
    without_one_row = [t for t, comment in relations
                       if "__" not in t and not comment.partition(" One row: ")[2].strip()]
    assert not without_one_row, without_one_row


def test_no_description_names_a_column_its_table_does_not_have(demo_run):
    """A description left behind when a column is renamed or dropped is found, not kept."""
    con = _warehouse(demo_run)
    actual: dict[str, set[str]] = {}
    for table, column in con.execute("select schema_name || '.' || table_name, column_name from duckdb_columns() "
                                     "where not internal").fetchall():
        actual.setdefault(table, set()).add(column)
    stale = {table: sorted(set(doc.columns) - actual[table])
             for table, doc in TABLE_DOCS.items() if table in actual and set(doc.columns) - actual[table]}
    assert not stale, stale


def test_latest_views_hold_the_latest_report_year_of_each_indicator_table(demo_run):
    con = _warehouse(demo_run)
    indicators = {t for (t,) in con.execute(
        "select table_name from duckdb_tables() where schema_name = 'indicators'").fetchall()}
    views = {v for (v,) in con.execute(
        f"select view_name from duckdb_views() where schema_name = '{LATEST_SCHEMA}'").fetchall()}
    assert indicators and views == indicators
    assert con.execute(f"select distinct report_year from {LATEST_SCHEMA}.barn_med_tiltak").fetchall() == [(2023,)]
    assert con.execute(f"select count(*) from {LATEST_SCHEMA}.barn_med_tiltak").fetchone() == \
        con.execute("select count(*) from indicators.barn_med_tiltak where report_year = 2023").fetchone()


def test_a_later_report_year_moves_the_latest_view_and_an_earlier_one_does_not(tmp_path):
    """Real DuckDB, the warehouse's own partition swap: `latest.<table>` follows the newest report year, and
    the table and its view carry the descriptions registered for the table."""
    document(TableDoc("indicators.katalog_test", "A test table", "one year of a test",
                      {"aar": ColumnDoc("the year", "år"), "antall": ColumnDoc("a count", "barn")}))
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    for year in (2023, 2024, 2022):
        replace_partition_validated(
            con, "indicators.katalog_test", Expectations(min_rows=1),
            select_sql=f"select {year} as report_year, 2020 as aar, {year - 2000} as antall",
            partition_column="report_year", partition_value=year)
    assert con.execute(f"select report_year, antall from {LATEST_SCHEMA}.katalog_test").fetchall() == [(2024, 24)]
    comments = dict(con.execute(
        "select schema_name || '.' || table_name || '.' || column_name, comment from duckdb_columns() "
        "where table_name = 'katalog_test'").fetchall())
    assert comments["indicators.katalog_test.antall"] == "a count [barn]"
    assert comments[f"{LATEST_SCHEMA}.katalog_test.antall"] == "a count [barn]"
    assert comments["indicators.katalog_test.report_year"].startswith("the report year")
    table_comment = con.execute("select comment from duckdb_tables() where table_name = 'katalog_test'").fetchone()[0]
    assert table_comment == "A test table. One row: one year of a test"
    TABLE_DOCS.pop("indicators.katalog_test")
    TABLE_DOCS.pop(f"{LATEST_SCHEMA}.katalog_test", None)


def test_rows_a_validation_rejected_are_kept_with_the_descriptions_of_their_table(tmp_path):
    from pipeline.warehouse import replace_table_validated

    document(TableDoc("staging.katalog_test", "A staged test table", "one test",
                      {"antall": ColumnDoc("a count", "barn")}))
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    build = replace_table_validated(con, "staging.katalog_test", Expectations(min_rows=2),
                                    select_sql="select 1 as antall")
    assert not build.committed
    table_comment = con.execute(
        "select comment from duckdb_tables() where table_name = 'katalog_test__failed'").fetchone()[0]
    assert table_comment.startswith("Rows of staging.katalog_test that failed its validation")
    assert con.execute("select comment from duckdb_columns() where table_name = 'katalog_test__failed'").fetchall() == \
        [("a count [barn]",)]
    for table in ("staging.katalog_test", "staging.katalog_test__failed"):
        TABLE_DOCS.pop(table)


def test_the_catalogue_names_a_column_without_a_description(tmp_path):
    """What the katalog check reports (a warning: a column SSB adds must not stop a run)."""
    from pipeline.catalog import read_catalogue, render_catalogue

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("create schema indicators; create table indicators.t (aar integer, ny varchar)")
    con.execute("comment on table indicators.t is 'A table. One row: one year'; "
                "comment on column indicators.t.aar is 'the year [år]'")
    (table,) = read_catalogue(con)
    assert (table.description, table.one_row, table.undescribed) == ("A table", "one year", ["ny"])
    assert [(c.name, c.unit, c.description) for c in table.columns] == [("aar", "år", "the year"), ("ny", "", "")]
    page = render_catalogue([table], 2023, synthetic=False, warehouse="w.duckdb")
    assert '<tr class="mangler"><td class="navn">ny</td>' in page and "DEMODATA" not in page


def test_a_sql_header_describes_what_one_row_is_and_every_column():
    header = """-- indicators.x
-- One row: one year and one region: the children
-- counted there.
--
-- Columns:
--   aar: the year counted [år]
--   antall: children with a measure on 31 December,
--       counted once [barn]
--   merknad: a note
with cells as (select 1)
select 1
"""
    one_row, columns = parse_sql_header(header, "sql/indicators/x.sql")
    assert one_row == "one year and one region: the children counted there."
    assert columns == {"aar": ColumnDoc("the year counted", "år"),
                       "antall": ColumnDoc("children with a measure on 31 December, counted once", "barn"),
                       "merknad": ColumnDoc("a note")}


def test_a_columns_block_the_catalogue_cannot_read_is_named_with_its_file_and_line():
    with pytest.raises(SqlDocError, match=r"sql/indicators/x.sql, line 4: expected '--   column: meaning"):
        parse_sql_header("-- x\n-- One row: a year\n-- Columns:\n-- Aar is the year\nselect 1", "sql/indicators/x.sql")
    with pytest.raises(SqlDocError, match="column 'aar' is described twice"):
        parse_sql_header("-- Columns:\n--   aar: a\n--   aar: b\nselect 1", "sql/x.sql")


def test_the_catalogue_page_lists_every_table_with_what_one_row_is_and_the_units(demo_run):
    page = (demo_run / "report" / "2023" / "katalog.html").read_text(encoding="utf-8")
    con = _warehouse(demo_run)
    for (table,) in con.execute("select schema_name || '.' || table_name from duckdb_tables() "
                                "where schema_name in ('indicators', 'raw', 'staging', 'reference')").fetchall():
        assert f'<h3 id="{table}">{table}</h3>' in page, table
    assert "DEMODATA" in page and "(ikke beskrevet)" not in page
    assert f"from {LATEST_SCHEMA}.barn_med_tiltak" in page
    # Units have a column of their own, taken from the comment's [unit].
    assert re.search(r'<td class="navn">per_31_12</td><td class="type">[A-Z]+</td><td>\w', page)
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org", "")
    # The report document links to it (report/rapport runs after report/katalog).
    assert 'href="katalog.html"' in (demo_run / "report" / "2023" / "index.html").read_text(encoding="utf-8")


# -- The Dagster UI ------------------------------------------------------------------------------------

def test_every_sql_model_links_to_its_sql_file_as_a_code_reference():
    from pipeline.app.definitions import all_assets
    from pipeline.model_assets import SQL_MODELS, table_key
    from pipeline.paths import SQL_DIR

    specs = {key: asset.specs_by_key[key] for asset in all_assets() for key in asset.keys}
    for table, model in SQL_MODELS.items():
        references = specs[table_key(table)].metadata["dagster/code_references"].code_references
        assert str(SQL_DIR / model.sql) in {r.file_path for r in references}, table


def test_a_materialisation_shows_thumbnail_column_schema_row_count_and_report_links(tmp_path):
    """One small materialisation of the demo snapshot: a Bufdir file, the model on it, its figure and a report
    table. Metadata the UI shows: a PNG thumbnail as a data: URI, the columns with their descriptions, rows,
    and where the report's index.html and the catalogue are."""
    import dagster as dg
    from PIL import Image

    from assets import write_demo
    from tests.handbuilt import materialize_upstream

    snapshot = tmp_path / "snapshot"
    write_demo(snapshot, 2023)
    # A kept instance, as the UI's: an ephemeral one (reformeval run's) gets no thumbnails.
    with dg.instance_for_test() as instance:
        assert not instance.is_ephemeral
        result, message, _ = materialize_upstream(snapshot, tmp_path / "work", "figures/figur_0_11",
                                                  "report/tabell_5_1", instance=instance)
    assert result.success, message
    metadata = {tuple(e.asset_key.path): e.materialization.metadata
                for e in result.get_asset_materialization_events()}

    figure = metadata[("figures", "figur_0_11")]
    thumbnail = figure["thumbnail"].value
    match = re.fullmatch(r"!\[[^\]]+\]\(data:image/png;base64,([A-Za-z0-9+/=]+)\)", thumbnail)
    assert match, thumbnail[:200]
    png = base64.b64decode(match[1])
    assert len(thumbnail) < 30_000, len(thumbnail)
    with Image.open(io.BytesIO(png)) as image:
        assert 200 <= image.width <= 320, image.size

    for key in (("indicators", "oppholdsdager_sentre"), ("raw", "bufdir_oppholdsdager_sentre")):
        schema = metadata[key]["dagster/column_schema"].value
        assert isinstance(schema, dg.TableSchema)
        assert schema.columns and all(c.description and c.type for c in schema.columns), key
        assert metadata[key]["dagster/row_count"].value > 0
    report_html = metadata[("report", "tabell_5_1")]["report_html"].value
    assert report_html == str(tmp_path / "work" / "out" / "report" / "2023" / "index.html")
