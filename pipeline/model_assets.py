"""Report-year assets whose table is one SQL model under `sql/` (dbt-style: one file per table).

A model reads `getvariable('report_year')` and returns the rows of that report year; the asset
validates them with a blocking Great Expectations check and replaces only that report year's rows.
"""

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource

if TYPE_CHECKING:
    from pipeline.figures import Figure

from pipeline.bufdir import BufdirDataset, require_reach
from pipeline.catalog import sql_table_doc
from pipeline.expectations import Audit, Expectations
from pipeline.lineage import tables_read
from pipeline.partitions import report_year, report_year_partitions
from pipeline.paths import SQL_DIR
from pipeline.resources import OutputResource
from pipeline.source_assets import (
    _source_of,
    check_results,
    check_specs,
    code_references,
    markdown_table,
    table_metadata,
)
from pipeline.symbols import SymbolRule, notes_in, refuse_suppressed
from pipeline.warehouse import read_sql, replace_partition_validated, set_variables

ExpectationsFor = Callable[[duckdb.DuckDBPyConnection, int], Expectations]


def table_key(table: str) -> dg.AssetKey:
    return dg.AssetKey(table.split("."))


@dataclass(frozen=True)
class SqlModel:
    table: str
    sql: str  # path under sql/
    description: str
    expectations: Expectations | ExpectationsFor = field(default_factory=Expectations)
    # Runs before the model: raises a named error when an input cannot give a meaningful table.
    precondition: Callable[[duckdb.DuckDBPyConnection, int], None] | None = None
    variables: Callable[[duckdb.DuckDBPyConnection, int], dict[str, int | str]] | None = None
    # What the model does with SSB cells published as a symbol: required where it reads a staged SSB
    # table (a test checks), see pipeline.symbols.
    symbols: SymbolRule | None = None
    # Tables read in Python (a precondition, variables) besides those the SQL reads.
    also_reads: Sequence[str] = ()
    # Rules on the audit columns the SQL computes to check itself, each a blocking check of its own name.
    audits: tuple[Audit, ...] = ()

    @property
    def deps(self) -> tuple[str, ...]:
        """The tables the model reads: from its SQL, parsed (pipeline.lineage), and `also_reads`."""
        return tuple(sorted(tables_read(read_sql(self.sql), f"sql/{self.sql}") | set(self.also_reads)))


