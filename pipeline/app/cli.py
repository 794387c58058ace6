"""`reformeval`: materialise one report year, build snapshots, from the command line.

    reformeval run --year 2023 --demo [--out DIR]             synthetic demo snapshot (offline)
    reformeval run --year 2023 --snapshot DIR [--out DIR]     an existing snapshot
    reformeval run --year 2023 [--out DIR]                    live SSB: fetch a new snapshot, then run
    reformeval fetch --year 2023 --to DIR                     build a snapshot from the live API
    reformeval fetch --year 2023 --check                      resolve every declaration against /metadata
    reformeval demo-snapshot --year 2023 --to DIR             write the synthetic demo snapshot
    reformeval report --year 2023 --out DIR                   the report document (HTML, PDF) of an output
    reformeval verify OUT                                     re-run OUT from its snapshot, compare
    reformeval diff OLD_OUT NEW_OUT                           what moved, and why (NEW_OUT/endringer/)

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
from pathlib import Path

from pipeline.app.fetch import declared_tables, fetch_snapshot
from pipeline.app.run import UpToDate, describe_os_error, run_report_year
from pipeline.errors import ReformevalError, RunInterrupted
from pipeline.report_years import DEFAULT_REPORT_YEAR


def print_reference_gaps(year: int, out: Path) -> None:
    """What the built-in reference data lack for the year, and what the run read instead (its manifest)."""
    import json

    gaps = json.loads((out / "manifest.json").read_text(encoding="utf-8")).get("reference_gaps") or []
    if gaps:
        print(f"The built-in reference data lack for report year {year} (a run on a snapshot without its own "
              f"reference/<table>.csv stops at each marked STOP):")
    for gap in gaps:
        instead = f"this run read {gap['covered_by']}" if gap["covered_by"] else "footnoted in the output"
        print(f"  - {'STOP' if gap['blocking'] else 'note'}: {gap['gap']} [{instead}]")


def print_report_document(year: int, out: Path) -> None:
    """Where the run wrote the report document, and why there is no PDF where there is none."""
    from pipeline.report_document import DocumentPaths

    paths = DocumentPaths.read(out / "report" / str(year))
    if paths is not None:
        print("\n".join(paths.lines()))


def compare_command(args: argparse.Namespace) -> int:
    """`verify` and `diff`: exit 0 when nothing differs / moved, 1 when something does, 2 when the
    comparison could not be made (the message says which path and what was expected)."""
    try:
        if args.command == "verify":
            from pipeline.app.verify import report, verify_output

            result = verify_output(args.out, args.workdir)
            print(report(args.out, result))
            return 0 if result.identical else 1
        from pipeline.app.diff import diff_outputs, summary

        changes = diff_outputs(args.old, args.new)
        print(summary(args.old, args.new, changes))
        return 0 if changes.empty else 1
    except RunInterrupted as exc:
        print(f"reformeval: stopped by {exc.signal_name}", file=sys.stderr)
        return 128 + exc.signum
    except ReformevalError as exc:
        print(f"reformeval: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"reformeval: error: {describe_os_error(exc)}", file=sys.stderr)
        return 2


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
    run.add_argument("--kommune", type=Path,
                     help="live runs: the folder of the kommuner's own files (ASSS answers) to archive")
    run.add_argument("--allow-partial", action="store_true",
                     help="build what a snapshot without some SSB tables allows (hand-built snapshots)")
    run.add_argument("--force", action="store_true",
                     help="build even when OUT is up to date (same snapshot, reference data, code and options)")
    run.add_argument("--only", metavar="ASSET",
                     help="re-run one asset or figure (figur_5_16, indicators/netto_driftsutgifter) and what changed "
                          "upstream of it, on OUT's warehouse (--demo or --snapshot)")
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
    fetch.add_argument("--kommune", type=Path,
                       help="the folder of the kommuner's own files (<dataset>.csv|.xlsx, optional) to archive")

    demo = sub.add_parser("demo-snapshot", help="write the synthetic demo snapshot")
    demo.add_argument("--year", type=int, default=DEFAULT_REPORT_YEAR)
    demo.add_argument("--to", type=Path, required=True)

    # -- report (issue #13): the report document of an existing output ---------------------------------
    report = sub.add_parser("report", help="render the report document (HTML, and PDF by headless Chromium) from "
                                           "an existing output, without re-running the pipeline")
    report.add_argument("--year", type=int, default=DEFAULT_REPORT_YEAR)
    report.add_argument("--out", type=Path, required=True, help="the output of `reformeval run`")
    report.add_argument("--no-pdf", action="store_true", help="the HTML only")
    # -- end report --
    # --- verify / diff (issue #13 items 4-5): self-contained, exit 0 same, 1 differs, 2 cannot tell ---
    verify = sub.add_parser("verify", help="re-run OUT's report year from its archived snapshot and compare")
    verify.add_argument("out", type=Path, help="the output folder of a `reformeval run`")
    verify.add_argument("--workdir", type=Path,
                        help="where the temporary re-run is made (default: the system's temporary folder)")
    diff = sub.add_parser("diff", help="what moved between two outputs, each move with its cause")
    diff.add_argument("old", type=Path, help="the earlier output (e.g. last year's report)")
    diff.add_argument("new", type=Path, help="the later output; endringer/endringer.csv is written into it")
    # --- end verify / diff ---

    args = parser.parse_args(argv)
    if args.command == "fetch" and args.check and (args.to or args.bufdir or args.kommune):
        parser.error("fetch --check fetches no data and writes no snapshot: leave out --to, --bufdir and --kommune")
    if args.command == "fetch" and not args.check and args.to is None:
        parser.error("fetch needs --to DIR (or --check)")
    # Our own progress at INFO; third-party libraries (matplotlib, Great Expectations, alembic) only when
    # something is wrong: their INFO lines buried the lines a user needs.
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for ours in ("reformeval", "pipeline"):
        logging.getLogger(ours).setLevel(logging.INFO)
    if args.command in ("verify", "diff"):
        return compare_command(args)
    try:
        if args.command == "run":
            out = run_report_year(args.year, args.snapshot, args.out, demo=args.demo,
                                  base_url=args.base_url, snapshots_root=args.snapshots_root,
                                  allow_partial=args.allow_partial, bufdir_dir=args.bufdir,
                                  kommune_dir=args.kommune, if_changed=not args.force,
                                  only=args.only)
            print(f"OK: report year {args.year} written to {out}")
            print_reference_gaps(args.year, out)
            print_report_document(args.year, out)
        elif args.command == "report":
            from pipeline.app.report import render_report

            paths = render_report(args.year, args.out, pdf=not args.no_pdf)
            print(f"OK: report document of report year {args.year} written from {args.out}")
            print("\n".join(paths.lines()))
        elif args.command == "fetch" and args.check:
            from pipeline.ssb.check import check_tables, report

            chosen = declared_tables(args.tables.split(",") if args.tables else None)
            checks = check_tables(chosen, args.year, base_url=args.base_url)
            print(report(checks))
            if not all(c.resolves for c in checks):
                return 1
        elif args.command == "fetch":
            snap = fetch_snapshot(args.year, args.to, base_url=args.base_url,
                                  tables=args.tables.split(",") if args.tables else None, klass_url=args.klass_url,
                                  bufdir_dir=args.bufdir, kommune_dir=args.kommune)
            print(f"OK: snapshot {snap.snapshot_id} written to {snap.root}")
        else:
            from assets.demo import write_demo

            snap = write_demo(args.to, args.year)
            print(f"OK: synthetic demo snapshot written to {snap.root}")
    except UpToDate as exc:
        print(f"OK: {exc}")
        print_report_document(exc.year, exc.out)
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
