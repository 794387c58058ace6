"""Waiting for a fosterhjem and beredskapshjem, the sources: four Bufdir datasets (figures 5-7 … 5-9,
tabell 5-1 and figure 0-6 are drawn from them in `assets/fosterhjem.py`).

Bufdir has no open API: evaluators receive these figures as files, so each dataset's schema is declared
here (columns, types, units, allowed values) and a snapshot carries the file as `bufdir/<dataset>.csv`
or `.xlsx`. The Bufetat regions are the allowed values of every region column, here and in
`assets.sources.bufetat`.
"""

from pipeline.bufdir import BufdirDataset, Reaches
from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.typed_csv import Column

BUFETAT_REGIONER = ("Region nord", "Region midt-Norge", "Region vest", "Region sør", "Region øst")
REGIONER = ("Hele landet", *BUFETAT_REGIONER)
# Waiting times longer than ten years are not plausible: a median above it is an error in the file.
MAX_VENTEDAGER = 3650
# Norway had 422 kommuner in 2019 and fewer since (356 from 2020); Oslo is never in Bufetat's figures.
MAX_KOMMUNER = 421

VENTETID = BufdirDataset(
    name="ventetid_fosterhjem",
    description="Children waiting for a fosterhjem from Bufetat: count at period end and during the period, "
                "mean and median days waited after the wished start date, by region",
    period="one row per period (a year, or the report year up to a month) and region",
    reaches=Reaches("periode_slutt"),  # the report year so far (e.g. per April)
    columns=(
        Column("periode", "text", "the period, e.g. 2022 or 2023 per april"),
        Column("periode_slutt", "date", "last day of the period"),
        Column("region", "text", "Bufetat region or Hele landet", allowed=REGIONER),
        Column("barn_som_venter_ved_periodeslutt", "int", "children waiting for a fosterhjem at the end of the period",
               unit="barn"),
        Column("barn_som_har_ventet_i_perioden", "int", "children who waited during the period", unit="barn"),
        Column("gjennomsnitt_ventedager", "float", "mean days waited after the wished start date", unit="dager",
               nullable=True),
        Column("median_ventedager", "float", "median days waited after the wished start date", unit="dager",
               nullable=True),
    ),
    expectations=Expectations(
        unique_key=("periode", "region"),
        columns=(
            ColumnExpectations("median_ventedager", min_value=0, max_value=MAX_VENTEDAGER),
            ColumnExpectations("gjennomsnitt_ventedager", min_value=0, max_value=MAX_VENTEDAGER),
            ColumnExpectations("barn_som_venter_ved_periodeslutt", min_value=0),
        ),
        at_least=(("barn_som_har_ventet_i_perioden", "barn_som_venter_ved_periodeslutt"),),
    ),
)

VENTETID_INTERVALL = BufdirDataset(
    name="ventetid_fosterhjem_intervall",
    description="Children waiting for a fosterhjem at a reference date by days waited (<30, 30-90, 91-180, >180)",
    period="one row per reference date and region",
    reaches=Reaches("referansedato"),  # 31 August of the report year (figure 5-9)
    columns=(
        Column("referansedato", "date", "the date the children waiting are counted on"),
        Column("region", "text", "Bufetat region or Hele landet", allowed=REGIONER),
        Column("under_30_dager", "int", "children who had waited less than 30 days", unit="barn"),
        Column("30_90_dager", "int", "children who had waited 30-90 days", unit="barn"),
        Column("91_180_dager", "int", "children who had waited 91-180 days", unit="barn"),
        Column("over_180_dager", "int", "children who had waited more than 180 days", unit="barn"),
        Column("i_alt", "int", "children waiting in all", unit="barn"),
    ),
    expectations=Expectations(unique_key=("referansedato", "region"),
                              columns=(ColumnExpectations("i_alt", min_value=0),)),
)


# -- Beredskapshjem: length of stay (table 5-1) and ended placements (figure 0-6) -------------------

BEREDSKAPSHJEM_BOTID = BufdirDataset(
    name="beredskapshjem_botid",
    description="Children living in beredskapshjem at a reference date: mean length of stay so far and count, "
                "by Bufetat region",
    period="one row per reference date (30 April) and region",
    reaches=Reaches("referansedato"),  # 30 April of the report year (tabell 5-1)
    columns=(
        Column("referansedato", "date", "the date the children in beredskapshjem are counted on"),
        Column("region", "text", "Bufetat region or I alt", allowed=REGIONER),
        Column("gjennomsnitt_botid_dager", "float", "mean length of stay so far of the children living there",
               unit="dager"),
        Column("antall_barn", "int", "children living in beredskapshjem on the date", unit="barn"),
    ),
    expectations=Expectations(
        unique_key=("referansedato", "region"),
        columns=(ColumnExpectations("gjennomsnitt_botid_dager", min_value=0, max_value=MAX_VENTEDAGER),
                 ColumnExpectations("antall_barn", min_value=0)),
    ),
)

BEREDSKAPSHJEM_AVSLUTTEDE = BufdirDataset(
    name="beredskapshjem_avsluttede",
    description="Ended beredskapshjem placements: mean and median length in days, and count, by year; the "
                "report year so far",
    period="one row per year: whole years, and the report year up to `periode_slutt` (e.g. 30.06)",
    reaches=Reaches("aar"),  # the report year so far (figure 0-6)
    columns=(
        Column("aar", "int", "the year the placements ended"),
        Column("periode_slutt", "date", "last day the row covers; empty or 31.12 for a whole year",
                     nullable=True),
        Column("gjennomsnitt_dager", "float", "mean length of the ended placements", unit="dager"),
        Column("median_dager", "float", "median length of the ended placements", unit="dager"),
        Column("antall_avsluttede", "int", "beredskapshjem placements that ended", unit="plasseringer"),
        Column("antall_kommuner", "int", "kommuner whose children the row covers (the N of figure 0-6's footnote)",
               unit="kommuner"),
    ),
    expectations=Expectations(
        unique_key=("aar",),
        columns=(ColumnExpectations("median_dager", min_value=0, max_value=MAX_VENTEDAGER),
                 ColumnExpectations("gjennomsnitt_dager", min_value=0, max_value=MAX_VENTEDAGER),
                 ColumnExpectations("antall_kommuner", not_null=True, min_value=1, max_value=MAX_KOMMUNER)),
    ),
)
