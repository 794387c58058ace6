"""`reformeval fetch --check`: every declaration resolved against its table's metadata, no data fetched.

Several declarations name variables and values by label or by an inferred code and may not yet have
met the live API. The check is the cheap first contact: one GET of `/metadata` per table (and
`/config`), never a data call, and every mismatch of every table reported in one run instead of the
first one that stops a fetch.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.errors import Mismatch, SsbReplyError, SsbSchemaError
from pipeline.ssb.client import SSB_BASE_URL, PxWebClient, ResolvedQuery, split_query
from pipeline.ssb.declaration import SsbTable


@dataclass(frozen=True)
class TableCheck:
    """What one table's metadata says about its declaration."""

    table: SsbTable
    query: ResolvedQuery | None = None  # the declaration resolved, when it resolves
    parts: int = 0  # data calls a fetch would make for it
    mismatches: tuple[Mismatch, ...] = ()
    unreadable: str | None = None  # the metadata could not be read at all (no such table, not JSON-stat)

    @property
    def resolves(self) -> bool:
        return self.query is not None

    def lines(self) -> list[str]:
        head = f"SSB table {self.table.id} ({self.table.title})"
        if self.unreadable is not None:
            return [f"{head}: metadata could not be read", f"  - {self.unreadable}"]
        if self.query is None:
            count = f"{len(self.mismatches)} mismatch{'es' if len(self.mismatches) != 1 else ''}"
            # a declaration tried in several tables (also_published_in): each mismatch says its table
            several = len({m.table for m in self.mismatches}) > 1
            return [f"{head}: {count}", *(f"  - {f'SSB table {m.table}: ' if several else ''}{m}"
                                          for m in self.mismatches)]
        query = self.query
        where = f" from SSB table {query.table}, which publishes its values" if query.table != self.table.id else ""
        lines = [f"{head}: resolves{where}, {query.cells} cells in {self.parts} data call(s)"]
        for code, labels in query.label_resolution.items():
            taken = ", ".join(f"{label!r} = {value}" for label, value in labels.items())
            lines.append(f"  - {code} (column {query.columns[code]!r}) by label: {taken}")
        for code, value in query.eliminated.items():
            total = "the sum of its values" if value == "sum" else f"its total {value!r}"
            lines.append(f"  - {code} left out: SSB answers with {total}")
        return lines


def check_tables(tables: Iterable[SsbTable], report_year: int, *, base_url: str | None = None,
                 client: PxWebClient | None = None) -> list[TableCheck]:
    """Resolve each declaration against its table's metadata, going on past the tables that fail."""
    if client is None:
        with PxWebClient(base_url or SSB_BASE_URL) as own:
            return check_tables(tables, report_year, client=own)
    checks = []
    for table in tables:
        try:
            query = client.resolve(table, report_year)  # or a table that publishes the same (also_published_in)
        except SsbSchemaError as exc:
            checks.append(TableCheck(table, mismatches=exc.mismatches) if exc.mismatches
                          else TableCheck(table, unreadable=str(exc)))
        except SsbReplyError as exc:
            # One table SSB does not know (404) or answers oddly does not hide the others' mismatches;
            # an API that is down (SsbUnavailableError, SsbRateLimitError) still stops the check.
            checks.append(TableCheck(table, unreadable=str(exc)))
        else:
            checks.append(TableCheck(table, query, len(split_query(query, client.limits.max_cells))))
    return checks


def report(checks: list[TableCheck]) -> str:
    """One block per table, then a line that says whether a fetch would get past the metadata."""
    failed = [c for c in checks if not c.resolves]
    if failed:
        problems = sum(len(c.mismatches) or 1 for c in failed)
        summary = (f"{len(failed)} of {len(checks)} tables do not resolve against /metadata ({problems} "
                   f"problem(s) in {', '.join(c.table.id for c in failed)}); no data was fetched")
    else:
        summary = f"{len(checks)} tables resolve against /metadata; no data was fetched"
    return "\n\n".join(["\n".join(c.lines()) for c in checks] + [summary])
