"""Measures in cooperation with and from other services: SSB 10660 (barnevernstiltak by measure and
region), section 5.4 and vedlegg A of the 2023 status report: figure 5-10 (the two categories
*nettverksarbeid/samarbeid med andre tenester* and *undersøking og behandling frå andre tenester*
per 31.12), 0-7 (per 1 000 aged 0-24 (22) by barnevernsregion), 0-8 (the measures within them in the
last data year), 0-9 and 0-10 (each measure per 1 000 over time).

10660 counts measures (tiltak), not children: a child can have several. Public sources disagree on
the categories' code numbers (4.x/5.x against 6.x/7.x), so nothing here depends on them: the whole
measure variable is fetched (the declaration is in `assets.sources.andre_tjenester`), the two
categories are found by their label (in nynorsk or bokmål, as `sql/staging/barnevernstiltak.sql`
lists them) and a measure belongs to a category when its code continues the category's code
("6" → "6.01"). A table where the labels are not found stops at the
staged table's check, naming the categories it lacks.
"""

from dataclasses import dataclass

import pandas as pd
from matplotlib.patches import Patch

from assets.sources import bokmal
from assets.sources.andre_tjenester import KATEGORI_NAVN, TABLE_10660
from pipeline.expectations import Audit, ColumnExpectations, Expectations
from pipeline.figures import PALETTE, Figure, line_series, new_figure, norsk_akse
from pipeline.model_assets import SqlModel, figure_asset, has_kommune_rows, sql_model_asset
from pipeline.symbols import SymbolRule

KILDE = "Kilde: SSB tabell 10660"
OSLO_MED = "Oslo er inkludert."
ALDERSGRENSE = ("Fra 2021 kan tiltak vare til fylte 25 år (før: 23 år): per 1 000 innbyggere 0–24 år fra 2021, "
                "0–22 år før.")


@dataclass(frozen=True)
class _BokmalFigure(Figure):
    """A figure whose SSB labels are shown in bokmål (`assets.sources.bokmal`, the one place they are
    mapped): `etiketter` is the column of SSB labels, replaced by their bokmål, with SSB's own label
    kept in `ssb_etikett`; `regioner` the column of barnevernsregion keys whose bokmål name replaces the
    column `region`. A label with no bokmål there stops the figure, naming it."""

    etiketter: str | None = None
    regioner: str | None = None

    def numbers(self, con, year: int) -> pd.DataFrame:
        data = super().numbers(con, year)
        if self.etiketter:
            data = data.assign(ssb_etikett=data[self.etiketter],
                               **{self.etiketter: data[self.etiketter].map(bokmal.bokmal)})
        if self.regioner:
            data = data.assign(ssb_etikett=data["region"], region=data[self.regioner].map(bokmal.region))
        return data

# -- Indicators ------------------------------------------------------------------------------------

KATEGORIER = "indicators.andre_tjenester_kategorier"
TILTAK_TABLE = "indicators.andre_tjenester_tiltak"


andre_tjenester_kategorier = sql_model_asset(
    SqlModel(
        table=KATEGORIER,
        symbols=SymbolRule.stop(
            "the report quotes these national and regional counts and rates as SSB publishes them",
            barnevernstiltak="maal = 'per_31_12' and aar < getvariable('report_year')",
            befolkning="aar <= getvariable('report_year')"),
        sql="indicators/andre_tjenester_kategorier.sql",
        description="Measures per 31.12 in the two categories of cooperation with other services, for the "
                    "country and each barnevernsregion, per 1 000 inhabitants 0-24 (0-22 up to 2020) "
                    "(figures 5-10, 0-7)",
        expectations=lambda con, year: Expectations(
            unique_key=("aar", "region"),
            must_contain=(("aar", TABLE_10660.years_needed(year)), ("region", ("Hele landet",))),
            columns=(
                ColumnExpectations("nettverk", not_null=True, min_value=0),
                ColumnExpectations("undersoking", not_null=True, min_value=0),
                ColumnExpectations("befolkning", not_null=True, min_value=1),
            ),
        ),
        audits=(
            Audit("every_ssb_region_is_one_barnevernsregion",
                  "every SSB region is a known barnevernsregion (by its label), once",
                  columns=(ColumnExpectations("barnevernsregion", not_null=True),
                           ColumnExpectations("regioner_per_nokkel", max_value=1))),
            Audit("every_inhabitant_in_a_region",
                  "every kommune's inhabitants are in a region (reference.barnevernsregion covers every code)",
                  columns=(ColumnExpectations("andel_befolkning_i_regionene", min_value=0.999, max_value=1.001),)),
            Audit("categories_and_country_at_least_their_parts",
                  "a category is never smaller than its measures, nor the country than its regions",
                  at_least=(("nettverk", "nettverk_sum_tiltak"), ("undersoking", "undersoking_sum_tiltak"),
                            ("i_alt", "begge_kategorier"), ("nettverk", "nettverk_sum_regioner"),
                            ("undersoking", "undersoking_sum_regioner"))),
        ),
    ),
    group="andre_tjenester",
)

