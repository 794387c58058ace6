"""Placements, the source: SSB table 11600 (children with plasseringstiltak per 31.12 by type of
placement, omsorgs-/hjelpetiltak, age and region).

Declared by label, like 09050 and 12845, whose label sets and keys it shares: no codes were found in
public sources. Mellombels heim i familie og nære nettverk is a category from 2021.

What 11600 has beyond 12845 is declared here, not in the shared label sets (`assets.sources.tiltak`):
- the type "Uoppgitt plasseringstiltak": the label is **inferred** from the report's footnote to figure
  5-3 («Uoppgitt plasseringstiltak», quoted as SSB names it) and from the table's count of types (6 up
  to 2020, 7 from 2021: i alt, five types and uoppgitt). A live fetch checks it and stops naming the
  label if the table calls it otherwise;
- the regions: every region the table has (the country and the fylker, two-digit codes such as "03"
  Oslo, "30 Viken" from 2020), so that placements can be counted by barnevernsregion and for the
  country without Oslo (Bufdir's waiting lists leave Oslo out).

The table has no sub-types of fosterhjem (its six/seven types leave no room for "i / utenom familie og
nære nettverk"; SSB's footnote defines Fosterheim as tiltakskodane 2.1-2.4 and 2.99 together). Those are
read from 10660's measures 2.01/2.02 by label (`FOSTERHJEM_UNDERTYPER`), which that table already
fetches whole.
"""

from assets.sources.tiltak import ALDER, PLASSERING, TILTAK
from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.ssb.declaration import RegionCodes, Selection, SsbTable, Variable

# 11600's types of placement: 12845's, and "uoppgitt" (inferred label, see the module).
PLASSERING_11600 = {**PLASSERING, "uoppgitt": "Uoppgitt plasseringstiltak"}

OSLO_FYLKE = "03"

# The sub-types of fosterhjem as SSB labels the measures in 10660 (tiltakskode 2.1 / 2.2; nynorsk as in
# SSB's tables, bokmål as in its reporting code list): matched on the staged labels, lower case.
# Inferred from SSB's 2015 table and the 10660 metadata (../shared/reference/ssb-metadata/10660.md).
FOSTERHJEM_UNDERTYPER = {
    "i_familie": ("fosterheim i familie og nære nettverk", "fosterhjem i familie og nære nettverk"),
    "utenom_familie": ("fosterheim utanom familie og nære nettverk", "fosterhjem utenom familie og nære nettverk"),
}

TABLE_11600 = SsbTable(
    id="11600",
    title="Barn med plasseringstiltak per 31.12., etter type plassering og hjelpe- eller omsorgstiltak",
    description="Placements per 31.12 by type of placement, omsorgs-/hjelpetiltak, age and region (country, fylker).",
    variables=(
        # The national code "0" is inferred; the fylker are two-digit codes (seen as labels "03 Oslo").
        Variable("region", Selection.all(), code="Region", role="geo"),
        Variable("tiltak", Selection.labeled(TILTAK), label="omsorgs-/hjelpetiltak"),
        Variable("plassering", Selection.labeled(PLASSERING_11600), label="type plassering"),
        Variable("alder", Selection.labeled(ALDER), label="alder"),
        Variable("statistikkvariabel", Selection.all(), role="metric"),
        Variable("aar", Selection.years(), role="time"),
    ),
    regions=RegionCodes(national="0", other=(("fylke", r"^\d{2}$"),)),
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
        columns=(ColumnExpectations("antall", min_value=0),
                 ColumnExpectations("region_type", not_null=True, allowed=("landet", "fylke"))),
        unique_key=("region", "tiltak", "plassering", "alder", "aar"),
        must_contain=(("region_type", ("landet",)),),
    ),
)
