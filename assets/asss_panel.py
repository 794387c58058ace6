"""The ASSS panel (issue #12, item 5): every ASSS indicator of a kommune beside what it is compared with.

- `indicators.asss_sammenligning`: one row per indicator, unit, kommune and year (the long-shape rows of
  `indicators.asss_indikator_kommune` and `indicators.asss_indikator_ssb`) with the ASSS average without the
  kommune itself, the country and the kommune's befolkningskategori, each NULL where vedlegg 5's verdict
  (`indicators.asss_sammenlignbarhet`) rules the comparison out, with the reason in `grunn`. How each
  comparator is computed is said at the top of `sql/indicators/asss_sammenligning.sql`.
"""

from __future__ import annotations

from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.model_assets import SqlModel, sql_model_asset
from pipeline.symbols import SymbolRule

SAMMENLIGNING = "indicators.asss_sammenligning"

asss_sammenligning = sql_model_asset(
    SqlModel(
        table=SAMMENLIGNING,
        sql="indicators/asss_sammenligning.sql",
        symbols=SymbolRule.flag("indicator 11's country is SSB 12275's national count where it is a number, "
                                "else the sum over the kommuner with a number, said in merknad_symboler"),
        description="Per ASSS indicator, unit, kommune and year: the kommune's value, the ASSS average without "
                    "the kommune itself, the country and the kommune's befolkningskategori, NULL where vedlegg 5 "
                    "rules the comparison out (the reason in `grunn`)",
        expectations=Expectations(
            min_rows=0,
            unique_key=("indikator", "enhet", "kommunenummer", "aar"),
            columns=(
                ColumnExpectations("kommunenummer", not_null=True, regex=r"^\d{4}$"),
                ColumnExpectations("grunn", not_null=True),
                ColumnExpectations("metode", not_null=True,
                                   allowed=("sum teller / sum nevner", "gjennomsnitt")),
                # a kommune outside ASSS is compared with all twelve, an ASSS kommune with at most eleven
                ColumnExpectations("asss_antall", min_value=0, max_value=12),
            ),
        ),
    ),
    group="asss_panel",
)
