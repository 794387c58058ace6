"""The run driver: one report year materialised from a snapshot into an output folder it owns.

The order is the contract (README, "When something is wrong"): everything that can be refused is refused
before Dagster is imported (the year, an OUT the run may not replace, a lock held by another run, a
snapshot whose files changed, made for another year or lacking a declared source, reference data the year
needs that neither the built-in tables nor the snapshot have); the run builds into a
temporary sibling of OUT and swaps it in only when every asset and blocking check passed and no signal
came; a failed attempt is kept beside OUT for inspection.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

from pipeline.app.fetch import fetch_snapshot
from pipeline.app.incremental import run_inputs, why_not_up_to_date, why_only_cannot_run
from pipeline.app.preflight import check_reference_data, check_snapshot
from pipeline.errors import ReformevalError
from pipeline.interrupts import stop_on_signals
from pipeline.paths import PROJECT_ROOT
from pipeline.report_years import REPORT_YEARS
from pipeline.run_output import (
    building_manifest,
    check_output_target,
    clean_stale_builds,
    is_disk_full,
    keep_failed_attempt,
    output_lock,
    read_manifest,
    swapped_in,
    write_manifest,
)
from pipeline.snapshot import Snapshot, sha256_file, utc_now, write_atomic

log = logging.getLogger("reformeval")

PACKAGES = ("reformeval", "dagster", "dagster-duckdb", "duckdb", "great-expectations", "pyjstat", "pandas",
            "pyarrow", "matplotlib", "httpx")


class RunFailed(ReformevalError):
    """The Dagster run stopped at an asset or a blocking check."""


class UpToDate(Exception):  # noqa: N818  (not an error: the outcome of a run that had nothing to do)
    """OUT already holds what the run would build (same snapshot files, reference data, code, options);
    raised only for a run asked to build `if_changed`. OUT is untouched."""

    def __init__(self, out: Path, year: int) -> None:
        super().__init__(f"report year {year} in {out} is up to date: same snapshot, built-in reference data, "
                         f"code and options as its manifest records (--force to run anyway)")
        self.out = out
        self.year = year


def package_versions() -> dict[str, str]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _pipeline_error_names() -> set[str]:
    names, todo = set(), [ReformevalError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return names


def _describe_failure(result: Any) -> list[str]:
    """What stopped a run, in words, each root cause once: failed steps with their error, failed
    blocking checks with their description (which lists the failed expectations)."""
    ours = _pipeline_error_names()
    steps_by_cause: dict[str, list[str]] = {}
    for event in result.get_step_failure_events():
        error = event.step_failure_data.error
        if any(name in (error.cls_name or "") for name in ("DagsterAssetCheckFailedError",
                                                           "DagsterExecutionInterruptedError")):
            continue  # told below, with the check's own description; a signal is told by the caller
        # Dagster wraps the error raised in the asset; report the first of ours down the chain, else the
        # innermost cause.
        cause = error
        while cause.cls_name not in ours and cause.cause is not None:
            cause = cause.cause
        steps_by_cause.setdefault(cause.message.strip(), []).append(event.step_key)
    # One root cause (a full disk, a missing reference row) often fails many steps: say it once.
    problems = [f"{steps[0]}: {cause}" if len(steps) == 1 else f"{', '.join(steps)} ({len(steps)} steps): {cause}"
                for cause, steps in steps_by_cause.items()]
    for evaluation in result.get_asset_check_evaluations():
        if not evaluation.passed:
            key = "/".join(evaluation.asset_key.path)
            problems.append(f"check {evaluation.check_name} on {key} failed: {evaluation.description or ''}".rstrip())
    return problems


def _manifest(year: int, snapshot: Snapshot, out: Path, result: Any, started: float) -> dict[str, Any]:
    files = []
    for path in sorted(p for p in snapshot.root.rglob("*") if p.is_file()):
        rel = path.relative_to(snapshot.root).as_posix()
        files.append({"path": rel, "sha256": sha256_file(path), "synthetic": snapshot.is_synthetic(rel)})
    checks = [
        {"asset": "/".join(e.asset_key.path), "check": e.check_name, "passed": e.passed}
        for e in result.get_asset_check_evaluations()
    ]
    materialized = sorted({"/".join(e.asset_key.path) for e in result.get_asset_materialization_events()}) \
        if hasattr(result, "get_asset_materialization_events") else []
    return {
        "report_year": year,
        "created": utc_now(),
        "duration_seconds": round(time.time() - started, 1),
        "success": bool(result.success),
        "synthetic": snapshot.synthetic,
        "snapshot": {
            "id": snapshot.snapshot_id,
            "path": str(snapshot.root.resolve()),
            "source": snapshot.source,
            "verified_by_manifest": snapshot.has_manifest,
            "unlisted_files": snapshot.unlisted_files(),
            "files": files,
        },
        "packages": package_versions(),
        "python": sys.version.split()[0],
        "outputs": {
            "warehouse": "warehouse.duckdb",
            "figures": sorted(p.relative_to(out).as_posix() for p in (out / "figures").rglob("*") if p.is_file()),
            "validation": sorted(p.relative_to(out).as_posix() for p in (out / "validation").rglob("*.json")),
        },
        "materialized_assets": materialized,
        "checks": checks,
    }


def run_report_year(year: int, snapshot_dir: Path | None, out: Path, *, demo: bool = False,
                    base_url: str | None = None, snapshots_root: Path | None = None,
                    log_level: str = "INFO", allow_partial: bool = False, bufdir_dir: Path | None = None,
                    kommune_dir: Path | None = None, if_changed: bool = False, only: str | None = None) -> Path:
    """Materialise every asset of one report year into OUT; returns OUT. Raises on failure.

    Everything that can be refused is refused before Dagster is imported: the year, an OUT the run may not
    replace, a lock held by another run, a snapshot whose files changed, that was made for another year,
    or that lacks a declared source. With `if_changed`, a run whose inputs, reference data, code and
    options equal those OUT's manifest records raises `UpToDate` instead of building (OUT untouched).

    `only` (an asset key or a figure id): re-run that asset, and whatever upstream of it changed since OUT
    was built, on a copy of OUT's warehouse; OUT is replaced only when that succeeded, as in a full run."""
    if str(year) not in REPORT_YEARS:
        raise ReformevalError(f"report year {year} is not one of {', '.join(REPORT_YEARS)}")
    live = not demo and snapshot_dir is None
    if only and live:
        raise ReformevalError(f"--only {only} re-runs on an earlier output's warehouse: give --snapshot DIR or --demo")
    snapshots_root = snapshots_root or Path("snapshots")
    check_output_target(out, {
        "the snapshot": snapshot_dir, "the Bufdir folder": bufdir_dir, "the kommune folder": kommune_dir,
        "the folder live snapshots are archived in": snapshots_root if live else None,
        "the working folder": Path.cwd(), "the home folder": Path.home(), "the reformeval checkout": PROJECT_ROOT,
    })
    out = out.resolve()
    started = time.time()
    with output_lock(out), stop_on_signals() as signals:
        for line in clean_stale_builds(out):
            log.warning(line)
        snapshot = missing = None
        if snapshot_dir is not None:
            snapshot = Snapshot.open(snapshot_dir)
            missing = check_snapshot(snapshot, year, allow_partial)
            reference_gaps = check_reference_data(snapshot, year)
        elif live:
            check_reference_data(None, year)  # a live snapshot brings no reference tables: stop before fetching
        inputs = run_inputs(year, demo=demo, allow_partial=allow_partial, packages=package_versions())
        previous = read_manifest(out)
        if only:
            reason = why_only_cannot_run(out, previous, inputs, snapshot)
            if reason is not None:
                raise ReformevalError(f"--only {only}: {reason} ({out}); run without --only")
            only = _resolve_only(only)
        elif if_changed and not live:
            reason = why_not_up_to_date(out, previous, inputs, snapshot)
            if reason is None:
                _print_pdf_in_place(out, year)  # a PDF an earlier run could not print after its swap
                raise UpToDate(out, year)
            log.info("building report year %s: %s", year, reason)
        building = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
        building.chmod(0o755)
        disk_full = False
        try:
            write_atomic(building / "manifest.json", building_manifest(year))
            if only:
                copy_output(out, building)
            if snapshot is None:
                if only:
                    snapshot = Snapshot.open(building / "demo-snapshot")
                elif demo:
                    from assets.demo import write_demo

                    log.info("writing the synthetic demo snapshot for report year %s", year)
                    snapshot = write_demo(building / "demo-snapshot", year)
                else:
                    target = snapshots_root / f"ssb-{year}-{time.strftime('%Y%m%dT%H%M%S')}"
                    snapshot = fetch_snapshot(year, target, base_url=base_url, bufdir_dir=bufdir_dir,
                                              kommune_dir=kommune_dir)
                missing = check_snapshot(snapshot, year, allow_partial)
                reference_gaps = check_reference_data(snapshot, year)
            _log_reference_gaps(year, reference_gaps)
            if snapshot.synthetic:
                log.warning("snapshot %s is SYNTHETIC (demo data): figures carry a 'Demodata' watermark",
                            snapshot.snapshot_id)
            if not snapshot.has_manifest:
                log.warning("snapshot %s has no snapshot.json: its files are read unverified", snapshot.root)
            if missing:
                log.warning("snapshot lacks %s: their assets and everything built on them are left out",
                            ", ".join(missing))
            result, versions, selected, render_problems = _execute(
                year, snapshot, building, tuple(missing), log_level, out, only,
                (previous or {}).get("asset_code_versions") or {})
            problems = [] if result.success else (_describe_failure(result) or ["(no detail)"])
            # A figure whose PNG/SVG failed in the render worker, unless a step that waited for it said so.
            problems += [p for p in render_problems if not any(p in q for q in problems)]
            problems += _checkpoint(building / "warehouse.duckdb")
            disk_full = any("No space left on device" in p for p in problems)
            manifest = _manifest(year, snapshot, building, result, started)
            manifest["left_out_sources"] = missing
            manifest["inputs"] = inputs
            manifest["asset_code_versions"] = versions
            if only:
                _merge_only_run(manifest, previous, only, selected)
            manifest["reference_gaps"] = reference_gaps
            if snapshot.root.resolve().is_relative_to(building):
                # The demo snapshot lives inside the output: record where it will be, not the temporary place.
                inside = snapshot.root.resolve().relative_to(building)
                manifest["snapshot"]["path"] = str(out / inside)
                manifest["snapshot"]["in_output"] = inside.as_posix()  # found again when OUT is moved (verify)
            try:
                write_manifest(building, manifest)
            except OSError as exc:
                disk_full = disk_full or is_disk_full(exc)
                if not problems:
                    raise
                problems.append(f"the run manifest {building / 'manifest.json'} could not be written: "
                                f"{exc.strerror or exc}")
            signals.check()  # a signal is the root cause of whatever else failed
            if problems:
                raise RunFailed("report year {} stopped:\n  {}".format(year, "\n  ".join(problems)))
            with signals.held():
                signals.check()
                with swapped_in(building, out):
                    signals.check()  # a signal during the swap undoes it: OUT is as it was
        except BaseException as exc:
            keep_failed_attempt(building, out, disk_full=disk_full or is_disk_full(exc))
            raise
        if not only:
            with signals.held():  # OUT is replaced: a signal now must not say "nothing was replaced"
                _print_pdf_in_place(out, year)
    log.info("report year %s done in %.0f s: %s", year, time.time() - started, out)
    return out


