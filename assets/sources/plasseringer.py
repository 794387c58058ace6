"""Placements, the source: SSB table 11600 (children with plasseringstiltak per 31.12 by type of
placement, omsorgs-/hjelpetiltak and age).

Declared by label, like 09050 and 12845, whose label sets and keys it shares: no codes were found in
public sources. Mellombels heim i familie og nære nettverk is a category from 2021.
"""

from assets.sources.tiltak import ALDER, PLASSERING, TILTAK
from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.ssb.declaration import RegionCodes, Selection, SsbTable, Variable

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
)
