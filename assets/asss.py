"""The ASSS kommuner (the twelve largest, KS's *Aggregerte styringsdata for samarbeidende storkommuner*) and
the SSB-based indicators of Menon's ASSS report (Menon-publikasjon 43/2024, chapter 4 and vedlegg 5).

- `reference.asss_kommuner` (`sql/seeds/asss_kommuner.csv`): every ASSS kommune with its codes in every
  kommune structure the series cross (before 2020, 2020-2023, from 2024), each row with its source.
  `indicators.asss_kommuner` gives the twelve in the report year's structure and checks the table against
  the KLASS mapping (`indicators.kommunestruktur`).

- `indicators.asss_befolkning`: inhabitants 0-17, 1-5 and 15-24 per kommune on 1 January (SSB 07459), the
  denominators.
- `indicators.asss_indikator_ssb`: the indicators built on SSB data in the long shape both ASSS engineers
  write (report_year, indikator, kommunenummer, aar, verdi, enhet, teller, nevner, merknad): indicator 11,
  plasseringer utenfor hjemmet per 10 000 aged 0-17 (SSB 12275 funksjon 252 per 31.12 / 07459); indicator 14,
  children 1-5 not in barnehage as a share of 1-5 (100 minus SSB 13502's share). Indicators 12, 13 and 15 have
  no SSB table with kommune rows (`assets/sources/asss.py` says what was searched).
- `indicators.asss_nokkeltall`: the same shape with `maal` for `indikator`: children with measures as a share
  of 0-17, and brutto driftsutgifter per child on 251 and 252 in report-year kroner (12362 AGD10 / 12275).

Every kommune-level indicator is computed for every kommune of the report year's structure (the profile
pages need them all); the panel picks the ASSS kommuner from `indicators.asss_kommuner`.
"""

from __future__ import annotations

from pipeline.expectations import Audit, ColumnExpectations, Expectations
from pipeline.model_assets import SqlModel, per_kommune, sql_model_asset
from pipeline.reference import ReferenceTable
from pipeline.source_assets import reference_table_asset
from pipeline.symbols import SymbolRule

