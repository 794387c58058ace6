"""Report-level assets, one partition per report year.

`report/datagrunnlag` states what the report year is built on: per SSB table, the years, regions and
status symbols in the warehouse, from which snapshot, and whether the data are synthetic. Its check
stops the report when a table lacks a year the report needs.

`report/figurer` lists the year's figures and tables (figurer.md). `report/rapport` is the report year as one
document, report/<year>/index.html and its PDF: the sections (`SEKSJONER`), "Om indikatoren" computed from each
figure's declaration, and `write_report_document`, the one function the asset and `reformeval report` call.
"""


import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

import dagster as dg
import pandas as pd
from dagster_duckdb import DuckDBResource

from assets.sources import SSB_TABLES
from pipeline.figures import norsk_tall
from pipeline.model_assets import (
    FIGURES,
    KOMMUNE_LEVEL_FIGURES,
    REPORT_TABLES,
    has_kommune_rows,
    inputs_synthetic,
    report_links,
)
from pipeline.partitions import report_year, report_year_partitions
from pipeline.paths import REPORTS_DIR
from pipeline.report_document import (
    PDF_AFTER_SWAP,
    DocumentPaths,
    Provenance,
    ReportDocumentError,
    markdown_to_html,
    render_html,
    unresolved_links,
    write_pdf,
)
from pipeline.resources import OutputResource, SnapshotResource
from pipeline.snapshot import Snapshot, sha256_file, utc_now, write_atomic
from pipeline.source_assets import markdown_table
from pipeline.warehouse import render_sql

DATAGRUNNLAG_KEY = dg.AssetKey(["report", "datagrunnlag"])


def _region_column(table) -> str:
    return next((v.column for v in table.variables if v.role == "geo"), "region_type")


@dg.asset(
    key=DATAGRUNNLAG_KEY,
    group_name="report",
    kinds={"duckdb", "csv"},
    partitions_def=report_year_partitions,
    deps=[dg.AssetKey(t.raw_table.split(".")) for t in SSB_TABLES.values()],
    check_specs=[
        dg.AssetCheckSpec(
            "data_years_cover_report_year", asset=DATAGRUNNLAG_KEY, blocking=True,
            description="Every SSB table has every year from its first year to the report year's data year.",
        )
    ],
    description="What a report year is built on: years, regions and status symbols per SSB table.",
)
def datagrunnlag(
    context: dg.AssetExecutionContext, warehouse: DuckDBResource, output: OutputResource
):
    year = report_year(context)
    with warehouse.get_connection() as con:
        present = {r[0] for r in con.execute("select schema_name || '.' || table_name from duckdb_tables()").fetchall()}
        # A partial run (--allow-partial) has no raw table for what the snapshot lacks.
        tables = [t for t in SSB_TABLES.values() if t.raw_table in present]
        frames = [con.execute(render_sql("report/datagrunnlag.sql", raw_table=t.raw_table, region=_region_column(t)),
                              {"ssb_table": t.id}).df()
                  for t in tables]
    overview = pd.concat(frames, ignore_index=True)
    path = output.root / "report" / str(year) / "datagrunnlag.csv"
    write_atomic(path, overview.to_csv(index=False).encode("utf-8"))
    missing: dict[str, list[int]] = {}
    for table in tables:
        have = set(overview.loc[overview["ssb_tabell"] == table.id, "aar"].astype(int))
        need = {int(y) for y in table.data_years(year)}
        if need - have:
            missing[table.id] = sorted(need - have)
    synthetic = bool(overview["syntetisk"].any())
    if synthetic:
        context.log.warning("report %s is built on SYNTHETIC demo data (Demodata)", year)
    template = Template((REPORTS_DIR / "datagrunnlag.md").read_text(encoding="utf-8"))
    markdown = template.substitute(
        report_year=year,
        synthetic_banner="**DEMODATA: syntetiske tall, ikke publisert statistikk.**\n" if synthetic else "",
        snapshot_id=", ".join(sorted(overview["snapshot_id"].dropna().unique())),
        created=utc_now(),
        overview=markdown_table(overview),
        missing="\n".join(f"- Tabell {t} mangler år {', '.join(map(str, ys))}." for t, ys in missing.items()),
    )
    write_atomic(path.with_suffix(".md"), markdown.encode("utf-8"))
    yield dg.MaterializeResult(
        metadata={
            "report_year": year,
            "synthetic": synthetic,
            "csv": dg.MetadataValue.path(str(path)),
            "markdown": dg.MetadataValue.path(str(path.with_suffix(".md"))),
            "overview": dg.MetadataValue.md(markdown_table(overview)),
            **report_links(output, year),
        },
        check_results=[
            dg.AssetCheckResult(
                check_name="data_years_cover_report_year",
                passed=not missing,
                severity=dg.AssetCheckSeverity.ERROR,
                metadata={"missing_years": dg.MetadataValue.json(missing)},
                description=(
                    "all years present" if not missing else
                    "; ".join(f"SSB table {t} lacks year(s) {ys} needed for report year {year}"
                              for t, ys in missing.items())
                ),
            )
        ],
    )