def _print_pdf_in_place(out: Path, year: int) -> None:
    """The report's PDF, printed once OUT is in place (still under OUT's lock): Chromium writes the page's
    relative links as absolute file:// links, which in the temporary build folder would point at a folder
    that is gone after the swap. A PDF that cannot be printed never fails the run: the HTML stands, and
    the reason is recorded and printed (`report/<year>/rapport.json`)."""
    from pipeline.report_document import PDF_AFTER_SWAP, DocumentPaths, print_pdf

    folder = out / "report" / str(year)
    paths = DocumentPaths.read(folder)
    if paths is not None and paths.pdf is None and paths.pdf_skipped == PDF_AFTER_SWAP:
        print_pdf(paths, folder)
        if paths.pdf is None:
            log.warning("report %s: no PDF: %s", year, paths.pdf_skipped)


def _log_reference_gaps(year: int, gaps: list[dict]) -> None:
    """Say what the built-in reference data lack for the year, and what this run reads instead."""
    for gap in gaps:
        instead = (f"this run reads the snapshot's {gap['covered_by']}" if gap["covered_by"]
                   else "footnoted in the output")
        log.warning("report year %s: the built-in reference data lack: %s [%s]", year, gap["gap"], instead)


def _resolve_only(only: str) -> str:
    """The asset key `--only` names, found before anything is built (a typo costs no copy of OUT)."""
    from pipeline.app.definitions import all_assets
    from pipeline.app.incremental import resolve_asset

    return resolve_asset(only, sorted(key.to_user_string() for asset in all_assets() for key in asset.keys))


