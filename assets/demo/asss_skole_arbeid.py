"""Demo data for ASSS indicators 12, 13 and 15 (`assets.sources.asss_skole_arbeid`), all invented: the file
`kommune/asss_skole_arbeid.csv` as an evaluator would copy it from Udir's and NAV's tables, for the demo's
twelve ASSS kommuner (`assets.demo.asss`; the 2020 merger's old codes in 2019, as the agencies' tables of
that year have them), 2019 to the year before the report year. Pupils and cohorts follow the demo
population (10. trinn about the 15-year-olds, a cohort about the 21-year-olds: 16 five years earlier), helt ledige
about 2 % of the inhabitants 15–24. As in real tables: one kommune gives NAV's 15–24 in one row, the others
15–19 and 20–24; one kommune's 13 comes as not completed; a few cells are suppressed («*», counts under 4 in
NAV's rule). Every row says DEMODATA in `kilde` and in a column the reader does not read.
"""

from __future__ import annotations

from assets.demo.asss import demo_asss_kommuner
from assets.sources.asss_skole_arbeid import ASSS_SKOLE_ARBEID
from pipeline.demo import DEMO_LABEL, DemoWorld, stable_random

_FIRST_YEAR = 2019

_DEFINISJON = {
    "uten_grunnskolepoeng": "Elever uten grunnskolepoeng, 10. trinn, offentlige og private skoler",
    "fullfort_vgo": "Fullført og bestått innen 5 år, etter bostedskommune",
    "ikke_fullfort_vgo": "Ikke fullført og bestått innen 5 år, etter bostedskommune",
    "helt_ledige": "Registrerte helt ledige, årsgjennomsnitt, etter bostedskommune",
}
_KILDE = {
    "uten_grunnskolepoeng": f"{DEMO_LABEL} (oppdiktet, ekte tall: Udir, statistikkbanken, grunnskolepoeng)",
    "fullfort_vgo": f"{DEMO_LABEL} (oppdiktet, ekte tall: Udir, statistikkbanken, gjennomføring i vgo)",
    "ikke_fullfort_vgo": f"{DEMO_LABEL} (oppdiktet, ekte tall: Udir, statistikkbanken, gjennomføring i vgo)",
    "helt_ledige": f"{DEMO_LABEL} (oppdiktet, ekte tall: NAV, helt ledige etter kommune og alder)",
}


def _tall(value: float, decimals: int = 0) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def files(report_year: int) -> dict[str, bytes]:
    world = DemoWorld()
    last = report_year - 1
    # the demo's own twelve ASSS kommuner, each code in the years it existed (the 2020 merger's old codes in 2019)
    asss = [row["kommunenummer"] for row in demo_asss_kommuner()]
    kommuner = [world.kommune(code) for code in asss]
    columns = [c.name for c in ASSS_SKOLE_ARBEID.columns]
    lines = [";".join([*columns, "merknad"])]

    def row(code: str, year: int, maal: str, *, aldersgruppe: str = "", teller: str = "", nevner: str = "",
            andel: str = "", prikket: str = "") -> None:
        values = {"kommunenummer": code, "aar": str(year), "maal": maal, "aldersgruppe": aldersgruppe,
                  "teller": teller, "nevner": nevner, "andel": andel, "prikket": prikket,
                  "definisjon": _DEFINISJON[maal], "kilde": _KILDE[maal]}
        lines.append(";".join([*(values[c] for c in columns), DEMO_LABEL]))

    for rank, kommune in enumerate(kommuner):
        code = kommune.code
        for year in range(_FIRST_YEAR, last + 1):
            if not kommune.exists(year):
                continue
            rng = stable_random("asss-skole-arbeid", code, year)
            elever = world.population_in_ages(code, year, [15])
            uten = round(elever * rng.uniform(0.03, 0.07))
            if rank == len(kommuner) - 1 and year == last:
                row(code, year, "uten_grunnskolepoeng", nevner=str(elever), prikket="*")
            else:
                row(code, year, "uten_grunnskolepoeng", teller=str(uten), nevner=str(elever),
                    andel=_tall(100 * uten / elever, 1))
            kull = world.population_in_ages(code, year, [21])  # the 16-year-olds five years on
            fullfort = round(kull * rng.uniform(0.74, 0.86))
            if rank == 4:
                row(code, year, "ikke_fullfort_vgo", teller=str(kull - fullfort), nevner=str(kull))
            else:
                row(code, year, "fullfort_vgo", teller=str(fullfort), nevner=str(kull),
                    andel=_tall(100 * fullfort / kull, 1))
            for band, ages in (("15-19", range(15, 20)), ("20-24", range(20, 25))):
                unge = world.population_in_ages(code, year + 1, ages)
                share = rng.uniform(0.004, 0.012) if band == "15-19" else rng.uniform(0.02, 0.04)
                ledige = unge * share
                if rank == 0:
                    continue  # given as 15–24 below
                if ledige < 4 or (rank == 5 and year == last - 1 and band == "15-19"):
                    row(code, year, "helt_ledige", aldersgruppe=band, prikket="*")
                else:
                    row(code, year, "helt_ledige", aldersgruppe=band, teller=_tall(ledige, 1))
            if rank == 0:
                unge = world.population_in_ages(code, year + 1, range(15, 25))
                row(code, year, "helt_ledige", aldersgruppe="15-24", teller=_tall(unge * rng.uniform(0.015, 0.03), 1))
    return {f"kommune/{ASSS_SKOLE_ARBEID.name}.csv": ("\n".join(lines) + "\n").encode("utf-8")}
