"""Real SSB 07459 extracts (../shared/reference/ssb-07459) through the population assets."""

from __future__ import annotations

import json
import re

import dagster as dg
import duckdb
import pytest

from assets import befolkning, raw
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
        raw.of("07459"),
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


def test_2023_category_counts_match_the_report_figure_6_1(tmp_path):
    """Figur 6-1 of the 2023 status report (Menon 165/2023) gives the number of kommuner per
    befolkningskategori: N = 78, 96, 71, 46, 45 and 20."""
    from assets import reference

    regions, years, cells = read_07459_csv(shared_path("reference", "ssb-07459", "Personer2023.csv"))
    root = tmp_path / "snapshot"
    part = root / "ssb" / "07459" / "part-001.json"
    part.parent.mkdir(parents=True)
    part.write_text(json.dumps(population_jsonstat(regions, years, cells)), encoding="utf-8")
    warehouse = tmp_path / "warehouse.duckdb"
    selection = [*raw.of("07459"), befolkning.kommunestruktur, befolkning.befolkningskategori,
                 *(a for a in reference.assets)]
    result = dg.materialize(
        selection,
        partition_key="2023",
        resources={
            "warehouse": warehouse_resource(str(warehouse)),
            "snapshot": SnapshotResource(path=str(root)),
            "output": OutputResource(path=str(tmp_path / "out")),
        },
    )
    assert result.success
    with duckdb.connect(str(warehouse), read_only=True) as con:
        counts = dict(con.execute(
            "select befolkningskategori, count(*) from indicators.befolkningskategori "
            "where report_year = 2023 and aar = 2023 group by 1").fetchall())
    assert counts == {1: 78, 2: 96, 3: 71, 4: 46, 5: 45, 6: 20}


def test_real_klass_changes_map_every_2019_kommune_into_the_2020_structure():
    import csv

    import pandas as pd

    from pipeline.kommunestruktur import map_codes

    frames = []
    for old, new in ((2018, 2019), (2019, 2020)):
        path = shared_path("reference", "klass-131", f"fra_{old}kommuner_til_{new}kommuner.csv")
        with path.open(encoding="iso-8859-1") as fh:
            rows = [r for r in csv.DictReader(fh, delimiter=";")
                    if r[f"kommunenummer_{old}"] != r[f"kommunenummer_{new}"]]
        frames.append(pd.DataFrame({"change_year": new, "old_code": [r[f"kommunenummer_{old}"] for r in rows],
                                    "new_code": [r[f"kommunenummer_{new}"] for r in rows]}))
    changes = pd.concat(frames, ignore_index=True)
    regions19, _, cells19 = read_07459_csv(shared_path("reference", "ssb-07459", "Personer2019.csv"))
    regions20, _, cells20 = read_07459_csv(shared_path("reference", "ssb-07459", "Personer2020.csv"))
    codes19 = [c for c, _ in regions19 if re.fullmatch(r"\d{4}", c)]
    structure = {c[2:] for c, _ in regions20 if re.fullmatch(r"K-\d{4}", c)}
    # Tysfjord (1850) was split between Narvik and Hamarøy in 2020: shared by their 2020 inhabitants.
    population20 = {}
    for (region, _, _), value in cells20.items():
        population20[(region[2:], 2020)] = population20.get((region[2:], 2020), 0) + value
    mapping = map_codes([(c, 2019) for c in codes19], structure, 2020, changes, population20, str(path))
    assert set(mapping["kommune_kode"]) == structure and len(structure) == 356
    tysfjord = mapping[mapping["region_kode"] == "1850"].set_index("kommune_kode")["andel"]
    assert set(tysfjord.index) == {"1806", "1875"} and tysfjord.sum() == pytest.approx(1.0)
    assert tysfjord["1806"] == pytest.approx(
        population20[("1806", 2020)] / (population20[("1806", 2020)] + population20[("1875", 2020)]))
    totals19 = {c: sum(v for (r, _, _), v in cells19.items() if r == c) for c in codes19}
    mapped = mapping.assign(personer=mapping["region_kode"].map(totals19) * mapping["andel"])
    assert mapped["personer"].sum() == pytest.approx(sum(totals19.values()))  # the national total is kept
