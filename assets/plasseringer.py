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
from pipeline.figures import PALETTE, FigureSpec, new_figure, norsk_akse
from pipeline.model_assets import SqlModel, figure_asset_from_builder, sql_model_asset
from pipeline.source_assets import ssb_table_assets
from pipeline.symbols import SymbolRule

BRUDD_2021 = "Mellombels heim i familie og nære nettverk er en egen kategori fra 2021."


assets = ssb_table_assets(TABLE_11600, group="plasseringer")

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


def _figur_siste_aar(aldersgruppe: str, figur: str, title: str):
    def build(con, year: int, synthetic: bool):
        data = con.execute(f"""
            unpivot (
                select aar, aldersgruppe, tiltak, fosterheim, institusjon, beredskapsheim, mellombels_heim, bustad
                from {PLASSERINGSTILTAK}
                where report_year = ? and aldersgruppe_nokkel = ? and tiltak in ('hjelpetiltak', 'omsorgstiltak')
                  and aar = (select max(aar) from {PLASSERINGSTILTAK} where report_year = ?)
            ) on fosterheim, institusjon, beredskapsheim, mellombels_heim, bustad into name plassering value antall
        """, [year, aldersgruppe, year]).df()
        wide = data.pivot(index="plassering", columns="tiltak", values="antall").reindex(list(PLASSERING_NAVN))
        fig, ax = new_figure()
        labels = [PLASSERING_NAVN[p] for p in wide.index]
        left = None
        for i, (column, label) in enumerate((("omsorgstiltak", "Omsorgstiltak"), ("hjelpetiltak", "Hjelpetiltak"))):
            ax.barh(labels, wide[column], left=left, color=PALETTE[i * 2], label=label)
            left = wide[column] if left is None else left + wide[column]
        ax.invert_yaxis()
        ax.grid(axis="x", color="#dddddd")
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("Antall barn")
        ax.xaxis.set_major_formatter(norsk_akse())
        ax.legend(loc="lower right")
        data_year = int(data["aar"].max()) if len(data) else year - 1
        return fig, data, FigureSpec(
            id=f"figur_{figur.replace('-', '_')}", title=title.format(aar=data_year), source=KILDE,
            footnotes=[BRUDD_ALDER] if aldersgruppe != "0_17" else [], synthetic=synthetic)

    return build


def _figur_over_tid(columns: list[str], figur: str, title: str, footnotes: list[str]):
    def build(con, year: int, synthetic: bool):
        # Long form, one row per year and type that exists: a category that did not exist in early
        # years (mellombels heim before 2021) has no row rather than a missing value.
        data = con.execute(f"""
            select aar as "år", plassering, antall
            from (
                unpivot (
                    select aar, {", ".join(columns)} from {PLASSERINGSTILTAK}
                    where report_year = ? and aldersgruppe = '0-17' and tiltak = 'i_alt'
                ) on {", ".join(columns)} into name plassering value antall
            )
            where antall is not null
            order by plassering, aar
        """, [year]).df()
        fig, ax = new_figure()
        for i, column in enumerate(columns):
            rows = data[data["plassering"] == column]
            ax.plot(rows["år"].astype(str), rows["antall"], marker="o", color=PALETTE[i * 2 % len(PALETTE)],
                    label=PLASSERING_NAVN[column])
        ax.set_ylabel("Antall barn 0–17 år")
        ax.yaxis.set_major_formatter(norsk_akse())
        ax.set_ylim(bottom=0)
        ax.legend()
        return fig, data, FigureSpec(id=f"figur_{figur.replace('-', '_')}", title=title, source=KILDE,
                                     footnotes=footnotes, synthetic=synthetic)

    return build


def figur_0_5(con, year: int, synthetic: bool):
    columns = ["beredskapsheim", "institusjon", "fosterheim", "mellombels_heim", "bustad"]
    # Long form: a type not in use in a year (mellombels heim before 2021) has no row, not a zero.
    data = con.execute(f"""
        select aar as "år", plassering, antall
        from (unpivot (select aar, {", ".join(columns)} from {AKUTTILTAK} where report_year = ?)
              on {", ".join(columns)} into name plassering value antall)
        where antall is not null
        order by aar, plassering
    """, [year]).df()
    wide = data.pivot(index="år", columns="plassering", values="antall").reindex(columns=columns).fillna(0)
    fig, ax = new_figure()
    bottom = None
    for i, column in enumerate(columns):
        ax.bar(wide.index.astype(str), wide[column], bottom=bottom, color=PALETTE[(0, 2, 4, 1, 5)[i]],
               label=PLASSERING_NAVN[column])
        bottom = wide[column] if bottom is None else bottom + wide[column]
    ax.set_ylabel("Antall barn 0–17 år")
    ax.yaxis.set_major_formatter(norsk_akse())
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=3, fontsize=8)
    return fig, data, FigureSpec(
        id="figur_0_5", title="Figur 0-5 Barn 0–17 år med plasseringstiltak akuttiltak (bvl. § 4-6, 1. og 2. ledd, "
                              "§ 4-25, 2. ledd, § 4-9, 1. og 2. ledd) per 31.12., etter type plassering",
        source="Kilde: SSB tabell 12845", footnotes=[BRUDD_2021], synthetic=synthetic)


figures = [
    figure_asset_from_builder("figur_0_5", (AKUTTILTAK,), figur_0_5, "plasseringer",
                 "Figur 0-5: children 0-17 placed under an akuttiltak per 31.12 by type of placement"),
    figure_asset_from_builder("figur_5_3", (PLASSERINGSTILTAK,),
                 _figur_siste_aar("0_17", "5-3", "Figur 5-3 Barn 0–17 år med plasseringstiltak per 31.12.{aar}, "
                                                 "etter type plassering og tiltak"),
                 "plasseringer", "Figur 5-3: children 0-17 with plasseringstiltak in the last data year, by type"),
    figure_asset_from_builder("figur_5_4", (PLASSERINGSTILTAK,),
                 _figur_siste_aar("18_24", "5-4", "Figur 5-4 Unge 18–24 år med plasseringstiltak per 31.12.{aar}, "
                                                  "etter type plassering og tiltak"),
                 "plasseringer", "Figur 5-4: young people 18-24 with plasseringstiltak in the last data year"),
    figure_asset_from_builder("figur_5_5", (PLASSERINGSTILTAK,),
                 _figur_over_tid(["fosterheim", "institusjon"], "5-5",
                                 "Figur 5-5 Barn 0–17 år i fosterhjem og institusjon per 31.12.", []),
                 "plasseringer", "Figur 5-5: children 0-17 in fosterhjem and institusjon over time"),
    figure_asset_from_builder("figur_5_6", (PLASSERINGSTILTAK,),
                 _figur_over_tid(["beredskapsheim", "mellombels_heim"], "5-6",
                                 "Figur 5-6 Barn 0–17 år i beredskapshjem og midlertidig hjem i familie og nære "
                                 "nettverk per 31.12.", [BRUDD_2021]),
                 "plasseringer", "Figur 5-6: beredskapshjem and the 2021 category mellombels heim"),
]
