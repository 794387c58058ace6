"""Demo values for measures by age (SSB 10661, `assets.sources.tiltak_alder`): invented counts for the
three measures the figures read, by age group; mellombels heim only from 2021, sentre not after 18."""

from pipeline.demo import DemoSpec, DemoWorld, stable_random

# Tiltak 2.06 (mellombels heim i familie og nære nettverk) is a category from 2021.
NEW_CATEGORY_YEAR = 2021

_DEMO_TILTAK = (("00", "Barnevernstiltak i alt"),  # all measures: the N under figure 5-5 (assets.plasseringer)
                ("2.05", "Beredskapsheim utanom familie og nære nettverk"),
                ("2.06", "Mellombels heim i familie og nære nettverk"),
                ("3.08", "Sentre for foreldre og barn"))
_DEMO_ALDER = (("000-002", "0-2 år"), ("003-005", "3-5 år"), ("006-012", "6-12 år"), ("013-017", "13-17 år"),
               ("018+", "18 år og over"))
_DEMO_BASE = {"2.05": {"000-002": 260, "003-005": 140, "006-012": 260, "013-017": 280, "018+": 10},
              "2.06": {"000-002": 60, "003-005": 40, "006-012": 70, "013-017": 60, "018+": 5},
              "3.08": {"000-002": 210, "003-005": 25, "006-012": 8, "013-017": 2, "018+": 0}}


# Every other measure, in "Barnevernstiltak i alt" only.
_DEMO_ANDRE = {"000-002": 7_500, "003-005": 9_000, "006-012": 24_000, "013-017": 22_000, "018+": 9_000}


def _demo_10661(cell: dict[str, str], world: DemoWorld) -> float | str | None:
    year, tiltak, alder, maal = int(cell["aar"]), cell["tiltak"], cell["alder"], cell["statistikkvariabel"]
    if tiltak == "00":
        parts = [_demo_10661({**cell, "tiltak": t}, world) for t, _ in _DEMO_TILTAK[1:]]
        noise = stable_random("10661", "00", alder, year).uniform(0.97, 1.03)
        andre = _DEMO_ANDRE[alder] * 0.98 ** (year - 2015) * noise
        return float(round(andre * (2.1 if maal == "TiltakGjennomAar" else 1.0)) + sum(
            p for p in parts if isinstance(p, float)))
    if tiltak == "2.06" and year < NEW_CATEGORY_YEAR:
        return "."
    if tiltak == "3.08" and alder == "018+":
        return "-"
    trend = (1.08 if tiltak == "2.06" else 0.97) ** (year - 2015)
    base = _DEMO_BASE[tiltak][alder] * trend * stable_random("10661", tiltak, alder, year).uniform(0.9, 1.1)
    return float(round(base * (2.1 if maal == "TiltakGjennomAar" else 1.0)))


TABLES = {
    "10661": DemoSpec(value=_demo_10661, categories={
        "tiltak": _DEMO_TILTAK, "alder": _DEMO_ALDER,
        "statistikkvariabel": (("Tiltak3112", "Barnevernstiltak per 31. desember"),
                               ("TiltakGjennomAar", "Barnevernstiltak i løpet av året")),
    }),
}
