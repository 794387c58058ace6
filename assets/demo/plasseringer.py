"""Demo values for placements (SSB 11600, `assets.sources.plasseringer`): invented counts by type of
placement, omsorgs-/hjelpetiltak and age, with the same breaks as 09050 and 12845 (`assets.demo.tiltak`)."""

from assets.demo.tiltak import AGE_LIMIT_CHANGE_YEAR, NEW_CATEGORY_YEAR, demo_alder_applies
from pipeline.demo import DemoSpec, DemoWorld, stable_random

_DEMO_0_17 = {"fosterheim": 7_400, "institusjon": 850, "beredskapsheim": 520, "mellombels_heim": 160, "bustad": 40}
_DEMO_18_PLUS = {"fosterheim": 1_500, "institusjon": 180, "beredskapsheim": 15, "mellombels_heim": 20, "bustad": 700}
_DEMO_OMSORG = {"fosterheim": 0.83, "institusjon": 0.45, "beredskapsheim": 0.15, "mellombels_heim": 0.2,
                "bustad": 0.05}


def _demo_11600(cell: dict[str, str], world: DemoWorld) -> float | str | None:
    year, alder, tiltak, plassering = int(cell["aar"]), cell["alder"], cell["tiltak"], cell["plassering"]
    if not demo_alder_applies(alder, year):
        return "."
    if plassering == "mellombels_heim" and year < NEW_CATEGORY_YEAR:
        return "."

    def count(a: str, p: str, t: str) -> float:
        if a == "i_alt":
            older = "18_22" if year < AGE_LIMIT_CHANGE_YEAR else "18_24"
            return count("0_17", p, t) + count(older, p, t)
        if p == "i_alt":
            kinds = [k for k in _DEMO_0_17 if k != "mellombels_heim" or year >= NEW_CATEGORY_YEAR]
            return sum(count(a, k, t) for k in kinds)
        if t == "i_alt":
            return count(a, p, "hjelpetiltak") + count(a, p, "omsorgstiltak")
        base = (_DEMO_0_17 if a == "0_17" else _DEMO_18_PLUS)[p] * 0.98 ** (year - 2015)
        share = _DEMO_OMSORG[p] if a == "0_17" else 0.0
        base *= share if t == "omsorgstiltak" else 1 - share
        return float(round(base * stable_random("11600", a, p, t, year).uniform(0.96, 1.04)))

    return count(alder, plassering, tiltak)


TABLES = {
    "11600": DemoSpec(value=_demo_11600, categories={
        "statistikkvariabel": (("Personer", "Barn og unge med plasseringstiltak per 31. desember"),)}),
}
