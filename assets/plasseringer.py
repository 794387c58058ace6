"""Children with plasseringstiltak per 31.12 by type of placement and omsorgs-/hjelpetiltak (SSB 11600).

Section 5.2 of the 2023 status report: figures 5-3 and 5-4 (0-17 and 18-24 by type in the last data
year), 5-5 (fosterhjem and institusjon over time) and 5-6 (beredskapshjem, and mellombels heim i
familie og nære nettverk, a category from 2021).

The table is declared, by label, in `assets.sources.plasseringer`.
"""

from assets.sources.plasseringer import TABLE_11600
from assets.sources.tiltak import TABLE_12845
from assets.tiltak import BRUDD_ALDER, PLASSERING_NAVN
from pipeline.expectations import Audit, ColumnExpectations, Expectations
from pipeline.figures import PALETTE, Figure, line_series, new_figure, norsk_akse, stacked_bars
from pipeline.model_assets import SqlModel, figure_asset, sql_model_asset
from pipeline.symbols import SymbolRule

BRUDD_2021 = "Mellombels heim i familie og nære nettverk er en egen kategori fra 2021."



PLASSERINGSTILTAK = "indicators.plasseringstiltak"

# The types of placement never add up to more than all placements.
TYPES_WITHIN_TOTAL = Audit("types_within_total", "the types of placement never add up to more than all placements",
                           at_least=(("i_alt", "sum_typer"),))

plasseringstiltak = sql_model_asset(
    SqlModel(
        table=PLASSERINGSTILTAK,
        symbols=SymbolRule.stop("the report quotes these national counts as SSB publishes them",
                                plasseringstiltak="aar < getvariable('report_year')"),
        sql="indicators/plasseringstiltak.sql",
        description="Children with plasseringstiltak per 31.12 by type, omsorgs-/hjelpetiltak and age group "
                    "(figures 5-3 to 5-6)",
        expectations=lambda con, year: Expectations(
            unique_key=("aar", "aldersgruppe", "tiltak"),
            must_contain=(("aar", TABLE_11600.years_needed(year)),),
            columns=(ColumnExpectations("i_alt", not_null=True, min_value=0),
                     ColumnExpectations("fosterheim", min_value=0), ColumnExpectations("institusjon", min_value=0)),
        ),
        audits=(TYPES_WITHIN_TOTAL,),
    ),
    group="plasseringer",
)

AKUTTILTAK = "indicators.akuttiltak_etter_plassering"

akuttiltak_etter_plassering = sql_model_asset(
    SqlModel(
        table=AKUTTILTAK,
        symbols=SymbolRule.stop("figure 0-5 shows these national counts as SSB publishes them",
                                tiltak_lovheimel="lovheimel = 'akuttiltak' and alder = '0_17' "
                                                 "and aar < getvariable('report_year')"),
        sql="indicators/akuttiltak_etter_plassering.sql",
        description="Children 0-17 placed under an akuttiltak per 31.12, by type of placement (figure 0-5)",
        expectations=lambda con, year: Expectations(
            unique_key=("aar",),
            must_contain=(("aar", TABLE_12845.years_needed(year)),),
            columns=(ColumnExpectations("i_alt", not_null=True, min_value=0),),
        ),
        audits=(TYPES_WITHIN_TOTAL,),
    ),
    group="plasseringer",
)

KILDE = "Kilde: SSB tabell 11600"


def _draw_siste_aar(data, year: int):
    wide = (data.pivot(index="plassering", columns="tiltak", values="antall")
            .reindex(list(PLASSERING_NAVN)).rename(index=PLASSERING_NAVN))
    fig, ax = new_figure()
    stacked_bars(ax, wide, [("omsorgstiltak", "Omsorgstiltak"), ("hjelpetiltak", "Hjelpetiltak")],
                 colors=list(PALETTE[::2]), horizontal=True)
    ax.invert_yaxis()
    ax.grid(axis="x", color="#dddddd")
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Antall barn")
    ax.xaxis.set_major_formatter(norsk_akse())
    ax.legend(loc="lower right")
    return fig


def _siste_aar(data, year: int) -> int:
    """The data year the figure shows: the last in the numbers (the report year's data year if none)."""
    return int(data["aar"].max()) if len(data) else year - 1


