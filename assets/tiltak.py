"""Children with measures (tiltak): SSB 09050 (omsorgs-/hjelpetiltak per 31.12, during the year, new)
and 12845 (per 31.12 by legal basis: akuttiltak, atferdstiltak, plassert som hjelpetiltak).

Sections 5.1 and vedlegg A of the 2023 status report: figures 5-1, 0-1, 0-2 (children 0-24, 0-22 up to
2020, with measures: the sum of SSB's age groups 0-17 and 18-22/18-24 as the report's fn 33 has it, split
by omsorgs-/hjelpetiltak; 0-1 with SSB's own rate per 1 000), 5-2 and 0-3 (0-17 and 18-24 by type, with
*hjelpetiltak i hjemmet* = hjelpetiltak minus akuttiltak, atferdstiltak and plassert som hjelpetiltak),
and the numbers section 5.1 quotes (`indicators.tall_i_teksten_tiltak`).

Public sources gave these tables' labels, not their codes: their declarations (`assets.sources.tiltak`)
name values by label (checked against the live metadata at fetch time) and SQL uses the stable keys
given there.
"""

from assets.sources.tiltak import TABLE_09050, TABLE_12845
from pipeline.errors import ReformevalError
from pipeline.expectations import Audit, ColumnExpectations, Expectations
from pipeline.figures import Figure, new_figure, norsk_akse, norsk_tall, stacked_bars
from pipeline.model_assets import SqlModel, figure_asset, sql_model_asset
from pipeline.symbols import SymbolRule

BRUDD_ALDER = "Fra 2021 kan tiltak vare til fylte 25 år (før: 23 år): 0–24 år fra 2021, 0–22 år før."
# The report's own wording (figures 5-1, 0-1, 0-2, 0-3).
ALDERSGRENSE = ("Fra 2021 kunne barnevernet videreføre tiltak inntil 25 år, tidligere var øvre aldersgrense 23 år: "
                "0–24 år fra 2021, 0–22 år til og med 2020.")
DEFINISJON = ("SSBs definisjon av omsorgstiltak er barn som barnevernet har overtatt omsorgen for gjennom vedtak i "
              "fylkesnemnda for barnevern og sosiale saker, mens hjelpetiltak inkluderer alle øvrige tiltak.")
SUM_OMSORG_HJELPE = "Tallene i figuren viser summen av omsorgs- og hjelpetiltak."
OMSORG_0_17 = "Omsorgstiltak gjelder kun for gruppen 0–17 år."
# The report's footnote to figures 5-2 and 0-3: each category with its paragraphs in the old barnevernloven
# (1992) and, in brackets, in the new barnevernsloven (2021, in force 1 January 2023).
LOVHJEMLER = ("Omsorgstiltak: barnevernloven §§ 4-12 og 4-8 (barnevernsloven §§ 5-1 og 4-3). Akuttiltak: "
              "barnevernloven §§ 4-6, 1. og 2. ledd, 4-25, 2. ledd, 4-9, 1. og 2. ledd (barnevernsloven §§ 4-1, "
              "4-2, 4-4 og 4-3). Atferdstiltak: barnevernloven §§ 4-24 og 4-26 (barnevernsloven §§ 6-2 og 8-4 "
              "første ledd og 6-1). Plassert som hjelpetiltak: barnevernloven § 4-4, 2. og 6. ledd "
              "(barnevernsloven §§ 3-1 og 3-2).")

BRUDD_2016 = ("Fra 2016 er hjelpetiltak per 31.12. noe høyere enn før: omsorgstiltak i løpet av året ble "
              "tidligere prioritert over hjelpetiltak per 31.12.")


# -- Indicators ------------------------------------------------------------------------------------

BARN_MED_TILTAK = "indicators.barn_med_tiltak"
TILTAK_ETTER_TYPE = "indicators.tiltak_etter_type"

class AldersgruppeMangler(ReformevalError):
    """A part of the report's 0-22/0-24 age range (0-17 år, 18-22 or 18-24 år) is not in 09050."""