# -- The overview of a report year's figures and tables ------------------------------------------------

FIGURER_KEY = dg.AssetKey(["report", "figurer"])


def _figure_and_table_keys() -> list[dg.AssetKey]:
    """Every figure and report table the domain modules declare (importing them fills the registries)."""
    from assets import domain_modules

    domain_modules(exclude=("report",))
    return [*(dg.AssetKey(["figures", name]) for name in FIGURES), *(dg.AssetKey(["report", n]) for n in REPORT_TABLES)]


FIGURE_KEYS = _figure_and_table_keys()


@dg.asset(
    key=FIGURER_KEY,
    group_name="report",
    kinds={"markdown"},
    partitions_def=report_year_partitions,
    # The figures and tables it lists, and what its header quotes: the deflator's vintage and the snapshot.
    deps=[*FIGURE_KEYS, dg.AssetKey(["indicators", "deflator"]), dg.AssetKey(["raw", "ssb_12362"])],
    check_specs=[dg.AssetCheckSpec("every_figure_listed", asset=FIGURER_KEY, blocking=True,
                                   description="every figure the report year needs is drawn (PNG, CSV) and listed")],
    description="An overview of the report year's figures and tables (report/<year>/figurer.md), with titles, "
                "sources and footnotes, from the files the figure assets wrote",
)
def figurer(context: dg.AssetExecutionContext, warehouse: DuckDBResource, output: OutputResource):
    import json

    from pipeline.figures import wait_for_renders

    wait_for_renders()  # the PNG and SVG files the run's render worker may still be writing
    year = report_year(context)
    folder = output.figures_dir / str(year)
    def order(meta: dict) -> tuple:
        # Report order: 5-1 … 5-17, then vedlegg 0-1 …, then 6-1, then the headline.
        parts = meta["id"].removeprefix("figur_").split("_")
        if not all(p.isdigit() for p in parts):
            return (9, 0, 0, meta["id"])
        chapter, number = int(parts[0]), int(parts[1])
        return ({5: 0, 0: 1, 6: 2}.get(chapter, 3), chapter, number, "")

    # The figures this report year must have: every figure asset, less those by kommune when the
    # snapshot has national rows only. Files of other figures (an older run) are not listed.
    with warehouse.get_connection() as con:
        national_only = not has_kommune_rows(con)
        suffix = "_DEMODATA" if inputs_synthetic(con) else ""
    expected = {k.path[-1] for k in FIGURE_KEYS if k.path[0] == "figures"}
    not_drawn = sorted(expected & KOMMUNE_LEVEL_FIGURES) if national_only else []
    # A partial run (--allow-partial) leaves out the figures whose sources the snapshot lacks.
    left_out = sorted(i for i in expected if f"figures/{i}" in set(output.left_out))
    expected -= set(not_drawn) | set(left_out)
    # Only the files this run writes (`<id>.json`, or `<id>_DEMODATA.json` from synthetic inputs).
    metas = sorted((json.loads((folder / f"{i}{suffix}.json").read_text(encoding="utf-8"))
                    for i in expected if (folder / f"{i}{suffix}.json").exists()), key=order)
    undrawn = sorted(expected - {m["id"] for m in metas})
    with warehouse.get_connection() as con:
        present = {r[0] for r in con.execute("select schema_name || '.' || table_name from duckdb_tables()").fetchall()}
        as_of = con.execute("select any_value(deflator_as_of) from indicators.deflator where report_year = ?",
                            [year]).fetchone()[0] if "indicators.deflator" in present else None
        snapshot_id = con.execute("select min(snapshot_id) from raw.ssb_12362").fetchone()[0] \
            if "raw.ssb_12362" in present else None
    figures_md = "\n".join(
        f"- **{m['title']}** — [PNG](../../figures/{year}/{m['png']}), [SVG](../../figures/{year}/{m['svg']}), "
        f"[tall (CSV)](../../figures/{year}/{m['csv']}). {m['source']}."
        + "".join(f" *{note}*" for note in m["footnotes"])
        for m in metas
    )
    report_folder = output.root / "report" / str(year)
    tables_md = "\n".join(f"- [{p.stem}]({p.name}) ([CSV]({p.with_suffix('.csv').name}))"
                           for p in sorted(report_folder.glob("tabell_*.md")))
    synthetic = any(m["synthetic"] for m in metas)
    markdown = Template((REPORTS_DIR / "figurer.md").read_text(encoding="utf-8")).substitute(
        report_year=year,
        synthetic_banner="**DEMODATA: syntetiske tall, ikke publisert statistikk.**\n" if synthetic else "",
        snapshot_id=snapshot_id or "–",
        created=utc_now(),
        deflator_as_of=as_of or "–",
        figures=figures_md or "(ingen)",
        tables=tables_md or "(ingen)",
        not_drawn="".join([
            f"\n\nIkke tegnet (data bare for hele landet): {', '.join(not_drawn)}." if not_drawn else "",
            f"\n\nIkke tegnet (kildene mangler i datagrunnlaget, delvis kjøring): {', '.join(left_out)}."
            if left_out else "",
        ]),
    )
    path = report_folder / "figurer.md"
    write_atomic(path, markdown.encode("utf-8"))
    missing = [m["id"] for m in metas if not (folder / m["png"]).exists() or not (folder / m["csv"]).exists()]
    missing += undrawn
    context.log.info(f"report {year}: {len(metas)} figures listed in {path}")
    return dg.MaterializeResult(
        metadata={"figures": len(metas), "markdown": dg.MetadataValue.path(str(path)), **report_links(output, year),
                  "not_drawn": dg.MetadataValue.json({"national_only": not_drawn, "sources_missing": left_out})},
        check_results=[dg.AssetCheckResult(check_name="every_figure_listed",
                                           passed=not missing and (bool(metas) or bool(left_out)),
                                           severity=dg.AssetCheckSeverity.ERROR,
                                           description="ok" if not missing else
                                           f"figures without their files: {missing}")],
    )


