"""Waiting for a fosterhjem from Bufetat (Bufdir extracts): figures 5-7, 5-8 and 5-9 of the 2023
status report (section 5.3).

Bufdir gives evaluators these figures as files, not through an API: each dataset has a declared
schema (`assets.sources.fosterhjem`) and lives in the snapshot as `bufdir/<dataset>.csv` or `.xlsx`.
"""

from assets.sources.fosterhjem import REGIONER
from pipeline.expectations import Audit, ColumnExpectations, Expectations
from pipeline.figures import PALETTE, Figure, new_figure, norsk_akse, norsk_tall
from pipeline.model_assets import ReportTable, SqlModel, figure_asset, sql_model_asset, table_asset

KILDE = "Kilde: Bufdir"


VENTETID_TABLE = "indicators.ventetid_fosterhjem"
INTERVALL_TABLE = "indicators.ventetid_fosterhjem_intervall"

ventetid_fosterhjem = sql_model_asset(
    SqlModel(
        table=VENTETID_TABLE,
        sql="indicators/ventetid_fosterhjem.sql",
        description="Children waiting for fosterhjem and days waited, per period up to the report year's cut-off "
                    "(figures 5-7, 5-8)",
        expectations=Expectations(unique_key=("periode", "region"),
                                  must_contain=(("region", ("Hele landet",)),)),
    ),
    group="fosterhjem",
)

ventetid_intervall = sql_model_asset(
    SqlModel(
        table=INTERVALL_TABLE,
        sql="indicators/ventetid_fosterhjem_intervall.sql",
        description="Children waiting for fosterhjem by days waited, by region and for the country (the file's "
                    "or the regions' sum), at the two latest reference dates (5-9)",
        expectations=Expectations(
            unique_key=("referansedato", "region"),
            must_contain=(("region", ("Hele landet",)),),
        ),
        audits=(Audit("buckets_add_up_to_the_count", "the waiting-time buckets add up to the count at the date",
                      columns=(ColumnExpectations("differanse_intervaller", not_null=True, min_value=0,
                                                  max_value=0),)),
                Audit("country_at_least_its_regions",
                      "where the file gives both, the country is never less than its regions in any bucket",
                      columns=(ColumnExpectations("minst_regionenes_sum", allowed=(True,)),))),
    ),
    group="fosterhjem",
)


MAANEDER = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
            "november", "desember")
OSLO_IKKE_MED = "Oslo er ikke med."  # Bufetat does not serve Oslo: Oslo kommune has those tasks itself


def _ventetid_cut_off(con, year: int) -> str | None:
    """The month and year the report year's provisional figures end ("april 2023"), from the file's own
    period end; None where the report year has no provisional period."""
    slutt = con.execute(f"select max(periode_slutt) from {VENTETID_TABLE} where report_year = ? and forelopig",
                        [year]).fetchone()[0]
    return f"{MAANEDER[slutt.month - 1]} {slutt.year}" if slutt is not None else None


def _footnotes_5_7(_data, year: int, con) -> list[str]:
    cut_off = _ventetid_cut_off(con, year)
    provisional = f"Tallene for {year} er foreløpige og per {cut_off}. " if cut_off else ""
    return [f"{provisional}{OSLO_IKKE_MED} Tallene omfatter i all hovedsak barn 0–17 år, men det kan være noen få "
            "som har fylt 18 ved oppstart i fosterhjem som inngår i statistikken."]


def _footnotes_5_8(_data, year: int, con) -> list[str]:
    cut_off = _ventetid_cut_off(con, year)
    provisional = f"Tallene for {year} er foreløpige og per utgangen av {cut_off}. " if cut_off else ""
    return [f"{provisional}{OSLO_IKKE_MED} Gjennomsnittet fremkommer ved å summere alle verdier og dele på antall "
            "observasjoner, median er den midterste verdien når vi ordner observasjonene i stigende rekkefølge."]


def _draw_5_7(data, year: int):
    fig, ax = new_figure()
    x = range(len(data))
    ax.bar([i - 0.2 for i in x], data["barn_som_venter_ved_periodeslutt"], 0.4, color=PALETTE[0],
           label="Venter ved utgangen av perioden")
    ax.bar([i + 0.2 for i in x], data["barn_som_har_ventet_i_perioden"], 0.4, color=PALETTE[2],
           label="Har ventet i løpet av perioden")
    ax.set_xticks(list(x), data["periode"])
    ax.set_ylabel("Antall barn")
    ax.yaxis.set_major_formatter(norsk_akse())
    ax.legend()
    return fig


figur_5_7 = figure_asset(Figure(
    id="figur_5_7",
    title="Figur 5-7 Antall barn 0–17 år som venter på fosterhjem fra Bufetat*",
    description="Figur 5-7: children 0-17 waiting for a fosterhjem from Bufetat, Oslo not included",
    draw=_draw_5_7, source=KILDE, footnotes=_footnotes_5_7,
), group="fosterhjem")


