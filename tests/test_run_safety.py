"""A run never touches what is not its own, refuses bad input before Dagster starts, and stops cleanly.

The refusals here are checked in a subprocess where it matters that nothing heavy was imported before
them: a second run on a locked OUT, or a snapshot made for another year, must answer at once.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.app.cli import main
from pipeline.errors import OutputFolderError, RunInterrupted, SnapshotError, SnapshotIntegrityError
from pipeline.run_output import building_manifest, keep_failed_attempt, output_lock
from tests.handbuilt import demo_snapshot_to_edit
from tests.test_run import national_only_snapshot, run_cli

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def user_folder(root: Path) -> Path:
    """A folder of the user's own: notes and a subfolder, none of it reformeval's."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "notes.txt").write_text("my notes", encoding="utf-8")
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "table.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return root


def demo_snapshot(root: Path) -> Path:
    """The synthetic demo snapshot with its manifest (made for report year 2023)."""
    from assets import write_demo

    return write_demo(root, 2023).root


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- --out may only be the tool's own ---------------------------------------------------------------

def test_out_holding_the_users_files_is_refused_and_nothing_is_touched(tmp_path):
    out = user_folder(tmp_path / "u")
    before = tree(out)
    result = run_cli("run", "--year", "2023", "--snapshot", str(national_only_snapshot(tmp_path / "snap")),
                     "--out", str(out), "--allow-partial")
    assert result.returncode == 1
    assert f"--out {out} holds 2 file(s) or folder(s) (data, notes.txt)" in result.stderr
    assert "no manifest.json of an earlier reformeval run" in result.stderr
    assert "IMPORTED:\n" in result.stdout, "refused only after importing heavy libraries"
    assert tree(out) == before
    assert not (tmp_path / "u.failed").exists()


def test_out_containing_the_snapshot_is_refused(tmp_path):
    out = user_folder(tmp_path / "u")
    snapshot = national_only_snapshot(out / "snap")
    before = tree(out)
    with pytest.raises(OutputFolderError, match=r"--out .*/u contains the snapshot \(.*/u/snap\)"):
        from pipeline.app.run import run_report_year

        run_report_year(2023, snapshot, out, allow_partial=True)
    assert tree(out) == before


def test_out_inside_the_snapshot_is_refused(tmp_path, capsys):
    snapshot = national_only_snapshot(tmp_path / "snap")
    assert main(["run", "--year", "2023", "--snapshot", str(snapshot), "--out", str(snapshot / "out"),
                 "--allow-partial"]) == 1
    assert f"--out {snapshot / 'out'} is inside the snapshot {snapshot}" in capsys.readouterr().err
    assert not (snapshot / "out").exists()


def test_out_through_a_symbolic_link_is_judged_where_it_really_is(tmp_path, capsys):
    """The folder checked must be the folder replaced: `link/../docs` is the docs beside the link's target."""
    docs = user_folder(tmp_path / "user" / "docs")
    (tmp_path / "user" / "sub").mkdir()
    work = tmp_path / "work"
    work.mkdir()
    (work / "link").symlink_to(tmp_path / "user" / "sub")
    snapshot = national_only_snapshot(tmp_path / "snap")
    before = tree(docs)
    assert main(["run", "--year", "2023", "--snapshot", str(snapshot), "--out", str(work / "link" / ".." / "docs"),
                 "--allow-partial"]) == 1
    assert f"--out {docs} holds 2 file(s) or folder(s)" in capsys.readouterr().err
    assert tree(docs) == before
    # A link to a folder that holds the snapshot: the snapshot is protected through the link too.
    kept = national_only_snapshot(tmp_path / "out" / "kept-snapshot")
    (tmp_path / "here").symlink_to(tmp_path)
    assert main(["run", "--year", "2023", "--snapshot", str(kept), "--out", str(tmp_path / "here" / "out"),
                 "--allow-partial"]) == 1
    assert f"--out {tmp_path / 'out'} contains the snapshot" in capsys.readouterr().err
    assert (kept / "ssb" / "12362" / "part-001.json").exists()
    # OUT itself a link: refused, the link and its target untouched.
    (tmp_path / "out-link").symlink_to(docs)
    assert main(["run", "--year", "2023", "--snapshot", str(snapshot), "--out", str(tmp_path / "out-link"),
                 "--allow-partial"]) == 1
    assert "is a symbolic link" in capsys.readouterr().err and tree(docs) == before


