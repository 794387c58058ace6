"""Children with plasseringstiltak per 31.12 by type of placement and omsorgs-/hjelpetiltak (SSB 11600).

Section 5.2 of the 2023 status report: figures 5-3 and 5-4 (0-17 and 18-24 by type in the last data
year), 5-5 (fosterhjem and institusjon over time), 5-6 (beredskapshjem, and midlertidig hjem i
familie og nære nettverk, a category from 2021) and 0-5 (akuttiltak by type of placement, SSB 12845);
the numbers their footnotes and source lines quote (`indicators.plasseringstiltak_noter`); placements
by barnevernsregion and for the country without Oslo (`indicators.plasseringstiltak_region`), the
sub-types of fosterhjem (`indicators.fosterhjem_undertyper`, SSB 10660), children waiting for a
fosterhjem relative to children in fosterhjem without Oslo (`indicators.ventende_per_fosterhjem`), and
the numbers section 5.2 quotes (`indicators.tall_i_teksten_plasseringer`).

The table is declared, by label, in `assets.sources.plasseringer`.
"""

from assets.sources.bokmal import PLASSERING_NAVN
from assets.sources.plasseringer import TABLE_11600
from assets.sources.tiltak import TABLE_12845
from pipeline.expectations import Audit, ColumnExpectations, Expectations
from pipeline.figures import PALETTE, Figure, line_series, new_figure, norsk_akse, norsk_tall, stacked_bars
from pipeline.model_assets import SqlModel, figure_asset, sql_model_asset
from pipeline.symbols import SymbolRule

BRUDD_2021 = "Midlertidig hjem i familie og nære nettverk er en egen kategori fra 2021."
# Figure 5-6: the report's footnote and the caveat its text gives from SSB.
NY_VARIABEL_2021 = "Midlertidige plasseringer i familie og nære nettverk er en ny statistikkvariabel fra og med 2021."
FOER_2021 = ("For tidligere år er det ifølge SSB sannsynlig at dette tiltaket har blitt registrert som beredskapshjem "
             "eller fosterhjem (andre fosterhjemstiltak eller fosterhjem i familie og nære nettverk).")
SSB_DEFINISJON = ("SSBs definisjon av omsorgstiltak er barn som barnevernet har overtatt omsorgen for gjennom vedtak i "
                  "fylkesnemnda for barnevern og sosiale saker, mens hjelpetiltak inkluderer alle øvrige tiltak.")
# The legal basis of akuttiltak in the old (barnevernloven) and the new law (barnevernsloven, 2023), as the
# report's footnote to figures 5-2 and 0-3 gives them (its title of figure 0-5 cites the old law only).
AKUTT_PARAGRAFER = ("barnevernloven § 4-6, 1. og 2. ledd, § 4-25, 2. ledd, § 4-9, 1. og 2. ledd / "
                    "barnevernsloven §§ 4-1, 4-2, 4-4 og 4-3")

PLASSERINGSTILTAK = "indicators.plasseringstiltak"
NOTER = "indicators.plasseringstiltak_noter"
REGION = "indicators.plasseringstiltak_region"
UNDERTYPER = "indicators.fosterhjem_undertyper"
VENTENDE = "indicators.ventende_per_fosterhjem"
TALL_I_TEKSTEN = "indicators.tall_i_teksten_plasseringer"

# The types of placement never add up to more than all placements.
TYPES_WITHIN_TOTAL = Audit("types_within_total", "the types of placement never add up to more than all placements",
                           at_least=(("i_alt", "sum_typer"),))