# -- The report year as a document: report/<year>/index.html and its PDF -----------------------------------

@dataclass(frozen=True)
class Seksjon:
    """A section of the document, in the status report's order: its number and title as the report has
    them, the figures and report tables it shows (by id, or every id with a prefix) and the `avsnitt` of
    the text numbers (`indicators.tall_i_teksten`) it lists."""

    nr: str
    tittel: str
    figurer: tuple[str, ...] = ()
    figurprefiks: str | None = None
    tabeller: tuple[str, ...] = ()
    avsnitt: str | None = None
    hovedtall: bool = False
    ingress: str = ""
    kommuneprofiler: bool = False  # links the kommune profile pages

    @property
    def anker(self) -> str:
        return "seksjon-" + re.sub(r"[^a-z0-9]+", "-", (self.nr or self.tittel).lower()).strip("-")

    def har(self, figur: str) -> bool:
        return figur in self.figurer or bool(self.figurprefiks and figur.startswith(self.figurprefiks))


# Chapter 5 of the 2023 status report (../shared/seeds/menon-2023-statusrapport.txt), 6.1, the ASSS panel and
# vedlegg A/B. A declared figure no section names is shown under "Andre figurer" (a test holds every figure
# to a section).
SEKSJONER = (
    Seksjon("5.1", "Barn og unge med barnevernstiltak", figurer=("figur_5_1", "figur_5_2"), avsnitt="5.1"),
    Seksjon("5.2", "Plasseringer utenfor hjemmet", figurer=("figur_5_3", "figur_5_4", "figur_5_5", "figur_5_6"),
            tabeller=("tabell_5_1",), avsnitt="5.2"),
    Seksjon("5.3", "Ventetid på fosterhjem", figurer=("figur_5_7", "figur_5_8", "figur_5_9"), avsnitt="5.3"),
    Seksjon("5.4", "Samarbeid med og tiltak fra andre tjenester", figurer=("figur_5_10",), avsnitt="5.4"),
    Seksjon("5.5", "Samlede driftsutgifter til barnevern",
            figurer=("figur_5_11", "figur_5_12", "figur_5_13", "figur_5_14", "figur_5_15", "figur_5_16",
                     "figur_5_17", "hovedtall_rammetilskudd"),
            tabeller=("tabell_5_2",), avsnitt="5.5", hovedtall=True),
    Seksjon("6.1", "Interkommunale samarbeid", figurer=("figur_6_1",), avsnitt="6.1"),
    Seksjon("", "ASSS-kommunene: forebygging og tidlig innsats", figurprefiks="figur_asss_",
            ingress="De tolv ASSS-kommunene på indikatorene for forebygging og tidlig innsats (Menon 43/2024). "
                    "Hver kommune har sin egen profilside.", kommuneprofiler=True),
    Seksjon("Vedlegg A", "Supplerende indikatorer", figurprefiks="figur_0_"),
    Seksjon("Vedlegg B", "Flyttinger fra fosterhjem", figurprefiks="figur_b_", avsnitt="Vedlegg B"),
)

