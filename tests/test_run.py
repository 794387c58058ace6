"""End to end: `reformeval run` on the demo snapshot, on hand-built snapshots, and on bad input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import duckdb
import pytest

from pipeline.app.cli import main
from pipeline.app.run import run_report_year
from pipeline.errors import OutputLockedError, ReformevalError
from pipeline.run_output import output_lock
from pipeline.snapshot import sha256_file
from tests.handbuilt import jsonstat
from tests.test_jsonstat import kostra_reply

pytestmark = pytest.mark.slow

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`reformeval` as a user runs it, in its own process; reports which heavy modules it imported."""
    code = textwrap.dedent(f"""
        import sys
        from pipeline.app.cli import main
        code = main({list(args)!r})
        heavy = sorted(m for m in ("dagster", "pandas", "great_expectations", "matplotlib", "duckdb")
                       if m in sys.modules)
        print("IMPORTED:" + ",".join(heavy))
        sys.exit(code)
    """)
    return subprocess.run([sys.executable, "-c", code], cwd=cwd or PROJECT_ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT), **(env or {})}, timeout=300)


def population_reply(regions: dict[str, str], years: list[str], ages: list[str], values, status=None):
    """A 07459 reply (Region × Alder × ContentsCode × Tid); `values` row-major, `status` by cell index."""
    status = status or {}
    cells = iter(range(len(values)))

    def value(*_codes):
        i = next(cells)
        return status.get(str(i), values[i]) if values[i] is None else values[i]

    return jsonstat("07459: Befolkning, etter region, alder, statistikkvariabel og år", [
        ("Region", "geo", list(regions.items())),
        ("Alder", None, [(a, f"{int(a.rstrip('+'))} år") for a in ages]),
        ("ContentsCode", "metric", [("Personer1", "Personer")]),
        ("Tid", "time", [(y, y) for y in years]),
    ], value)


def national_kostra_reply(years: list[str]):
    """Only the country and the country without Oslo, every function, for the given years."""
    doc = kostra_reply([0] * 12)
    doc["dimension"]["KOKkommuneregion0000"]["category"] = {
        "index": {"EAK": 0, "EAKUO": 1}, "label": {"EAK": "Landet", "EAKUO": "Landet uten Oslo"}}
    doc["dimension"]["Tid"]["category"] = {"index": {y: i for i, y in enumerate(years)}, "label": {y: y for y in years}}
    doc["size"] = [2, 3, 1, 1, len(years)]
    landet = [float(1_000_000 + 10_000 * i) for i in range(3 * len(years))]
    doc["value"] = landet + [round(v * 0.9) for v in landet]  # EAK rows first, then EAKUO
    return doc


def write_snapshot(root: Path, docs: dict[str, dict]) -> Path:
    for table, doc in docs.items():
        path = root / "ssb" / table / "part-001.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return root


TEST_DEFLATOR = {year: 3.0 for year in range(2015, 2024)} | {2022: 6.0}


def write_deflator(root: Path, growth: dict[int, float], published: str = "2020-01") -> None:
    """A hand-made deflator vintage for a test snapshot (labelled as such in every row)."""
    lines = ["year,growth_percent,published,published_in,kind,source_document,source_url,quote"]
    lines += [f"{y},{g},{published},test,anslag,test fixture (not a published figure),urn:test,"
              for y, g in growth.items()]
    path = root / "reference" / "kommunal_deflator.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def national_only_snapshot(root: Path, deflator: dict[int, float] | None = TEST_DEFLATOR) -> Path:
    years_kostra = [str(y) for y in range(2015, 2023)]
    years_pop = [str(y) for y in range(2015, 2024)]
    ages = ["000", "017", "024", "105+"]
    values = [float(50_000 + 10 * i) for i in range(len(ages) * len(years_pop))]
    values[5] = None  # as SSB sends a symbol: null in `value`, the symbol in `status`
    write_snapshot(root, {
        "12362": national_kostra_reply(years_kostra),
        "07459": population_reply({"0": "Hele landet"}, years_pop, ages, values, status={"5": ".."}),
    })
    if deflator is not None:
        write_deflator(root, deflator)
    return root



