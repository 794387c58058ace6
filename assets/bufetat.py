"""State child welfare: Bufetat's gross operating expenditure by accounting function (Bufdir
extracts; figures 5-12, 5-13), total public net spending, state and kommuner (5-11), the days
spent in sentre for foreldre og barn (vedlegg A, figures 0-11 and 0-13), the days of stay and kroner
per day by measure (the text of 5.5), and the numbers the text quotes from all the Bufdir sources.

The four Bufdir datasets are declared in `assets.sources.bufetat`, and those of waiting and
beredskapshjem in `assets.sources.fosterhjem`.
"""

from assets.sources.fosterhjem import BUFETAT_REGIONER
from pipeline.expectations import Audit, ColumnExpectations, Expectations
from pipeline.figures import PALETTE, Figure, new_figure, norsk_akse, stacked_bars
from pipeline.model_assets import SqlModel, figure_asset, sql_model_asset
from pipeline.symbols import SymbolRule

KILDE = "Kilde: Bufdir"


UTGIFTER_TABLE = "indicators.bufetat_driftsutgifter"
OFFENTLIGE_TABLE = "indicators.offentlige_netto_driftsutgifter"

bufetat_driftsutgifter = sql_model_asset(
    SqlModel(
        table=UTGIFTER_TABLE,
        sql="indicators/bufetat_driftsutgifter.sql",
        description="Bufetat gross spending by function and year in report-year kroner; budget marked (5-12, 5-13)",
        expectations=Expectations(
            unique_key=("aar", "regnskapsfunksjon"),
            columns=(ColumnExpectations("faktor", not_null=True),),
        ),
        audits=(Audit("budget_only_in_the_report_year",
                      "budget rows only for the report year, accounts only before it: never mixed",
                      columns=(ColumnExpectations("type_stemmer_med_aar", not_null=True, allowed=(True,)),)),),
    ),
    group="bufetat",
)

offentlige_netto_driftsutgifter = sql_model_asset(
    SqlModel(
        table=OFFENTLIGE_TABLE,
        symbols=SymbolRule.carry("sums the three functions of netto_driftsutgifter_landet (without Oslo) and "
                                 "passes on their notes"),
        sql="indicators/offentlige_netto_driftsutgifter.sql",
        description="Total public net spending on child welfare: state (Bufetat gross minus egenandeler received) "
                    "and kommuner (244+251+252 without Oslo, as 5-14 and the headline), report-year kroner (5-11)",
        expectations=Expectations(unique_key=("aar",),
                                  columns=(ColumnExpectations("kommune_mrd_kr", not_null=True, min_value=0),)),
        audits=(Audit("egenandeler_received_for_every_accounts_year",
                      "a Bufetat accounts year has the co-payments received that year (else no state part)",
                      columns=(ColumnExpectations("mangler_egenandeler", allowed=(False,)),)),),
    ),
    group="bufetat",
)


OPPHOLDSDAGER_TABLE = "indicators.oppholdsdager_sentre"

oppholdsdager_sentre = sql_model_asset(
    SqlModel(
        table=OPPHOLDSDAGER_TABLE,
        sql="indicators/oppholdsdager_sentre.sql",
        description="Days of stay in sentre for foreldre og barn by year, Bufetat region and kind of senter, "
                    "with Bufetat as a whole (figures 0-11, 0-13)",
        expectations=lambda con, year: Expectations(
            unique_key=("aar", "region", "eierskap"),
            must_contain=(("region", ("Hele landet",)), ("aar", (year - 1,))),
            columns=(ColumnExpectations("oppholdsdager", not_null=True, min_value=0),),
        ),
        audits=(Audit("bufetat_at_least_its_regions",
                      "where the file gives both, Bufetat as a whole is never less than its regions",
                      columns=(ColumnExpectations("minst_regionenes_sum", allowed=(True,)),)),),
    ),
    group="bufetat",
)


OPPHOLDSDAGER_TILTAK_TABLE = "indicators.oppholdsdager_tiltak"

