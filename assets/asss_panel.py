"""The ASSS panel (issue #12, item 5): every ASSS indicator of a kommune beside what it is compared with.

- `indicators.asss_sammenligning`: one row per indicator, unit, kommune and year (the long-shape rows of
  `indicators.asss_indikator_kommune` and `indicators.asss_indikator_ssb`) with the ASSS average without the
  kommune itself, the country and the kommune's befolkningskategori, each NULL where vedlegg 5's verdict
  (`indicators.asss_sammenlignbarhet`) rules the comparison out, with the reason in `grunn`. How each
  comparator is computed is said at the top of `sql/indicators/asss_sammenligning.sql`.
- `report/asss_panel` (`report/<year>/asss_panel.csv|.md`): the twelve ASSS kommuner per indicator and unit
  in the data year with those comparators and vedlegg 5's note; a unit whose comparison between kommuner is
  ruled out shows each kommune's own series instead (`sql/report/asss_panel.sql`).
- `figures/figur_asss_5`, `_10`, `_11`: one indicator in its comparable unit, the twelve kommuner and the
  country as bars, with the definition and vedlegg 5's verdict in the footnote (`sql/figures/asss_indikator.sql`).
- `figures/figur_asss_ja_nei`, `figur_asss_ja_nei_over_tid`: the ja/nei indicators 1-3 and 6-9, the twelve's
  answers (ja / nei / ikke svart) in the data year, and how many answered ja, nei or not, year by year.
- `report/kommuneprofiler`: a page for every kommune of the report year's structure
  (`report/<year>/kommuner/<kode>-<navn>.html`, template `reports/kommuneprofil.html.j2`): its
  indicators over time against its befolkningskategori and the country (and the other ASSS kommuner), netto
  driftsutgifter 244/251/252 per inhabitant 0–17 in report-year kroner (`sql/report/kommuneprofil_utgifter.sql`),
  the key figures of `indicators.asss_nokkeltall`, Oslo's special status; tables with inline SVG, no script or
  external file, a DEMODATA banner and `_DEMODATA` in the file names on synthetic data.
"""


from html import escape

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.figures import Figure
from pipeline.model_assets import SqlModel, figure_asset, report_links, sql_model_asset, table_asset, table_key
from pipeline.partitions import report_year, report_year_partitions
from pipeline.resources import OutputResource
from pipeline.symbols import SymbolRule

SAMMENLIGNING = "indicators.asss_sammenligning"

asss_sammenligning = sql_model_asset(
    SqlModel(
        table=SAMMENLIGNING,
        sql="indicators/asss_sammenligning.sql",
        symbols=SymbolRule.flag("indicator 11's country is SSB 12275's national count where it is a number, "
                                "else the sum over the kommuner with a number, said in merknad_symboler"),
        description="Per ASSS indicator, unit, kommune and year: the kommune's value, the ASSS average without "
                    "the kommune itself, the country and the kommune's befolkningskategori, NULL where vedlegg 5 "
                    "rules the comparison out (the reason in `grunn`)",
        expectations=Expectations(
            min_rows=0,
            unique_key=("indikator", "enhet", "kommunenummer", "aar"),
            columns=(
                ColumnExpectations("kommunenummer", not_null=True, regex=r"^\d{4}$"),
                ColumnExpectations("grunn", not_null=True),
                ColumnExpectations("metode", not_null=True,
                                   allowed=("sum teller / sum nevner", "gjennomsnitt")),
                # a kommune outside ASSS is compared with all twelve, an ASSS kommune with at most eleven
                ColumnExpectations("asss_antall", min_value=0, max_value=12),
            ),
        ),
    ),
    group="asss_panel",
)


# --- The panel table: report/<year>/asss_panel.csv|.md ----------------------------------------------------

ASSS_KOMMUNER_MODEL = "indicators.asss_kommuner"
KATALOG = "reference.asss_indikatorer"
SAMMENLIGNBARHET = "indicators.asss_sammenlignbarhet"


