"""Bekymringsmeldinger (notifications to the child welfare service): SSB 10673, quoted in section
5.3 of the 2023 status report ("fra 53 468 til 49 778", 7 per cent fewer from 2021 to 2022, and a
smaller share going on to an investigation).

No metadata was found for 10673 (`../shared/reference/ssb-metadata/10673.md`): the declaration asks
only for the country (code 0, as SSB's other barnevern tables; a fetch checks it), every statistic
and the years, and leaves every other variable to SSB's elimination: its total where the metadata
names one; a variable SSB would sum instead stops the fetch with its name and values (declare it
then, or list it in `summed_over` if its values exclude each other). The statistics
are told apart by their labels in `sql/staging/meldinger.sql`; a table without a recognisable
count of meldingar stops at the staged table's check.
"""

from pipeline.demo import DemoWorld, stable_random
from pipeline.model_assets import SqlModel, sql_model_asset
from pipeline.source_assets import ssb_table_assets
from pipeline.ssb.declaration import (
    ColumnExpectations,
    DemoSpec,
    Expectations,
    RegionCodes,
    Selection,
    SsbTable,
    Variable,
)
from pipeline.symbols import SymbolRule


def _demo_10673(cell: dict[str, str], world: DemoWorld) -> float | str | None:
    year, maal = int(cell["aar"]), cell["statistikkvariabel"]
    total = 58_000 * 0.98 ** (year - 2015) * stable_random("10673", year).uniform(0.96, 1.04)
    share = {"Meldingar": 1.0, "MeldingarHenlagt": 0.2, "MeldingarUndersok": 0.78}[maal]
    return float(round(total * share))


TABLE_10673 = SsbTable(
    id="10673",
    title="Meldingar til barnevernet",
    description="Notifications (meldingar) to the child welfare service per year, with what became of them.",
    variables=(
        Variable("region", Selection.codes("0"), code="Region", role="geo"),
        Variable("statistikkvariabel", Selection.all(), role="metric"),
        Variable("aar", Selection.years(), role="time"),
    ),
    regions=RegionCodes(national="0"),
    first_year=2015,
    unit="meldingar",
    staging_sql="staging/meldinger.sql",
    staged_table="staging.meldinger",
    raw_expectations=Expectations(columns=(ColumnExpectations("value", min_value=0),),
                                  unique_key=("region", "statistikkvariabel", "aar")),
    staged_expectations=Expectations(
        unique_key=("statistikkvariabel", "aar"),
        columns=(ColumnExpectations("antall", min_value=0),),
        must_contain=(("maal", ("meldinger",)),),
    ),
    demo=DemoSpec(value=_demo_10673, categories={
        "statistikkvariabel": (("Meldingar", "Meldingar"), ("MeldingarHenlagt", "Meldingar henlagt"),
                               ("MeldingarUndersok", "Meldingar som gjekk til undersøking")),
    }),
)

assets = ssb_table_assets(TABLE_10673, group="meldinger")

MELDINGER = "indicators.bekymringsmeldinger"

bekymringsmeldinger = sql_model_asset(
    SqlModel(
        table=MELDINGER,
        symbols=SymbolRule.stop("the report quotes these national counts and the share as SSB publishes them",
                                meldinger="aar < getvariable('report_year')"),
        sql="indicators/bekymringsmeldinger.sql",
        description="Bekymringsmeldinger per year, and the share that went on to an investigation (section 5.3)",
        deps=("staging.meldinger",),
        expectations=lambda con, year: Expectations(
            unique_key=("aar",),
            must_contain=(("aar", TABLE_10673.years_needed(year)),),
            columns=(ColumnExpectations("meldinger", not_null=True, min_value=0),
                     ColumnExpectations("andel_til_undersoking", min_value=0, max_value=1),
                     ColumnExpectations("verdier_per_nokkel", max_value=1)),
            at_least=(("meldinger", "til_undersoking"), ("meldinger", "henlagt")),
        ),
    ),
    group="meldinger",
)

