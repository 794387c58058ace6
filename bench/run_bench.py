"""Benchmarks (not tests): prints speed and peak memory; run with `make bench`.

1. JSON-stat decoding of a generated 07459-shaped document with >= 1 M cells: our parser and pyjstat's own
   row-by-row DataFrame writer on the same document, cells/s, their ratio and memory per million cells.
2. A full offline run of one report year on the demo snapshot; a re-run of it on unchanged inputs and a
   one-figure re-run (`--only`) on its output; and, in a run of its own, where a run's time goes
   (sampled, by kind of work: imports, parsing, SQL, validation, figures, kommune pages, Dagster).
3. What a run checks before Dagster starts (lock, every archived file's sha256, the report year, a file
   for every declared source) on the demo snapshot, in-process; and the whole-process time of a refused
   run (`--out` locked by another run; a snapshot made for another year).
4. Fetch economy: every declared table fetched from the stub PxWebApi (real HTTP on 127.0.0.1): calls by
   kind against the fewest the limits allow, cells per call against the cap, what 30-per-minute pacing adds.
5. Scale: a full offline run on the demo snapshot and on one with ten times the kommuner (synthetic).
Each case runs in a fresh subprocess so that its peak RSS is its own.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def big_document(regions: int, ages: int, years: int) -> dict:
    region_codes = ["0"] + [f"{i:04d}" for i in range(1, regions)]
    age_codes = [f"{a:03d}" for a in range(ages)]
    year_codes = [str(1990 + y) for y in range(years)]
    n = regions * ages * years
    values: list = [float(i % 9973) for i in range(n)]
    status = {str(i): ".." for i in range(0, n, 997)}
    for key in status:
        values[int(key)] = None
    return {
        "version": "2.0", "class": "dataset", "label": "bench (synthetic)",
        "role": {"time": ["Tid"], "geo": ["Region"], "metric": ["ContentsCode"]},
        "id": ["Region", "Alder", "ContentsCode", "Tid"],
        "size": [regions, ages, 1, years],
        "dimension": {
            "Region": {"label": "region", "category": {"index": {c: i for i, c in enumerate(region_codes)},
                                                        "label": {c: f"{c} Sted" for c in region_codes}}},
            "Alder": {"label": "alder", "category": {"index": {c: i for i, c in enumerate(age_codes)},
                                                      "label": {c: f"{int(c)} år" for c in age_codes}}},
            "ContentsCode": {"label": "statistikkvariabel",
                             "category": {"index": {"Personer1": 0}, "label": {"Personer1": "Personer"}}},
            "Tid": {"label": "år", "category": {"index": {c: i for i, c in enumerate(year_codes)},
                                                 "label": {c: c for c in year_codes}}},
        },
        "value": values,
        "status": status,
    }


def _rss_mb() -> float:
    """This process's resident memory now (Linux), MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def case_decode(path: str) -> dict:
    from assets.sources import SSB_TABLES
    from pipeline.ssb.jsonstat import parse_dataset

    data = Path(path).read_bytes()
    start = time.perf_counter()
    json.loads(data)  # the JSON parser alone: the standard library's, which parse_dataset uses
    json_seconds = time.perf_counter() - start
    before = _rss_mb()
    start = time.perf_counter()
    parsed = parse_dataset(data, path, SSB_TABLES["07459"])
    seconds = time.perf_counter() - start
    import importlib.util

    return {"cells": parsed.cells, "seconds": seconds, "bytes": len(data), "json_seconds": json_seconds,
            "orjson": importlib.util.find_spec("orjson") is not None,
            "rss_before_mb": before, "frame_mb": parsed.frame.memory_usage(deep=True).sum() / 2**20}


def case_pyjstat(path: str) -> dict:
    import pyjstat.pyjstat as pyjstat

    text = Path(path).read_text()
    before = _rss_mb()
    start = time.perf_counter()
    frame = pyjstat.Dataset.read(text).write("dataframe", naming="id")
    return {"cells": len(frame), "seconds": time.perf_counter() - start, "rss_before_mb": before,
            "frame_mb": frame.memory_usage(deep=True).sum() / 2**20}


