"""Children with measures (tiltak): SSB 09050 (omsorgs-/hjelpetiltak per 31.12, during the year, new)
and 12845 (per 31.12 by legal basis: akuttiltak, atferdstiltak, plassert som hjelpetiltak).

Sections 5.1 and vedlegg A of the 2023 status report: figures 5-1, 0-1, 0-2 (children 0-24, 0-22 up to
2020, with measures), 5-2 and 0-3 (0-17 and 18-24 by type, with *hjelpetiltak i hjemmet* = hjelpetiltak
minus akuttiltak, atferdstiltak and plassert som hjelpetiltak).

Public sources gave these tables' labels, not their codes: their declarations (`assets.sources.tiltak`)
name values by label (checked against the live metadata at fetch time) and SQL uses the stable keys
given there.
"""

from assets.sources.tiltak import TABLE_09050, TABLE_12845
from pipeline.expectations import Audit, ColumnExpectations, Expectations
from pipeline.figures import PALETTE, Figure, new_figure, norsk_akse, norsk_tall, stacked_bars
from pipeline.model_assets import ReportTable, SqlModel, figure_asset, sql_model_asset, table_asset
from pipeline.symbols import SymbolRule

BRUDD_ALDER = "Fra 2021 kan tiltak vare til fylte 25 år (før: 23 år): 0–24 år fra 2021, 0–22 år før."
BRUDD_2016 = ("Fra 2016 er hjelpetiltak per 31.12. noe høyere enn før: omsorgstiltak i løpet av året ble "
              "tidligere prioritert over hjelpetiltak per 31.12.")

PLASSERING_NAVN = {"fosterheim": "Fosterhjem", "institusjon": "Institusjon", "beredskapsheim": "Beredskapshjem",
                   "mellombels_heim": "Midlertidig hjem i familie og nære nettverk",
                   "bustad": "Bolig med oppfølging"}




# -- Indicators ------------------------------------------------------------------------------------

BARN_MED_TILTAK = "indicators.barn_med_tiltak"
TILTAK_ETTER_TYPE = "indicators.tiltak_etter_type"
TILTAK_ENDRINGER = "indicators.tiltak_endringer"

barn_med_tiltak = sql_model_asset(
    SqlModel(
        table=BARN_MED_TILTAK,
        symbols=SymbolRule.stop("counts as SSB publishes them, per 1 000 of a population summed over single "
                                "years of age: a sum short of one age would raise the rate",
                                barn_med_tiltak="aar < getvariable('report_year')",
                                befolkning="aar <= getvariable('report_year')"),
        sql="indicators/barn_med_tiltak.sql",
        description="Children with measures per 31.12, during the year and new, by tiltak and age group, with "
                    "rates per 1 000 in the age group (figures 5-1, 0-1, 0-2)",
        expectations=lambda con, year: Expectations(
            unique_key=("aar", "aldersgruppe", "tiltak"),
            must_contain=(("aar", TABLE_09050.years_needed(year)),),
            columns=(
                ColumnExpectations("per_31_12", min_value=0),
                ColumnExpectations("per_1000_per_31_12", min_value=0, max_value=1000),
            ),
        ),
        audits=(Audit("parts_within_totals",
                      "a tiltak within all tiltak, the stock per 31.12 and the new children within everyone during "
                      "the year", at_least=(("i_alt_per_31_12", "per_31_12"), ("i_lopet_av_aret", "per_31_12"),
                                            ("i_lopet_av_aret", "nye"))),),
    ),
    group="tiltak",
)

tiltak_etter_type = sql_model_asset(
    SqlModel(
        table=TILTAK_ETTER_TYPE,
        symbols=SymbolRule.stop("hjelpetiltak i hjemmet is a difference of four national counts: a missing one "
                                "would move it by its whole size",
                                barn_med_tiltak="aar < getvariable('report_year')",
                                tiltak_lovheimel="aar < getvariable('report_year')"),
        sql="indicators/tiltak_etter_type.sql",
        description="Children 0-17 and 18-24 per 31.12 by type of measure, with hjelpetiltak i hjemmet "
                    "(figures 5-2, 0-3)",
        expectations=lambda con, year: Expectations(
            unique_key=("aar", "aldersgruppe"),
            must_contain=(("aar", TABLE_12845.years_needed(year)),),
            columns=(ColumnExpectations("andel_hjelpetiltak_i_hjemmet", min_value=0, max_value=1),),
        ),
        audits=(
            Audit("hjelpetiltak_i_hjemmet_not_negative",
                  "hjelpetiltak i hjemmet is what is left of hjelpetiltak: never negative",
                  columns=(ColumnExpectations("hjelpetiltak_i_hjemmet", not_null=True, min_value=0),)),
            Audit("parts_within_totals", "hjelpetiltak and omsorgstiltak within all, the placed within hjelpetiltak",
                  at_least=(("i_alt", "hjelpetiltak"), ("i_alt", "omsorgstiltak"), ("hjelpetiltak", "plassert_i_alt"))),
        ),
    ),
    group="tiltak",
)

