"""Report-level assets, one partition per report year.

`report/datagrunnlag` states what the report year is built on: per SSB table, the years, regions and
status symbols in the warehouse, from which snapshot, and whether the data are synthetic. Its check
stops the report when a table lacks a year the report needs.
"""


from string import Template

import dagster as dg
import pandas as pd
from dagster_duckdb import DuckDBResource

from assets.befolkning import TABLE_07459
from assets.kostra import TABLE_12362
from assets.plasseringer import TABLE_11600
from assets.tiltak import TABLE_09050, TABLE_12845
from pipeline.partitions import report_year, report_year_partitions
from pipeline.paths import REPORTS_DIR
from pipeline.resources import OutputResource
from pipeline.snapshot import utc_now, write_atomic
from pipeline.source_assets import markdown_table
from pipeline.warehouse import render_sql

# Every declared SSB table: the registry (assets.SSB_TABLES is built from this list).
SOURCE_TABLES = (TABLE_12362, TABLE_07459, TABLE_09050, TABLE_12845, TABLE_11600)
DATAGRUNNLAG_KEY = dg.AssetKey(["report", "datagrunnlag"])


@dg.asset(
    key=DATAGRUNNLAG_KEY,
    group_name="report",
    kinds={"duckdb", "csv"},
    partitions_def=report_year_partitions,
    deps=[dg.AssetKey(t.raw_table.split(".")) for t in SOURCE_TABLES],
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
        tables = [t for t in SOURCE_TABLES if t.raw_table in present]
        frames = [con.execute(render_sql("report/datagrunnlag.sql", raw_table=t.raw_table), {"ssb_table": t.id}).df()
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
