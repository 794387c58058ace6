"""Demo files for state child welfare (`assets.sources.bufetat`): invented Bufetat spending by accounting
function (the report year as budget), egenandeler received, and days in sentre for foreldre og barn."""

from assets.sources.bufetat import DRIFTSUTGIFTER, EGENANDELER_INNBETALT, OPPHOLDSDAGER, SENTER_EIERSKAP
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
    return {f"bufdir/{DRIFTSUTGIFTER.name}.csv": ("\n".join(spending) + "\n").encode("utf-8"),
            f"bufdir/{EGENANDELER_INNBETALT.name}.csv": ("\n".join(received) + "\n").encode("utf-8"),
            f"bufdir/{OPPHOLDSDAGER.name}.csv": ("\n".join(days) + "\n").encode("utf-8")}
