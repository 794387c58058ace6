"""Great Expectations suites built from declarations, run on pandas frames of DuckDB tables.

GX's SQL datasource does not support DuckDB, so a table is validated as a pandas frame read from the
warehouse. Each suite's full result is written as JSON under the run's `validation/` folder, and the
summary (evaluated / failed expectations, with the failing values) goes into the Dagster check.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.snapshot import write_atomic
from pipeline.ssb.declaration import Expectations

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
os.environ.setdefault("GE_USAGE_STATS", "False")

import great_expectations as gx  # noqa: E402  (its analytics read the environment at import)

logging.getLogger("great_expectations").setLevel(logging.WARNING)


@dataclass
class ValidationOutcome:
    suite: str
    success: bool
    evaluated: int
    failed: list[dict[str, Any]] = field(default_factory=list)
    results_path: str | None = None

    def headline(self) -> str:
        """One line for the run log; the failed expectations themselves are told once, where the run
        stops (the check's description), not twice."""
        if self.success:
            return f"{self.suite}: all {self.evaluated} expectations met"
        return f"{self.suite}: {len(self.failed)} of {self.evaluated} expectations failed"

    def summary(self) -> str:
        if self.success:
            return self.headline()
        return "\n".join([self.headline(), *(f"  - {f['expectation']}: {f['detail']}" for f in self.failed)])


@cache
def _context() -> Any:
    context = gx.get_context(mode="ephemeral")
    # Progress bars would interleave with Dagster's log lines.
    context.variables.progress_bars = {"globally": False, "metric_calculations": False}
    return context


def build_suite(name: str, spec: Expectations, columns_present: list[str] | None = None) -> gx.ExpectationSuite:
    """The GX suite a declaration's `Expectations` stand for."""
    _context()  # GX binds a suite to the active context as it is built
    e = gx.expectations
    suite = gx.ExpectationSuite(name=name)
    if spec.min_rows:
        suite.add_expectation(e.ExpectTableRowCountToBeBetween(min_value=spec.min_rows))
    for column in spec.required_columns:
        suite.add_expectation(e.ExpectColumnToExist(column=column))
    for col in spec.columns:
        if columns_present is not None and col.column not in columns_present:
            # A missing column is reported once, by ExpectColumnToExist, not by every rule on it.
            suite.add_expectation(e.ExpectColumnToExist(column=col.column))
            continue
        if col.not_null:
            suite.add_expectation(e.ExpectColumnValuesToNotBeNull(column=col.column))
        if col.min_value is not None or col.max_value is not None:
            suite.add_expectation(
                e.ExpectColumnValuesToBeBetween(
                    column=col.column, min_value=col.min_value, max_value=col.max_value, mostly=col.mostly
                )
            )
        if col.allowed is not None:
            suite.add_expectation(
                e.ExpectColumnValuesToBeInSet(column=col.column, value_set=list(col.allowed), mostly=col.mostly)
            )
        if col.regex is not None:
            suite.add_expectation(e.ExpectColumnValuesToMatchRegex(column=col.column, regex=col.regex))
    for column, values in spec.must_contain:
        suite.add_expectation(e.ExpectColumnDistinctValuesToContainSet(column=column, value_set=list(values)))
    for a, b in spec.at_least:
        suite.add_expectation(
            e.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A=a, column_B=b, or_equal=True, ignore_row_if="either_value_is_missing"
            )
        )
    if len(spec.unique_key) == 1:
        suite.add_expectation(e.ExpectColumnValuesToBeUnique(column=spec.unique_key[0]))
    elif spec.unique_key:
        suite.add_expectation(e.ExpectCompoundColumnsToBeUnique(column_list=list(spec.unique_key)))
    return suite


def _describe(result: dict[str, Any]) -> dict[str, Any]:
    config = result["expectation_config"]
    kwargs = {k: v for k, v in config.get("kwargs", {}).items() if k != "batch_id"}
    detail = result.get("result") or {}
    exception = (result.get("exception_info") or {}).get("exception_message")
    if exception:
        text = f"could not be evaluated: {exception}"
    elif "unexpected_count" in detail:
        text = (
            f"{detail['unexpected_count']} of {detail.get('element_count')} rows unexpected; e.g. "
            f"{detail.get('partial_unexpected_list', [])[:5]}"
        )
    elif "observed_value" in detail:
        text = f"observed {detail['observed_value']!r}"
    else:
        text = "failed"
    args = ", ".join(f"{k}={v!r}" for k, v in kwargs.items() if k != "mostly" or v != 1.0)
    return {"expectation": f"{config['type']}({args})", "detail": text}


def validate_frame(
    frame: pd.DataFrame,
    suite: gx.ExpectationSuite,
    results_dir: Path | None = None,
) -> ValidationOutcome:
    """Run a suite on a frame; write the full GX result to `results_dir/<suite>.json`."""
    context = _context()
    name = suite.name
    source = context.data_sources.add_or_update_pandas(f"ds_{name}")
    asset = source.add_dataframe_asset(name=f"asset_{name}")
    batch_definition = asset.add_batch_definition_whole_dataframe(f"batch_{name}")
    batch = batch_definition.get_batch(batch_parameters={"dataframe": frame})
    result = batch.validate(suite)
    as_dict = result.to_json_dict()
    stats = as_dict.get("statistics", {})
    failed = [_describe(r) for r in as_dict.get("results", []) if not r.get("success")]
    outcome = ValidationOutcome(
        suite=name,
        success=bool(as_dict.get("success")),
        evaluated=int(stats.get("evaluated_expectations", 0)),
        failed=failed,
    )
    if results_dir is not None:
        path = Path(results_dir) / f"{name}.json"
        write_atomic(path, json.dumps(as_dict, indent=1, ensure_ascii=False, default=str).encode("utf-8"))
        outcome.results_path = str(path)
    return outcome
