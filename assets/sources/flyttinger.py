"""Moves among children in fosterhjem, the source: SSB table 13353.

SSB's title names the table's dimensions (fosterheimstype, aldersgrupper, talet på år sidan første
plasseringstiltak, observasjonsperiodar), but no codes were found
(`../shared/reference/ssb-metadata/13353.md`). The declaration asks for every type of fosterhjem
(the variable found by its label) and every statistic, and leaves the other variables to SSB's
elimination, which gives their total only where the metadata names a total value (all ages, all
years since the first placement, the longest observation period from 2014, as the report's
figures). Where SSB would sum overlapping values instead (observation periods overlap), the fetch
stops naming the variable and its values: it must then be declared with the value wanted. SSB
publishes the table a year later than the rest, so a report year reads it two years back
(`data_lag_years=2`).
"""

from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.ssb.declaration import RegionCodes, Selection, SsbTable, Variable

TABLE_13353 = SsbTable(
    id="13353",
    title="Flyttingar blant barn som har budd i fosterheim i løpet av året, etter fosterheimstype, aldersgrupper, "
          "talet på år sidan første plasseringstiltak og observasjonsperiodar",
    description="Children who lived in a fosterhjem during the year, and those with at least one move since "
                "their first placement, by type of fosterhjem.",
    variables=(
        Variable("fosterheimstype", Selection.all(), label="fosterheimstype"),
        Variable("statistikkvariabel", Selection.all(), role="metric"),
        Variable("aar", Selection.years(), role="time"),
    ),
    regions=RegionCodes(national="0"),
    first_year=2019,
    data_lag_years=2,
    unit="barn",
    staging_sql="staging/flyttinger.sql",
    staged_table="staging.flyttinger",
    raw_expectations=Expectations(columns=(ColumnExpectations("value", min_value=0),),
                                  unique_key=("fosterheimstype", "statistikkvariabel", "aar")),
    staged_expectations=Expectations(
        unique_key=("fosterheimstype", "statistikkvariabel", "aar"),
        columns=(ColumnExpectations("antall", min_value=0),),
        must_contain=(("maal", ("minst_en_flytting", "barn")), ("type", ("i_familie", "utenom_familie"))),
    ),
)
