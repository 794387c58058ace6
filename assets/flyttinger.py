"""Moves among children who lived in a fosterhjem during the year: vedlegg B of the 2023 status report.

- B-1 and B-2 (SSB 13353): children 0-17 år with at least one move since their first placement, as a
  count and as a share of the children who lived in such a fosterhjem, for fosterhjem i and utenom
  familie og nære nettverk (13353's third type, beredskapshjem, is not a fosterhjem in the report).
- B-3 and B-4 (the Bufdir + SSB extract, `assets.sources.flyttinger.FLYTTINGER_UTTREKK`): children 0-17
  år in fosterhjem by number of moves since the histories start (2014), and their background (age; years
  since the first placement).
- The numbers the appendix's text quotes (`indicators.tall_i_teksten_flyttinger`).

Both sources lag the report year by two years (SSB published 13353's 2022 figures in 2024): the data
year is `report_year - TABLE_13353.data_lag_years`, for the extract as for the table.
"""

import pandas as pd

from assets.sources.flyttinger import FORLOP_FRA, TABLE_13353
from pipeline.expectations import ONE_VALUE_PER_KEY, Audit, ColumnExpectations, Expectations
from pipeline.figures import PALETTE, Figure, line_series, new_figure, norsk_akse, norsk_tall
from pipeline.model_assets import SqlModel, figure_asset, sql_model_asset
from pipeline.symbols import SymbolRule

KILDE_UTTREKK = "Kilde: Bufdir og SSB"
TYPE_NAVN = {"i_familie": "Fosterhjem i familie og nære nettverk",
             "utenom_familie": "Fosterhjem utenom familie og nære nettverk"}
UTTREKK_TYPE_NAVN = {"alle": "Alle fosterhjem", **TYPE_NAVN}
FOTNOTE = ("En flytting er en endring i type plasseringstiltak; første plassering utenfor hjemmet og retur til "
           "hjemmet uten ny plassering telles ikke. Forløpsdata fra 2014, så flyttinger før 2014 er ikke med.")
FOSTERHJEM_DEFINISJON = (
    "Fosterhjem inkluderer her tiltak 2.1 Fosterhjem i familie og nære nettverk, 2.2 Fosterhjem utenom familie "
    "og nære nettverk, 2.3 Familiehjem (statlige og private) og 2.4 Fosterhjem etter § 4-27. 2.5 Beredskapshjem "
    "utenom familie og nære nettverk og 2.6 Midlertidig hjem i familie og nære nettverk er ikke inkludert.")


def data_year(report_year: int) -> int:
    """The year vedlegg B's data describe: SSB 13353 (and the extract) lag the report year by two years."""
    return report_year - TABLE_13353.data_lag_years


def _data_aar(_con, year: int) -> dict[str, int]:
    return {"data_aar": data_year(year)}


FLYTTINGER = "indicators.flyttinger_fosterhjem"
FORDELING = "indicators.flyttinger_fordeling"
TALL_I_TEKSTEN = "indicators.tall_i_teksten_flyttinger"

flyttinger_fosterhjem = sql_model_asset(
    SqlModel(
        table=FLYTTINGER,
        symbols=SymbolRule.stop("vedlegg B quotes these national counts and their share as SSB publishes them",
                                flyttinger="type in ('i_familie', 'utenom_familie') and alder = '0_17' "
                                           "and aar < getvariable('report_year')"),
        sql="indicators/flyttinger_fosterhjem.sql",
        description="Children 0-17 in fosterhjem i / utenom familie og nære nettverk during the year with at least "
                    "one move since the first placement, count and share (vedlegg B, figures B-1 and B-2)",
        expectations=lambda con, year: Expectations(
            unique_key=("aar", "type"),
            must_contain=(("aar", TABLE_13353.years_needed(year)), ("type", ("i_familie", "utenom_familie"))),
            columns=(ColumnExpectations("minst_en_flytting", not_null=True, min_value=0),
                     ColumnExpectations("andel", min_value=0, max_value=1),
                     ColumnExpectations("type", allowed=("i_familie", "utenom_familie")),
                     ColumnExpectations("alder", allowed=("0_17",))),
        ),
        audits=(ONE_VALUE_PER_KEY,
                Audit("moved_within_children", "children with a move never outnumber the children",
                      at_least=(("barn", "minst_en_flytting"),))),
    ),
    group="flyttinger",
)

