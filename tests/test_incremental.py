"""Incremental runs (issue #14 item 2): a run on unchanged inputs says "up to date" and touches nothing.

Every test copies the session's shared demo output (`demo_run`) instead of running its own.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.app.incremental import run_inputs, why_not_up_to_date
from pipeline.app.run import package_versions
from pipeline.run_output import read_manifest
from pipeline.snapshot import Snapshot, sha256_file
from tests.test_run import run_cli


@pytest.fixture
def demo_copy(demo_run: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(demo_run, out)
    return out


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): sha256_file(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def demo_inputs(**changes) -> dict:
    return {**run_inputs(2023, demo=True, allow_partial=False, packages=package_versions()), **changes}


def test_the_manifest_records_what_the_output_is_a_function_of(demo_run):
    inputs = read_manifest(demo_run)["inputs"]
    assert inputs == demo_inputs()
    assert len(inputs["code_version"]) == len(inputs["reference_version"]) == 64
    # The whole log of the run is in OUT: Dagster's events and every asset's lines.
    log = (demo_run / "run.log").read_text(encoding="utf-8")
    assert "STEP_SUCCESS" in log and "figures/figur_5_16 STEP_SUCCESS" in log


def test_an_unchanged_demo_run_is_up_to_date_and_touches_nothing(demo_copy):
    before = tree(demo_copy)
    done = run_cli("run", "--year", "2023", "--demo", "--out", str(demo_copy))
    assert done.returncode == 0, done.stderr
    assert "up to date" in done.stdout
    # `make demo` a second time still ends with where the report document is.
    assert f"report: {demo_copy / 'report' / '2023' / 'index.html'}" in done.stdout
    # Said before Dagster, Great Expectations or matplotlib were even imported.
    imported = set(done.stdout.split("IMPORTED:")[1].strip().split(","))
    assert not {"dagster", "great_expectations", "matplotlib", "pandas"} & imported
    assert tree(demo_copy) == before
    assert not list(demo_copy.parent.glob(f".{demo_copy.name}.building-*"))


def test_an_unchanged_snapshot_run_is_up_to_date(demo_copy):
    """--snapshot: the sha256 of every file of the snapshot, wherever it lies, against the manifest's."""
    snapshot = Snapshot.open(demo_copy / "demo-snapshot")
    manifest = read_manifest(demo_copy)
    manifest["inputs"]["demo"] = False
    assert why_not_up_to_date(demo_copy, manifest, demo_inputs(demo=False), snapshot) is None


@pytest.mark.parametrize("change, expected", [
    ({"code_version": "0" * 64}, "the code differs"),
    ({"reference_version": "0" * 64}, "the built-in reference data differs"),
    ({"report_year": 2024}, "the report year differs"),
    ({"allow_partial": True}, "the --allow-partial differs"),
])
def test_a_run_with_other_code_reference_data_or_options_is_not_up_to_date(demo_copy, change, expected):
    reason = why_not_up_to_date(demo_copy, read_manifest(demo_copy), demo_inputs(**change), None)
    assert reason is not None and expected in reason


def test_a_changed_snapshot_file_or_a_missing_figure_is_not_up_to_date(demo_copy):
    manifest = read_manifest(demo_copy)
    assert why_not_up_to_date(demo_copy, manifest, demo_inputs(), None) is None
    figure = demo_copy / manifest["outputs"]["figures"][0]
    figure.unlink()
    assert "is missing from OUT" in why_not_up_to_date(demo_copy, manifest, demo_inputs(), None)
    shutil.copytree(Path(read_manifest(demo_copy)["snapshot"]["path"]).parent / "figures", demo_copy / "figures",
                    dirs_exist_ok=True)
    part = next((demo_copy / "demo-snapshot" / "ssb").rglob("*.json"))
    doc = json.loads(part.read_text())
    doc["value"][0] = (doc["value"][0] or 0) + 1
    part.write_text(json.dumps(doc))
    assert "snapshot's files differ" in why_not_up_to_date(demo_copy, manifest, demo_inputs(), None)


