"""`reformeval`: materialise one report year, build snapshots, from the command line.

    reformeval run --year 2023 --demo [--out DIR]             synthetic demo snapshot (offline)
    reformeval run --year 2023 --snapshot DIR [--out DIR]     an existing snapshot
    reformeval run --year 2023 [--out DIR]                    live SSB: fetch a new snapshot, then run
    reformeval fetch --year 2023 --to DIR                     build a snapshot from the live API
    reformeval demo-snapshot --year 2023 --to DIR             write the synthetic demo snapshot

A run builds into a temporary sibling of OUT and replaces OUT only when it succeeded: a run killed
half-way or stopped by a failed check leaves the previous OUT as it was (the failed attempt is kept
beside it as OUT.failed for inspection). Two runs on the same OUT at once: the second stops with an
error before touching anything.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

from pipeline.errors import OutputLockedError, ReformevalError, SnapshotError, SnapshotIntegrityError
from pipeline.partitions import DEFAULT_REPORT_YEAR, REPORT_YEARS
from pipeline.snapshot import Snapshot, SnapshotWriter, sha256_file, utc_now, write_atomic

log = logging.getLogger("reformeval")

PACKAGES = ("reformeval", "dagster", "dagster-duckdb", "duckdb", "great-expectations", "pyjstat", "pandas",
            "polars", "pyarrow", "matplotlib", "httpx")


class RunFailed(ReformevalError):
    """The Dagster run stopped at an asset or a blocking check."""


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """An exclusive lock beside OUT (not inside it: OUT itself is replaced at the end)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out.parent / f".{out.name}.lock"
    handle = lock_path.open("a+")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "another process"
        handle.close()
        raise OutputLockedError(
            f"output directory {out} is being written by another run ({holder}); wait for it to "
            f"finish or choose another --out"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"pid {os.getpid()} since {utc_now()}")
    handle.flush()
    try:
        yield
    finally:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()


def _replace_dir(new: Path, target: Path) -> None:
    """Move `new` to `target`, the old `target` out of the way first. If the second rename fails the
    old output is put back; only a kill between the two renames (microseconds) can leave `target`
    missing, and then the old output is still beside it as `.<name>.old-<pid>`."""
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    if target.exists():
        os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        if old.exists():
            os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _keep_failed_attempt(building: Path, out: Path) -> None:
    """Keep a failed attempt as `<out>.failed` for inspection, never masking the error that stopped it."""
    failed = out.parent / f"{out.name}.failed"
    try:
        shutil.rmtree(failed, ignore_errors=True)
        if building.exists():
            os.replace(building, failed)
            log.error("the failed attempt is kept in %s; %s is unchanged", failed, out)
    except OSError as exc:
        log.error("could not keep the failed attempt in %s (%s); it stays in %s", failed, exc, building)


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
    """What stopped a run, in words: failed steps with their error, failed blocking checks."""
    ours = _pipeline_error_names()
    problems: list[str] = []
    for event in result.get_step_failure_events():
        error = event.step_failure_data.error
        if "DagsterAssetCheckFailedError" in (error.cls_name or ""):
            continue  # told below, with the check's own description
        # Dagster wraps the error raised in the asset; report the first of ours down the chain, else the
        # innermost cause.
        cause = error
        while cause.cls_name not in ours and cause.cause is not None:
            cause = cause.cause
        problems.append(f"{event.step_key}: {cause.message.strip()}")
    for evaluation in result.get_asset_check_evaluations():
        if not evaluation.passed:
            key = "/".join(evaluation.asset_key.path)
            details = evaluation.description or ""
            failures = (evaluation.metadata or {}).get("failures")
            text = getattr(failures, "value", None) or ""
            problems.append(f"check {evaluation.check_name} on {key} failed: {details}\n{text}".rstrip())
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


