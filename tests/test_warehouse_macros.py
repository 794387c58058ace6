"""The warehouse machinery: the macros of sql/macros.sql (created once per warehouse, again when the file
changes), the column types a built table reports."""

import duckdb

from pipeline import warehouse


def test_macros_are_created_once_per_warehouse_file(tmp_path):
    db = tmp_path / "w.duckdb"
    with duckdb.connect(str(db)) as con:
        warehouse.ensure_macros(con)
        assert con.execute("select region_kode('K-3101')").fetchone()[0] == "3101"
        # Marks the macro: a second call that ran the file again would put the original back.
        con.execute("create or replace macro region_kode(code) as 'marked'")
        warehouse.ensure_macros(con.cursor())
        assert con.execute("select region_kode('K-3101')").fetchone()[0] == "marked"
    with duckdb.connect(str(db)) as con:  # a new connection to the same file: they persist there
        warehouse.ensure_macros(con)
        assert con.execute("select region_kode('K-3101')").fetchone()[0] == "marked"


def test_a_changed_macros_file_is_run_again(tmp_path, monkeypatch):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        warehouse.ensure_macros(con)
        original = warehouse.read_sql

        def changed(relpath):
            text = original(relpath)
            return text + "\ncreate or replace macro ny_makro(x) as x + 1;\n" if relpath == "macros.sql" else text

        monkeypatch.setattr(warehouse, "read_sql", changed)
        warehouse.ensure_macros(con)
        assert con.execute("select ny_makro(1)").fetchone()[0] == 2
        assert con.execute("select region_kode('K-3101')").fetchone()[0] == "3101"


def test_an_in_memory_warehouse_gets_the_macros():
    with duckdb.connect() as con:
        warehouse.ensure_macros(con)
        assert con.execute("select region_navn('0301 Oslo - Oslove')").fetchone()[0] == "Oslo - Oslove"


def test_a_built_table_reports_duckdbs_own_column_types(tmp_path):
    from pipeline.expectations import Expectations

    select = ("select 1::integer as aar, 2.5::decimal(18, 3) as kr, ['a', 'b'] as koder, "
              "{'x': 1} as par, 'Oslo' as navn, date '2023-12-31' as dato, 1.5::double as andel")
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        build = warehouse.replace_table_validated(con, "staging.typer", Expectations(), select_sql=select)
        catalogue = [t for (t,) in con.execute(
            "select data_type from duckdb_columns() where schema_name = 'staging' and table_name = 'typer' "
            "order by column_index").fetchall()]
    assert build.column_types == catalogue
    assert build.column_types == ["INTEGER", "DECIMAL(18,3)", "VARCHAR[]", "STRUCT(x INTEGER)", "VARCHAR", "DATE",
                                  "DOUBLE"]
