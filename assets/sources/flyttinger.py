"""Moves among children in fosterhjem, the sources of vedlegg B: SSB table 13353 (figures B-1, B-2) and
the Bufdir + SSB extract behind figures B-3 and B-4.

**SSB 13353.** SSB's title names the table's dimensions (fosterheimstype, aldersgrupper, talet på år
sidan første plasseringstiltak, observasjonsperiodar), but no codes were found
(`../shared/reference/ssb-metadata/13353.md`). The report's figures are children **0–17 år**: the age
variable is selected by label. Both labels are inferred, not seen: the variable's label "aldersgrupper"
is the word of SSB's title (as "fosterheimstype" is), and the value "0-17 år" is SSB's usual label for
the age group (09050, 12845); `reformeval fetch --check` names the closest labels the table has if
either is wrong. Every type of fosterhjem (found by its label) and every statistic are fetched; the
indicator keeps fosterhjem i and utenom familie og nære nettverk (not beredskapshjem, which 13353 has
as a third type, nor SSB's total, which includes it). The other variables are left to SSB's elimination,
which gives their total only where the metadata names a total value (all years since the first
placement, the longest observation period from 2014, as the report's figures). Where SSB would sum
overlapping values instead (observation periods overlap), the fetch stops naming the variable and its
values: it must then be declared with the value wanted. SSB publishes the table a year later than the
rest, so a report year reads it two years back (`data_lag_years=2`: the 2023 report has 2021 data,
the 2024 report the 2022 data SSB published in 2024).

**The extract (B-3, B-4).** The distribution of the children by number of moves since 2014, their age
and the years since their first placement are not in a published table the project could find
(13353's statistics are the children, those with at least one move and the average number of moves;
SSB's article on 13353 names no distribution): the report's source line is "Bufdir og SSB, bearbeidet
av Menon Economics", a special extract. It is declared here as a Bufdir dataset (a file in the
snapshot's `bufdir/` folder), one long table: per type of fosterhjem (all, i familie, utenom familie
og nære nettverk) a row per band of each variable, and an "I alt" row with the number of children
(N). Bands are given by their label and their bounds (`fra`, `til`; `til` empty for an open band),
so the models check that they cover their range without gaps and need no list of band labels. A cell
the extract does not give (too few children) is empty, never 0. The extract covers the same year as
13353 (`Reaches(..., years_before=data_lag_years)`).
"""

from pipeline.bufdir import BufdirDataset, Reaches
from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.ssb.declaration import RegionCodes, Selection, SsbTable, Variable
from pipeline.typed_csv import Column

# The age group of the report's figures. Inferred label (see the module): SSB's usual "0-17 år".
ALDER_0_17 = {"0_17": "0-17 år"}
# SSB's barnevern histories start in 2014 (the report's fn 55): moves before it are not counted.
FORLOP_FRA = 2014

TABLE_13353 = SsbTable(
    id="13353",
    title="Flyttingar blant barn som har budd i fosterheim i løpet av året, etter fosterheimstype, aldersgrupper, "
          "talet på år sidan første plasseringstiltak og observasjonsperiodar",
    description="Children 0-17 who lived in a fosterhjem during the year, and those with at least one move since "
                "their first placement, by type of fosterhjem.",
    variables=(
        Variable("fosterheimstype", Selection.all(), label="fosterheimstype"),
        # Inferred labels: the variable's from SSB's title, the value's from SSB's other tables.
        Variable("alder", Selection.labeled(ALDER_0_17), label="aldersgrupper"),
        Variable("statistikkvariabel", Selection.all(), role="metric"),
        Variable("aar", Selection.years(), role="time"),
    ),
    regions=RegionCodes(national="0"),
    first_year=2019,
    data_lag_years=2,
    unit="barn",
    staging_sql="staging/flyttinger.sql",
    staged_table="staging.flyttinger",
    raw_expectations=Expectations(columns=(ColumnExpectations("value", min_value=0),
                                           ColumnExpectations("alder_key", not_null=True)),
                                  unique_key=("fosterheimstype", "alder", "statistikkvariabel", "aar")),
    staged_expectations=Expectations(
        unique_key=("fosterheimstype", "alder", "statistikkvariabel", "aar"),
        columns=(ColumnExpectations("antall", min_value=0),),
        must_contain=(("maal", ("minst_en_flytting", "barn")), ("type", ("i_familie", "utenom_familie")),
                      ("alder", ("0_17",))),
    ),
)

# Tiltak 2.1-2.4 (fosterhjem i and utenom familie og nære nettverk, familiehjem, fosterhjem etter § 4-27);
# 2.5 beredskapshjem and 2.6 midlertidig hjem i familie og nære nettverk are not fosterhjem here.
FOSTERHJEMSTYPER = ("Fosterhjem i alt", "Fosterhjem i familie og nære nettverk",
                    "Fosterhjem utenom familie og nære nettverk")
VARIABLER = ("I alt", "Antall flyttinger", "Alder", "År siden første plassering")

FLYTTINGER_UTTREKK = BufdirDataset(
    name="flyttinger_fosterhjem_uttrekk",
    description="Special extract (Bufdir and SSB): children 0-17 who lived in a fosterhjem (tiltak 2.1-2.4, not "
                "beredskapshjem or midlertidig hjem) during the year, by number of moves since the histories "
                "start, by age and by years since the first placement, per type of fosterhjem",
    period="one year (the same as SSB 13353's latest): per type of fosterhjem an 'I alt' row and a row per band",
    reaches=Reaches("aar", years_before=TABLE_13353.data_lag_years),
    columns=(
        Column("aar", "int", "the year the children lived in a fosterhjem"),
        Column("forlop_fra", "int", "first year of the histories: moves since then are counted (2014)"),
        Column("fosterhjemstype", "text", "'Fosterhjem i alt' is tiltak 2.1-2.4, not the sum of the two types",
               allowed=FOSTERHJEMSTYPER),
        Column("variabel", "text", "what the bands count: 'I alt' (the number of children), moves, age (years) "
                                   "or years since the first placement", allowed=VARIABLER),
        Column("kategori", "text", "the band as the extract labels it, e.g. '1-2', '12-17 år', 'Over 5 år'"),
        Column("fra", "int", "lower bound of the band (moves, years of age, years); empty on the 'I alt' row",
               nullable=True),
        Column("til", "int", "upper bound of the band, inclusive; empty for an open band and on 'I alt'",
               nullable=True),
        Column("barn", "int", "children in the band; empty where the extract does not give it (too few)",
               unit="barn", nullable=True),
        Column("barn_minst_en_flytting", "int", "of them, children with at least one move since forlop_fra; "
                                                "empty where not given", unit="barn", nullable=True),
    ),
    expectations=Expectations(
        unique_key=("aar", "fosterhjemstype", "variabel", "kategori"),
        columns=(ColumnExpectations("barn", min_value=0), ColumnExpectations("barn_minst_en_flytting", min_value=0),
                 ColumnExpectations("fra", min_value=0), ColumnExpectations("forlop_fra", min_value=2000)),
        at_least=(("barn", "barn_minst_en_flytting"), ("til", "fra"), ("aar", "forlop_fra")),
        must_contain=(("variabel", ("I alt", "Antall flyttinger")), ("fosterhjemstype", ("Fosterhjem i alt",))),
    ),
)
