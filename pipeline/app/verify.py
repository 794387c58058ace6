"""`reformeval verify OUT`: is OUT what its archived snapshot gives today?

The report year is run again from the snapshot OUT's manifest names (after checking that every file of
that snapshot still has the sha256 the manifest recorded) into a temporary folder outside OUT, which is
removed afterwards; then every file of the two outputs is compared, and every table of the two
warehouses by its columns and rows (not the DuckDB file's bytes, which carry its own block layout).

What two runs of the same snapshot cannot share is left out by design, and listed in the output
(`EXCLUDED_BY_DESIGN`): when the run was made, how long it took, when Great Expectations loaded each
batch. Figures are compared byte for byte: they are drawn deterministically (pipeline.figures: SVG
ids from a fixed `svg.hashsalt`, no date in SVG metadata, no time in PNG metadata).
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import ReformevalError
from pipeline.run_output import MANIFEST, is_reformeval_output, output_lock, read_manifest
from pipeline.snapshot import sha256_file

WAREHOUSE = "warehouse.duckdb"
# Folders of an output that are not made from the snapshot by `reformeval run`.
NOT_FROM_THE_RUN = ("endringer",)
LOGS = ("run.log",)  # what the run said while it ran, each line with its time
# Manifest fields that say when and where, not what.
MANIFEST_EXCLUDED = ("created", "duration_seconds")
SNAPSHOT_EXCLUDED = ("path", "in_output")
# How the snapshot was given: the original run may have written it (--demo); the re-run reads it (--snapshot).
INPUTS_EXCLUDED = ("demo",)
MANIFEST_NOTED = ("packages", "python")  # shown when they differ: they explain a difference, they are not one
RUN_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z")
TEXT_WITH_RUN_TIMES = (".md", ".html", ".json", ".txt")
PDF_VOLATILE = re.compile(rb"/(?:CreationDate|ModDate)\s*\(D:[^)]*\)|/ID\s*\[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\]")
# The byte offsets of a PDF's cross-reference table follow the lengths of the objects before them.
PDF_OFFSETS = re.compile(rb"\nxref\n.*?\ntrailer|startxref\s*\d+", re.S)
# A tagged PDF's structure elements carry Chromium's DOM node numbers, which follow the order the page's
# images happened to load in (like matplotlib's SVG ids before a fixed hash salt).
PDF_NODE_IDS = re.compile(rb"\(node\d+\)")  # an element's /ID, and a table cell's /Headers naming one

EXCLUDED_BY_DESIGN = (
    "manifest.json: created and duration_seconds (when the run was made, how long it took), snapshot.path "
    "(where the snapshot was read from), inputs.demo (whether the run wrote the demo snapshot or read it); "
    "packages and python are shown where they differ, not compared",
    "validation/*.json: batch_markers.ge_load_time (when Great Expectations loaded each table)",
    "report/ (.md, .html, .json): run times written as YYYY-MM-DDTHH:MM:SSZ (\"Kjørt:\", \"Laget:\")",
    "PDF files: /CreationDate, /ModDate and the document /ID; the folder written into each file:// link "
    "(Chromium writes the absolute folder it printed in, OUT or the re-run's folder) and the cross-reference byte "
    "offsets that follow from its length; the structure tree's node ids (/ID (node…): Chromium's DOM node "
    "numbers, in the order the page's images loaded)",
    "warehouse.duckdb: compared table by table (columns, then rows), not as a file",
    "the snapshot folder inside OUT (demo-snapshot/): the input, checked against the manifest's sha256 first",
    "endringer/: written by `reformeval diff` against another output, not made from the snapshot",
    "run.log: the run's log, with the time of every line",
)


class VerifyError(ReformevalError):
    """OUT cannot be verified: not an output, no snapshot to re-run from, a snapshot that changed."""


@dataclass
class Comparison:
    """What differs between OUT and the re-run, each with why; and how much was found identical."""

    differences: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files_identical: int = 0
    tables_identical: int = 0

    @property
    def identical(self) -> bool:
        return not self.differences


# --- the snapshot OUT was made from ------------------------------------------------------------------

def snapshot_of(out: Path) -> tuple[dict[str, Any], Path]:
    """OUT's manifest and the snapshot folder it was made from, checked file by file against the sha256
    the manifest recorded (every file changed, removed or added is named)."""
    if not out.is_dir():
        raise VerifyError(f"{out} is not a folder: expected the output folder of a `reformeval run`")
    manifest = read_manifest(out)
    if manifest is None or not is_reformeval_output(out):
        raise VerifyError(f"{out} has no {MANIFEST} of a reformeval run: expected the output folder of a "
                          f"`reformeval run` (its {MANIFEST} says \"tool\": \"reformeval\")")
    if manifest.get("state") == "building" or not manifest.get("success", False):
        raise VerifyError(f"{out / MANIFEST} is not the manifest of a finished, successful run (state "
                          f"{manifest.get('state', 'finished')!r}, success {manifest.get('success')!r}): only a "
                          f"finished output can be verified")
    recorded = manifest.get("snapshot") or {}
    if not isinstance(recorded.get("files"), list) or not (recorded.get("path") or recorded.get("in_output")):
        raise VerifyError(f"{out / MANIFEST}: expected snapshot.path and snapshot.files (path and sha256 of "
                          f"every file the run read); it has {sorted(recorded)}")
    root = out / recorded["in_output"] if recorded.get("in_output") else Path(recorded["path"])
    if not root.is_dir():
        raise VerifyError(f"the snapshot {root} that {out / MANIFEST} names (snapshot.path) is not there: "
                          f"the run cannot be repeated without it")
    problems = []
    listed = {}
    for entry in recorded["files"]:
        if not isinstance(entry, dict) or not entry.get("path") or not entry.get("sha256"):
            raise VerifyError(f"{out / MANIFEST}: snapshot.files has an entry without path and sha256: {entry!r}")
        listed[entry["path"]] = entry["sha256"]
    for relpath, expected in sorted(listed.items()):
        path = root / relpath
        if not path.is_file():
            problems.append(f"{relpath} is missing")
        elif (actual := sha256_file(path)) != expected:
            problems.append(f"{relpath} has sha256 {actual[:16]}…; {MANIFEST} records {expected[:16]}…")
    added = sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                   if p.is_file() and p.relative_to(root).as_posix() not in listed)
    problems += [f"{relpath} was added after the run" for relpath in added]
    if problems:
        raise VerifyError(
            f"the snapshot {root} is no longer what {out} was made from ({len(problems)} file(s) differ from "
            f"snapshot.files in {out / MANIFEST}); nothing was re-run:\n  " + "\n  ".join(problems))
    return manifest, root


# --- comparing two outputs ----------------------------------------------------------------------------

def _output_files(out: Path, skip: set[str]) -> dict[str, Path]:
    """The files of an output by relative path, but the manifest, the warehouse and the folders `skip`."""
    files = {}
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(out).as_posix()
        if rel in (MANIFEST, WAREHOUSE, f"{WAREHOUSE}.wal", *LOGS) or any(rel.startswith(f"{s}/") for s in skip):
            continue
        files[rel] = path
    return files


def _drop_load_times(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _drop_load_times(v) for k, v in node.items() if k != "ge_load_time"}
    if isinstance(node, list):
        return [_drop_load_times(v) for v in node]
    return node


def _pdf_links(tops: set[str]) -> re.Pattern[bytes]:
    """A file:// link into an output, up to the output's folder: `file:///tmp/.out.building-x1/report/…`."""
    names = b"|".join(re.escape(t.encode()) for t in sorted(tops)) or b"(?!)"
    return re.compile(rb"file://[^()\s]*?/(?=(?:" + names + rb")(?:/|\)))")