def _draw_5_8(data, year: int):
    fig, ax = new_figure()
    ax.plot(data["periode"], data["gjennomsnitt_ventedager"], marker="o", color=PALETTE[0], label="Gjennomsnitt")
    ax.plot(data["periode"], data["median_ventedager"], marker="o", color=PALETTE[4], label="Median")
    ax.set_ylabel("Dager etter ønsket oppstartsdato")
    ax.set_ylim(bottom=0)
    ax.legend()
    return fig


figur_5_8 = figure_asset(Figure(
    id="figur_5_8",
    title="Figur 5-8 Gjennomsnittlig og median ventetid på fosterhjem fra Bufetat per 31.12 for barn 0–17 år, "
          "målt i antall dager etter dato for ønsket oppstart*",
    description="Figur 5-8: mean and median days waited after the wished start date, Oslo not included",
    draw=_draw_5_8, source=KILDE, footnotes=_footnotes_5_8,
), group="fosterhjem")


def _referansedatoer(data) -> list:
    return sorted(data["referansedato"].unique())


BUCKETS = (("under_30_dager", "Under 30 dager"), ("30_90_dager", "30–90 dager"),
           ("91_180_dager", "91–180 dager"), ("over_180_dager", "Over 180 dager"))


def _dato(d) -> str:
    return f"{d:%d.%m.%Y}"


def _draw_5_9(data, year: int):
    """A: the country by days waited, the two dates side by side; B: each Bufetat region, a stack per date."""
    dates = _referansedatoer(data)
    national = data[data["region"] == "Hele landet"].set_index("referansedato")
    regional = data[data["region"] != "Hele landet"]
    regions = sorted(regional["region"].unique())
    width = 0.8 / max(len(dates), 1)
    fig, (ax_a, ax_b) = new_figure(ncols=2)
    for d, dato in enumerate(dates):
        offset = [i - 0.4 + width * (d + 0.5) for i in range(len(BUCKETS))]
        values = [national.loc[dato, column] if dato in national.index else 0 for column, _ in BUCKETS]
        ax_a.bar(offset, values, width * 0.95, color=PALETTE[1 if d == len(dates) - 1 else 3], label=_dato(dato))
    ax_a.set_xticks(range(len(BUCKETS)), [label.replace(" ", "\n", 1) for _, label in BUCKETS], fontsize=8)
    ax_a.set_title("A – hele landet*", fontsize=10, loc="left")
    ax_a.set_ylabel("Antall barn")
    ax_a.legend(fontsize=8)
    # B: a stack per reference date, side by side in each region, the earlier date lighter: not what
    # stacked_bars draws (one stack per category).
    for d, dato in enumerate(dates):
        rows = regional[regional["referansedato"] == dato].set_index("region").reindex(regions)
        offset = [i - 0.4 + width * (d + 0.5) for i in range(len(regions))]
        bottom = None
        for i, (column, label) in enumerate(BUCKETS):
            ax_b.bar(offset, rows[column], width * 0.95, bottom=bottom, color=PALETTE[i],
                     alpha=1.0 if d == len(dates) - 1 else 0.55, label=label if d == len(dates) - 1 else None)
            bottom = rows[column] if bottom is None else bottom + rows[column]
    ax_b.set_xticks(range(len(regions)), [r.removeprefix("Region ") for r in regions], fontsize=8)
    ax_b.set_title("B – etter region**" if len(dates) > 1 else "B – etter region", fontsize=10, loc="left")
    ax_b.legend(fontsize=7)
    return fig


def _title_5_9(data, year: int) -> str:
    when = " og ".join(_dato(d) for d in _referansedatoer(data))
    return f"Figur 5-9 Antall barn som venter på fosterhjem, fordelt etter dato for ønsket oppstart, per {when}"


def _footnotes_5_9(data, year: int, con) -> list[str]:
    summed = con.execute(f"select count(*) from {INTERVALL_TABLE} where report_year = ? and region = 'Hele landet' "
                         "and hele_landet_fra = 'sum av regioner'", [year]).fetchone()[0]
    national = ("Hele landet: Bufetat samlet" + (", summen av regionene" if summed else "") + ". "
                f"{OSLO_IKKE_MED} Ventetid målt i dager fra dato for ønsket oppstart.")
    pairs = ["B: søylene til venstre i hvert par er første dato (lysere)."] if len(_referansedatoer(data)) > 1 else []
    return [national, *pairs]


figur_5_9 = figure_asset(Figure(
    id="figur_5_9",
    title=_title_5_9,
    description="Figur 5-9: waiting children by days waited, the country (A) and each Bufetat region (B)",
    draw=_draw_5_9, source=KILDE, footnotes=_footnotes_5_9,
), group="fosterhjem")


# -- Beredskapshjem: length of stay (table 5-1) and ended placements (figure 0-6) -------------------



BOTID_TABLE = "indicators.beredskapshjem_botid"
AVSLUTTEDE_TABLE = "indicators.beredskapshjem_avsluttede"

beredskapshjem_botid = sql_model_asset(
    SqlModel(table=BOTID_TABLE, sql="indicators/beredskapshjem_botid.sql",
             description="Children in beredskapshjem at the latest reference date: mean stay and count by region "
                         "(table 5-1)",
             expectations=Expectations(unique_key=("referansedato", "region"),
                                       must_contain=(("region", ("Hele landet",)),))),
    group="fosterhjem",
)

