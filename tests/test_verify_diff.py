"""`reformeval verify` and `reformeval diff` on the shared demo run.

Two full runs beyond the shared `demo_run`: the re-run `verify` makes itself, and one run on a copy of the
demo snapshot that differs in one SSB cell (09050: new hjelpetiltak, 0-17 år, 2022) and one
deflator figure (the growth of 2019 in the snapshot's `reference/kommunal_deflator.csv`), shared by every
diff test (and by the verify test that must find differences)."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from pipeline.app.cli import main
from pipeline.app.diff import COLUMNS, DiffError, diff_outputs
from pipeline.app.verify import EXCLUDED_BY_DESIGN, VerifyError, compare_outputs, snapshot_of

SSB_CELL = {"Tiltak": "L02", "Alder": "L05", "ContentsCode": "L03", "Tid": "2022"}  # new hjelpetiltak 0-17 in 2022
SSB_CHANGE = -50.0
DEFLATOR_YEAR, DEFLATOR_GROWTH = 2019, 4.0


def _cell_index(doc: dict, codes: dict[str, str]) -> int:
    index = 0
    for dim, size in zip(doc["id"], doc["size"], strict=True):
        position = doc["dimension"][dim]["category"]["index"]
        index = index * size + position[codes[dim]] if dim in codes else index * size
    return index


def revise_snapshot(source: Path, target: Path) -> dict:
    """A copy of a snapshot with one SSB cell and one deflator figure changed, its manifest's sha256 brought
    up to date (a revised snapshot, as a new fetch would archive it). Returns what was changed."""
    shutil.copytree(source, target)
    part = target / "ssb" / "09050" / "part-001.json"
    doc = json.loads(part.read_text(encoding="utf-8"))
    i = _cell_index(doc, SSB_CELL)
    old_value = doc["value"][i]
    doc["value"][i] = old_value + SSB_CHANGE
    part.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    deflator = target / "reference" / "kommunal_deflator.csv"
    with deflator.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    (row,) = [r for r in rows if r["year"] == str(DEFLATOR_YEAR)]
    old_growth = float(row["growth_percent"])
    assert old_growth != DEFLATOR_GROWTH
    row["growth_percent"] = str(DEFLATOR_GROWTH)
    with deflator.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    manifest_path = target / "snapshot.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["snapshot_id"] += "-revidert"
    for entry in manifest["files"]:
        path = target / entry["path"]
        if path in (part, deflator):
            entry["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
            entry["bytes"] = path.stat().st_size
    manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    return {"ssb_old": old_value, "deflator_old": old_growth}


@pytest.fixture(scope="module")
def revised_run(demo_run, tmp_path_factory) -> tuple[Path, dict]:
    from pipeline.app.run import run_report_year

    base = tmp_path_factory.mktemp("revised")
    changed = revise_snapshot(demo_run / "demo-snapshot", base / "snapshot")
    return run_report_year(2023, base / "snapshot", base / "out"), changed


def _changes(out: Path) -> list[dict]:
    with (out / "endringer" / "endringer.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --- verify -------------------------------------------------------------------------------------------

def test_verify_reports_the_demo_output_identical_and_lists_what_is_excluded(demo_run, tmp_path, capsys):
    before = sorted(p.relative_to(demo_run).as_posix() for p in demo_run.rglob("*"))
    code = main(["verify", str(demo_run), "--workdir", str(tmp_path)])
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert printed.startswith("identical:")
    assert "excluded by design:" in printed
    for exclusion in EXCLUDED_BY_DESIGN:
        assert exclusion in printed
    assert list(tmp_path.iterdir()) == []  # the re-run's folder is removed
    assert sorted(p.relative_to(demo_run).as_posix() for p in demo_run.rglob("*")) == before  # OUT untouched


def test_verify_names_every_figure_table_and_warehouse_table_that_differs(demo_run, revised_run):
    result = compare_outputs(demo_run, revised_run[0], {"demo-snapshot"})
    assert not result.identical
    said = "\n".join(result.differences)
    # 0-2 draws the new hjelpetiltak 0-24 (the cell changed); 5-14 is in fixed kroner (the deflator).
    assert "figures/2023/figur_0_2_DEMODATA.csv: line " in said
    assert "figures/2023/figur_0_2_DEMODATA.png: " in said and "pixels differ" in said
    assert "figures/2023/figur_5_14_DEMODATA.csv: line " in said
    assert "table reference.kommunal_deflator: 1 row(s) only in OUT, 1 only in the re-run" in said
    assert "table indicators.barn_med_tiltak: 2 row(s) only in OUT, 2 only in the re-run" in said  # 0-17, 0-24
    assert "table staging.barn_med_tiltak: " in said  # every row: it carries the snapshot's id
    # what does not depend on either change is found identical
    assert "figur_5_7_DEMODATA" not in said and "table indicators.ventetid_fosterhjem:" not in said
    assert result.files_identical > 100 and result.tables_identical > 50


def _pdf(printed_in: str, when: str, text: str, node: int = 139) -> bytes:
    """A PDF as headless Chromium writes it: its time in /Info, every link absolute from the folder it was
    printed in, structure elements named by DOM node numbers, an xref table of byte offsets."""
    body = (f"%PDF-1.4\n1 0 obj\n<</Producer (Skia/PDF m150)\n/CreationDate (D:{when}+00'00')\n/ModDate "
            f"(D:{when}+00'00')>>\nendobj\n2 0 obj\n<</Type /Annot\n/A <</S /URI\n/URI (file://{printed_in}/"
            f"report/2023/katalog.html)>>>>\nendobj\n3 0 obj\n<</S /TH /ID (node{node:08d})>>\n({text})\n"
            f"endobj\n").encode()
    xref = f"xref\n0 4\n{len(body):010d} 00000 n \ntrailer\n<</Size 4>>\nstartxref\n{len(body)}\n%%EOF\n"
    return body + xref.encode()


def test_a_pdf_printed_in_another_folder_at_another_time_is_the_same_pdf():
    from pipeline.app.verify import _comparable

    tops = {"report", "figures", "manifest.json"}
    in_the_build = _pdf("/tmp/.out.building-5b8ohp1d", "20261129233037", "5-14")
    in_the_rerun = _pdf("/tmp/reformeval-verify-x/out", "20261130000102", "5-14", node=147)
    assert in_the_build != in_the_rerun
    assert _comparable("report/2023/r.pdf", in_the_build, tops) == _comparable("report/2023/r.pdf", in_the_rerun, tops)
    changed = _pdf("/tmp/reformeval-verify-x/out", "20261130000102", "5-15")
    assert _comparable("report/2023/r.pdf", in_the_build, tops) != _comparable("report/2023/r.pdf", changed, tops)
    elsewhere = _pdf("/tmp/reformeval-verify-x/out/demo-snapshot", "20261130000102", "5-14").replace(
        b"report/2023/katalog.html", b"bufdir/x.csv")
    assert _comparable("report/2023/r.pdf", in_the_build, tops) != _comparable("report/2023/r.pdf", elsewhere, tops)


def test_verify_stops_by_name_when_the_snapshot_changed_since_the_run(demo_run, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(demo_run, out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["snapshot"]["path"] = str(out / "demo-snapshot")
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (out / "demo-snapshot" / "bufdir" / "beredskapshjem_botid.csv").write_text("endret\n", encoding="utf-8")
    (out / "demo-snapshot" / "reference" / "ekstra.csv").write_text("a\n1\n", encoding="utf-8")

    with pytest.raises(VerifyError) as caught:
        snapshot_of(out)
    message = str(caught.value)
    assert f"the snapshot {out / 'demo-snapshot'} is no longer what {out} was made from" in message
    assert "bufdir/beredskapshjem_botid.csv has sha256" in message
    assert "reference/ekstra.csv was added after the run" in message
    assert main(["verify", str(out)]) == 2
    assert "nothing was re-run" in capsys.readouterr().err


def test_verify_finds_a_moved_demo_output_by_the_snapshot_inside_it(demo_run, tmp_path):
    manifest = json.loads((demo_run / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["snapshot"]["in_output"] == "demo-snapshot"
    moved = tmp_path / "moved"
    shutil.copytree(demo_run, moved)
    _, root = snapshot_of(moved)
    assert root == moved / "demo-snapshot"


def test_verify_and_diff_wait_for_no_run_they_stop_while_one_holds_the_output(demo_run, revised_run, capsys):
    """A run, `report` or `diff` on OUT may replace or rewrite it: verify and diff hold OUT's lock while
    they read it, and stop at once, saying so, while another holds it."""
    from pipeline.run_output import output_lock

    revised_run = revised_run[0]
    with output_lock(demo_run):
        assert main(["verify", str(demo_run)]) == 2
        assert "being written by another run" in capsys.readouterr().err
    with output_lock(revised_run):
        assert main(["diff", str(demo_run), str(revised_run)]) == 2
        assert "being written by another run" in capsys.readouterr().err


def test_verify_refuses_a_folder_that_is_not_an_output(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert main(["verify", str(tmp_path)]) == 2
    assert f"{tmp_path} has no manifest.json of a reformeval run" in capsys.readouterr().err


# --- diff ---------------------------------------------------------------------------------------------

def test_diff_attributes_the_ssb_cell_to_revisjon_and_the_deflator_figure_to_deflator(demo_run, revised_run):
    new_out, changed = revised_run
    changes = diff_outputs(demo_run, new_out)
    assert not changes.empty
    rows = _changes(new_out)
    assert tuple(rows[0]) == COLUMNS
    by = {(r["indikator"], r["noekkel"], r["aar"]): r for r in rows}

    # the SSB cell: new hjelpetiltak 0-17 in 2022, as published, and 0-24 (0-17 + 18-24) with it
    cell = by[("barn_med_tiltak.nye", "aldersgruppe=0-17; tiltak=hjelpetiltak", "2022")]
    assert cell["aarsak"] == "revisjon"
    assert float(cell["endring"]) == SSB_CHANGE
    assert float(cell["gammel_verdi"]) == changed["ssb_old"]
    assert "staging.barn_med_tiltak" in cell["forklaring"]
    assert by[("barn_med_tiltak.nye", "aldersgruppe=0-24; tiltak=hjelpetiltak", "2022")]["aarsak"] == "revisjon"

    # the deflator figure: fixed kroner of the years before 2019 move, the nominal kroner do not
    fixed = [r for r in rows if r["indikator"] == "netto_driftsutgifter_landet.uten_oslo_1000_kr_fast"]
    assert fixed and {r["aarsak"] for r in fixed} == {"deflator"}
    assert {int(r["aar"]) for r in fixed} == set(range(2015, DEFLATOR_YEAR))
    assert not [r for r in rows if r["indikator"] == "netto_driftsutgifter_landet.uten_oslo_1000_kr"]
    assert by[("deflator.vekst_prosent", "", str(DEFLATOR_YEAR))]["aarsak"] == "deflator"

    # nothing else moved, nothing is unexplained, and the largest move comes first
    assert {r["aarsak"] for r in rows} == {"revisjon", "deflator"}
    sizes = [abs(float(r["endring"])) for r in rows if r["endring"]]
    assert sizes == sorted(sizes, reverse=True)
    # text numbers copy their figures' moves and their causes
    text = [r for r in rows if r["indikator"].startswith("tall_i_teksten.")]
    assert text and all(r["forklaring"].startswith("samme endring som i ") for r in text)


def test_diff_refuses_the_same_folder_twice(revised_run, capsys):
    new_out, _ = revised_run
    assert main(["diff", str(new_out), str(new_out)]) == 2
    assert "OLD_OUT and NEW_OUT are the same folder" in capsys.readouterr().err


def test_diff_writes_only_into_an_output_the_tool_owns(demo_run, tmp_path, capsys):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(DiffError, match=f"NEW_OUT {folder} is not an output of reformeval"):
        diff_outputs(demo_run, folder)
    assert main(["diff", str(demo_run), str(folder)]) == 2
    assert not (folder / "endringer").exists()
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


# --- diff's attribution on two small hand-made warehouses (no run) -------------------------------------

def _warehouse(folder: Path, statements: list[str]) -> Path:
    import duckdb

    folder.mkdir()
    with duckdb.connect(str(folder / "warehouse.duckdb")) as con:
        for schema in ("staging", "reference", "indicators"):
            con.execute(f"create schema {schema}")
        for statement in statements:
            con.execute(statement)
    return folder


def _attributed(old: Path, new: Path, deps: dict[str, set[str]]) -> dict[tuple, dict]:
    from pipeline.app.diff import _is_source, _tables, compare_source, diff_tables
    from pipeline.app.verify import attach_warehouses

    con = attach_warehouses(old, new)
    sources = {t: compare_source(con, t) for t in sorted(_tables(con, "old") & _tables(con, "new")) if _is_source(t)}
    rows = diff_tables(con, deps, {}, sources)
    con.close()
    return {(r["indikator"], r["noekkel"], r["aar"]): r for r in rows}


def test_diff_attributes_a_changed_kommune_mapping_to_kommunestruktur_and_names_new_and_removed_rows(tmp_path):
    common = [
        "create table staging.kostra_utgifter as select * from (values ('1003', 2019, 100.0, 'snap'), "
        "('1005', 2019, 50.0, 'snap')) t(region_kode, aar, belop_1000_kr, snapshot_id)",
    ]
    old = _warehouse(tmp_path / "old", [*common,
        "create table reference.kommuneendringer (change_year bigint, old_code varchar, new_code varchar)",
        "create table indicators.kommunestruktur as select * from (values ('1003', 2019, '1003', 1.0), "
        "('1005', 2019, '1005', 1.0)) t(region_kode, aar, kommune_kode, andel)",
        "create table indicators.netto as select * from (values ('1003', 2019, 100.0), ('1005', 2019, 50.0)) "
        "t(kommune_kode, aar, netto_1000_kr)"])
    new = _warehouse(tmp_path / "new", [*common,
        "create table reference.kommuneendringer as select 2020::bigint as change_year, '1005' as old_code, "
        "'1003' as new_code",
        "create table indicators.kommunestruktur as select * from (values ('1003', 2019, '1003', 1.0), "
        "('1005', 2019, '1003', 1.0)) t(region_kode, aar, kommune_kode, andel)",
        "create table indicators.netto as select * from (values ('1003', 2019, 150.0), ('1003', 2020, 160.0)) "
        "t(kommune_kode, aar, netto_1000_kr)"])
    deps = {"indicators.kommunestruktur": {"reference.kommuneendringer", "staging.kostra_utgifter"},
            "indicators.netto": {"indicators.kommunestruktur", "staging.kostra_utgifter"}}
    rows = _attributed(old, new, deps)
    moved = rows[("netto.netto_1000_kr", "kommune_kode=1003", 2019)]
    assert (moved["gammel_verdi"], moved["ny_verdi"], moved["endring"]) == (100.0, 150.0, 50.0)
    assert moved["aarsak"] == "kommunestruktur"
    assert "KLASS" in moved["forklaring"]
    assert rows[("netto.netto_1000_kr", "kommune_kode=1005", 2019)]["aarsak"] == "fjernet_rad"
    assert rows[("netto.netto_1000_kr", "kommune_kode=1003", 2020)]["aarsak"] == "ny_rad"
    assert not [key for key in rows if key[0].startswith("kommunestruktur.")]  # its shares did not move


def test_diff_puts_a_revised_cell_in_a_deflator_year_under_revisjon_and_names_the_deflator_too(tmp_path):
    def warehouse(name: str, cell: float, growth: float) -> Path:
        return _warehouse(tmp_path / name, [
            f"create table staging.kostra_utgifter as select * from (values (2019, {cell}), (2020, 80.0)) "
            f"t(aar, belop_1000_kr)",
            f"create table reference.kommunal_deflator as select * from (values (2019, {growth}), (2020, 3.0)) "
            f"t(year, growth_percent)",
            f"create table indicators.deflator as select * from (values (2019, {1 + growth / 100}), (2020, 1.0)) "
            f"t(aar, faktor_til_rapportaar)",
            f"create table indicators.utgifter as select * from (values (2019, {cell}, {cell * (1 + growth / 100)}),"
            f" (2020, 80.0, 80.0)) t(aar, netto_1000_kr, netto_1000_kr_fast)"])

    deps = {"indicators.deflator": {"reference.kommunal_deflator", "staging.kostra_utgifter"},
            "indicators.utgifter": {"indicators.deflator", "staging.kostra_utgifter"}}
    rows = _attributed(warehouse("old", 100.0, 3.0), warehouse("new", 110.0, 4.0), deps)
    assert rows[("deflator.faktor_til_rapportaar", "", 2019)]["aarsak"] == "deflator"
    nominal = rows[("utgifter.netto_1000_kr", "", 2019)]
    assert nominal["aarsak"] == "revisjon"
    assert "staging.kostra_utgifter: 1 revidert(e) celle(r) (år 2019)" in nominal["forklaring"]
    fixed = rows[("utgifter.netto_1000_kr_fast", "", 2019)]
    assert fixed["aarsak"] == "revisjon" and fixed["forklaring"].endswith("også: deflator")
    assert ("utgifter.netto_1000_kr", "", 2020) not in rows

