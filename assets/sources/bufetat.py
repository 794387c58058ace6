"""State child welfare, the sources: four Bufdir datasets (Bufetat's gross operating expenditure by
accounting function, the egenandeler Bufetat received, the days spent in sentre for foreldre og
barn, and the days of stay and kroner per day by measure), read by `assets/bufetat.py` for figures
5-11 … 5-13, 0-11 and 0-13 and the numbers the report's text quotes.

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
        Column("aar", "int", "the accounting or budget year"),
        Column("regnskapsfunksjon", "text", "accounting function, e.g. Statlige institusjoner"),
        Column("belop_1000_kr", "float", "gross operating expenditure, nominal", unit="1000 kr"),
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
    columns=(Column("aar", "int", "the year the co-payments were received"),
             Column("belop_1000_kr", "float", "co-payments Bufetat received from the kommuner, nominal",
                    unit="1000 kr")),
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
        Column("aar", "int", "the year"),
        Column("region", "text", "Bufetat region, or Hele landet for Bufetat as a whole",
                     allowed=REGIONER),
        Column("eierskap", "text", "statlig or privat senter", allowed=SENTER_EIERSKAP),
        Column("oppholdsdager", "int", "days of stay in sentre for foreldre og barn", unit="dager"),
        Column("eldste_barn_alder", "int", "age of the oldest child with a day of stay in the row's sentre that "
               "year (figure 0-11's note); empty where Bufdir does not give it", unit="år", nullable=True),
    ),
    expectations=Expectations(unique_key=("aar", "region", "eierskap"),
                              columns=(ColumnExpectations("oppholdsdager", min_value=0),
                                       # children in child welfare are 0-24 (measures may run to 25)
                                       ColumnExpectations("eldste_barn_alder", min_value=0, max_value=24))),
)


# The measures whose days of stay the report's text quotes (section 5.5): named as the accounting functions
# of figure 5-13 are. "Statlige fosterhjem" is spesialiserte fosterhjem and beredskapshjem together.
TILTAK = ("Statlige institusjoner", "Private institusjoner", "Statlige fosterhjem", "Fosterhjem i private tiltak")

# Inferred from the report's text (no file or schema of Bufdir's is at hand): the report quotes days of stay
# for statlige fosterhjem (−20 423, −8 %) and kroner per day for private institusjoner (13 049 → 14 929) from
# Bufdir's "oppholdstider og ressursbruk for ulike statlige tiltak", whole years, Bufetat as a whole.
OPPHOLDSDAGER_TILTAK = BufdirDataset(
    name="oppholdsdager_tiltak",
    description="Days of stay (oppholdsdager) and resources used per day of stay (kroner, the year's kroner) in "
                "Bufetat's measures, Bufetat as a whole, by year and measure",
    period="one row per year and measure; whole years only",
    reaches=Reaches("aar", years_before=1),  # the statistics year (the text compares it with the year before)
    columns=(
        Column("aar", "int", "the year"),
        Column("tiltak", "text", "the measure, named as the accounting functions of figure 5-13", allowed=TILTAK),
        Column("oppholdsdager", "int", "days of stay in the measure", unit="dager"),
        Column("kroner_per_oppholdsdag", "float", "resources used per day of stay in the year's kroner; empty "
               "where Bufdir does not give it", unit="kroner", nullable=True),
    ),
    expectations=Expectations(unique_key=("aar", "tiltak"),
                              columns=(ColumnExpectations("oppholdsdager", min_value=0),
                                       ColumnExpectations("kroner_per_oppholdsdag", min_value=0))),
)
