"""The snapshot archive: layout, manifest, integrity, never overwritten, never half-written."""

from __future__ import annotations

import json

import pytest

from assets import SSB_TABLES
from assets.demo import DEMO_TABLES
from pipeline.demo import write_demo_snapshot
from pipeline.errors import SnapshotError
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


def test_demo_snapshot_covers_every_declared_table_and_year(tmp_path):
    snap = write_demo_snapshot(tmp_path / "snap", SSB_TABLES.values(), DEMO_TABLES, 2024)
    for table in SSB_TABLES.values():
        years = set()
        for part in snap.ssb_parts(table.id):
            doc = json.loads(part.path.read_text())
            years |= set(doc["dimension"]["Tid"]["category"]["index"])
        assert years == set(table.data_years(2024)), table.id
