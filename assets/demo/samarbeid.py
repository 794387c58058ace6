"""Demo data for inter-municipal cooperation (`assets.sources.samarbeid`), all invented:

- the Bufdir file: two overviews, 31.08.2021 and 31.08 of the report year, one row per kommune of the
  demo world. Small kommuner cooperate more often, as the report finds; the cooperations have two to six
  kommuner, named "Demosamarbeid NN"; a few of them are newer than 2021, so the 2021 overview lists fewer
  kommuner (as the report's 195 against 199).
- SSB 12115 per kommune and year (ja = 1, nei = 0): the kommuner of Bufdir's overview of that time, and a
  few more that share only a barnevernsvakt (SSB's count is higher than Bufdir's, as in the report).
"""

from __future__ import annotations

from functools import cache

from assets.sources.samarbeid import SAMARBEID
from pipeline.demo import DemoKommune, DemoSpec, DemoWorld, stable_random

_FIRST_OVERVIEW = 2021  # Bufdir's earlier overview, the one the report compares with
_SIZES = (2, 2, 2, 3, 3, 3, 4, 4, 5, 6)  # kommuner per cooperation, drawn from: two or three most often


def _cooperates(kommune: DemoKommune) -> bool:
    # Small kommuner cooperate more often, as the report finds.
    chance = 0.7 if kommune.population_2015 < 5000 else 0.35 if kommune.population_2015 < 20_000 else 0.1
    return stable_random("samarbeid", kommune.code).random() < chance


@cache
def _cooperations(year: int) -> dict[str, str]:
    """Kommune code -> the name of its cooperation in Bufdir's overview of `year`."""
    members = [k.code for k in DemoWorld().kommuner if k.exists(year) and _cooperates(k)]
    out: dict[str, str] = {}
    i, n = 0, 0
    while len(members) - i >= 2:
        size = stable_random("samarbeid-storrelse", i).choice(_SIZES)
        group = members[i:i + size] if len(members) - (i + size) != 1 else members[i:]  # never one left alone
        n += 1
        name = f"Demosamarbeid {n:02d}"
        # one cooperation in four (the 2nd, 6th, ...) was formed after the first overview
        if year > _FIRST_OVERVIEW or n % 4 != 2:
            out.update({code: name for code in group})
        i += len(group)
    return out


def _overview_years(report_year: int) -> list[int]:
    return sorted({min(_FIRST_OVERVIEW, report_year), report_year})


def files(report_year: int) -> dict[str, bytes]:
    lines = ["kommunenummer;formelt_samarbeid;samarbeid;per_dato"]
    for year in _overview_years(report_year):
        cooperations = _cooperations(year)
        for kommune in DemoWorld().kommuner:
            if kommune.exists(year):
                name = cooperations.get(kommune.code)
                lines.append(f"{kommune.code};{'ja' if name else 'nei'};{name or ''};31.08.{year}")
    return {f"bufdir/{SAMARBEID.name}.csv": ("\n".join(lines) + "\n").encode("utf-8")}


def _demo_12115(cell: dict[str, str], world: DemoWorld) -> float | str | None:
    code, year = cell["region"], int(cell["aar"])
    if not world.kommune(code).exists(year):
        return "."
    bufdir = _cooperations(_FIRST_OVERVIEW if year <= _FIRST_OVERVIEW else year)
    vakt_only = stable_random("12115-vakt", code).random() < 0.08  # counted by SSB, not by Bufdir
    return 1.0 if code in bufdir or vakt_only else 0.0


TABLES = {"12115": DemoSpec(value=_demo_12115)}