def copy_output(out: Path, building: Path) -> None:
    """An earlier output copied into the build folder, for a run that re-makes only part of it (`--only`);
    its manifest and run log are the new run's own."""
    import shutil

    for path in out.iterdir():
        if path.name in ("manifest.json", "run.log"):
            continue
        if path.is_dir():
            shutil.copytree(path, building / path.name)
        else:
            shutil.copy2(path, building / path.name)


def _merge_only_run(manifest: dict[str, Any], previous: dict[str, Any], only: str, selected: list[str]) -> None:
    """The manifest of an `--only` run describes the whole output: the assets and checks of the earlier
    run it kept, and what it re-made. Where other assets' code changed and they were not re-run, the
    output is no longer of one code version: `code_version` is then left empty, so that the next plain
    run rebuilds everything instead of calling it up to date."""
    rerun = set(selected)
    manifest["materialized_assets"] = sorted(set(previous.get("materialized_assets", [])) | rerun)
    manifest["checks"] = [c for c in previous.get("checks", []) if c["asset"] not in rerun] + manifest["checks"]
    current = manifest["asset_code_versions"]
    kept = {**previous.get("asset_code_versions", {}), **{k: current[k] for k in selected}}
    manifest["asset_code_versions"] = kept
    if kept != current or previous.get("inputs", {}).get("code_version") != manifest["inputs"]["code_version"]:
        manifest["inputs"]["code_version"] = None
    manifest["only"] = {"asset": only, "materialized": selected}


