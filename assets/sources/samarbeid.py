"""Inter-municipal cooperation on child welfare, the sources (section 6.1 of the 2023 status report,
figure 6-1, `assets/samarbeid.py`):

- `SAMARBEID`, Bufdir's overview of formal inter-municipal cooperations, quality-assured by the
  statsforvaltere; it leaves out kommuner that share only a barnevernsvakt. One row per kommune and
  overview: whether the kommune is in a formal cooperation and, if so, which (`samarbeid`, the
  cooperation's name or id as Bufdir gives it, the same on every member's row). `per_dato` dates the
  overview: a file may hold several of Bufdir's overviews, one below the other (the report compares
  the August 2023 overview with the one from 2021), each with its own date. The kommune codes are those
  of the overview's own date; a spreadsheet that turned "0301" into 301 is read back to four digits
  (`width=4`).
- `TABLE_12115`, SSB's KOSTRA answer per kommune to «Er barnevernstenesta i eit interkommunalt
  samarbeid?» (ja = 1, nei = 0), per 31.12 (the report's footnote 51: 208 kommuner in 2021, 210 in 2022).
  No metadata for 12115 was found (`../shared/reference/ssb-metadata/12115.md`), so it is declared by
  label, and everything but the question itself is **inferred**: the title, the KOSTRA region coding
  (EAK, kommuner by four digits), the first year (2021, the first the report quotes), the question's
  label (the report quotes it; SSB's label may add "(ja=1, nei=0)"). `reformeval fetch --check` names
  the closest labels the live metadata has; every other variable is left to SSB's elimination.
"""

from pipeline.bufdir import BufdirDataset, Reaches
from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.ssb.declaration import RegionCodes, Selection, SsbTable, Variable
from pipeline.typed_csv import Column

SAMARBEID = BufdirDataset(
    name="interkommunale_samarbeid",
    description="Per kommune and overview (per_dato): whether it is part of a formal inter-municipal "
                "child-welfare cooperation, and which",
    period="one row per kommune and overview; each overview at its date (e.g. August of the report year), "
           "earlier overviews (2021) below it",
    reaches=Reaches("per_dato"),
    columns=(
        Column("kommunenummer", "text", "kommune code at the overview's date", width=4),
        Column("formelt_samarbeid", "text", "ja or nei", allowed=("ja", "nei")),
        Column("samarbeid", "text", "the cooperation's name or id as Bufdir gives it, the same on the rows of "
               "all its members; empty where formelt_samarbeid is nei", nullable=True),
        Column("per_dato", "date", "the date of Bufdir's overview (one date per overview)"),
    ),
    expectations=Expectations(unique_key=("per_dato", "kommunenummer"),
                              columns=(ColumnExpectations("kommunenummer", not_null=True, regex=r"^\d{4}$"),)),
)

# The question, by the stable key the warehouse uses, as the report's footnote 51 quotes SSB's label.
SPORSMAL_12115 = {"interkommunalt_samarbeid": "Er barnevernstenesta i eit interkommunalt samarbeid?"}

TABLE_12115 = SsbTable(
    id="12115",
    title="Barnevern: organisering av barnevernstenesta (K) (tittel antatt)",
    description="Per kommune and year (per 31.12): is the child-welfare service in an inter-municipal "
                "cooperation? ja = 1, nei = 0 (declared by label; metadata not seen).",
    variables=(
        Variable("region", Selection.all(), role="geo"),
        Variable("statistikkvariabel", Selection.labeled(SPORSMAL_12115), role="metric"),
        Variable("aar", Selection.years(), role="time"),
    ),
    # KOSTRA coding (inferred): the country EAK, without Oslo EAKUO, kommuner by four digits.
    regions=RegionCodes(national="EAK", national_without_oslo="EAKUO"),
    first_year=2021,
    unit="ja = 1, nei = 0",
    staging_sql="staging/interkommunalt_samarbeid_ssb.sql",
    staged_table="staging.interkommunalt_samarbeid_ssb",
    kommune_value_column="svar",
    raw_expectations=Expectations(
        columns=(ColumnExpectations("statistikkvariabel_key", not_null=True),),
        unique_key=("region", "statistikkvariabel", "aar"),
    ),
    staged_expectations=Expectations(
        required_columns=("region_kode", "region_type", "aar", "svar", "status"),
        unique_key=("region_kode", "aar"),
        # a kommune's answer is 1 (ja) or 0 (nei): anything else is not the question the report counts
        columns=(ColumnExpectations("svar_kommune", min_value=0, max_value=1),
                 ColumnExpectations("svar_er_heltall", min_value=1, max_value=1)),
    ),
)
