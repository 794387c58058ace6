"""`report/katalog`: the warehouse catalogue of a report year, `report/<year>/katalog.html`.

Every table and column of the warehouse carries its description as a DuckDB comment, put there when the
table is made (`pipeline.catalog`); the page lists what the warehouse itself says: schema, table, what one
row is, columns with type, unit and description, and the `latest.<table>` views.
"""

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline.catalog import TABLE_DOCS, read_catalogue, render_catalogue
from pipeline.model_assets import READS_IF_PRESENT, inputs_synthetic, report_links, table_key
from pipeline.partitions import report_year, report_year_partitions
from pipeline.resources import OutputResource
from pipeline.snapshot import write_atomic

KATALOG_KEY = dg.AssetKey(["report", "katalog"])


def _described_tables() -> list[str]:
    """Every table the domain modules declare (importing them fills `TABLE_DOCS`)."""
    from assets import domain_modules

    domain_modules(exclude=("katalog",))
    return sorted(t for t in TABLE_DOCS if not t.startswith("latest."))


TABLES = _described_tables()


@dg.asset(
    key=KATALOG_KEY,
    group_name="report",
    kinds={"html"},
    partitions_def=report_year_partitions,
    deps=[table_key(t) for t in TABLES],
    # A partial run leaves tables out; the catalogue lists those there are.
    metadata={READS_IF_PRESENT: ", ".join(table_key(t).to_user_string() for t in TABLES)},
    check_specs=[dg.AssetCheckSpec(
        "every_table_and_column_described", asset=KATALOG_KEY, blocking=True,
        description="every table and column of the warehouse has its description as a comment (a warning: a "
                    "column SSB adds to a table does not stop a run)")],
    description="The warehouse catalogue (report/<year>/katalog.html): every table and view with what one row "
                "is, its columns, their types, units and descriptions, read from the warehouse's comments",
)
def katalog(context: dg.AssetExecutionContext, warehouse: DuckDBResource, output: OutputResource):
    year = report_year(context)
    with warehouse.get_connection() as con:
        tables = read_catalogue(con)
        synthetic = inputs_synthetic(con)
    path = output.root / "report" / str(year) / "katalog.html"
    write_atomic(path, render_catalogue(tables, year, synthetic, "warehouse.duckdb").encode("utf-8"))
    undescribed = [f"{t.schema}.{t.name}" + (f" ({', '.join(t.undescribed)})" if t.undescribed else "")
                   for t in tables if not t.description or t.undescribed]
    context.log.info(f"katalog {year}: {len(tables)} tables and views in {path}")
    if undescribed:
        context.log.warning(f"katalog {year}: without a description: {'; '.join(undescribed)}")
    return dg.MaterializeResult(
        metadata={"report_year": year, "tables": len(tables), "html": dg.MetadataValue.path(str(path)),
                  **report_links(output, year)},
        check_results=[dg.AssetCheckResult(
            check_name="every_table_and_column_described", passed=not undescribed,
            severity=dg.AssetCheckSeverity.WARN,
            description="ok" if not undescribed else f"without a description: {'; '.join(undescribed)}")],
    )
