"""The folder a run owns, and the only files it ever deletes.

A run replaces its output folder OUT as a whole: it builds into `.OUT.building-<random>` beside it and
swaps that in only when every asset and blocking check passed. So the tool must never be pointed at a
folder that holds anything else: OUT may be missing, empty, or an earlier reformeval output (its
`manifest.json` says `"tool": "reformeval"`); never the snapshot it reads, a folder that contains the
snapshot, the working folder, the home folder or the checkout of reformeval itself.

Beside OUT, a run owns:
    .OUT.lock               the lock that keeps two runs off one OUT (kept; holds the pid of the run)
    .OUT.building-<random>  the run in progress (a killed run leaves it: the next run removes it)
    .OUT.old-<random>       the previous OUT during the swap (put back when the swap is undone, or by the
                            next run if a kill came between the two renames)
    .OUT.trash-<random>     a folder of the tool's being deleted (removed by the next run if cut short)
    OUT.failed              the last failed attempt, for inspection (replaced only by a failed attempt
                            that built something, and only when it is itself a reformeval output)
"""

from __future__ import annotations

import errno
import fcntl
import glob
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pipeline.errors import OutputFolderError, OutputLockedError
from pipeline.snapshot import utc_now, write_atomic

log = logging.getLogger("reformeval")

TOOL = "reformeval"
MANIFEST = "manifest.json"
OUTPUT_FORMAT = 1


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The run manifest of a folder, or None when it has none (or one that is not a JSON object)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return manifest if isinstance(manifest, dict) else None


def is_reformeval_output(folder: Path) -> bool:
    """Whether a folder was written by reformeval: its manifest says so. Outputs written before the
    manifest carried `tool` are recognised by what only a run manifest has (package versions with
    reformeval's own, and the list of materialised assets)."""
    manifest = read_manifest(folder)
    if manifest is None:
        return False
    if manifest.get("tool") == TOOL:
        return True
    return "reformeval" in (manifest.get("packages") or {}) and "materialized_assets" in manifest


def building_manifest(report_year: int) -> bytes:
    """The first file of every build folder: it marks the folder as reformeval's from the start, so a
    failed or killed attempt is recognised as the tool's own and can be cleaned up safely."""
    return json.dumps({"tool": TOOL, "format": OUTPUT_FORMAT, "state": "building", "report_year": report_year,
                       "pid": os.getpid(), "started": utc_now()}, indent=1).encode("utf-8")


