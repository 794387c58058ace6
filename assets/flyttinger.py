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
from pipeline.figures import PALETTE, Figure, line_series, new_figure, norsk_akse
from pipeline.model_assets import SqlModel, figure_asset, sql_model_asset
from pipeline.symbols import SymbolRule

KILDE = "Kilde: SSB tabell 13353"
TYPE_NAVN = {"i_familie": "Fosterhjem i familie og nære nettverk",
             "utenom_familie": "Fosterhjem utenom familie og nære nettverk",
             "beredskapsheim": "Beredskapshjem"}
FOTNOTE = ("Flyttinger siden første plasseringstiltak; forløpsdata fra 2014, så flyttinger før 2014 er ikke med. "
           "En endring i type plasseringstiltak telles som en flytting.")



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


def _draw_b_1(data, year: int):
    fig, axes = new_figure(ncols=2)
    colors = [PALETTE[0], PALETTE[2], PALETTE[4]]
    line_series(axes[0], data, x="år", y="minst_en_flytting", by="type", labels=TYPE_NAVN, colors=colors)
    line_series(axes[1], data.assign(prosent=100 * data["andel"]), x="år", y="prosent", by="type",
                labels=TYPE_NAVN, colors=colors)
    axes[0].set_title("A – antall barn", fontsize=10, loc="left")
    axes[1].set_title("B – andel av barna (prosent)", fontsize=10, loc="left")
    axes[0].yaxis.set_major_formatter(norsk_akse())
    axes[1].yaxis.set_major_formatter(norsk_akse())
    for ax in axes:
        ax.set_ylim(bottom=0)
    axes[0].legend(loc="lower left", fontsize=7)
    return fig


figur_b_1 = figure_asset(Figure(
    id="figur_b_1",
    title="Vedlegg B: Barn med minst én flytting siden første plasseringstiltak, blant barn som har bodd i "
          "fosterhjem i løpet av året",
    description="Vedlegg B: children with at least one move since the first placement, by type of fosterhjem",
    draw=_draw_b_1, source=KILDE, footnotes=(FOTNOTE, "Alle aldersgrupper i tabellen."),
), group="flyttinger")