def tall(verdi, enhet: str) -> str:
    """A value as the panel prints it: ja/nei as words, Norwegian number format with the unit's decimals,
    '–' where there is none."""
    import pandas as pd

    from pipeline.figures import norsk_tall

    if verdi is None or pd.isna(verdi):
        return "–"
    if enhet == "ja/nei":
        return {1.0: "ja", 0.0: "nei"}.get(float(verdi), norsk_tall(verdi, 2))
    if enhet.startswith("kroner") or enhet in ("familier", "antall tjenester"):
        return norsk_tall(verdi)
    return norsk_tall(verdi, 1)


def _andel_ja(verdi, enhet: str) -> str:
    """A comparator of a ja/nei indicator is the share of kommuner answering ja."""
    import pandas as pd

    from pipeline.figures import norsk_tall

    if enhet != "ja/nei" or verdi is None or pd.isna(verdi):
        return tall(verdi, enhet)
    return f"{norsk_tall(100 * verdi)} % ja"


def uten_tall(con, ingen_svar: str = "ingen svar fra kommunene ennå") -> list[tuple[int, str, str]]:
    """Every catalogue indicator as (nr, navn, why it may have no numbers): the sources searched where none was
    found (`kilde_mangler`), else, for the kommuner's own answers, `ingen_svar`, or that the data have no rows."""
    return [(nr, navn, mangler or (ingen_svar if kilde == "kommune" else "ingen tall i dataene"))
            for nr, navn, kilde, mangler in con.execute(
                f"select nr, navn, kildetype, nullif(kilde_mangler, '') from {KATALOG} order by nr").fetchall()]


def build_asss_panel(con, year: int):
    from pipeline.model_assets import ReportTable, has_kommune_rows
    from pipeline.warehouse import read_sql, set_variables

    set_variables(con, report_year=year)
    rows = con.execute(read_sql("report/asss_panel.sql")).df()
    data_year = year - 1
    lines = [f"# ASSS-panelet {year}: indikatorer for forebygging og tidlig innsats, de tolv ASSS-kommunene",
             "",
             f"Dataår {data_year}. Hver kommune sammenlignes med snittet av de andre ASSS-kommunene med verdi (uten "
             f"kommunen selv), landet og kommunens befolkningskategori (SSB, KLASS 115), der vedlegg 5 i Menon "
             f"43/2024 tillater sammenligning mellom kommuner. Forholdstall er snittet som sum teller / sum nevner; "
             f"ja/nei som andel kommuner som svarer ja; andre enheter som gjennomsnitt. Der vedlegg 5 ikke tillater "
             f"sammenligning, vises kommunens egen serie."]
    if rows.empty:
        import pandas as pd

        reason = ("ingen rader: snapshotet har ingen kommunetall" if not has_kommune_rows(con)
                  else "ingen ASSS-indikator har rader for ASSS-kommunene")
        lines += ["", f"*{reason}.*"]
        problems = [] if not has_kommune_rows(con) else [reason]
        return ReportTable(pd.DataFrame([{"report_year": year, "merknad": reason}]), lines, problems)
    for (nr, enhet), group in rows.groupby(["indikator", "enhet"], sort=True):
        first = group.iloc[0]
        lines += ["", f"## Indikator {nr}: {first.indikator_navn} ({enhet})", ""]
        if first.visning == "sammenligning":
            lines += ["| Kommune | Verdi | ASSS uten kommunen | Landet | Befolkningskategori | Kategorisnitt "
                      "| Merknad |", "|---|---:|---:|---:|---|---:|---|"]
            for r in group.itertuples():
                lines.append(
                    f"| {r.kommune_navn} ({r.kommunenummer}) | {tall(r.verdi, enhet)} | "
                    f"{_andel_ja(r.asss_uten_kommunen, enhet)} | {_andel_ja(r.landet, enhet)} | "
                    f"{r.befolkningskategori_navn if isinstance(r.befolkningskategori_navn, str) else '–'} | "
                    f"{_andel_ja(r.kategori_snitt, enhet)} | {r.merknad if isinstance(r.merknad, str) else ''} |")
            landet = next((m for m in group["landet_merknad"] if isinstance(m, str)), None)
            lines += ["", f"Metode: {first.metode}. Landet: {landet or '–'}."]
        else:
            years = sorted(group["aar"].unique())
            lines += ["| Kommune | " + " | ".join(str(y) for y in years) + " |",
                      "|---|" + "---:|" * len(years)]
            for (kode, navn), own in group.groupby(["kommunenummer", "kommune_navn"], sort=False):
                by_year = dict(zip(own["aar"], own["verdi"], strict=True))
                lines.append(f"| {navn} ({kode}) | " + " | ".join(tall(by_year.get(y), enhet) for y in years) + " |")
        lines += ["", f"Sammenlignbarhet: {first.sammenlignbarhet}"]
    shown = set(rows["indikator"])
    absent = [(nr, navn, grunn) for nr, navn, grunn in uten_tall(con) if nr not in shown]
    if absent:
        lines += ["", "## Indikatorer uten tall i dataene", "",
                  "Disse indikatorene har ingen rader for ASSS-kommunene i dette rapportåret:", ""]
        lines += [f"- {nr} ({navn}): {grunn}" for nr, navn, grunn in absent]
    kommuner = rows["kommunenummer"].nunique()
    problems = [] if kommuner == 12 else [f"the panel has {kommuner} ASSS kommuner, expected 12"]
    return ReportTable(rows, lines, problems)