def _comparable(rel: str, data: bytes, tops: set[str] = frozenset()) -> bytes:
    """The bytes of a file with what is excluded by design taken out; `tops`: the names at the top of the
    output (a PDF's links into the output are compared from there on)."""
    suffix = Path(rel).suffix
    if rel.startswith("validation/") and suffix == ".json":
        try:
            return json.dumps(_drop_load_times(json.loads(data)), sort_keys=True).encode()
        except (ValueError, UnicodeDecodeError):
            return data
    if suffix == ".pdf":
        data = _pdf_links(set(tops)).sub(b"file://<OUT>/", PDF_VOLATILE.sub(b"", data))
        return PDF_NODE_IDS.sub(b"(node)", PDF_OFFSETS.sub(b"", data))
    if rel.startswith("report/") and suffix in TEXT_WITH_RUN_TIMES:
        try:
            return RUN_TIME.sub("<tid>", data.decode("utf-8")).encode("utf-8")
        except UnicodeDecodeError:
            return data
    return data


def _first_difference(a: bytes, b: bytes, suffix: str) -> str:
    """Why two files differ, as far as a line or the pixels say."""
    if suffix == ".png":
        try:
            import io

            import matplotlib.image as mpimg
            import numpy as np

            pa, pb = mpimg.imread(io.BytesIO(a)), mpimg.imread(io.BytesIO(b))
            if pa.shape != pb.shape:
                return f"image size {pa.shape[1]}×{pa.shape[0]} px, re-run {pb.shape[1]}×{pb.shape[0]} px"
            if np.array_equal(pa, pb):
                return "same pixels, different PNG bytes (metadata or compression)"
            changed = int(np.any(pa != pb, axis=-1).sum()) if pa.ndim == 3 else int((pa != pb).sum())
            return f"{changed} of {pa.shape[0] * pa.shape[1]} pixels differ"
        except Exception as exc:  # an unreadable PNG is itself the answer
            return f"PNG bytes differ ({len(a)} vs {len(b)} bytes; not readable as images: {exc})"
    if suffix == ".json":
        try:
            where = _json_difference(json.loads(a), json.loads(b), "")
            if where:
                return where
        except (ValueError, UnicodeDecodeError):
            pass
    try:
        la, lb = a.decode("utf-8").splitlines(), b.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return f"bytes differ ({len(a)} vs {len(b)} bytes)"
    for i, (x, y) in enumerate(zip(la, lb, strict=False), start=1):
        if x != y:
            return f"line {i}: {_short(x)!r} → re-run {_short(y)!r}"
    return f"{len(la)} lines, re-run {len(lb)} lines"


