"""Moves among children who lived in a fosterhjem during the year: SSB 13353 (vedlegg B of the 2023
status report): children with at least one move since their first placement, counts and shares by
type of fosterhjem.

No codes were found for the table: its declaration (`assets.sources.flyttinger`) asks for every type
of fosterhjem and every statistic and leaves the other variables to SSB's elimination (their totals).
The report's vedlegg B shows 0-17 år; with the age total the figure says "alle aldersgrupper". The
types and statistics are told apart by label in `sql/staging/flyttinger.sql`. SSB publishes the table
a year later than the rest (the 2022 figures came in 2024), so a report year reads it up to two years
back.
"""

from assets.sources.flyttinger import TABLE_13353
from pipeline.expectations import ONE_VALUE_PER_KEY, Audit, ColumnExpectations, Expectations
from pipeline.figures import PALETTE, FigureSpec, new_figure, norsk_akse
from pipeline.model_assets import SqlModel, figure_asset_from_builder, sql_model_asset
from pipeline.source_assets import ssb_table_assets
from pipeline.symbols import SymbolRule

KILDE = "Kilde: SSB tabell 13353"
TYPE_NAVN = {"i_familie": "Fosterhjem i familie og nære nettverk",
             "utenom_familie": "Fosterhjem utenom familie og nære nettverk",
             "beredskapsheim": "Beredskapshjem"}
FOTNOTE = ("Flyttinger siden første plasseringstiltak; forløpsdata fra 2014, så flyttinger før 2014 er ikke med. "
           "En endring i type plasseringstiltak telles som en flytting.")


assets = ssb_table_assets(TABLE_13353, group="flyttinger")

FLYTTINGER = "indicators.flyttinger_fosterhjem"

flyttinger_fosterhjem = sql_model_asset(
    SqlModel(
        table=FLYTTINGER,
        symbols=SymbolRule.stop("vedlegg B quotes these national counts and their share as SSB publishes them",
                                flyttinger="type is not null and aar < getvariable('report_year')"),
        sql="indicators/flyttinger_fosterhjem.sql",
        description="Children in fosterhjem during the year with at least one move since the first placement, "
                    "count and share by type of fosterhjem (vedlegg B)",
        expectations=lambda con, year: Expectations(
            unique_key=("aar", "type"),
            must_contain=(("aar", TABLE_13353.years_needed(year)),),
            columns=(ColumnExpectations("minst_en_flytting", not_null=True, min_value=0),
                     ColumnExpectations("andel", min_value=0, max_value=1)),
        ),
        audits=(ONE_VALUE_PER_KEY,
                Audit("moved_within_children", "children with a move never outnumber the children",
                      at_least=(("barn", "minst_en_flytting"),))),
    ),
    group="flyttinger",
)


def figur_b_1(con, year: int, synthetic: bool):
    data = con.execute(f"""
        select aar as "år", type, minst_en_flytting, barn, andel
        from {FLYTTINGER} where report_year = ? and type in ('i_familie', 'utenom_familie', 'beredskapsheim')
        order by type, aar
    """, [year]).df()
    fig, axes = new_figure(ncols=2)
    for i, key in enumerate(TYPE_NAVN):
        rows = data[data["type"] == key]
        if rows.empty:
            continue
        axes[0].plot(rows["år"].astype(str), rows["minst_en_flytting"], marker="o", color=PALETTE[i * 2],
                     label=TYPE_NAVN[key])
        axes[1].plot(rows["år"].astype(str), 100 * rows["andel"], marker="o", color=PALETTE[i * 2])
    axes[0].set_title("A – antall barn", fontsize=10, loc="left")
    axes[1].set_title("B – andel av barna (prosent)", fontsize=10, loc="left")
    axes[0].yaxis.set_major_formatter(norsk_akse())
    axes[1].yaxis.set_major_formatter(norsk_akse())
    for ax in axes:
        ax.set_ylim(bottom=0)
    axes[0].legend(loc="lower left", fontsize=7)
    return fig, data, FigureSpec(
        id="figur_b_1", title="Vedlegg B: Barn med minst én flytting siden første plasseringstiltak, blant barn som "
                              "har bodd i fosterhjem i løpet av året",
        source=KILDE, footnotes=[FOTNOTE, "Alle aldersgrupper i tabellen."], synthetic=synthetic)


figures = [
    figure_asset_from_builder("figur_b_1", (FLYTTINGER,), figur_b_1, "flyttinger",
                 "Vedlegg B: children with at least one move since the first placement, by type of fosterhjem"),
]