def missing_sources(snapshot: Snapshot) -> list[str]:
    """The raw tables (SSB tables, Bufdir datasets) a snapshot has no files for."""
    from assets.sources import BUFDIR_DATASETS, SSB_TABLES

    missing = []
    for table in SSB_TABLES.values():
        try:
            snapshot.ssb_parts(table.id)
        except SnapshotIntegrityError:
            raise
        except ReformevalError:
            missing.append(table.raw_table)
    for dataset in BUFDIR_DATASETS.values():
        if snapshot.optional_file("bufdir", dataset.name, (".csv", ".xlsx")) is None:
            missing.append(dataset.table)
    return missing


def run_report_year(year: int, snapshot_dir: Path | None, out: Path, *, demo: bool = False,
                    base_url: str | None = None, snapshots_root: Path | None = None,
                    log_level: str = "INFO", allow_partial: bool = False, bufdir_dir: Path | None = None) -> Path:
    """Materialise every asset of one report year into OUT; returns OUT. Raises on failure."""
    import dagster as dg

    from pipeline.definitions import MAIN_JOB, build_definitions

    if str(year) not in REPORT_YEARS:
        raise ReformevalError(f"report year {year} is not one of {', '.join(REPORT_YEARS)}")
    out = out.resolve()
    started = time.time()
    with output_lock(out):
        building = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
        building.chmod(0o755)
        try:
            if demo:
                from assets import write_demo

                log.info("writing the synthetic demo snapshot for report year %s", year)
                snapshot = write_demo(building / "demo-snapshot", year)
            elif snapshot_dir is None:
                target = (snapshots_root or Path("snapshots")) / f"ssb-{year}-{time.strftime('%Y%m%dT%H%M%S')}"
                snapshot = fetch_snapshot(year, target, base_url=base_url, bufdir_dir=bufdir_dir)
            else:
                snapshot = Snapshot.open(snapshot_dir)
            if snapshot.synthetic:
                log.warning("snapshot %s is SYNTHETIC (demo data): figures carry a 'Demodata' watermark",
                            snapshot.snapshot_id)
            if not snapshot.has_manifest:
                log.warning("snapshot %s has no snapshot.json: its files are read unverified", snapshot.root)
            missing = missing_sources(snapshot)
            if missing and not allow_partial:
                raise SnapshotError(
                    f"snapshot {snapshot.root} has no files for {', '.join(missing)} (expected "
                    f"ssb/<table>/<part>.json and bufdir/<dataset>.csv|.xlsx); a report year needs every declared "
                    f"source. To build only what the snapshot has, run with --allow-partial"
                )
            if missing:
                log.warning("snapshot lacks %s: their assets and everything built on them are left out",
                            ", ".join(missing))
            defs = build_definitions(snapshot.root, building / "warehouse.duckdb", building, tuple(missing))
            job = defs.resolve_job_def(MAIN_JOB)
            log.info("materialising report year %s from snapshot %s into %s", year, snapshot.snapshot_id, out)
            result = job.execute_in_process(
                partition_key=str(year),
                instance=dg.DagsterInstance.ephemeral(),
                raise_on_error=False,
                run_config={"loggers": {"console": {"config": {"log_level": log_level}}}},
            )
            manifest = _manifest(year, snapshot, building, result, started)
            manifest["left_out_sources"] = missing
            if snapshot.root.resolve().is_relative_to(building):
                # The demo snapshot lives inside the output: record where it will be, not the temporary place.
                manifest["snapshot"]["path"] = str(out / snapshot.root.resolve().relative_to(building))
            write_atomic(building / "manifest.json",
                         json.dumps(manifest, indent=1, ensure_ascii=False).encode("utf-8"))
            if not result.success:
                raise RunFailed(
                    "report year {} stopped:\n  {}".format(year, "\n  ".join(_describe_failure(result)
                                                                            or ["(no detail)"]))
                )
        except BaseException:
            _keep_failed_attempt(building, out)
            raise
        _replace_dir(building, out)
    log.info("report year %s done in %.0f s: %s", year, time.time() - started, out)
    return out


