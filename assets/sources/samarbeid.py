"""Inter-municipal cooperation, the source: one Bufdir dataset, per kommune whether it is part of a
formal inter-municipal child-welfare cooperation (figure 6-1, `assets/samarbeid.py`).

The kommune codes are those of the report year's structure; a spreadsheet that turned "0301" into 301
is read back to four digits (`width=4`).
"""

from pipeline.bufdir import BufdirDataset, Reaches
from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.typed_csv import Column

SAMARBEID = BufdirDataset(
    name="interkommunale_samarbeid",
    description="Per kommune: whether it is part of a formal inter-municipal child-welfare cooperation",
    period="one row per kommune at a date (e.g. August of the report year)",
    reaches=Reaches("per_dato"),
    columns=(
        Column("kommunenummer", "text", "kommune code of the report year's structure", width=4),
        Column("formelt_samarbeid", "text", "ja or nei", allowed=("ja", "nei")),
        Column("per_dato", "date"),
    ),
    expectations=Expectations(unique_key=("kommunenummer",),
                              columns=(ColumnExpectations("kommunenummer", not_null=True, regex=r"^\d{4}$"),)),
)