def case_run(out: str) -> dict:
    """A full demo run; into `out` when given (kept for the report-document case), else a temporary folder."""
    from pipeline.app.run import run_report_year

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        run_report_year(2023, None, Path(out) if out else Path(tmp) / "out", demo=True, log_level="WARNING")
        return {"seconds": time.perf_counter() - start}


def case_report(out: str) -> dict:
    """The report document (HTML and PDF) from an existing output, in-process: its peak RSS (Chromium's own
    processes not included)."""
    from pipeline.app.report import render_report

    start = time.perf_counter()
    paths = render_report(2023, Path(out))
    return {"seconds": time.perf_counter() - start, "pdf": str(paths.pdf or f"skipped: {paths.pdf_skipped}")}


def report_seconds(out: Path, *extra: str) -> float:
    """Wall time of a whole `reformeval report` process on an existing output."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline.app.cli", "report", "--year", "2023", "--out", str(out), *extra],
                   cwd=ROOT, capture_output=True, text=True, check=True)
    return time.perf_counter() - start


def case_preflight(snapshot: str) -> dict:
    from pipeline.app.preflight import check_snapshot
    from pipeline.run_output import clean_stale_builds, output_lock
    from pipeline.snapshot import Snapshot

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        start = time.perf_counter()
        with output_lock(out):
            clean_stale_builds(out)
            snap = Snapshot.open(snapshot)
            check_snapshot(snap, 2023, allow_partial=False)
        seconds = time.perf_counter() - start
    heavy = [m for m in ("dagster", "pandas", "great_expectations", "matplotlib") if m in sys.modules]
    files = len(snap.manifest["files"])
    return {"seconds": seconds, "files": files, "heavy_imports": heavy}


def case_demo_snapshot(target: str) -> dict:
    from assets.demo import write_demo

    write_demo(Path(target), 2023)
    return {}


def case_fetch(target: str) -> dict:
    """Fetch every declared table for report year 2023 from the stub PxWebApi (real HTTP on 127.0.0.1, the demo
    world's tables in full, at the scale REFORMEVAL_DEMO_SCALE says), as `reformeval fetch` does. The stub's
    /config lets the calls through unpaced; the 30-per-minute pacing is then replayed on the calls' own arrival
    times through the client's RatePacer with a virtual clock, to say what it would add."""
    import math
    import statistics

    from assets.demo import DEMO_TABLES
    from assets.sources import SSB_TABLES
    from pipeline.app.fetch import fetch_snapshot
    from pipeline.demo import DEMO_CHANGES_2020, DemoWorld, demo_document
    from pipeline.ssb.client import ApiLimits, PxWebClient, RatePacer
    from tests.pxweb_stub import PxWebStub, default_config

    world = DemoWorld()
    tables = {tid: demo_document(t, DEMO_TABLES[tid], world, 2023) for tid, t in SSB_TABLES.items()}
    ssb = ApiLimits.from_config(default_config())  # what SSB's /config says: 800 000 cells, 30 calls per 60 s
    with PxWebStub(tables, default_config(max_cells=ssb.max_cells, max_calls=10**6, window=60)) as stub:
        stub.state.klass_changes = [{"oldCode": old, "oldName": old, "newCode": new, "newName": new,
                                     "changeOccurred": "2020-01-01"} for old, new in DEMO_CHANGES_2020]
        start = time.perf_counter()
        with PxWebClient(stub.base_url, timeout=60.0) as client:
            snap = fetch_snapshot(2023, Path(target), client=client, klass_url=stub.klass_url)
        seconds = time.perf_counter() - start
        requests = list(stub.state.requests)
    parts = [f for f in snap.manifest["files"] if f.get("kind") == "ssb"]
    cells = [int(f["cells"]) for f in parts]
    by_table: dict[str, int] = {}
    for f in parts:
        by_table[f["table"]] = by_table.get(f["table"], 0) + int(f["cells"])
    paced = [r for r in requests if r.path.endswith(("/data", "/metadata"))]  # /config and KLASS are not paced
    clock = [0.0]
    pacer = RatePacer(ssb.max_calls, ssb.window_seconds, clock=lambda: clock[0],
                      sleep=lambda pause: clock.__setitem__(0, clock[0] + pause))
    added = 0.0
    for r in paced:
        clock[0] = r.at - paced[0].at + added
        added += pacer.wait()
    metadata = sum(r.path.endswith("/metadata") for r in requests)
    return {
        "seconds": seconds, "tables": len(by_table), "calls": len(requests),
        "config_calls": sum(r.path.endswith("/config") for r in requests), "metadata_calls": metadata,
        "data_calls": sum(r.path.endswith("/data") for r in requests),
        "klass_calls": sum(r.path.startswith("/api/klass/") for r in requests),
        "fewest_data_calls": sum(math.ceil(c / ssb.max_cells) for c in by_table.values()),
        "fewest_metadata_calls": len(by_table), "cells": sum(cells), "max_cells_per_call": max(cells),
        "median_cells_per_call": statistics.median(cells), "cap": ssb.max_cells, "max_calls": ssb.max_calls,
        "window": ssb.window_seconds, "pacing_seconds": added,
    }


def case_demo_snapshot_scaled(target: str) -> dict:
    """The demo snapshot at the scale REFORMEVAL_DEMO_SCALE says (synthetic, DEMODATA as the demo's own)."""
    from assets.demo import write_demo

    snap = write_demo(Path(target), 2023)
    return {"snapshot_id": snap.snapshot_id, "bytes": sum(int(f["bytes"]) for f in snap.manifest["files"])}


def case_run_snapshot(snapshot: str) -> dict:
    """A full offline run of report year 2023 on a snapshot folder (not --demo, so 1x and 10x run alike), with
    each Dagster step's own time from the run's event log (STEP_SUCCESS durations)."""
    from pipeline.app.run import run_report_year

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        import dagster as dg  # timed: the run would import it too

        instances = []
        ephemeral = dg.DagsterInstance.ephemeral

        def keep(*args, **kwargs):  # the run's own in-memory instance, kept to read its event log
            instances.append(ephemeral(*args, **kwargs))
            return instances[-1]

        dg.DagsterInstance.ephemeral = keep
        out = run_report_year(2023, Path(snapshot), Path(tmp) / "out", log_level="WARNING")
        seconds = time.perf_counter() - start
        figures = sum(1 for _ in (out / "figures" / "2023").glob("*.csv"))
    steps: dict[str, float] = {}
    for instance in instances:
        for run in instance.get_runs():
            for entry in instance.all_logs(run.run_id, of_type=dg.DagsterEventType.STEP_SUCCESS):
                event = entry.dagster_event
                steps[event.step_key] = event.event_specific_data.duration_ms / 1000
    return {"seconds": seconds, "figure_csvs": figures, "steps": steps}


def case_profile(out: str) -> dict:
    """A whole demo run into OUT in this fresh process, imports included, sampled by kind of work."""
    from bench.sampling import profile

    def work() -> None:
        from pipeline.app.run import run_report_year

        run_report_year(2023, None, Path(out), demo=True, log_level="WARNING")

    seconds, split = profile(work)
    manifest = json.loads((Path(out) / "manifest.json").read_text())
    return {"seconds": seconds, "split": split, "steps": len(manifest.get("materialized_assets", []))}


CASES = {"decode": case_decode, "pyjstat": case_pyjstat, "run": case_run, "preflight": case_preflight,
         "demo_snapshot": case_demo_snapshot, "report": case_report, "fetch": case_fetch,
         "demo_snapshot_scaled": case_demo_snapshot_scaled, "run_snapshot": case_run_snapshot,
         "profile": case_profile}


def refused_run_seconds(*args: str) -> tuple[float, str]:
    """Wall time of a whole `reformeval run` process that is refused, and the error it printed."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pipeline.app.cli", "run", *args], cwd=ROOT, capture_output=True,
                          text=True)
    seconds = time.perf_counter() - start
    assert done.returncode == 1, done.stderr[-2000:]
    return seconds, done.stderr.strip().splitlines()[-1][:90]


def child(name: str, arg: str) -> None:
    result = CASES[name](arg)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def run_case(name: str, arg: str = "", scale: int = 1) -> dict:
    env = {**os.environ, "REFORMEVAL_DEMO_SCALE": str(scale)}
    done = subprocess.run([sys.executable, __file__, "--child", name, arg], cwd=ROOT,
                          capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"bench case {name} ({arg}) failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_profile() -> None:
    """Issue #14 items 1 and 3: where a demo run's time goes, sampled in a run of its own (a few per cent slower)."""
    with tempfile.TemporaryDirectory() as tmp:
        print_profile(run_case("profile", str(Path(tmp) / "out")))


def print_profile(prof: dict) -> None:
    print(f"where a demo run's time goes (whole run in a fresh process, imports included, sampled every 5 ms): "
          f"{prof['seconds']:.1f} s, {prof['steps']} assets")
    for name, seconds, share in prof["split"]:
        print(f"  {name:<45} {seconds:6.1f} s  {share:5.1%}")


def cli_seconds(*args: str) -> tuple[float, str]:
    """Wall time of a whole `reformeval` process that succeeds, and the last line it printed."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pipeline.app.cli", *args], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    assert done.returncode == 0, done.stderr[-2000:]
    lines = (done.stdout + done.stderr).strip().splitlines()
    return seconds, (lines[0] if lines else "")[:100]


def print_incremental(out: Path) -> None:
    """Runs on the demo output OUT just made: unchanged (up to date), then one figure with --only."""
    same, message = cli_seconds("run", "--year", "2023", "--demo", "--out", str(out))
    print(f"re-run on unchanged inputs: {same:.2f} s as a whole process ({message}…)")
    one, _ = cli_seconds("run", "--year", "2023", "--demo", "--out", str(out), "--only", "figur_5_16")
    manifest = json.loads((out / "manifest.json").read_text())
    print(f"one-figure re-run (--only figur_5_16; materialised: {', '.join(manifest['only']['materialized'])}; "
          f"OUT copied and swapped): {one:.1f} s as a whole process")


def bench_decode() -> None:
    """Issue #14 item 4: reformeval's decoder and pyjstat's on one >= 1 M-cell document, each in its own process."""
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.json"
        big.write_text(json.dumps(big_document(400, 106, 25)))
        ours = run_case("decode", str(big))
        ref = run_case("pyjstat", str(big))
    for name, r in (("reformeval", ours), ("pyjstat DataFrame writer", ref)):
        per_million = (r["peak_rss_mb"] - r["rss_before_mb"]) / (r["cells"] / 1e6)
        print(f"JSON-stat decode ({name}): {r['cells']:,} cells in {r['seconds']:.2f} s = "
              f"{r['cells'] / r['seconds']:,.0f} cells/s; memory {per_million:.0f} MB per million cells at peak "
              f"(frame {r['frame_mb'] / (r['cells'] / 1e6):.0f} MB per million); peak RSS {r['peak_rss_mb']:.0f} MB")
    assert ours["cells"] == ref["cells"]
    ratio = (ours["cells"] / ours["seconds"]) / (ref["cells"] / ref["seconds"])
    print(f"JSON-stat decode: reformeval / pyjstat = {ratio:.1f}x on the same {ours['bytes'] / 1e6:.1f} MB document; "
          f"json.loads alone takes {ours['json_seconds']:.2f} s of it ({ours['json_seconds'] / ours['seconds']:.0%}; "
          f"orjson {'is installed but not used' if ours['orjson'] else 'is not installed'})")


def bench_fetch() -> None:
    """Issue #14 item 5: calls a full fetch makes against the stub PxWebApi, against SSB's limits."""
    with tempfile.TemporaryDirectory() as tmp:
        f = run_case("fetch", str(Path(tmp) / "snap"))
    print(f"fetch, every declared table ({f['tables']}) for 2023 from the stub PxWebApi (demo-sized): {f['calls']} "
          f"calls in {f['seconds']:.1f} s: {f['config_calls']} /config, {f['klass_calls']} KLASS, "
          f"{f['metadata_calls']} metadata, {f['data_calls']} data (fewest the limits allow: "
          f"{f['fewest_metadata_calls']} metadata + {f['fewest_data_calls']} data); {f['cells']:,} cells, per data "
          f"call median {f['median_cells_per_call']:,.0f} and at most {f['max_cells_per_call']:,} of the "
          f"{f['cap']:,}-cell cap; pacing at {f['max_calls']} calls per {f['window']:.0f} s would add "
          f"{f['pacing_seconds']:.0f} s")


def bench_scale() -> None:
    """Issue #14 item 6: a full offline run on the demo snapshot and on one with ten times the kommuner."""
    with tempfile.TemporaryDirectory() as tmp:
        runs = {}
        for scale in (1, 10):
            snapshot = Path(tmp) / f"demo-x{scale}"
            made = run_case("demo_snapshot_scaled", str(snapshot), scale=scale)
            runs[scale] = {**made, **run_case("run_snapshot", str(snapshot))}  # the run's peak RSS
    one, ten = runs[1], runs[10]
    growth = sorted(((ten["steps"][k] / max(v, 0.01), k) for k, v in one["steps"].items() if k in ten["steps"]),
                    reverse=True)
    slowest = sorted(ten["steps"].items(), key=lambda kv: -kv[1])[:5]
    print("scale, the steps that grew most (10x / 1x, Dagster's step durations): " + ", ".join(
        f"{k} {one['steps'][k]:.2f} -> {ten['steps'][k]:.2f} s (x{g:.1f})" for g, k in growth[:5]))
    print("scale, the slowest steps at 10x: " + ", ".join(f"{k} {v:.1f} s" for k, v in slowest))
    print(f"scale, full offline run from a snapshot folder: 1x demo ({one['bytes'] / 1e6:.1f} MB of input) "
          f"{one['seconds']:.1f} s, peak RSS {one['peak_rss_mb']:.0f} MB; 10x the kommuner (synthetic, "
          f"{ten['snapshot_id']}, {ten['bytes'] / 1e6:.1f} MB) {ten['seconds']:.1f} s, peak RSS "
          f"{ten['peak_rss_mb']:.0f} MB: time x{ten['seconds'] / one['seconds']:.2f}, memory "
          f"x{ten['peak_rss_mb'] / one['peak_rss_mb']:.2f} for x{ten['bytes'] / one['bytes']:.1f} the input")


def main() -> None:
    bench_decode()
    bench_fetch()
    with tempfile.TemporaryDirectory() as tmp:
        snapshot = Path(tmp) / "demo-snapshot"
        run_case("demo_snapshot", str(snapshot))
        pre = run_case("preflight", str(snapshot))
        print(f"checks before Dagster starts (lock, sha256 of {pre['files']} archived files, report year, every "
              f"declared source), demo snapshot: {pre['seconds']:.2f} s in-process; heavy modules imported: "
              f"{pre['heavy_imports'] or 'none'}")
        from pipeline.run_output import output_lock

        out = Path(tmp) / "out"
        with output_lock(out):
            locked, message = refused_run_seconds("--year", "2023", "--snapshot", str(snapshot), "--out", str(out))
        print(f"refused run, --out locked by another run: {locked:.2f} s as a whole process ({message}…)")
        wrong, message = refused_run_seconds("--year", "2024", "--snapshot", str(snapshot), "--out", str(out))
        print(f"refused run, snapshot made for another report year: {wrong:.2f} s as a whole process ({message}…)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        run = run_case("run", str(out))
        print(f"full offline run, report year 2023, demo snapshot: {run['seconds']:.1f} s; "
              f"peak RSS {run['peak_rss_mb']:.0f} MB")
        report = run_case("report", str(out))
        print(f"report document from that output (HTML and PDF), in-process: {report['seconds']:.1f} s; peak RSS "
              f"{report['peak_rss_mb']:.0f} MB without Chromium's processes; PDF: {report['pdf']}")
        whole, html_only = report_seconds(out), report_seconds(out, "--no-pdf")
        print(f"`reformeval report` as a whole process: {whole:.1f} s with the PDF, {html_only:.1f} s HTML only")
        print_incremental(out)
    bench_profile()
    bench_scale()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.path.insert(0, str(ROOT))
        child(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "")
    else:
        main()
