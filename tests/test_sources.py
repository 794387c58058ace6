"""The declared sources (`assets.sources`): found by discovery, cheap to import, and each with its assets."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import dagster as dg
import pytest

from assets.sources import BUFDIR_DATASETS, SSB_TABLES, discover
from pipeline.errors import DeclarationError
from pipeline.paths import PROJECT_ROOT, SQL_DIR

# What the CLI must not pay for before it has checked a snapshot against the declarations.
HEAVY_MODULES = ("dagster", "dagster_duckdb", "pandas", "numpy", "great_expectations", "matplotlib", "duckdb")


def test_importing_the_declarations_imports_neither_dagster_nor_pandas_nor_great_expectations():
    # A fresh interpreter: this one has imported all of them already.
    probe = "import assets.sources, json, sys; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    imported = set(json.loads(done.stdout))
    assert imported & set(HEAVY_MODULES) == set(), f"importing assets.sources imported {imported & set(HEAVY_MODULES)}"


def test_every_declared_source_has_its_raw_and_staging_assets_in_the_definitions():
    from pipeline.app.definitions import all_assets

    keys = {key for assets_def in all_assets() for key in assets_def.keys}
    for table in SSB_TABLES.values():
        assert dg.AssetKey(["raw", f"ssb_{table.id}"]) in keys, f"SSB table {table.id} has no raw asset"
        assert dg.AssetKey(table.staged_table.split(".")) in keys, f"SSB table {table.id} has no staging asset"
    for dataset in BUFDIR_DATASETS.values():
        assert dg.AssetKey(["raw", f"bufdir_{dataset.name}"]) in keys, f"Bufdir dataset {dataset.name} has no asset"


def test_every_declared_ssb_table_has_its_staging_sql():
    for table in SSB_TABLES.values():
        assert (SQL_DIR / table.staging_sql).is_file(), f"SSB table {table.id}: no sql/{table.staging_sql}"


def test_a_table_with_kommune_rows_names_a_value_column_its_staged_table_has():
    # indicators.kommunestruktur maps the kommune codes of these tables, reading this column.
    with_kommuner = [table for table in SSB_TABLES.values() if table.kommune_value_column]
    assert {table.id for table in with_kommuner} >= {"07459", "12362"}
    for table in with_kommuner:
        assert table.kommune_value_column in table.staged_expectations.required_columns, table.id


def test_the_registries_hold_every_declared_source_once():
    assert set(SSB_TABLES) == {"06083", "07459", "09050", "10660", "10661", "10673", "11600", "12115", "12275",
                               "12362", "12845", "13353", "13502"}
    assert all(table.id == key for key, table in SSB_TABLES.items())
    assert all(dataset.name == key for key, dataset in BUFDIR_DATASETS.items())
    assert len(BUFDIR_DATASETS) == 10
    assert {"oppholdsdager_tiltak", "flyttinger_fosterhjem_uttrekk"} <= set(BUFDIR_DATASETS)


# -- Discovery on a package of its own ----------------------------------------------------------------

def _table(table_id: str) -> str:
    return (f'SsbTable(id="{table_id}", title="t", variables=(Variable("aar", Selection.years(), role="time"),), '
            f'regions=RegionCodes(national="0"), first_year=2015, staging_sql="staging/x.sql", '
            f'staged_table="staging.x", unit="barn")')


HEADER = ("from pipeline.bufdir import BufdirDataset, Reaches\nfrom pipeline.typed_csv import Column\n"
          "from pipeline.ssb.declaration import RegionCodes, Selection, SsbTable, Variable\n")


@pytest.fixture
def make_package(tmp_path, monkeypatch):
    """Writes a package of declaration modules under tmp_path; returns its name and path."""
    monkeypatch.syspath_prepend(str(tmp_path))
    made: list[str] = []

    def make(name: str, modules: dict[str, str]) -> tuple[str, list[str]]:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "__init__.py").write_text("")
        for module, body in modules.items():
            (folder / f"{module}.py").write_text(HEADER + textwrap.dedent(body))
        made.append(name)
        return name, [str(folder)]

    yield make
    for name in list(sys.modules):
        if name.split(".")[0] in made:
            del sys.modules[name]


def test_a_declaration_imported_by_another_module_is_collected_once_for_the_module_that_defines_it(make_package):
    package, path = make_package("decl_pkg_imported", {
        # Sorted first, and it imports the other module's table before it defines its own.
        "a_uses": f"from decl_pkg_imported.b_defines import TABLE_B\nTABLE_A = {_table('A')}\n",
        "b_defines": f"TABLE_B = {_table('B')}\n"
                     "DATASET = BufdirDataset(name='d', description='', columns=(Column('aar', 'int'),), "
                     "period='year', reaches=Reaches('aar'))\n",
    })
    tables, datasets, domains = discover(package, path)
    assert list(tables) == ["A", "B"]
    assert list(datasets) == ["d"]
    # Each source's domain is the module that defines it (the group of its raw and staging assets).
    assert domains == {tables["A"].raw_table: "a_uses", tables["B"].raw_table: "b_defines", "raw.bufdir_d": "b_defines"}


def test_two_declarations_with_one_id_are_refused_naming_both(make_package):
    package, path = make_package("decl_pkg_twice", {
        "first": f"TABLE = {_table('12362')}\n",
        "second": f"OTHER = {_table('12362')}\n",
    })
    with pytest.raises(DeclarationError, match=r"SSB table '12362' is declared twice: decl_pkg_twice\.first\.TABLE "
                                               r"and decl_pkg_twice\.second\.OTHER"):
        discover(package, path)
