"""`reformeval`: materialise one report year, build snapshots, from the command line.

    reformeval run --year 2023 --demo [--out DIR]             synthetic demo snapshot (offline)
    reformeval run --year 2023 --snapshot DIR [--out DIR]     an existing snapshot
    reformeval run --year 2023 [--out DIR]                    live SSB: fetch a new snapshot, then run
    reformeval fetch --year 2023 --to DIR                     build a snapshot from the live API
    reformeval fetch --year 2023 --check                      resolve every declaration against /metadata
    reformeval demo-snapshot --year 2023 --to DIR             write the synthetic demo snapshot

A run builds into a temporary sibling of OUT and replaces OUT only when it succeeded: a run killed
half-way, stopped by a signal or by a failed check leaves the previous OUT as it was (the failed
attempt is kept beside it as OUT.failed for inspection). OUT must be missing, empty or an earlier
output (see `pipeline.run_output`). Two runs on the same OUT at once: the second stops with an error
before touching anything. Nothing heavy is imported before those refusals.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

from pipeline.errors import ReformevalError, RunInterrupted
from pipeline.interrupts import stop_on_signals
from pipeline.paths import PROJECT_ROOT
from pipeline.preflight import check_snapshot
from pipeline.report_years import DEFAULT_REPORT_YEAR, REPORT_YEARS
from pipeline.run_output import (
    building_manifest,
    check_output_target,
    clean_stale_builds,
    is_disk_full,
    keep_failed_attempt,
    output_lock,
    swapped_in,
    write_manifest,
)
from pipeline.snapshot import Snapshot, SnapshotWriter, sha256_file, utc_now, write_atomic

log = logging.getLogger("reformeval")

PACKAGES = ("reformeval", "dagster", "dagster-duckdb", "duckdb", "great-expectations", "pyjstat", "pandas",
            "polars", "pyarrow", "matplotlib", "httpx")


class RunFailed(ReformevalError):
    """The Dagster run stopped at an asset or a blocking check."""


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
                    log_level: str = "INFO", allow_partial: bool = False, bufdir_dir: Path | None = None) -> Path:
    """Materialise every asset of one report year into OUT; returns OUT. Raises on failure.

    Everything that can be refused is refused before Dagster is imported: the year, an OUT the run may not
    replace, a lock held by another run, a snapshot whose files changed, that was made for another year,
    or that lacks a declared source."""
    if str(year) not in REPORT_YEARS:
        raise ReformevalError(f"report year {year} is not one of {', '.join(REPORT_YEARS)}")
    live = not demo and snapshot_dir is None
    snapshots_root = snapshots_root or Path("snapshots")
    check_output_target(out, {
        "the snapshot": snapshot_dir, "the Bufdir folder": bufdir_dir,
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
        building = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
        building.chmod(0o755)
        disk_full = False
        try:
            write_atomic(building / "manifest.json", building_manifest(year))
            if snapshot is None:
                if demo:
                    from assets import write_demo

                    log.info("writing the synthetic demo snapshot for report year %s", year)
                    snapshot = write_demo(building / "demo-snapshot", year)
                else:
                    target = snapshots_root / f"ssb-{year}-{time.strftime('%Y%m%dT%H%M%S')}"
                    snapshot = fetch_snapshot(year, target, base_url=base_url, bufdir_dir=bufdir_dir)
                missing = check_snapshot(snapshot, year, allow_partial)
            if snapshot.synthetic:
                log.warning("snapshot %s is SYNTHETIC (demo data): figures carry a 'Demodata' watermark",
                            snapshot.snapshot_id)
            if not snapshot.has_manifest:
                log.warning("snapshot %s has no snapshot.json: its files are read unverified", snapshot.root)
            if missing:
                log.warning("snapshot lacks %s: their assets and everything built on them are left out",
                            ", ".join(missing))
            result = _execute(year, snapshot, building, tuple(missing), log_level)
            problems = [] if result.success else (_describe_failure(result) or ["(no detail)"])
            disk_full = any("No space left on device" in p for p in problems)
            manifest = _manifest(year, snapshot, building, result, started)
            manifest["left_out_sources"] = missing
            if snapshot.root.resolve().is_relative_to(building):
                # The demo snapshot lives inside the output: record where it will be, not the temporary place.
                manifest["snapshot"]["path"] = str(out / snapshot.root.resolve().relative_to(building))
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
    log.info("report year %s done in %.0f s: %s", year, time.time() - started, out)
    return out


def _execute(year: int, snapshot: Snapshot, building: Path, left_out: tuple[str, ...], log_level: str) -> Any:
    import dagster as dg

    from pipeline.definitions import MAIN_JOB, build_definitions

    defs = build_definitions(snapshot.root, building / "warehouse.duckdb", building, left_out)
    job = defs.resolve_job_def(MAIN_JOB)
    log.info("materialising report year %s from snapshot %s into %s", year, snapshot.snapshot_id, building)
    return job.execute_in_process(
        partition_key=str(year),
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": log_level}}}},
    )


def describe_os_error(exc: OSError) -> str:
    """An OS error as one line that names the path: 'No space left on device: /out/manifest.json'."""
    what = exc.strerror or str(exc)
    paths = " → ".join(str(p) for p in (exc.filename, exc.filename2) if p)
    return f"{what}: {paths}" if paths else what


def _declared_tables(tables: list[str] | None) -> list[Any]:
    """The declarations of the chosen SSB tables (all when none are chosen)."""
    from assets.sources import SSB_TABLES

    unknown = [t for t in tables or () if t not in SSB_TABLES]
    if unknown:
        raise ReformevalError(f"SSB table(s) {unknown} are not declared; declared: {sorted(SSB_TABLES)}")
    return [SSB_TABLES[t] for t in tables] if tables else list(SSB_TABLES.values())


def _bufdir_drop_files(folder: Path) -> dict[str, Path]:
    """The file of each declared Bufdir dataset in a drop folder, checked before any call is made (one
    file per dataset, as in a snapshot)."""
    from assets.sources import BUFDIR_DATASETS
    from pipeline.snapshot import dataset_file

    if not Path(folder).is_dir():
        raise ReformevalError(f"--bufdir {folder}: not a folder (expected <dataset>.csv|.xlsx files)")
    found = {name: dataset_file(Path(folder), name, (".csv", ".xlsx"), where=f"--bufdir {folder}")
             for name in BUFDIR_DATASETS}
    return {name: path for name, path in found.items() if path is not None}


def fetch_snapshot(year: int, target: Path, *, base_url: str | None = None,
                   tables: list[str] | None = None, client: Any = None,
                   klass_url: str | None = None, bufdir_dir: Path | None = None) -> Snapshot:
    """Fetch every declared SSB table for a report year from the live API into a new snapshot."""
    from pipeline.ssb.client import SSB_BASE_URL, PxWebClient

    chosen = _declared_tables(tables)
    drop = _bufdir_drop_files(bufdir_dir) if bufdir_dir is not None else {}
    writer = SnapshotWriter(target, source="ssb-pxwebapi-v2", synthetic=False, report_year=year)
    own_client = client is None
    client = client or PxWebClient(base_url or SSB_BASE_URL)
    try:
        # The kommune code changes the data need, from KLASS: archived as fetched, and as a reference table.
        # Fetched first: one call that, when KLASS is down, fails before minutes of SSB data calls are spent.
        from pipeline.ssb.klass import KLASS_BASE_URL, fetch_kommune_changes, kommuneendringer_csv

        url, reply = fetch_kommune_changes(client, klass_url or KLASS_BASE_URL, "2015-01-01", f"{year}-12-31")
        writer.add("reference/klass_131_changes.json", reply, kind="klass", table="131", url=url)
        writer.add("reference/kommuneendringer.csv", kommuneendringer_csv(reply, url).encode("utf-8"),
                   kind="reference", table="kommuneendringer", derived_from="reference/klass_131_changes.json")
        for table in chosen:
            for i, part in enumerate(client.fetch_table(table, year), start=1):
                writer.add_ssb_part(
                    table.id, f"part-{i:03d}", part.content, url=part.url, query=part.body,
                    fetched=part.fetched, label_resolution=part.query.label_resolution,
                    eliminated=part.query.eliminated, cells=part.query.cells,
                )
                log.info("SSB %s part %d: %d cells, %d bytes", table.id, i, part.query.cells, len(part.content))
        # Bufdir has no open API: its files come from the evaluators' drop folder, archived as they are.
        for name, source in drop.items():
            writer.add(f"bufdir/{source.name}", source.read_bytes(), kind="bufdir", table=name,
                       copied_from=str(source.resolve()))
        return writer.commit()
    except BaseException:
        writer.abort()
        raise
    finally:
        if own_client:
            client.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="reformeval", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="materialise one report year")
    run.add_argument("--year", type=int, default=DEFAULT_REPORT_YEAR)
    source = run.add_mutually_exclusive_group()
    source.add_argument("--snapshot", type=Path, help="an existing snapshot directory")
    source.add_argument("--demo", action="store_true", help="the synthetic demo snapshot (offline)")
    run.add_argument("--out", type=Path, default=Path("out"))
    run.add_argument("--base-url", help="PxWebApi v2 base URL (live runs)")
    run.add_argument("--bufdir", type=Path, help="live runs: the folder of Bufdir files to archive with the snapshot")
    run.add_argument("--allow-partial", action="store_true",
                     help="build what a snapshot without some SSB tables allows (hand-built snapshots)")
    run.add_argument("--snapshots-root", type=Path, default=Path("snapshots"),
                     help="where a live run archives its new snapshot")

    fetch = sub.add_parser("fetch", help="build a snapshot from the live SSB API")
    fetch.add_argument("--year", type=int, default=DEFAULT_REPORT_YEAR)
    fetch.add_argument("--to", type=Path, help="the new snapshot's directory (not with --check)")
    fetch.add_argument("--check", action="store_true",
                       help="resolve every declaration against its table's /metadata and list every mismatch; "
                            "fetches no data")
    fetch.add_argument("--base-url")
    fetch.add_argument("--tables", help="comma-separated SSB table ids (default: all declared)")
    fetch.add_argument("--klass-url", help="KLASS API base URL (default: SSB's)")
    fetch.add_argument("--bufdir", type=Path, help="the folder of Bufdir files (<dataset>.csv|.xlsx) to archive")

    demo = sub.add_parser("demo-snapshot", help="write the synthetic demo snapshot")
    demo.add_argument("--year", type=int, default=DEFAULT_REPORT_YEAR)
    demo.add_argument("--to", type=Path, required=True)

    args = parser.parse_args(argv)
    if args.command == "fetch" and args.check and (args.to or args.bufdir):
        parser.error("fetch --check fetches no data and writes no snapshot: leave out --to and --bufdir")
    if args.command == "fetch" and not args.check and args.to is None:
        parser.error("fetch needs --to DIR (or --check)")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        if args.command == "run":
            out = run_report_year(args.year, args.snapshot, args.out, demo=args.demo,
                                  base_url=args.base_url, snapshots_root=args.snapshots_root,
                                  allow_partial=args.allow_partial, bufdir_dir=args.bufdir)
            print(f"OK: report year {args.year} written to {out}")
        elif args.command == "fetch" and args.check:
            from pipeline.ssb.check import check_tables, report

            chosen = _declared_tables(args.tables.split(",") if args.tables else None)
            checks = check_tables(chosen, args.year, base_url=args.base_url)
            print(report(checks))
            if not all(c.resolves for c in checks):
                return 1
        elif args.command == "fetch":
            snap = fetch_snapshot(args.year, args.to, base_url=args.base_url,
                                  tables=args.tables.split(",") if args.tables else None, klass_url=args.klass_url,
                                  bufdir_dir=args.bufdir)
            print(f"OK: snapshot {snap.snapshot_id} written to {snap.root}")
        else:
            from assets import write_demo

            snap = write_demo(args.to, args.year)
            print(f"OK: synthetic demo snapshot written to {snap.root}")
    except RunInterrupted as exc:
        print(f"reformeval: stopped by {exc.signal_name}: nothing was replaced", file=sys.stderr)
        return 128 + exc.signum
    except ReformevalError as exc:
        print(f"reformeval: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"reformeval: error: {describe_os_error(exc)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