def require_age_group_parts(con, year: int) -> None:
    """The report's 0–22 / 0–24 år (its fn 33) is 0–17 år plus 18–22 år (to 2020) or 18–24 år (from 2021):
    both parts must have a number in every year, tiltak and count the table has, or there is no sum to show
    (SSB's "alder i alt" is never taken instead)."""
    missing = con.execute("""
        with years as (
            select distinct aar from staging.barn_med_tiltak where aar < getvariable('report_year')
        ),
        needed as (
            select years.aar, t.tiltak, m.maal,
                   case p.part when 'young' then '0_17' else case when years.aar < 2021 then '18_22' else '18_24' end
                   end as alder
            from years
            cross join (values ('i_alt'), ('hjelpetiltak'), ('omsorgstiltak')) as t (tiltak)
            -- the counts the snapshot has (a hand-built one may leave a measure out altogether)
            cross join (select distinct maal from staging.barn_med_tiltak
                        where maal in ('per_31_12', 'i_lopet_av_aret', 'nye')) as m (maal)
            cross join (values ('young'), ('older')) as p (part)
        )
        select needed.aar, needed.alder, needed.tiltak, needed.maal, coalesce(cells.status, 'no row')
        from needed
        left join staging.barn_med_tiltak as cells
            on cells.aar = needed.aar and cells.alder = needed.alder and cells.tiltak = needed.tiltak
            and cells.maal = needed.maal
        where cells.antall is null
        order by all
    """).fetchall()
    if missing:
        shown = "; ".join(f"aar={a} alder={g} tiltak={t} maal={m} ({st})" for a, g, t, m, st in missing[:12])
        more = f"; … and {len(missing) - 12} more" if len(missing) > 12 else ""
        raise AldersgruppeMangler(
            f"staging.barn_med_tiltak (SSB 09050), field antall: {len(missing)} part(s) of the age range 0–22/0–24 "
            f"år are missing (expected a number for 0-17 år and for 18-22 år up to 2020 / 18-24 år from 2021 in "
            f"every year, tiltak and measure; the range is their sum, never SSB's 'Alder i alt'): {shown}{more}")


