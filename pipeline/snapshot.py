"""The snapshot archive: every source file a run reads, stored byte-for-byte, with a manifest.

Layout (a contract: evaluators and tests build snapshots by hand against it; see README):

    <snapshot>/snapshot.json                 manifest (optional for a hand-built snapshot)
    <snapshot>/ssb/<table>/<part>.json       JSON-stat 2.0 replies, one file per query part
    <snapshot>/bufdir/<dataset>.csv|.xlsx    Bufdir extracts
    <snapshot>/reference/<name>.csv          overrides a built-in reference file of the same name

`snapshot.json`:

    {"format": 1, "snapshot_id": "...", "source": "ssb-pxwebapi-v2" | "demo" | ..., "created": ISO time,
     "synthetic": bool, "report_year": 2023,
     "files": [{"path": "ssb/12362/part-001.json", "kind": "ssb", "table": "12362", "part": "part-001",
                "url": "...", "query": {...}, "sha256": "...", "bytes": 123, "synthetic": bool,
                "fetched": ISO time, "label_resolution": {"<variable>": {"<label>": "<code>"}},
                "eliminated": {"<variable>": "<total value code>" | "sum"}}]}

A snapshot with a manifest is verified: a listed file whose sha256 differs is an error. A hand-built
snapshot without a manifest is read as it is and reported as unverified.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import SnapshotError, SnapshotIntegrityError

MANIFEST = "snapshot.json"
FORMAT_VERSION = 1
_PART_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that a reader sees either the old or the new bytes, never half of them. An OS
    error names the file (a failed write or fsync does not by itself)."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are meant to be read by others
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise


def _check_manifest(path: Path, manifest: object) -> None:
    """The fields a run reads from `snapshot.json`, checked once, each problem named by its field."""
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files", []), list):
        raise SnapshotError(f"{path}: expected an object with a 'files' list")
    for i, entry in enumerate(manifest.get("files", [])):
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            raise SnapshotError(f"{path}: files[{i}] must be an object with a 'path' (a relative path); it is "
                                f"{json.dumps(entry, ensure_ascii=False)[:120]}")
        if entry.get("sha256") is not None and not re.fullmatch(r"[0-9a-f]{64}", str(entry["sha256"])):
            raise SnapshotError(f"{path}: files[{i}] ({entry['path']}): 'sha256' must be 64 hexadecimal digits")
    year = manifest.get("report_year")
    if year is not None and not (isinstance(year, int) and not isinstance(year, bool)):
        raise SnapshotError(f"{path}: 'report_year' must be a year such as 2023 (or absent); it is {year!r}")


@dataclass(frozen=True)
class SnapshotPart:
    table: str
    part: str
    path: Path
    relpath: str


class Snapshot:
    """A snapshot directory opened for reading."""

    def __init__(self, root: Path, manifest: dict[str, Any] | None):
        self.root = root
        self.manifest = manifest
        self._listed = {f["path"]: f for f in (manifest or {}).get("files", [])}

    @classmethod
    def open(cls, root: str | Path) -> Snapshot:
        root = Path(root)
        if not root.is_dir():
            raise SnapshotError(
                f"snapshot directory {root} does not exist (create one with `reformeval fetch` or "
                f"`reformeval demo-snapshot`, or build it by hand in the layout the README documents)"
            )
        manifest_path = root / MANIFEST
        manifest = None
        if manifest_path.exists():
            try:
                manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise SnapshotError(f"{manifest_path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
            _check_manifest(manifest_path, manifest)
        return cls(root, manifest)

    @property
    def has_manifest(self) -> bool:
        return self.manifest is not None

    @property
    def synthetic(self) -> bool:
        return bool((self.manifest or {}).get("synthetic", False))

    @property
    def source(self) -> str:
        return str((self.manifest or {}).get("source", "hand-built (no manifest)"))

    @property
    def snapshot_id(self) -> str:
        if self.manifest and self.manifest.get("snapshot_id"):
            return str(self.manifest["snapshot_id"])
        digest = hashlib.sha256()
        for path in sorted(p for p in self.root.rglob("*") if p.is_file()):
            digest.update(path.relative_to(self.root).as_posix().encode())
            digest.update(sha256_file(path).encode())
        return f"unmanifested-{digest.hexdigest()[:12]}"

    def file_entry(self, relpath: str) -> dict[str, Any] | None:
        return self._listed.get(relpath)

    def is_synthetic(self, relpath: str) -> bool:
        entry = self.file_entry(relpath)
        if entry is not None and "synthetic" in entry:
            return bool(entry["synthetic"])
        return self.synthetic

    def ssb_parts(self, table: str) -> list[SnapshotPart]:
        """The parts of an SSB table: those the manifest lists (each must be there) and any file
        placed beside them by hand (read, and reported as unlisted)."""
        folder = self.root / "ssb" / table
        on_disk = {p.relative_to(self.root).as_posix() for p in folder.glob("*.json")} if folder.is_dir() else set()
        listed = {path for path, entry in self._listed.items()
                  if entry.get("kind", "ssb") == "ssb" and path.startswith(f"ssb/{table}/")}
        gone = sorted(listed - on_disk)
        if gone:
            raise SnapshotIntegrityError(
                f"snapshot {self.root}: {', '.join(gone)} listed in {MANIFEST} but missing (a part of SSB table "
                f"{table} was removed after it was archived)"
            )
        relpaths = sorted(listed | on_disk)
        if not relpaths:
            have = sorted(p.name for p in (self.root / "ssb").iterdir()) if (self.root / "ssb").is_dir() else []
            raise SnapshotError(
                f"snapshot {self.root}: no files for SSB table {table} (expected "
                f"ssb/{table}/<part>.json); the snapshot has SSB tables {have or 'none'}"
            )
        return [SnapshotPart(table, Path(r).stem, self.root / r, r) for r in relpaths]

    def optional_file(self, kind: str, name: str, suffixes: tuple[str, ...]) -> Path | None:
        """The one file of a dataset (`<kind>/<name><suffix>`), or None (see `dataset_file`)."""
        return dataset_file(self.root / kind, name, suffixes, where=f"snapshot {self.root}", base=self.root)

    @property
    def report_year(self) -> int | None:
        """The report year the snapshot was made for (its manifest's `report_year`), if it says."""
        return (self.manifest or {}).get("report_year")

    def verify(self) -> None:
        """Every file the manifest lists is there with the bytes it was archived with: all checked at
        once, and every difference named in one error."""
        problems = []
        for relpath, entry in sorted(self._listed.items()):
            path = self.root / relpath
            if not path.is_file():
                problems.append(f"{relpath} is listed in {MANIFEST} but missing")
                continue
            expected = entry.get("sha256")
            if expected:
                actual = sha256_file(path)
                if actual != expected:
                    problems.append(f"{relpath} has sha256 {actual[:16]}…; the manifest records {expected[:16]}…")
        if problems:
            raise SnapshotIntegrityError(
                f"snapshot {self.root}: {len(problems)} file(s) differ from what was archived (changed or removed "
                f"after the snapshot was made):\n  " + "\n  ".join(problems)
            )

    def read_bytes(self, relpath: str) -> bytes:
        """The bytes of a file, verified against the manifest's sha256 where it lists the file."""
        path = self.root / relpath
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise SnapshotError(f"snapshot {self.root}: file {relpath} is listed but missing") from None
        entry = self.file_entry(relpath)
        if entry is not None and entry.get("sha256"):
            actual = sha256_bytes(data)
            if actual != entry["sha256"]:
                raise SnapshotIntegrityError(
                    f"snapshot {self.root}: {relpath} has sha256 {actual[:16]}…; the manifest "
                    f"records {entry['sha256'][:16]}… (the file was changed after it was archived)"
                )
        return data

    def unlisted_files(self) -> list[str]:
        if self.manifest is None:
            return []
        present = {
            p.relative_to(self.root).as_posix()
            for p in self.root.rglob("*")
            if p.is_file() and p.name != MANIFEST
        }
        return sorted(present - set(self._listed))


def dataset_file(folder: Path, name: str, suffixes: tuple[str, ...], where: str,
                 base: Path | None = None) -> Path | None:
    """The one file of dataset `name` in a folder, or None. Two files for one dataset (a .csv beside an
    .xlsx) are refused naming both: which one is meant is not a guess to make."""
    found = [folder / f"{name}{suffix}" for suffix in suffixes if (folder / f"{name}{suffix}").is_file()]
    if len(found) > 1:
        shown = ", ".join(p.relative_to(base or folder).as_posix() for p in found)
        raise SnapshotError(f"{where}: dataset {name!r} has {len(found)} files ({shown}); a dataset is read from "
                            f"exactly one file: remove the one that is not meant")
    return found[0] if found else None


class SnapshotWriter:
    """Builds a new snapshot in a temporary sibling directory and moves it into place when done.

    A fetch killed half-way leaves no half snapshot under the target name, and an existing snapshot
    is never overwritten: snapshots are archives.
    """

    def __init__(self, target: str | Path, source: str, synthetic: bool, report_year: int | None,
                 snapshot_id: str | None = None):
        self.target = Path(target)
        if self.target.exists() and any(self.target.iterdir()):
            raise SnapshotError(
                f"snapshot directory {self.target} already exists and is not empty; snapshots are "
                f"archives and are never overwritten: choose a new directory"
            )
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.workdir = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.partial-", dir=self.target.parent))
        self.workdir.chmod(0o755)
        created = utc_now()
        self.manifest: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "snapshot_id": snapshot_id or f"{source}-{created.replace(':', '').replace('-', '')}",
            "source": source,
            "created": created,
            "synthetic": synthetic,
            "report_year": report_year,
            "files": [],
        }

    def add(self, relpath: str, data: bytes, **meta: Any) -> dict[str, Any]:
        parts = relpath.split("/")
        if len(parts) < 2 or not all(_PART_NAME.match(p) for p in parts):
            raise SnapshotError(f"invalid snapshot path {relpath!r}")
        write_atomic(self.workdir / relpath, data)
        entry = {
            "path": relpath,
            "sha256": sha256_bytes(data),
            "bytes": len(data),
            "synthetic": self.manifest["synthetic"],
            **meta,
        }
        self.manifest["files"].append(entry)
        return entry

    def add_ssb_part(self, table: str, part: str, data: bytes, **meta: Any) -> dict[str, Any]:
        return self.add(f"ssb/{table}/{part}.json", data, kind="ssb", table=table, part=part, **meta)

    def commit(self) -> Snapshot:
        write_atomic(
            self.workdir / MANIFEST,
            json.dumps(self.manifest, indent=1, ensure_ascii=False).encode("utf-8"),
        )
        if self.target.exists():
            self.target.rmdir()  # empty, checked in __init__
        os.replace(self.workdir, self.target)
        return Snapshot.open(self.target)

    def abort(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> SnapshotWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()