def test_demo_run_writes_warehouse_validation_and_manifest(demo_run):
    manifest = json.loads((demo_run / "manifest.json").read_text())
    assert manifest["success"] and manifest["synthetic"] and manifest["report_year"] == 2023
    assert manifest["snapshot"]["id"].startswith("demo-2023")
    assert all(f["synthetic"] for f in manifest["snapshot"]["files"])
    assert manifest["packages"]["duckdb"].startswith("2.")
    checks = {c["check"] for c in manifest["checks"]}
    assert {"expectations_ssb_12362", "expectations_netto_driftsutgifter", "national_total_unchanged_by_mapping",
            "data_years_cover_report_year", "numbers_behind_figure"} <= checks
    # Every table's own check is named for it; audits by the rule they guard.
    assert "great_expectations" not in checks
    assert all(c["passed"] for c in manifest["checks"])
    overview = (demo_run / "report" / "2023" / "figurer.md").read_text(encoding="utf-8")
    figures = sorted((demo_run / "figures" / "2023").glob("*.png"))
    assert len(figures) == 41 and all(p.name in overview for p in figures)  # 36 + ASSS 5, 10, 11, ja/nei (2)
    assert "DEMODATA" in overview
    for suite in ("raw_ssb_12362", "raw_ssb_07459", "staging_kostra_utgifter", "staging_befolkning"):
        result = json.loads((demo_run / "validation" / f"{suite}.json").read_text())
        assert result["success"] is True
    with duckdb.connect(str(demo_run / "warehouse.duckdb"), read_only=True) as con:
        years = con.execute("select min(aar), max(aar) from staging.kostra_utgifter").fetchone()
        assert years == (2015, 2022)
        # The country is the sum of its kommuner, and "uten Oslo" is that sum less Oslo.
        landet, uten_oslo, kommuner, oslo = con.execute("""
            select
                sum(belop_1000_kr) filter (where region_type = 'landet'),
                sum(belop_1000_kr) filter (where region_type = 'landet_uten_oslo'),
                sum(belop_1000_kr) filter (where region_type = 'kommune'),
                sum(belop_1000_kr) filter (where region_kode = '0301')
            from staging.kostra_utgifter where aar = 2022 and art = 'AGD2'
        """).fetchone()
        assert landet == pytest.approx(kommuner) and uten_oslo == pytest.approx(kommuner - oslo)
        symbols = con.execute("select count(*) from staging.befolkning where status = '.'").fetchone()[0]
        assert symbols > 0  # the kommune created in 2020 is "." before it existed, not 0