TIDSPUNKT = (  # how a figure's title or footnotes say when it measures, in the words the document uses
    (r"per 31\.\s?12|per 31\. desember|ved utgangen av året|ved årsslutt", "per 31.12."),
    (r"i løpet av året|ila\. året", "i løpet av året"),
    (r"i løpet av perioden|ved periodeslutt", "ved periodeslutt og i løpet av perioden"),
    (r"per (?!31\.\s?12|31\. desember)(\d{1,2}\. ?(?:januar|februar|mars|april|mai|juni|juli|august|"
     r"september|oktober|november|desember)(?: \d{4})?|\d{2}\.\d{2}(?:\.\d{4})?)", "per {0}"),
)
# A footnote that tells of a break in a series (the indicator tables mark the breaks they know in `brudd`).
BRUDD_I_NOTER = r"\bbrudd\b|^fra (og med )?20\d\d\b|ny kategori|endret|endring i (telling|definisjon)"
ALDER = re.compile(r"\d+\s?[–-]\s?\d+\s?år(?:\s?\(\d+\s?[–-]\s?\d+\s?år t\.o\.m\. \d{4}\))?")


@functools.cache
def _kilder(tables: tuple[str, ...]) -> tuple[list[dict], list[str]]:
    """The sources a figure's tables are built on, walking the SQL models down to the declared SSB tables,
    Bufdir datasets and reference tables; and the warehouse tables on the way (for "Om indikatoren")."""
    from assets.sources import BUFDIR_DATASETS, KOMMUNE_DATASETS, SSB_TABLES
    from pipeline.model_assets import SQL_MODELS

    staged = {t.staged_table: t for t in SSB_TABLES.values()} | {t.raw_table: t for t in SSB_TABLES.values()}
    bufdir = {d.table: d for d in BUFDIR_DATASETS.values()}
    found: dict[str, dict] = {}
    seen: set[str] = set()
    todo = list(tables)
    while todo:
        table = todo.pop()
        if table in seen:
            continue
        seen.add(table)
        if table in SQL_MODELS:
            todo.extend(SQL_MODELS[table].deps)
        elif table in staged:
            t = staged[table]
            found[f"ssb {t.id}"] = {"art": "SSB", "id": t.id, "navn": t.title, "enhet": t.unit}
        elif table in bufdir:
            d = bufdir[table]
            found[f"bufdir {d.name}"] = {"art": "Bufdir", "id": d.name, "navn": f"bufdir/{d.name}.csv", "enhet": ""}
        elif table in {k.table for k in KOMMUNE_DATASETS.values()}:
            name = table.removeprefix("raw.kommune_")
            found[f"kommune {name}"] = {"art": "Kommunenes egne svar", "id": name, "navn": f"kommune/{name}.csv",
                                        "enhet": ""}
        elif table.startswith("reference."):
            name = table.removeprefix("reference.")
            found[f"ref {name}"] = {"art": "Referansetabell", "id": name,
                                    "navn": f"sql/seeds/{name}.csv eller snapshotets reference/{name}.csv",
                                    "enhet": ""}
    order = {"SSB": 0, "Bufdir": 1, "Kommunenes egne svar": 2, "Referansetabell": 3}
    return (sorted(found.values(), key=lambda k: (order[k["art"]], k["id"])),
            sorted(t for t in seen if t.startswith("indicators.")))


def _brudd(con, tables: list[str], year: int) -> list[str]:
    """The definitional breaks the indicator tables mark (`brudd`, with the year they start)."""
    marked = {r[0] for r in con.execute(
        "select schema_name || '.' || table_name from duckdb_columns() where column_name in "
        "('brudd', 'aar', 'report_year') group by all having count(*) = 3").fetchall()}
    notes = []
    for table in tables:
        if table in marked:
            notes += [f"{aar}: {brudd}" for aar, brudd in con.execute(
                f"select distinct aar, brudd from {table} where report_year = ? and brudd is not null order by aar",
                [year]).fetchall()]
    return list(dict.fromkeys(notes))


