"""Population, the source: SSB table 07459 (inhabitants on 1 January by kommune and single year of age).

Both sexes: `Kjonn` is left to SSB, which sums men and women (`summed_over`).
"""

from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.ssb.declaration import RegionCodes, Selection, SsbTable, Variable

TABLE_07459 = SsbTable(
    id="07459",
    title="Befolkning 1. januar, etter region og alder",
    description="Folkemengde 1. januar per kommune og ettårig alder (begge kjønn; Kjonn er eliminert).",
    variables=(
        Variable("region", Selection.all(), code="Region", role="geo"),
        # Alder: three-digit single years "000", "001", … and a top-coded oldest group.
        Variable("alder", Selection.all(), code="Alder"),
        Variable("statistikkvariabel", Selection.codes("Personer1"), code="ContentsCode", role="metric"),
        Variable("aar", Selection.years(), role="time"),
    ),
    # Outside KOSTRA the country is region "0"; fylker have two digits, kommuner four.
    regions=RegionCodes(national="0"),
    first_year=2015,
    data_lag_years=0,
    unit="personer",
    staging_sql="staging/befolkning.sql",
    staged_table="staging.befolkning",
    kommune_value_column="personer",
    known_labels={"statistikkvariabel": {"Personer1": "Personer"}},
    # Both sexes: SSB sums men and women when Kjonn is left out.
    summed_over=("Kjonn",),
    raw_expectations=Expectations(
        required_columns=("region", "alder", "statistikkvariabel", "aar", "value", "status"),
        columns=(
            ColumnExpectations("alder", not_null=True),
            ColumnExpectations("aar", not_null=True, regex=r"^\d{4}$"),
            ColumnExpectations("value", min_value=0),
            ColumnExpectations("status", allowed=(".", "..", "...", ":", "-")),
        ),
        unique_key=("region", "alder", "statistikkvariabel", "aar"),
    ),
    staged_expectations=Expectations(
        required_columns=("region_kode", "region_type", "alder", "aar", "personer", "status"),
        columns=(
            ColumnExpectations("aar", not_null=True, min_value=1986, max_value=2100),
            ColumnExpectations("alder", not_null=True, min_value=0, max_value=130),
            ColumnExpectations("personer", min_value=0, max_value=10_000_000),
        ),
        unique_key=("region_kode", "alder", "aar"),
    ),
)
