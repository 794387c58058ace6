"""ASSS indicators on forebygging og tidlig innsats (issue #12), the kommune half: the catalogue of the
seed's 15 indicators with vedlegg 5's comparability verdicts as data (`reference.asss_indikatorer`).

The seed is Kjelsaas og Pedersen (2024), Menon-publikasjon nr. 43/2024 (`../shared/seeds/
menon-2024-asss-indikatorer.txt`): chapter 4 defines the indicators, vedlegg 5 (tabell 0-1) says for each
whether it is comparable over time and between kommuner, and on what condition. A verdict is `ja`, `nei`
or `betinget`; a conditional verdict names its condition in words (`*_vilkaar`, the seed's own) and as
the normalisations that meet it (`*_krav`, `+`-separated): `deflatert` (report-year kroner with the
kommunal deflator), `per_10000_0_17` (per 10 000 inhabitants 0–17), `andel_barnefamilier` (a share of
the families with children) and `andel_aldersgruppe` (a share of the age group).
"""

from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.reference import ReferenceTable
from pipeline.source_assets import reference_table_asset

_VERDICTS = ("ja", "nei", "betinget")

ASSS_INDIKATORER = ReferenceTable(
    name="asss_indikatorer",
    description=(
        "The 15 ASSS indicators of the seed (Menon-publikasjon 43/2024, chapter 4): name as the seed words it, "
        "definition, unit, numerator and denominator, source kind (kommune / SSB), and vedlegg 5's verdict on "
        "comparability over time and between kommuner (ja / nei / betinget) with its condition in the seed's "
        "words and as the normalisations that meet it; `kilde_i_seeden` quotes section and page"
    ),
    columns={"nr": "int", "navn": "text", "definisjon": "text", "enhet": "text", "teller": "text",
             "nevner": "text", "kildetype": "text", "over_tid": "text", "over_tid_vilkaar": "text",
             "over_tid_krav": "text", "mellom_kommuner": "text", "mellom_kommuner_vilkaar": "text",
             "mellom_kommuner_krav": "text", "kilde_i_seeden": "text",
             "source_document": "text", "source_url": "text"},
    optional=("teller", "nevner", "over_tid_vilkaar", "over_tid_krav", "mellom_kommuner_vilkaar",
              "mellom_kommuner_krav"),
    expectations=Expectations(
        min_rows=15,
        unique_key=("nr",),
        columns=(
            ColumnExpectations("nr", not_null=True, min_value=1, max_value=15),
            ColumnExpectations("kildetype", not_null=True, allowed=("kommune", "SSB")),
            ColumnExpectations("over_tid", not_null=True, allowed=_VERDICTS),
            ColumnExpectations("mellom_kommuner", not_null=True, allowed=_VERDICTS),
            ColumnExpectations("over_tid_krav", regex=r"^[a-z0-9_]+(\+[a-z0-9_]+)*$"),
            ColumnExpectations("mellom_kommuner_krav", regex=r"^[a-z0-9_]+(\+[a-z0-9_]+)*$"),
        ),
    ),
)

reference_assets = [reference_table_asset(ASSS_INDIKATORER, group="asss_kommune")]