oppholdsdager_tiltak = sql_model_asset(
    SqlModel(
        table=OPPHOLDSDAGER_TILTAK_TABLE,
        sql="indicators/oppholdsdager_tiltak.sql",
        description="Days of stay and kroner per day of stay in Bufetat's measures by year, with the change from "
                    "the year before (the text of section 5.5; no figure)",
        expectations=lambda con, year: Expectations(
            unique_key=("aar", "tiltak"),
            must_contain=(("aar", (year - 1,)),),
            columns=(ColumnExpectations("oppholdsdager", not_null=True, min_value=0),),
        ),
        audits=(Audit("deflator_for_every_year_with_kroner",
                      "a year with kroner per day of stay has a deflator factor to report-year kroner",
                      columns=(ColumnExpectations("mangler_deflator", allowed=(False,)),)),),
    ),
    group="bufetat",
)


DEFLATOR_NOTE = "Prisjustert til {year}-kroner med kommunal deflator."


def _draw_5_12(data, year: int):
    fig, ax = new_figure()
    bars = ax.bar(data["år"].astype(str), data["mrd_kr"], color=PALETTE[1])
    for bar, kind in zip(bars, data["type"], strict=True):
        if kind == "budsjett":
            bar.set_hatch("//")
            bar.set_facecolor(PALETTE[3])
    ax.set_ylabel(f"Milliarder {year}-kroner")
    ax.yaxis.set_major_formatter(norsk_akse(1))
    return fig


figur_5_12 = figure_asset(Figure(
    id="figur_5_12",
    title="Figur 5-12 Samlede brutto driftsutgifter for Bufetat, i milliarder {year}-kroner*",
    description="Figur 5-12: Bufetat gross spending",
    draw=_draw_5_12, source=KILDE,
    footnotes=(f"{DEFLATOR_NOTE} {{year}}: budsjett (skravert).",),
), group="bufetat")


def _draw_5_13(data, year: int):
    wide = data.pivot(index="år", columns="regnskapsfunksjon", values="mrd_kr").fillna(0)
    fig, ax = new_figure()
    stacked_bars(ax, wide, [(column, column) for column in wide.columns])
    ax.set_ylabel(f"Milliarder {year}-kroner")
    ax.yaxis.set_major_formatter(norsk_akse(1))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2, fontsize=8)
    return fig


figur_5_13 = figure_asset(Figure(
    id="figur_5_13",
    title="Figur 5-13 Bufetats brutto driftsutgifter etter regnskapsfunksjon, i milliarder {year}-kroner*",
    description="Figur 5-13: Bufetat spending by function",
    draw=_draw_5_13, source=KILDE, footnotes=(f"{DEFLATOR_NOTE} {{year}}: budsjett.",),
), group="bufetat")


def _draw_5_11(data, year: int):
    wide = data.pivot(index="år", columns="del", values="mrd_kr")  # no state part: no segment, not 0
    fig, ax = new_figure()
    stacked_bars(ax, wide, [("kommune", "Kommunalt barnevern***"), ("stat", "Statlig barnevern**")],
                 colors=[PALETTE[1], PALETTE[4]])
    ax.set_ylabel(f"Milliarder {year}-kroner")
    ax.yaxis.set_major_formatter(norsk_akse(1))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2)
    return fig


def aarsspenn(years) -> str:
    """Years as the report writes them: runs as "2015–2018", the runs joined by commas and "og"."""
    runs: list[list[int]] = []
    for y in sorted(set(years)):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    parts = [f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} og {parts[-1]}"


def _footnotes_5_11(data, year: int, _con) -> list[str]:
    """The report's three notes; the years without state figures (municipal-only bars) read from the rows."""
    without_state = sorted(set(data.loc[data["del"] == "kommune", "år"]) - set(data.loc[data["del"] == "stat", "år"]))
    missing = f" Vi har ikke mottatt data for {aarsspenn(without_state)}." if without_state else ""
    return [DEFLATOR_NOTE.format(year=year),
            f"Netto driftsutgifter til statlig barnevern representerer utgiftene til Bufetat fratrukket inntektene "
            f"fra kommunale egenandeler.{missing}",
            "Kommunale tall representerer summen av netto driftsutgifter over de tre KOSTRA-funksjonene 244, 251 og "
            "252. Oslo er ikke inkludert, som i figur 5-14: Oslo kommune løser selv oppgavene Bufetat har i resten "
            "av landet, og Bufetats tall omfatter ikke Oslo."]


figur_5_11 = figure_asset(Figure(
    id="figur_5_11",
    title="Figur 5-11 Samlede offentlige netto driftsutgifter til barnevern, i milliarder {year}-kroner*",
    description="Figur 5-11: total public net spending, state and kommuner (without Oslo); municipal-only years "
                "where Bufdir has no state figures",
    draw=_draw_5_11, source="Kilde: Bufdir og SSB (tabell 12362)", footnotes=_footnotes_5_11,
), group="bufetat")


