"""Report-level assets, one partition per report year.

`report/datagrunnlag` states what the report year is built on: per SSB table, the years, regions and
status symbols in the warehouse, from which snapshot, and whether the data are synthetic. Its check
stops the report when a table lacks a year the report needs.
"""


from string import Template

import dagster as dg
import pandas as pd
from dagster_duckdb import DuckDBResource

from assets.sources import SSB_TABLES
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
from pipeline.resources import OutputResource
from pipeline.snapshot import utc_now, write_atomic
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
