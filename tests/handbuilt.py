"""Hand-built snapshots in the documented layout, with numbers small enough to check by hand."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable
from pathlib import Path

import duckdb

from pipeline.warehouse import read_sql, set_variables

Dim = tuple[str, str | None, list[tuple[str, str]]]  # (API code, JSON-stat role, [(code, label)])


def jsonstat(label: str, dims: list[Dim], value: Callable[..., float | str | None]) -> dict:
    """A json-stat2 dataset shaped like a PxWebApi v2 reply; `value(*codes)` per cell, a str is a symbol."""
    values: list[float | None] = []
    status: dict[str, str] = {}
    for i, codes in enumerate(itertools.product(*[[c for c, _ in cats] for _, _, cats in dims])):
        v = value(*codes)
        if isinstance(v, str):
            status[str(i)] = v
            v = None
        values.append(v)
    roles: dict[str, list[str]] = {}
    for code, role, _ in dims:
        if role:
            roles.setdefault(role, []).append(code)
    doc = {
        "version": "2.0", "class": "dataset", "label": label, "source": "Statistisk sentralbyrå",
        "role": roles, "id": [d[0] for d in dims], "size": [len(d[2]) for d in dims],
        "dimension": {
            code: {"label": code.lower(), "category": {"index": {c: i for i, (c, _) in enumerate(cats)},
                                                       "label": dict(cats)}}
            for code, _, cats in dims
        },
        "value": values,
    }
    assert len(values) == math.prod(doc["size"])
    if status:
        doc["status"] = status
    return doc


# A small country: Oslo, a large and a small kommune, and 1003 + 1005 merged into 1006 in 2020.
KOMMUNER = {"0301": ("Oslo", 700_000), "1001": ("Storby", 60_000), "1002": ("Småby", 3_000),
            "1003": ("Vest (til 2019)", 8_000), "1005": ("Øst (til 2019)", 4_000), "1006": ("Vestøst", 12_000)}
MERGED = {"1003": "1006", "1005": "1006"}
YEARS_KOSTRA = [str(y) for y in range(2015, 2023)]
YEARS_POP = [str(y) for y in range(2015, 2024)]
FUNKSJONER = ("244", "251", "252")


def exists(code: str, year: int) -> bool:
    if code in MERGED:
        return year < 2020
    if code == "1006":
        return year >= 2020
    return True


def netto_1000_kr(code: str, funksjon: str, year: int) -> float:
    """Invented but exact: 1 000 kr per inhabitant and function, +5 % a year, +20 % for 252 in 2022."""
    base = KOMMUNER[code][1] * {"244": 1.0, "251": 0.5, "252": 2.0}[funksjon] / 1000
    step = 1.2 if (funksjon == "252" and year >= 2022) else 1.0
    return round(base * 1.05 ** (year - 2015) * step, 3)


def kostra_doc(symbols: dict[tuple[str, str, int], str] | None = None) -> dict:
    """`symbols`: (region, funksjon, year) → the status symbol SSB publishes instead of that cell's number."""
    regions = [("EAK", "Landet"), ("EAKUO", "Landet uten Oslo"),
               *[(c, f"{c} {name}") for c, (name, _) in KOMMUNER.items()]]

    def value(region, funksjon, art, contents, year):
        year = int(year)
        if (region, funksjon, year) in (symbols or {}):
            return symbols[(region, funksjon, year)]
        kommuner = [c for c in KOMMUNER if exists(c, year) and (region == "EAK" or c != "0301")]
        if region in ("EAK", "EAKUO"):
            return round(sum(netto_1000_kr(c, funksjon, year) for c in kommuner), 3)
        return netto_1000_kr(region, funksjon, year) if exists(region, year) else "."

    return jsonstat("12362: hand-built", [
        ("KOKkommuneregion0000", "geo", regions),
        ("KOKfunksjon0000", None, [(f, f) for f in FUNKSJONER]),
        ("KOKart0000", None, [("AGD2", "Netto driftsutgifter")]),
        ("ContentsCode", "metric", [("KOSbelop0000", "Beløp (1000 kr)")]),
        ("Tid", "time", [(y, y) for y in YEARS_KOSTRA]),
    ], value)