def om_indikatoren(con, year: int, meta: dict, data: pd.DataFrame) -> dict:
    """"Om indikatoren" of one figure, from its declaration (the tables its query reads, their sources), its
    title and footnotes (age group, when it measures) and the indicator tables (breaks): nothing typed per
    figure."""
    figure = FIGURES.get(meta["id"])
    kilder, tabeller = _kilder(tuple(figure.deps)) if figure else ([], [])
    alder = list(dict.fromkeys(m.replace(" ", " ") for m in ALDER.findall(meta["title"])))
    if not alder and "aldersgruppe" in data:
        alder = [a if a.endswith("år") else f"{a} år" for a in dict.fromkeys(data["aldersgruppe"].dropna().astype(str))]
    # When it measures: as the title says it, else as the footnotes do (a footnote may name another
    # measure in passing, so the title wins).
    tidspunkt: list[str] = []
    kolonner = " ".join(str(c).replace("_", " ") for c in data.columns)
    for where in (meta["title"], " ".join(meta["footnotes"]), kolonner):
        for pattern, words in TIDSPUNKT:
            match = re.search(pattern, where, flags=re.IGNORECASE)
            if match:
                tidspunkt.append(words.format(*(g.rstrip(".") for g in match.groups())))
        if tidspunkt:
            break
    tidspunkt = list(dict.fromkeys(tidspunkt))
    for column in ("per_dato", "referansedato"):  # a file's reference date, as its rows give it
        if not tidspunkt and column in data:
            tidspunkt = [f"per {', '.join(sorted({str(v) for v in data[column].dropna()}))}"]
    if not tidspunkt and re.search(r"kroner|driftsutgifter", meta["title"], flags=re.IGNORECASE):
        tidspunkt = ["regnskapsår (årets utgifter)"]
    year_column = next((c for c in ("år", "aar", "periode", "referansedato") if c in data), None)
    years = sorted({str(v)[:4] for v in data[year_column].dropna()}) if year_column else []
    brudd = _brudd(con, tabeller, year)
    brudd_i_noter = [n for n in meta["footnotes"] if re.search(BRUDD_I_NOTER, n, flags=re.IGNORECASE)]
    merknader = meta.get("symbol_notes") or []
    if brudd or brudd_i_noter:
        sammenlignbar = "Ikke fullt sammenlignbar over tid: se bruddene."
    else:
        sammenlignbar = "Ingen kjente brudd i perioden figuren viser."
    if merknader:
        sammenlignbar += " Enkelte tall mangler eller er holdt utenfor (SSB-symboler), se merknaden under figuren."
    if figure is not None and figure.kommune_level:
        sammenlignbar += " Kommunetall følger rapportårets kommunestruktur (sammenslåinger summert, delinger fordelt)."
    return {
        "definisjon": re.sub(r"^(Figur \S+|Tabell \S+)\s+", "", meta["title"]).rstrip("*"),
        "kilder": kilder,
        "tabeller": tabeller,
        "alder": ", ".join(alder) or "ikke aldersavgrenset",
        "tidspunkt": "; ".join(tidspunkt) or "ikke oppgitt i figuren",
        "periode": f"{years[0]}–{years[-1]}" if len(years) > 1 else (years[0] if years else "–"),
        "brudd": brudd + [n for n in brudd_i_noter if n not in brudd],
        "sammenlignbar": sammenlignbar,
    }


def _tall(verdi, enhet: str) -> str:
    if verdi is None or pd.isna(verdi):
        return "–"
    if enhet.startswith("prosent"):
        return f"{norsk_tall(float(verdi), 1)} %"
    decimals = 1 if any(w in enhet for w in ("mill", "mrd", "per 1 000", "per 100")) else 0
    return f"{norsk_tall(float(verdi), decimals)} {enhet}".strip()


def _tall_i_teksten(folder: Path) -> pd.DataFrame | None:
    files = sorted(folder.glob("tabell_tall_i_teksten*.csv"))
    return pd.read_csv(files[0], dtype={"avsnitt": str}) if files else None


def _endringer(out: Path, limit: int = 60) -> dict | None:
    """`OUT/endringer/endringer.csv` (from `reformeval diff`), largest |endring| first, or None."""
    path = out / "endringer" / "endringer.csv"
    if not path.exists():
        return None
    rows = pd.read_csv(path)
    expected = ["indikator", "noekkel", "aar", "gammel_verdi", "ny_verdi", "endring", "aarsak", "forklaring"]
    lacking = [c for c in expected if c not in rows]
    if lacking:
        raise ReportDocumentError(f"{path}: lacks column(s) {lacking}; expected {expected}")
    rows = rows.assign(_abs=pd.to_numeric(rows["endring"], errors="coerce").abs()).sort_values(
        "_abs", ascending=False, na_position="last", kind="stable")
    return {"antall": len(rows), "vist": min(limit, len(rows)), "lenke": "../../endringer/endringer.csv",
            "aarsaker": rows["aarsak"].fillna("–").value_counts().to_dict(),
            "rader": [{c: ("–" if pd.isna(r[c]) else (norsk_tall(r[c], 2) if isinstance(r[c], float) else r[c]))
                       for c in expected} for _, r in rows.head(limit).iterrows()]}