asss_panel = table_asset(
    "asss_panel", (SAMMENLIGNING, ASSS_KOMMUNER_MODEL, KATALOG), build_asss_panel, "asss_panel",
    "The ASSS panel (CSV and Markdown): the twelve ASSS kommuner per indicator and unit in the data year, with "
    "the ASSS average without the kommune, the country and the kommune's befolkningskategori, and vedlegg 5's "
    "comparability note; a unit whose comparison is ruled out shows each kommune's own series",
    "twelve_asss_kommuner", "the panel has rows for the twelve ASSS kommuner",
)


# --- Figures: one indicator, the twelve ASSS kommuner and the country as bars ------------------------------

def _draw_asss(data, year: int):
    from pipeline.figures import PALETTE, new_figure, norsk_akse, norsk_tall

    fig, ax = new_figure()
    if data.empty:  # indicators 1-10 before any kommune has sent its answers (the kommune file is optional)
        ax.set_axis_off()
        ax.text(0.5, 0.5, f"Ingen tall: ingen ASSS-kommune har svar for {year - 1} i denne enheten",
                ha="center", va="center", transform=ax.transAxes)
        return fig
    rows = data.iloc[::-1]  # the first kommune on top
    colors = [PALETTE[4] if k == "landet" else PALETTE[1] for k in rows["kommunenummer"]]
    ax.barh(rows["omraade"], rows["verdi"], color=colors)
    for y, v in enumerate(rows["verdi"]):
        ax.text(v, y, f" {norsk_tall(v, 1)}", va="center", fontsize=8)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.xaxis.set_major_formatter(norsk_akse())
    ax.tick_params(axis="y", labelsize=8)
    return fig


def _footnotes_asss(nr: int, enhet: str):
    def footnotes(_data, year: int, con) -> list[str]:
        unit = enhet.format(year=year)
        definisjon = con.execute(f"select definisjon from {KATALOG} where nr = ?", [nr]).fetchone()
        grunn = con.execute(f"select grunn from {SAMMENLIGNBARHET} where report_year = ? and indikator = ? "
                            f"and enhet = ?", [year, nr, unit]).fetchone()
        metode, landet = con.execute(
            f"select any_value(metode), any_value(landet_merknad) from {SAMMENLIGNING} where report_year = ? "
            f"and indikator = ? and enhet = ? and aar = ?", [year, nr, unit, year - 1]).fetchone()
        landet = (f"Landet: {landet} ({metode})." if landet and not landet.startswith("ingen landstall")
                  else f"Landet: {landet or 'ingen landstall'}.")
        return [f"Definisjon (Menon 43/2024, kap. 4): {definisjon[0] if definisjon else '–'}",
                f"{grunn[0] if grunn else 'Ingen vurdering av sammenlignbarhet for enheten.'} {landet}"]

    return footnotes


def _figur_asss(nr: int, enhet: str, title: str, source: str, min_rows: int = 1) -> Figure:
    return Figure(
        id=f"figur_asss_{nr}",
        title=title,
        description=f"ASSS indicator {nr} ({enhet}): the twelve ASSS kommuner and the country in the data year",
        draw=_draw_asss, source=source, footnotes=_footnotes_asss(nr, enhet),
        also_reads=(KATALOG, SAMMENLIGNBARHET), kommune_level=True, sql="figures/asss_indikator.sql", min_rows=min_rows,
        variables=(("indikator", str(nr)), ("enhet", enhet)),
    )


