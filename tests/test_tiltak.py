"""Children with measures and placements (SSB 09050, 12845, 11600): the published national series
are reproduced exactly, hjelpetiltak i hjemmet is derived as defined, and bad fixtures stop the run
at the asset that finds the problem."""

from __future__ import annotations

import csv
import json
import shutil

import dagster as dg
import duckdb
import pytest

from assets import SSB_TABLES, plasseringer, raw, tiltak, write_demo
from pipeline.resources import OutputResource, SnapshotResource, warehouse_resource
from tests.conftest import shared_path
from tests.handbuilt import demo_snapshot_to_edit, jsonstat, materialize_upstream
from tests.pxweb_stub import select

pytestmark = pytest.mark.slow


def published_series(series: str) -> dict[tuple[str, int], float]:
    """SSB hovudtal from ../shared/reference/published: (breakdown, year) -> value."""
    out: dict[tuple[str, int], float] = {}
    with shared_path("reference", "published", "published_figures.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["series"] == series and row["breakdown"] in ("i_alt", "hjelpetiltak", "omsorgstiltak"):
                out[(row["breakdown"], int(row["year"]))] = float(row["value"])
    return out


# The fixture's 18-22 / 18-24 år (no omsorgstiltak after 18): 0-17 år is the published total less these, so
# that SSB's age groups add up to its published total and the report's 0-22/0-24 (their sum) is that total.
ELDRE = {"i_alt": 4_000.0, "hjelpetiltak": 4_000.0, "omsorgstiltak": 0.0}


def hovudtal_snapshot(root, years: list[int]):
    """National fixtures shaped like the API's replies, filled with SSB's published hovudtal."""
    per_31_12 = published_series("barn_med_barnevernstiltak_per_31_12")
    i_lopet = published_series("barn_med_barnevernstiltak_i_lopet_av_aret")
    plassert = published_series("barn_og_unge_med_plasseringstiltak_per_31_12")
    tiltak_cats = [("1", "I alt"), ("2", "Hjelpetiltak"), ("3", "Omsorgstiltak")]
    key = {"1": "i_alt", "2": "hjelpetiltak", "3": "omsorgstiltak"}
    tid = [(str(y), str(y)) for y in years]
    docs = {
        "09050": jsonstat("09050: fixture", [
            ("Region", "geo", [("0", "Heile landet")]),
            ("Hjelpetiltak", None, tiltak_cats),
            ("Alder", None, [("999", "Alder i alt"), ("017", "0-17 år"), ("022", "18-22 år"), ("024", "18-24 år")]),
            ("ContentsCode", "metric", [("BarnTiltakAar", "Barn med barnevernstiltak i løpet av året"),
                                        ("BarnTiltak3112", "Barn med barnevernstiltak per 31.12.")]),
            ("Tid", "time", tid),
        ], lambda r, t, a, c, y: alder_cell(
            (i_lopet if c == "BarnTiltakAar" else per_31_12)[(key[t], int(y))], key[t], a, int(y))),
        "11600": jsonstat("11600: fixture", [
            ("Region", "geo", [("0", "Heile landet")]),
            ("Hjelpetiltak", None, tiltak_cats),
            ("TypePlassering", None, [("0", "Plasseringstiltak i alt")]),
            ("Alder", None, [("999", "Alder i alt")]),
            ("ContentsCode", "metric", [("Plassert", "Barn og unge med plasseringstiltak per 31. desember")]),
            ("Tid", "time", tid),
        ], lambda r, t, p, a, c, y: plassert[(key[t], int(y))]),
        "07459": jsonstat("07459: fixture", [
            ("Region", "geo", [("0", "Hele landet")]), ("Alder", None, [("010", "10 år")]),
            ("ContentsCode", "metric", [("Personer1", "Personer")]), ("Tid", "time", tid),
        ], lambda r, a, c, y: 1_000_000.0),
    }
    for table, doc in docs.items():
        for dim_code, label in (("Hjelpetiltak", "omsorgs-/hjelpetiltak"), ("Alder", "alder"),
                                ("TypePlassering", "type plassering")):
            if dim_code in doc["dimension"]:
                doc["dimension"][dim_code]["label"] = label
        path = root / "ssb" / table / "part-001.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return root, per_31_12, i_lopet, plassert


def alder_cell(total: float, tiltak: str, alder: str, year: int) -> float | str:
    """A cell of the fixture's age groups: the published total, 0-17 = total − 18+, or '.' for the 18+ group
    of the other side of the 2021 age-limit change."""
    if alder == "999":
        return total
    if (alder == "022") != (year < 2021) and alder != "017":
        return "."
    return total - ELDRE[tiltak] if alder == "017" else ELDRE[tiltak]


def test_published_national_series_are_reproduced_exactly(tmp_path):
    years = list(range(2015, 2024))
    root, per_31_12, i_lopet, plassert = hovudtal_snapshot(tmp_path / "snap", years)
    warehouse = tmp_path / "warehouse.duckdb"
    result = dg.materialize(
        [*raw.of("09050"), tiltak.barn_med_tiltak, *raw.of("11600"), plasseringer.plasseringstiltak,
         *raw.of("07459")],
        partition_key="2024",
        resources={"warehouse": warehouse_resource(str(warehouse)), "snapshot": SnapshotResource(path=str(root)),
                   "output": OutputResource(path=str(tmp_path / "out"))},
    )
    assert result.success
    with duckdb.connect(str(warehouse), read_only=True) as con:
        measures = {(t, y): (p, i, g) for y, g, t, p, i, total in con.execute(
            "select aar, aldersgruppe, tiltak, per_31_12, i_lopet_av_aret, alder_i_alt_per_31_12 "
            "from indicators.barn_med_tiltak where report_year = 2024 and aldersgruppe in ('0-22', '0-24')").fetchall()
            if total == p}  # SSB's "alder i alt" is carried beside the sum: here they agree
        placed = {(t, y): v for y, t, v in con.execute(
            "select aar, tiltak, i_alt from indicators.plasseringstiltak where report_year = 2024").fetchall()}
    for tiltak_key in ("i_alt", "hjelpetiltak", "omsorgstiltak"):
        for year in years:
            per, during, group = measures[(tiltak_key, year)]
            assert per == per_31_12[(tiltak_key, year)], (tiltak_key, year)
            assert during == i_lopet[(tiltak_key, year)], (tiltak_key, year)
            assert group == ("0-22" if year <= 2020 else "0-24")
            assert placed[(tiltak_key, year)] == plassert[(tiltak_key, year)], (tiltak_key, year)


@pytest.fixture(scope="module")
def demo_out(demo_run):
    return demo_run  # the session's one demo run (conftest)


def test_hjelpetiltak_i_hjemmet_subtracts_akutt_atferd_and_plassert(demo_out):
    with duckdb.connect(str(demo_out / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute("""
            select t.aar, t.aldersgruppe, t.hjelpetiltak, t.akuttiltak, t.atferdstiltak, t.plassert_hjelpetiltak,
                   t.hjelpetiltak_i_hjemmet, t.andel_hjelpetiltak_i_hjemmet, t.i_alt,
                   (select antall from staging.barn_med_tiltak b where b.aar = t.aar and b.tiltak = 'hjelpetiltak'
                      and b.maal = 'per_31_12' and b.alder = '0_17') as hjelpetiltak_09050,
                   (select antall from staging.tiltak_lovheimel l where l.aar = t.aar and l.lovheimel = 'akuttiltak'
                      and l.plassering = 'i_alt'
                      and l.alder = '0_17') as akutt_12845
            from indicators.tiltak_etter_type t where t.aldersgruppe = '0-17' order by t.aar
        """).fetchall()
    assert [r[0] for r in rows] == list(range(2015, 2023))
    for _, _, hjelpe, akutt, atferd, plassert, hjemme, andel, i_alt, hjelpe_src, akutt_src in rows:
        assert hjelpe == hjelpe_src and akutt == akutt_src
        assert hjemme == hjelpe - akutt - atferd - plassert
        assert andel == pytest.approx(hjemme / i_alt)


def test_every_issue_4_figure_is_drawn_with_its_csv(demo_out):
    folder = demo_out / "figures" / "2023"
    for stem in ("figur_5_1", "figur_0_1", "figur_0_2", "figur_5_2", "figur_0_3", "figur_5_3", "figur_5_4",
                 "figur_5_5", "figur_5_6"):
        for suffix in ("png", "svg", "csv", "json"):
            assert (folder / f"{stem}_DEMODATA.{suffix}").exists(), f"{stem}.{suffix}"
    meta = json.loads((folder / "figur_5_1_DEMODATA.json").read_text())
    assert any("25 år" in note for note in meta["footnotes"]), "the 2021 age-limit break is footnoted"
    meta = json.loads((folder / "figur_5_6_DEMODATA.json").read_text())
    assert any("fra og med 2021" in note for note in meta["footnotes"])  # the report's wording
    with (folder / "figur_5_6_DEMODATA.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    years_mellombels = sorted(int(r["år"]) for r in rows if r["plassering"] == "mellombels_heim")
    assert years_mellombels == [2021, 2022]  # a new category is not drawn as zero before it existed


def test_parts_exceeding_their_total_stop_the_run_at_the_indicator_with_a_named_check(tmp_path):
    snap = demo_snapshot_to_edit(tmp_path)
    path = snap / "ssb" / "12845" / "part-001.json"
    doc = json.loads(path.read_text())
    doc["value"] = [v * 20 if v is not None else None for v in doc["value"]]  # akutt etc. beyond hjelpetiltak
    path.write_text(json.dumps(doc))
    result, message, warehouse = materialize_upstream(snap, tmp_path, "indicators/tall_i_teksten_tiltak")
    assert not result.success
    assert "check hjelpetiltak_i_hjemmet_not_negative on indicators/tiltak_etter_type failed" in message
    assert "column='hjelpetiltak_i_hjemmet'" in message and "min_value=0" in message
    with duckdb.connect(str(warehouse), read_only=True) as con:
        done = {r[0] for r in con.execute("select schema_name || '.' || table_name from duckdb_tables()").fetchall()}
    assert "indicators.tiltak_etter_type__failed" in done and "indicators.tall_i_teksten_tiltak" not in done


def test_a_missing_year_stops_the_run_at_the_indicator_naming_the_year(tmp_path):
    snap = demo_snapshot_to_edit(tmp_path)
    path = snap / "ssb" / "11600" / "part-001.json"
    full = json.loads(path.read_text())
    selection = {d: list(full["dimension"][d]["category"]["index"]) for d in full["id"]}
    selection["Tid"] = [y for y in selection["Tid"] if y != "2019"]
    path.write_text(json.dumps(select(full, selection)))
    result, message, _ = materialize_upstream(snap, tmp_path, "indicators/plasseringstiltak")
    assert not result.success
    assert "check expectations_plasseringstiltak on indicators/plasseringstiltak failed" in message
    assert "expect_column_distinct_values_to_contain_set(column='aar'" in message and "2019" in message


def test_demo_declarations_resolve_labels_to_keys(tmp_path):
    snap = write_demo(tmp_path / "demo", 2023)
    doc = json.loads(snap.read_bytes("ssb/11600/part-001.json"))
    labels = {d["label"] for d in doc["dimension"].values()}
    assert {"omsorgs-/hjelpetiltak", "type plassering", "alder"} <= labels
    assert SSB_TABLES["11600"].variable("plassering").selection.key_for("FOSTERHEIM.") == "fosterheim"
    shutil.rmtree(tmp_path / "demo")


def test_ssb_nil_symbol_is_zero_openly_with_the_symbol_kept(demo_out):
    with duckdb.connect(str(demo_out / "warehouse.duckdb"), read_only=True) as con:
        nil = con.execute("select count(*), min(antall), max(antall) from staging.tiltak_lovheimel "
                          "where status = '-'").fetchone()
        other = con.execute("select count(*) from staging.tiltak_lovheimel where status = '.' and antall is not null"
                            ).fetchone()[0]
    assert nil[0] > 0 and nil[1] == nil[2] == 0  # "-" is SSB's exact nil
    assert other == 0  # "." (not applicable) never becomes a number