def _first(folder: Path, pattern: str) -> Path | None:
    found = sorted(folder.glob(pattern))
    return found[0] if found else None


# The deflator's columns as the data appendix names them (a column not listed keeps its own name).
DEFLATOR_KOLONNER = {
    "aar": "År", "deflator_as_of": "Årgang (kjent per)", "vekst_prosent": "Vekst (%)", "publisert_i": "Publisert i",
    "faktor_til_rapportaar": "Faktor til {year}-kroner", "deflator_siste_as_of": "Siste årgang (kjent per)",
    "vekst_prosent_siste": "Vekst, siste årgang (%)", "publisert_i_siste": "Publisert i (siste årgang)",
    "faktor_til_rapportaar_siste": "Faktor til {year}-kroner, siste årgang",
}


def report_context(con, out: Path, year: int, provenance: Provenance) -> dict:
    """Everything `reports/rapport.html.j2` shows, read from a finished output: the figures' JSON and CSV,
    the report tables' Markdown, the headline JSON, the text numbers, the warehouse (read only)."""
    figures_dir, report_dir = out / "figures" / str(year), out / "report" / str(year)
    # Only the files this run writes (`<id>.json`, `<id>_DEMODATA.json` from synthetic inputs) of the declared
    # figures, as the figure overview reads them: not whatever else lies in the folder.
    suffix = "_DEMODATA" if inputs_synthetic(con) else ""
    metas, not_drawn = {}, []
    for figure_id in FIGURES:
        path = figures_dir / f"{figure_id}{suffix}.json"
        meta = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
        if meta is not None and (figures_dir / meta.get("csv", "-")).exists():
            metas[figure_id] = meta
        else:
            not_drawn.append(figure_id)
    if not metas:
        raise ReportDocumentError(f"{figures_dir}: no figure (<id>.json with its CSV); is {out} the output of a "
                                  f"finished run of report year {year}?")
    tall = _tall_i_teksten(report_dir)

    def figur(meta: dict) -> dict:
        data = pd.read_csv(figures_dir / meta["csv"])
        return {"symbol_notes": [], **meta, "anker": meta["id"].replace("_", "-"), "mappe": f"../../figures/{year}",
                "om": om_indikatoren(con, year, meta, data), "rader": len(data)}

    def order(figure_id: str) -> tuple:
        parts = figure_id.removeprefix("figur_").split("_")
        return (0, int(parts[-1]), "") if parts[-1].isdigit() else (1, 0, figure_id)

    sections, placed = [], set()
    for seksjon in SEKSJONER:
        ids = [i for i in metas if seksjon.har(i)]
        ids = ([i for i in seksjon.figurer if i in metas] + sorted((i for i in ids if i not in seksjon.figurer),
                                                                     key=order))
        placed |= set(ids)
        tabeller = []
        for name in seksjon.tabeller:
            md = _first(report_dir, f"{name}.md") or _first(report_dir, f"{name}_DEMODATA.md")
            if md is None:
                continue
            lines = md.read_text(encoding="utf-8").splitlines()
            title = lines[0].removeprefix("# ").strip() if lines and lines[0].startswith("# ") else name
            body = [line for line in lines[1:] if "DEMODATA: syntetiske tall" not in line]
            tabeller.append({"navn": name, "tittel": title, "html": markdown_to_html("\n".join(body)),
                             "csv": md.with_suffix(".csv").name, "anker": name.replace("_", "-")})
        utsagn = []
        if tall is not None and seksjon.avsnitt:
            for r in tall[tall["avsnitt"] == seksjon.avsnitt].itertuples():
                enhet = r.enhet if isinstance(r.enhet, str) else ""
                periode = (f"{int(r.fra_aar)}–{int(r.til_aar)}" if not pd.isna(r.fra_aar) and r.fra_aar != r.til_aar
                           else ("" if pd.isna(r.til_aar) else str(int(r.til_aar))))
                utsagn.append({"nr": int(r.nr), "utsagn": r.utsagn, "maal": r.maal if isinstance(r.maal, str) else "",
                               "periode": periode, "status": r.status,
                               "verdi": _tall(r.verdi, enhet) if r.status == "levert" else "–",
                               "kilde": r.kilde if isinstance(r.kilde, str) else "",
                               "mangler": r.mangler if isinstance(r.mangler, str) else ""})
        sections.append({"nr": seksjon.nr, "tittel": seksjon.tittel, "anker": seksjon.anker,
                         "ingress": seksjon.ingress, "figurer": [figur(metas[i]) for i in ids],
                         "tabeller": tabeller, "utsagn": utsagn, "hovedtall": seksjon.hovedtall,
                         "kommuneprofiler": seksjon.kommuneprofiler})
    rest = sorted((i for i in metas if i not in placed), key=order)
    if rest:
        sections.append({"nr": "", "tittel": "Andre figurer", "anker": "seksjon-andre", "ingress": "",
                         "figurer": [figur(metas[i]) for i in rest], "tabeller": [], "utsagn": [], "hovedtall": False,
                         "kommuneprofiler": False})

    hovedtall = None
    if (report_dir / "hovedtall_rammetilskudd.json").exists():
        hovedtall = json.loads((report_dir / "hovedtall_rammetilskudd.json").read_text(encoding="utf-8"))
    present = {r[0] for r in con.execute("select schema_name || '.' || table_name from duckdb_tables()").fetchall()}
    deflator = []
    if "indicators.deflator" in present:
        columns = [r[0] for r in con.execute("select column_name from duckdb_columns() where schema_name = "
                                             "'indicators' and table_name = 'deflator'").fetchall()]
        deflator = con.execute(f"select {', '.join(columns)} from indicators.deflator where report_year = ? "
                               "order by all", [year]).df()
        as_of = deflator["deflator_as_of"].dropna().unique().tolist() if "deflator_as_of" in deflator else []
        shown = [c for c in columns if c != "report_year"]
        deflator = {"as_of": ", ".join(map(str, as_of)) or "–",
                    "columns": [DEFLATOR_KOLONNER.get(c, c).format(year=year) for c in shown],
                    "rows": [[("–" if pd.isna(row[c]) else norsk_tall(row[c], 1 if "prosent" in c else 4)
                               if isinstance(row[c], float) else row[c]) for c in shown]
                             for _, row in deflator.iterrows()]}
    kommuner = _first(report_dir / "kommuner", "index*.html")
    katalog = report_dir / "katalog.html"
    uten_tall = []
    if tall is not None:
        uten_tall = [{"nr": int(r.nr), "avsnitt": r.avsnitt, "utsagn": r.utsagn,
                      "mangler": r.mangler if isinstance(r.mangler, str) else "", "status": r.status}
                     for r in tall[tall["status"] != "levert"].itertuples()]
    return {
        "year": year,
        "tall": norsk_tall,
        "synthetic": provenance.synthetic or any(m.get("synthetic") for m in metas.values()),
        "sections": sections,
        "unplaced": rest,
        "hovedtall": hovedtall,
        "deflator": deflator or None,
        "provenance": provenance,
        "kommuner": f"kommuner/{kommuner.name}" if kommuner else None,
        "katalog": "katalog.html" if katalog.exists() else None,
        "endringer": _endringer(out),
        "uten_tall": uten_tall,
        "ikke_tegnet": sorted(not_drawn),
        "lenker": [(label, name) for label, name in (
            ("Figuroversikt (figurer.md)", "figurer.md"), ("Datagrunnlag (CSV)", "datagrunnlag.csv"),
            ("Datagrunnlag (Markdown)", "datagrunnlag.md"),
            ("Kjøringens manifest (manifest.json)", "../../manifest.json"))
            if (report_dir / name).exists()],
    }