# The series the report's text cannot do without; the others (shares, Utdanning og arbeid) depend on
# labels a table may not have, and are left out rather than guessed.
PAAKREVDE_SERIER = ("barn_med_tiltak_per_31_12", "hjelpetiltak_i_hjemmet_0_17", "plasseringstiltak_per_31_12",
                    "akuttiltak_0_17", "tiltak_nettverk_samarbeid", "tiltak_undersokelse_behandling",
                    "bekymringsmeldinger")

tiltak_endringer = sql_model_asset(
    SqlModel(
        table=TILTAK_ENDRINGER,
        sql="indicators/tiltak_endringer.sql",
        variables=lambda con, year: {"paakrevde_serier": list(PAAKREVDE_SERIER)},
        description="The numbers the report quotes in its text: values in the data year, the year before and "
                    "the first year, with per cent changes",
        expectations=lambda con, year: Expectations(
            unique_key=("serie",),
            # every series ends in the report year's data year (the year before it)
            columns=(ColumnExpectations("verdi", not_null=True),
                     ColumnExpectations("data_aar", not_null=True, min_value=year - 1, max_value=year - 1)),
            must_contain=(("serie", PAAKREVDE_SERIER),),
        ),
    ),
    group="tiltak",
)


# -- Figures ---------------------------------------------------------------------------------------

KILDE_09050 = "Kilde: SSB tabell 09050"
HJELPETILTAK_I_HJEMMET = ("Hjelpetiltak i hjemmet = hjelpetiltak (09050) − akuttiltak − atferdstiltak − plassert "
                          "som hjelpetiltak (12845).")


def _draw_5_1(data, year: int):
    fig, ax = new_figure()
    stacked_bars(ax, data.set_index("år"), [("omsorgstiltak", "Omsorgstiltak"), ("hjelpetiltak", "Hjelpetiltak")])
    ax.set_ylabel("Antall barn")
    ax.yaxis.set_major_formatter(norsk_akse())
    ax.legend(loc="upper right")
    return fig


def _draw_0_1(data, year: int):
    # One line across the age-limit break: 0-22 up to 2020 and 0-24 after are one series, footnoted.
    fig, ax = new_figure()
    ax.plot(data["år"].astype(str), data["per_1000"], marker="o", color=PALETTE[1])
    ax.set_ylabel("Per 1 000 barn i aldersgruppen")
    ax.yaxis.set_major_formatter(norsk_akse(1))
    ax.set_ylim(bottom=0)
    return fig


def _draw_0_2(data, year: int):
    fig, ax = new_figure()
    ax.bar(data["år"].astype(str), data["nye"], color=PALETTE[1])
    ax.set_ylabel("Antall barn")
    ax.yaxis.set_major_formatter(norsk_akse())
    return fig


def _draw_etter_type(data, year: int):
    fig, ax = new_figure()
    stacked_bars(ax, data.set_index("år"), [("omsorgstiltak", "Omsorgstiltak"), ("akuttiltak", "Akuttiltak"),
                                            ("atferdstiltak", "Atferdstiltak"),
                                            ("plassert_hjelpetiltak", "Plassert som hjelpetiltak"),
                                            ("hjelpetiltak_i_hjemmet", "Hjelpetiltak i hjemmet")])
    ax.set_ylabel("Antall barn")
    ax.yaxis.set_major_formatter(norsk_akse())
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=3, fontsize=8)
    return fig


figur_5_1 = figure_asset(Figure(
    id="figur_5_1",
    title="Figur 5-1 Barn og unge 0–24 år med barnevernstiltak per 31.12., etter type tiltak",
    description="Figur 5-1: children 0-24 (0-22 up to 2020) with measures per 31.12 by type",
    draw=_draw_5_1, source=KILDE_09050, footnotes=(BRUDD_ALDER, BRUDD_2016),
), group="tiltak")

