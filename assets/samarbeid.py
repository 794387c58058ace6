"""Formal inter-municipal cooperation on child welfare (section 6.1 of the 2023 status report): the share
of kommuner in such a cooperation by befolkningskategori (figure 6-1, Bufdir's latest overview); the
cooperations of each of Bufdir's overviews in the file, their number and size (63 cooperations, 199
kommuner in 2023 against 195 in 2021, two to six kommuner each); and SSB 12115's count of kommuner whose
service is in an inter-municipal cooperation (208 in 2021, 210 in 2022).

The Bufdir dataset and SSB 12115 are declared in `assets.sources.samarbeid`.
"""

import textwrap

from assets.sources.samarbeid import TABLE_12115
from pipeline.expectations import Audit, ColumnExpectations, Expectations
from pipeline.figures import PALETTE, Figure, new_figure
from pipeline.model_assets import SqlModel, figure_asset, has_kommune_rows, per_kommune, sql_model_asset
from pipeline.symbols import SymbolRule

ANDEL_TABLE = "indicators.interkommunalt_samarbeid"
OVERSIKT_TABLE = "indicators.interkommunale_samarbeid_oversikt"
SSB_TABLE = "indicators.interkommunalt_samarbeid_ssb"

interkommunale_samarbeid_oversikt = sql_model_asset(
    SqlModel(
        table=OVERSIKT_TABLE,
        sql="indicators/interkommunale_samarbeid_oversikt.sql",
        description="Each of Bufdir's overviews of formal inter-municipal cooperations in the file: the number "
                    "of cooperations, the kommuner in them, and their size (section 6.1)",
        expectations=Expectations(
            unique_key=("per_dato",),
            columns=(ColumnExpectations("kommuner_i_samarbeid", not_null=True, min_value=0),
                     ColumnExpectations("samarbeid", not_null=True, min_value=0)),
        ),
        audits=(
            Audit("every_member_names_its_cooperation",
                  "a kommune in a formal cooperation names it (samarbeid), one not in one names none",
                  columns=(ColumnExpectations("ja_uten_samarbeid", max_value=0),
                           ColumnExpectations("nei_med_samarbeid", max_value=0))),
            Audit("a_cooperation_has_two_kommuner_or_more",
                  "a cooperation is between kommuner: one named by a single kommune is a typo in its name",
                  columns=(ColumnExpectations("samarbeid_med_en_kommune", max_value=0),)),
        ),
    ),
    group="samarbeid",
)

interkommunalt_samarbeid_ssb = sql_model_asset(
    SqlModel(
        table=SSB_TABLE,
        symbols=SymbolRule.flag("a kommune whose answer is a symbol is counted neither in nor out of a "
                                "cooperation: merknad_symboler names it, the count may be too low"),
        sql="indicators/interkommunalt_samarbeid_ssb.sql",
        description="Kommuner whose child-welfare service is in an inter-municipal cooperation per 31.12, "
                    "SSB 12115 (section 6.1)",
        # every year the report year needs, where the snapshot has kommuner at all
        expectations=lambda con, year: per_kommune(Expectations(
            unique_key=("aar",),
            must_contain=(("aar", TABLE_12115.years_needed(year)),) if has_kommune_rows(con) else (),
            columns=(ColumnExpectations("kommuner_i_samarbeid", not_null=True, min_value=0),),
        ))(con, year),
    ),
    group="samarbeid",
)

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
