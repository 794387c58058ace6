"""Measures by age, the source: SSB table 10661 (measures during the year and per 31.12 by measure and
age group).

Only the table's number and content are known (no metadata was found, see
`../shared/reference/ssb-metadata/10661.md`): it is declared like its sister table 10660 (country
code 0N, the measure variable `Barnevernstiltak`), with the measures, statistics and age groups found
by label in `sql/staging/tiltak_alder.sql`.
"""

from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.ssb.declaration import RegionCodes, Selection, SsbTable, Variable

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
)