figur_asss_5 = figure_asset(_figur_asss(
    5, "kroner {year} per 10 000 0–17 år",
    "Figur ASSS-5 Ressurser til det formaliserte tverrfaglige samarbeidet, {year}-kroner per 10 000 innbyggere "
    "0–17 år, ASSS-kommunene, {data_year}*",
    "Kilde: kommunenes egne svar (ASSS), SSB tabell 07459 og kommunal deflator",
    min_rows=0), group="asss_panel")  # from the kommuner's answers: none yet is no error
figur_asss_10 = figure_asset(_figur_asss(
    10, "prosent av barnefamilier",
    "Figur ASSS-10 Familier som har fått hjelp fra det formaliserte tverrfaglige samarbeidet, prosent av "
    "barnefamiliene, ASSS-kommunene, {data_year}*",
    "Kilde: kommunenes egne svar (ASSS), SSB tabell 06083", min_rows=0), group="asss_panel")
figur_asss_11 = figure_asset(_figur_asss(
    11, "per 10 000 0–17 år",
    "Figur ASSS-11 Barn plassert utenfor hjemmet per 10 000 innbyggere 0–17 år, ASSS-kommunene og landet, "
    "{data_year}*",
    "Kilde: SSB tabell 12275 og 07459"), group="asss_panel")


# --- Figures: the ja/nei indicators 1-3 and 6-9 of the twelve ----------------------------------------------

# The colours of an answer; 'ikke svart' and 'uten verdi' are grey, never the colour of 'nei'.
SVAR_FARGE = {"ja": "#3f6fa8", "nei": "#e3893b", "ikke svart": "#e6e6e6", "uten verdi": "#bdbdbd"}
SVAR_TEKST = {"ja": "ja", "nei": "nei", "ikke svart": "–", "uten verdi": "?"}


def _ingen_svar(ax, year: int) -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, f"Ingen tall: ingen ASSS-kommune har sendt ja/nei-svar for {year - 1}",
            ha="center", va="center", transform=ax.transAxes)


def _draw_ja_nei(data, year: int):
    """The twelve (rows) × the ja/nei indicators (columns), each cell coloured and labelled by the answer."""
    import textwrap

    from matplotlib.patches import Patch, Rectangle

    from pipeline.figures import new_figure

    fig, ax = new_figure()
    if data.empty:
        _ingen_svar(ax, year)
        return fig
    kommuner = sorted(data["kommune"].unique())
    indikatorer = data[["indikator", "kortnavn"]].drop_duplicates().sort_values("indikator")
    col = {nr: i for i, nr in enumerate(indikatorer["indikator"])}
    row = {k: i for i, k in enumerate(kommuner)}
    for r in data.itertuples():
        x, y = col[r.indikator], row[r.kommune]
        ax.add_patch(Rectangle((x, y), 1, 1, facecolor=SVAR_FARGE[r.svar], edgecolor="white", linewidth=1.5))
        ax.text(x + 0.5, y + 0.5, SVAR_TEKST[r.svar], ha="center", va="center", fontsize=7,
                color="white" if r.svar in ("ja", "nei") else "#333333")
    ax.set_xlim(0, len(col))
    ax.set_ylim(len(row), 0)  # the first kommune on top
    ax.set_xticks([i + 0.5 for i in range(len(col))])
    ax.set_xticklabels([f"{nr}\n" + "\n".join(textwrap.wrap(navn, 16)) for nr, navn in
                        indikatorer.itertuples(index=False)], fontsize=7)
    ax.xaxis.tick_top()
    ax.set_yticks([i + 0.5 for i in range(len(row))])
    ax.set_yticklabels(kommuner, fontsize=8)
    ax.tick_params(length=0)
    ax.grid(visible=False)
    for side in ax.spines.values():
        side.set_visible(False)
    shown = [s for s in SVAR_FARGE if s in set(data["svar"])]
    ax.legend(handles=[Patch(facecolor=SVAR_FARGE[s], label=s) for s in shown], loc="upper center",
              bbox_to_anchor=(0.5, -0.02), ncol=len(shown), frameon=False, fontsize=8)
    return fig


