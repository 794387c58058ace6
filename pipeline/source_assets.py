"""Dagster assets generated from declarations: SSB tables (raw as archived, staging typed) and
reference tables (CSV seeds).

For table T with staged table `staging.x`:
- `raw/ssb_T`: every part of `<snapshot>/ssb/T/` parsed, one row per cell, with the snapshot id;
- `staging/x`: `sql/<staging_sql>` run on the raw table.
Each carries a blocking Great Expectations check built from the declaration: a failed check keeps
the previous table, and nothing downstream runs.
"""


import warnings
from collections.abc import Callable, Iterator

import dagster as dg
import pandas as pd
from dagster_duckdb import DuckDBResource

from pipeline.bufdir import BufdirDataset, find_bufdir_file, read_bufdir_file
from pipeline.catalog import TABLE_DOCS, ColumnDoc, TableDoc, dataset_doc, document, sql_table_doc
from pipeline.expectations import Audit, Expectations
from pipeline.paths import SQL_DIR
from pipeline.reference import SEEDS_DIR, ReferenceTable, load_reference
from pipeline.resources import OutputResource, SnapshotResource
from pipeline.snapshot import sha256_bytes
from pipeline.ssb.declaration import SsbTable
from pipeline.ssb.jsonstat import parse_dataset
from pipeline.warehouse import TableBuild, expectations_check, read_sql, replace_table_validated


def code_references(*places: tuple[str, int | None, str]) -> dict[str, dg.CodeReferencesMetadataValue]:
    """Dagster's code link for an asset made by a factory: the domain code and SQL it runs, not the factory."""
    with warnings.catch_warnings():  # a beta API of Dagster's; its warning would print at every import
        warnings.simplefilter("ignore", dg.BetaWarning)
        return {"dagster/code_references": dg.CodeReferencesMetadataValue(code_references=[
            dg.LocalFileCodeReference(file_path=str(path), line_number=line, label=label)
            for path, line, label in places])}


def _source_of(function: Callable) -> tuple[str, int | None]:
    import inspect

    function = inspect.unwrap(function)
    try:
        return inspect.getsourcefile(function) or "", inspect.getsourcelines(function)[1]
    except (OSError, TypeError):
        return "", None


def check_specs(table: str, asset: dg.AssetKey, what: str, audits: tuple[Audit, ...] = ()) -> list[dg.AssetCheckSpec]:
    """The blocking checks of a table: its own expectations, and one per audit of its SQL."""
    return [dg.AssetCheckSpec(expectations_check(table), asset=asset, blocking=True,
                              description=f"the expectations of {what}"),
            *(dg.AssetCheckSpec(a.name, asset=asset, blocking=True, description=a.description) for a in audits)]


def check_results(build: TableBuild, audits: tuple[Audit, ...] = ()) -> list[dg.AssetCheckResult]:
    """One result per check of `check_specs`, from the one Great Expectations run of the table."""
    return [_check_result(build, expectations_check(build.table)), *(_check_result(build, a.name) for a in audits)]


def _check_result(build: TableBuild, check: str) -> dg.AssetCheckResult:
    outcome = build.validation.for_check(check)
    metadata: dict[str, dg.MetadataValue | str | int] = {
        "suite": build.validation.suite,
        "evaluated_expectations": outcome.evaluated,
        "failed_expectations": len(outcome.failed),
    }
    if outcome.failed:
        metadata["failures"] = dg.MetadataValue.md(
            "\n".join(f"- `{f['expectation']}`: {f['detail']}" for f in outcome.failed)
        )
        metadata["rejected_rows_table"] = build.failed_table
    if build.validation.results_path:
        metadata["gx_result"] = dg.MetadataValue.path(build.validation.results_path)
    return dg.AssetCheckResult(
        check_name=check,
        passed=outcome.success,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata=metadata,
        description=outcome.summary(),
    )