barn_med_tiltak = sql_model_asset(
    SqlModel(
        table=BARN_MED_TILTAK,
        symbols=SymbolRule.stop("counts as SSB publishes them, per 1 000 of a population summed over single "
                                "years of age: a sum short of one age would raise the rate",
                                barn_med_tiltak="aar < getvariable('report_year')",
                                befolkning="aar <= getvariable('report_year')"),
        sql="indicators/barn_med_tiltak.sql",
        description="Children with measures per 31.12, during the year and new, by tiltak and age group (0-22/0-24 "
                    "the sum of 0-17 and 18-22/18-24), per 1 000 in the age group (SSB's rate where published) and "
                    "the hjelpetiltak share (figures 5-1, 0-1, 0-2; the text's shares by age band)",
        precondition=require_age_group_parts,
        expectations=lambda con, year: Expectations(
            unique_key=("aar", "aldersgruppe", "tiltak"),
            must_contain=(("aar", TABLE_09050.years_needed(year)),),
            columns=(
                ColumnExpectations("per_31_12", min_value=0),
                ColumnExpectations("per_1000_per_31_12", min_value=0, max_value=1000),
                ColumnExpectations("andel_hjelpetiltak_per_31_12", min_value=0, max_value=1),
            ),
        ),
        audits=(
            Audit("parts_within_totals",
                  "a tiltak within all tiltak, the stock per 31.12 and the new children within everyone during the "
                  "year, the age groups' sum within SSB's 'alder i alt'",
                  at_least=(("i_alt_per_31_12", "per_31_12"), ("i_lopet_av_aret", "per_31_12"),
                            ("i_lopet_av_aret", "nye"), ("alder_i_alt_per_31_12", "per_31_12"))),
            Audit("ssb_rate_agrees_with_count_over_population",
                  "SSB's rate per 1 000 agrees with count ÷ population on 31.12 (07459) within 0.1: its rounding to "
                  "one decimal and its children of unknown age",
                  columns=(ColumnExpectations("per_1000_avvik", min_value=0, max_value=0.1),)),
        ),
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

TALL_I_TEKSTEN_TILTAK = "indicators.tall_i_teksten_tiltak"
KOLONNER_TALL_I_TEKSTEN = ("nr", "utsagn", "maal", "verdi", "enhet", "fra_aar", "til_aar", "kilde")

tall_i_teksten_tiltak = sql_model_asset(
    SqlModel(
        table=TALL_I_TEKSTEN_TILTAK,
        sql="indicators/tall_i_teksten_tiltak.sql",
        description="The numbers section 5.1 of the report quotes (review table A.3, statements 1-12), each with "
                    "the sentence it backs, as a level or a per cent change over the period the text names",
        expectations=lambda con, year: Expectations(
            required_columns=KOLONNER_TALL_I_TEKSTEN,
            unique_key=("nr", "maal", "fra_aar", "til_aar"),
            must_contain=(("nr", tuple(range(1, 13))),),
            columns=(ColumnExpectations("verdi", not_null=True),
                     ColumnExpectations("til_aar", not_null=True, max_value=year - 1),
                     ColumnExpectations("enhet", allowed=("barn", "prosent"))),
        ),
    ),
    group="tiltak",
)


# -- Figures ---------------------------------------------------------------------------------------

KILDE_09050 = "Kilde: SSB tabell 09050"
HJELPETILTAK_I_HJEMMET = ("Hjelpetiltak i hjemmet er hjelpetiltak fra tabell 09050 fratrukket akuttiltak, "
                          "atferdstiltak og plassert som hjelpetiltak fra tabell 12845.")


def _draw_5_1(data, year: int):
    fig, ax = new_figure()
    stacked_bars(ax, data.set_index("år"), [("omsorgstiltak", "Omsorgstiltak"), ("hjelpetiltak", "Hjelpetiltak")])
    ax.set_ylabel("Antall barn")
    ax.yaxis.set_major_formatter(norsk_akse())
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2)  # below: the bars reach the top corners
    return fig


def _draw_0_1(data, year: int):
    # One bar per year across the age-limit break: 0-22 up to 2020 and 0-24 after, footnoted.
    fig, ax = new_figure()
    stacked_bars(ax, data.set_index("år"), [("omsorgstiltak", "Omsorgstiltak"), ("hjelpetiltak", "Hjelpetiltak")])
    ax.set_ylabel("Per 1 000 barn i aldersgruppen")
    ax.yaxis.set_major_formatter(norsk_akse(1))
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper right")
    return fig


def _draw_0_2(data, year: int):
    fig, ax = new_figure()
    stacked_bars(ax, data.set_index("år"), [("omsorgstiltak", "Omsorgstiltak"), ("hjelpetiltak", "Hjelpetiltak")])
    ax.set_ylabel("Antall barn")
    ax.yaxis.set_major_formatter(norsk_akse())
    ax.legend(loc="upper right")
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


def _aldersgruppe_note(con, year: int) -> str:
    """The report's fn 33, from the numbers: 0–24 (0–22) is the sum of SSB's age groups, and how far SSB's
    'alder i alt' lies above it (said where the snapshot has it)."""
    note = ("0–24 år (0–22 år til og med 2020) er summen av SSBs aldersgrupper 0–17 år og 18–24 år (18–22 år), "
            "ikke SSBs «alder i alt»")
    lo, hi = con.execute(f"select min(alder_i_alt_differanse), max(alder_i_alt_differanse) from {BARN_MED_TILTAK} "
                         "where report_year = ? and aldersgruppe in ('0-22', '0-24') and tiltak = 'i_alt'",
                         [year]).fetchone()
    if lo is not None:
        lo, hi = norsk_tall(lo), norsk_tall(hi)
        note += f", som har {lo if lo == hi else f'mellom {lo} og {hi}'} flere barn hvert år"
    return note + "."


def _footnotes_5_1(data, year: int, con) -> list[str]:
    return [f"{SUM_OMSORG_HJELPE} {DEFINISJON}", ALDERSGRENSE, OMSORG_0_17, _aldersgruppe_note(con, year), BRUDD_2016]


figur_5_1 = figure_asset(Figure(
    id="figur_5_1",
    title="Figur 5-1 Antall barn og unge i alderen 0–24 år med barnevernstiltak per 31.12. (0–22 år t.o.m. 2020)",
    description="Figur 5-1: children 0-24 (0-22 up to 2020: the sum of SSB's age groups) with measures per 31.12, "
                "omsorgs- and hjelpetiltak stacked",
    draw=_draw_5_1, source=KILDE_09050, footnotes=_footnotes_5_1,
), group="tiltak")


def _footnotes_0_1(data, year: int, con) -> list[str]:
    ssb = data["kilde"].eq("SSB 09050")
    if ssb.all():
        avvik = con.execute(f"select max(per_1000_avvik) from {BARN_MED_TILTAK} where report_year = ? and "
                            "aldersgruppe in ('0-22', '0-24')", [year]).fetchone()[0]
        rate = ("Per 1 000 er SSBs egen rate i tabell 09050 (barn 0–22 år til og med 2020, 0–24 år fra 2021 i "
                "nevneren), kontrollert mot antall ÷ befolkning 31.12. (SSB 07459): avvik høyst "
                f"{norsk_tall(avvik, 2)}.")
    else:
        egne = ", ".join(str(y) for y in data.loc[~ssb, "år"])
        rate = (f"Per 1 000 er SSBs egen rate i tabell 09050 der SSB publiserer den; for {egne} beregnet som antall "
                "(summen av aldersgruppene) ÷ befolkning 0–22/0–24 år 1. januar året etter (SSB 07459).")
    return [DEFINISJON, ALDERSGRENSE, rate]


def _kilde_0_1(con, year: int) -> str:
    egne = con.execute(f"select count(*) from {BARN_MED_TILTAK} where report_year = ? and aldersgruppe in "
                       "('0-22', '0-24') and per_1000_kilde <> 'SSB 09050'", [year]).fetchone()[0]
    return KILDE_09050 if not egne else f"{KILDE_09050} og 07459"


figur_0_1 = figure_asset(Figure(
    id="figur_0_1",
    title="Figur 0-1 Barn og unge med barnevernstiltak per 31.12. per 1 000 barn 0–24 år (0–22 år t.o.m. 2020)",
    description="Figur 0-1: children with measures per 31.12 per 1 000 in the age group, omsorgs- and "
                "hjelpetiltak stacked (SSB's own rate where 09050 has it)",
    draw=_draw_0_1, source=_kilde_0_1, footnotes=_footnotes_0_1,
), group="tiltak")

figur_0_2 = figure_asset(Figure(
    id="figur_0_2",
    title="Figur 0-2 Antall nye barn og unge i alderen 0–24 år med barnevernstiltak i løpet av året (0–22 år "
          "t.o.m. 2020)",
    description="Figur 0-2: new children 0-24 (0-22 up to 2020) with measures during the year, omsorgs- and "
                "hjelpetiltak stacked",
    draw=_draw_0_2, source=KILDE_09050,
    footnotes=(f"{SUM_OMSORG_HJELPE} {DEFINISJON}", ALDERSGRENSE,
               "0–24 år (0–22 år til og med 2020) er summen av SSBs aldersgrupper 0–17 år og 18–24 år (18–22 år), "
               "ikke SSBs «alder i alt»."),
), group="tiltak")

figur_5_2 = figure_asset(Figure(
    id="figur_5_2",
    title="Figur 5-2 Antall barn 0–17 år med barnevernstiltak per 31.12., fordelt på ulike typer tiltak",
    description="Figur 5-2: children 0-17 per 31.12 by type, incl. hjelpetiltak i hjemmet",
    draw=_draw_etter_type, source="Kilde: SSB tabell 09050 og 12845", footnotes=(LOVHJEMLER, HJELPETILTAK_I_HJEMMET),
    sql="figures/tiltak_etter_type.sql", variables=(("aldersgruppe_nokkel", "0_17"),),
), group="tiltak")

figur_0_3 = figure_asset(Figure(
    id="figur_0_3",
    title="Figur 0-3 Antall unge voksne 18–24 år (18–22 år t.o.m. 2020) med barnevernstiltak per 31.12., fordelt "
          "på ulike typer tiltak",
    description="Figur 0-3: young people 18-24 (18-22 up to 2020) per 31.12 by type",
    draw=_draw_etter_type, source="Kilde: SSB tabell 09050 og 12845",
    footnotes=(LOVHJEMLER, HJELPETILTAK_I_HJEMMET, ALDERSGRENSE),
    sql="figures/tiltak_etter_type.sql", variables=(("aldersgruppe_nokkel", "18_24"),),
), group="tiltak")
