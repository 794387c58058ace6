"""State spending on child welfare: Bufetat's gross operating expenditure by accounting function
(Bufdir extracts; figures 5-12, 5-13), and total public net spending, state and kommuner (5-11)."""

from pipeline.bufdir import BufdirColumn, BufdirDataset
from pipeline.demo import stable_random
from pipeline.figures import PALETTE, FigureSpec, new_figure, norsk_akse
from pipeline.model_assets import SqlModel, figure_asset, sql_model_asset
from pipeline.source_assets import bufdir_dataset_asset
from pipeline.ssb.declaration import ColumnExpectations, Expectations

DRIFTSUTGIFTER = BufdirDataset(
    name="bufetat_driftsutgifter",
    description="Bufetat's gross operating expenditure by accounting function and year; the report year as budget",
    period="one row per year and accounting function; accounts for past years, budget for the report year",
    columns=(
        BufdirColumn("aar", "int"),
        BufdirColumn("regnskapsfunksjon", "text", "accounting function, e.g. Statlige institusjoner"),
        BufdirColumn("belop_1000_kr", "float", unit="1000 kr"),
        BufdirColumn("type", "text", "regnskap (accounts) or budsjett (budget)", allowed=("regnskap", "budsjett")),
    ),
    expectations=Expectations(unique_key=("aar", "regnskapsfunksjon"),
                              columns=(ColumnExpectations("belop_1000_kr", min_value=0),)),
)

EGENANDELER_INNBETALT = BufdirDataset(
    name="bufetat_egenandeler_innbetalt",
    description="Municipal co-payments (egenandeler) received by Bufetat, by year",
    period="one row per year (accounts)",
    columns=(BufdirColumn("aar", "int"), BufdirColumn("belop_1000_kr", "float", unit="1000 kr")),
    expectations=Expectations(unique_key=("aar",), columns=(ColumnExpectations("belop_1000_kr", min_value=0),)),
)

DATASETS = (DRIFTSUTGIFTER, EGENANDELER_INNBETALT)
assets = [bufdir_dataset_asset(d, "bufetat") for d in DATASETS]

UTGIFTER_TABLE = "indicators.bufetat_driftsutgifter"
OFFENTLIGE_TABLE = "indicators.offentlige_netto_driftsutgifter"

bufetat_driftsutgifter = sql_model_asset(
    SqlModel(
        table=UTGIFTER_TABLE,
        sql="indicators/bufetat_driftsutgifter.sql",
        description="Bufetat gross spending by function and year in report-year kroner; budget marked (5-12, 5-13)",
        deps=(DRIFTSUTGIFTER.table, "indicators.deflator"),
        expectations=Expectations(
            unique_key=("aar", "regnskapsfunksjon"),
            columns=(
                # Budget rows only for the report year, accounts only before it: never mixed.
                ColumnExpectations("type_stemmer_med_aar", not_null=True, allowed=(True,)),
                ColumnExpectations("faktor", not_null=True),
            ),
        ),
    ),
    group="bufetat",
)

offentlige_netto_driftsutgifter = sql_model_asset(
    SqlModel(
        table=OFFENTLIGE_TABLE,
        sql="indicators/offentlige_netto_driftsutgifter.sql",
        description="Total public net spending on child welfare: state (Bufetat gross minus egenandeler received) "
                    "and kommuner (244+251+252), report-year kroner (5-11)",
        deps=(UTGIFTER_TABLE, EGENANDELER_INNBETALT.table, "indicators.netto_driftsutgifter_landet"),
        expectations=Expectations(unique_key=("aar",),
                                  columns=(ColumnExpectations("kommune_mrd_kr", not_null=True, min_value=0),
                                           ColumnExpectations("mangler_egenandeler", allowed=(False,)))),
    ),
    group="bufetat",
)


def _footnote(year: int) -> str:
    return f"Prisjustert til {year}-kroner med kommunal deflator."


def figur_5_12(con, year: int, synthetic: bool):
    data = con.execute(f"""
        select aar as "år", any_value(type) as type, sum(belop_mrd_kr_fast) as mrd_kr
        from {UTGIFTER_TABLE} where report_year = ? group by aar order by aar
    """, [year]).df()
    fig, ax = new_figure()
    bars = ax.bar(data["år"].astype(str), data["mrd_kr"], color=PALETTE[1])
    for bar, kind in zip(bars, data["type"], strict=True):
        if kind == "budsjett":
            bar.set_hatch("//")
            bar.set_facecolor(PALETTE[3])
    ax.set_ylabel(f"Milliarder {year}-kroner")
    ax.yaxis.set_major_formatter(norsk_akse(1))
    return fig, data, FigureSpec(
        id="figur_5_12", title=f"Figur 5-12 Samlede brutto driftsutgifter for Bufetat, i milliarder {year}-kroner*",
        source="Kilde: Bufdir", footnotes=[f"{_footnote(year)} {year}: budsjett (skravert)."], synthetic=synthetic)