def _over_tid(data, plasseringer: tuple[str, ...]):
    fig, ax = new_figure()
    line_series(ax, data, x="år", y="antall", by="plassering", labels={p: PLASSERING_NAVN[p] for p in plasseringer},
                colors=list(PALETTE[::2]))
    ax.set_ylabel("Antall barn 0–17 år")
    ax.yaxis.set_major_formatter(norsk_akse())
    ax.set_ylim(bottom=0)
    ax.legend()
    return fig


def _draw_5_5(data, year: int):
    return _over_tid(data, ("fosterheim", "institusjon"))


def _draw_5_6(data, year: int):
    return _over_tid(data, ("beredskapsheim", "mellombels_heim"))


# The types of placement in figure 0-5, bottom to top of the stack.
AKUTT_PLASSERINGER = ("beredskapsheim", "institusjon", "fosterheim", "mellombels_heim", "bustad")


def _draw_0_5(data, year: int):
    # A type not in use in a year has no row: a zero-height segment in the stack.
    wide = data.pivot(index="år", columns="plassering", values="antall").reindex(columns=AKUTT_PLASSERINGER).fillna(0)
    fig, ax = new_figure()
    stacked_bars(ax, wide, [(p, PLASSERING_NAVN[p]) for p in AKUTT_PLASSERINGER],
                 colors=[PALETTE[i] for i in (0, 2, 4, 1, 5)])
    ax.set_ylabel("Antall barn 0–17 år")
    ax.yaxis.set_major_formatter(norsk_akse())
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=3, fontsize=8)
    return fig


figur_0_5 = figure_asset(Figure(
    id="figur_0_5",
    title="Figur 0-5 Barn 0–17 år med plasseringstiltak akuttiltak (bvl. § 4-6, 1. og 2. ledd, § 4-25, 2. ledd, "
          "§ 4-9, 1. og 2. ledd) per 31.12., etter type plassering",
    description="Figur 0-5: children 0-17 placed under an akuttiltak per 31.12 by type of placement",
    draw=_draw_0_5, source="Kilde: SSB tabell 12845", footnotes=(BRUDD_2021,),
), group="plasseringer")

figur_5_3 = figure_asset(Figure(
    id="figur_5_3",
    title=lambda data, year: (f"Figur 5-3 Barn 0–17 år med plasseringstiltak per 31.12.{_siste_aar(data, year)}, "
                              "etter type plassering og tiltak"),
    description="Figur 5-3: children 0-17 with plasseringstiltak in the last data year, by type",
    draw=_draw_siste_aar, source=KILDE,
    sql="figures/plasseringstiltak_siste_aar.sql", variables=(("aldersgruppe_nokkel", "0_17"),),
), group="plasseringer")

figur_5_4 = figure_asset(Figure(
    id="figur_5_4",
    title=lambda data, year: (f"Figur 5-4 Unge 18–24 år med plasseringstiltak per 31.12.{_siste_aar(data, year)}, "
                              "etter type plassering og tiltak"),
    description="Figur 5-4: young people 18-24 with plasseringstiltak in the last data year",
    draw=_draw_siste_aar, source=KILDE, footnotes=(BRUDD_ALDER,),
    sql="figures/plasseringstiltak_siste_aar.sql", variables=(("aldersgruppe_nokkel", "18_24"),),
), group="plasseringer")

figur_5_5 = figure_asset(Figure(
    id="figur_5_5",
    title="Figur 5-5 Barn 0–17 år i fosterhjem og institusjon per 31.12.",
    description="Figur 5-5: children 0-17 in fosterhjem and institusjon over time",
    draw=_draw_5_5, source=KILDE, sql="figures/plasseringstiltak_over_tid.sql",
    variables=(("plassering_a", "fosterheim"), ("plassering_b", "institusjon")),
), group="plasseringer")

figur_5_6 = figure_asset(Figure(
    id="figur_5_6",
    title="Figur 5-6 Barn 0–17 år i beredskapshjem og midlertidig hjem i familie og nære nettverk per 31.12.",
    description="Figur 5-6: beredskapshjem and the 2021 category mellombels heim",
    draw=_draw_5_6, source=KILDE, footnotes=(BRUDD_2021,), sql="figures/plasseringstiltak_over_tid.sql",
    variables=(("plassering_a", "beredskapsheim"), ("plassering_b", "mellombels_heim")),
), group="plasseringer")
