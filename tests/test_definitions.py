"""The Dagster Definitions load, and the asset graph is what the design says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg

from pipeline.app.definitions import MAIN_JOB, PROJECT_ROOT, defs
from pipeline.partitions import REPORT_YEARS


def test_definitions_load_without_errors():
    dg.Definitions.validate_loadable(defs)
    job = defs.resolve_job_def(MAIN_JOB)
    assert set(job.partitions_def.get_partition_keys()) == set(REPORT_YEARS)


def test_every_asset_carries_a_blocking_check():
    graph = defs.resolve_asset_graph()
    checks = [(key.asset_key, graph.get_check_spec(key)) for key in graph.asset_check_keys]
    for key in graph.get_all_asset_keys():
        specs = [spec for asset, spec in checks if asset == key]
        assert specs, f"asset {key.to_user_string()} has no check"
        assert all(spec.blocking for spec in specs), key.to_user_string()


def test_source_assets_are_unpartitioned_and_report_assets_per_report_year():
    graph = defs.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        partitioned = graph.get(key).partitions_def is not None
        report_level = key.path[0] in ("report", "indicators", "figures")
        assert partitioned == report_level, key.to_user_string()


def test_data_flows_from_raw_through_staging_and_indicators_to_figures():
    from assets import SSB_TABLES

    graph = defs.resolve_asset_graph()
    assert dg.AssetKey(["raw", "ssb_12362"]) in graph.get(dg.AssetKey(["staging", "kostra_utgifter"])).parent_keys
    # The input overview covers every declared SSB table.
    assert {dg.AssetKey(["raw", f"ssb_{t}"]) for t in SSB_TABLES} <= graph.get(
        dg.AssetKey(["report", "datagrunnlag"])).parent_keys
    assert dg.AssetKey(["indicators", "tiltak_etter_type"]) in graph.get(
        dg.AssetKey(["figures", "figur_5_2"])).parent_keys


def test_workspace_yaml_validates_with_the_dagster_cli(tmp_path):
    env = {**os.environ, "DAGSTER_HOME": str(PROJECT_ROOT / ".dagster_home")}
    done = subprocess.run(
        [sys.executable, "-m", "dagster", "definitions", "validate", "-w", "workspace.yaml"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "All code locations passed validation" in done.stderr + done.stdout


def test_every_asset_links_to_the_domain_code_and_sql_it_runs_not_the_machinery():
    """Dagster's code link of an asset made by a factory must land on the declaration, draw function or
    SQL it runs (assets/, sql/), not on the factory in pipeline/."""
    from pipeline.app.definitions import all_assets
    from pipeline.paths import PROJECT_ROOT

    for asset in all_assets():
        for key in asset.keys:
            references = asset.specs_by_key[key].metadata["dagster/code_references"].code_references
            places = {Path(r.file_path).resolve().relative_to(PROJECT_ROOT).parts[0] for r in references}
            assert places and places <= {"assets", "sql"}, (key.to_user_string(), places)