plasseringstiltak = sql_model_asset(
    SqlModel(
        table=PLASSERINGSTILTAK,
        symbols=SymbolRule.stop("the report quotes these national counts as SSB publishes them",
                                plasseringstiltak="region_type = 'landet' and aar < getvariable('report_year')"),
        sql="indicators/plasseringstiltak.sql",
        description="Children with plasseringstiltak per 31.12 by type (uoppgitt included), omsorgs-/hjelpetiltak "
                    "and age group, the country (figures 5-3 to 5-6)",
        expectations=lambda con, year: Expectations(
            unique_key=("aar", "aldersgruppe", "tiltak"),
            must_contain=(("aar", TABLE_11600.years_needed(year)),),
            columns=(ColumnExpectations("i_alt", not_null=True, min_value=0),
                     ColumnExpectations("fosterheim", min_value=0), ColumnExpectations("institusjon", min_value=0),
                     ColumnExpectations("uoppgitt", min_value=0)),
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

plasseringstiltak_noter = sql_model_asset(
    SqlModel(
        table=NOTER,
        symbols=SymbolRule.stop("the source line of figure 5-5 quotes 10661's measures 0-17 as SSB publishes them",
                                tiltak_alder="lower(tiltak_navn) in ('i alt', 'tiltak i alt', 'barnevernstiltak i alt',"
                                             " 'alle tiltak') and maal = 'per_31_12' and alder_til <= 17 "
                                             "and aar < getvariable('report_year')"),
        sql="indicators/plasseringstiltak_noter.sql",
        description="The numbers the footnotes and source lines of figures 5-3 to 5-6 quote: N per age group, "
                    "uoppgitt, omsorgstiltak 18-24, beredskapshjem and midlertidig hjem beyond 0-17, measures 0-17 "
                    "(SSB 10661)",
        expectations=lambda con, year: Expectations(
            unique_key=("aar",),
            must_contain=(("aar", TABLE_11600.years_needed(year)),),
            columns=(ColumnExpectations("plassert_0_17", not_null=True, min_value=0),
                     ColumnExpectations("uoppgitt_0_17", min_value=0),
                     ColumnExpectations("barnevernstiltak_0_17", min_value=0)),
        ),
        audits=(Audit("placements_within_measures", "children 0-17 placed are fewer than measures 0-17 (10661)",
                      at_least=(("barnevernstiltak_0_17", "plassert_0_17"),)),),
    ),
    group="plasseringer",
)

plasseringstiltak_region = sql_model_asset(
    SqlModel(
        table=REGION,
        symbols=SymbolRule.flag("a region is the sum of its fylker: a fylke published as a symbol is left out of "
                                "the sum, which is said to be too low; the country without Oslo is missing where "
                                "the country or Oslo is a symbol"),
        sql="indicators/plasseringstiltak_region.sql",
        description="Children 0-17 with plasseringstiltak per 31.12 by type, for the country, the country without "
                    "Oslo and each barnevernsregion (fylker summed; regions a shared fylke spans given together)",
        expectations=lambda con, year: Expectations(
            unique_key=("aar", "region", "plassering"),
            must_contain=(("region", ("landet", "landet_uten_oslo")),),
            columns=(ColumnExpectations("antall", min_value=0),
                     ColumnExpectations("region", not_null=True)),
        ),
    ),
    group="plasseringer",
)

fosterhjem_undertyper = sql_model_asset(
    SqlModel(
        table=UNDERTYPER,
        symbols=SymbolRule.stop("the sub-types of fosterhjem are quoted as SSB publishes them",
                                barnevernstiltak="maal = 'per_31_12' and lower(tiltak_navn) like '%foster%familie%' "
                                                 "and aar < getvariable('report_year')"),
        sql="indicators/fosterhjem_undertyper.sql",
        description="Measures per 31.12 in fosterhjem i / utenom familie og nære nettverk, the country and each "
                    "barnevernsregion (SSB 10660, by label)",
        expectations=lambda con, year: Expectations(
            unique_key=("aar", "region", "undertype"),
            # Both sub-types are found by label (else SSB renamed them: fix the labels in the SQL).
            must_contain=(("undertype", ("i_familie", "utenom_familie")), ("region", ("landet",))),
            columns=(ColumnExpectations("antall", min_value=0),),
        ),
    ),
    group="plasseringer",
)

ventende_per_fosterhjem = sql_model_asset(
    SqlModel(
        table=VENTENDE,
        symbols=SymbolRule.carry("it divides by the country without Oslo and passes its note on"),
        sql="indicators/ventende_per_fosterhjem.sql",
        description="Children waiting for a fosterhjem at the end of the year (Bufdir, Oslo not included) per 100 "
                    "children 0-17 in fosterhjem per 31.12 in the country without Oslo (SSB 11600)",
        expectations=Expectations(unique_key=("aar",),
                                  columns=(ColumnExpectations("venter_per_100_i_fosterhjem", min_value=0),)),
    ),
    group="plasseringer",
)

tall_i_teksten_plasseringer = sql_model_asset(
    SqlModel(
        table=TALL_I_TEKSTEN,
        symbols=SymbolRule.stop("the text quotes national counts by legal basis as SSB publishes them",
                                tiltak_lovheimel="alder = '0_17' and aar < getvariable('report_year')"),
        sql="indicators/tall_i_teksten_plasseringer.sql",
        description="The numbers section 5.2 quotes (review table A.3, statements 13-28 and 32), each with the "
                    "sentence it backs and the figure or table it comes from",
        expectations=Expectations(
            columns=(ColumnExpectations("nr", not_null=True,
                                        allowed=(*range(13, 29), 32)),
                     ColumnExpectations("utsagn", not_null=True), ColumnExpectations("maal", not_null=True),
                     ColumnExpectations("kilde", not_null=True)),
            must_contain=(("nr", (13, 14, 15, 16, 17, 18, 22, 25, 27, 28)),),
        ),
    ),
    group="plasseringer",
)

KILDE = "Kilde: SSB tabell 11600"


def _noter(con, year: int, aar: int | None = None) -> dict:
    """The row of `indicators.plasseringstiltak_noter` for a data year (the last one if not given)."""
    rows = con.execute(f"select * from {NOTER} where report_year = ? order by aar", [year]).df()
    if aar is not None:
        rows = rows[rows["aar"] == aar]
    return {} if rows.empty else rows.iloc[-1].to_dict()


def _tall(value) -> str | None:
    return None if value is None or value != value else norsk_tall(float(value))


def _uoppgitt(n) -> str:
    tall = _tall(n)
    if tall is None or n == 0:
        return ("Det er ikke registrert observasjoner for kategorien «Uoppgitt plasseringstiltak», og denne vises "
                "derfor ikke i figuren.")
    return f"I tillegg til kategoriene vist i figuren, var {tall} registrert med «Uoppgitt plasseringstiltak»."


def _footnotes_5_3(data, year: int, con) -> list[str]:
    noter = _noter(con, year, _siste_aar(data, year))
    return [_uoppgitt(noter.get("uoppgitt_0_17")), SSB_DEFINISJON,
            f"N = {_tall(noter.get('plassert_0_17'))} (barn 0–17 år med plasseringstiltak per "
            f"31.12.{_siste_aar(data, year)})."]


def _footnotes_5_4(data, year: int, con) -> list[str]:
    noter = _noter(con, year, _siste_aar(data, year))
    notes = []
    if not noter.get("omsorgstiltak_18_24"):
        notes.append("For unge voksne i aldersgruppen 18–24 år er det ikke registrert plasseringstiltak av "
                     "kategorien omsorgstiltak.")
    notes += [_uoppgitt(noter.get("uoppgitt_18_24")), SSB_DEFINISJON,
              f"N = {_tall(noter.get('plassert_18_24'))} (unge 18–24 år med plasseringstiltak per "
              f"31.12.{_siste_aar(data, year)})."]
    return notes


def _source_5_5(con, year: int) -> str:
    noter = _noter(con, year)
    if not noter:
        return "Kilde: SSB (tabell 11600)."
    aar = int(noter["aar"])
    text = (f"Kilde: SSB (tabell 11600). Plasseringstiltak i alt 0–17 år per 31.12.{aar} = "
            f"{_tall(noter['plassert_0_17'])}.")
    tiltak = _tall(noter.get("barnevernstiltak_0_17"))
    if tiltak is not None:  # 10661 without a measure "i alt": left out rather than guessed
        text += f" Barnevernstiltak i alt 0–17 år per 31.12.{aar} = {tiltak} (SSB tabell 10661)."
    return text


def _footnotes_5_6(data, year: int, con) -> list[str]:
    rows = con.execute(f"select * from {NOTER} where report_year = ? and aar >= 2021 order by aar", [year]).df()
    notes = [NY_VARIABEL_2021, FOER_2021]
    if len(rows) and rows["beredskap_midlertidig_18_24"].notna().all():
        flere = [f"{_tall(r.beredskap_midlertidig_18_24)} flere observasjoner i {int(r.aar)}"
                 for r in rows.itertuples()]
        text = ("Dersom vi ser på gruppen 0–24 år, er det " + ", ".join(flere[:-1])
                + (" og " if len(flere) > 1 else "") + flere[-1] + " (for begge kategorier samlet)")
        i_alt = rows["beredskap_midlertidig_alder_i_alt"] - rows["beredskap_midlertidig_0_17"]
        if i_alt.notna().all() and (i_alt != rows["beredskap_midlertidig_18_24"]).any():
            text += "; for alder i alt " + ", ".join(
                f"{_tall(v)} ({int(a)})" for v, a in zip(i_alt, rows["aar"], strict=True))
        notes.append(text + ".")
    siste = _noter(con, year)
    if siste:
        notes.append(f"Antall barn og unge med plasseringstiltak 0–17 år per 31.12.{int(siste['aar'])} = "
                     f"{_tall(siste['plassert_0_17'])}.")
    return notes


def _footnotes_0_5(data, year: int, con) -> list[str]:
    bolig = con.execute(f"select aar, bustad from {AKUTTILTAK} where report_year = ? and bustad > 0 order by aar",
                        [year]).fetchall()
    notes = []
    if bolig:
        antall = [_tall(n) for _, n in bolig]
        aar = [str(a) for a, _ in bolig]
        tall = antall[0] if len(antall) == 1 else ", ".join(antall[:-1]) + " og " + antall[-1]
        aarene = aar[0] if len(aar) == 1 else ", ".join(aar[:-1]) + " og " + aar[-1]
        notes.append(f"Det var registrert {'henholdsvis ' if len(bolig) > 1 else ''}{tall} tiltak i {aarene} på "
                     "Bolig med oppfølging (inkluderer bofellesskap), som ikke fremkommer av figuren.")
    return [*notes, BRUDD_2021]


def _draw_siste_aar(data, year: int):
    wide = (data.pivot(index="plassering", columns="tiltak", values="antall")
            .reindex(list(PLASSERING_NAVN)).rename(index=PLASSERING_NAVN))
    fig, ax = new_figure()
    # A tiltak with no rows (no omsorgstiltak at 18-24) is footnoted, not drawn as zeros.
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


# The types of placement in figure 0-5, bottom to top of the stack (bolig med oppfølging is footnoted).
AKUTT_PLASSERINGER = ("beredskapsheim", "institusjon", "fosterheim", "mellombels_heim")


def _draw_0_5(data, year: int):
    # A type not in use in a year has no row: a zero-height segment in the stack.
    wide = data.pivot(index="år", columns="plassering", values="antall").reindex(columns=AKUTT_PLASSERINGER).fillna(0)
    fig, ax = new_figure()
    stacked_bars(ax, wide, [(p, PLASSERING_NAVN[p]) for p in AKUTT_PLASSERINGER],
                 colors=[PALETTE[i] for i in (0, 2, 4, 1)])
    ax.set_ylabel("Antall barn 0–17 år")
    ax.yaxis.set_major_formatter(norsk_akse())
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2, fontsize=8)
    return fig


figur_0_5 = figure_asset(Figure(
    id="figur_0_5",
    title=f"Figur 0-5 Barn 0–17 år med plasseringstiltak akuttiltak ({AKUTT_PARAGRAFER}) per 31.12.",
    description="Figur 0-5: children 0-17 placed under an akuttiltak per 31.12 by type of placement",
    draw=_draw_0_5, source="Kilde: SSB tabell 12845", footnotes=_footnotes_0_5, also_reads=(AKUTTILTAK,),
), group="plasseringer")

figur_5_3 = figure_asset(Figure(
    id="figur_5_3",
    title=lambda data, year: ("Figur 5-3 Antall barn og unge 0–17 år med plasseringstiltak, "
                              f"per 31.12.{_siste_aar(data, year)}"),
    description="Figur 5-3: children 0-17 with plasseringstiltak in the last data year, by type",
    draw=_draw_siste_aar, source=KILDE, footnotes=_footnotes_5_3, also_reads=(NOTER,),
    sql="figures/plasseringstiltak_siste_aar.sql", variables=(("aldersgruppe_nokkel", "0_17"),),
), group="plasseringer")

figur_5_4 = figure_asset(Figure(
    id="figur_5_4",
    title=lambda data, year: ("Figur 5-4 Antall unge voksne 18–24 år med plasseringstiltak, "
                              f"per 31.12.{_siste_aar(data, year)}"),
    description="Figur 5-4: young people 18-24 with plasseringstiltak in the last data year",
    draw=_draw_siste_aar, source=KILDE, footnotes=_footnotes_5_4, also_reads=(NOTER,),
    sql="figures/plasseringstiltak_siste_aar.sql", variables=(("aldersgruppe_nokkel", "18_24"),),
), group="plasseringer")

figur_5_5 = figure_asset(Figure(
    id="figur_5_5",
    title="Figur 5-5 Antall barn og unge 0–17 år med plasseringstiltak per 31. desember, kun fosterhjem og institusjon",
    description="Figur 5-5: children 0-17 in fosterhjem and institusjon over time",
    draw=_draw_5_5, source=_source_5_5, also_reads=(NOTER,), sql="figures/plasseringstiltak_over_tid.sql",
    variables=(("plassering_a", "fosterheim"), ("plassering_b", "institusjon")),
), group="plasseringer")

figur_5_6 = figure_asset(Figure(
    id="figur_5_6",
    title="Figur 5-6 Barn 0–17 år med plasseringstiltak beredskapshjem og midlertidige hjem i familie og nære "
          "nettverk per 31.12.",
    description="Figur 5-6: beredskapshjem and the 2021 category midlertidig hjem",
    draw=_draw_5_6, source=KILDE, footnotes=_footnotes_5_6, also_reads=(NOTER,),
    sql="figures/plasseringstiltak_over_tid.sql",
    variables=(("plassering_a", "beredskapsheim"), ("plassering_b", "mellombels_heim")),
), group="plasseringer")