def _draw_ja_nei_over_tid(data, year: int):
    """Per indicator and year, a bar of the twelve: answered ja, nei, or no answer."""
    import numpy as np

    from pipeline.figures import new_figure

    fig, ax = new_figure()
    if data.empty:
        _ingen_svar(ax, year)
        return fig
    rows = data.sort_values(["indikator", "aar"], ascending=[False, False])
    labels = [f"{r.indikator} {r.kortnavn}, {r.aar}" for r in rows.itertuples()]
    y = np.arange(len(rows))
    left = np.zeros(len(rows))
    for column, svar in (("ja", "ja"), ("nei", "nei"), ("uten_svar", "ikke svart")):
        values = rows[column].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=SVAR_FARGE[svar], label=svar if column != "uten_svar"
                else "ikke svart / uten verdi", edgecolor="white", linewidth=0.5)
        for yi, v, x0 in zip(y, values, left, strict=True):
            if v > 0:
                ax.text(x0 + v / 2, yi, f"{int(v)}", ha="center", va="center", fontsize=7,
                        color="white" if column != "uten_svar" else "#333333")
        left += values
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=7)
    ax.set_xlabel("Antall ASSS-kommuner")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False, fontsize=8)
    return fig


def _footnotes_ja_nei(data, year: int, con) -> list[str]:
    grunn = con.execute(
        f"select string_agg(distinct grunn, ' ') from {SAMMENLIGNBARHET} where report_year = ? and enhet = 'ja/nei' "
        f"and indikator in (1, 2, 3, 6, 7, 8, 9)", [year]).fetchone()[0]
    notes = ["Kommunenes egne svar (ASSS). «Ikke svart»: kommunen har ikke sendt svar for året eller har latt "
             "spørsmålet stå tomt; det regnes aldri som nei. Indikator 2 besvares bare der en plan er vedtatt "
             "(indikator 1).",
             f"{grunn or 'Ingen vurdering av sammenlignbarhet for ja/nei.'}"]
    if "svar" in data and (data["svar"] == "uten verdi").any():
        uten = data[data["svar"] == "uten verdi"]
        notes.append("«?» uten verdi: " + "; ".join(
            f"{r.kommune}, indikator {r.indikator}: {r.merknad}" for r in uten.itertuples()))
    return notes


figur_asss_ja_nei = figure_asset(Figure(
    id="figur_asss_ja_nei",
    title="Figur ASSS-1–9 Ja/nei-indikatorene (1–3 og 6–9): svarene fra de tolv ASSS-kommunene, {data_year}*",
    description="ASSS ja/nei indicators 1-3 and 6-9: the twelve ASSS kommuner's answers (ja, nei, ikke svart) in "
                "the data year",
    draw=_draw_ja_nei, source="Kilde: kommunenes egne svar (ASSS)", footnotes=_footnotes_ja_nei,
    also_reads=(SAMMENLIGNBARHET,), kommune_level=True, min_rows=0,  # before any answer: drawn empty, saying so
), group="asss_panel")
figur_asss_ja_nei_over_tid = figure_asset(Figure(
    id="figur_asss_ja_nei_over_tid",
    title="Figur ASSS-1–9 over tid Antall av de tolv ASSS-kommunene som svarer ja, nei og ikke svart, per år*",
    description="ASSS ja/nei indicators 1-3 and 6-9 over the years answered: how many of the twelve ASSS kommuner "
                "answered ja, nei, or not",
    draw=_draw_ja_nei_over_tid, source="Kilde: kommunenes egne svar (ASSS)", footnotes=_footnotes_ja_nei,
    also_reads=(SAMMENLIGNBARHET,), kommune_level=True, min_rows=0,
), group="asss_panel")


# --- A profile page for every kommune: report/<year>/kommuner/<kode>-<navn>.html --------------------------

