"""Demo values for population (SSB 07459, `assets.sources.befolkning`): the demo world's kommuner by
single year of age, "." for a kommune in a year it did not exist.

The single years of age are listed here: the declaration asks for all of them, and the demo has to
produce them without the live metadata.
"""

from pipeline.demo import DemoSpec, DemoWorld

# Single years of age as SSB codes them: "000" … "104" and the top-coded "105+".
ALDER_KODER = tuple((f"{a:03d}", f"{a} år") for a in range(105)) + (("105+", "105 år eller eldre"),)


def _demo_population(cell: dict[str, str], world: DemoWorld) -> float | str | None:
    kommune, year = cell["region"], int(cell["aar"])
    if not world.kommune(kommune).exists(year):
        return "."  # SSB's answer for a kommune code in a year it did not exist
    return float(world.population(kommune, year, int(cell["alder"].rstrip("+"))))


TABLES = {"07459": DemoSpec(value=_demo_population, categories={"alder": ALDER_KODER}, parts_by="aar")}