OPPHOLDSDAGER_FOTNOTE = "Alle aldersgrupper av barn som har mottatt tilbud er inkludert."


def _footnotes_0_11(_data, year: int, con) -> list[str]:
    """The report's note, with the age of the oldest child where the file gives it (left out where not)."""
    oldest = con.execute(f"select max(eldste_barn_alder) from {OPPHOLDSDAGER_TABLE} where report_year = ? "
                         "and region = 'Hele landet'", [year]).fetchone()[0]
    age = (f" Alder på eldste barn som har hatt oppholdsdag(er) på sentret er {int(oldest)} år."
           if oldest is not None else "")
    return [f"Alle aldersgrupper av barn som har mottatt tilbud er inkludert i dataene.{age}"]


def _draw_0_11(data, year: int):
    fig, ax = new_figure()
    stacked_bars(ax, data.set_index("år").fillna(0),
                 [("statlige_sentre", "Statlige sentre"), ("private_sentre", "Private sentre")],
                 colors=[PALETTE[1], PALETTE[4]])
    ax.set_ylabel("Antall oppholdsdager")
    ax.yaxis.set_major_formatter(norsk_akse())
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2)
    return fig


figur_0_11 = figure_asset(Figure(
    id="figur_0_11",
    title="Figur 0-11 Antall oppholdsdager i private og statlige sentre for foreldre og barn i løpet av året, "
          "Bufetat samlet*",
    description="Figur 0-11: days in sentre for foreldre og barn, Bufetat as a whole",
    draw=_draw_0_11, source=KILDE, footnotes=_footnotes_0_11,
), group="bufetat")


def _draw_0_13(data, year: int):
    wide = data.pivot(index="år", columns="region", values="oppholdsdager")
    wide = wide.reindex(columns=[r for r in BUFETAT_REGIONER if r in wide.columns])
    fig, ax = new_figure()
    n = max(len(wide.columns), 1)
    width = 0.8 / n
    for i, region in enumerate(wide.columns):
        positions = [x + (i - (n - 1) / 2) * width for x in range(len(wide.index))]
        ax.bar(positions, wide[region], width=width, color=PALETTE[i % len(PALETTE)], label=region)
    ax.set_xticks(range(len(wide.index)), [str(y) for y in wide.index])
    ax.set_ylabel("Antall oppholdsdager")
    ax.yaxis.set_major_formatter(norsk_akse())
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=3, fontsize=8)
    return fig


figur_0_13 = figure_asset(Figure(
    id="figur_0_13",
    title="Figur 0-13 Antall oppholdsdager i sentre for foreldre og barn, etter region*",
    description="Figur 0-13: days in sentre for foreldre og barn by Bufetat region",
    draw=_draw_0_13, source=KILDE, footnotes=(OPPHOLDSDAGER_FOTNOTE, "Statlige og private sentre samlet."),
), group="bufetat")


# -- The numbers the report's text quotes from the Bufdir sources (the lead unions them into
# tabell_tall_i_teksten) ----------------------------------------------------------------------------

TALL_I_TEKSTEN_TABLE = "indicators.tall_i_teksten_bufdir"
# The statements of the review's table A.3 this table backs (the others need data Bufdir's files lack).
UTSAGN = (29, 30, 31, 36, 37, 48, 51, 52, 53, 54)

tall_i_teksten_bufdir = sql_model_asset(
    SqlModel(
        table=TALL_I_TEKSTEN_TABLE,
        sql="indicators/tall_i_teksten_bufdir.sql",
        description="The numbers the report's text quotes from the Bufdir sources: waiting for a fosterhjem, "
                    "beredskapshjem, public and Bufetat spending, days of stay by measure (review A.3 statements "
                    "29-31, 36, 37, 48, 51-54), each with the sentence, the period and the figure or table",
        expectations=Expectations(
            unique_key=("nr", "maal", "enhet", "til_aar"),
            must_contain=(("nr", UTSAGN),),
            columns=(ColumnExpectations("verdi", not_null=True), ColumnExpectations("utsagn", not_null=True),
                     ColumnExpectations("kilde", not_null=True), ColumnExpectations("til_aar", not_null=True)),
        ),
    ),
    group="bufetat",
)