def has_kommune_rows(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the snapshot has kommune-level SSB data (a hand-built snapshot may be national only)."""
    for table in ("staging.kostra_utgifter", "staging.befolkning"):
        exists = con.execute(
            "select count(*) from duckdb_tables() where schema_name || '.' || table_name = ?", [table]
        ).fetchone()[0]
        if exists and con.execute(f"select count(*) from {table} where region_type = 'kommune'").fetchone()[0]:
            return True
    return False


def per_kommune(expectations: Expectations) -> ExpectationsFor:
    """Expectations of a kommune-level table: it may be empty only when the snapshot has no kommuner."""

    def resolve(con: duckdb.DuckDBPyConnection, _year: int) -> Expectations:
        return dataclasses.replace(expectations, min_rows=1 if has_kommune_rows(con) else 0)

    return resolve


def run_model(con: duckdb.DuckDBPyConnection, model: SqlModel, year: int, results_dir) -> object:
    set_variables(con, report_year=year)
    if model.variables:
        set_variables(con, **model.variables(con, year))
    if model.symbols is not None and model.symbols.kind == "stop":
        refuse_suppressed(con, model.symbols, model.table)
    for dep in model.deps:
        if dep in BufdirDataset.declared:  # a Bufdir file must reach the report year the model is for
            require_reach(con, BufdirDataset.declared[dep], year)
    if model.precondition:
        model.precondition(con, year)
    expectations = model.expectations(con, year) if callable(model.expectations) else model.expectations
    return replace_partition_validated(
        con, model.table, expectations,
        select_sql=read_sql(model.sql),
        partition_column="report_year", partition_value=year,
        results_dir=results_dir, suite_name=f"{model.table.replace('.', '_')}_{year}", audits=model.audits,
    )


# Asset metadata: the upstream tables (comma-separated asset keys) an asset reads only where the snapshot
# has them (e.g. indicators/kommunestruktur maps the codes of every table with kommune rows there is). A
# partial run on a snapshot without such a table keeps the asset (pipeline.app.definitions).
READS_IF_PRESENT = "reformeval/reads_if_present"


# Every SQL model, by table: for the tests that hold each to the house rules (e.g. a symbol rule).
SQL_MODELS: dict[str, SqlModel] = {}


def sql_model_asset(model: SqlModel, group: str) -> dg.AssetsDefinition:
    key = table_key(model.table)
    SQL_MODELS[model.table] = model
    sql_table_doc(model.table, model.sql, model.description)

    @dg.asset(
        key=key,
        group_name=group,
        kinds={"duckdb", "sql"},
        partitions_def=report_year_partitions,
        deps=[table_key(t) for t in model.deps],
        description=f"{model.description} (sql/{model.sql})",
        check_specs=check_specs(model.table, key, model.table, model.audits),
        metadata={"sql": f"sql/{model.sql}",
                  **({"ssb_symbols": f"{model.symbols.kind}: {model.symbols.why}"} if model.symbols else {}),
                  **code_references((SQL_DIR / model.sql, 1, model.sql))},
    )
    def model_asset(
        context: dg.AssetExecutionContext, warehouse: DuckDBResource, output: OutputResource
    ) -> Iterator[dg.MaterializeResult]:
        year = report_year(context)
        with warehouse.get_connection() as con:
            build = run_model(con, model, year, output.validation_dir)
            source = build.table if build.committed else build.failed_table
            where = "where report_year = ?" if build.committed else ""
            preview = con.execute(f"select * from {source} {where} limit 8",
                                  [year] if build.committed else []).df()
            notes = notes_in(con, model.table, year) if build.committed else []
        context.log.info(f"{model.table} ({year}): {build.rows} rows; {build.validation.headline()}")
        if model.symbols is not None and model.symbols.kind == "flag":
            for note in notes:  # logged once, where it is made; the models and figures it reaches carry it
                context.log.warning(f"{model.table} ({year}): {note}")
        yield dg.MaterializeResult(
            metadata={**table_metadata(build), "report_year": year,
                      "preview": dg.MetadataValue.md(markdown_table(preview)),
                      **({"symbol_notes": dg.MetadataValue.md("\n".join(f"- {n}" for n in notes))}
                         if notes else {})},
            check_results=check_results(build, model.audits),
        )

    return model_asset


def report_links(output: OutputResource, year: int) -> dict[str, dg.MetadataValue]:
    """Where a report year's HTML report (`report/<year>/index.html`, written by the report asset) and its
    warehouse catalogue are: the report assets' metadata links to them."""
    folder = output.root / "report" / str(year)
    return {"report_html": dg.MetadataValue.path(str(folder / "index.html")),
            "catalogue_html": dg.MetadataValue.path(str(folder / "katalog.html"))}


def inputs_synthetic(con: duckdb.DuckDBPyConnection) -> bool:
    """True when any raw or reference table in the warehouse holds synthetic rows (demo data)."""
    tables = con.execute(
        "select schema_name || '.' || table_name from duckdb_tables() "
        "where schema_name in ('raw', 'reference') and table_name not like '%\\_\\_%' escape '\\'"
    ).fetchall()
    for (table,) in tables:
        columns = {r[0] for r in con.execute(f"describe {table}").fetchall()}
        if "synthetic" in columns and con.execute(f"select bool_or(synthetic) from {table}").fetchone()[0]:
            return True
    return False


# Figures by kommune: not drawn (and not expected) when a snapshot has national rows only.
KOMMUNE_LEVEL_FIGURES: set[str] = set()
# Every figure declared, by id (the report overview lists them; tests hold each to its declaration).
FIGURES: dict[str, "Figure"] = {}


def figure_asset(figure: "Figure", group: str) -> dg.AssetsDefinition:
    """`figures/<id>` of a declared `Figure`: PNG, SVG, CSV and JSON under OUT/figures/<report year>/, drawn
    from the rows of its query. The check fails when the rows are too few or one has a missing value. A
    figure by kommune (`kommune_level`) is not drawn, and says so, when the snapshot has no kommune rows."""
    from pipeline.figures import SYMBOL_NOTES, save_figure, take_symbol_notes, thumbnail_markdown

    FIGURES[figure.id] = figure
    name, kommune_level, min_rows = figure.id, figure.kommune_level, figure.min_rows
    draw_file, draw_line = _source_of(figure.draw)
    metadata = code_references((draw_file, draw_line, f"{name}: draw"),
                               (SQL_DIR / figure.sql_path, 1, f"{name}: query"))
    key = dg.AssetKey(["figures", name])
    if kommune_level:
        KOMMUNE_LEVEL_FIGURES.add(name)

    @dg.asset(
        key=key,
        group_name=group,
        kinds={"python", "csv"},
        partitions_def=report_year_partitions,
        deps=[table_key(t) for t in figure.deps],
        description=figure.description,
        metadata=metadata,
        check_specs=[dg.AssetCheckSpec("numbers_behind_figure", asset=key, blocking=True,
                                       description="the figure has numbers behind it and none is missing")],
    )
    def figure_files(context: dg.AssetExecutionContext, warehouse: DuckDBResource, output: OutputResource):
        year = report_year(context)
        with warehouse.get_connection() as con:
            synthetic = inputs_synthetic(con)
            fig, data, spec = figure.render(con, year, synthetic)
            national_only = not has_kommune_rows(con)
        if data.empty and national_only and kommune_level:
            import matplotlib.pyplot as plt

            plt.close(fig)
            reason = f"{spec.id} not drawn: the snapshot has no kommune rows (national figures only)"
            context.log.warning(reason)
            yield dg.MaterializeResult(
                metadata={"report_year": year, "drawn": False, "reason": reason},
                check_results=[dg.AssetCheckResult(check_name="numbers_behind_figure", passed=True,
                                                   description=reason)],
            )
            return
        data, spec.symbol_notes = take_symbol_notes(data)
        # The PNG and SVG by the run's render worker, if it has one: not where the UI shows a thumbnail of it.
        paths = save_figure(fig, data, spec, output.figures_dir / str(year),
                            background=context.instance.is_ephemeral)
        missing = int(data.drop(columns=[SYMBOL_NOTES], errors="ignore").isna().sum().sum())
        passed = len(data) >= min_rows and missing == 0
        context.log.info(f"figure {spec.id} ({year}): {len(data)} rows -> {paths['png']}")
        yield dg.MaterializeResult(
            metadata={
                "report_year": year,
                "png": dg.MetadataValue.path(str(paths["png"])),
                # Only where the materialisation is kept (the UI's instance): `reformeval run`'s ephemeral
                # instance discards it, and a thumbnail costs a PNG decode per figure.
                **({} if context.instance.is_ephemeral else
                   {"thumbnail": dg.MetadataValue.md(thumbnail_markdown(paths["png"], spec.title))}),
                "csv": dg.MetadataValue.path(str(paths["csv"])),
                "title": spec.title,
                "synthetic": spec.synthetic,
                "rows": len(data),
                "drawn": True,
                **({"symbol_notes": dg.MetadataValue.md("\n".join(f"- {n}" for n in spec.symbol_notes))}
                   if spec.symbol_notes else {}),
            },
            check_results=[dg.AssetCheckResult(
                check_name="numbers_behind_figure", passed=passed, severity=dg.AssetCheckSeverity.ERROR,
                metadata={"rows": len(data), "missing_values": missing},
                description="ok" if passed else f"{spec.id}: {len(data)} rows, {missing} missing values",
            )],
        )

    return figure_files


@dataclass
class ReportTable:
    """What a table builder returns: the rows (written as CSV), the Markdown body (title first) and
    the problems its check reports (empty: the check passes)."""

    rows: object  # pandas.DataFrame
    markdown: list[str]
    problems: list[str]


TableBuilder = Callable[[duckdb.DuckDBPyConnection, int], ReportTable]


# Every report table, by name (the report overview lists them).
REPORT_TABLES: dict[str, TableBuilder] = {}


def table_asset(name: str, deps: Sequence[str], build: TableBuilder, group: str, description: str,
                check_name: str, check_description: str) -> dg.AssetsDefinition:
    """`report/<name>`: a report table as `report/<year>/<name>.csv` and `.md` (`_DEMODATA` when any
    input is synthetic, with a banner under the title), with a blocking check on what `build` found."""
    key = dg.AssetKey(["report", name])
    REPORT_TABLES[name] = build
    build_file, build_line = _source_of(build)

    @dg.asset(
        key=key,
        group_name=group,
        partitions_def=report_year_partitions,
        deps=[table_key(t) for t in deps],
        kinds={"csv"},
        metadata=code_references((build_file, build_line, name)),
        check_specs=[dg.AssetCheckSpec(check_name, asset=key, blocking=True, description=check_description)],
        description=description,
    )
    def table(context: dg.AssetExecutionContext, warehouse: DuckDBResource, output: OutputResource):
        from pipeline.snapshot import write_atomic

        year = report_year(context)
        with warehouse.get_connection() as con:
            result = build(con, year)
            synthetic = inputs_synthetic(con)
        folder = output.root / "report" / str(year)
        stem = f"{name}_DEMODATA" if synthetic else name
        markdown = list(result.markdown)
        if synthetic:
            markdown[1:1] = ["", "**DEMODATA: syntetiske tall, ikke publisert statistikk.**"]
        write_atomic(folder / f"{stem}.csv", result.rows.to_csv(index=False).encode("utf-8"))
        write_atomic(folder / f"{stem}.md", "\n".join(markdown).encode("utf-8"))
        passed = not result.problems and len(result.rows) > 0
        return dg.MaterializeResult(
            metadata={"csv": dg.MetadataValue.path(str(folder / f"{stem}.csv")),
                      "table": dg.MetadataValue.md("\n".join(markdown)), **report_links(output, year)},
            check_results=[dg.AssetCheckResult(
                check_name=check_name, passed=passed, severity=dg.AssetCheckSeverity.ERROR,
                description="ok" if passed else "; ".join(result.problems) or "the table is empty")],
        )

    return table
