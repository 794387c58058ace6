"""Declarations of SSB tables: what is queried from a table and what its rows must satisfy.

One `SsbTable` per table is the single place that knows a table's variables, the codes or labels it
asks for, its years, how its region codes look and the expectations its raw and staged data must meet.
The client builds queries from it, the parser checks replies against it, the assets and validation
suites are generated from it. Adding a table is adding a declaration (see `assets/sources/`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from pipeline.expectations import Expectations

Role = Literal["time", "geo", "metric", "classification"]


def normalize_label(text: str) -> str:
    """Labels compare case-blind, with runs of white space as one and trailing dots dropped."""
    return " ".join(str(text).split()).casefold().rstrip(".").strip()


@dataclass(frozen=True)
class Selection:
    """Which values of a variable are queried.

    `kind` is one of:
    - "codes": value codes as the table has them (checked against the metadata before querying);
    - "labels": value labels (resolved to codes against the live metadata at fetch time, recorded in
      the snapshot manifest; used where public sources did not reveal the codes). Each label has a
      stable key (`labeled`); the raw table carries it as `<column>_key`, and SQL models use the keys;
    - "all": every value (`*`);
    - "years": the time variable from `first_year` to the report year's data year.

    A labelled value SSB has renamed may name every label it is known by (`labeled({key: (label,
    other, ...)})`): `alternatives` holds them per value (empty where no value has one), `values` the
    first of each; a fetch takes whichever one the table has, and refuses a table that has two of them.
    """

    kind: Literal["codes", "labels", "all", "years"]
    values: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    alternatives: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def codes(cls, *codes: str) -> Selection:
        return cls("codes", tuple(codes))

    @classmethod
    def labels(cls, *labels: str) -> Selection:
        return cls("labels", tuple(labels), tuple(labels))

    @classmethod
    def labeled(cls, keyed: dict[str, str | tuple[str, ...]]) -> Selection:
        """Values named by their SSB label, each with the stable key the warehouse uses: {key: label}, or
        {key: (label, older or newer label, ...)} for a value SSB has renamed."""
        names = {key: (label,) if isinstance(label, str) else tuple(label) for key, label in keyed.items()}
        alternatives = tuple(names.values()) if any(len(n) > 1 for n in names.values()) else ()
        return cls("labels", tuple(n[0] for n in names.values()), tuple(names), alternatives)

    @classmethod
    def all(cls) -> Selection:
        return cls("all")

    @classmethod
    def years(cls) -> Selection:
        return cls("years")

    def accepted(self, index: int) -> tuple[str, ...]:
        """Every label the `index`-th value may carry (its own first)."""
        return self.alternatives[index] if self.alternatives else (self.values[index],)

    def key_for(self, label: str) -> str | None:
        wanted = normalize_label(label)
        for i, key in enumerate(self.keys):
            if any(normalize_label(value) == wanted for value in self.accepted(i)):
                return key
        return None


@dataclass(frozen=True)
class Variable:
    """A variable (JSON-stat dimension) of a table.

    `code` is the API code (e.g. "KOKfunksjon0000"). Where public sources did not confirm it, the
    variable can be found by `role` alone (time, geo, metric as the JSON-stat reply marks them), or
    by its `label` in the metadata; then `code` is None and the one matching dimension is taken.
    `column` is the stable name the warehouse uses for it.
    """

    column: str
    selection: Selection
    code: str | None = None
    role: Role | None = None
    codelist: str | None = None
    output_values: Literal["aggregated", "single"] | None = None
    # Where the API code is unknown: the variable's label in the metadata (e.g. "omsorgs-/hjelpetiltak").
    label: str | None = None

    def __post_init__(self) -> None:
        if self.code is None and self.label is None and self.role not in ("time", "geo", "metric"):
            raise ValueError(f"variable {self.column!r}: needs a code, a label or a time/geo/metric role")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", self.column):
            raise ValueError(f"variable column {self.column!r} must be snake_case")


@dataclass(frozen=True)
class RegionCodes:
    """How a table codes its regions. KOSTRA tables use `EAK` for the country, other tables `0`."""

    national: str
    # Four digits; v2's aggregated codelists (agg_KommSummer) prefix them with "K-".
    kommune_pattern: str = r"^(K-)?\d{4}$"
    national_without_oslo: str | None = None
    # Further kinds of region a table has, as (region_type, pattern), tried in order:
    # e.g. (("barnevernsregion", r"^R\d+$"), ("fylke", r"^\d{2}$")) for SSB 10660.
    other: tuple[tuple[str, str], ...] = ()

    def classify(self, code: str) -> str:
        if code == self.national:
            return "landet"
        if self.national_without_oslo and code == self.national_without_oslo:
            return "landet_uten_oslo"
        if re.match(self.kommune_pattern, code):
            return "kommune"
        for region_type, pattern in self.other:
            if re.match(pattern, code):
                return region_type
        return "annen"


@dataclass(frozen=True)
class SsbTable:
    """The declaration of one SSB table."""

    id: str
    title: str
    variables: tuple[Variable, ...]
    regions: RegionCodes
    first_year: int
    staging_sql: str
    staged_table: str
    unit: str
    raw_expectations: Expectations = field(default_factory=Expectations)
    staged_expectations: Expectations = field(default_factory=Expectations)
    description: str = ""
    # SSB publishes most statistics a year after the fact, so a report year's data ends the year
    # before; population on 1 January is there for the report year itself (lag 0).
    data_lag_years: int = 1
    # Labels of value codes the project knows (for figures and the demo snapshot); the live
    # metadata's labels win where they exist.
    known_labels: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)
    # Variables (API code or label) not declared that SSB may sum over when it eliminates them
    # (their values exclude each other, e.g. "Kjonn"); see `pipeline.ssb.client.resolve_query`.
    summed_over: tuple[str, ...] = ()
    # For a table with kommune rows: the staged column that holds its value. Every kommune code such a
    # table has (with a value, or a symbol other than '.') must map to the report year's kommuner
    # (`indicators.kommunestruktur`), so a code missing from the KLASS changes stops the run.
    kommune_value_column: str | None = None
    # Other SSB tables that may publish this declaration's variables and values (e.g. functions 244/251/252
    # in 12367 where 12362 has only function groups): a live fetch and `fetch --check` take the first of
    # the table itself and these whose `/metadata` resolves the declaration, and stop naming every one's
    # mismatches when none does. The snapshot keeps the parts under the declared id, and its manifest
    # records the table they came from (`fetched_from`).
    also_published_in: tuple[str, ...] = ()

    def variable(self, column: str) -> Variable:
        for var in self.variables:
            if var.column == column:
                return var
        raise KeyError(f"SSB table {self.id} declares no column {column!r}")

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(v.column for v in self.variables)

    def data_years(self, report_year: int) -> list[str]:
        """Years queried for a report year: up to its data cut-off (`data_lag_years` before it)."""
        return [str(y) for y in range(self.first_year, report_year - self.data_lag_years + 1)]

    def years_needed(self, report_year: int) -> tuple[int, ...]:
        """The data years an indicator built on this table must have (for `must_contain`)."""
        return tuple(int(y) for y in self.data_years(report_year))

    @property
    def raw_table(self) -> str:
        return f"raw.ssb_{self.id}"