beredskapshjem_avsluttede = sql_model_asset(
    SqlModel(table=AVSLUTTEDE_TABLE, sql="indicators/beredskapshjem_avsluttede.sql",
             description="Ended beredskapshjem placements by year: mean and median days, count, the report year "
                         "so far (figure 0-6)",
             expectations=lambda con, year: Expectations(
                 unique_key=("aar",),
                 must_contain=(("aar", (year - 1,)),),
             ),
             audits=(Audit("past_years_are_whole_years",
                           "every year before the report year is a whole year; the report year may be partial",
                           columns=(ColumnExpectations("periode_som_ventet", not_null=True, allowed=(True,)),)),)),
    group="fosterhjem",
)


def _draw_0_6(data, year: int):
    labels = [str(r.år) if r.hele_aar else f"{r.år}*" for r in data.itertuples()]
    fig, (ax_a, ax_b) = new_figure(ncols=2)
    ax_a.plot(labels, data["gjennomsnitt_dager"], marker="o", color=PALETTE[0], label="Gjennomsnitt")
    ax_a.plot(labels, data["median_dager"], marker="o", color=PALETTE[4], label="Median")
    ax_a.set_title("A – oppholdsdager ved tiltaksslutt", fontsize=10, loc="left")
    ax_a.set_ylabel("Dager i beredskapshjem")
    ax_a.set_ylim(bottom=0)
    ax_a.legend(loc="lower left")
    ax_b.bar(labels, data["antall_avsluttede"], color=PALETTE[1])
    ax_b.set_title("B – antall avsluttede tiltak", fontsize=10, loc="left")
    ax_b.yaxis.set_major_formatter(norsk_akse())
    return fig


def _footnotes_0_6(data, _year: int, _con) -> list[str]:
    partial = data.loc[~data["hele_aar"].astype(bool), ["år", "periode_slutt"]].itertuples(index=False)
    # The partial year's note first: its label carries the one asterisk.
    n = ", ".join(f"{r.år}={r.antall_kommuner}" for r in data.itertuples())
    return [*(f"{aar}: per {slutt:%d.%m.%Y} (ikke hele året)." for aar, slutt in partial),
            f"{TABELL_5_1_FOTNOTE.removesuffix('.')} i figuren. Oslo er ikke inkludert i statistikken. "
            f"N (antall kommuner) {n}."]


def _title_0_6(data, _year: int) -> str:
    return ("Figur 0-6 Oppholdstid for avsluttede tiltak målt i dager for barn i beredskapshjem utenom familie og "
            f"nære nettverk {data['år'].min()}–{data['år'].max()}*")


figur_0_6 = figure_asset(Figure(
    id="figur_0_6",
    title=_title_0_6,
    description="Figur 0-6: length of ended beredskapshjem placements",
    draw=_draw_0_6, source=KILDE, footnotes=_footnotes_0_6,
), group="fosterhjem")


TABELL_5_1_FOTNOTE = ("Tallene gjelder for statlige og private beredskapshjem, og barn som plasseres gjennom Bufetat. "
                      "Barn som bor i midlertidig hjem i slekt og nære nettverk er ikke inkludert.")


def build_tabell_5_1(con, year: int) -> ReportTable:
    """Tabell 5-1 as the report has it: the regions, then the country as "I alt", with the scope footnote."""
    rows = con.execute(f"""
        select referansedato, case when region = 'Hele landet' then 'I alt' else region end as region,
               gjennomsnitt_botid_dager, antall_barn
        from {BOTID_TABLE} where report_year = ? order by region = 'Hele landet', region
    """, [year]).df()
    dato = rows["referansedato"].iloc[0] if len(rows) else None
    when = f"{dato.day}. {MAANEDER[dato.month - 1]} {dato.year}" if dato is not None else "–"
    lines = [f"# Tabell 5-1 Gjennomsnittlig oppholdstid til barn som bor i beredskapshjem per {when}, fordelt på "
             "region*", "",
             "| Region | Gjennomsnittlig botid (dager) | Antall barn |", "|---|---:|---:|"]
    lines += [f"| {r.region} | {norsk_tall(r.gjennomsnitt_botid_dager)} | {norsk_tall(r.antall_barn)} |"
              for r in rows.itertuples()]
    lines += ["", f"\\*{TABELL_5_1_FOTNOTE} Kilde: Bufdir."]
    stated = {"Hele landet" if r == "I alt" else r for r in rows["region"]}
    missing = sorted(set(REGIONER) - stated)
    return ReportTable(rows, lines, [f"regions missing: {missing}"] if missing else [])


tabell_5_1 = table_asset(
    "tabell_5_1", (BOTID_TABLE,), build_tabell_5_1, "fosterhjem",
    "Tabell 5-1 as CSV and Markdown: mean stay in beredskapshjem per 30 April by region and in all (I alt), with "
    "counts and the report's scope footnote",
    "every_region_stated", "the table has every Bufetat region and the country",
)
TABELL_5_1_KEY = next(iter(tabell_5_1.keys))