@pytest.mark.parametrize("manifest, field", [
    ({"files": [{"sha256": "0" * 64}]}, "files[0] must be an object with a 'path'"),
    ({"files": ["ssb/12362/part-001.json"]}, "files[0] must be an object with a 'path'"),
    ({"files": [], "report_year": "twenty"}, "'report_year' must be a year such as 2023"),
    ({"files": [{"path": "ssb/12362/part-001.json", "sha256": "abc"}]}, "'sha256' must be 64 hexadecimal digits"),
])
def test_a_malformed_snapshot_manifest_is_named_by_its_field(tmp_path, capsys, manifest, field):
    snapshot = national_only_snapshot(tmp_path / "snap")
    (snapshot / "snapshot.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert main(["run", "--year", "2023", "--snapshot", str(snapshot), "--out", str(tmp_path / "out"),
                 "--allow-partial"]) == 1
    err = capsys.readouterr().err
    assert f"reformeval: error: {snapshot / 'snapshot.json'}: " in err and field in err and "Traceback" not in err


def test_out_that_is_the_working_folder_or_the_home_folder_is_refused(tmp_path, monkeypatch, capsys):
    work = user_folder(tmp_path / "projects" / "work")
    snapshot = national_only_snapshot(tmp_path / "snap")
    monkeypatch.chdir(work)
    assert main(["run", "--year", "2023", "--snapshot", str(snapshot), "--out", ".", "--allow-partial"]) == 1
    assert f"--out {work} is the working folder" in capsys.readouterr().err
    # An ancestor of the working folder would take it with it.
    assert main(["run", "--year", "2023", "--snapshot", str(snapshot), "--out", "..", "--allow-partial"]) == 1
    assert f"contains the working folder ({work})" in capsys.readouterr().err
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)
    assert main(["run", "--year", "2023", "--snapshot", str(snapshot), "--out", str(home), "--allow-partial"]) == 1
    assert f"--out {home} is the home folder" in capsys.readouterr().err
    assert (work / "notes.txt").read_text(encoding="utf-8") == "my notes"


def test_out_that_is_a_file_is_refused(tmp_path, capsys):
    out = tmp_path / "report.pdf"
    out.write_bytes(b"%PDF")
    assert main(["run", "--year", "2023", "--snapshot", str(national_only_snapshot(tmp_path / "snap")),
                 "--out", str(out), "--allow-partial"]) == 1
    assert "exists and is not a folder" in capsys.readouterr().err
    assert out.read_bytes() == b"%PDF"


def test_a_failed_attempt_never_deletes_a_users_folder_named_like_out_failed(tmp_path):
    out = tmp_path / "out"
    theirs = user_folder(tmp_path / "out.failed")
    building = tmp_path / ".out.building-x"
    building.mkdir()
    (building / "manifest.json").write_bytes(building_manifest(2023))
    (building / "warehouse.duckdb").write_bytes(b"something built")
    keep_failed_attempt(building, out)
    assert (theirs / "notes.txt").read_text(encoding="utf-8") == "my notes"
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("out.failed-")]
    assert len(kept) == 1 and (kept[0] / "warehouse.duckdb").read_bytes() == b"something built"


def test_an_attempt_that_built_nothing_keeps_the_useful_failed_attempt_before_it(tmp_path):
    out = tmp_path / "out"
    useful = tmp_path / "out.failed"
    useful.mkdir()
    (useful / "manifest.json").write_bytes(building_manifest(2023))
    (useful / "warehouse.duckdb").write_bytes(b"the rejected rows of the last real failure")
    empty = tmp_path / ".out.building-y"
    empty.mkdir()
    (empty / "manifest.json").write_bytes(building_manifest(2023))
    keep_failed_attempt(empty, out)
    assert (useful / "warehouse.duckdb").read_bytes() == b"the rejected rows of the last real failure"
    assert not empty.exists()


# --- refused before Dagster starts, with one message ------------------------------------------------

def test_a_second_run_on_a_locked_out_stops_before_importing_anything_heavy(tmp_path):
    out = (tmp_path / "out").resolve()
    with output_lock(out):
        result = run_cli("run", "--year", "2023", "--demo", "--out", str(out))
    assert result.returncode == 1
    assert "is being written by another run" in result.stderr
    assert "IMPORTED:\n" in result.stdout


def test_snapshot_made_for_another_report_year_is_refused_at_once_with_one_message(tmp_path):
    snapshot = demo_snapshot(tmp_path / "snap")
    result = run_cli("run", "--year", "2024", "--snapshot", str(snapshot), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("reformeval: error:")]
    assert lines == [f"reformeval: error: snapshot {snapshot} was made for report year 2023 (report_year in "
                     f"snapshot.json), not 2024: a report year needs its own snapshot, with data up to 2023 "
                     f"(`reformeval fetch --year 2024`, or `--demo` for the synthetic one)"]
    assert "IMPORTED:\n" in result.stdout
    assert not (tmp_path / "out").exists() and not (tmp_path / "out.failed").exists()


