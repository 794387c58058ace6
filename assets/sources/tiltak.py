"""Children with measures, the sources: SSB tables 09050 (omsorgs-/hjelpetiltak per 31.12, during the
year, new, by age) and 12845 (placements per 31.12 by legal basis and type of placement).

Declared by label: public sources gave these tables' labels, not their codes, so each value is named
by its SSB label (resolved against the live metadata at fetch time) with a stable key that the raw
tables carry and the SQL uses. The label sets TILTAK, PLASSERING and ALDER are shared with 11600
(`assets.sources.plasseringer`).
"""

from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.ssb.declaration import RegionCodes, Selection, SsbTable, Variable

# From the 2022 figures (published 2023, the new barnevernslov) SSB labels the hjelpetiltak "Hjelpe-, akutt- og
# åtferdstiltak" (English pages: "Assistance, emergency and behavioural measures"; ../shared/reference/published/
# NOTES.md): the Norwegian label is inferred from the English one, in nynorsk as SSB's barnevern tables are
# and in bokmål. Either label resolves to the same key, so a 2024+ fetch finds the value under its new name.
TILTAK = {"i_alt": "I alt",
          "hjelpetiltak": ("Hjelpetiltak", "Hjelpe-, akutt- og åtferdstiltak", "Hjelpe-, akutt- og atferdstiltak"),
          "omsorgstiltak": "Omsorgstiltak"}
# Types of placement as SSB 11600 and 12845 label them (tiltakskode 2.6 mellombels heim from 2021).
PLASSERING = {
    "i_alt": "Plasseringstiltak i alt",
    "fosterheim": "Fosterheim",
    "institusjon": "Barnevernsinstitusjon",
    "beredskapsheim": "Beredskapsheim",
    "mellombels_heim": "Mellombels heim i familie og nære nettverk",
    "bustad": "Bustad med oppfølging",
}
# 18-22 år up to 2020, 18-24 år from 2021: the upper age limit went from 23 to 25 (barnevernloven § 1-3).
ALDER = {"0_17": "0-17 år", "18_22": "18-22 år", "18_24": "18-24 år", "i_alt": "Alder i alt"}
# 09050 also by the age bands SSB publishes the same data in (0-2, 3-5, 6-12, 13-17 år: SSB's barnevern
# tables, ../shared/reference/ssb-metadata/09050.md); that 09050 has them as values of its own is inferred
# from the report (its shares by age band cite 09050, fn 37): the fetch checks it. "Alder i alt" stays
# fetched for one purpose only: to state, as the report's fn 33 does, how far SSB's total exceeds the sum of
# the age groups the figures use (0-17 + 18-22/18-24), and to check that it never falls below it.
ALDER_09050 = {"0_2": "0-2 år", "3_5": "3-5 år", "6_12": "6-12 år", "13_17": "13-17 år", **ALDER}


TABLE_09050 = SsbTable(
    id="09050",
    title="Barn med barnevernstiltak i løpet av året, per 31.12. og nye barn, etter omsorgs-/hjelpetiltak og alder",
    description=("Children with measures: during the year, per 31.12 (count and SSB's rate per 1 000) and new, by "
                 "omsorgs-/hjelpetiltak and age group."),
    variables=(
        # The national code is inferred ("0", as in other non-KOSTRA tables): the fetch checks it.
        Variable("region", Selection.codes("0"), code="Region", role="geo"),
        Variable("tiltak", Selection.labeled(TILTAK), label="omsorgs-/hjelpetiltak"),
        Variable("alder", Selection.labeled(ALDER_09050), label="alder"),
        Variable("statistikkvariabel", Selection.labeled({
            "i_lopet_av_aret": "Barn med barnevernstiltak i løpet av året",
            "per_31_12": "Barn med barnevernstiltak per 31.12",
            "nye": "Nye barn med barnevernstiltak i løpet av året",
            # SSB's own rate (unit "personar per 1 000 innbyggjarar"; label seen on the StatBank page,
            # ssb-metadata/09050.md): figure 0-1 shows it, checked against count ÷ population (07459).
            "per_1000_per_31_12": "Barn med barnevernstiltak per 31.12. per 1 000 barn",
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
)