def _execute(year: int, snapshot: Snapshot, building: Path, left_out: tuple[str, ...], log_level: str,
             out: Path, only: str | None = None, recorded_versions: dict[str, str] | None = None
             ) -> tuple[Any, dict[str, str], list[str], list[str]]:
    """Run the report year's job (or, with `only`, the part of it `only_selection` picks); returns the
    result, every asset's code version, the asset keys run and the figures whose PNG/SVG failed."""
    import dagster as dg

    from pipeline.app.definitions import MAIN_JOB, build_definitions
    from pipeline.app.incremental import asset_code_versions, only_selection, resolve_asset
    from pipeline.figures import background_renders
    from pipeline.progress import RUN_LOG, RunProgress, progress_logger

    defs = build_definitions(snapshot.root, building / "warehouse.duckdb", building, left_out, final_out=out)
    job = defs.resolve_job_def(MAIN_JOB)
    assets = list(defs.assets or [])
    versions = asset_code_versions(assets)
    if only:
        target = resolve_asset(only, sorted(versions))
        selected = only_selection(target, assets, versions, recorded_versions or {})
        job = job.get_subset(asset_selection={dg.AssetKey.from_user_string(k) for k in selected})
    else:
        selected = sorted(versions)
    # Dagster's own console logger is replaced: one line per asset on the console, everything in run.log.
    quiet = logging.getLevelName(log_level) > logging.INFO
    progress = RunProgress(len(job.graph.nodes), building / RUN_LOG, quiet=quiet)
    ours = [logging.getLogger(name) for name in ("reformeval", "pipeline", "py.warnings")]
    for logger in ours:
        logger.addHandler(progress)
    try:
        log.info("materialising report year %s from snapshot %s into %s (full log: %s)", year,
                 snapshot.snapshot_id, building, RUN_LOG)
        if only:
            log.info("--only %s: materialising %s", only, ", ".join(selected))
        # The figures' PNG and SVG files are drawn by a worker process beside the SQL steps; the block
        # ends when all are written (the figure overview and the report wait for them before reading).
        with background_renders() as renders:
            result = job.with_logger_defs({"progress": progress_logger(progress)}).execute_in_process(
                partition_key=str(year),
                instance=dg.DagsterInstance.ephemeral(),
                raise_on_error=False,
                run_config={"loggers": {"progress": {}}},
            )
        return result, versions, selected, renders.problems
    finally:
        for logger in ours:
            logger.removeHandler(progress)
        progress.close()


def _checkpoint(warehouse: Path) -> list[str]:
    """The warehouse written to its file, or the reason it could not be. The run holds the file open and
    DuckDB writes it at the end, where a failure (a full disk) would otherwise pass unnoticed: closing
    does not raise, and Dagster reports a resource's teardown error as an event, not as a failure."""
    import duckdb

    if not warehouse.exists():
        return []
    try:
        with duckdb.connect(str(warehouse)) as con:
            con.execute("checkpoint")
    except duckdb.Error as exc:
        return [f"the warehouse {warehouse} could not be written: {exc}"]
    return []


def describe_os_error(exc: OSError) -> str:
    """An OS error as one line that names the path: 'No space left on device: /out/manifest.json'."""
    what = exc.strerror or str(exc)
    paths = " → ".join(str(p) for p in (exc.filename, exc.filename2) if p)
    return f"{what}: {paths}" if paths else what
