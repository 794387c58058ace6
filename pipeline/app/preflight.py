"""What a run checks before Dagster starts, so that a bad snapshot stops in a second with one message
per root cause instead of half a minute later with one failure per asset.

Nothing here imports Dagster, pandas or Great Expectations: the declarations of the sources are read
from `assets.sources`, which is kept free of them.
"""

from __future__ import annotations

from pipeline.errors import ReferenceDataError, ReformevalError, SnapshotError, SnapshotIntegrityError
from pipeline.snapshot import Snapshot


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


def check_snapshot(snapshot: Snapshot, year: int, allow_partial: bool) -> list[str]:
    """Every check a snapshot must pass before a run of `year` starts: every archived file as it was
    archived, made for this report year, and a file for every declared source (or, with
    `allow_partial`, the list of those it lacks). Returns the raw tables left out."""
    snapshot.verify()
    made_for = snapshot.report_year
    if made_for is not None and made_for != year:
        raise SnapshotError(
            f"snapshot {snapshot.root} was made for report year {made_for} (report_year in snapshot.json), not "
            f"{year}: a report year needs its own snapshot, with data up to {year - 1} (`reformeval fetch --year "
            f"{year}`, or `--demo` for the synthetic one)"
        )
    missing = missing_sources(snapshot)
    if missing and not allow_partial:
        raise SnapshotError(
            f"snapshot {snapshot.root} has no files for {', '.join(missing)} (expected "
            f"ssb/<table>/<part>.json and bufdir/<dataset>.csv|.xlsx); a report year needs every declared "
            f"source. To build only what the snapshot has, run with --allow-partial"
        )
    return missing


def check_reference_data(snapshot: Snapshot | None, year: int) -> list[dict]:
    """What report year `year` needs that the built-in reference tables lack (`assets.rapportaar`), each
    gap with what covers it: the snapshot's own `reference/<table>.csv` (synthetic or not), or nothing.
    A blocking gap nothing covers stops the run here, all of them named in one message; the rest (a
    footnoted gap, a gap the snapshot covers) are returned for the run's log and manifest."""
    from assets.rapportaar import builtin_reference_gaps

    found, stops = [], []
    for gap in builtin_reference_gaps(year):
        override = snapshot.optional_file("reference", gap.table, (".csv",)) if snapshot is not None else None
        covered_by = None
        if override is not None:
            relpath = override.relative_to(snapshot.root).as_posix()
            covered_by = f"{relpath} ({'synthetic' if snapshot.is_synthetic(relpath) else 'from the snapshot'})"
        elif gap.blocking:
            stops.append(gap.what)
        found.append({"table": gap.table, "gap": gap.what, "blocking": gap.blocking, "covered_by": covered_by})
    if stops:
        raise ReferenceDataError(
            f"report year {year} needs reference data the built-in tables lack; a snapshot may bring its own "
            f"reference/<table>.csv (every row with its source):\n  - " + "\n  - ".join(stops))
    return found
