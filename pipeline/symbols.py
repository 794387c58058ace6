"""SSB's status symbols in sums: every model that aggregates SSB cells declares what it does with a
cell published as a symbol instead of a number (README, "Status symbols").

A symbol is a gap only when it stands for a number SSB has but does not show: '..' (tallgrunnlag
mangler), '...' (not yet available) and ':' (confidential). '.' says the category or kommune code was
not in use that year (nothing is missing) and '-' is an exact nil (read as 0 in staging).

The rules:
- `stop`: the model reads the cells directly (national counts, population denominators): a suppressed
  cell among the rows it reads stops the run before the model, naming the table and every such cell.
- `flag`: the model leaves the suppressed cells out of a sum, or replaces a suppressed SSB total by a
  sum of its parts, and writes what it did in a `merknad_symboler…` column: figures carry it into their
  footnote and JSON, and the run log has it.
- `carry`: the model sums rows of a flagged model and passes their notes on.
- `not_aggregated`: the model reads no cell values (e.g. only which years exist).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import duckdb

from pipeline.errors import SuppressedCellError

SUPPRESSED = ("..", "...", ":")
MEANING = {"..": "tallgrunnlag mangler", "...": "ikke tilgjengelig ennå", ":": "vises ikke av konfidensialitetshensyn"}
NOTE_PREFIX = "merknad_symboler"  # columns named so carry the notes of a flagged or carrying model


@dataclass(frozen=True)
class SymbolRule:
    kind: Literal["stop", "flag", "carry", "not_aggregated"]
    why: str
    # For `stop`: each staged table read and the SQL condition that selects the rows the model reads.
    reads: tuple[tuple[str, str], ...] = ()

    @classmethod
    def stop(cls, why: str, **reads: str) -> SymbolRule:
        """`reads`: staged table name (without `staging.`) → condition on its rows, e.g.
        `befolkning="region_type = 'kommune'"`."""
        return cls("stop", why, tuple((f"staging.{table}", where) for table, where in reads.items()))

    @classmethod
    def flag(cls, why: str) -> SymbolRule:
        return cls("flag", why)

    @classmethod
    def carry(cls, why: str) -> SymbolRule:
        return cls("carry", why)

    @classmethod
    def not_aggregated(cls, why: str) -> SymbolRule:
        return cls("not_aggregated", why)


def refuse_suppressed(con: duckdb.DuckDBPyConnection, rule: SymbolRule, model_table: str) -> None:
    """For a `stop` rule: raise naming every suppressed cell among the rows the model reads."""
    for table, where in rule.reads:
        columns = [r[0] for r in con.execute(f"describe {table}").fetchall()]
        keys = [c for c in columns if c not in ("status", "snapshot_id") and not c.endswith("_navn")]
        rows = con.execute(
            f"select {', '.join(keys)}, status from {table} where status in ('..', '...', ':') and ({where}) "
            f"order by all"
        ).fetchall()
        if not rows:
            continue
        cells = []
        for row in rows[:12]:
            values = dict(zip(keys, row[:-1], strict=True))
            named = ", ".join(f"{k}={v}" for k, v in values.items() if v is not None)
            cells.append(f"{named}: '{row[-1]}' ({MEANING[row[-1]]})")
        more = f"\n  … and {len(rows) - 12} more" if len(rows) > 12 else ""
        raise SuppressedCellError(
            f"{table}, field status: {len(rows)} cell(s) that {model_table} reads are an SSB symbol, not a number "
            f"(expected a number in every cell it reads: {rule.why}):\n  " + "\n  ".join(cells) + more
        )


def notes_in(con: duckdb.DuckDBPyConnection, table: str, year: int) -> list[str]:
    """The distinct notes of a model's report year, from its `merknad_symboler…` columns (text, or a
    list of texts)."""
    columns = [(r[0], r[1]) for r in con.execute(f"describe {table}").fetchall() if r[0].startswith(NOTE_PREFIX)]
    notes: list[str] = []
    for column, kind in columns:
        values = f"unnest({column})" if kind.endswith("[]") else column
        notes += [r[0] for r in con.execute(
            f"select distinct note from (select {values} as note from {table} where report_year = ?) "
            f"where note is not null order by 1", [year]).fetchall()]
    return list(dict.fromkeys(notes))
