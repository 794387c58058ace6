"""What a run prints (issue #14 item 7): one line per asset with a count, warnings, everything else in run.log."""

import io
import re

import dagster as dg

from pipeline.progress import RunProgress, progress_logger


@dg.asset(check_specs=[dg.AssetCheckSpec("has_rows", asset="tabell")])
def tabell(context: dg.AssetExecutionContext):
    context.log.info("tabell: 1416 rows built")  # an asset's own INFO line: for the log, not the console
    yield dg.MaterializeResult(metadata={"dagster/row_count": 1416},
                               check_results=[dg.AssetCheckResult(check_name="has_rows", passed=True)])


@dg.asset(deps=[tabell], check_specs=[dg.AssetCheckSpec("numbers_behind_figure", asset="figur")])
def figur(context: dg.AssetExecutionContext):
    context.log.warning("figur: 2 kommuner left out («..» in 2019)")
    yield dg.MaterializeResult(metadata={"rows": 48},
                               check_results=[dg.AssetCheckResult(check_name="numbers_behind_figure", passed=False)])


def run_with_progress(tmp_path, quiet=False):
    job = dg.Definitions(assets=[tabell, figur], jobs=[dg.define_asset_job("job")]).resolve_job_def("job")
    console = io.StringIO()
    progress = RunProgress(len(job.graph.nodes), tmp_path / "run.log", console=console, quiet=quiet)
    try:
        job.with_logger_defs({"progress": progress_logger(progress)}).execute_in_process(
            instance=dg.DagsterInstance.ephemeral(), raise_on_error=False, run_config={"loggers": {"progress": {}}})
    finally:
        progress.close()
    return console.getvalue().splitlines(), (tmp_path / "run.log").read_text(encoding="utf-8")


def test_one_line_per_asset_with_count_rows_checks_and_seconds(tmp_path):
    lines, _ = run_with_progress(tmp_path)
    steps = [line for line in lines if line.startswith("[")]
    assert len(steps) == 2
    assert re.fullmatch(r"\[1/2\] tabell +1 416 rows {3}1 check ok {3}\d+\.\d s", steps[0])
    assert re.fullmatch(r"\[2/2\] figur +48 rows {3}1 of 1 check FAILED {3}\d+\.\d s", steps[1])


def test_warnings_on_the_console_dagster_and_info_lines_only_in_the_log(tmp_path):
    lines, log = run_with_progress(tmp_path)
    assert "  WARNING figur: figur: 2 kommuner left out («..» in 2019)" in lines
    assert not [line for line in lines if "1416 rows built" in line or "STEP_START" in line or "RUN_SUCCESS" in line]
    assert len(lines) == 3
    assert "tabell: 1416 rows built" in log and "STEP_START" in log and "STEP_SUCCESS" in log


def test_quiet_keeps_only_what_is_wrong(tmp_path):
    lines, _ = run_with_progress(tmp_path, quiet=True)
    assert [line.split()[0] for line in lines] == ["WARNING", "[2/2]"]