def test_an_output_without_recorded_inputs_is_not_up_to_date(demo_copy):
    manifest = read_manifest(demo_copy)
    del manifest["inputs"]
    assert "records its inputs" in why_not_up_to_date(demo_copy, manifest, demo_inputs(), None)


# --- --only: one figure re-run from the existing warehouse -------------------------------------------------

def test_only_reruns_one_figure_from_the_existing_warehouse_and_keeps_the_rest(demo_copy):
    from pipeline.app.run import run_report_year

    before, before_manifest = tree(demo_copy), read_manifest(demo_copy)
    run_report_year(2023, None, demo_copy, demo=True, only="figur_5_16")
    manifest = read_manifest(demo_copy)
    assert manifest["only"] == {"asset": "figures/figur_5_16", "materialized": ["figures/figur_5_16"]}
    after = tree(demo_copy)
    # The same numbers and drawing, byte for byte; everything else as it was, the log and manifest new.
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    assert changed <= {"manifest.json", "run.log", "warehouse.duckdb"}, changed
    assert "figures/figur_5_16" in (demo_copy / "run.log").read_text(encoding="utf-8")
    assert manifest["materialized_assets"] == before_manifest["materialized_assets"]
    assert manifest["checks"] and sorted(map(str, manifest["checks"])) == sorted(map(str, before_manifest["checks"]))
    assert len(manifest["materialized_assets"]) > 100
    # Nothing but the code version changed: the output is still up to date for a plain run.
    assert why_not_up_to_date(demo_copy, manifest, demo_inputs(), None) is None


def test_only_also_reruns_what_changed_upstream_of_the_figure(demo_copy):
    from pipeline.app.run import run_report_year

    manifest = read_manifest(demo_copy)
    manifest["asset_code_versions"]["indicators/netto_driftsutgifter_kategori"] = "older code"
    (demo_copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    run_report_year(2023, None, demo_copy, demo=True, only="figures/figur_5_16")
    assert read_manifest(demo_copy)["only"]["materialized"] == [
        "figures/figur_5_16", "indicators/netto_driftsutgifter_kategori"]


def test_only_refuses_an_output_built_from_other_inputs_and_touches_nothing(demo_copy):
    from pipeline.app.run import run_report_year
    from pipeline.errors import ReformevalError

    part = next((demo_copy / "demo-snapshot" / "ssb").rglob("*.json"))
    part.write_text(part.read_text() + " ")
    before = tree(demo_copy)
    with pytest.raises(ReformevalError, match="--only figur_5_16: the snapshot's files differ"):
        run_report_year(2023, None, demo_copy, demo=True, only="figur_5_16")
    assert tree(demo_copy) == before
    assert not (demo_copy.parent / "out.failed").exists()


def test_only_names_the_closest_assets_for_an_unknown_one(demo_copy):
    from pipeline.app.run import run_report_year
    from pipeline.errors import ReformevalError

    with pytest.raises(ReformevalError, match="no such asset or figure id.*figur_5_16"):
        run_report_year(2023, None, demo_copy, demo=True, only="figur_5_61")
    assert not (demo_copy.parent / "out.failed").exists()


def test_the_code_version_covers_every_template_the_report_reads():
    """reports/figurer.md and reports/datagrunnlag.md are templates the run fills: editing one must make an
    output out of date, as editing an SQL file does."""
    from pipeline.app.incremental import _code_files
    from pipeline.paths import PROJECT_ROOT

    covered = {p.relative_to(PROJECT_ROOT).as_posix() for p in _code_files()}
    templates = {p.relative_to(PROJECT_ROOT).as_posix() for p in (PROJECT_ROOT / "reports").iterdir() if p.is_file()}
    assert templates - covered == set()
