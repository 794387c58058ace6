"""Children with measures, the sources: SSB tables 09050 (omsorgs-/hjelpetiltak per 31.12, during the
year, new, by age) and 12845 (placements per 31.12 by legal basis and type of placement).

Declared by label: public sources gave these tables' labels, not their codes, so each value is named
by its SSB label (resolved against the live metadata at fetch time) with a stable key that the raw
tables carry and the SQL uses. The label sets TILTAK, PLASSERING and ALDER are shared with 11600
(`assets.sources.plasseringer`).
"""

from pipeline.demo import DemoWorld, stable_random
from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.ssb.declaration import DemoSpec, RegionCodes, Selection, SsbTable, Variable

# The upper age limit for measures went from 23 to 25 years in 2021 (barnevernloven § 1-3).
AGE_LIMIT_CHANGE_YEAR = 2021

TILTAK = {"i_alt": "I alt", "hjelpetiltak": "Hjelpetiltak", "omsorgstiltak": "Omsorgstiltak"}
# Types of placement as SSB 11600 and 12845 label them (tiltakskode 2.6 mellombels heim from 2021).
PLASSERING = {
    "i_alt": "Plasseringstiltak i alt",
    "fosterheim": "Fosterheim",
    "institusjon": "Barnevernsinstitusjon",
    "beredskapsheim": "Beredskapsheim",
    "mellombels_heim": "Mellombels heim i familie og nære nettverk",
    "bustad": "Bustad med oppfølging",
}
NEW_CATEGORY_YEAR = 2021  # tiltakskode 2.6 Mellombels heim i familie og nære nettverk
ALDER = {"0_17": "0-17 år", "18_22": "18-22 år", "18_24": "18-24 år", "i_alt": "Alder i alt"}


# -- Demo values: invented national series with the shape of the real ones ---------------------------

_DEMO_PER_31_12 = {("0_17", "hjelpetiltak"): 24_000, ("0_17", "omsorgstiltak"): 7_600,
                   ("18_22", "hjelpetiltak"): 4_300, ("18_22", "omsorgstiltak"): 0,
                   ("18_24", "hjelpetiltak"): 5_200, ("18_24", "omsorgstiltak"): 0}


def demo_alder_applies(alder: str, year: int) -> bool:
    if alder == "18_22":
        return year < AGE_LIMIT_CHANGE_YEAR
    if alder == "18_24":
        return year >= AGE_LIMIT_CHANGE_YEAR
    return True


def _demo_09050(cell: dict[str, str], world: DemoWorld) -> float | str | None:
    year, alder, tiltak, maal = int(cell["aar"]), cell["alder"], cell["tiltak"], cell["statistikkvariabel"]
    if not demo_alder_applies(alder, year):
        return "."

    def per_31_12(a: str, t: str) -> float:
        if a == "i_alt":
            older = "18_22" if year < AGE_LIMIT_CHANGE_YEAR else "18_24"
            return per_31_12("0_17", t) + per_31_12(older, t)
        if t == "i_alt":
            return per_31_12(a, "hjelpetiltak") + per_31_12(a, "omsorgstiltak")
        trend = 0.97 ** (year - 2015)
        return float(round(_DEMO_PER_31_12[(a, t)] * trend * stable_random("09050", a, t, year).uniform(0.98, 1.02)))

    base = per_31_12(alder, tiltak)
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


TABLE_09050 = SsbTable(
    id="09050",
    title="Barn med barnevernstiltak i løpet av året, per 31.12. og nye barn, etter omsorgs-/hjelpetiltak og alder",
    description="Children with measures: during the year, per 31.12 and new, by omsorgs-/hjelpetiltak and age.",
    variables=(
        # The national code is inferred ("0", as in other non-KOSTRA tables): the fetch checks it.
        Variable("region", Selection.codes("0"), code="Region", role="geo"),
        Variable("tiltak", Selection.labeled(TILTAK), label="omsorgs-/hjelpetiltak"),
        Variable("alder", Selection.labeled(ALDER), label="alder"),
        Variable("statistikkvariabel", Selection.labeled({
            "i_lopet_av_aret": "Barn med barnevernstiltak i løpet av året",
            "per_31_12": "Barn med barnevernstiltak per 31.12",
            "nye": "Nye barn med barnevernstiltak i løpet av året",
        }), role="metric"),
        Variable("aar", Selection.years(), role="time"),
    ),
    regions=RegionCodes(national="0"),
    first_year=2015,
    unit="barn",
    staging_sql="staging/barn_med_tiltak.sql",
    staged_table="staging.barn_med_tiltak",
    raw_expectations=Expectations(
        required_columns=("tiltak_key", "alder_key", "statistikkvariabel_key", "aar", "value", "status"),
        columns=(
            ColumnExpectations("tiltak_key", not_null=True),
            ColumnExpectations("alder_key", not_null=True),
            ColumnExpectations("statistikkvariabel_key", not_null=True),
            ColumnExpectations("value", min_value=0),
        ),
        unique_key=("region", "tiltak", "alder", "statistikkvariabel", "aar"),
    ),
    staged_expectations=Expectations(
        columns=(ColumnExpectations("antall", min_value=0), ColumnExpectations("aar", not_null=True)),
        unique_key=("tiltak", "alder", "maal", "aar"),
    ),
    demo=DemoSpec(value=_demo_09050),
)

TABLE_12845 = SsbTable(
    id="12845",
    title="Barn og unge med plasseringstiltak per 31. desember, etter lovheimel",
    description=("Placements per 31.12 by legal basis: omsorgstiltak, akuttiltak, atferdstiltak, plassert som "
                 "hjelpetiltak."),
    variables=(
        Variable("region", Selection.codes("0"), code="Region", role="geo"),
        Variable("lovheimel", Selection.labeled({
            "omsorgstiltak": "Omsorgstiltak",
            "akuttiltak": "Akuttiltak",
            "atferdstiltak": "Åtferdstiltak",
            "plassert_hjelpetiltak": "Plassert som eit hjelpetiltak",
        }), label="lovheimel"),
        Variable("plassering", Selection.labeled(PLASSERING), label="type plassering"),
        Variable("alder", Selection.labeled({k: v for k, v in ALDER.items() if k != "i_alt"}), label="alder"),
        Variable("statistikkvariabel", Selection.all(), role="metric"),
        Variable("aar", Selection.years(), role="time"),
    ),
    regions=RegionCodes(national="0"),
    # SSB introduced the table with the 2018 figures ("3 prosent var akuttplasserte i barnevernet"),
    # back to 2015: the report's figure 0-5 draws akuttiltak by type from 2015 and footnotes 2016-2018.
    first_year=2015,
    unit="barn",
    staging_sql="staging/tiltak_lovheimel.sql",
    staged_table="staging.tiltak_lovheimel",
    raw_expectations=Expectations(
        columns=(ColumnExpectations("lovheimel_key", not_null=True), ColumnExpectations("alder_key", not_null=True),
                 ColumnExpectations("plassering_key", not_null=True), ColumnExpectations("value", min_value=0)),
        unique_key=("region", "lovheimel", "plassering", "alder", "statistikkvariabel", "aar"),
    ),
    staged_expectations=Expectations(
        columns=(ColumnExpectations("antall", min_value=0),),
        unique_key=("lovheimel", "plassering", "alder", "aar"),
    ),
    demo=DemoSpec(value=_demo_12845, categories={
        "statistikkvariabel": (("Personer", "Barn og unge med plasseringstiltak per 31. desember"),)}),
)