flyttinger_fordeling = sql_model_asset(
    SqlModel(
        table=FORDELING,
        sql="indicators/flyttinger_fordeling.sql",
        description="Children 0-17 in fosterhjem during the data year by number of moves since 2014, by age and by "
                    "years since the first placement, per type of fosterhjem (Bufdir + SSB extract; figures B-3, B-4)",
        variables=_data_aar,
        expectations=Expectations(
            unique_key=("type", "variabel", "kategori"),
            must_contain=(("variabel", ("antall_flyttinger",)), ("type", ("alle",))),
            columns=(ColumnExpectations("n_barn", not_null=True, min_value=1),
                     ColumnExpectations("type", not_null=True), ColumnExpectations("variabel", not_null=True),
                     ColumnExpectations("andel", min_value=0, max_value=1),
                     ColumnExpectations("andel_flyttet", min_value=0, max_value=1)),
        ),
        audits=(
            Audit("bands_cover_without_gaps", "each variable's bands start at 0 and follow each other without a gap "
                  "or an overlap; age bands end at 17",
                  columns=(ColumnExpectations("baand_feil", not_null=True, max_value=0),)),
            Audit("bands_add_up_to_n", "the bands of a variable add up to the type's number of children (at most "
                  "to it where a band is not given)",
                  columns=(ColumnExpectations("differanse_n", min_value=0, max_value=0),),
                  at_least=(("n_barn", "sum_baand"),)),
        ),
    ),
    group="flyttinger",
)

tall_i_teksten_flyttinger = sql_model_asset(
    SqlModel(
        table=TALL_I_TEKSTEN,
        sql="indicators/tall_i_teksten_flyttinger.sql",
        description="The numbers the text of vedlegg B quotes (review table A.3, statements 62-64), each with the "
                    "sentence it backs and the figure it comes from",
        variables=_data_aar,
        expectations=Expectations(
            unique_key=("nr", "maal"),
            columns=(ColumnExpectations("verdi", not_null=True, min_value=0),
                     ColumnExpectations("nr", allowed=(62, 63, 64)),
                     ColumnExpectations("enhet", allowed=("barn", "prosent")),
                     ColumnExpectations("kilde", allowed=("figur_b_2", "figur_b_3", "figur_b_4"))),
            must_contain=(("nr", (62, 63)),),
        ),
    ),
    group="flyttinger",
)


# -- B-1 and B-2: SSB 13353 -------------------------------------------------------------------------

def _kilde_13353(_con, year: int) -> str:
    return f"Kilde: SSB tabell 13353. Tallene er basert på data fra {FORLOP_FRA}–{data_year(year)}"


def _draw_b_1(data, year: int):
    fig, ax = new_figure()
    line_series(ax, data, x="år", y="minst_en_flytting", by="type", labels=TYPE_NAVN, colors=[PALETTE[0], PALETTE[2]])
    ax.set_ylabel("Antall barn")
    ax.yaxis.set_major_formatter(norsk_akse())
    ax.set_ylim(bottom=0)
    ax.legend(loc="lower left", fontsize=8)
    return fig


figur_b_1 = figure_asset(Figure(
    id="figur_b_1",
    title="Figur B-1 Barn 0–17 år med minst én flytting siden første plasseringstiltak, blant barn som har bodd i "
          "fosterhjem ila. året",
    description="Vedlegg B, B-1: children 0-17 with at least one move since the first placement, by type of "
                "fosterhjem (SSB 13353)",
    draw=_draw_b_1, source=_kilde_13353, footnotes=(FOTNOTE,),
), group="flyttinger")


def _draw_b_2(data, year: int):
    fig, ax = new_figure()
    line_series(ax, data, x="år", y="andel_prosent", by="type", labels=TYPE_NAVN, colors=[PALETTE[0], PALETTE[2]])
    ax.set_ylabel("Prosent")
    ax.yaxis.set_major_formatter(norsk_akse())
    ax.set_ylim(0, 100)
    ax.legend(loc="lower left", fontsize=8)
    return fig


figur_b_2 = figure_asset(Figure(
    id="figur_b_2",
    title="Figur B-2 Andel barn 0–17 år i fosterhjem ila. året som har minst én flytting siden første "
          "plasseringstiltak, fordelt på fosterhjem i og utenom familie og nære nettverk",
    description="Vedlegg B, B-2: the share of children 0-17 in fosterhjem with at least one move, by type (SSB 13353)",
    draw=_draw_b_2, source=_kilde_13353, footnotes=(FOTNOTE,),
), group="flyttinger")


# -- B-3 and B-4: the Bufdir + SSB extract ------------------------------------------------------------

def _year_and_start(data: pd.DataFrame) -> tuple[int, int]:
    return int(data["aar"].iloc[0]), int(data["forlop_fra"].iloc[0])