andre_tjenester_tiltak = sql_model_asset(
    SqlModel(
        table=TILTAK_TABLE,
        symbols=SymbolRule.stop("the report quotes these national counts as SSB publishes them",
                                barnevernstiltak="maal = 'per_31_12' and region_type = 'landet' "
                                                 "and kategori is not null and not er_kategori "
                                                 "and aar < getvariable('report_year')"),
        sql="indicators/andre_tjenester_tiltak.sql",
        description="Each measure within the two categories per 31.12 in the country, count and per 1 000 "
                    "inhabitants 0-24 (0-22 up to 2020) (figures 0-8, 0-9, 0-10)",
        expectations=lambda con, year: Expectations(
            unique_key=("aar", "tiltak"),
            must_contain=(("aar", TABLE_10660.years_needed(year)), ("kategori", tuple(KATEGORI_NAVN))),
            columns=(ColumnExpectations("per_1000", min_value=0, max_value=1000),
                     ColumnExpectations("befolkning", not_null=True, min_value=1)),
        ),
    ),
    group="andre_tjenester",
)


# -- Figures ---------------------------------------------------------------------------------------

def _draw_5_10(data, year: int):
    per_kategori = data.melt(id_vars="år", value_vars=list(KATEGORI_NAVN), var_name="kategori", value_name="antall")
    fig, ax = new_figure()
    line_series(ax, per_kategori, x="år", y="antall", by="kategori", labels=KATEGORI_NAVN,
                colors=[PALETTE[0], PALETTE[3]])
    ax.set_ylabel("Antall tiltak per 31.12.")
    ax.yaxis.set_major_formatter(norsk_akse())
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=1)
    return fig


figur_5_10 = figure_asset(Figure(
    id="figur_5_10",
    title="Figur 5-10 Utvikling i bruk av barnevernstiltak innenfor andre tjenesteområder, per 31.12.",
    description="Figur 5-10: measures in the two categories of cooperation with other services per 31.12",
    draw=_draw_5_10, source=KILDE, footnotes=("Antall tiltak (et barn kan ha flere tiltak).", OSLO_MED),
), group="andre_tjenester")


def _draw_0_7(data, year: int):
    fig, axes = new_figure(ncols=2, sharey=False)
    years = sorted(data["år"].unique())
    # Regions in a fixed order (north to south, Oslo last), by their bokmål names.
    order = {key: i for i, key in enumerate(bokmal.REGIONER)}
    regions = sorted(set(data["region"]), key=lambda r: (
        order.get(data.loc[data["region"] == r, "barnevernsregion"].iloc[0], 99), r))
    width = 0.8 / max(len(years), 1)
    for ax, (column, panel) in zip(axes, (("per_1000_nettverk", "A – nettverksarbeid/samarbeid"),
                                          ("per_1000_undersoking", "B – undersøkelse og behandling")),
                                   strict=True):
        for i, aar in enumerate(years):
            rows = data[data["år"] == aar].set_index("region").reindex(regions)
            positions = [x + (i - (len(years) - 1) / 2) * width for x in range(len(regions))]
            ax.bar(positions, rows[column], width=width, color=PALETTE[i * 2 + 1], label=str(aar))
        ax.set_xticks(range(len(regions)), regions, rotation=30, ha="right")
        ax.set_title(panel, fontsize=10, loc="left")
        ax.yaxis.set_major_formatter(norsk_akse(1))
    axes[0].set_ylabel("Tiltak per 1 000 innbyggere 0–24 år")
    axes[0].legend()
    return fig


figur_0_7 = figure_asset(_BokmalFigure(
    id="figur_0_7", regioner="barnevernsregion",
    title="Figur 0-7 Bruk av barnevernstiltak innenfor andre tjenesteområder, etter barnevernsregion, per 31.12.",
    description="Figur 0-7: the two categories per 1 000 aged 0-24 by barnevernsregion",
    draw=_draw_0_7, source=f"{KILDE} og 07459",
    footnotes=("Per 1 000 innbyggere i regionen (befolkning 1.1. året etter); regionene etter Bufetats "
               "inndeling av fylkene, Oslo for seg.", ALDERSGRENSE),
), group="andre_tjenester")


def _draw_0_8(data, year: int):
    fig, ax = new_figure()
    colors = [PALETTE[0] if k == "nettverk" else PALETTE[4] for k in data["kategori"]]
    ax.barh(data["tiltak_navn"], data["antall"], color=colors)
    ax.invert_yaxis()
    ax.grid(axis="x", color="#dddddd")
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Antall tiltak")
    ax.xaxis.set_major_formatter(norsk_akse())
    ax.legend(handles=[Patch(color=PALETTE[0], label=KATEGORI_NAVN["nettverk"]),
                       Patch(color=PALETTE[4], label=KATEGORI_NAVN["undersoking"])], loc="lower right", fontsize=8)
    return fig