KOMMUNESTRUKTUR = "indicators.kommunestruktur"
NETTO = "indicators.netto_driftsutgifter"
ASSS_BEFOLKNING = "indicators.asss_befolkning"
NOKKELTALL = "indicators.asss_nokkeltall"
PROFIL_MAL = "kommuneprofil.html.j2"  # under reports/
NOKKELTALL_NAVN = {
    "andel_barn_med_tiltak_i_lopet_av_aaret": "Barn med tiltak i løpet av året, prosent av 0–17 år",
    "andel_barn_med_tiltak_per_31_12": "Barn med tiltak per 31.12, prosent av 0–17 år",
    "brutto_driftsutgifter_per_barn_251": "Brutto driftsutgifter per barn med tiltak, funksjon 251",
    "brutto_driftsutgifter_per_barn_252": "Brutto driftsutgifter per barn med tiltak, funksjon 252",
}


def page_name(kode: str, navn: str) -> str:
    """`<kode>-<navn>`: the name in lower-case ASCII (æ ae, ø o, å aa), anything else a hyphen."""
    import re

    ascii_name = navn.lower().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "aa", "á": "a", "š": "s",
                                                       "č": "c", "ŋ": "n", "đ": "d", "ŧ": "t", "ž": "z"}))
    return f"{kode}-{re.sub(r'[^a-z0-9]+', '-', ascii_name).strip('-')}"