def document_names(year: int, synthetic: bool) -> tuple[str, str]:
    """The HTML page and the PDF of a report year (the PDF travels alone: it carries DEMODATA in its name)."""
    return "index.html", f"statusrapport_{year}{'_DEMODATA' if synthetic else ''}.pdf"


def write_report_document(con, out: Path, year: int, provenance: Provenance, pdf: bool = True,
                          pdf_after_swap: bool = False) -> DocumentPaths:
    """The one way the report document is made, by the run's asset and by `reformeval report`: the HTML from
    what OUT holds and the warehouse (`con`, read only), then its PDF through headless Chromium, or the
    reason there is none. `pdf_after_swap`: OUT is a temporary build folder; the run prints the PDF once the
    output is in place (`pipeline.report_document.print_pdf`)."""
    context = report_context(con, out, year, provenance)
    folder = out / "report" / str(year)
    html_name, pdf_name = document_names(year, context["synthetic"])
    html = folder / html_name
    write_atomic(html, render_html(context).encode("utf-8"))
    paths = DocumentPaths(html=html, sections=[f"{s['nr']} {s['tittel']}".strip() for s in context["sections"]],
                          unplaced=context["unplaced"], pdf_name=pdf_name)
    if pdf and pdf_after_swap:
        paths.pdf_skipped = PDF_AFTER_SWAP
    elif pdf:
        paths.pdf, paths.pdf_skipped = write_pdf(html, folder / pdf_name)
    else:
        paths.pdf_skipped = "not asked for (--no-pdf)"
    if paths.pdf is None:  # a PDF of an earlier rendering would no longer match the HTML
        (folder / pdf_name).unlink(missing_ok=True)
    paths.write_status(folder)
    return paths


