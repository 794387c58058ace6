"""The ASSS panel (issue #12, item 5): every ASSS indicator of a kommune beside what it is compared with.

- `indicators.asss_sammenligning`: one row per indicator, unit, kommune and year (the long-shape rows of
  `indicators.asss_indikator_kommune` and `indicators.asss_indikator_ssb`) with the ASSS average without the
  kommune itself, the country and the kommune's befolkningskategori, each NULL where vedlegg 5's verdict
  (`indicators.asss_sammenlignbarhet`) rules the comparison out, with the reason in `grunn`. How each
  comparator is computed is said at the top of `sql/indicators/asss_sammenligning.sql`.
"""

from __future__ import annotations

from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.figures import Figure
from pipeline.model_assets import SqlModel, figure_asset, sql_model_asset, table_asset
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
    if (enhet.startswith("kroner") and "per" not in enhet) or enhet in ("familier", "antall tjenester"):
        return norsk_tall(verdi)
    return norsk_tall(verdi, 1)


def _andel_ja(verdi, enhet: str) -> str:
    """A comparator of a ja/nei indicator is the share of kommuner answering ja."""
    import pandas as pd

    from pipeline.figures import norsk_tall

    if enhet != "ja/nei" or verdi is None or pd.isna(verdi):
        return tall(verdi, enhet)
    return f"{norsk_tall(100 * verdi)} % ja"


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
    katalog = con.execute(f"select nr, navn from {KATALOG} order by nr").fetchall()
    absent = [f"{nr} ({navn})" for nr, navn in katalog if nr not in shown]
    if absent:
        lines += ["", "## Indikatorer uten tall i dataene", "",
                  "Disse indikatorene har ingen rader for ASSS-kommunene i dette rapportåret (ikke beregnet ennå "
                  "eller ingen svar): " + "; ".join(absent) + "."]
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


def _figur_asss(nr: int, enhet: str, title: str, source: str) -> Figure:
    return Figure(
        id=f"figur_asss_{nr}",
        title=title,
        description=f"ASSS indicator {nr} ({enhet}): the twelve ASSS kommuner and the country in the data year",
        draw=_draw_asss, source=source, footnotes=_footnotes_asss(nr, enhet),
        also_reads=(KATALOG, SAMMENLIGNBARHET), kommune_level=True, sql="figures/asss_indikator.sql",
        variables=(("indikator", str(nr)), ("enhet", enhet)),
    )


figur_asss_5 = figure_asset(_figur_asss(
    5, "kroner {year} per 10 000 0–17 år",
    "Figur ASSS-5 Ressurser til det formaliserte tverrfaglige samarbeidet, {year}-kroner per 10 000 innbyggere "
    "0–17 år, ASSS-kommunene, {data_year}*",
    "Kilde: kommunenes egne svar (ASSS), SSB tabell 07459 og kommunal deflator"), group="asss_panel")
figur_asss_10 = figure_asset(_figur_asss(
    10, "prosent av barnefamilier",
    "Figur ASSS-10 Familier som har fått hjelp fra det formaliserte tverrfaglige samarbeidet, prosent av "
    "barnefamiliene, ASSS-kommunene, {data_year}*",
    "Kilde: kommunenes egne svar (ASSS), SSB tabell 06083"), group="asss_panel")
figur_asss_11 = figure_asset(_figur_asss(
    11, "per 10 000 0–17 år",
    "Figur ASSS-11 Barn plassert utenfor hjemmet per 10 000 innbyggere 0–17 år, ASSS-kommunene og landet, "
    "{data_year}*",
    "Kilde: SSB tabell 12275 og 07459"), group="asss_panel")
