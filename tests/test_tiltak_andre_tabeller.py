"""SSB 10660, 10661, 10673, 13353 and 12845 by type of placement: categories, measures, age groups and
statistics are found by SSB's labels (the code numbers are disputed or unknown), rates per
barnevernsregion use the region's own inhabitants, and a table whose labels changed stops at a
named check."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from assets import andre_tjenester, raw, tiltak_alder
from assets.sources.flyttinger import TABLE_13353
from pipeline.resources import OutputResource, SnapshotResource, warehouse_resource
from pipeline.ssb.declaration import RegionCodes
from tests.handbuilt import demo_snapshot_to_edit, jsonstat, materialize_upstream


def test_region_kinds_beyond_kommune_are_classified_by_their_pattern():
    regions = andre_tjenester.TABLE_10660.regions
    assert regions.classify("0N") == "landet"
    assert regions.classify("R3") == "barnevernsregion"
    assert regions.classify("46") == "fylke"
    assert regions.classify("888") == "annen"
    assert RegionCodes(national="0").classify("R3") == "annen"


def test_a_table_published_a_year_later_is_read_two_years_back():
    assert TABLE_13353.data_years(2023) == ["2019", "2020", "2021"]  # the report's 2019-2021
    assert TABLE_13353.data_years(2024)[-1] == "2022"  # the 2022 figures came in 2024


@pytest.fixture(scope="module")
def demo_out(demo_run):
    return demo_run  # the session's one demo run (conftest)


@pytest.mark.slow
def test_every_figure_of_these_tables_is_drawn_with_its_csv(demo_out):
    folder = demo_out / "figures" / "2023"
    for stem in ("figur_5_10", "figur_0_4", "figur_0_5", "figur_0_7", "figur_0_8", "figur_0_9", "figur_0_10",
                 "figur_0_12", "figur_b_1", "figur_b_2", "figur_b_3", "figur_b_4"):
        for suffix in ("png", "svg", "csv", "json"):
            assert (folder / f"{stem}_DEMODATA.{suffix}").exists(), f"{stem}.{suffix}"
    listed = (demo_out / "report" / "2023" / "figurer.md").read_text(encoding="utf-8")
    assert "Figur 5-10" in listed and "Barn 0–17 år med minst én flytting" in listed


@pytest.mark.slow
def test_categories_are_the_rows_labelled_so_and_their_measures_continue_their_code(demo_out):
    with duckdb.connect(str(demo_out / "warehouse.duckdb"), read_only=True) as con:
        raw = {(r, t, int(a)): v for r, t, a, v in con.execute(
            "select region, tiltak, aar, value from raw.ssb_10660 where statistikkvariabel = 'Tiltak3112'").fetchall()}
        national = con.execute(
            "select aar, nettverk, undersoking, nettverk_sum_tiltak, i_alt, andel_av_alle_tiltak "
            "from indicators.andre_tjenester_kategorier where region = 'Hele landet' order by aar").fetchall()
        measures = con.execute("select distinct kategori, tiltak from indicators.andre_tjenester_tiltak").fetchall()
    assert [r[0] for r in national] == list(range(2015, 2023))
    for aar, nettverk, undersoking, members, i_alt, andel in national:
        assert nettverk == raw[("0N", "6", aar)] and undersoking == raw[("0N", "7", aar)]
        assert members == sum(raw[("0N", c, aar)] for c in ("6.01", "6.02", "6.03", "6.04", "6.99"))
        assert andel == pytest.approx(100 * (nettverk + undersoking) / i_alt)
    assert {k for k, _ in measures} == {"nettverk", "undersoking"}
    assert {t for _, t in measures} == {"6.01", "6.02", "6.03", "6.04", "6.99", "7.01", "7.02", "7.03", "7.99"}


@pytest.mark.slow
def test_a_regions_rate_is_per_1000_of_its_own_inhabitants_in_the_age_group(demo_out):
    with duckdb.connect(str(demo_out / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute("""
            select k.aar, k.barnevernsregion, k.nettverk, k.per_1000_nettverk, k.befolkning,
                   (select sum(b.personer) from staging.befolkning b
                    inner join reference.barnevernsregion m on m.kode = b.region_kode
                    where b.region_type = 'kommune' and m.barnevernsregion = k.barnevernsregion
                      and b.aar = k.aar + 1 and b.alder <= case when k.aar < 2021 then 22 else 24 end) as own
            from indicators.andre_tjenester_kategorier k
            where k.region_type = 'barnevernsregion' and k.barnevernsregion <> 'oslo'
        """).fetchall()
    assert len(rows) == 5 * 8
    for _, _, nettverk, per_1000, befolkning, own in rows:
        assert befolkning == own
        assert per_1000 == pytest.approx(1000 * nettverk / own)


@pytest.mark.slow
def test_a_renamed_category_stops_the_run_at_the_staged_table_naming_what_is_missing(tmp_path):
    snap = demo_snapshot_to_edit(tmp_path)
    path = snap / "ssb" / "10660" / "part-001.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    labels = doc["dimension"]["Barnevernstiltak"]["category"]["label"]
    labels["7"] = "Behandling i andre tenester"  # SSB renamed the category
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result, message, _ = materialize_upstream(snap, tmp_path, "staging/barnevernstiltak")
    assert not result.success
    assert "staging/barnevernstiltak" in message
    assert "column='kategori'" in message and "undersoking" in message


def _tiltak_alder_snapshot(root):
    """10661 with a wide 0-17 group beside its narrower groups, as some SSB tables have."""
    ages = [("999", "Alder i alt"), ("000-017", "0-17 år"), ("000-005", "0-5 år"), ("006-017", "6-17 år"),
            ("018+", "18 år og over")]
    counts = {"000-005": 30.0, "006-017": 12.0, "018+": 1.0}

    def value(region, tiltak, alder, maal, aar):
        factor = 2 if maal == "Gjennom" else 1
        if alder == "999":
            return 43.0 * factor
        if alder == "000-017":
            return 42.0 * factor
        return counts[alder] * factor

    doc = jsonstat("10661: fixture", [
        ("Region", "geo", [("0N", "Heile landet")]),
        ("Barnevernstiltak", None, [("2.05", "Beredskapsheim"), ("2.06", "Mellombels heim i familie og nære nettverk"),
                                    ("3.08", "Sentre for foreldre og barn")]),
        ("Alder", None, ages),
        ("ContentsCode", "metric", [("Per3112", "Tiltak per 31. desember"), ("Gjennom", "Tiltak i løpet av året")]),
        ("Tid", "time", [(str(y), str(y)) for y in range(2015, 2023)]),
    ], value)
    doc["dimension"]["Alder"]["label"] = "alder"
    path = root / "ssb" / "10661" / "part-001.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return root


@pytest.mark.slow
def test_age_groups_inside_a_wider_group_are_counted_once(tmp_path):
    root = _tiltak_alder_snapshot(tmp_path / "snap")
    warehouse = tmp_path / "warehouse.duckdb"
    result = dg.materialize(
        [*raw.of("10661"), tiltak_alder.tiltak_etter_alder], partition_key="2023",
        resources={"warehouse": warehouse_resource(str(warehouse)), "snapshot": SnapshotResource(path=str(root)),
                   "output": OutputResource(path=str(tmp_path / "out"))},
    )
    assert result.success
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("select aldersgruppe, antall, antall_0_17, sum_aldersgrupper "
                           "from indicators.tiltak_etter_alder where aar = 2022 and tiltak = 'sentre' "
                           "and maal = 'per_31_12' order by alder_fra").fetchall()
    assert rows == [("0-5 år", 30.0, 42.0, 42.0), ("6-17 år", 12.0, 42.0, 42.0)]  # neither 0-17 nor 18+


@pytest.mark.slow
def test_age_groups_adding_up_to_more_than_the_tables_own_0_17_stop_at_a_named_check(tmp_path):
    root = _tiltak_alder_snapshot(tmp_path / "snap")
    path = root / "ssb" / "10661" / "part-001.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["value"] = [v * 3 if v == 30.0 else v for v in doc["value"]]  # 0-5 år beyond 0-17 år
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = dg.materialize(
        [*raw.of("10661"), tiltak_alder.tiltak_etter_alder], partition_key="2023", raise_on_error=False,
        resources={"warehouse": warehouse_resource(str(tmp_path / "w.duckdb")),
                   "snapshot": SnapshotResource(path=str(root)),
                   "output": OutputResource(path=str(tmp_path / "out"))},
    )
    assert not result.success
    failed = [e for e in result.get_asset_check_evaluations() if not e.passed]
    assert [e.asset_key.to_user_string() for e in failed] == ["indicators/tiltak_etter_alder"]
    assert "column_A='antall_0_17', column_B='sum_aldersgrupper'" in failed[0].description


@pytest.mark.slow
def test_moves_and_meldinger_are_read_by_their_labels(demo_out):
    with duckdb.connect(str(demo_out / "warehouse.duckdb"), read_only=True) as con:
        moves = con.execute("select aar, type, barn, minst_en_flytting, andel from indicators.flyttinger_fosterhjem "
                            "order by aar, type").fetchall()
        meldinger = con.execute("select aar, meldinger, til_undersoking, andel_til_undersoking "
                                "from indicators.bekymringsmeldinger order by aar").fetchall()
    assert {a for a, *_ in moves} == {2019, 2020, 2021}
    assert {t for _, t, *_ in moves} == {"i_familie", "utenom_familie"}  # not beredskapshjem, not SSB's total
    for _, _, barn, flyttet, andel in moves:
        assert andel == pytest.approx(flyttet / barn)
    assert [a for a, *_ in meldinger] == list(range(2015, 2023))
    for _, total, undersokt, andel in meldinger:
        assert andel == pytest.approx(undersokt / total)
    with (demo_out / "figures" / "2023" / "figur_0_5_DEMODATA.csv").open(encoding="utf-8") as fh:
        years = sorted({int(r["år"]) for r in csv.DictReader(fh) if r["plassering"] == "mellombels_heim"})
    assert years == [2021, 2022]  # a type that did not exist is no row, not a zero


@pytest.mark.parametrize("extract", ["Personer2015-2018.csv", "Personer2019.csv", "Personer2020.csv",
                                     "Personer2023.csv", "Personer2024.csv"])
def test_every_real_kommune_with_inhabitants_has_a_barnevernsregion(extract):
    """The built-in reference table maps every kommune code SSB used 2015-2024 (by fylke; Viken kommune
    by kommune), so no inhabitant is lost from the rates per barnevernsregion."""
    from pipeline.reference import SEEDS_DIR
    from tests.conftest import shared_path
    from tests.real_data import read_07459_csv

    path = shared_path("reference", "ssb-07459", extract)
    if not path.exists():
        pytest.skip(f"real 07459 extract not found at {path}")
    with (SEEDS_DIR / "barnevernsregion.csv").open(encoding="utf-8") as fh:
        mapping = {(r["niva"], r["kode"]): r["barnevernsregion"] for r in csv.DictReader(fh)}
    regions, _years, cells = read_07459_csv(path)
    unmapped = []
    for code, _label in regions:
        kommune = code.removeprefix("K-")
        if not kommune.isdigit() or len(kommune) != 4 or kommune == "9999":
            continue
        inhabitants = sum(v for (c, _, _), v in cells.items() if c == code)
        if inhabitants and ("kommune", kommune) not in mapping and ("fylke", kommune[:2]) not in mapping:
            unmapped.append(code)
    assert unmapped == []
    assert mapping[("kommune", "3025")] == "ost" and mapping[("kommune", "3005")] == "sor"  # Viken split


def test_region_labels_map_to_their_barnevernsregion_exactly():
    """The staging SQL's matching of SSB's region labels, run on the labels a table may have."""
    sql = (Path(__file__).parents[1] / "sql" / "staging" / "barnevernstiltak.sql").read_text(encoding="utf-8")
    case = sql[sql.index("    case regexp_replace("):sql.index("    end as barnevernsregion,") + 28]
    labels = ["Region nord", "Region midt-Noreg", "Region Midt-Norge", "Region vest", "Region sør", "Region aust",
              "Region øst", "Oslo", "Region øst (utanom Oslo)", "Nord-Trøndelag", "Uoppgitt region"]
    with duckdb.connect() as con:
        con.execute("create table cells as select unnest(?) as region_label", [labels])
        got = dict(con.execute(f"select region_label, {case.strip().removesuffix(',')} from cells "
                               .replace("end as barnevernsregion", "end").replace("cells.", "")).fetchall())
    assert got == {"Region nord": "nord", "Region midt-Noreg": "midt_norge", "Region Midt-Norge": "midt_norge",
                   "Region vest": "vest", "Region sør": "sor", "Region aust": "ost", "Region øst": "ost",
                   "Oslo": "oslo", "Region øst (utanom Oslo)": None, "Nord-Trøndelag": None,
                   "Uoppgitt region": None}


def _classify(sql_file: str, start: str, end: str, column: str, labels: list[str]) -> dict[str, str | None]:
    """Run one CASE expression of a staging SQL file on labels a table may have."""
    sql = (Path(__file__).parents[1] / "sql" / "staging" / sql_file).read_text(encoding="utf-8")
    case = sql[sql.index(start):sql.index(end, sql.index(start)) + len(end)]
    case = case.strip().removesuffix(",").rsplit(" as ", 1)[0]
    with duckdb.connect() as con:
        con.execute(f"create table raw_labels as select unnest(?) as {column}", [labels])
        return dict(con.execute(f"select {column}, {case} from raw_labels").fetchall())


def test_types_of_fosterhjem_are_told_apart_by_their_labels():
    got = _classify("flyttinger.sql", "    case\n        when lower(fosterheimstype_label) like '%i alt%'",
                    "end as type,", "fosterheimstype_label",
                    ["Fosterheimstypar i alt", "Fosterheim i familie og nære nettverk",
                     "Fosterheim utanom familie og nære nettverk", "Fosterhjem utenom familie og nære nettverk",
                     "Beredskapsheim utanom familie og nære nettverk", "Beredskapsheim",
                     "Mellombels heim i familie og nære nettverk"])
    assert got == {"Fosterheimstypar i alt": "i_alt", "Fosterheim i familie og nære nettverk": "i_familie",
                   "Fosterheim utanom familie og nære nettverk": "utenom_familie",
                   "Fosterhjem utenom familie og nære nettverk": "utenom_familie",
                   "Beredskapsheim utanom familie og nære nettverk": "beredskapsheim",
                   "Beredskapsheim": "beredskapsheim",
                   "Mellombels heim i familie og nære nettverk": None}  # not a fosterhjem of 13353's three


def test_statistics_of_meldingar_are_told_apart_by_their_labels():
    got = _classify("meldinger.sql", "    case\n        when not regexp_matches", "end as maal,",
                    "statistikkvariabel_label",
                    ["Meldingar", "Meldingar henlagde", "Meldingar som gjekk til undersøking",
                     "Meldingar som ikkje gjekk til undersøking", "Undersøkingar i alt", "Avslutta undersøkingar",
                     "Henlagde undersøkingar", "Bekymringsmeldinger"])
    assert got == {"Meldingar": "meldinger", "Meldingar henlagde": "henlagt",
                   "Meldingar som gjekk til undersøking": "til_undersoking",
                   "Meldingar som ikkje gjekk til undersøking": None, "Undersøkingar i alt": None,
                   "Avslutta undersøkingar": None, "Henlagde undersøkingar": None,
                   "Bekymringsmeldinger": "meldinger"}


def test_measures_and_age_groups_of_10661_are_read_from_their_labels():
    measures = _classify("tiltak_alder.sql", "    case\n        when tiltak_etikett like 'beredskaps%'",
                         "end as tiltak_nokkel,", "tiltak_etikett",
                         ["beredskapsheim utanom familie og nære nettverk",
                          "mellombels heim i familie og nære nettverk",
                          "midlertidig hjem i familie og nære nettverk", "senter for foreldre og barn",
                          "sentre for foreldre og barn", "fosterheim i familie og nære nettverk"])
    assert measures == {"beredskapsheim utanom familie og nære nettverk": "beredskapsheim",
                        "mellombels heim i familie og nære nettverk": "mellombels_heim",
                        "midlertidig hjem i familie og nære nettverk": "mellombels_heim",
                        "senter for foreldre og barn": "sentre", "sentre for foreldre og barn": "sentre",
                        "fosterheim i familie og nære nettverk": None}
    upper = _classify("tiltak_alder.sql", "    case\n        when regexp_matches(aldersgruppe", "end as alder_til,",
                      "aldersgruppe", ["0-2 år", "13-17 år", "0–17 år", "17 år", "18 år og over", "18-24 år",
                                       "Alder i alt"])
    assert upper == {"0-2 år": 2, "13-17 år": 17, "0–17 år": 17, "17 år": 17, "18 år og over": 999,
                     "18-24 år": 24, "Alder i alt": None}
