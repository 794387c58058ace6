"""`make dev` end to end: the Dagster UI materialises report year 2023 when asked through its GraphQL API.

Starts `dagster dev -w workspace.yaml` from the project root as `make dev` does, on a free port, with the
warehouse and the output in a folder that does not exist yet (issue #9: the UI's `build/dev/` was never
created, and every step failed after DuckDB's connection retries). The job is launched for partition
2023 with the `launchRun` mutation, as the UI's launch button does, and the run is followed until it
ends. Real processes, real HTTP: nothing is mocked.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx
import pytest

from pipeline.app.definitions import MAIN_JOB, PROJECT_ROOT
from pipeline.resources import warehouse_resource

REPORT_YEAR = "2023"
START_TIMEOUT_S = 180
RUN_TIMEOUT_S = 300
RUN_ENDED = {"SUCCESS", "FAILURE", "CANCELED"}

WORKSPACE_QUERY = """
query Workspace {
  workspaceOrError {
    __typename
    ... on Workspace {
      locationEntries {
        name
        loadStatus
        locationOrLoadError {
          __typename
          ... on RepositoryLocation { repositories { name jobs { name } } }
          ... on PythonError { message stack }
        }
      }
    }
    ... on PythonError { message }
  }
}
"""

LAUNCH_RUN = """
mutation LaunchRun($executionParams: ExecutionParams!) {
  launchRun(executionParams: $executionParams) {
    __typename
    ... on LaunchRunSuccess { run { runId } }
    ... on RunConfigValidationInvalid { errors { message } }
    ... on Error { message }
  }
}
"""

RUN_STATUS = """
query RunStatus($runId: ID!) {
  runOrError(runId: $runId) {
    __typename
    ... on Run { status stepStats { stepKey status } }
    ... on Error { message }
  }
}
"""

STEP_FAILURES = """
query StepFailures($runId: ID!, $afterCursor: String) {
  logsForRun(runId: $runId, afterCursor: $afterCursor) {
    __typename
    ... on EventConnection {
      cursor
      hasMore
      events {
        __typename
        ... on ExecutionStepFailureEvent { stepKey error { message cause { message } } }
      }
    }
    ... on Error { message }
  }
}
"""

_ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class DagsterDev:
    """A running `dagster dev`: its GraphQL endpoint and the log its processes (run workers too) write."""

    def __init__(self, process: subprocess.Popen, port: int, log: Path):
        self.process = process
        self.url = f"http://127.0.0.1:{port}/graphql"
        self.log = log

    def log_tail(self, lines: int = 80) -> str:
        text = _ANSI_COLOUR.sub("", self.log.read_text(encoding="utf-8", errors="replace"))
        return "--- last lines of the dagster dev log ---\n" + "\n".join(text.splitlines()[-lines:])

    def graphql(self, query: str, **variables) -> dict:
        reply = httpx.post(self.url, json={"query": query, "variables": variables}, timeout=60)
        reply.raise_for_status()
        body = reply.json()
        if body.get("errors"):
            pytest.fail(f"GraphQL errors: {body['errors']}\n{self.log_tail()}")
        return body["data"]

    def wait_for_code_location(self, timeout_s: float) -> tuple[str, str]:
        """The (location, repository) that holds the main job, once the webserver has loaded it."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"dagster dev exited with {self.process.returncode} while starting\n{self.log_tail()}")
            try:
                workspace = self.graphql(WORKSPACE_QUERY)["workspaceOrError"]
            except httpx.TransportError:
                time.sleep(1)  # the webserver is not listening yet
                continue
            for entry in workspace.get("locationEntries", []):
                location = entry["locationOrLoadError"] or {}
                if location.get("__typename") == "PythonError":
                    pytest.fail(f"code location {entry['name']} failed to load: {location['message']}\n"
                                + "".join(location["stack"]))
                for repository in location.get("repositories", []):
                    if any(job["name"] == MAIN_JOB for job in repository["jobs"]):
                        return entry["name"], repository["name"]
            time.sleep(1)
        pytest.fail(f"dagster dev did not serve job {MAIN_JOB} within {timeout_s} s\n{self.log_tail()}")

    def step_failures(self, run_id: str) -> list[str]:
        failures, cursor = [], None
        while True:
            logs = self.graphql(STEP_FAILURES, runId=run_id, afterCursor=cursor)["logsForRun"]
            if logs["__typename"] != "EventConnection":
                return [f"(logs of run {run_id} not readable: {logs.get('message')})"]
            for event in logs["events"]:
                if event["__typename"] == "ExecutionStepFailureEvent":
                    error = event["error"]
                    cause = (error.get("cause") or {}).get("message", "")
                    failures.append(f"{event['stepKey']}: {error['message'].strip()} {cause.strip()}".strip())
            if not logs["hasMore"]:
                return failures
            cursor = logs["cursor"]


