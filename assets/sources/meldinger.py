"""Bekymringsmeldinger, the source: SSB table 10673 (meldingar to the child welfare service per year).

No metadata was found for 10673 (`../shared/reference/ssb-metadata/10673.md`): the declaration asks
only for the country (code 0, as SSB's other barnevern tables; a fetch checks it), every statistic
and the years, and leaves every other variable to SSB's elimination: its total where the metadata
names one; a variable SSB would sum instead stops the fetch with its name and values (declare it
then, or list it in `summed_over` if its values exclude each other). `sql/staging/meldinger.sql`
tells the statistics apart by label.
"""

from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.ssb.declaration import RegionCodes, Selection, SsbTable, Variable

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
)
