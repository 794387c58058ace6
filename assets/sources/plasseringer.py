"""Placements, the source: SSB table 11600 (children with plasseringstiltak per 31.12 by type of
placement, omsorgs-/hjelpetiltak and age).

Declared by label, like 09050 and 12845, whose label sets and keys it shares: no codes were found in
public sources. Mellombels heim i familie og nære nettverk is a category from 2021.
"""

from assets.sources.tiltak import (
    AGE_LIMIT_CHANGE_YEAR,
    ALDER,
    NEW_CATEGORY_YEAR,
    PLASSERING,
    TILTAK,
    demo_alder_applies,
)
from pipeline.demo import DemoWorld, stable_random
from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.ssb.declaration import DemoSpec, RegionCodes, Selection, SsbTable, Variable

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


TABLE_11600 = SsbTable(
    id="11600",
    title="Barn med plasseringstiltak per 31.12., etter type plassering og hjelpe- eller omsorgstiltak",
    description="Placements per 31.12 by type of placement, omsorgs-/hjelpetiltak and age.",
    variables=(
        Variable("region", Selection.codes("0"), code="Region", role="geo"),
        Variable("tiltak", Selection.labeled(TILTAK), label="omsorgs-/hjelpetiltak"),
        Variable("plassering", Selection.labeled(PLASSERING), label="type plassering"),
        Variable("alder", Selection.labeled(ALDER), label="alder"),
        Variable("statistikkvariabel", Selection.all(), role="metric"),
        Variable("aar", Selection.years(), role="time"),
    ),
    regions=RegionCodes(national="0"),
    first_year=2015,
    unit="barn",
    staging_sql="staging/plasseringstiltak.sql",
    staged_table="staging.plasseringstiltak",
    raw_expectations=Expectations(
        columns=(ColumnExpectations("plassering_key", not_null=True), ColumnExpectations("tiltak_key", not_null=True),
                 ColumnExpectations("alder_key", not_null=True), ColumnExpectations("value", min_value=0)),
        unique_key=("region", "tiltak", "plassering", "alder", "statistikkvariabel", "aar"),
    ),
    staged_expectations=Expectations(
        columns=(ColumnExpectations("antall", min_value=0),),
        unique_key=("tiltak", "plassering", "alder", "aar"),
    ),
    demo=DemoSpec(value=_demo_11600, categories={
        "statistikkvariabel": (("Personer", "Barn og unge med plasseringstiltak per 31. desember"),)}),
)
