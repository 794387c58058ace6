"""Demo files for state child welfare (`assets.sources.bufetat`): invented Bufetat spending by accounting
function (the report year as budget), egenandeler received, days in sentre for foreldre og barn, and days
of stay and kroner per day by measure."""

from assets.sources.bufetat import (
    DRIFTSUTGIFTER,
    EGENANDELER_INNBETALT,
    OPPHOLDSDAGER,
    OPPHOLDSDAGER_TILTAK,
    SENTER_EIERSKAP,
    TILTAK,
)
from assets.sources.fosterhjem import BUFETAT_REGIONER
from pipeline.demo import stable_random

FUNKSJONER = ("Statlige institusjoner", "Private institusjoner", "Statlige fosterhjem", "Fosterhjem i private tiltak",
              "Sentre for foreldre og barn", "Øvrige")


def files(report_year: int) -> dict[str, bytes]:
    spending = ["aar;regnskapsfunksjon;belop_1000_kr;type"]
    received = ["aar;belop_1000_kr"]
    for year in range(2019, report_year + 1):
        kind = "budsjett" if year == report_year else "regnskap"
        for funksjon in FUNKSJONER:
            rng = stable_random("bufetat", funksjon, year)
            amount = rng.uniform(150_000, 900_000) * 0.99 ** (year - 2019)
            spending.append(f"{year};{funksjon};{amount:.0f};{kind}")
        if year < report_year:
            received.append(f"{year};{stable_random('egenandel', year).uniform(250_000, 600_000):.0f}")
    days = ["aar;region;eierskap;oppholdsdager;eldste_barn_alder"]
    for year in range(2019, report_year):
        for eierskap in SENTER_EIERSKAP:
            per_region = {region: round(stable_random("oppholdsdager", region, eierskap, year).uniform(4_000, 14_000)
                                        * 0.97 ** (year - 2019)) for region in BUFETAT_REGIONER}
            oldest = {region: stable_random("eldste", region, eierskap, year).randint(4, 12)
                      for region in BUFETAT_REGIONER}
            days.append(f"{year};Hele landet;{eierskap};{sum(per_region.values())};{max(oldest.values())}")
            days += [f"{year};{region};{eierskap};{n};{oldest[region]}" for region, n in per_region.items()]
    by_measure = [";".join(c.name for c in OPPHOLDSDAGER_TILTAK.columns)]
    for year in range(2019, report_year):  # whole years
        for tiltak in TILTAK:  # a level per measure, a few per cent up or down from year to year
            base = stable_random("oppholdsdager_tiltak", tiltak)
            base_days, base_kroner = base.uniform(60_000, 300_000), base.uniform(2_500, 16_000)
            rng = stable_random("oppholdsdager_tiltak", tiltak, year)
            n_days = round(base_days * 0.98 ** (year - 2019) * rng.uniform(0.93, 1.05))
            per_day = base_kroner * 1.03 ** (year - 2019) * rng.uniform(0.97, 1.03)
            by_measure.append(f"{year};{tiltak};{n_days};{per_day:.1f}".replace(".", ","))
    return {f"bufdir/{OPPHOLDSDAGER_TILTAK.name}.csv": ("\n".join(by_measure) + "\n").encode("utf-8"),
            f"bufdir/{DRIFTSUTGIFTER.name}.csv": ("\n".join(spending) + "\n").encode("utf-8"),
            f"bufdir/{EGENANDELER_INNBETALT.name}.csv": ("\n".join(received) + "\n").encode("utf-8"),
            f"bufdir/{OPPHOLDSDAGER.name}.csv": ("\n".join(days) + "\n").encode("utf-8")}