def provenance_of_snapshot(snapshot: Snapshot, year: int, left_out: list[str]) -> Provenance:
    """What the run's asset knows of the inputs before the run's manifest exists, in the manifest's terms
    (`pipeline.app.run`): every file of the snapshot with its sha256, the sources a partial run left out
    (the raw tables among the assets it leaves out) and what the built-in reference data lack for the year
    with what covers it (as the run's pre-flight check, `pipeline.app.preflight.check_reference_data`,
    records it; a gap nothing covers has stopped the run before this)."""
    from assets.rapportaar import builtin_reference_gaps

    def rel(path: Path) -> str:
        return path.relative_to(snapshot.root).as_posix()

    gaps = []
    for gap in builtin_reference_gaps(year):
        override = snapshot.optional_file("reference", gap.table, (".csv",))
        covered_by = None if override is None else (
            f"{rel(override)} ({'synthetic' if snapshot.is_synthetic(rel(override)) else 'from the snapshot'})")
        gaps.append({"table": gap.table, "gap": gap.what, "blocking": gap.blocking, "covered_by": covered_by})
    return Provenance(
        snapshot_id=snapshot.snapshot_id, snapshot_source=snapshot.source, synthetic=snapshot.synthetic,
        files=tuple({"path": rel(p), "sha256": sha256_file(p), "synthetic": snapshot.is_synthetic(rel(p))}
                    for p in sorted(p for p in snapshot.root.rglob("*") if p.is_file())),
        left_out_sources=tuple(sorted(k.replace("/", ".") for k in left_out if k.startswith("raw/"))),
        reference_gaps=tuple(gaps))


RAPPORT_KEY = dg.AssetKey(["report", "rapport"])


@dg.asset(
    key=RAPPORT_KEY,
    group_name="report",
    kinds={"html", "pdf"},
    partitions_def=report_year_partitions,
    # report/katalog: the warehouse catalogue the document links to, written before it.
    deps=[*FIGURE_KEYS, FIGURER_KEY, DATAGRUNNLAG_KEY, dg.AssetKey(["report", "kommuneprofiler"]),
          dg.AssetKey(["report", "hovedtall_rammetilskudd"]), dg.AssetKey(["indicators", "deflator"]),
          dg.AssetKey(["report", "katalog"])],
    check_specs=[dg.AssetCheckSpec("every_figure_in_a_section_and_every_link_resolves", asset=RAPPORT_KEY,
                                   blocking=True,
                                   description="every figure of the year sits in a section of the report, and every "
                                               "image and link of index.html names a file of the output or an "
                                               "anchor of the page")],
    description="The report year as one document: report/<year>/index.html (template reports/rapport.html.j2: "
                "chapter 5, 6.1, the ASSS panel, vedlegg A/B, every figure with 'Om indikatoren', tables 5-1/5-2, "
                "the text numbers, the headline, the data appendix) and its PDF by headless Chromium "
                "(skipped, saying why, where Chromium cannot be had)",
)
def rapport(context: dg.AssetExecutionContext, warehouse: DuckDBResource, output: OutputResource,
            snapshot: SnapshotResource):
    from pipeline.figures import wait_for_renders

    wait_for_renders()  # the PNG and SVG files the run's render worker may still be writing
    year = report_year(context)
    provenance = provenance_of_snapshot(snapshot.open(), year, output.left_out)
    with warehouse.get_connection() as con:
        paths = write_report_document(con, output.root, year, provenance, pdf_after_swap=not output.in_place)
    context.log.info(f"report {year}: {paths.html}")
    if paths.pdf is None and paths.pdf_skipped != PDF_AFTER_SWAP:
        context.log.warning(f"report {year}: no PDF: {paths.pdf_skipped}")
    problems = [f"figures in no section of SEKSJONER: {', '.join(paths.unplaced)}"] if paths.unplaced else []
    broken = unresolved_links(paths.html)
    if broken:
        problems.append(f"{paths.html.name}: {len(broken)} link(s) that resolve to nothing: {', '.join(broken[:10])}")
    return dg.MaterializeResult(
        metadata={
            "html": dg.MetadataValue.url(paths.html.resolve().as_uri()),
            "pdf": dg.MetadataValue.path(str(paths.pdf)) if paths.pdf else f"skipped: {paths.pdf_skipped}",
            "sections": len(paths.sections),
        },
        check_results=[dg.AssetCheckResult(
            check_name="every_figure_in_a_section_and_every_link_resolves", passed=not problems,
            severity=dg.AssetCheckSeverity.ERROR, description="ok" if not problems else "; ".join(problems))],
    )
