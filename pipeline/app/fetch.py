"""Building a snapshot from the live sources: SSB's PxWebApi, KLASS and the evaluators' Bufdir drop folder.

KLASS first (one call that, when it is down, fails before minutes of SSB calls are spent), then every
declared SSB table, then the Bufdir files as they are; a failed fetch leaves no snapshot behind.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pipeline.errors import ReformevalError
from pipeline.snapshot import Snapshot, SnapshotWriter

log = logging.getLogger("reformeval")


def declared_tables(tables: list[str] | None) -> list[Any]:
    """The declarations of the chosen SSB tables (all when none are chosen)."""
    from assets.sources import SSB_TABLES

    unknown = [t for t in tables or () if t not in SSB_TABLES]
    if unknown:
        raise ReformevalError(f"SSB table(s) {unknown} are not declared; declared: {sorted(SSB_TABLES)}")
    return [SSB_TABLES[t] for t in tables] if tables else list(SSB_TABLES.values())


def _bufdir_drop_files(folder: Path) -> dict[str, Path]:
    """The file of each declared Bufdir dataset in a drop folder, checked before any call is made (one
    file per dataset, as in a snapshot)."""
    from assets.sources import BUFDIR_DATASETS
    from pipeline.snapshot import dataset_file

    if not Path(folder).is_dir():
        raise ReformevalError(f"--bufdir {folder}: not a folder (expected <dataset>.csv|.xlsx files)")
    found = {name: dataset_file(Path(folder), name, (".csv", ".xlsx"), where=f"--bufdir {folder}")
             for name in BUFDIR_DATASETS}
    return {name: path for name, path in found.items() if path is not None}


def _kommune_drop_files(folder: Path) -> dict[str, Path]:
    """The file of each declared kommune dataset in the folder the evaluators collect the kommuner's answers
    in; a dataset without a file is normal (no kommune has answered yet)."""
    from assets.sources import KOMMUNE_DATASETS
    from pipeline.snapshot import dataset_file

    if not Path(folder).is_dir():
        raise ReformevalError(f"--kommune {folder}: not a folder (expected <dataset>.csv|.xlsx files)")
    found = {name: dataset_file(Path(folder), name, (".csv", ".xlsx"), where=f"--kommune {folder}")
             for name in KOMMUNE_DATASETS}
    return {name: path for name, path in found.items() if path is not None}


def fetch_snapshot(year: int, target: Path, *, base_url: str | None = None,
                   tables: list[str] | None = None, client: Any = None,
                   klass_url: str | None = None, bufdir_dir: Path | None = None,
                   kommune_dir: Path | None = None) -> Snapshot:
    """Fetch every declared SSB table for a report year from the live API into a new snapshot, with the
    Bufdir files (`bufdir_dir`) and the kommuner's own files (`kommune_dir`) archived beside them."""
    from pipeline.ssb.client import SSB_BASE_URL, PxWebClient

    chosen = declared_tables(tables)
    drop = _bufdir_drop_files(bufdir_dir) if bufdir_dir is not None else {}
    kommune_drop = _kommune_drop_files(kommune_dir) if kommune_dir is not None else {}
    writer = SnapshotWriter(target, source="ssb-pxwebapi-v2", synthetic=False, report_year=year)
    own_client = client is None
    client = client or PxWebClient(base_url or SSB_BASE_URL)
    try:
        # The kommune code changes the data need, from KLASS: archived as fetched, and as a reference table.
        # Fetched first: one call that, when KLASS is down, fails before minutes of SSB data calls are spent.
        from pipeline.ssb.klass import KLASS_BASE_URL, fetch_kommune_changes, kommuneendringer_csv

        url, reply = fetch_kommune_changes(client, klass_url or KLASS_BASE_URL, "2015-01-01", f"{year}-12-31")
        writer.add("reference/klass_131_changes.json", reply, kind="klass", table="131", url=url)
        writer.add("reference/kommuneendringer.csv", kommuneendringer_csv(reply, url).encode("utf-8"),
                   kind="reference", table="kommuneendringer", derived_from="reference/klass_131_changes.json")
        for table in chosen:
            for i, part in enumerate(client.fetch_table(table, year), start=1):
                # A table whose values came from another that publishes them (`also_published_in`): kept
                # under the declared id, the manifest naming the table fetched.
                source = {"fetched_from": part.query.table} if part.query.table != table.id else {}
                writer.add_ssb_part(
                    table.id, f"part-{i:03d}", part.content, url=part.url, query=part.body,
                    fetched=part.fetched, label_resolution=part.query.label_resolution,
                    eliminated=part.query.eliminated, cells=part.query.cells, **source,
                )
                log.info("SSB %s part %d: %d cells, %d bytes", table.id, i, part.query.cells, len(part.content))
        # Bufdir has no open API: its files come from the evaluators' drop folder, archived as they are.
        for name, source in drop.items():
            writer.add(f"bufdir/{source.name}", source.read_bytes(), kind="bufdir", table=name,
                       copied_from=str(source.resolve()))
        for name, source in kommune_drop.items():
            writer.add(f"kommune/{source.name}", source.read_bytes(), kind="kommune", table=name,
                       copied_from=str(source.resolve()))
        return writer.commit()
    except BaseException:
        writer.abort()
        raise
    finally:
        if own_client:
            client.close()
