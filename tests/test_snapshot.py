"""The snapshot archive: layout, manifest, integrity, never overwritten, never half-written."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import PurePosixPath
from types import ModuleType

import pytest

from assets import BUFDIR_DATASETS, SSB_TABLES
from assets.demo import DEMO_TABLES, collect_files, collect_tables, demo_files
from pipeline.demo import DemoSpec, write_demo_snapshot
from pipeline.errors import DeclarationError, SnapshotError
from pipeline.paths import PROJECT_ROOT
from pipeline.snapshot import MANIFEST, Snapshot, SnapshotWriter


def test_writer_records_every_file_with_its_hash_and_moves_into_place_only_on_commit(tmp_path):
    writer = SnapshotWriter(tmp_path / "snap", source="test", synthetic=False, report_year=2023)
    writer.add_ssb_part("12362", "part-001", b'{"class": "dataset"}', url="http://x", query={"q": 1})
    assert not (tmp_path / "snap").exists()  # nothing under the target name until commit
    snap = writer.commit()
    entry = snap.manifest["files"][0]
    assert entry["path"] == "ssb/12362/part-001.json" and entry["table"] == "12362"
    assert len(entry["sha256"]) == 64 and entry["synthetic"] is False
    assert snap.read_bytes(entry["path"]) == b'{"class": "dataset"}'


def test_existing_snapshot_is_never_overwritten(tmp_path):
    (tmp_path / "snap").mkdir()
    (tmp_path / "snap" / "keep.txt").write_text("x")
    with pytest.raises(SnapshotError, match="never overwritten"):
        SnapshotWriter(tmp_path / "snap", source="test", synthetic=False, report_year=2023)


def test_aborted_writer_leaves_nothing(tmp_path):
    with pytest.raises(RuntimeError), SnapshotWriter(tmp_path / "snap", "test", False, 2023) as writer:
        writer.add_ssb_part("12362", "part-001", b"{}")
        raise RuntimeError("killed")
    assert list(tmp_path.iterdir()) == []


def test_missing_table_names_the_expected_path_and_what_is_there(tmp_path):
    (tmp_path / "ssb" / "07459").mkdir(parents=True)
    (tmp_path / "ssb" / "07459" / "a.json").write_text("{}")
    expected = r"no files for SSB table 12362 \(expected ssb/12362/<part>.json\).*'07459'"
    with pytest.raises(SnapshotError, match=expected):
        Snapshot.open(tmp_path).ssb_parts("12362")


def test_demo_snapshot_is_deterministic_and_flagged_synthetic_everywhere(tmp_path):
    a = write_demo_snapshot(tmp_path / "a", SSB_TABLES.values(), DEMO_TABLES, 2023)
    b = write_demo_snapshot(tmp_path / "b", SSB_TABLES.values(), DEMO_TABLES, 2023)
    hashes = lambda s: {f["path"]: f["sha256"] for f in s.manifest["files"]}  # noqa: E731
    assert hashes(a) == hashes(b)
    assert a.synthetic and all(f["synthetic"] for f in a.manifest["files"])
    for entry in a.manifest["files"]:
        doc = json.loads(a.read_bytes(entry["path"]))
        assert "DEMODATA" in doc["label"] and doc["extension"]["synthetic"] is True
    assert (a.root / MANIFEST).exists()


def test_demo_files_are_the_same_bytes_whenever_they_are_made(monkeypatch):
    """The demo's Bufdir xlsx carried the time it was written (workbook properties, zip entry dates), so every
    demo run archived a file with a new sha256 and two runs' raw tables and manifests differed."""
    import datetime as dt
    import types

    import openpyxl.packaging.core
    import openpyxl.writer.excel

    first = demo_files(2023)
    later = dt.datetime(2031, 1, 2, 3, 4, 5)

    class Later(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return later.replace(tzinfo=tz)

    clock = types.SimpleNamespace(datetime=Later, timezone=dt.timezone)
    for module in (openpyxl.packaging.core, openpyxl.writer.excel):
        monkeypatch.setattr(module, "datetime", clock)
    monkeypatch.setattr("time.localtime", lambda *a: later.timetuple())
    again = demo_files(2023)
    assert {p: hashlib.sha256(b).hexdigest() for p, b in first.items()} == \
        {p: hashlib.sha256(b).hexdigest() for p, b in again.items()}


def test_demo_snapshot_covers_every_declared_table_and_year(tmp_path):
    snap = write_demo_snapshot(tmp_path / "snap", SSB_TABLES.values(), DEMO_TABLES, 2024)
    for table in SSB_TABLES.values():
        years = set()
        for part in snap.ssb_parts(table.id):
            doc = json.loads(part.path.read_text())
            years |= set(doc["dimension"]["Tid"]["category"]["index"])
        assert years == set(table.data_years(2024)), table.id


# -- The demo's values, apart from the declarations (`assets.demo`) ------------------------------------

def _demo_module(name: str, **attributes) -> ModuleType:
    module = ModuleType(name)
    vars(module).update(attributes)
    return module


def _spec() -> DemoSpec:
    return DemoSpec(value=lambda cell, world: 1.0)


def test_every_declared_ssb_table_has_demo_values_in_the_order_of_the_declarations():
    assert list(DEMO_TABLES) == list(SSB_TABLES)


def test_a_declared_table_without_demo_values_is_refused_naming_it_and_its_module():
    given = _demo_module("demo_pkg.kostra", TABLES={"12362": _spec()})
    with pytest.raises(DeclarationError, match=r"SSB table 10673 \(declared in assets\.sources\.meldinger\) has no "
                                               r"demo values"):
        collect_tables([given], {"12362": "kostra", "10673": "meldinger"})


def test_demo_values_for_an_undeclared_table_or_given_twice_are_refused():
    first = _demo_module("demo_pkg.a", TABLES={"12362": _spec()})
    with pytest.raises(DeclarationError, match=r"'99999' \(demo_pkg\.b\) that no module of assets\.sources declares"):
        collect_tables([first, _demo_module("demo_pkg.b", TABLES={"99999": _spec()})], {"12362": "kostra"})
    with pytest.raises(DeclarationError, match=r"'12362' are given twice: in demo_pkg\.a\.TABLES and "
                                               r"demo_pkg\.c\.TABLES"):
        collect_tables([first, _demo_module("demo_pkg.c", TABLES={"12362": _spec()})], {"12362": "kostra"})


def test_a_demo_file_made_by_two_modules_is_refused_naming_both():
    def files(report_year):
        return {"bufdir/x.csv": b"aar\n"}

    modules = [_demo_module("demo_pkg.a", files=files), _demo_module("demo_pkg.b", files=files)]
    with pytest.raises(DeclarationError, match=r"'bufdir/x\.csv' is made twice: by demo_pkg\.a\.files and "
                                               r"demo_pkg\.b\.files"):
        collect_files(modules, 2023)


def test_the_demo_brings_a_file_for_every_declared_bufdir_dataset_and_reference_tables_only_else():
    paths = [PurePosixPath(p) for p in demo_files(2023)]
    assert {p.stem for p in paths if p.parts[0] == "bufdir"} == set(BUFDIR_DATASETS)
    # the kommuner's own answers (ASSS indicators 1–10) and Udir's and NAV's figures (12, 13, 15), optional in a
    # real snapshot, are in the demo's
    assert {p.as_posix() for p in paths if p.parts[0] == "kommune"} == {"kommune/asss_forebygging.csv",
                                                                        "kommune/asss_skole_arbeid.csv"}
    assert {p.parts[0] for p in paths} == {"bufdir", "kommune", "reference"}


def test_importing_the_demo_values_imports_neither_dagster_nor_pandas_nor_duckdb():
    heavy = {"dagster", "pandas", "numpy", "great_expectations", "matplotlib", "duckdb", "openpyxl"}
    probe = "import assets.demo, json, sys; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert set(json.loads(done.stdout)) & heavy == set()


def test_a_scaled_demo_world_keeps_the_demos_own_kommuner_and_adds_distinct_ones(monkeypatch):
    """The scale benchmark's country (`REFORMEVAL_DEMO_SCALE`): ten times the kommuner, the demo's own first and
    unchanged, every code a distinct four-digit kommune code; a scale that is no whole number is refused."""
    from pipeline.demo import DEMO_SCALE_ENV, DemoWorld
    from pipeline.errors import DeclarationError

    own = DemoWorld(scale=1).kommuner
    monkeypatch.setenv(DEMO_SCALE_ENV, "10")
    scaled = DemoWorld().kommuner
    assert scaled[:len(own)] == own
    assert len(scaled) == len(own) + 9 * DemoWorld.n_kommuner
    codes = [k.code for k in scaled]
    assert len(set(codes)) == len(codes) and all(len(c) == 4 and c.isdigit() for c in codes)
    monkeypatch.setenv(DEMO_SCALE_ENV, "ti")
    with pytest.raises(DeclarationError, match="REFORMEVAL_DEMO_SCALE='ti'"):
        DemoWorld()