def test_hand_built_national_only_snapshot_runs_and_keeps_its_numbers(tmp_path):
    snapshot = national_only_snapshot(tmp_path / "snap")
    out = run_report_year(2023, snapshot, tmp_path / "out", allow_partial=True)
    with duckdb.connect(str(out / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute("""
            select region_kode, funksjon, aar, belop_1000_kr from staging.kostra_utgifter
            order by region_kode, funksjon, aar
        """).fetchall()
        pop = con.execute("select count(*), count(personer), sum(personer) from staging.befolkning").fetchone()
    doc = json.loads((snapshot / "ssb" / "12362" / "part-001.json").read_text())
    assert len(rows) == len(doc["value"]) == 48
    assert sorted(r[3] for r in rows) == sorted(doc["value"])
    assert {r[0] for r in rows} == {"EAK", "EAKUO"}
    pop_doc = json.loads((snapshot / "ssb" / "07459" / "part-001.json").read_text())
    expected = sum(v for v in pop_doc["value"] if v is not None)
    assert pop == (36, 35, expected)  # the ".." cell stays empty, not 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["snapshot"]["id"].startswith("unmanifested-") and not manifest["synthetic"]


def test_renamed_variable_stops_the_run_with_a_named_error_and_keeps_the_previous_output(tmp_path):
    out = tmp_path / "out"
    run_report_year(2023, national_only_snapshot(tmp_path / "good"), out, allow_partial=True)
    before = sha256_file(out / "manifest.json")
    bad = national_only_snapshot(tmp_path / "bad")
    path = bad / "ssb" / "12362" / "part-001.json"
    doc = json.loads(path.read_text())
    doc["id"][1] = "KOKfunksjon0001"
    doc["dimension"]["KOKfunksjon0001"] = doc["dimension"].pop("KOKfunksjon0000")
    path.write_text(json.dumps(doc))
    with pytest.raises(ReformevalError) as err:
        run_report_year(2023, bad, out, allow_partial=True)
    message = str(err.value)
    assert "raw__ssb_12362" in message and "'KOKfunksjon0000'" in message and "KOKfunksjon0001" in message
    assert sha256_file(out / "manifest.json") == before
    assert (tmp_path / "out.failed" / "manifest.json").exists()


def test_malformed_file_exits_non_zero_naming_the_file(tmp_path, capsys):
    bad = national_only_snapshot(tmp_path / "bad")
    path = bad / "ssb" / "07459" / "part-001.json"
    path.write_bytes(path.read_bytes()[:-40])
    code = main(["run", "--year", "2023", "--snapshot", str(bad), "--out", str(tmp_path / "out"), "--allow-partial"])
    assert code == 1
    err = capsys.readouterr().err
    assert "ssb/07459/part-001.json: truncated JSON" in err
    assert not (tmp_path / "out").exists()


def test_failed_expectation_stops_downstream_and_keeps_the_table(tmp_path):
    snapshot = national_only_snapshot(tmp_path / "snap")
    path = snapshot / "ssb" / "07459" / "part-001.json"
    doc = json.loads(path.read_text())
    doc["value"][0] = -5.0  # a negative population
    path.write_text(json.dumps(doc))
    result = run_cli("run", "--year", "2023", "--snapshot", str(snapshot), "--out", str(tmp_path / "out"),
                     "--allow-partial")
    assert result.returncode == 1
    message = result.stderr.split("reformeval: error:", 1)[1]
    assert "check expectations_ssb_07459 on raw/ssb_07459 failed" in message
    # Told once in all the run printed: where it stopped, not also in the asset's log line.
    assert result.stderr.count("expect_column_values_to_be_between(column='value', min_value=0") == 1
    failed = tmp_path / "out.failed"
    with duckdb.connect(str(failed / "warehouse.duckdb"), read_only=True) as con:
        tables = {r[0] for r in con.execute("select schema_name || '.' || table_name from duckdb_tables()").fetchall()}
    # The rejected rows are kept aside; the real table and everything downstream were never built.
    assert "raw.ssb_07459__failed" in tables
    assert "raw.ssb_07459" not in tables and "staging.befolkning" not in tables
    assert "staging.kostra_utgifter" in tables  # independent branches still ran


def test_manifest_hash_mismatch_is_an_integrity_error(tmp_path):
    from assets import SSB_TABLES
    from assets.demo import DEMO_TABLES
    from pipeline.demo import write_demo_snapshot

    snap = write_demo_snapshot(tmp_path / "snap", SSB_TABLES.values(), DEMO_TABLES, 2023)
    path = snap.root / "ssb" / "12362" / "part-001.json"
    original = path.read_bytes()
    changed = original.replace(b'"Hele landet"', b'"Hele landet (endret)"', 1)
    assert changed != original
    path.write_bytes(changed)
    with pytest.raises(ReformevalError, match=r"part-001.json has sha256 .* the manifest records"):
        run_report_year(2023, snap.root, tmp_path / "out", allow_partial=True)


def test_two_runs_on_one_output_directory_end_with_a_clear_error(tmp_path):
    out = tmp_path / "out"
    held = threading.Event()
    release = threading.Event()

    def hold():
        with output_lock(out.resolve()):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    assert held.wait(5), "the first run did not take the lock"
    try:
        with pytest.raises(OutputLockedError, match="being written by another run"):
            run_report_year(2023, national_only_snapshot(tmp_path / "snap"), out, allow_partial=True)
    finally:
        release.set()
        thread.join()
    assert not out.exists()


def test_missing_deflator_year_stops_at_the_deflator_naming_table_field_and_years(tmp_path):
    growth = {y: 3.0 for y in range(2015, 2024) if y != 2019}
    snapshot = national_only_snapshot(tmp_path / "snap", deflator=growth)
    with pytest.raises(ReformevalError) as err:
        run_report_year(2023, snapshot, tmp_path / "out", allow_partial=True)
    message = str(err.value)
    assert "indicators__deflator" in message and "reference.kommunal_deflator" in message
    assert "growth_percent" in message and "no figure for 2019" in message
    assert "reference/kommunal_deflator.csv" in message or "snapshot: kommunal_deflator.csv" in message


def test_a_deflator_without_a_year_the_report_needs_stops_the_run_and_says_which(tmp_path):
    # Only published figures, never an interpolation: a snapshot's deflator without 2017 stops the run.
    deflator = {year: growth for year, growth in TEST_DEFLATOR.items() if year != 2017}
    snapshot = national_only_snapshot(tmp_path / "snap", deflator=deflator)
    with pytest.raises(ReformevalError, match=r"as of 2023-05 \(report year 2023\) has no figure for 2017"):
        run_report_year(2023, snapshot, tmp_path / "out", allow_partial=True)


def test_national_only_snapshot_draws_national_figures_and_says_why_others_are_not(tmp_path):
    out = run_report_year(2023, national_only_snapshot(tmp_path / "snap"), tmp_path / "out", allow_partial=True)
    figures = {p.name for p in (out / "figures" / "2023").iterdir()}
    assert {"figur_5_14.png", "figur_5_14.svg", "figur_5_14.csv", "hovedtall_rammetilskudd.png"} <= figures
    assert not any(name.startswith("figur_5_15") for name in figures)
    headline = json.loads((out / "report" / "2023" / "hovedtall_rammetilskudd.json").read_text())
    assert headline["kroner_base"] == "2023-kroner" and headline["assumptions"]["base_year"] == 2021


def test_snapshot_without_a_declared_table_is_refused_unless_partial_runs_are_asked_for(tmp_path):
    snapshot = national_only_snapshot(tmp_path / "snap")
    # Every declared source the snapshot lacks, SSB tables first, each kind in the order of discovery:
    # by module of assets/sources (andre_tjenester, asss, asss_kommune, befolkning, bufetat, flyttinger,
    # fosterhjem, kostra, meldinger, plasseringer, samarbeid, tiltak, tiltak_alder), within a module by definition.
    lacking = [
        "raw.ssb_10660", "raw.ssb_12275", "raw.ssb_13502", "raw.ssb_06083", "raw.ssb_13353", "raw.ssb_10673",
        "raw.ssb_11600", "raw.ssb_12115", "raw.ssb_09050", "raw.ssb_12845", "raw.ssb_10661",
        "raw.bufdir_bufetat_driftsutgifter", "raw.bufdir_bufetat_egenandeler_innbetalt",
        "raw.bufdir_oppholdsdager_sentre", "raw.bufdir_oppholdsdager_tiltak",
        "raw.bufdir_flyttinger_fosterhjem_uttrekk",
        "raw.bufdir_ventetid_fosterhjem", "raw.bufdir_ventetid_fosterhjem_intervall",
        "raw.bufdir_beredskapshjem_botid", "raw.bufdir_beredskapshjem_avsluttede",
        "raw.bufdir_interkommunale_samarbeid",
    ]
    with pytest.raises(ReformevalError, match=re.escape(f"no files for {', '.join(lacking)} (expected")) as err:
        run_report_year(2023, snapshot, tmp_path / "out")
    assert "--allow-partial" in str(err.value)
    out = run_report_year(2023, snapshot, tmp_path / "out", allow_partial=True)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["left_out_sources"] == lacking
    assert not any(a.startswith("indicators/barn_med_tiltak") for a in manifest["materialized_assets"])
    # The figure overview still says what was drawn, and which figures the missing sources left out.
    overview = (out / "report" / "2023" / "figurer.md").read_text(encoding="utf-8")
    assert "Figur 5-14" in overview
    left_out = overview.split("kildene mangler i datagrunnlaget, delvis kjøring):", 1)[1]
    assert "figur_5_1," in left_out and "figur_5_7" in left_out and "figur_5_14" not in left_out
    # So does the report document: what was drawn, and in its data appendix what was left out.
    document = (out / "report" / "2023" / "index.html").read_text(encoding="utf-8")
    assert 'id="figur-5-14"' in document and 'id="figur-5-1"' not in document
    appendix = document.split('id="seksjon-datagrunnlag"', 1)[1]
    assert all(f"<code>{table}</code>" in appendix for table in lacking)


def test_the_figure_overview_fails_when_a_figure_of_the_report_year_was_not_drawn(demo_run, tmp_path):
    """`report/figurer` checks the figures against the figure assets, not against whatever files lie there."""
    import shutil

    import dagster as dg

    from assets.report import figurer
    from pipeline.resources import OutputResource, warehouse_resource

    out = tmp_path / "out"
    shutil.copytree(demo_run / "figures", out / "figures")
    shutil.copy(demo_run / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    for path in (out / "figures" / "2023").glob("figur_5_10_DEMODATA.*"):
        if path.suffix == ".json":  # left under the name a run on real data would write: not this run's
            path.rename(path.with_name("figur_5_10.json"))
        else:
            path.unlink()
    (out / "figures" / "2023" / "figur_9_9_DEMODATA.json").write_text(  # a stray file of no figure
        json.dumps({"id": "figur_9_9", "title": "stray"}), encoding="utf-8")
    result = dg.materialize([figurer], partition_key="2023", raise_on_error=False,
                            resources={"warehouse": warehouse_resource(str(tmp_path / "warehouse.duckdb")),
                                       "output": OutputResource(path=str(out))})
    failed = [e for e in result.get_asset_check_evaluations() if not e.passed]
    assert [e.check_name for e in failed] == ["every_figure_listed"]
    assert "figur_5_10" in failed[0].description
    listed = (out / "report" / "2023" / "figurer.md").read_text(encoding="utf-8")
    assert "stray" not in listed and "Figur 5-1 " in listed
