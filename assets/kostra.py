"""KOSTRA: municipal child-welfare spending (SSB table 12362), functions 244, 251 and 252.

244 Barnevernstjeneste (the service itself), 251 tiltak when the child is not placed, 252 tiltak when
the child is placed (vedlegg D of the 2023 status report). Amounts are in 1 000 nominal kroner.

The table and its functions are declared in `assets.sources.kostra`; this module holds the
spending indicators and figures 5-14 to 5-17.
"""

from __future__ import annotations

from assets.sources.kostra import FUNKSJON_LABELS, KOSTRA_FUNKSJONER, TABLE_12362
from pipeline.expectations import Audit, ColumnExpectations, Expectations
from pipeline.figures import PALETTE, FigureSpec, new_figure, norsk_akse
from pipeline.model_assets import SqlModel, figure_asset, per_kommune, sql_model_asset
from pipeline.source_assets import ssb_table_assets
from pipeline.symbols import SymbolRule

assets = ssb_table_assets(TABLE_12362, group="kostra")


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


def figur_5_14(con, year: int, synthetic: bool):
    data = con.execute(f"""
        select aar as "år", funksjon, uten_oslo_1000_kr_fast / 1e6 as "mrd_kr_{year}",
               merknad_symboler_uten_oslo as merknad_symboler
        from {NETTO_LANDET} where report_year = ? order by aar, funksjon
    """, [year]).df()
    wide = data.pivot(index="år", columns="funksjon", values=f"mrd_kr_{year}")
    fig, ax = new_figure()
    bottom = None
    for i, funksjon in enumerate(KOSTRA_FUNKSJONER):
        if funksjon not in wide:
            continue
        ax.bar(wide.index.astype(str), wide[funksjon], bottom=bottom, color=PALETTE[i],
               label=f"{funksjon} {FUNKSJON_LABELS[funksjon]}")
        bottom = wide[funksjon] if bottom is None else bottom + wide[funksjon]
    ax.set_ylabel(f"Milliarder {year}-kroner")
    ax.yaxis.set_major_formatter(norsk_akse(1))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=1, fontsize=8)
    spec = FigureSpec(
        id="figur_5_14",
        title=f"Figur 5-14 Utvikling i samlede kommunale netto driftsutgifter, i milliarder {year}-kroner*",
        source=KILDE,
        footnotes=[f"{_deflator_note(con, year)} Oslo er ikke inkludert i dataene."],
        synthetic=synthetic,
    )
    return fig, data, spec


def _figur_kategori(funksjon: str, figur: str):
    def build(con, year: int, synthetic: bool):
        data = con.execute(f"""
            select aar as "år", befolkningskategori, befolkningskategori_navn,
                   netto_mill_kr_fast as "mill_kr_{year}", kommuner_med_tall, merknad_symboler
            from {NETTO_KATEGORI} where report_year = ? and funksjon = ?
            order by befolkningskategori, aar
        """, [year, funksjon]).df()
        fig, ax = new_figure()
        for i, (_kategori, rows) in enumerate(data.groupby("befolkningskategori", sort=True)):
            ax.plot(rows["år"].astype(str), rows[f"mill_kr_{year}"], marker="o", color=PALETTE[i % len(PALETTE)],
                    label=str(rows["befolkningskategori_navn"].iloc[0]))
        ax.set_ylabel(f"Millioner {year}-kroner")
        ax.yaxis.set_major_formatter(norsk_akse())
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8)
        spec = FigureSpec(
            id=f"figur_{figur.replace('-', '_')}",
            title=(f"Figur {figur} Utvikling netto driftsutgifter til {FUNKSJON_LABELS[funksjon].lower()} "
                   f"(KOSTRA-funksjon {funksjon}), i millioner {year}-kroner*"),
            source=KILDE,
            footnotes=[f"{_deflator_note(con, year)} Oslo er ikke inkludert i dataene. Kommunegruppe etter "
                       f"innbyggertall 1. januar {year} (SSBs standard for kommuneklassifisering)."],
            synthetic=synthetic,
        )
        return fig, data, spec

    return build


figures = [
    figure_asset("figur_5_14", (NETTO_LANDET, "indicators.deflator"), figur_5_14, "kostra",
                 "Figur 5-14: municipal netto driftsutgifter by function, without Oslo, bn report-year kroner"),
    *(
        figure_asset(f"figur_{figur.replace('-', '_')}", (NETTO_KATEGORI, "indicators.deflator"),
                     _figur_kategori(funksjon, figur), "kostra",
                     f"Figur {figur}: function {funksjon} by befolkningskategori, million report-year kroner",
                     kommune_level=True)
        for funksjon, figur in (("244", "5-15"), ("251", "5-16"), ("252", "5-17"))
    ),
]
