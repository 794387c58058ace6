"""The Dagster Definitions of reformeval.

`dagster dev -w workspace.yaml` loads `defs` from here. The paths it uses come from the environment
(see README): REFORMEVAL_SNAPSHOT (the snapshot to read), REFORMEVAL_WAREHOUSE (the DuckDB file) and
REFORMEVAL_OUT (figures, validation results). The CLI builds its own Definitions with
`build_definitions` for one run's paths.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import dagster as dg

import assets as asset_modules
from assets.report import FIGURER_KEY, RAPPORT_KEY
from pipeline.model_assets import READS_IF_PRESENT
from pipeline.paths import PROJECT_ROOT
from pipeline.resources import OutputResource, SnapshotResource, warehouse_resource

DEFAULT_SNAPSHOT = PROJECT_ROOT / "build" / "demo-snapshot"
DEFAULT_OUT = PROJECT_ROOT / "build" / "dev"

MAIN_JOB = "report_year_job"


def all_assets() -> list[dg.AssetsDefinition]:
    """Every asset of the domain modules. Those made by a factory name the domain code and SQL they run
    as their code link; the hand-written ones get their own function's place."""
    assets = list(dg.load_assets_from_modules(list(asset_modules.domain_modules())))
    with warnings.catch_warnings():  # a beta API of Dagster's
        warnings.simplefilter("ignore", dg.BetaWarning)
        return [a if _has_code_link(a) else dg.with_source_code_references([a])[0] for a in assets]


def _has_code_link(asset: dg.AssetsDefinition) -> bool:
    return all("dagster/code_references" in asset.specs_by_key[key].metadata for key in asset.keys)


def all_asset_checks() -> list[dg.AssetChecksDefinition]:
    return list(dg.load_asset_checks_from_modules(list(asset_modules.domain_modules())))


def _built_on(missing: set[dg.AssetKey], assets: list[dg.AssetsDefinition]) -> set[dg.AssetKey]:
    """The assets a run without `missing` must leave out: those and everything built on them, except
    through a read an asset makes only where the snapshot has the table (metadata READS_IF_PRESENT)."""
    parents: dict[dg.AssetKey, set[dg.AssetKey]] = {}
    for asset in assets:
        for key in asset.keys:
            optional = asset.specs_by_key[key].metadata.get(READS_IF_PRESENT) or ""
            optional = getattr(optional, "value", optional)  # a string, or Dagster's TextMetadataValue
            soft = {dg.AssetKey.from_user_string(k.strip()) for k in str(optional).split(",") if k.strip()}
            parents[key] = set(asset.asset_deps.get(key, ())) - soft
    left = {key for key in missing if key in parents}
    while True:
        more = {key for key, keys in parents.items() if key not in left and keys & left}
        if not more:
            return left
        left |= more


def build_definitions(snapshot: str | Path, warehouse: str | Path, out: str | Path,
                      without_sources: tuple[str, ...] = (), final_out: str | Path | None = None) -> dg.Definitions:
    """The Definitions for one snapshot, warehouse and output folder. `without_sources`: raw tables
    (e.g. "raw.ssb_09050", "raw.bufdir_ventetid_fosterhjem") the snapshot has no files for; the main
    job then leaves out their assets and everything built on them. `final_out`: where `out` will be once
    the run puts it in place (the report's PDF is printed there, after the swap)."""
    selection = dg.AssetSelection.all()
    left_out: list[str] = []
    if without_sources:
        built_on_missing = _built_on({dg.AssetKey(t.split(".")) for t in without_sources}, all_assets())
        left_out = sorted(k.to_user_string() for k in built_on_missing)
        # The overviews of the report year still run, saying what was left out and why.
        selection = ((selection - dg.AssetSelection.assets(*built_on_missing))
                     | dg.AssetSelection.assets(FIGURER_KEY, RAPPORT_KEY))
    main_job = dg.define_asset_job(
        MAIN_JOB,
        selection=selection,
        description="Every asset of one report year: ingest, validate, indicators, figures.",
    )
    return dg.Definitions(
        assets=all_assets(),
        asset_checks=all_asset_checks(),
        jobs=[main_job],
        executor=dg.in_process_executor,
        resources={
            "warehouse": warehouse_resource(str(warehouse)),
            "snapshot": SnapshotResource(path=str(snapshot)),
            "output": OutputResource(path=str(out), left_out=left_out, final_path=str(final_out or "")),
        },
    )


def _from_env() -> dg.Definitions:
    out = Path(os.environ.get("REFORMEVAL_OUT", DEFAULT_OUT))
    return build_definitions(
        snapshot=os.environ.get("REFORMEVAL_SNAPSHOT", DEFAULT_SNAPSHOT),
        warehouse=os.environ.get("REFORMEVAL_WAREHOUSE", out / "warehouse.duckdb"),
        out=out,
    )


defs = _from_env()