ASSS_KOMMUNER = ReferenceTable(
    name="asss_kommuner",
    one_row="one kommune code an ASSS kommune has had since 2015, with the years it was in use",
    column_docs={
        "asss_kommune": "the ASSS kommune the code belongs to (its name today)",
        "kommunenummer": "the kommune code",
        "kommunenavn": "the kommune's name under that code",
        "fra_aar": "the first year the code is (part of) the ASSS kommune; empty: before 2015 [år]",
        "til_aar": "the last year; empty: still in use [år]",
        "merknad": "the change the code went through",
        "medlemskap_url": "where the ASSS membership is stated",
    },
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


# --- Denominators and indicators built on SSB data -------------------------------------------------------

ASSS_BEFOLKNING = "indicators.asss_befolkning"
BARN_MED_TILTAK_KOMMUNE = "indicators.barn_med_tiltak_kommune"
ASSS_INDIKATOR_SSB = "indicators.asss_indikator_ssb"
ASSS_NOKKELTALL = "indicators.asss_nokkeltall"
# The long shape of every ASSS indicator table (issue #12), in this order.
LONG_SHAPE = ("report_year", "indikator", "kommunenummer", "aar", "verdi", "enhet", "teller", "nevner", "merknad")

asss_befolkning = sql_model_asset(
    SqlModel(
        table=ASSS_BEFOLKNING,
        sql="indicators/asss_befolkning.sql",
        symbols=SymbolRule.stop("the denominators of the ASSS indicators: a sum short of one age would move every "
                                "rate of the kommune",
                                befolkning="region_type = 'kommune' and aar <= getvariable('report_year')"),
        description="Inhabitants 0-17, 1-5 and 15-24 per kommune (report-year structure) on 1 January: the ASSS "
                    "indicators' denominators (SSB 07459)",
        expectations=per_kommune(Expectations(
            unique_key=("kommune_kode", "alder", "aar"),
            columns=(
                ColumnExpectations("alder", not_null=True, allowed=("0-17", "1-5", "15-24")),
                ColumnExpectations("personer", not_null=True, min_value=0, max_value=1_000_000),
            ),
        )),
    ),
    group="asss",
)

barn_med_tiltak_kommune = sql_model_asset(
    SqlModel(
        table=BARN_MED_TILTAK_KOMMUNE,
        sql="indicators/barn_med_tiltak_kommune.sql",
        symbols=SymbolRule.flag("a kommune's count is the sum of all its parts or none: a part SSB publishes as a "
                                "symbol makes the count NULL, named in `symboler`"),
        description="Children 0-17 with measures per kommune (report-year structure), KOSTRA funksjon, measure "
                    "and year (SSB 12275): every code of the kommune summed, or nothing",
        expectations=per_kommune(Expectations(
            unique_key=("kommune_kode", "funksjon", "maal", "aar"),
            columns=(ColumnExpectations("kommune_kode", not_null=True, regex=r"^\d{4}$"),
                     ColumnExpectations("antall", min_value=0)),
        )),
    ),
    group="asss",
)

asss_indikator_ssb = sql_model_asset(
    SqlModel(
        table=ASSS_INDIKATOR_SSB,
        sql="indicators/asss_indikator_ssb.sql",
        symbols=SymbolRule.flag("11 reads 12275 through barn_med_tiltak_kommune (flag); 14 reads 13502 and the "
                                "07459 ages 1-5 of each code directly: a part published as a symbol, or a weight "
                                "short of one age, gives no value, and `merknad` names the part and the symbol"),
        description="ASSS indicators built on SSB data per kommune and year, long shape: 11, plasseringer utenfor "
                    "hjemmet per 10 000 aged 0-17 (SSB 12275 funksjon 252 per 31.12 / SSB 07459); 14, children 1-5 "
                    "not in barnehage, prosent (100 - SSB 13502's share, weighted by 07459 1-5 over older codes)",
        expectations=per_kommune(Expectations(
            required_columns=LONG_SHAPE,
            unique_key=("indikator", "kommunenummer", "aar"),
            columns=(
                ColumnExpectations("indikator", not_null=True, min_value=11, max_value=15),
                ColumnExpectations("kommunenummer", not_null=True, regex=r"^\d{4}$"),
                ColumnExpectations("enhet", not_null=True),
                # placed children are about 1 % of 0-17: 1 000 per 10 000 (10 %) is far beyond any kommune
                ColumnExpectations("verdi", min_value=0, max_value=1_000),
            ),
        )),
    ),
    group="asss",
)

asss_nokkeltall = sql_model_asset(
    SqlModel(
        table=ASSS_NOKKELTALL,
        sql="indicators/asss_nokkeltall.sql",
        symbols=SymbolRule.flag("a kommune's count or amount is the sum of all its parts or none: a part SSB "
                                "publishes as a symbol (12275 or 12362) makes the value NULL, named in `merknad`"),
        description="ASSS key figures per kommune and year: children with measures as a share of 0-17, brutto "
                    "driftsutgifter per child on 251 and 252 in report-year kroner",
        expectations=per_kommune(Expectations(
            unique_key=("maal", "kommunenummer", "aar"),
            columns=(
                ColumnExpectations("maal", not_null=True, allowed=(
                    "andel_barn_med_tiltak_i_lopet_av_aaret", "andel_barn_med_tiltak_per_31_12",
                    "brutto_driftsutgifter_per_barn_251", "brutto_driftsutgifter_per_barn_252")),
                ColumnExpectations("kommunenummer", not_null=True, regex=r"^\d{4}$"),
                ColumnExpectations("enhet", not_null=True),
            ),
        )),
    ),
    group="asss",
)
