"""Demo values for the ASSS domain (`assets.sources.asss`, `assets.asss`): the demo's own "ASSS kommuner" and
SSB 12275 (children with measures by kommune, age and funksjon), all synthetic.

The demo world has no real ASSS kommune but Oslo, so the demo snapshot brings its own
`reference/asss_kommuner.csv` (read in place of `sql/seeds/asss_kommuner.csv`): Oslo and the eleven largest
demo kommuner, one of them the demo's 2020 merger (9958 + 9959 -> 9960), every row labelled DEMODATA.
"""

from __future__ import annotations

import csv
import io

from pipeline.demo import DEMO_CHANGES_2020, OSLO, DemoWorld

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


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def files(report_year: int) -> dict[str, bytes]:
    return {"reference/asss_kommuner.csv": _csv(demo_asss_kommuner())}