def markdown_table(frame: pd.DataFrame) -> str:
    """A small frame as a Markdown table for the Dagster UI (no extra dependency)."""
    header = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    def cell(value: object) -> str:
        if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
            return ""
        return "; ".join(map(str, value)) if pd.api.types.is_list_like(value) else str(value)

    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def column_schema(build: TableBuild) -> dg.TableSchema:
    """The committed table's columns for the Dagster UI: DuckDB type and the description it is commented with."""
    doc = TABLE_DOCS.get(build.table)
    columns = []
    for name, kind in zip(build.columns, build.column_types or [], strict=True):
        column_doc = doc.column(name) if doc else None
        columns.append(dg.TableColumn(name=name, type=kind, description=column_doc.comment if column_doc else None))
    return dg.TableSchema(columns=columns)


def table_metadata(build: TableBuild, frame: pd.DataFrame | None = None) -> dict[str, object]:
    metadata: dict[str, object] = {
        "table": build.table if build.committed else f"{build.table} (unchanged: new rows rejected)",
        "dagster/row_count": build.rows,
        "committed": build.committed,
    }
    if build.committed and build.column_types:
        metadata["dagster/column_schema"] = column_schema(build)
    if frame is not None and "status" in frame:
        symbols = frame["status"].dropna().value_counts().to_dict()
        metadata["status_symbols"] = dg.MetadataValue.json({str(k): int(v) for k, v in symbols.items()})
    return metadata


def load_validated(warehouse: DuckDBResource, output: OutputResource, table: str, expectations: Expectations,
                   frame: pd.DataFrame, suite_name: str) -> TableBuild:
    """A frame read from a source file into `table`, swapped in only when its suite passes."""
    with warehouse.get_connection() as con:
        return replace_table_validated(con, table, expectations, frame=frame,
                                       results_dir=output.validation_dir, suite_name=suite_name)


def ssb_raw_doc(table: SsbTable) -> TableDoc:
    """The raw table of an SSB table, described from its declaration."""
    columns = {
        "region_type": ColumnDoc("what the region code is, from the declaration's region codes: landet, "
                                 "landet_uten_oslo, kommune, or another kind the table declares (fylke, "
                                 "barnevernsregion, …), else annen"),
        # The declared unit is the table's main one: a table may publish rates beside counts (09050).
        "value": ColumnDoc(f"the cell's value as SSB publishes it, in its statistic's unit (the declaration's: "
                           f"{table.unit}); NULL where SSB shows a status symbol"),
    }
    for var in table.variables:
        what = f"SSB variable {var.code or var.label}" if var.code or var.label else f"SSB's {var.role} variable"
        role = f" ({var.role})" if var.role and (var.code or var.label) else ""
        columns[var.column] = ColumnDoc(f"{what}{role}: the value code")
        columns[f"{var.column}_label"] = ColumnDoc(f"{what}: SSB's label of the value")
        if var.selection.kind == "labels":
            columns[f"{var.column}_key"] = ColumnDoc(
                f"{what}: the project's stable key for the label (declaration {table.id}), NULL for a label "
                f"it does not declare")
    return document(TableDoc(
        table.raw_table, f"SSB table {table.id} ({table.title}) as archived: every reply parsed",
        "one cell of one archived reply: its value codes and labels, value and status symbol", columns,
        f"the declaration of SSB table {table.id} (assets/sources/)"))