def _title_0_8(data, year: int) -> str:
    data_year = int(data["år"].max()) if len(data) else year - 1
    return (f"Figur 0-8 Tiltak innenfor nettverksarbeid/samarbeid og undersøkelse og behandling fra andre "
            f"tjenester, per 31.12.{data_year}")


figur_0_8 = figure_asset(_BokmalFigure(
    id="figur_0_8", etiketter="tiltak_navn",
    title=_title_0_8,
    description="Figur 0-8: the measures within the two categories in the last data year",
    draw=_draw_0_8, source=KILDE, footnotes=(OSLO_MED,),
), group="andre_tjenester")


def _draw_per_1000(data, year: int):
    # Each measure under its latest name (a label may be reworded between years).
    navn = {tiltak: rows["tiltak_navn"].iloc[-1] for tiltak, rows in data.groupby("tiltak", sort=True)}
    fig, ax = new_figure()
    line_series(ax, data, x="år", y="per_1000", by="tiltak", labels=navn)
    ax.set_ylabel("Tiltak per 1 000 innbyggere 0–24 år")
    ax.yaxis.set_major_formatter(norsk_akse(2))
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2, fontsize=8)
    return fig


def _figur_per_1000(id: str, title: str, description: str, kategori: str) -> Figure:
    return _BokmalFigure(
        id=id, title=title, description=description, draw=_draw_per_1000, source=f"{KILDE} og 07459",
        etiketter="tiltak_navn",
        footnotes=(OSLO_MED, ALDERSGRENSE),
        sql="figures/andre_tjenester_per_1000.sql", variables=(("kategori", kategori),),
    )


figur_0_9 = figure_asset(_figur_per_1000(
    "figur_0_9",
    "Figur 0-9 Barnevernstiltak innenfor nettverksarbeid/samarbeid med andre tjenester per 31.12., per 1 000 "
    "innbyggere 0–24 år",
    "Figur 0-9: nettverksarbeid/samarbeid measures per 1 000 over time", kategori="nettverk",
), group="andre_tjenester")
figur_0_10 = figure_asset(_figur_per_1000(
    "figur_0_10",
    "Figur 0-10 Barnevernstiltak innenfor undersøkelse og behandling fra andre tjenester per 31.12., per 1 000 "
    "innbyggere 0–24 år",
    "Figur 0-10: undersøking og behandling measures per 1 000 over time", kategori="undersoking",
), group="andre_tjenester")


# -- The numbers the text quotes (sections 5.3, 5.4, 5.5 by kommunegruppe, 6.1) ---------------------------

TALL_I_TEKSTEN = "indicators.tall_i_teksten_tjenester"
# Statements of the review's table A.3 every run has (national data); 55-57, 58, 59 and 61 need kommuner.
# 36 and 37 (waiting for a fosterhjem) are the Bufdir domain's (indicators.tall_i_teksten_bufdir).
_UTSAGN_LANDET = (33, 34, 38, 39, 40, 41, 42, 43, 44, 45)
_UTSAGN_KOMMUNER = (55, 56, 57, 58, 59, 61)


def _bokmal_variables(con, year: int) -> dict[str, list[str]]:
    """The bokmål of every measure label the text numbers name (assets/sources/bokmal.py): a label with no
    bokmål stops the model here, naming it, before a nynorsk name could reach the table."""
    labels = [r[0] for r in con.execute(
        f"select distinct tiltak_navn from {TILTAK_TABLE} where report_year = ? order by 1", [year]).fetchall()]
    return {"etikett_fra": labels or [""], "etikett_til": [bokmal.bokmal(label) for label in labels] or [""],
            "region_fra": list(bokmal.REGIONER), "region_til": list(bokmal.REGIONER.values())}


tall_i_teksten_tjenester = sql_model_asset(
    SqlModel(
        table=TALL_I_TEKSTEN,
        sql="indicators/tall_i_teksten_tjenester.sql",
        description="The numbers the text quotes on meldinger, measures with other "
                    "services, spending by kommunegruppe and inter-municipal cooperation (review A.3, 33-35, "
                    "38-45 and 55-61), each with the report's sentence and the figure or table it comes from",
        variables=_bokmal_variables,
        also_reads=(TILTAK_TABLE,),
        expectations=lambda con, year: Expectations(
            must_contain=(("nr", _UTSAGN_LANDET + (_UTSAGN_KOMMUNER if has_kommune_rows(con) else ())),),
            columns=(*(ColumnExpectations(c, not_null=True)
                       for c in ("nr", "utsagn", "maal", "verdi", "enhet", "til_aar", "kilde")),
                     ColumnExpectations("enhet", regex=r"\S")),
        ),
    ),
    group="andre_tjenester",
)