def test_every_changed_archived_file_is_named_before_dagster_starts(tmp_path):
    snapshot = demo_snapshot(tmp_path / "snap")
    (snapshot / "ssb" / "12362" / "part-001.json").write_bytes(b"{}")
    (snapshot / "ssb" / "07459" / "part-002.json").unlink()
    result = run_cli("run", "--year", "2023", "--snapshot", str(snapshot), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "2 file(s) differ from what was archived" in result.stderr
    assert "ssb/07459/part-002.json is listed in snapshot.json but missing" in result.stderr
    assert "ssb/12362/part-001.json has sha256" in result.stderr
    assert "IMPORTED:\n" in result.stdout


def test_a_bufdir_dataset_given_as_both_csv_and_xlsx_is_refused_naming_both(tmp_path):
    snapshot = demo_snapshot_to_edit(tmp_path)
    csv = next((snapshot / "bufdir").glob("*.csv"))
    shutil.copy(csv, csv.with_suffix(".xlsx"))
    with pytest.raises(SnapshotError, match=rf"dataset '{csv.stem}' has 2 files \(bufdir/{csv.name}, "
                                            rf"bufdir/{csv.stem}.xlsx\)"):
        from pipeline.app.run import run_report_year

        run_report_year(2023, snapshot, tmp_path / "out")


def test_integrity_errors_are_typed(tmp_path):
    from pipeline.snapshot import Snapshot

    snapshot = demo_snapshot(tmp_path / "snap")
    (snapshot / "ssb" / "12362" / "part-001.json").write_bytes(b"{}")
    with pytest.raises(SnapshotIntegrityError):
        Snapshot.open(snapshot).verify()


# --- what dead runs leave behind --------------------------------------------------------------------

def test_stale_build_folders_of_dead_runs_are_removed_and_a_half_swapped_output_put_back(tmp_path):
    from pipeline.run_output import clean_stale_builds

    out = (tmp_path / "out").resolve()
    dead = tmp_path / ".out.building-abc123"
    dead.mkdir()
    (dead / "manifest.json").write_bytes(building_manifest(2023))
    (dead / "warehouse.duckdb").write_bytes(b"x" * 1000)
    empty = tmp_path / ".out.building-def456"
    empty.mkdir()
    previous = tmp_path / ".out.old-4242"  # killed between the two renames of a swap
    previous.mkdir()
    (previous / "manifest.json").write_text(json.dumps({"tool": "reformeval", "report_year": 2023}))
    foreign = tmp_path / ".out.building-mine"  # not the tool's: reported, not removed
    user_folder(foreign)
    with output_lock(out):
        done = clean_stale_builds(out)
    assert not dead.exists() and not empty.exists()
    assert (out / "manifest.json").exists() and not previous.exists()
    assert (foreign / "notes.txt").exists()
    assert any("restored" in line for line in done) and any("left" in line and "alone" in line for line in done)


# --- signals ----------------------------------------------------------------------------------------

@pytest.mark.slow
def test_sigterm_during_the_last_step_stops_the_run_and_keeps_the_previous_output(tmp_path, monkeypatch):
    """Dagster captures SIGTERM while it executes and raises it only at its check points: a signal in the
    last step used to be swallowed, and the run replaced OUT."""
    import assets.report as report
    from pipeline.app.run import run_report_year

    out = tmp_path / "out"
    snapshot = national_only_snapshot(tmp_path / "snap")
    run_report_year(2023, snapshot, out, allow_partial=True)
    before = tree(out)
    original = report.write_atomic

    def write_and_get_killed(path, data):
        if path.name.startswith("figurer"):
            # The signal arrives where Dagster only records it (outside the blocks where it raises
            # interrupts): what happens when it comes between Dagster's check points.
            from dagster._utils.interrupts import capture_interrupts

            with capture_interrupts():
                os.kill(os.getpid(), signal.SIGTERM)
        return original(path, data)

    monkeypatch.setattr(report, "write_atomic", write_and_get_killed)
    with pytest.raises(RunInterrupted) as stopped:
        run_report_year(2023, snapshot, out, allow_partial=True)
    assert stopped.value.signal_name == "SIGTERM"
    assert tree(out) == before
    assert not list(tmp_path.glob(".out.building-*"))


def test_a_signal_during_the_swap_undoes_it(tmp_path):
    """The swap of OUT is two renames: a signal between them must not leave OUT missing or half-new."""
    from pipeline.interrupts import stop_on_signals
    from pipeline.run_output import swapped_in

    out, new = tmp_path / "out", tmp_path / ".out.building-x"
    out.mkdir()
    (out / "figur.csv").write_text("the published numbers", encoding="utf-8")
    new.mkdir()
    (new / "figur.csv").write_text("the new numbers", encoding="utf-8")
    with stop_on_signals() as signals, signals.held(), pytest.raises(RunInterrupted), swapped_in(new, out):
        assert (out / "figur.csv").read_text(encoding="utf-8") == "the new numbers"
        os.kill(os.getpid(), signal.SIGTERM)  # recorded, not raised, while the swap is held
        signals.check()
    assert (out / "figur.csv").read_text(encoding="utf-8") == "the published numbers"
    assert (new / "figur.csv").read_text(encoding="utf-8") == "the new numbers"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.building-x", "out"]


@pytest.mark.slow
def test_a_signal_between_the_two_renames_of_a_run_leaves_the_previous_output(tmp_path, monkeypatch):
    import pipeline.run_output as run_output
    from pipeline.app.run import run_report_year

    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text(json.dumps({"tool": "reformeval", "report_year": 2023}))
    (out / "figur.csv").write_text("the published numbers", encoding="utf-8")
    before = tree(out)
    real_replace = os.replace

    def replace_and_get_killed_after_moving_the_old_output_aside(src, dst):
        real_replace(src, dst)
        if Path(dst).name.startswith(".out.old-"):
            os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(run_output.os, "replace", replace_and_get_killed_after_moving_the_old_output_aside)
    with pytest.raises(RunInterrupted):
        run_report_year(2023, national_only_snapshot(tmp_path / "snap"), out, allow_partial=True)
    assert tree(out) == before
    assert not list(tmp_path.glob(".out.old-*"))


@pytest.mark.slow
def test_sigterm_stops_a_running_command_with_exit_143_and_the_previous_output_untouched(tmp_path):
    out = tmp_path / "out"
    snapshot = national_only_snapshot(tmp_path / "snap")
    out.mkdir()
    (out / "manifest.json").write_text(json.dumps({"tool": "reformeval", "report_year": 2023}))
    (out / "figur.csv").write_text("the published numbers", encoding="utf-8")
    log = tmp_path / "run.log"
    with log.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "pipeline.app.cli", "run", "--year", "2023", "--snapshot", str(snapshot), "--out",
             str(out), "--allow-partial"], cwd=PROJECT_ROOT, stdout=sink, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while "] raw/ssb_12362 " not in log.read_text() and time.time() < deadline:  # inside Dagster
            assert process.poll() is None, log.read_text()[-2000:]
            time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=120)
    assert code == 128 + signal.SIGTERM, log.read_text()[-2000:]
    assert "reformeval: stopped by SIGTERM: nothing was replaced" in log.read_text()
    assert (out / "figur.csv").read_text(encoding="utf-8") == "the published numbers"


