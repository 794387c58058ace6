"""Demo values for children with measures (SSB 09050 and 12845, `assets.sources.tiltak`): invented
national series with the shape of the real ones, and the breaks the real tables have (the age limit
from 23 to 25 in 2021, mellombels heim a category of its own from 2021). `demo_alder_applies` is shared
with 11600 (`assets.demo.plasseringer`)."""

from pipeline.demo import DemoSpec, DemoWorld, stable_random

# The upper age limit for measures went from 23 to 25 years in 2021 (barnevernloven § 1-3).
AGE_LIMIT_CHANGE_YEAR = 2021
NEW_CATEGORY_YEAR = 2021  # tiltakskode 2.6 Mellombels heim i familie og nære nettverk

_DEMO_PER_31_12 = {("0_17", "hjelpetiltak"): 24_000, ("0_17", "omsorgstiltak"): 7_600,
                   ("18_22", "hjelpetiltak"): 4_300, ("18_22", "omsorgstiltak"): 0,
                   ("18_24", "hjelpetiltak"): 5_200, ("18_24", "omsorgstiltak"): 0}


def demo_alder_applies(alder: str, year: int) -> bool:
    if alder == "18_22":
        return year < AGE_LIMIT_CHANGE_YEAR
    if alder == "18_24":
        return year >= AGE_LIMIT_CHANGE_YEAR
    return True


# Synthetic shares of the 0-17 children in each age band, per tiltak (the bands add up to 0-17 exactly): the
# hjelpetiltak share of the youngest rises and of the oldest falls, as the report describes for the real data.
_BAND_AGES = {"0_2": range(0, 3), "3_5": range(3, 6), "6_12": range(6, 13), "13_17": range(13, 18)}


def _band_weights(tiltak: str, year: int) -> dict[str, float]:
    t = year - 2015
    if tiltak == "hjelpetiltak":
        return {"0_2": 0.13 + 0.002 * t, "3_5": 0.15, "6_12": 0.36, "13_17": 0.36 - 0.002 * t}
    return {"0_2": 0.06 - 0.003 * t, "3_5": 0.10, "6_12": 0.36, "13_17": 0.48 + 0.003 * t}


def _ages_of(alder: str, year: int) -> range:
    if alder in _BAND_AGES:
        return _BAND_AGES[alder]
    return {"0_17": range(0, 18), "18_22": range(18, 23), "18_24": range(18, 25)}.get(
        alder, range(0, 23 if year < AGE_LIMIT_CHANGE_YEAR else 25))


def _demo_09050(cell: dict[str, str], world: DemoWorld) -> float | str | None:
    year, alder, tiltak, maal = int(cell["aar"]), cell["alder"], cell["tiltak"], cell["statistikkvariabel"]
    if not demo_alder_applies(alder, year):
        return "."

    def per_31_12(a: str, t: str) -> float:
        if t == "i_alt":
            return per_31_12(a, "hjelpetiltak") + per_31_12(a, "omsorgstiltak")
        if a == "i_alt":
            # SSB's "alder i alt" has a few children more than its age groups (the report's fn 33: 1-37 a
            # year up to 2020, 1 after): synthetic, a few hjelpetiltak of unknown age.
            older = "18_22" if year < AGE_LIMIT_CHANGE_YEAR else "18_24"
            extra = 0 if t == "omsorgstiltak" else (
                stable_random("09050 uoppgitt", year).randint(1, 12) if year < AGE_LIMIT_CHANGE_YEAR else 1)
            return per_31_12("0_17", t) + per_31_12(older, t) + extra
        if a in _BAND_AGES:  # the bands split 0-17 exactly, the last band takes what is left
            whole, weights = per_31_12("0_17", t), _band_weights(t, year)
            parts = {b: float(round(whole * w)) for b, w in weights.items() if b != "13_17"}
            return parts[a] if a in parts else whole - sum(parts.values())
        trend = 0.97 ** (year - 2015)
        return float(round(_DEMO_PER_31_12[(a, t)] * trend * stable_random("09050", a, t, year).uniform(0.98, 1.02)))

    base = per_31_12(alder, tiltak)
    if maal == "per_1000_per_31_12":
        # SSB's rate: per 1 000 inhabitants of the ages on 31.12 (1 January the year after), one decimal
        ages = _ages_of(alder, year)
        population = sum(world.population_in_ages(k.code, year + 1, ages) for k in world.kommuner
                         if k.exists(year + 1))
        return round(1000 * base / population, 1)
    factor = {"per_31_12": 1.0, "i_lopet_av_aret": 1.45, "nye": 0.42}[maal]
    return float(round(base * factor))


# Where children placed under each legal basis live (akuttiltak mostly in beredskapsheim or institusjon).
_DEMO_12845_TYPE = {
    "omsorgstiltak": {"fosterheim": 0.86, "institusjon": 0.08, "beredskapsheim": 0.03, "mellombels_heim": 0.01,
                      "bustad": 0.02},
    "akuttiltak": {"fosterheim": 0.1, "institusjon": 0.33, "beredskapsheim": 0.55, "mellombels_heim": 0.015,
                   "bustad": 0.005},
    "atferdstiltak": {"fosterheim": 0.02, "institusjon": 0.96, "beredskapsheim": 0.01, "mellombels_heim": 0.0,
                      "bustad": 0.01},
    "plassert_hjelpetiltak": {"fosterheim": 0.55, "institusjon": 0.15, "beredskapsheim": 0.1,
                              "mellombels_heim": 0.05, "bustad": 0.15},
}


def _demo_12845(cell: dict[str, str], world: DemoWorld) -> float | str | None:
    year, alder, lovheimel, plassering = int(cell["aar"]), cell["alder"], cell["lovheimel"], cell["plassering"]
    if not demo_alder_applies(alder, year):
        return "."
    if plassering == "mellombels_heim" and year < NEW_CATEGORY_YEAR:
        return "."
    share = {"omsorgstiltak": 0.58, "akuttiltak": 0.03, "atferdstiltak": 0.01, "plassert_hjelpetiltak": 0.38}
    placed = 9_800 * 0.975 ** (year - 2015) if alder == "0_17" else 2_600 * 0.99 ** (year - 2015)
    if alder != "0_17" and lovheimel == "omsorgstiltak":
        return "-"  # not possible after 18: nil

    def count(kind: str) -> float:
        types = _DEMO_12845_TYPE[lovheimel]
        if year < NEW_CATEGORY_YEAR:  # before 2021 mellombels heim was counted as beredskapsheim
            types = {**types, "beredskapsheim": types["beredskapsheim"] + types["mellombels_heim"],
                     "mellombels_heim": 0.0}
        base = placed * share[lovheimel] * types[kind]
        return float(round(base * stable_random("12845", alder, lovheimel, kind, year).uniform(0.9, 1.1)))

    if plassering == "i_alt":
        return sum(count(k) for k in _DEMO_12845_TYPE[lovheimel])
    return count(plassering)


TABLES = {
    "09050": DemoSpec(value=_demo_09050),
    "12845": DemoSpec(value=_demo_12845, categories={
        "statistikkvariabel": (("Personer", "Barn og unge med plasseringstiltak per 31. desember"),)}),
}
