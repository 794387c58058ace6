"""Demo values for the ASSS domain (`assets.sources.asss`, `assets.asss`): the demo's own "ASSS kommuner" and
SSB 12275 (children with measures by kommune, age and funksjon) and SSB 13502 (the share of children 1-5 in
barnehage), all synthetic.

The demo world has no real ASSS kommune but Oslo, so the demo snapshot brings its own
`reference/asss_kommuner.csv` (read in place of `sql/seeds/asss_kommuner.csv`): Oslo and the eleven largest
demo kommuner, one of them the demo's 2020 merger (9958 + 9959 -> 9960), every row labelled DEMODATA.
"""

from __future__ import annotations

import csv
import io

from pipeline.demo import DEMO_CHANGES_2020, OSLO, DemoSpec, DemoWorld, stable_random

DEMO_SOURCE = "DEMODATA – syntetisk – ikke en publisert kilde"
DEMO_URL = "urn:reformeval:demo"


def demo_asss_kommuner() -> list[dict[str, str]]:
    world = DemoWorld()
    merged_into = {new for _, new in DEMO_CHANGES_2020}
    changed = {old for old, _ in DEMO_CHANGES_2020} | merged_into
    stable = sorted((k for k in world.kommuner if k.code not in changed and k.code != OSLO),
                    key=lambda k: -k.population_2015)[:10]
    rows = [("Oslo", OSLO, OSLO, "Oslo", "", "")]
    rows += [(k.name, k.code, k.code, k.name, "", "") for k in stable]
    merger = "9960"
    asss_navn = world.kommune(merger).name
    rows += [(asss_navn, old, old, world.kommune(old).name, "", "2019")
             for old, new in DEMO_CHANGES_2020 if new == merger]
    rows.append((asss_navn, merger, merger, asss_navn, "2020", ""))
    return [{"asss_kommune": asss, "kommunenummer": code, "kommunenavn": navn, "fra_aar": fra, "til_aar": til,
             "merknad": "DEMODATA", "source_document": DEMO_SOURCE, "source_url": DEMO_URL, "medlemskap_url": DEMO_URL}
            for asss, _, code, navn, fra, til in rows]


# Invented shares of children 0-17 with a measure per 31.12, by funksjon, and the 2022 reform's step.
_DEMO_ANDEL_31_12 = {"1": 0.016, "2": 0.0085}
_DEMO_REFORM = {"1": 1.03, "2": 0.95}


def _demo_children(cell: dict[str, str], world: DemoWorld) -> float | str | None:
    """SSB 12275 in the demo: children 0-17 with measures per kommune, funksjon and year; 0 (i alt) is 251 +
    252 per 31.12 and a little less than their sum during the year (a child can have both in one year)."""
    kommune, year, funksjon, maal = cell["region"], int(cell["aar"]), cell["funksjon"], cell["statistikkvariabel"]
    if not world.kommune(kommune).exists(year):
        return "."
    if kommune != OSLO and stable_random("12275", kommune).random() < 0.04 and year == 2019:
        return ":"  # a small kommune's numbers not shown one year
    barn = world.population_in_ages(kommune, year + 1, range(0, 18))  # 1 January after = 31.12

    def per_31_12(f: str) -> float:
        rng = stable_random("12275", kommune, f)
        trend = 1.0 + rng.uniform(-0.03, 0.02) * (year - 2015)
        return round(barn * _DEMO_ANDEL_31_12[f] * rng.uniform(0.6, 1.5) * trend
                     * (_DEMO_REFORM[f] if year >= 2022 else 1.0))

    parts = {f: per_31_12(f) for f in ("1", "2")}
    if maal == "i_lopet_av_aaret":
        parts = {f: round(v * (1.45 if f == "1" else 1.2)) for f, v in parts.items()}
        return parts[funksjon] if funksjon != "0" else round(0.95 * sum(parts.values()))
    return parts[funksjon] if funksjon != "0" else float(sum(parts.values()))


def _demo_barnehage(cell: dict[str, str], world: DemoWorld) -> float | str | None:
    """SSB 13502 in the demo: the share of children 1-5 in barnehage, 85-96 %, rising a little each year; one
    small kommune's share not published one year. The national rows are the plain mean of the kommuner's shares
    (`national="mean"`), not a sum."""
    kommune, year = cell["region"], int(cell["aar"])
    if not world.kommune(kommune).exists(year):
        return "."
    rng = stable_random("13502", kommune)
    if kommune != OSLO and rng.random() < 0.03 and year == 2018:
        return ".."
    return round(min(99.0, rng.uniform(85.0, 94.0) + 0.3 * (year - 2015)), 1)


TABLES = {"12275": DemoSpec(value=_demo_children, parts_by="aar"),
          "13502": DemoSpec(value=_demo_barnehage, national="mean")}


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def files(report_year: int) -> dict[str, bytes]:
    return {"reference/asss_kommuner.csv": _csv(demo_asss_kommuner())}