def ssb_table_assets(table: SsbTable, group: str,
                     declared_at: tuple[str, int | None] = ("", None)) -> list[dg.AssetsDefinition]:
    ssb_raw_doc(table)
    sql_table_doc(table.staged_table, table.staging_sql, f"SSB table {table.id} ({table.title}), typed and renamed")
    raw_key = dg.AssetKey(table.raw_table.split("."))
    staged_key = dg.AssetKey(table.staged_table.split("."))
    geo_columns = [v.column for v in table.variables if v.role == "geo"]

    @dg.asset(
        key=raw_key,
        group_name=group,
        kinds={"duckdb"},
        description=f"SSB table {table.id} ({table.title}), every archived reply parsed: one row per cell, "
        f"value codes, labels and status symbols kept. {table.description}",
        check_specs=check_specs(table.raw_table, raw_key, f"SSB table {table.id} as archived"),
        metadata={"ssb_table": table.id, "unit": table.unit,
                  **code_references((*declared_at, f"SSB {table.id}: declaration"))},
    )
    def raw_asset(
        context: dg.AssetExecutionContext,
        warehouse: DuckDBResource,
        snapshot: SnapshotResource,
        output: OutputResource,
    ) -> Iterator[dg.MaterializeResult]:
        snap = snapshot.open()
        parts = snap.ssb_parts(table.id)
        frames = []
        for i, part in enumerate(parts, start=1):
            parsed = parse_dataset(snap.read_bytes(part.relpath), f"{snap.root}/{part.relpath}", table)
            context.log.info(f"SSB {table.id}: part {i}/{len(parts)} {part.relpath}: {parsed.cells} cells")
            frame = parsed.frame
            frame.insert(0, "part", part.part)
            frame.insert(0, "synthetic", snap.is_synthetic(part.relpath) or parsed.synthetic)
            frame.insert(0, "snapshot_id", snap.snapshot_id)
            frames.append(frame)
        frame = pd.concat(frames, ignore_index=True)
        if geo_columns:
            frame["region_type"] = frame[geo_columns[0]].map(table.regions.classify)
        else:  # a table without a region variable has figures for the whole country
            frame["region_type"] = "landet"
        build = load_validated(warehouse, output, table.raw_table, table.raw_expectations, frame, f"raw_ssb_{table.id}")
        time_col = next((v.column for v in table.variables if v.role == "time"), None)
        years = sorted(frame[time_col].unique().tolist()) if time_col else []
        context.log.info(f"SSB {table.id}: {build.validation.headline()}")
        yield dg.MaterializeResult(
            metadata={
                **table_metadata(build, frame),
                "snapshot_id": snap.snapshot_id,
                "snapshot_source": snap.source,
                "synthetic": bool(frame["synthetic"].any()),
                "parts": dg.MetadataValue.json(
                    [{"file": p.relpath, "sha256": (snap.file_entry(p.relpath) or {}).get("sha256")}
                     for p in parts]
                ),
                "years": dg.MetadataValue.text(", ".join(map(str, years))),
            },
            check_results=check_results(build),
        )

    @dg.asset(
        key=staged_key,
        group_name=group,
        kinds={"duckdb", "sql"},
        deps=[raw_key],
        description=f"SSB table {table.id}, typed and renamed (sql/{table.staging_sql}).",
        check_specs=check_specs(table.staged_table, staged_key, f"SSB table {table.id}, typed"),
        metadata={"sql": f"sql/{table.staging_sql}", "ssb_table": table.id,
                  **code_references((SQL_DIR / table.staging_sql, 1, table.staging_sql),
                                    (*declared_at, f"SSB {table.id}: declaration"))},
    )
    def staged_asset(
        context: dg.AssetExecutionContext, warehouse: DuckDBResource, output: OutputResource
    ) -> Iterator[dg.MaterializeResult]:
        with warehouse.get_connection() as con:
            build = replace_table_validated(
                con, table.staged_table, table.staged_expectations, select_sql=read_sql(table.staging_sql),
                results_dir=output.validation_dir, suite_name=table.staged_table.replace(".", "_"),
            )
            preview = con.execute(f"select * from {build.table if build.committed else build.failed_table} "
                                  "limit 5").df()
        context.log.info(f"{table.staged_table}: {build.validation.headline()}")
        yield dg.MaterializeResult(
            metadata={**table_metadata(build), "preview": dg.MetadataValue.md(markdown_table(preview))},
            check_results=check_results(build),
        )

    return [raw_asset, staged_asset]