@contextmanager
def dagster_dev(env: dict[str, str], log: Path) -> Iterator[DagsterDev]:
    """`dagster dev -w workspace.yaml` from the project root, as `make dev` starts it. It spawns a
    webserver, a daemon, a code server and run workers: all are in its own session, and all are killed
    at the end."""
    port = _free_port()
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "dagster", "dev", "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)],
            cwd=PROJECT_ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        yield DagsterDev(process, port, log)
    finally:
        _kill_process_group(process)


def _kill_process_group(process: subprocess.Popen) -> None:
    """SIGKILL to the whole group: nothing in it outlives the test (its DAGSTER_HOME is a tmp folder),
    so the ~10 s of a graceful shutdown buy nothing."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # start_new_session: the group id is the leader's pid
    process.wait(timeout=30)


def test_warehouse_in_a_folder_that_does_not_exist_yet_is_created_on_first_connection(tmp_path):
    warehouse = tmp_path / "not" / "there" / "warehouse.duckdb"
    with warehouse_resource(str(warehouse)).get_connection() as con:
        assert con.execute("select 42").fetchone() == (42,)
    assert warehouse.is_file()


@pytest.mark.slow
def test_make_dev_ui_materialises_report_year_2023_through_graphql(tmp_path):
    from assets import write_demo

    snapshot = write_demo(tmp_path / "demo-snapshot", int(REPORT_YEAR)).root
    out = tmp_path / "dev"
    warehouse = out / "warehouse.duckdb"
    assert not warehouse.parent.exists()  # the folder the UI's run must create itself (issue #9)
    dagster_home = tmp_path / "dagster_home"
    dagster_home.mkdir()
    shutil.copy(PROJECT_ROOT / ".dagster_home" / "dagster.yaml", dagster_home / "dagster.yaml")
    env = {**os.environ, "DAGSTER_HOME": str(dagster_home), "REFORMEVAL_SNAPSHOT": str(snapshot),
           "REFORMEVAL_OUT": str(out), "REFORMEVAL_WAREHOUSE": str(warehouse)}

    with dagster_dev(env, tmp_path / "dagster-dev.log") as ui:
        location, repository = ui.wait_for_code_location(START_TIMEOUT_S)
        launched = ui.graphql(LAUNCH_RUN, executionParams={
            "selector": {"repositoryLocationName": location, "repositoryName": repository, "jobName": MAIN_JOB},
            "executionMetadata": {"tags": [{"key": "dagster/partition", "value": REPORT_YEAR}]},
        })["launchRun"]
        assert launched["__typename"] == "LaunchRunSuccess", f"{launched}\n{ui.log_tail()}"
        run_id = launched["run"]["runId"]

        deadline = time.monotonic() + RUN_TIMEOUT_S
        while True:
            run = ui.graphql(RUN_STATUS, runId=run_id)["runOrError"]
            assert run["__typename"] == "Run", run
            failed_steps = [s["stepKey"] for s in run["stepStats"] if s["status"] == "FAILURE"]
            # A failed step fails the run; stop here rather than wait for the steps still running.
            if run["status"] in RUN_ENDED or failed_steps:
                break
            if time.monotonic() > deadline:
                pytest.fail(f"run {run_id} still {run['status']} after {RUN_TIMEOUT_S} s\n{ui.log_tail()}")
            time.sleep(2)

        failures = "\n".join(ui.step_failures(run_id)) if failed_steps or run["status"] != "SUCCESS" else ""
        assert run["status"] == "SUCCESS" and not failed_steps, (
            f"run {run_id} of {MAIN_JOB} for {REPORT_YEAR}: {run['status']}, failed steps {failed_steps}\n"
            f"{failures}\n{ui.log_tail()}"
        )

    figures = sorted(p.name for p in (out / "figures" / REPORT_YEAR).glob("*.png"))
    assert figures, f"the run wrote no figures under {out / 'figures' / REPORT_YEAR}"
    assert warehouse.is_file()