def check_output_target(out: Path, protected: Mapping[str, Path | None]) -> None:
    """Refuse an OUT that a run could not replace without destroying something that is not its own.

    `protected` names the folders that must survive the run, e.g. {"the snapshot": …, "the working
    folder": …}: OUT may be none of them and contain none of them. OUT is the folder as given: the
    rules are applied to where it really is (symbolic links resolved), which is what a run replaces."""
    if out.is_symlink():
        raise OutputFolderError(f"--out {out} is a symbolic link: give the folder it points to, or a new folder")
    out = out.resolve()
    for what, folder in protected.items():
        if folder is None:
            continue
        folder = folder.resolve()
        if out == folder:
            raise OutputFolderError(
                f"--out {out} is {what}: a run replaces its output folder as a whole; choose a folder of its own"
            )
        if folder.is_relative_to(out):
            raise OutputFolderError(
                f"--out {out} contains {what} ({folder}): a run replaces its output folder as a whole and would "
                f"delete it; choose a folder of its own"
            )
        if what == "the snapshot" and out.is_relative_to(folder):
            raise OutputFolderError(
                f"--out {out} is inside the snapshot {folder}: snapshots are archives and are never written to; "
                f"choose a folder outside it"
            )
    if out.exists() and not out.is_dir():
        raise OutputFolderError(f"--out {out} exists and is not a folder: choose a folder")
    if not out.exists():
        return
    entries = sorted(p.name for p in out.iterdir())
    if entries and not is_reformeval_output(out):
        shown = ", ".join(entries[:5]) + (f", … ({len(entries) - 5} more)" if len(entries) > 5 else "")
        raise OutputFolderError(
            f"--out {out} holds {len(entries)} file(s) or folder(s) ({shown}) and no {MANIFEST} of an earlier "
            f"reformeval run: a run replaces its output folder as a whole, so it only writes to a missing or "
            f"empty folder or to an earlier output; choose a new folder"
        )


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """An exclusive lock beside OUT (not inside it: OUT itself is replaced at the end)."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        lock_path = out.parent / f".{out.name}.lock"
        handle = lock_path.open("a+")
    except OSError as exc:
        raise OutputFolderError(
            f"cannot write beside --out {out}: {exc.strerror or exc} ({exc.filename or out.parent}); "
            f"a run needs to create files in {out.parent}"
        ) from None
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


def clean_stale_builds(out: Path) -> list[str]:
    """Under the lock, what dead runs left beside OUT: build folders are removed, a previous output
    caught between the two renames of a swap is put back. Returns what was done, for the log."""
    done: list[str] = []
    name = glob.escape(out.name)  # `--out r[ab]` must not match another run's `.ra.building-…`
    for trash in out.parent.glob(f".{name}.trash-*"):  # renamed to be deleted: the tool's own by its name
        shutil.rmtree(trash, ignore_errors=True)
    olds = sorted(out.parent.glob(f".{name}.old-*"), key=lambda p: p.stat().st_mtime)
    if olds and not out.exists() and is_reformeval_output(olds[-1]):
        os.replace(olds[-1], out)
        done.append(f"restored {out} from {olds[-1].name} (a run was stopped in the middle of replacing it)")
        olds = olds[:-1]
    for stale in [*olds, *sorted(out.parent.glob(f".{name}.building-*"))]:
        if not stale.is_dir():
            continue
        if is_reformeval_output(stale) or not any(stale.iterdir()):
            remove_tree(stale, out)
            done.append(f"removed {stale.name}, left by a run that did not finish")
        else:
            done.append(f"left {stale} alone: it looks like a build folder but has no reformeval {MANIFEST}")
    return done


def remove_tree(folder: Path, out: Path) -> None:
    """Delete a folder of the tool's own: renamed to `.<out>.trash-…` first, so that a delete cut short
    (a kill half-way) leaves a name the next run removes, not a half folder without its manifest."""
    try:
        trash = Path(tempfile.mkdtemp(prefix=f".{out.name}.trash-", dir=out.parent))
    except OSError:  # a full disk has no room for the name: delete in place
        shutil.rmtree(folder, ignore_errors=True)
        return
    os.replace(folder, trash / folder.name)
    shutil.rmtree(trash, ignore_errors=True)


@contextmanager
def swapped_in(new: Path, target: Path) -> Iterator[None]:
    """Move `new` to `target`, the old `target` out of the way first (to `.<name>.old-<random>`). The old
    output is deleted only when the block after the swap ends without an error; otherwise (a failed
    rename, a signal during the swap) the old output is put back and `new` returned to its place. Only
    a kill between the renames can leave `target` missing: the next run puts the old output back."""
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    old.rmdir()  # a free name beside target, for the rename
    had_old = target.exists()
    if had_old:
        os.replace(target, old)
    try:
        os.replace(new, target)
    except BaseException:
        if had_old:
            os.replace(old, target)
        raise
    try:
        yield
    except BaseException:
        os.replace(target, new)
        if had_old:
            os.replace(old, target)
        raise
    if had_old:
        remove_tree(old, target)


def _built_something(building: Path) -> bool:
    return any(p.name != MANIFEST for p in building.iterdir())


def keep_failed_attempt(building: Path, out: Path, disk_full: bool = False) -> None:
    """Keep a failed attempt as `<out>.failed` for inspection, never masking the error that stopped it.

    An attempt that built nothing is removed rather than replacing a useful earlier one; on a full disk it
    is removed too (keeping it would keep the disk full); a `<out>.failed` that is not a reformeval
    output is never deleted (the attempt is then kept under a name of its own)."""
    if not building.exists():
        return
    try:
        if disk_full or not _built_something(building):
            remove_tree(building, out)
            why = "the disk is full" if disk_full else "it had built nothing"
            log.error("the failed attempt was removed (%s); %s is unchanged", why, out)
            return
        failed = out.parent / f"{out.name}.failed"
        if failed.exists() and not is_reformeval_output(failed):
            failed = out.parent / f"{out.name}.failed-{time.strftime('%Y%m%dT%H%M%S')}"
            log.warning("%s.failed is not a reformeval output and is left alone", out.name)
        if failed.exists():
            remove_tree(failed, out)
        os.replace(building, failed)
        log.error("the failed attempt is kept in %s; %s is unchanged", failed, out)
    except OSError as exc:
        log.error("could not keep the failed attempt (%s); it stays in %s", exc, building)


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    write_atomic(folder / MANIFEST, json.dumps({"tool": TOOL, "format": OUTPUT_FORMAT, **manifest}, indent=1,
                                               ensure_ascii=False).encode("utf-8"))