# --- OS errors are `reformeval: error:` lines naming the path ----------------------------------------

@pytest.fixture
def mount_tmpfs(tmp_path):
    """A small tmpfs of the test's own (root on Linux): a read-only or a full disk, for real."""
    mounted: list[Path] = []

    def mount(name: str, size: str, read_only: bool = False) -> Path:
        point = tmp_path / name
        point.mkdir()
        options = f"size={size}" + (",ro" if read_only else "")
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True,
                              text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or done.returncode}): needs root")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], check=False)


def test_a_read_only_parent_of_out_is_an_error_line_naming_the_path(tmp_path, mount_tmpfs):
    read_only = mount_tmpfs("ro", "1m", read_only=True)
    result = run_cli("run", "--year", "2023", "--snapshot", str(national_only_snapshot(tmp_path / "snap")),
                     "--out", str(read_only / "out"), "--allow-partial")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"reformeval: error: cannot write beside --out {read_only / 'out'}: Read-only file system "
        f"({read_only / '.out.lock'}); a run needs to create files in {read_only}")


@pytest.mark.slow
def test_a_full_disk_stops_the_run_with_its_summary_and_frees_the_space(tmp_path, mount_tmpfs):
    small = mount_tmpfs("small", "1m")
    out = small / "out"
    result = run_cli("run", "--year", "2023", "--snapshot", str(national_only_snapshot(tmp_path / "snap")),
                     "--out", str(out), "--allow-partial")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("reformeval: error:")]
    # The run's summary: each root cause once (a step the full disk stopped, the warehouse that could not
    # be written at the end, the manifest), each naming where; one error line, no traceback.
    assert errors == ["reformeval: error: report year 2023 stopped:"], result.stderr[-3000:]
    summary = result.stderr.split("reformeval: error:", 1)[1]
    assert 2 <= summary.count("No space left on device") <= 3 and "Traceback" not in summary
    assert f"the warehouse {small}/" in summary and f"the run manifest {small}/" in summary
    assert "the failed attempt was removed (the disk is full)" in result.stderr
    # Nothing of the attempt stays to keep the disk full; only the lock file is left beside OUT.
    assert sorted(p.name for p in small.iterdir()) == [".out.lock"]