def figur_5_13(con, year: int, synthetic: bool):
    data = con.execute(f"""
        select aar as "år", regnskapsfunksjon, type, belop_mrd_kr_fast as mrd_kr
        from {UTGIFTER_TABLE} where report_year = ? order by aar, regnskapsfunksjon
    """, [year]).df()
    wide = data.pivot(index="år", columns="regnskapsfunksjon", values="mrd_kr").fillna(0)
    fig, ax = new_figure()
    bottom = None
    for i, column in enumerate(wide.columns):
        ax.bar(wide.index.astype(str), wide[column], bottom=bottom, color=PALETTE[i % len(PALETTE)], label=column)
        bottom = wide[column] if bottom is None else bottom + wide[column]
    ax.set_ylabel(f"Milliarder {year}-kroner")
    ax.yaxis.set_major_formatter(norsk_akse(1))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2, fontsize=8)
    return fig, data, FigureSpec(
        id="figur_5_13", title=f"Figur 5-13 Bufetats brutto driftsutgifter etter regnskapsfunksjon, i milliarder "
                               f"{year}-kroner*",
        source="Kilde: Bufdir", footnotes=[f"{_footnote(year)} {year}: budsjett."], synthetic=synthetic)


def figur_5_11(con, year: int, synthetic: bool):
    data = con.execute(f"""
        select aar as "år", stat_mrd_kr, kommune_mrd_kr, samlet_mrd_kr
        from {OFFENTLIGE_TABLE} where report_year = ? and stat_mrd_kr is not null order by aar
    """, [year]).df()
    fig, ax = new_figure()
    ax.bar(data["år"].astype(str), data["kommune_mrd_kr"], color=PALETTE[1], label="Kommunalt barnevern***")
    ax.bar(data["år"].astype(str), data["stat_mrd_kr"], bottom=data["kommune_mrd_kr"], color=PALETTE[4],
           label="Statlig barnevern**")
    ax.set_ylabel(f"Milliarder {year}-kroner")
    ax.yaxis.set_major_formatter(norsk_akse(1))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2)
    return fig, data, FigureSpec(
        id="figur_5_11",
        title=f"Figur 5-11 Samlede offentlige netto driftsutgifter til barnevern, i milliarder {year}-kroner*",
        source="Kilde: Bufdir og SSB (tabell 12362)",
        footnotes=[_footnote(year),
                   "Netto driftsutgifter til statlig barnevern: Bufetats utgifter fratrukket kommunale egenandeler.",
                   "Kommunale tall: netto driftsutgifter, KOSTRA-funksjon 244, 251 og 252."],
        synthetic=synthetic)


figures = [
    figure_asset("figur_5_12", (UTGIFTER_TABLE,), figur_5_12, "bufetat", "Figur 5-12: Bufetat gross spending"),
    figure_asset("figur_5_13", (UTGIFTER_TABLE,), figur_5_13, "bufetat", "Figur 5-13: Bufetat spending by function"),
    figure_asset("figur_5_11", (OFFENTLIGE_TABLE,), figur_5_11, "bufetat", "Figur 5-11: total public net spending"),
]

FUNKSJONER = ("Statlige institusjoner", "Private institusjoner", "Statlige fosterhjem", "Fosterhjem i private tiltak",
              "Sentre for foreldre og barn", "Øvrige")


def demo_bufdir_files(report_year: int) -> dict[str, bytes]:
    spending = ["aar;regnskapsfunksjon;belop_1000_kr;type"]
    received = ["aar;belop_1000_kr"]
    for year in range(2019, report_year + 1):
        kind = "budsjett" if year == report_year else "regnskap"
        for funksjon in FUNKSJONER:
            rng = stable_random("bufetat", funksjon, year)
            amount = rng.uniform(150_000, 900_000) * 0.99 ** (year - 2019)
            spending.append(f"{year};{funksjon};{amount:.0f};{kind}")
        if year < report_year:
            received.append(f"{year};{stable_random('egenandel', year).uniform(250_000, 600_000):.0f}")
    return {f"bufdir/{DRIFTSUTGIFTER.name}.csv": ("\n".join(spending) + "\n").encode("utf-8"),
            f"bufdir/{EGENANDELER_INNBETALT.name}.csv": ("\n".join(received) + "\n").encode("utf-8")}
