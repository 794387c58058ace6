"""A deterministic, clearly synthetic demo snapshot in the exact layout and JSON-stat shape of SSB.

The demo world has Oslo and a set of invented kommuner ("Demokommune NN") spread over all six
befolkningskategorier, with populations, spending and measures drawn from a seeded generator. Every
file is flagged `synthetic: true` in the manifest, every dataset label says DEMODATA, and every figure
made from it carries a "Demodata" watermark. Nothing here is a published number.

How the demo fills an SSB table is a `DemoSpec`, given by the caller: the project keeps one per declared
table apart from the declarations (`assets/demo/`), so this module knows no single table.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pipeline.errors import DeclarationError
from pipeline.snapshot import Snapshot, SnapshotWriter
from pipeline.ssb.declaration import SsbTable

DEMO_SEED = "reformeval-demo-v1"
DEMO_LABEL = "DEMODATA – syntetiske tall"
OSLO = "0301"
DEFAULT_API_CODES = {"time": "Tid", "metric": "ContentsCode", "geo": "Region"}


@dataclass(frozen=True)
class DemoSpec:
    """How the demo generator fills a table: `value(cell, world)` returns a number, None or an SSB
    symbol for one kommune-level cell (`cell` maps column -> code; a labelled variable's stable key);
    national rows are summed from the kommuner. `categories` gives the values of an `all` selection
    other than the region."""

    value: Callable[[dict[str, str], DemoWorld], float | str | None]
    categories: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    parts_by: str | None = None  # split the demo reply into parts along this column
    # National rows: the sum of the kommuner (counts, kroner) or their plain mean (a table of shares).
    national: Literal["sum", "mean"] = "sum"


@dataclass(frozen=True)
class DemoKommune:
    code: str
    name: str
    population_2015: int
    growth: float
    first_year: int | None = None  # a kommune created by a merger exists only from this year
    last_year: int | None = None  # a kommune merged into another exists only up to this year

    def exists(self, year: int) -> bool:
        return (self.first_year is None or year >= self.first_year) and (
            self.last_year is None or year <= self.last_year
        )


# The demo's own structure changes in 2020, mirroring the real ones: two kommuner merged into one,
# one renumbered. The demo snapshot carries them as reference/kommuneendringer.csv.
DEMO_CHANGES_2020 = (("9958", "9960"), ("9959", "9960"), ("9957", "9961"))


def stable_random(*keys: object) -> random.Random:
    """A generator seeded by its keys, the same on every machine and Python version."""
    digest = hashlib.sha256("|".join(map(str, (DEMO_SEED, *keys))).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


# Single years of age with a crude but plausible shape: flat to 60, thinning after.
_AGE_WEIGHTS = [1.0 if a < 60 else max(0.02, 1.0 - (a - 60) / 42) for a in range(106)]
_AGE_TOTAL = sum(_AGE_WEIGHTS)


# A larger demo country for the scale benchmark (`make bench`): `REFORMEVAL_DEMO_SCALE=10` gives ten times the
# kommuner, the first 62 exactly the demo's own. Read by every DemoWorld, also those the demo modules make.
DEMO_SCALE_ENV = "REFORMEVAL_DEMO_SCALE"


def demo_scale() -> int:
    """The demo country's size as a multiple of the demo's own (1 unless `REFORMEVAL_DEMO_SCALE` says)."""
    text = os.environ.get(DEMO_SCALE_ENV, "1")
    if not text.isdigit() or int(text) < 1:
        raise DeclarationError(f"{DEMO_SCALE_ENV}={text!r}: expected a whole number of at least 1")
    return int(text)


class DemoWorld:
    """The invented kommuner and their populations; the table demo functions draw on it."""

    n_kommuner = 60

    def __init__(self, scale: int | None = None):
        self.scale = demo_scale() if scale is None else scale

    @cached_property
    def kommuner(self) -> list[DemoKommune]:
        return self._own_kommuner() + self._scaled_kommuner()

    def _scaled_kommuner(self) -> list[DemoKommune]:
        """The kommuner a scaled world has beyond the demo's own: 91xx-96xx, drawn like them, none changing."""
        out = []
        for i in range(self.n_kommuner, self.n_kommuner * self.scale):
            rng = stable_random("kommuner-skalert", i)
            size = int(math.exp(rng.uniform(math.log(800), math.log(150_000))))
            out.append(DemoKommune(f"9{i + 40:03d}", f"Demokommune {i + 40:03d}", size, rng.uniform(-0.01, 0.015)))
        return out

    def _own_kommuner(self) -> list[DemoKommune]:
        rng = stable_random("kommuner")
        out = [DemoKommune(OSLO, "Oslo", 650_000, 0.010)]
        # Log-uniform sizes from 800 to 150 000 cover befolkningskategori 1 to 6.
        for i in range(1, self.n_kommuner):
            size = int(math.exp(rng.uniform(math.log(800), math.log(150_000))))
            out.append(DemoKommune(f"99{i:02d}", f"Demokommune {i:02d}", size, rng.uniform(-0.01, 0.015)))
        out[-3:] = [  # the last three change in 2020: see DEMO_CHANGES_2020
            DemoKommune("9957", "Demokommune 57 (til 2019)", 4_200, 0.002, last_year=2019),
            DemoKommune("9958", "Demokommune 58 (til 2019)", 14_400, 0.004, last_year=2019),
            DemoKommune("9959", "Demokommune 59 (til 2019)", 9_600, 0.004, last_year=2019),
        ]
        out.append(DemoKommune("9961", "Demokommune 61 (fra 2020)", 4_200, 0.002, first_year=2020))
        out.append(DemoKommune("9960", "Demokommune 60 (fra 2020)", 24_000, 0.004, first_year=2020))
        return out

    def kommune(self, code: str) -> DemoKommune:
        return self._by_code[code]

    @cached_property
    def _by_code(self) -> dict[str, DemoKommune]:
        return {k.code: k for k in self.kommuner}

    def population(self, code: str, year: int, age: int | None = None) -> int:
        kommune = self.kommune(code)
        total = kommune.population_2015 * (1 + kommune.growth) ** (year - 2015)
        if age is None:
            return int(round(total))
        return int(round(total * _AGE_WEIGHTS[min(age, 105)] / _AGE_TOTAL))

    def population_in_ages(self, code: str, year: int, ages: Iterable[int]) -> int:
        return sum(self.population(code, year, a) for a in ages)


def _api_code(var: Any) -> str:
    if var.code:
        return var.code
    if var.role in DEFAULT_API_CODES:
        return DEFAULT_API_CODES[var.role]
    return "".join(part.capitalize() for part in var.column.split("_"))  # the demo's own invented code


def _categories(table: SsbTable, spec: DemoSpec, world: DemoWorld,
                report_year: int) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for var in table.variables:
        labels = table.known_labels.get(var.column, {})
        sel = var.selection
        if var.role == "geo" and sel.kind == "all" and var.column in spec.categories:
            cats = list(spec.categories[var.column])  # a table without kommuner: its own regions
        elif var.role == "geo" and sel.kind == "all":
            cats = [(table.regions.national, "Hele landet")]
            if table.regions.national_without_oslo:
                cats.append((table.regions.national_without_oslo, "Landet uten Oslo"))
            cats += [(k.code, f"{k.code} {k.name}") for k in world.kommuner]
        elif sel.kind == "years":
            cats = [(y, y) for y in table.data_years(report_year)]
        elif sel.kind == "all":
            cats = list(spec.categories[var.column])
        elif sel.kind == "codes":
            cats = [(c, labels.get(c, c)) for c in sel.values]
        else:  # labels: invent codes, as the live API would have its own
            cats = [(f"L{i:02d}", lab) for i, lab in enumerate(sel.values, start=1)]
            if var.column in spec.categories:  # years in which a category did not exist yet, etc.
                cats = [c for c in cats if c[1] in {lab for _, lab in spec.categories[var.column]}]
        out[var.column] = cats
    return out


def demo_document(table: SsbTable, spec: DemoSpec, world: DemoWorld, report_year: int,
                  only: tuple[str, list[tuple[str, str]]] | None = None) -> dict[str, Any]:
    """One JSON-stat 2.0 dataset shaped like a PxWebApi v2 reply, filled from the demo world as `spec` says."""
    cats = _categories(table, spec, world, report_year)
    if only is not None:
        cats[only[0]] = only[1]
    columns = [v.column for v in table.variables]
    geo = next((v.column for v in table.variables if v.role == "geo"), None)
    # The demo value functions see a labelled variable's stable key, not the invented code.
    key_of = {v.column: {code: v.selection.key_for(lab) for code, lab in cats[v.column]}
              for v in table.variables if v.selection.kind == "labels"}
    # National rows are the sum of the kommuner where the table has kommuner; a national-only table
    # (region selected by its national code) gets its national values from the demo function.
    sums_kommuner = geo is not None and any(table.regions.classify(c) == "kommune" for c, _ in cats[geo])
    sizes = [len(cats[c]) for c in columns]
    n = math.prod(sizes)
    values: list[float | None] = [None] * n
    status: dict[str, str] = {}
    kommune_sums: dict[tuple, float] = {}
    kommune_sums_uten_oslo: dict[tuple, float] = {}
    kommune_counts: dict[tuple, int] = {}
    kommune_counts_uten_oslo: dict[tuple, int] = {}
    aggregates: list[tuple[int, str, tuple]] = []
    for flat in range(n):
        rest, cell = flat, {}
        for column, size in zip(reversed(columns), reversed(sizes), strict=True):
            cell[column] = cats[column][rest % size][0]
            rest //= size
        region_type = table.regions.classify(cell[geo]) if geo else "kommune"
        key = tuple((c, cell[c]) for c in columns if c != geo)
        if region_type in ("landet", "landet_uten_oslo") and sums_kommuner:
            aggregates.append((flat, region_type, key))
            continue
        value = spec.value({c: key_of[c][v] if c in key_of else v for c, v in cell.items()}, world)
        if isinstance(value, str):
            status[str(flat)] = value
            continue
        values[flat] = value
        if value is not None:
            kommune_sums[key] = kommune_sums.get(key, 0.0) + value
            kommune_counts[key] = kommune_counts.get(key, 0) + 1
            if cell.get(geo) != OSLO:
                kommune_sums_uten_oslo[key] = kommune_sums_uten_oslo.get(key, 0.0) + value
                kommune_counts_uten_oslo[key] = kommune_counts_uten_oslo.get(key, 0) + 1
    for flat, region_type, key in aggregates:
        sums = kommune_sums if region_type == "landet" else kommune_sums_uten_oslo
        values[flat] = round(sums.get(key, 0.0), 3)
        if spec.national == "mean":
            counts = kommune_counts if region_type == "landet" else kommune_counts_uten_oslo
            values[flat] = round(sums.get(key, 0.0) / counts[key], 3) if counts.get(key) else None
    dimension = {}
    roles: dict[str, list[str]] = {}
    for var in table.variables:
        code = _api_code(var)
        dimension[code] = {
            "label": var.label or var.column,
            "category": {
                "index": {c: i for i, (c, _) in enumerate(cats[var.column])},
                "label": {c: lab for c, lab in cats[var.column]},
            },
            "extension": {"elimination": False, "show": "value"},
        }
        if var.role in ("time", "geo", "metric"):
            roles.setdefault(var.role, []).append(code)
    doc: dict[str, Any] = {
        "version": "2.0",
        "class": "dataset",
        "label": f"{table.id}: {table.title} ({DEMO_LABEL})",
        "source": "reformeval demo generator (ikke Statistisk sentralbyrå)",
        "updated": f"{report_year}-01-01T00:00:00Z",
        "note": [f"{DEMO_LABEL}: generert av reformeval, ikke publiserte tall."],
        "role": roles,
        "id": [_api_code(v) for v in table.variables],
        "size": sizes,
        "dimension": dimension,
        "extension": {"synthetic": True},
        "value": values,
    }
    if status:
        doc["status"] = status
    return doc


def _encode(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_demo_snapshot(target: str | Path, tables: Iterable[SsbTable], specs: Mapping[str, DemoSpec],
                        report_year: int, extra_files: dict[str, bytes] | None = None) -> Snapshot:
    """Write the demo snapshot for a report year into `target` (a new directory): every table in `tables`
    filled as its spec in `specs` (by table id) says, with further synthetic files
    (`reference/<name>.csv`, `bufdir/<dataset>.csv|.xlsx`) where given."""
    tables = list(tables)
    missing = [t.id for t in tables if t.id not in specs]
    if missing:
        raise DeclarationError(f"no demo values for SSB table(s) {', '.join(missing)}: the demo snapshot "
                               f"fills every table it is given, each with a DemoSpec")
    world = DemoWorld()
    scaled = f"-x{world.scale}" if world.scale != 1 else ""
    writer = SnapshotWriter(target, source="demo", synthetic=True, report_year=report_year,
                            snapshot_id=f"demo-{report_year}-{DEMO_SEED}{scaled}")
    try:
        for table in tables:
            spec = specs[table.id]
            if spec.parts_by:
                column = spec.parts_by
                values = _categories(table, spec, world, report_year)[column]
                half = (len(values) + 1) // 2
                chunks = [values[:half], values[half:]]
            else:
                column, chunks = "", [None]
            for i, chunk in enumerate(chunks, start=1):
                doc = demo_document(table, spec, world, report_year, (column, chunk) if chunk else None)
                writer.add_ssb_part(table.id, f"part-{i:03d}", _encode(doc),
                                    url=None, query={"demo": True, "split_on": column or None},
                                    fetched=writer.manifest["created"])
        for relpath, data in (extra_files or {}).items():
            kind, name = relpath.split("/", 1)
            writer.add(relpath, data, kind=kind, table=name.rsplit(".", 1)[0])
        return writer.commit()
    except BaseException:
        writer.abort()
        raise
