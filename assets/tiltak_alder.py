"""Measures by age: SSB 10661 (vedlegg A of the 2023 status report): figure 0-4 (children 0-17 in
beredskapsheim and mellombels heim i familie og nære nettverk during the year) and 0-12 (measures in
sentre for foreldre og barn per 31.12 by age group).

Only the table's number and content are known from the report (no metadata was found, see
`../shared/reference/ssb-metadata/10661.md`): it is declared (`assets.sources.tiltak_alder`) and
read like its sister table 10660 (country code 0N, the measure variable `Barnevernstiltak`), with the
measures, the statistics and the age groups found by their labels in `sql/staging/tiltak_alder.sql`.
A fetch checks the codes against the live metadata and names what the table has where they differ.
"""

from assets.sources.bokmal import PLASSERING_NAVN_UTDYPET
from assets.sources.tiltak_alder import TABLE_10661
from pipeline.expectations import Audit, ColumnExpectations, Expectations
from pipeline.figures import PALETTE, Figure, line_series, new_figure, norsk_akse, stacked_bars
from pipeline.model_assets import SqlModel, figure_asset, sql_model_asset
from pipeline.symbols import SymbolRule

KILDE = "Kilde: SSB tabell 10661"



TILTAK_ALDER = "indicators.tiltak_etter_alder"

tiltak_etter_alder = sql_model_asset(
    SqlModel(
        table=TILTAK_ALDER,
        symbols=SymbolRule.stop("the age groups are summed to 0-17 and checked against SSB's own 0-17",
                                tiltak_alder="tiltak_nokkel is not null and alder_til <= 17 "
                                             "and aar < getvariable('report_year')"),
        sql="indicators/tiltak_etter_alder.sql",
        description="Measures in beredskapsheim, mellombels heim and sentre for foreldre og barn by age group "
                    "0-17, during the year and per 31.12 (figures 0-4, 0-12)",
        expectations=lambda con, year: Expectations(
            unique_key=("aar", "tiltak", "maal", "aldersgruppe"),
            must_contain=(("aar", TABLE_10661.years_needed(year)),),
            columns=(ColumnExpectations("alder_til", not_null=True, max_value=17),
                     ColumnExpectations("antall", min_value=0)),
        ),
        audits=(
            Audit("age_groups_cover_0_17", "the age groups cover 0-17 once, without gaps or overlaps",
                  columns=(ColumnExpectations("dekker_0_17", not_null=True, allowed=(True,)),)),
            Audit("age_groups_add_up_to_0_17", "the age groups add up to the table's own 0-17 (where it has one)",
                  at_least=(("antall_0_17", "sum_aldersgrupper"), ("sum_aldersgrupper", "antall_0_17"))),
        ),
    ),
    group="tiltak_alder",
)


TILTAK_NAVN = {key: PLASSERING_NAVN_UTDYPET[key] for key in ("beredskapsheim", "mellombels_heim")}


def _draw_0_4(data, year: int):
    fig, ax = new_figure()
    line_series(ax, data, x="år", y="antall", by="tiltak", labels=TILTAK_NAVN, colors=[PALETTE[0], PALETTE[4]])
    ax.set_ylabel("Antall tiltak, barn 0–17 år")
    ax.yaxis.set_major_formatter(norsk_akse())
    ax.set_ylim(bottom=0)
    ax.legend()
    return fig


figur_0_4 = figure_asset(Figure(
    id="figur_0_4",
    title="Figur 0-4 Barn 0–17 år med plasseringstiltak beredskapshjem og midlertidige hjem i familie og nære "
          "nettverk i løpet av året",
    description="Figur 0-4: beredskapsheim and mellombels heim during the year, children 0-17",
    draw=_draw_0_4, source=KILDE,
    footnotes=("Midlertidig hjem i familie og nære nettverk er en egen kategori fra 2021.",
               "Summen av aldersgruppene 0–17 år."),
), group="tiltak_alder")


def _draw_0_12(data, year: int):
    groups = list(dict.fromkeys(data.sort_values("alder_fra")["aldersgruppe"]))
    wide = data.pivot(index="år", columns="aldersgruppe", values="antall").reindex(columns=groups).fillna(0)
    fig, ax = new_figure()
    stacked_bars(ax, wide, [(group, group) for group in groups])
    ax.set_ylabel("Antall tiltak")
    ax.yaxis.set_major_formatter(norsk_akse())
    ax.legend(loc="upper right")
    return fig


figur_0_12 = figure_asset(Figure(
    id="figur_0_12",
    title="Figur 0-12 Antall tiltak i sentre for foreldre og barn per 31.12., etter aldersgruppe*",
    description="Figur 0-12: measures in sentre for foreldre og barn per 31.12 by age group",
    draw=_draw_0_12, source=KILDE,
    footnotes=("Aldersgruppen 18 år og over er ikke med i figuren. Oslo er inkludert.",),
), group="tiltak_alder")
