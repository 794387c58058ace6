"""Benchmarks (not tests): prints speed and peak memory; run with `make bench`.

1. JSON-stat decoding of a generated 07459-shaped document with >= 1 M cells (our parser; pyjstat's
   own row-by-row DataFrame writer on a 100 k-cell slice for comparison).
2. A full offline run of one report year on the demo snapshot; where its time goes (sampled, by kind of
   work), a re-run on unchanged inputs and a one-figure re-run (`--only`) on its output.
3. What a run checks before Dagster starts (lock, every archived file's sha256, the report year, a file
   for every declared source) on the demo snapshot, in-process; and the whole-process time of a refused
   run (`--out` locked by another run; a snapshot made for another year).
Each case runs in a fresh subprocess so that its peak RSS is its own.
"""

from __future__ import annotations

import json
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


def case_decode(path: str) -> dict:
    from assets.sources import SSB_TABLES
    from pipeline.ssb.jsonstat import parse_dataset

    data = Path(path).read_bytes()
    start = time.perf_counter()
    parsed = parse_dataset(data, path, SSB_TABLES["07459"])
    seconds = time.perf_counter() - start
    return {"cells": parsed.cells, "seconds": seconds, "bytes": len(data)}


def case_pyjstat(path: str) -> dict:
    import pyjstat.pyjstat as pyjstat

    text = Path(path).read_text()
    start = time.perf_counter()
    frame = pyjstat.Dataset.read(text).write("dataframe", naming="id")
    return {"cells": len(frame), "seconds": time.perf_counter() - start}


def case_run(_: str) -> dict:
    from pipeline.app.run import run_report_year

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        run_report_year(2023, None, Path(tmp) / "out", demo=True, log_level="WARNING")
        return {"seconds": time.perf_counter() - start}


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
         "demo_snapshot": case_demo_snapshot, "profile": case_profile}


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


def run_case(name: str, arg: str = "") -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", name, arg], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


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


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.json"
        big.write_text(json.dumps(big_document(400, 106, 25)))
        small = Path(tmp) / "small.json"
        small.write_text(json.dumps(big_document(40, 106, 25)))
        decode = run_case("decode", str(big))
        print(f"JSON-stat decode (reformeval): {decode['cells']:,} cells, {decode['bytes'] / 1e6:.1f} MB in "
              f"{decode['seconds']:.2f} s = {decode['cells'] / decode['seconds']:,.0f} cells/s; "
              f"peak RSS {decode['peak_rss_mb']:.0f} MB")
        ref = run_case("pyjstat", str(small))
        print(f"JSON-stat decode (pyjstat DataFrame writer, for comparison): {ref['cells']:,} cells in "
              f"{ref['seconds']:.2f} s = {ref['cells'] / ref['seconds']:,.0f} cells/s; "
              f"peak RSS {ref['peak_rss_mb']:.0f} MB")
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
        print_profile(run_case("profile", str(out)))
        print_incremental(out)
    run = run_case("run")
    print(f"full offline run, report year 2023, demo snapshot: {run['seconds']:.1f} s; "
          f"peak RSS {run['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.path.insert(0, str(ROOT))
        child(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "")
    else:
        main()
