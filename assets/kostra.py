"""KOSTRA: municipal child-welfare spending (SSB table 12362), functions 244, 251 and 252.

244 Barnevernstjeneste (the service itself), 251 tiltak when the child is not placed, 252 tiltak when
the child is placed (vedlegg D of the 2023 status report). Amounts are in 1 000 nominal kroner.

The table and its functions are declared in `assets.sources.kostra`; this module holds the
spending indicators and figures 5-14 to 5-17.
"""

from __future__ import annotations

from assets.sources.kostra import FUNKSJON_LABELS, KOSTRA_FUNKSJONER
from pipeline.expectations import Audit, ColumnExpectations, Expectations
from pipeline.figures import Figure, line_series, new_figure, norsk_akse, stacked_bars
from pipeline.model_assets import SqlModel, figure_asset, per_kommune, sql_model_asset
from pipeline.symbols import SymbolRule

# --- Indicators: netto driftsutgifter in report-year kroner ---------------------------------------

NETTO = "indicators.netto_driftsutgifter"
NETTO_LANDET = "indicators.netto_driftsutgifter_landet"
NETTO_KATEGORI = "indicators.netto_driftsutgifter_kategori"

netto_driftsutgifter = sql_model_asset(
    SqlModel(
        table=NETTO,
        symbols=SymbolRule.flag("a kommune's number is the sum of all its parts or none: a suppressed part makes "
                                "it NULL, named in `symboler`"),
        sql="indicators/netto_driftsutgifter.sql",
        description="Netto driftsutgifter per kommune (report-year structure), function and year, nominal and "
                    "in report-year kroner",
        expectations=per_kommune(Expectations(
            unique_key=("kommune_kode", "funksjon", "aar"),
            columns=(
                ColumnExpectations("funksjon", not_null=True, allowed=KOSTRA_FUNKSJONER),
                ColumnExpectations("befolkningskategori", not_null=True, min_value=1, max_value=6),
                ColumnExpectations("faktor_til_rapportaar", not_null=True),
                # Oslo, the largest, spends some 3 bn kroner a year on one function: 1e7 thousand is far beyond.
                ColumnExpectations("netto_1000_kr", min_value=-1_000_000, max_value=10_000_000),
            ),
        )),
        audits=(Audit("three_functions_per_kommune_year",
                      "every kommune-year has all three functions (a symbol where there is no number)",
                      columns=(ColumnExpectations("funksjoner_for_kommune_aar", min_value=3, max_value=3),)),),
    ),
    group="kostra",
)

netto_driftsutgifter_landet = sql_model_asset(
    SqlModel(
        table=NETTO_LANDET,
        symbols=SymbolRule.flag("SSB's own total where it is a number, else the sum over the kommuner; that sum "
                                "without the kommuner that lack a number is said in merknad_symboler_*"),
        sql="indicators/netto_driftsutgifter_landet.sql",
        description="National netto driftsutgifter by function and year, with and without Oslo",
        expectations=Expectations(
            unique_key=("funksjon", "aar"),
            columns=(ColumnExpectations("uten_oslo_1000_kr_fast", not_null=True, min_value=0),),
            must_contain=(("funksjon", KOSTRA_FUNKSJONER),),
        ),
        audits=(
            Audit("national_total_unchanged_by_mapping",
                  "mapping kommune codes to the report year's structure does not change a national total",
                  columns=(ColumnExpectations("omkoding_differanse_1000_kr", min_value=-1, max_value=1),)),
            Audit("with_oslo_at_least_without", "the country with Oslo is never less than without it",
                  at_least=(("med_oslo_1000_kr", "uten_oslo_1000_kr"),)),
        ),
    ),
    group="kostra",
)

netto_driftsutgifter_kategori = sql_model_asset(
    SqlModel(
        table=NETTO_KATEGORI,
        symbols=SymbolRule.flag("balanced panel: a kommune without a number in any year shown is left out of "
                                "every year, named in merknad_symboler"),
        sql="indicators/netto_driftsutgifter_kategori.sql",
        description="Netto driftsutgifter without Oslo by function, befolkningskategori and year (5-15 to 5-17)",
        expectations=per_kommune(Expectations(
            unique_key=("funksjon", "befolkningskategori", "aar"),
            columns=(ColumnExpectations("befolkningskategori", not_null=True, min_value=1, max_value=6),),
        )),
    ),
    group="kostra",
)


# --- Figures 5-14 to 5-17 -------------------------------------------------------------------------

KILDE = "Kilde: SSB tabell 12362"


def _deflator_note(con, year: int) -> str:
    as_of = con.execute("select any_value(deflator_as_of) from indicators.deflator where report_year = ?",
                        [year]).fetchone()[0]
    return f"Prisjustert til {year}-kroner med kommunal deflator (anslag kjent per {as_of})."


def _draw_5_14(data, year: int):
    wide = data.pivot(index="år", columns="funksjon", values=f"mrd_kr_{year}")
    fig, ax = new_figure()
    stacked_bars(ax, wide, [(f, f"{f} {FUNKSJON_LABELS[f]}") for f in KOSTRA_FUNKSJONER])
    ax.set_ylabel(f"Milliarder {year}-kroner")
    ax.yaxis.set_major_formatter(norsk_akse(1))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=1, fontsize=8)
    return fig


def _draw_kategori(data, year: int):
    fig, ax = new_figure()
    line_series(ax, data, x="år", y=f"mill_kr_{year}", by="befolkningskategori_navn")
    ax.set_ylabel(f"Millioner {year}-kroner")
    ax.yaxis.set_major_formatter(norsk_akse())
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8)
    return fig


def _footnotes_5_14(_data, year: int, con) -> list[str]:
    return [f"{_deflator_note(con, year)} Oslo er ikke inkludert i dataene."]


def _footnotes_kategori(_data, year: int, con) -> list[str]:
    return [f"{_deflator_note(con, year)} Oslo er ikke inkludert i dataene. Kommunegruppe etter innbyggertall "
            f"1. januar {year} (SSBs standard for kommuneklassifisering)."]


figur_5_14 = figure_asset(Figure(
    id="figur_5_14",
    title="Figur 5-14 Utvikling i samlede kommunale netto driftsutgifter, i milliarder {year}-kroner*",
    description="Figur 5-14: municipal netto driftsutgifter by function, without Oslo, bn report-year kroner",
    draw=_draw_5_14, source=KILDE, footnotes=_footnotes_5_14, also_reads=("indicators.deflator",),
    rename=(("mrd_kr", "mrd_kr_{year}"),),
), group="kostra")


def _figur_kategori(id: str, nummer: str, funksjon: str) -> Figure:
    return Figure(
        id=id,
        title=(f"Figur {nummer} Utvikling netto driftsutgifter til {FUNKSJON_LABELS[funksjon].lower()} "
               f"(KOSTRA-funksjon {funksjon}), i millioner {{year}}-kroner*"),
        description=f"Figur {nummer}: function {funksjon} by befolkningskategori, million report-year kroner",
        draw=_draw_kategori, source=KILDE, footnotes=_footnotes_kategori, also_reads=("indicators.deflator",),
        kommune_level=True, sql="figures/netto_driftsutgifter_kategori.sql", variables=(("funksjon", funksjon),),
        rename=(("mill_kr", "mill_kr_{year}"),),
    )


figur_5_15 = figure_asset(_figur_kategori("figur_5_15", "5-15", "244"), group="kostra")
figur_5_16 = figure_asset(_figur_kategori("figur_5_16", "5-16", "251"), group="kostra")
figur_5_17 = figure_asset(_figur_kategori("figur_5_17", "5-17", "252"), group="kostra")
