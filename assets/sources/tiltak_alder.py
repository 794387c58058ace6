"""Measures by age, the source: SSB table 10661 (measures during the year and per 31.12 by measure and
age group).

Only the table's number and content are known (no metadata was found, see
`../shared/reference/ssb-metadata/10661.md`): it is declared like its sister table 10660 (country
code 0N, the measure variable `Barnevernstiltak`), with the measures, statistics and age groups found
by label in `sql/staging/tiltak_alder.sql`.
"""

from pipeline.demo import DemoWorld, stable_random
from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.ssb.declaration import DemoSpec, RegionCodes, Selection, SsbTable, Variable

# Tiltak 2.06 (mellombels heim i familie og nære nettverk) is a category from 2021.
NEW_CATEGORY_YEAR = 2021

_DEMO_TILTAK = (("2.05", "Beredskapsheim utanom familie og nære nettverk"),
                ("2.06", "Mellombels heim i familie og nære nettverk"),
                ("3.08", "Sentre for foreldre og barn"))
_DEMO_ALDER = (("000-002", "0-2 år"), ("003-005", "3-5 år"), ("006-012", "6-12 år"), ("013-017", "13-17 år"),
               ("018+", "18 år og over"))
_DEMO_BASE = {"2.05": {"000-002": 260, "003-005": 140, "006-012": 260, "013-017": 280, "018+": 10},
              "2.06": {"000-002": 60, "003-005": 40, "006-012": 70, "013-017": 60, "018+": 5},
              "3.08": {"000-002": 210, "003-005": 25, "006-012": 8, "013-017": 2, "018+": 0}}


def _demo_10661(cell: dict[str, str], world: DemoWorld) -> float | str | None:
    year, tiltak, alder, maal = int(cell["aar"]), cell["tiltak"], cell["alder"], cell["statistikkvariabel"]
    if tiltak == "2.06" and year < NEW_CATEGORY_YEAR:
        return "."
    if tiltak == "3.08" and alder == "018+":
        return "-"
    trend = (1.08 if tiltak == "2.06" else 0.97) ** (year - 2015)
    base = _DEMO_BASE[tiltak][alder] * trend * stable_random("10661", tiltak, alder, year).uniform(0.9, 1.1)
    return float(round(base * (2.1 if maal == "TiltakGjennomAar" else 1.0)))


TABLE_10661 = SsbTable(
    id="10661",
    title="Barnevernstiltak i løpet av året og per 31. desember, etter tiltak og alder",
    description="Measures during the year and per 31.12 by measure and age group (only the number and content "
                "are known; see the module).",
    variables=(
        Variable("region", Selection.codes("0N"), code="Region", role="geo"),
        Variable("tiltak", Selection.all(), code="Barnevernstiltak"),
        Variable("alder", Selection.all(), label="alder"),
        Variable("statistikkvariabel", Selection.all(), role="metric"),
        Variable("aar", Selection.years(), role="time"),
    ),
    regions=RegionCodes(national="0N"),
    first_year=2015,
    unit="tiltak",
    staging_sql="staging/tiltak_alder.sql",
    staged_table="staging.tiltak_alder",
    raw_expectations=Expectations(
        columns=(ColumnExpectations("tiltak", not_null=True), ColumnExpectations("value", min_value=0)),
        unique_key=("region", "tiltak", "alder", "statistikkvariabel", "aar"),
    ),
    staged_expectations=Expectations(
        unique_key=("tiltak", "alder", "maal", "aar"),
        columns=(ColumnExpectations("antall", min_value=0),),
        # The measures the figures need are found by label (else SSB renamed them).
        must_contain=(("tiltak_nokkel", ("beredskapsheim", "mellombels_heim", "sentre")),
                      ("maal", ("per_31_12", "i_lopet_av_aret"))),
    ),
    demo=DemoSpec(value=_demo_10661, categories={
        "tiltak": _DEMO_TILTAK, "alder": _DEMO_ALDER,
        "statistikkvariabel": (("Tiltak3112", "Barnevernstiltak per 31. desember"),
                               ("TiltakGjennomAar", "Barnevernstiltak i løpet av året")),
    }),
)
