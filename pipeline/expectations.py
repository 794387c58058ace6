"""The validation vocabulary: what a table must meet, declared beside the table and turned into a
Great Expectations suite by `pipeline.validation`.

`Expectations` are a table's own rules (one blocking check per table, named `expectations_<table>`);
an `Audit` is a rule on the audit columns a SQL model computes to check itself (a sum that must not
change, groups that must cover an age range), reported as a blocking check of its own name so that the
Dagster UI says which rule failed without opening metadata.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ColumnExpectations:
    """Expectations on one column; turned into Great Expectations expectations by the suite builder."""

    column: str
    not_null: bool = False
    min_value: float | None = None
    max_value: float | None = None
    allowed: tuple[str, ...] | None = None
    regex: str | None = None
    mostly: float = 1.0


@dataclass(frozen=True)
class Expectations:
    """The expectations a table (raw or staged) must meet; see `pipeline.validation`."""

    columns: tuple[ColumnExpectations, ...] = ()
    unique_key: tuple[str, ...] = ()
    min_rows: int = 1
    required_columns: tuple[str, ...] = ()
    # column -> values that must all occur in it (e.g. every year a figure needs)
    must_contain: tuple[tuple[str, tuple[object, ...]], ...] = ()
    # (a, b): a >= b on every row where both are set (a part never exceeds its total)
    at_least: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Audit:
    """A rule on a model's audit columns, checked in the same Great Expectations run as the table's
    own expectations but reported as its own blocking check, `name` (e.g. `national_total_unchanged_by_mapping`)."""

    name: str
    description: str
    columns: tuple[ColumnExpectations, ...] = ()
    # (a, b): a >= b on every row where both are set
    at_least: tuple[tuple[str, str], ...] = ()


# Tables read by label (pipeline/ssb: staging SQL finds measures by SSB's labels) count the SSB values behind
# each key in `verdier_per_nokkel`: more than one means a label list matched too widely.
ONE_VALUE_PER_KEY = Audit("one_ssb_value_per_key", "one SSB value behind each key (a label list matched too widely "
                          "otherwise)", columns=(ColumnExpectations("verdier_per_nokkel", max_value=1),))