def fetch_snapshot(year: int, target: Path, *, base_url: str | None = None,
                   tables: list[str] | None = None, client: Any = None,
                   klass_url: str | None = None, bufdir_dir: Path | None = None) -> Snapshot:
    """Fetch every declared SSB table for a report year from the live API into a new snapshot."""
    from assets.sources import SSB_TABLES
    from pipeline.ssb.client import SSB_BASE_URL, PxWebClient

    unknown = [t for t in tables or () if t not in SSB_TABLES]
    if unknown:
        raise ReformevalError(f"SSB table(s) {unknown} are not declared; declared: {sorted(SSB_TABLES)}")
    chosen = [SSB_TABLES[t] for t in tables] if tables else list(SSB_TABLES.values())
    writer = SnapshotWriter(target, source="ssb-pxwebapi-v2", synthetic=False, report_year=year)
    own_client = client is None
    client = client or PxWebClient(base_url or SSB_BASE_URL)
    try:
        for table in chosen:
            for i, part in enumerate(client.fetch_table(table, year), start=1):
                writer.add_ssb_part(
                    table.id, f"part-{i:03d}", part.content, url=part.url, query=part.body,
                    fetched=part.fetched, label_resolution=part.query.label_resolution,
                    eliminated=part.query.eliminated, cells=part.query.cells,
                )
                log.info("SSB %s part %d: %d cells, %d bytes", table.id, i, part.query.cells, len(part.content))
        # The kommune code changes the data need, from KLASS: archived as fetched, and as a reference table.
        from pipeline.ssb.klass import KLASS_BASE_URL, fetch_kommune_changes, kommuneendringer_csv

        url, reply = fetch_kommune_changes(client, klass_url or KLASS_BASE_URL, "2015-01-01", f"{year}-12-31")
        writer.add("reference/klass_131_changes.json", reply, kind="klass", table="131", url=url)
        writer.add("reference/kommuneendringer.csv", kommuneendringer_csv(reply, url).encode("utf-8"),
                   kind="reference", table="kommuneendringer", derived_from="reference/klass_131_changes.json")
        # Bufdir has no open API: its files come from the evaluators' drop folder, archived as they are.
        if bufdir_dir is not None:
            from assets.sources import BUFDIR_DATASETS

            for name in BUFDIR_DATASETS:
                for suffix in (".csv", ".xlsx"):
                    source = Path(bufdir_dir) / f"{name}{suffix}"
                    if source.is_file():
                        writer.add(f"bufdir/{name}{suffix}", source.read_bytes(), kind="bufdir", table=name,
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
    fetch.add_argument("--to", type=Path, required=True)
    fetch.add_argument("--base-url")
    fetch.add_argument("--tables", help="comma-separated SSB table ids (default: all declared)")
    fetch.add_argument("--klass-url", help="KLASS API base URL (default: SSB's)")
    fetch.add_argument("--bufdir", type=Path, help="the folder of Bufdir files (<dataset>.csv|.xlsx) to archive")

    demo = sub.add_parser("demo-snapshot", help="write the synthetic demo snapshot")
    demo.add_argument("--year", type=int, default=DEFAULT_REPORT_YEAR)
    demo.add_argument("--to", type=Path, required=True)

    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        if args.command == "run":
            out = run_report_year(args.year, args.snapshot, args.out, demo=args.demo,
                                  base_url=args.base_url, snapshots_root=args.snapshots_root,
                                  allow_partial=args.allow_partial, bufdir_dir=args.bufdir)
            print(f"OK: report year {args.year} written to {out}")
        elif args.command == "fetch":
            snap = fetch_snapshot(args.year, args.to, base_url=args.base_url,
                                  tables=args.tables.split(",") if args.tables else None, klass_url=args.klass_url,
                                  bufdir_dir=args.bufdir)
            print(f"OK: snapshot {snap.snapshot_id} written to {snap.root}")
        else:
            from assets import write_demo

            snap = write_demo(args.to, args.year)
            print(f"OK: synthetic demo snapshot written to {snap.root}")
    except ReformevalError as exc:
        print(f"reformeval: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
