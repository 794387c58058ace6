"""Demo data for ASSS indicators 1–10 (`assets.sources.asss_kommune`), all invented: SSB 06083 (families
with children by type, below) and the kommune file
`kommune/asss_forebygging.csv` with answers from Oslo and the largest demo kommuner, 2021 to the year
before the report year. As in real life not every kommune answers: the smallest of them sends nothing,
and one starts a year late; most leave a question or two empty now and then. One kommune gives its
resources in årsverk, the others in kroner. Every row says DEMODATA in a column the reader does not read.
"""

from __future__ import annotations

from assets.sources.asss_kommune import ASSS_FOREBYGGING
from pipeline.demo import DEMO_LABEL, DemoSpec, DemoWorld, stable_random

_FIRST_YEAR = 2021
_KOMMUNER = 12  # Oslo and the eleven largest demo kommuner, as the twelve ASSS kommuner


def _ja(chance: float, *key: object) -> str:
    return "ja" if stable_random("asss", *key).random() < chance else "nei"


def _number(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def files(report_year: int) -> dict[str, bytes]:
    world = DemoWorld()
    last = report_year - 1
    kommuner = sorted((k for k in world.kommuner if k.exists(last)), key=lambda k: -k.population_2015)[:_KOMMUNER]
    columns = [c.name for c in ASSS_FOREBYGGING.columns]
    lines = [";".join([*columns, "merknad"])]
    for rank, kommune in enumerate(kommuner):
        if rank == len(kommuner) - 1:
            continue  # sends nothing: a kommune missing is normal
        first = _FIRST_YEAR + (1 if rank == 3 else 0)
        for year in range(first, last + 1):
            if not kommune.exists(year):
                continue
            code = kommune.code
            rng = stable_random("asss-tall", code, year)
            plan = _ja(0.8, "plan", code)  # a kommune keeps its plan once adopted: drawn per kommune
            samarbeid = _ja(0.7, "samarbeid", code)
            children = world.population_in_ages(code, year + 1, range(18))
            in_arsverk = rank == 2
            row = {
                "kommunenummer": code, "aar": str(year), "forebyggende_plan": plan,
                "plan_i_samfunnsdelen": _ja(0.5, "samfunnsdel", code) if plan == "ja" else "",
                "tverrfaglig_samarbeid": samarbeid,
                "antall_tjenester": str(rng.randint(2, 9)) if samarbeid == "ja" else "",
                "ressurser": ((f"{children / 10_000 * rng.uniform(1.5, 4):.1f}".replace(".", ",") if in_arsverk
                               else _number(children * rng.uniform(150, 400) * 1.04 ** (year - _FIRST_YEAR)))
                              if samarbeid == "ja" else ""),
                "ressurser_enhet": ("årsverk" if in_arsverk else "kroner") if samarbeid == "ja" else "",
                "samarbeid_utenfor_kommunen": _ja(0.6, "utenfor", code, year),
                "foreldrestotte_universelt": _ja(0.9, "universelt", code, year),
                "foreldrestotte_selektivt": _ja(0.7, "selektivt", code, year),
                "foreldrestotte_indikativt": _ja(0.5, "indikativt", code, year),
                "familier_hjulpet": str(int(children * rng.uniform(0.002, 0.01))) if samarbeid == "ja" else "",
            }
            if rng.random() < 0.15:  # a question left empty now and then
                row[rng.choice(["samarbeid_utenfor_kommunen", "foreldrestotte_indikativt", "familier_hjulpet"])] = ""
            lines.append(";".join([*(row[c] for c in columns), DEMO_LABEL]))
    return {f"kommune/{ASSS_FOREBYGGING.name}.csv": ("\n".join(lines) + "\n").encode("utf-8")}


# SSB 06083: families with children 0–17 on 1 January, about one family per 1,8 children, spread over the
# four family types (couples more often than single parents, small and large children alike).
_FAMILIETYPE_ANDEL = {"par_smaa_barn": 0.36, "par_store_barn": 0.43, "mor_far_smaa_barn": 0.05,
                      "mor_far_store_barn": 0.16}


def _demo_06083(cell: dict[str, str], world: DemoWorld) -> float | str | None:
    code, year = cell["region"], int(cell["aar"])
    if not world.kommune(code).exists(year):
        return "."
    children = world.population_in_ages(code, year, range(18))
    return float(round(children / 1.8 * _FAMILIETYPE_ANDEL[cell["familietype"]]))


TABLES = {"06083": DemoSpec(value=_demo_06083)}
