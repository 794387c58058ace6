"""Great Expectations suites built from declarations, run on pandas frames of DuckDB tables.

GX's SQL datasource does not support DuckDB, so a table is validated as a pandas frame read from the
warehouse. Each suite's result is written as JSON under the run's `validation/` folder (the failing
values where it failed, see `validate_frame`), and the summary (evaluated / failed expectations, with
the failing values) goes into the Dagster check.
"""

from __future__ import annotations

import json
import logging
import os
import warnings
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from pipeline.expectations import Audit, Expectations
from pipeline.snapshot import write_atomic

if TYPE_CHECKING:
    import great_expectations as gx


@cache
def _gx() -> Any:
    """Great Expectations, imported when a suite is first built (a few seconds): loading the Definitions, or
    a run that validates nothing (`--only` a figure), does not pay for it."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("GE_USAGE_STATS", "False")
    import great_expectations  # its analytics read the environment at import

    # GX sets some of its own loggers to INFO at import (data_context.types.base): quiet them all.
    for name in ["great_expectations", *(n for n in logging.root.manager.loggerDict
                                         if n.startswith("great_expectations."))]:
        logging.getLogger(name).setLevel(logging.WARNING)
    # GX matches a regex with pandas' str.contains, which warns about every pattern with a group although
    # only whether it matches is used: noise in the run log, not a problem.
    warnings.filterwarnings("ignore", category=UserWarning,
                            message="This pattern is interpreted as a regular expression, and has match groups")
    return great_expectations


@dataclass
class ValidationOutcome:
    suite: str
    success: bool
    evaluated: int
    failed: list[dict[str, Any]] = field(default_factory=list)  # each with the name of the check it belongs to
    results_path: str | None = None
    evaluated_by_check: dict[str, int] = field(default_factory=dict)

    def for_check(self, check: str) -> ValidationOutcome:
        """The part of the outcome that belongs to one named check (the table's own, or an audit)."""
        failed = [f for f in self.failed if f.get("check") == check]
        return ValidationOutcome(suite=f"{self.suite}: {check}", success=not failed,
                                 evaluated=self.evaluated_by_check.get(check, 0), failed=failed,
                                 results_path=self.results_path)

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
    context = _gx().get_context(mode="ephemeral")
    # Progress bars would interleave with Dagster's log lines.
    context.variables.progress_bars = {"globally": False, "metric_calculations": False}
    return context


@cache
def _batch_definition() -> Any:
    """One pandas data source for every frame validated in the process: a frame is a batch parameter."""
    source = _context().data_sources.add_or_update_pandas("reformeval_frames")
    return source.add_dataframe_asset(name="frame").add_batch_definition_whole_dataframe("whole_frame")


def build_suite(name: str, spec: Expectations, columns_present: list[str] | None = None,
                audits: tuple[Audit, ...] = (), check: str = "expectations") -> gx.ExpectationSuite:
    """The GX suite a declaration's `Expectations` (and a model's audits) stand for. Each expectation
    carries the name of the check it is reported under in its `meta`: `check` for the table's own,
    the audit's name for an audit's."""
    _context()  # GX binds a suite to the active context as it is built
    checks = [(spec, check), *((Expectations(columns=audit.columns, at_least=audit.at_least, min_rows=0), audit.name)
                               for audit in audits)]
    expectations: list[Any] = []
    seen: list[tuple[str, dict]] = []
    for part, part_check in checks:
        for expectation in _expectations(part, columns_present):
            # A suite is a set: an expectation equal to one already in it (GX's test, which leaves out id,
            # meta, notes and rendered content) is left out, the first kept. GX's add_expectation makes
            # the same test against every expectation already added, serialising both each time, and asks
            # the store whether the suite was saved: building the suite here and handing GX the list takes
            # a suite of 40 from 60 ms to a few.
            identity = (expectation.expectation_type, expectation.dict(exclude=_NOT_IDENTITY))
            if identity in seen:
                continue
            seen.append(identity)
            expectation.meta = {"check": part_check}  # the check it is reported under
            expectations.append(expectation)
    return _gx().ExpectationSuite(name=name, expectations=expectations)


_NOT_IDENTITY = {"id", "rendered_content", "notes", "meta"}


def _expectations(spec: Expectations, columns_present: list[str] | None) -> list[Any]:
    e = _gx().expectations
    out: list[Any] = []
    if spec.min_rows:
        out.append(e.ExpectTableRowCountToBeBetween(min_value=spec.min_rows))
    out += [e.ExpectColumnToExist(column=column) for column in spec.required_columns]
    for col in spec.columns:
        if columns_present is not None and col.column not in columns_present:
            # A missing column is reported once, by ExpectColumnToExist, not by every rule on it.
            out.append(e.ExpectColumnToExist(column=col.column))
            continue
        if col.not_null:
            out.append(e.ExpectColumnValuesToNotBeNull(column=col.column))
        if col.min_value is not None or col.max_value is not None:
            out.append(e.ExpectColumnValuesToBeBetween(column=col.column, min_value=col.min_value,
                                                       max_value=col.max_value, mostly=col.mostly))
        if col.allowed is not None:
            out.append(e.ExpectColumnValuesToBeInSet(column=col.column, value_set=list(col.allowed), mostly=col.mostly))
        if col.regex is not None:
            out.append(e.ExpectColumnValuesToMatchRegex(column=col.column, regex=col.regex))
    out += [e.ExpectColumnDistinctValuesToContainSet(column=column, value_set=list(values))
            for column, values in spec.must_contain]
    out += [e.ExpectColumnPairValuesAToBeGreaterThanB(column_A=a, column_B=b, or_equal=True,
                                                      ignore_row_if="either_value_is_missing")
            for a, b in spec.at_least]
    if len(spec.unique_key) == 1:
        out.append(e.ExpectColumnValuesToBeUnique(column=spec.unique_key[0]))
    elif spec.unique_key:
        out.append(e.ExpectCompoundColumnsToBeUnique(column_list=list(spec.unique_key)))
    return out


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
    return {"expectation": f"{config['type']}({args})", "detail": text, "check": _check_of(result)}


def _check_of(result: dict[str, Any]) -> str:
    return ((result.get("expectation_config") or {}).get("meta") or {}).get("check", "expectations")


def validate_frame(
    frame: pd.DataFrame,
    suite: gx.ExpectationSuite,
    results_dir: Path | None = None,
) -> ValidationOutcome:
    """Run a suite on a frame; write the GX result to `results_dir/<suite>.json`.

    A suite that passes is evaluated once with GX's BOOLEAN_ONLY result format (each expectation met or
    not: about half the time of the full summary); one that fails is evaluated again with SUMMARY, so
    that its result, the check and the error show the failing values."""
    name = suite.name
    batch = _batch_definition().get_batch(batch_parameters={"dataframe": frame})
    result = batch.validate(suite, result_format="BOOLEAN_ONLY")
    if not result.success:
        result = batch.validate(suite, result_format="SUMMARY")
    as_dict = result.to_json_dict()
    stats = as_dict.get("statistics", {})
    failed = [_describe(r) for r in as_dict.get("results", []) if not r.get("success")]
    evaluated_by_check: dict[str, int] = {}
    for r in as_dict.get("results", []):
        evaluated_by_check[_check_of(r)] = evaluated_by_check.get(_check_of(r), 0) + 1
    outcome = ValidationOutcome(
        suite=name,
        success=bool(as_dict.get("success")),
        evaluated=int(stats.get("evaluated_expectations", 0)),
        failed=failed,
        evaluated_by_check=evaluated_by_check,
    )
    if results_dir is not None:
        path = Path(results_dir) / f"{name}.json"
        write_atomic(path, json.dumps(as_dict, indent=1, ensure_ascii=False, default=str).encode("utf-8"))
        outcome.results_path = str(path)
    return outcome