def population_doc() -> dict:
    regions = [("0", "Hele landet"), *[(c, f"{c} {name}") for c, (name, _) in KOMMUNER.items()]]
    ages = [("000", "0 år"), ("024", "24 år"), ("105+", "105 år eller eldre")]

    def value(region, age, contents, year):
        # Everyone is 24 in this country: the total per kommune is its size.
        def persons(code):
            return float(KOMMUNER[code][1]) if age == "024" else 0.0
        if region == "0":
            return sum(persons(c) for c in KOMMUNER if exists(c, int(year)))
        return persons(region) if exists(region, int(year)) else "."

    return jsonstat("07459: hand-built", [
        ("Region", "geo", regions), ("Alder", None, ages),
        ("ContentsCode", "metric", [("Personer1", "Personer")]), ("Tid", "time", [(y, y) for y in YEARS_POP]),
    ], value)


def write_kommune_snapshot(root: Path, deflator: list[tuple[int, float, str]],
                           kostra_symbols: dict[tuple[str, str, int], str] | None = None) -> Path:
    """`deflator`: (year, growth %, published YYYY-MM) rows of a test vintage; `kostra_symbols`: cells of
    12362 published as a symbol (see `kostra_doc`)."""
    for table, doc in (("12362", kostra_doc(kostra_symbols)), ("07459", population_doc())):
        path = root / "ssb" / table / "part-001.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    ref = root / "reference"
    ref.mkdir(exist_ok=True)
    rows = ["year,growth_percent,published,published_in,kind,source_document,source_url,quote"]
    rows += [f"{y},{g},{published},test,anslag,test fixture,urn:test," for y, g, published in deflator]
    (ref / "kommunal_deflator.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    changes = ["change_year,old_code,old_name,new_code,new_name,source_document,source_url"]
    changes += [f"2020,{old},,{new},,test fixture,urn:test" for old, new in MERGED.items()]
    (ref / "kommuneendringer.csv").write_text("\n".join(changes) + "\n", encoding="utf-8")
    return root


def demo_snapshot_to_edit(tmp_path: Path, report_year: int = 2023) -> Path:
    """The demo snapshot, without its manifest: a test edits its files by hand, so it is no longer the
    archive the manifest describes (and is read as an unverified, hand-built snapshot)."""
    from assets import write_demo

    root = write_demo(tmp_path / "demo", report_year).root
    (root / "snapshot.json").unlink()
    return root


def materialize_upstream(snapshot: Path, workdir: Path, *targets: str, year: int = 2023, instance=None):
    """Materialise `targets` (asset keys such as "indicators/tiltak_etter_type") and everything they need
    from a snapshot, and nothing else: a variant of the demo in a few seconds instead of a whole run.
    Returns (Dagster result, the run's failure message as `reformeval run` would print it, warehouse path)."""
    import dagster as dg

    from pipeline.app.definitions import all_asset_checks, all_assets
    from pipeline.app.run import _describe_failure
    from pipeline.resources import OutputResource, SnapshotResource, warehouse_resource

    warehouse = workdir / "warehouse.duckdb"
    selection = dg.AssetSelection.assets(*(dg.AssetKey(t.split("/")) for t in targets)).upstream()
    # Source tables are not partitioned: a selection of only those takes no report year.
    partitioned = any(t.split("/")[0] not in ("raw", "staging", "reference") for t in targets)
    result = dg.materialize(
        [*all_assets(), *all_asset_checks()], selection=selection, raise_on_error=False,
        partition_key=str(year) if partitioned else None, instance=instance,
        resources={"warehouse": warehouse_resource(str(warehouse)), "snapshot": SnapshotResource(path=str(snapshot)),
                   "output": OutputResource(path=str(workdir / "out"))},
    )
    return result, "\n".join(_describe_failure(result)), warehouse


# -- Hand-built warehouse tables, for running one model's SQL on a few rows ---------------------------

def table(con: duckdb.DuckDBPyConnection, name: str, rows: list[dict]) -> None:
    """A table `name` (schema.table) with the hand-built `rows` (every row has the same keys)."""
    import pandas as pd

    schema = name.split(".")[0]
    con.execute(f"create schema if not exists {schema}")
    frame = pd.DataFrame(rows)  # noqa: F841  (read by DuckDB by name)
    con.execute(f"create or replace table {name} as select * from frame")


def model(con: duckdb.DuckDBPyConnection, sql: str, year: int = 2023):
    """The rows of a SQL model (`sql/<sql>`) for a report year, as a DataFrame."""
    set_variables(con, report_year=year)
    return con.execute(read_sql(sql)).df()