figur_0_1 = figure_asset(Figure(
    id="figur_0_1",
    title="Figur 0-1 Barn og unge med barnevernstiltak per 31.12. per 1 000 barn 0–24 år",
    description="Figur 0-1: children with measures per 31.12 per 1 000 in the age group",
    draw=_draw_0_1, source=f"{KILDE_09050} og 07459",
    footnotes=(BRUDD_ALDER, "Befolkning 1. januar året etter (= 31.12.)."),
), group="tiltak")

figur_0_2 = figure_asset(Figure(
    id="figur_0_2",
    title="Figur 0-2 Nye barn og unge med barnevernstiltak i løpet av året",
    description="Figur 0-2: new children with measures",
    draw=_draw_0_2, source=KILDE_09050, footnotes=(BRUDD_ALDER,),
), group="tiltak")

figur_5_2 = figure_asset(Figure(
    id="figur_5_2",
    title="Figur 5-2 Barn 0–17 år med barnevernstiltak per 31.12., etter type tiltak",
    description="Figur 5-2: children 0-17 per 31.12 by type, incl. hjelpetiltak i hjemmet",
    draw=_draw_etter_type, source="Kilde: SSB tabell 09050 og 12845", footnotes=(HJELPETILTAK_I_HJEMMET, BRUDD_ALDER),
    sql="figures/tiltak_etter_type.sql", variables=(("aldersgruppe_nokkel", "0_17"),),
), group="tiltak")

figur_0_3 = figure_asset(Figure(
    id="figur_0_3",
    title="Figur 0-3 Unge 18–24 år med barnevernstiltak per 31.12., etter type tiltak",
    description="Figur 0-3: young people 18-24 (18-22 up to 2020) per 31.12 by type",
    draw=_draw_etter_type, source="Kilde: SSB tabell 09050 og 12845", footnotes=(HJELPETILTAK_I_HJEMMET, BRUDD_ALDER),
    sql="figures/tiltak_etter_type.sql", variables=(("aldersgruppe_nokkel", "18_24"),),
), group="tiltak")


# -- The numbers the report's text quotes, as a table it can cite ----------------------------------

def _verdi(value, enhet: str) -> str:
    if value is None or value != value:  # None or NaN
        return "–"
    if enhet == "andel":
        return f"{norsk_tall(100 * value, 1)} %"
    if enhet == "prosent":
        return f"{norsk_tall(value, 1)} %"
    return norsk_tall(value)


def _endring(value) -> str:
    return "–" if value is None or value != value else f"{norsk_tall(value, 1)} %"


def build_tall_i_teksten(con, year: int) -> ReportTable:
    rows = con.execute(f"""
        select serie, beskrivelse, enhet, data_aar, verdi, verdi_aaret_foer, endring_prosent, forste_aar,
               verdi_forste_aar, endring_periode_prosent, merknad
        from {TILTAK_ENDRINGER} where report_year = ? order by serie
    """, [year]).df()
    lines = [f"# Tall i teksten, rapportåret {year}", "",
             "| Serie | År | Verdi | Året før | Endring | Første år | Verdi første år | Endring over perioden |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    notes = []
    for r in rows.itertuples():
        star = ""
        if isinstance(r.merknad, str) and r.merknad:
            notes.append(r.merknad)
            star = "*"
        cells = [f"{r.beskrivelse}{star}", str(r.data_aar), _verdi(r.verdi, r.enhet),
                 _verdi(r.verdi_aaret_foer, r.enhet), _endring(r.endring_prosent), str(r.forste_aar),
                 _verdi(r.verdi_forste_aar, r.enhet), _endring(r.endring_periode_prosent)]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [""]
    if notes:
        lines += [f"\\* {sorted(set(notes))[0]}", ""]
    lines += ["Endring for andeler: relativ endring i prosent. Kilde: SSB tabell 09050, 12845, 11600, 10660 og 10673."]
    problems = [] if len(rows) else ["no series"]
    return ReportTable(rows, lines, problems)


tabell_tall_i_teksten = table_asset(
    "tabell_tall_i_teksten", (TILTAK_ENDRINGER,), build_tall_i_teksten, "tiltak",
    "The numbers the report's text quotes (value, year before, first year, per cent changes) as CSV and Markdown",
    "every_series_stated", "the table has the series the text needs",
)
TALL_I_TEKSTEN_KEY = next(iter(tabell_tall_i_teksten.keys))