def reference_table_asset(spec: ReferenceTable, group: str) -> dg.AssetsDefinition:
    """`reference/<name>`: a reference CSV (snapshot override or built-in seed) as `reference.<name>`."""
    key = dg.AssetKey(["reference", spec.name])
    document(TableDoc(spec.table, spec.description, spec.one_row,
                      {name: ColumnDoc.parse(text) for name, text in spec.column_docs.items()},
                      f"the declaration of reference table {spec.name}"))

    @dg.asset(
        key=key,
        group_name=group,
        kinds={"duckdb", "csv"},
        description=f"{spec.description} (sql/seeds/{spec.name}.csv, or the snapshot's reference/{spec.name}.csv)",
        check_specs=check_specs(spec.table, key, f"reference table {spec.name}"),
        metadata=code_references((SEEDS_DIR / f"{spec.name}.csv", 1, f"sql/seeds/{spec.name}.csv")),
    )
    def reference_asset(
        context: dg.AssetExecutionContext,
        warehouse: DuckDBResource,
        snapshot: SnapshotResource,
        output: OutputResource,
    ) -> Iterator[dg.MaterializeResult]:
        loaded = load_reference(spec, snapshot.open())
        frame = loaded.frame.copy()
        frame["origin"] = f"{loaded.origin}: {loaded.path.name}"
        frame["synthetic"] = loaded.synthetic
        context.log.info(f"reference {spec.name}: {len(frame)} rows from {loaded.origin} {loaded.path}")
        build = load_validated(warehouse, output, spec.table, spec.expectations, frame, f"reference_{spec.name}")
        yield dg.MaterializeResult(
            metadata={
                **table_metadata(build),
                "origin": loaded.origin,
                "file": dg.MetadataValue.path(str(loaded.path)),
                "synthetic": loaded.synthetic,
            },
            check_results=check_results(build),
        )

    return reference_asset


def bufdir_dataset_asset(dataset: BufdirDataset, group: str,
                         declared_at: tuple[str, int | None] = ("", None)) -> dg.AssetsDefinition:
    """`raw/bufdir_<name>`: a Bufdir file of the snapshot, read against its declared schema."""
    key = dg.AssetKey(dataset.table.split("."))
    dataset_doc(dataset.table, f"Bufdir: {dataset.description} ({dataset.period})",
                f"one row of the file bufdir/{dataset.name}.csv or .xlsx, as declared", dataset.columns,
                f"the declaration of Bufdir dataset {dataset.name} (assets/sources/)")

    @dg.asset(
        key=key,
        group_name=group,
        kinds={"duckdb", "csv"},
        description=f"Bufdir: {dataset.description} ({dataset.period}). File: bufdir/{dataset.name}.csv or .xlsx",
        check_specs=check_specs(dataset.table, key, f"Bufdir dataset {dataset.name}"),
        metadata={**code_references((*declared_at, f"Bufdir {dataset.name}: declaration")),
                  "columns": dg.MetadataValue.md(markdown_table(pd.DataFrame(
            [{"column": c.name, "type": c.kind, "unit": c.unit or "", "description": c.description}
             for c in dataset.columns])))},
    )
    def bufdir_asset(
        context: dg.AssetExecutionContext,
        warehouse: DuckDBResource,
        snapshot: SnapshotResource,
        output: OutputResource,
    ) -> Iterator[dg.MaterializeResult]:
        snap = snapshot.open()
        path = find_bufdir_file(dataset, snap)
        relpath = path.relative_to(snap.root).as_posix()
        data = snap.read_bytes(relpath)  # verifies the manifest's sha256 where it lists the file
        frame = read_bufdir_file(dataset, path)
        frame["fil"] = relpath
        frame["sha256"] = sha256_bytes(data)
        frame["synthetic"] = snap.is_synthetic(relpath)
        frame["snapshot_id"] = snap.snapshot_id
        context.log.info(f"Bufdir {dataset.name}: {len(frame)} rows from {relpath}")
        build = load_validated(warehouse, output, dataset.table, dataset.expectations, frame,
                               f"raw_bufdir_{dataset.name}")
        yield dg.MaterializeResult(
            metadata={**table_metadata(build), "file": relpath, "synthetic": bool(frame["synthetic"].any())},
            check_results=check_results(build),
        )

    return bufdir_asset
