"""Demo values for moves among children in fosterhjem (SSB 13353, `assets.sources.flyttinger`): invented
counts by type of fosterhjem, with a share that has moved at least once, rising a point a year."""

from pipeline.demo import DemoSpec, DemoWorld, stable_random

_DEMO_TYPES = (("0", "Fosterheimstypar i alt"), ("1", "Fosterheim i familie og nære nettverk"),
               ("2", "Fosterheim utanom familie og nære nettverk"), ("3", "Beredskapsheim"))
_DEMO_BARN = {"1": 3_400, "2": 6_200, "3": 1_100}
_DEMO_ANDEL = {"1": 0.44, "2": 0.55, "3": 0.7}


def _demo_13353(cell: dict[str, str], world: DemoWorld) -> float | str | None:
    year, kind, maal = int(cell["aar"]), cell["fosterheimstype"], cell["statistikkvariabel"]

    def count(k: str, m: str) -> float:
        if k == "0":
            return sum(count(t, m) for t in _DEMO_BARN)
        barn = _DEMO_BARN[k] * stable_random("13353", k, year).uniform(0.97, 1.03)
        if m == "BarnFosterheim":
            return float(round(barn))
        return float(round(round(barn) * (_DEMO_ANDEL[k] + 0.01 * (year - 2019))))

    return count(kind, maal)


TABLES = {
    "13353": DemoSpec(value=_demo_13353, categories={
        "fosterheimstype": _DEMO_TYPES,
        "statistikkvariabel": (("BarnFosterheim", "Barn som har budd i fosterheim i løpet av året"),
                               ("BarnMinstEiFlytting", "Barn med minst éi flytting sidan første plasseringstiltak")),
    }),
}
