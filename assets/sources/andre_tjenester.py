"""Measures in cooperation with and from other services, the source: SSB table 10660 (measures, not
children, by measure and region).

Declared with whole variables: public sources disagree on the categories' code numbers (4.x/5.x
against 6.x/7.x), so every measure is fetched and `sql/staging/barnevernstiltak.sql` finds the two
categories by label. The staged table must contain both (KATEGORI_NAVN), else the labels changed.
"""

from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.ssb.declaration import RegionCodes, Selection, SsbTable, Variable

# The two categories by the key the staged table gives them (`kategori`), with their names in the figures.
KATEGORI_NAVN = {"nettverk": "Nettverksarbeid/samarbeid med andre tjenester",
                 "undersoking": "Undersøkelse og behandling fra andre tjenester"}



TABLE_10660 = SsbTable(
    id="10660",
    title="Barnevernstiltak i løpet av året, per 31. desember og for nye barn, etter tiltak (F)",
    description="Measures (not children) during the year, per 31.12 and for new children, by measure and region.",
    variables=(
        # The whole country is 0N; barnevernsregioner R1…; fylker two digits (seen in a public script).
        Variable("region", Selection.all(), code="Region", role="geo"),
        Variable("tiltak", Selection.all(), code="Barnevernstiltak"),
        Variable("statistikkvariabel", Selection.all(), code="ContentsCode", role="metric"),
        Variable("aar", Selection.years(), code="Tid", role="time"),
    ),
    regions=RegionCodes(national="0N", other=(("barnevernsregion", r"^R\d+$"), ("fylke", r"^\d{2}$"))),
    first_year=2015,
    unit="tiltak",
    staging_sql="staging/barnevernstiltak.sql",
    staged_table="staging.barnevernstiltak",
    raw_expectations=Expectations(
        columns=(ColumnExpectations("tiltak", not_null=True), ColumnExpectations("value", min_value=0)),
        unique_key=("region", "tiltak", "statistikkvariabel", "aar"),
    ),
    staged_expectations=Expectations(
        columns=(ColumnExpectations("antall", min_value=0),
                 ColumnExpectations("maal", not_null=True,
                                    allowed=("per_31_12", "i_lopet_av_aret", "nye"))),
        unique_key=("region", "tiltak", "maal", "aar"),
        # Both categories are found by label (else the table's labels changed: see the module).
        must_contain=(("kategori", tuple(KATEGORI_NAVN)), ("maal", ("per_31_12",))),
    ),
)
