"""Bekymringsmeldinger (notifications to the child welfare service): SSB 10673, quoted in section
5.3 of the 2023 status report ("fra 53 468 til 49 778", 7 per cent fewer from 2021 to 2022, and a
smaller share going on to an investigation).

No metadata was found for 10673: its declaration (`assets.sources.meldinger`, which says why it asks
for so little) leaves every variable but the country, the statistics and the years to SSB's
elimination. The statistics are told apart by their labels in `sql/staging/meldinger.sql`; a table
without a recognisable count of meldingar stops at the staged table's check.
"""

from assets.sources.meldinger import TABLE_10673
from pipeline.expectations import ONE_VALUE_PER_KEY, Audit, ColumnExpectations, Expectations
from pipeline.model_assets import SqlModel, sql_model_asset
from pipeline.symbols import SymbolRule

MELDINGER = "indicators.bekymringsmeldinger"

bekymringsmeldinger = sql_model_asset(
    SqlModel(
        table=MELDINGER,
        symbols=SymbolRule.stop("the report quotes these national counts and the share as SSB publishes them",
                                meldinger="aar < getvariable('report_year')"),
        sql="indicators/bekymringsmeldinger.sql",
        description="Bekymringsmeldinger per year, and the share that went on to an investigation (section 5.3)",
        expectations=lambda con, year: Expectations(
            unique_key=("aar",),
            must_contain=(("aar", TABLE_10673.years_needed(year)),),
            columns=(ColumnExpectations("meldinger", not_null=True, min_value=0),
                     ColumnExpectations("andel_til_undersoking", min_value=0, max_value=1)),
        ),
        audits=(ONE_VALUE_PER_KEY,
                Audit("outcomes_within_meldinger", "investigated or dismissed meldinger never outnumber meldinger",
                      at_least=(("meldinger", "til_undersoking"), ("meldinger", "henlagt")))),
    ),
    group="meldinger",
)