def _json_difference(a: Any, b: Any, path: str) -> str | None:
    """The first place two JSON documents differ, as a path: `results[3].result.observed_value: 5 → 6`."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            if key not in a or key not in b:
                return f"{path}.{key}".lstrip(".") + (" only in OUT" if key in a else " only in the re-run")
            found = _json_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            found = _json_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None if len(a) == len(b) else f"{path.lstrip('.')}: {len(a)} entries, re-run {len(b)}"
    if a != b:
        return f"{path.lstrip('.')}: {_short(json.dumps(a, ensure_ascii=False), 60)} → re-run " \
               f"{_short(json.dumps(b, ensure_ascii=False), 60)}"
    return None


def _short(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def compare_files(out: Path, rerun: Path, skip: set[str], result: Comparison) -> None:
    skip = {*skip, *NOT_FROM_THE_RUN}
    ours, theirs = _output_files(out, skip), _output_files(rerun, skip)
    tops = {p.name for folder in (out, rerun) for p in folder.iterdir()}
    for rel in sorted(ours.keys() | theirs.keys()):
        if rel not in theirs:
            result.differences.append(f"{rel}: only in {out} (the re-run did not write it)")
        elif rel not in ours:
            result.differences.append(f"{rel}: only in the re-run (missing from {out})")
        else:
            a, b = _comparable(rel, ours[rel].read_bytes(), tops), _comparable(rel, theirs[rel].read_bytes(), tops)
            if a == b:
                result.files_identical += 1
            else:
                result.differences.append(f"{rel}: {_first_difference(a, b, Path(rel).suffix)}")


def compare_manifests(out: Path, rerun: Path, result: Comparison) -> None:
    a, b = read_manifest(out) or {}, read_manifest(rerun) or {}
    for key in sorted((a.keys() | b.keys()) - set(MANIFEST_EXCLUDED)):
        x, y = a.get(key), b.get(key)
        if key == "snapshot":
            x = {k: v for k, v in (x or {}).items() if k not in SNAPSHOT_EXCLUDED}
            y = {k: v for k, v in (y or {}).items() if k not in SNAPSHOT_EXCLUDED}
        if key == "inputs":
            x = {k: v for k, v in (x or {}).items() if k not in INPUTS_EXCLUDED}
            y = {k: v for k, v in (y or {}).items() if k not in INPUTS_EXCLUDED}
        if x == y:
            continue
        if key in MANIFEST_NOTED:
            result.notes.append(f"{MANIFEST} {key}: {json.dumps(x)} in OUT, {json.dumps(y)} now")
            continue
        if isinstance(x, dict) and isinstance(y, dict):
            fields = sorted(k for k in x.keys() | y.keys() if x.get(k) != y.get(k))
            why = "fields " + ", ".join(fields)
        elif isinstance(x, list) and isinstance(y, list):
            gone = [e for e in x if e not in y][:3]
            new = [e for e in y if e not in x][:3]
            why = f"{len(x)} entries, re-run {len(y)}; e.g. only in OUT {gone}, only in the re-run {new}"
        else:
            why = f"{json.dumps(x)[:80]} → re-run {json.dumps(y)[:80]}"
        result.differences.append(f"{MANIFEST} {key}: {why}")


def _tables(con: Any, database: str) -> dict[str, list[tuple[str, str]]]:
    rows = con.execute(
        "select schema_name, table_name, column_name, data_type from duckdb_columns() "
        "where database_name = ? order by schema_name, table_name, column_index", [database]).fetchall()
    tables: dict[str, list[tuple[str, str]]] = {}
    for schema, table, column, dtype in rows:
        tables.setdefault(f"{schema}.{table}", []).append((column, dtype))
    return tables


def attach_warehouses(old: Path, new: Path) -> Any:
    """One in-memory DuckDB connection with both warehouses attached read-only as `old` and `new`."""
    import duckdb

    con = duckdb.connect()
    for name, folder in (("old", old), ("new", new)):
        path = folder / WAREHOUSE
        if not path.is_file():
            raise VerifyError(f"{folder} has no {WAREHOUSE}: expected the warehouse of a `reformeval run`")
        try:
            con.execute(f"attach '{path.as_posix().replace(chr(39), chr(39) * 2)}' as {name} (read_only)")
        except duckdb.Error as exc:
            raise VerifyError(f"{path}: cannot be opened as a DuckDB warehouse ({exc})") from None
    return con


def compare_warehouses(out: Path, rerun: Path, result: Comparison) -> None:
    con = attach_warehouses(out, rerun)
    try:
        ours, theirs = _tables(con, "old"), _tables(con, "new")
        for table in sorted(ours.keys() | theirs.keys()):
            if table not in theirs:
                result.differences.append(f"table {table}: only in {out / WAREHOUSE}")
                continue
            if table not in ours:
                result.differences.append(f"table {table}: only in the re-run's warehouse")
                continue
            if ours[table] != theirs[table]:
                gone = [f"{c} {t}" for c, t in ours[table] if (c, t) not in theirs[table]]
                new = [f"{c} {t}" for c, t in theirs[table] if (c, t) not in ours[table]]
                result.differences.append(f"table {table}: columns differ (only in OUT: {gone or 'none'}; only "
                                          f"in the re-run: {new or 'none'}; or their order)")
                continue
            only_ours = con.execute(f"select count(*) from (select * from old.{table} except all "
                                    f"select * from new.{table})").fetchone()[0]
            only_theirs = con.execute(f"select count(*) from (select * from new.{table} except all "
                                      f"select * from old.{table})").fetchone()[0]
            if only_ours or only_theirs:
                example = con.execute(f"select * from old.{table} except all select * from new.{table} "
                                      f"limit 1").fetchone()
                shown = "" if example is None else f"; e.g. {_short(repr(example), 160)} only in OUT"
                result.differences.append(f"table {table}: {only_ours} row(s) only in OUT, {only_theirs} only in "
                                          f"the re-run{shown}")
            else:
                result.tables_identical += 1
    finally:
        con.close()


def compare_outputs(out: Path, rerun: Path, skip: set[str] = frozenset()) -> Comparison:
    """Every file (but those excluded by design and the folders `skip`, e.g. the snapshot inside OUT), the
    manifest and every warehouse table of two outputs."""
    result = Comparison()
    compare_files(out, rerun, set(skip), result)
    compare_manifests(out, rerun, result)
    compare_warehouses(out, rerun, result)
    return result


# --- the command --------------------------------------------------------------------------------------

def verify_output(out: Path, workdir: Path | None = None) -> Comparison:
    """Re-run OUT's report year from its archived snapshot into a temporary folder (under `workdir`, else
    the system's temporary folder; never inside OUT, removed afterwards) and compare the two."""

    out = out.resolve()
    snapshot_of(out)  # refuses what is no output before a lock file is made beside it
    with output_lock(out):  # a run, report or diff on OUT must not change it while it is compared
        return _verify_output(out, workdir)


