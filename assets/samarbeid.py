"""Formal inter-municipal cooperation on child welfare (Bufdir): the share of kommuner in such a
cooperation by befolkningskategori (figure 6-1 of the 2023 status report).

The Bufdir dataset is declared in `assets.sources.samarbeid`.
"""

import textwrap

from pipeline.expectations import Audit, ColumnExpectations, Expectations
from pipeline.figures import PALETTE, Figure, new_figure
from pipeline.model_assets import SqlModel, figure_asset, per_kommune, sql_model_asset

ANDEL_TABLE = "indicators.interkommunalt_samarbeid"

interkommunalt_samarbeid = sql_model_asset(
    SqlModel(
        table=ANDEL_TABLE,
        sql="indicators/interkommunalt_samarbeid.sql",
        description="Share of kommuner in formal inter-municipal cooperation by befolkningskategori (figure 6-1)",
        expectations=per_kommune(Expectations(
            unique_key=("befolkningskategori",),
            columns=(
                ColumnExpectations("andel_prosent", not_null=True, min_value=0, max_value=100),
            ),
        )),
        audits=(Audit("every_kommune_in_the_structure",
                      "every kommune in the file is a kommune of the report year's structure",
                      columns=(ColumnExpectations("kommuner_uten_kategori", min_value=0, max_value=0),)),),
    ),
    group="samarbeid",
)


def _draw_6_1(data, year: int):
    fig, ax = new_figure()
    labels = [textwrap.fill(str(name), 14) for name in data["befolkningskategori_navn"]]
    ax.bar(labels, data["andel_prosent"], color=PALETTE[1])
    ax.set_ylabel("Prosent av kommunene i gruppen")
    ax.set_ylim(0, 100)
    ax.tick_params(axis="x", labelsize=8)
    return fig


def _title_6_1(data, year: int) -> str:
    when = data["per_dato"].iloc[0] if len(data) else None
    return (f"Figur 6-1 Andel kommuner i formelle interkommunale samarbeid på barnevernsområdet"
            f"{f' per {when.day}.{when.month}.{when.year}' if when is not None else ''}, etter kommunegruppe")


def _footnotes_6_1(data, _year: int, _con) -> list[str]:
    # The kommuner behind each bar, in the order of the bars.
    grupper = data[["kommuner", "befolkningskategori_navn"]].itertuples(index=False)
    return [f"N = {', '.join(f'{int(kommuner)} ({navn.lower()})' for kommuner, navn in grupper)}."]


figur_6_1 = figure_asset(Figure(
    id="figur_6_1",
    title=_title_6_1,
    description="Figur 6-1: share of kommuner in inter-municipal cooperation",
    draw=_draw_6_1, source="Kilde: Bufdir", footnotes=_footnotes_6_1,
    kommune_level=True,
), group="samarbeid")