def _grouped_bars(ax, data: pd.DataFrame, y: str) -> None:
    """One bar per type of fosterhjem in each band (the bands in their order); a band not given is no bar."""
    bands = list(dict.fromkeys(data.sort_values("fra")["kategori"]))
    types = [t for t in UTTREKK_TYPE_NAVN if t in set(data["fosterhjemstype"])]
    width = 0.8 / max(len(types), 1)
    for i, kind in enumerate(types):
        rows = data[data["fosterhjemstype"] == kind].set_index("kategori").reindex(bands)
        ax.bar([b - 0.4 + width * (i + 0.5) for b in range(len(bands))], rows[y].astype(float), width * 0.95,
               color=(PALETTE[0], PALETTE[2], PALETTE[4])[i % 3], label=UTTREKK_TYPE_NAVN[kind])
    ax.set_xticks(range(len(bands)), bands)


def _draw_b_3(data, year: int):
    fig, ax = new_figure()
    _grouped_bars(ax, data, "barn")
    ax.set_xlabel("Antall flyttinger")
    ax.set_ylabel("Antall barn")
    ax.yaxis.set_major_formatter(norsk_akse())
    ax.legend(fontsize=8)
    return fig


def _title_b_3(data, year: int) -> str:
    aar, fra = _year_and_start(data)
    return f"Figur B-3 Antall barn 0–17 år i fosterhjem ila. {aar}, fordelt på antall flyttinger siden {fra}"


def _n_by_type(data: pd.DataFrame) -> dict[str, int]:
    return {t: int(n) for t, n in data.groupby("fosterhjemstype")["n_barn"].first().items()}


def _footnotes_b_3(data, _year: int, _con) -> list[str]:
    n = _n_by_type(data)
    notes = [FOSTERHJEM_DEFINISJON]
    if {"i_familie", "utenom_familie"} <= set(n) and "alle" in n and n["i_familie"] + n["utenom_familie"] != n["alle"]:
        notes.append(f"Tallene for fosterhjem i og utenom familie og nære nettverk summerer seg ikke til totalen "
                     f"({norsk_tall(n['alle'])}).")
    parts = []
    if "alle" in n:
        parts.append(f"N for alle barn i fosterhjem = {norsk_tall(n['alle'])}")
    if "i_familie" in n:
        parts.append(f"N for antall barn i fosterhjem i familie og nære nettverk = {norsk_tall(n['i_familie'])}")
    if "utenom_familie" in n:
        parts.append(f"N for barn i fosterhjem utenom familie og nære nettverk = {norsk_tall(n['utenom_familie'])}")
    notes.append(", ".join(parts[:-1]) + (" og " if len(parts) > 1 else "") + parts[-1] + ".")
    return notes


figur_b_3 = figure_asset(Figure(
    id="figur_b_3",
    title=_title_b_3,
    description="Vedlegg B, B-3: children 0-17 in fosterhjem by number of moves since 2014, by type (Bufdir + SSB)",
    draw=_draw_b_3, source=KILDE_UTTREKK, footnotes=_footnotes_b_3,
), group="flyttinger")


VARIABEL_NAVN = {"alder": "A – alder", "aar_siden_forste_plassering": "B – år siden første plassering"}


def _draw_b_4(data, year: int):
    fig, axes = new_figure(ncols=2, sharey=True)
    for ax, (variabel, title) in zip(axes, VARIABEL_NAVN.items(), strict=True):
        rows = data[data["variabel"] == variabel]
        if len(rows):
            _grouped_bars(ax, rows, "andel_prosent")
        ax.set_title(title, fontsize=10, loc="left")
        ax.yaxis.set_major_formatter(norsk_akse())
    axes[0].set_ylabel("Prosent av barna")
    return fig


def _title_b_4(data, year: int) -> str:
    aar, _ = _year_and_start(data)
    return f"Figur B-4 Bakgrunnsinformasjon for barn i alder 0–17 år i fosterhjem ila. {aar}"


def _footnotes_b_4(data, _year: int, _con) -> list[str]:
    n = _n_by_type(data)
    notes = ["Midlertidig fosterhjem er ikke inkludert i statistikken. " + FOSTERHJEM_DEFINISJON.split(". 2.5")[0]
             + "."]
    if "alle" in n:
        notes.append(f"N = {norsk_tall(n['alle'])}.")
    return notes


figur_b_4 = figure_asset(Figure(
    id="figur_b_4",
    title=_title_b_4,
    description="Vedlegg B, B-4: children 0-17 in fosterhjem by age and by years since the first placement "
                "(Bufdir + SSB)",
    draw=_draw_b_4, source=KILDE_UTTREKK, footnotes=_footnotes_b_4,
), group="flyttinger")