def _verify_output(out: Path, workdir: Path | None) -> Comparison:
    from pipeline.app.run import run_report_year

    manifest, snapshot = snapshot_of(out)
    year = manifest.get("report_year")
    if not isinstance(year, int):
        raise VerifyError(f"{out / MANIFEST}: report_year must be a year such as 2023; it is {year!r}")
    parent = (workdir or Path(tempfile.gettempdir())).resolve()
    if parent.is_relative_to(out):
        raise VerifyError(f"the re-run's folder {parent} is inside {out}: verify never writes into the output "
                          f"it checks; choose a folder outside it")
    scratch = Path(tempfile.mkdtemp(prefix="reformeval-verify-", dir=parent))
    try:
        rerun = run_report_year(year, snapshot, scratch / "out",
                                allow_partial=(manifest.get("inputs") or {}).get(
                                    "allow_partial", bool(manifest.get("left_out_sources"))))
        inside = snapshot.resolve()
        skip = {inside.relative_to(out).as_posix()} if inside.is_relative_to(out) else set()
        return compare_outputs(out, rerun, skip)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def report(out: Path, result: Comparison) -> str:
    lines = []
    if result.identical:
        lines.append(f"identical: {out} is what its snapshot gives today ({result.files_identical} files, "
                     f"{result.tables_identical} warehouse tables compared)")
    else:
        lines.append(f"differs: {len(result.differences)} difference(s) between {out} and a re-run of its "
                     f"snapshot ({result.files_identical} files and {result.tables_identical} tables identical):")
        lines += [f"  - {d}" for d in result.differences]
    if result.notes:
        lines.append("noted (not compared):")
        lines += [f"  - {n}" for n in result.notes]
    lines.append("excluded by design:")
    lines += [f"  - {e}" for e in EXCLUDED_BY_DESIGN]
    return "\n".join(lines)

