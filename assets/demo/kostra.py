"""Demo values for KOSTRA spending (SSB 12362, `assets.sources.kostra`): invented kroner per inhabitant
0-24 by function, growing each year and stepping up in the 2022 reform year."""

from pipeline.demo import DemoSpec, DemoWorld, stable_random

# Invented kroner per inhabitant 0-24 in 2015 by function, and yearly nominal growth.
_DEMO_KR_PER_BARN = {"244": 3_100.0, "251": 1_700.0, "252": 4_600.0}
_DEMO_REFORM_STEP = {"244": 1.08, "251": 1.10, "252": 1.14}  # the 2022 reform year


def _demo_spending(cell: dict[str, str], world: DemoWorld) -> float | str | None:
    kommune, year, funksjon = cell["region"], int(cell["aar"]), cell["funksjon"]
    if not world.kommune(kommune).exists(year):
        return "."
    rng = stable_random("12362", kommune, funksjon)
    if rng.random() < 0.02 and year == 2019:
        return ".."  # a kommune that did not report one year
    barn = world.population_in_ages(kommune, year, range(0, 25))
    level = _DEMO_KR_PER_BARN[funksjon] * rng.uniform(0.6, 1.5)
    nominal = level * 1.035 ** (year - 2015) * (_DEMO_REFORM_STEP[funksjon] if year >= 2022 else 1.0)
    netto = barn * nominal / 1000.0
    return round(netto * (1.18 if cell["art"] == "AGD10" else 1.0), 0)


TABLES = {"12362": DemoSpec(value=_demo_spending, parts_by="aar")}
