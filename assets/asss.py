"""The ASSS kommuner (the twelve largest, KS's *Aggregerte styringsdata for samarbeidende storkommuner*) and
the SSB-based indicators of Menon's ASSS report (Menon-publikasjon 43/2024, chapter 4 and vedlegg 5).

- `reference.asss_kommuner` (`sql/seeds/asss_kommuner.csv`): every ASSS kommune with its codes in every
  kommune structure the series cross (before 2020, 2020-2023, from 2024), each row with its source.
  `indicators.asss_kommuner` gives the twelve in the report year's structure and checks the table against
  the KLASS mapping (`indicators.kommunestruktur`).

Every kommune-level indicator is computed for every kommune of the report year's structure (the profile
pages need them all); the panel picks the ASSS kommuner from `indicators.asss_kommuner`.
"""

from __future__ import annotations

from pipeline.expectations import Audit, ColumnExpectations, Expectations
from pipeline.model_assets import SqlModel, sql_model_asset
from pipeline.reference import ReferenceTable
from pipeline.source_assets import reference_table_asset

ASSS_KOMMUNER = ReferenceTable(
    name="asss_kommuner",
    description=(
        "The ASSS kommuner (KS) with every kommune code each has had since 2015: from `fra_aar` to `til_aar` "
        "(empty: before 2015 / still in use) the code `kommunenummer` is (part of) the ASSS kommune"
    ),
    columns={"asss_kommune": "text", "kommunenummer": "text", "kommunenavn": "text", "fra_aar": "int",
             "til_aar": "int", "merknad": "text", "source_document": "text", "source_url": "text",
             "medlemskap_url": "text"},
    optional=("fra_aar", "til_aar", "merknad"),
    source_columns=("source_document", "source_url", "medlemskap_url"),
    expectations=Expectations(
        unique_key=("kommunenummer",),
        columns=(
            ColumnExpectations("asss_kommune", not_null=True),
            ColumnExpectations("kommunenummer", not_null=True, regex=r"^\d{4}$"),
            ColumnExpectations("fra_aar", min_value=1838, max_value=2100),
            ColumnExpectations("til_aar", min_value=1838, max_value=2100),
        ),
        at_least=(("til_aar", "fra_aar"),),
    ),
)

asss_kommuner_referanse = reference_table_asset(ASSS_KOMMUNER, group="asss")

ASSS_KOMMUNER_MODEL = "indicators.asss_kommuner"

asss_kommuner = sql_model_asset(
    SqlModel(
        table=ASSS_KOMMUNER_MODEL,
        sql="indicators/asss_kommuner.sql",
        description="The ASSS kommuner in the report year's kommune structure, checked against the KLASS mapping",
        expectations=Expectations(
            unique_key=("asss_kommune",),
            columns=(
                # NULL: the reference table gives the kommune no code in the structure year
                ColumnExpectations("kommune_kode", not_null=True, regex=r"^\d{4}$"),
                ColumnExpectations("kommune_navn", not_null=True),
            ),
        ),
        audits=(
            Audit("asss_kommune_in_report_year_structure",
                  "the code reference.asss_kommuner gives each ASSS kommune in the structure year is a kommune of "
                  "the report year's structure (else a kommune change is missing from the reference table)",
                  columns=(ColumnExpectations("mangler_i_strukturen", not_null=True, max_value=0),)),
            Audit("asss_codes_agree_with_klass",
                  "every older code of an ASSS kommune maps, through KLASS 131 (indicators.kommunestruktur), to "
                  "that kommune's report-year code (koder_til_annen_kommune_liste names those that do not)",
                  columns=(ColumnExpectations("koder_til_annen_kommune", not_null=True, max_value=0),)),
        ),
    ),
    group="asss",
)