def svg_lines(series: dict[str, list[tuple[int, float]]], decimals: int = 1) -> str:
    """A small inline SVG line chart (no script, no external file): one line per series, years on the x axis.
    Empty when fewer than two years have a value."""
    from html import escape

    from pipeline.figures import PALETTE, norsk_tall

    points = [(x, y) for values in series.values() for x, y in values if y is not None and y == y]
    years = sorted({x for x, _ in points})
    if len(years) < 2:
        return ""
    width, height, left, right, top, bottom = 520, 170, 60, 150, 10, 25
    top_value = max(y for _, y in points) * 1.1 or 1.0
    low = min(0.0, min(y for _, y in points))

    def px(x):
        return left + (years.index(x) / (len(years) - 1)) * (width - left - right)

    def py(y):
        return top + (1 - (y - low) / (top_value - low)) * (height - top - bottom)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">',
             f'<line x1="{left}" y1="{py(low):.1f}" x2="{width - right}" y2="{py(low):.1f}" stroke="#999"/>',
             f'<text x="{left - 4}" y="{py(top_value / 1.1):.1f}" text-anchor="end">'
             f'{norsk_tall(top_value / 1.1, decimals)}</text>',
             f'<text x="{left - 4}" y="{py(low):.1f}" text-anchor="end">{norsk_tall(low, decimals)}</text>']
    parts += [f'<text x="{px(x):.1f}" y="{height - 8}" text-anchor="middle">{x}</text>' for x in years]
    for i, (label, values) in enumerate(series.items()):
        shown = [(x, y) for x, y in values if y is not None and y == y]
        if not shown:
            continue
        color = PALETTE[(0, 4, 1, 5)[i % 4]]
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in shown)
        parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{path}"/>')
        parts += [f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="2.5" fill="{color}"/>' for x, y in shown]
        parts.append(f'<text x="{width - right + 8}" y="{top + 14 * i + 10}" fill="{color}">{escape(label)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _num(value) -> float | None:
    import pandas as pd

    return None if value is None or pd.isna(value) else float(value)


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def profile_pages(con, year: int) -> tuple[list[tuple[str, str, bool]], dict[str, str]]:
    """Every kommune of report year `year`'s structure as (kode, navn, er_oslo), and its page by file stem."""
    import jinja2

    from assets.sources.kostra import FUNKSJON_LABELS
    from pipeline.model_assets import inputs_synthetic
    from pipeline.paths import REPORTS_DIR
    from pipeline.warehouse import read_sql, set_variables

    set_variables(con, report_year=year)
    kommuner = con.execute(f"""
        select struktur.kommune_kode, any_value(struktur.kommune_navn) as kommune_navn,
            any_value(kategori.befolkningskategori_navn) as kategori, any_value(asss.kommune_kode) is not null
        from {KOMMUNESTRUKTUR} as struktur
        left join (select kommune_kode, befolkningskategori_navn from indicators.befolkningskategori
                   where report_year = ? and aar = (select max(aar) from indicators.befolkningskategori
                                                    where report_year = ? and aar <= ?)) as kategori
            on kategori.kommune_kode = struktur.kommune_kode
        left join {ASSS_KOMMUNER_MODEL} as asss on asss.report_year = ? and asss.kommune_kode = struktur.kommune_kode
        where struktur.report_year = ?
        group by struktur.kommune_kode order by struktur.kommune_kode""", [year, year, year, year, year]).fetchall()
    indikatorer = con.execute(f"""
        select s.*, katalog.navn as indikator_navn, katalog.definisjon
        from {SAMMENLIGNING} as s left join {KATALOG} as katalog on katalog.nr = s.indikator
        where s.report_year = ? order by s.kommunenummer, s.indikator, s.enhet, s.aar""", [year]).df()
    utgifter = con.execute(read_sql("report/kommuneprofil_utgifter.sql")).df()
    nokkeltall = con.execute(f"select * from {NOKKELTALL} where report_year = ? order by kommunenummer, aar, maal",
                             [year]).df()
    synthetic = inputs_synthetic(con)
    katalog = uten_tall(con, ingen_svar="kommunen har ikke sendt svar")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(REPORTS_DIR), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    template = env.get_template(PROFIL_MAL)
    by_kommune = {k: g for k, g in indikatorer.groupby("kommunenummer")}
    utgifter_by = {k: g for k, g in utgifter.groupby("kommune_kode")}
    nokkeltall_by = {k: g for k, g in nokkeltall.groupby("kommunenummer")}
    pages: dict[str, str] = {}
    listed = []
    for kode, navn, kategori, asss in kommuner:
        navn = navn or kode
        oslo = kode == "0301"
        listed.append((kode, navn, oslo))
        blocks = []
        for (nr, enhet), rows in (by_kommune.get(kode, indikatorer.iloc[0:0])).groupby(["indikator", "enhet"]):
            # One pass over the rows: itertuples makes a namedtuple class on every call, ~3 ms each.
            recs = list(rows.itertuples())
            first = recs[0]
            allowed = bool(first.mellom_kommuner_tillatt)
            series = {navn: [(int(r.aar), _num(r.verdi)) for r in recs]}
            if allowed:
                series["Befolkningskategori"] = [(int(r.aar), _num(r.kategori_snitt)) for r in recs]
                series["Landet"] = [(int(r.aar), _num(r.landet)) for r in recs]
                if asss:
                    series["ASSS uten kommunen"] = [(int(r.aar), _num(r.asss_uten_kommunen)) for r in recs]
            blocks.append({
                "nr": int(nr), "navn": _text(first.indikator_navn), "enhet": enhet,
                "definisjon": _text(first.definisjon), "tillatt": allowed, "grunn": first.grunn,
                "landet_merknad": _text(first.landet_merknad) if allowed else "",
                "over_tid": bool(first.over_tid_tillatt),
                # no line where vedlegg 5 rules out comparing the years: the numbers stand year by year
                "svg": "" if enhet == "ja/nei" or not first.over_tid_tillatt else svg_lines(series),
                "rader": [{"aar": int(r.aar), "verdi": tall(r.verdi, enhet),
                           "kategori": _andel_ja(r.kategori_snitt, enhet), "landet": _andel_ja(r.landet, enhet),
                           "asss": _andel_ja(r.asss_uten_kommunen, enhet),
                           "merknad": "; ".join(m for m in (_text(r.merknad), _text(r.merknad_symboler)) if m)}
                          for r in recs],
            })
        funksjoner = []
        for funksjon, rows in utgifter_by.get(kode, utgifter.iloc[0:0]).groupby("funksjon"):
            recs = list(rows.itertuples())
            series = {navn: [(int(r.aar), _num(r.per_barn)) for r in recs],
                      "Befolkningskategori": [(int(r.aar), _num(r.kategori_per_barn)) for r in recs],
                      "Landet": [(int(r.aar), _num(r.landet_per_barn)) for r in recs]}
            funksjoner.append({
                "funksjon": funksjon, "navn": FUNKSJON_LABELS.get(funksjon, ""), "svg": svg_lines(series, 0),
                "rader": [{"aar": int(r.aar), "verdi": tall(r.per_barn, "kroner"),
                           "kategori": tall(r.kategori_per_barn, "kroner"), "landet": tall(r.landet_per_barn, "kroner"),
                           "merknad": _text(r.merknad)} for r in recs],
            })
        nokkel = None
        own = nokkeltall_by.get(kode)
        if own is not None and len(own):
            maal = [m for m in NOKKELTALL_NAVN if m in set(own["maal"])]
            wide = {(int(r.aar), r.maal): (r.verdi, r.enhet) for r in own.itertuples()}
            nokkel = {"maal": [NOKKELTALL_NAVN[m] for m in maal],
                      "rader": [{"aar": aar, "verdier": [tall(*wide.get((aar, m), (None, "")))
                                                         if (aar, m) in wide else "–" for m in maal]}
                                for aar in sorted({a for a, _ in wide})]}
        har_tall = {b["nr"] for b in blocks}
        mangler = [{"nr": nr, "navn": n, "grunn": grunn} for nr, n, grunn in katalog if nr not in har_tall]
        pages[page_name(kode, navn)] = template.render(
            year=year, synthetic=synthetic, indikatorer=blocks, utgifter=funksjoner, nokkeltall=nokkel,
            uten_tall=mangler,
            kommune={"kode": kode, "navn": navn, "kategori": kategori, "asss": asss, "oslo": oslo})
    return listed, pages


PROFILER_KEY = dg.AssetKey(["report", "kommuneprofiler"])


@dg.asset(
    key=PROFILER_KEY,
    group_name="asss_panel",
    partitions_def=report_year_partitions,
    deps=[table_key(t) for t in (KOMMUNESTRUKTUR, SAMMENLIGNING, KATALOG, ASSS_KOMMUNER_MODEL, NETTO,
                                 ASSS_BEFOLKNING, NOKKELTALL, "indicators.befolkningskategori")],
    kinds={"html"},
    check_specs=[dg.AssetCheckSpec("a_page_per_kommune", asset=PROFILER_KEY, blocking=True,
                                   description="one profile page for every kommune of the report year's structure")],
    description="A profile page for every kommune of the report year's structure (report/<year>/kommuner/"
                "<kode>-<navn>.html, `_DEMODATA` on synthetic data; template reports/kommuneprofil.html.j2): "
                "its ASSS indicators over time against its befolkningskategori and the country, netto driftsutgifter "
                "244/251/252 per inhabitant 0–17 in report-year kroner, the numbers behind each chart; works offline",
)
def kommuneprofiler(context: dg.AssetExecutionContext, warehouse: DuckDBResource, output: OutputResource):
    from pipeline.model_assets import inputs_synthetic
    from pipeline.snapshot import write_atomic

    year = report_year(context)
    with warehouse.get_connection() as con:
        listed, pages = profile_pages(con, year)
        synthetic = inputs_synthetic(con)
    folder = output.root / "report" / str(year) / "kommuner"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.html"):  # a kommune no longer in the structure leaves no page behind
        old.unlink()
    suffix = "_DEMODATA" if synthetic else ""
    for stem, html in pages.items():
        write_atomic(folder / f"{stem}{suffix}.html", html.encode("utf-8"))
    index = ["<!DOCTYPE html>", '<html lang="nb"><head><meta charset="utf-8">',
             f"<title>Kommuneprofiler {year}</title></head><body>",
             *(['<p style="background:#c0392b;color:#fff;padding:.5rem"><strong>DEMODATA: syntetiske tall, ikke '
                'publisert statistikk.</strong></p>'] if synthetic else []),
             f"<h1>Kommuneprofiler, rapportår {year}</h1><ul>"]
    index += [f'<li><a href="{page_name(k, n)}{suffix}.html">{escape(n)} ({k})</a></li>' for k, n, _ in listed]
    index += ["</ul></body></html>"]
    write_atomic(folder / f"index{suffix}.html", "\n".join(index).encode("utf-8"))
    passed = len(pages) == len(listed) and len(pages) > 0
    context.log.info(f"kommuneprofiler ({year}): {len(pages)} pages in {folder}")
    return dg.MaterializeResult(
        metadata={"report_year": year, "pages": len(pages), "folder": dg.MetadataValue.path(str(folder)),
                  **report_links(output, year),
                  "synthetic": synthetic},
        check_results=[dg.AssetCheckResult(
            check_name="a_page_per_kommune", passed=passed, severity=dg.AssetCheckSeverity.ERROR,
            description="ok" if passed else f"{len(pages)} pages for {len(listed)} kommuner")],
    )
