"""Real SSB 07459 extracts (../shared/reference/ssb-07459) through the population assets."""

from __future__ import annotations

import json
import re

import dagster as dg
import duckdb
import pytest

from assets import befolkning
from pipeline.resources import OutputResource, SnapshotResource, warehouse_resource
from tests.conftest import shared_path
from tests.real_data import population_jsonstat, read_07459_csv


@pytest.fixture(scope="module")
def real_2023(tmp_path_factory):
    regions, years, cells = read_07459_csv(shared_path("reference", "ssb-07459", "Personer2023.csv"))
    root = tmp_path_factory.mktemp("real") / "snapshot"
    part = root / "ssb" / "07459" / "part-001.json"
    part.parent.mkdir(parents=True)
    part.write_text(json.dumps(population_jsonstat(regions, years, cells)), encoding="utf-8")
    warehouse = root.parent / "warehouse.duckdb"
    result = dg.materialize(
        befolkning.assets,
        resources={
            "warehouse": warehouse_resource(str(warehouse)),
            "snapshot": SnapshotResource(path=str(root)),
            "output": OutputResource(path=str(root.parent / "out")),
        },
    )
    assert result.success
    return regions, cells, warehouse


def test_real_2023_population_loads_with_every_kommune_and_the_national_total(real_2023):
    regions, cells, warehouse = real_2023
    kommune_codes = {code for code, _ in regions if re.fullmatch(r"K-\d{4}", code)}
    expected_total = sum(cells.values())
    with duckdb.connect(str(warehouse), read_only=True) as con:
        kommuner, kommune_sum = con.execute("""
            select count(distinct region_kode), sum(personer)
            from staging.befolkning where region_type = 'kommune' and aar = 2023
        """).fetchone()
        landet = con.execute(
            "select sum(personer) from staging.befolkning where region_type = 'landet' and aar = 2023"
        ).fetchone()[0]
        other = con.execute(
            "select list(distinct region_kode order by region_kode) from staging.befolkning "
            "where region_type = 'annen'"
        ).fetchone()[0]
    assert kommuner == len(kommune_codes) == 356  # the 2020-2023 structure had 356 kommuner
    assert kommune_sum == landet == expected_total
    assert other == ["21-22", "23", "Rest"]  # Svalbard, the shelf, unknown: not kommuner


def test_real_codes_keep_the_kommune_number_without_the_codelist_prefix(real_2023):
    _, _, warehouse = real_2023
    with duckdb.connect(str(warehouse), read_only=True) as con:
        halden = con.execute(
            "select region_navn, sum(personer) from staging.befolkning where region_kode = '3001' group by 1"
        ).fetchone()
    assert halden[0] == "Halden" and halden[1] > 0
