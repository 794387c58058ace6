"""State child welfare, the sources: three Bufdir datasets (Bufetat's gross operating expenditure by
accounting function, the egenandeler Bufetat received, and the days spent in sentre for foreldre og
barn), read by `assets/bufetat.py` for figures 5-11 … 5-13, 0-11 and 0-13.

Like every Bufdir dataset these come as files, not through an API: the schema declared here is what a
file in `bufdir/<dataset>.csv|.xlsx` must have.
"""

from assets.sources.fosterhjem import REGIONER
from pipeline.bufdir import BufdirDataset, Reaches
from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.typed_csv import Column

DRIFTSUTGIFTER = BufdirDataset(
    name="bufetat_driftsutgifter",
    description="Bufetat's gross operating expenditure by accounting function and year; the report year as budget",
    period="one row per year and accounting function; accounts for past years, budget for the report year",
    reaches=Reaches("aar"),  # the report year's budget
    columns=(
        Column("aar", "int"),
        Column("regnskapsfunksjon", "text", "accounting function, e.g. Statlige institusjoner"),
        Column("belop_1000_kr", "float", unit="1000 kr"),
        Column("type", "text", "regnskap (accounts) or budsjett (budget)", allowed=("regnskap", "budsjett")),
    ),
    expectations=Expectations(unique_key=("aar", "regnskapsfunksjon"),
                              columns=(ColumnExpectations("belop_1000_kr", min_value=0),)),
)

EGENANDELER_INNBETALT = BufdirDataset(
    name="bufetat_egenandeler_innbetalt",
    description="Municipal co-payments (egenandeler) received by Bufetat, by year",
    period="one row per year (accounts)",
    reaches=Reaches("aar", years_before=1),  # accounts of the statistics year
    columns=(Column("aar", "int"), Column("belop_1000_kr", "float", unit="1000 kr")),
    expectations=Expectations(unique_key=("aar",), columns=(ColumnExpectations("belop_1000_kr", min_value=0),)),
)

SENTER_EIERSKAP = ("statlig", "privat")

OPPHOLDSDAGER = BufdirDataset(
    name="oppholdsdager_sentre",
    description="Days of stay (oppholdsdager) in state and private sentre for foreldre og barn during the year, "
                "all ages of children, by Bufetat region",
    period="one row per year, region and kind of senter (statlig/privat); whole years only",
    reaches=Reaches("aar", years_before=1),
    columns=(
        Column("aar", "int"),
        Column("region", "text", "Bufetat region, or Hele landet for Bufetat as a whole",
                     allowed=REGIONER),
        Column("eierskap", "text", "statlig or privat senter", allowed=SENTER_EIERSKAP),
        Column("oppholdsdager", "int", unit="dager"),
        Column("eldste_barn_alder", "int", "age of the oldest child with a day of stay in the row's sentre that "
               "year (figure 0-11's note); empty where Bufdir does not give it", unit="år", nullable=True),
    ),
    expectations=Expectations(unique_key=("aar", "region", "eierskap"),
                              columns=(ColumnExpectations("oppholdsdager", min_value=0),
                                       # children in child welfare are 0-24 (measures may run to 25)
                                       ColumnExpectations("eldste_barn_alder", min_value=0, max_value=24))),
)
