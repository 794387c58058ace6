"""What a run says while it runs: one line per asset on the console, everything in OUT/run.log.

Dagster's console logger prints every step's start, its outputs and every line an asset logs, with a
run id in each: the lines a user needs drowned. A run instead gets this logger (see `progress_logger`):

    [37/144] indicators/netto_driftsutgifter   1 416 rows   10 checks ok   0.4 s

with the count of steps done, the asset, its rows (where it has a table or a figure), its checks and
how long it took; a warning or error an asset logs (a note on a suppressed SSB cell, a failed check, a
failed step) is also printed, as it comes; Dagster's own events and the assets' INFO lines go only to
the run log, `run.log` in the output folder.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import IO, Any

import dagster as dg
from dagster._core.log_manager import LOG_RECORD_METADATA_ATTR

RUN_LOG = "run.log"


def _value(metadata_value: Any) -> Any:
    return getattr(metadata_value, "value", metadata_value)


class RunProgress(logging.Handler):
    """Turns the records of a Dagster run into the console lines above and the full log."""

    def __init__(self, total_steps: int, log_path: Path, console: IO[str] | None = None, quiet: bool = False) -> None:
        """`quiet`: only warnings and failures on the console (the bench, tests), no line per asset."""
        super().__init__(level=logging.DEBUG)
        self.quiet = quiet
        self.total = total_steps
        self.done = 0
        self.console = console or sys.stderr
        self.log_path = log_path
        log_path.parent.mkdir(parents=True, exist_ok=True)
        self.log_file = log_path.open("a", encoding="utf-8")
        self.started: dict[str, float] = {}
        self.rows: dict[str, int] = {}
        self.checks: dict[str, list[bool]] = {}
        self.width = 44

    def close(self) -> None:
        if not self.log_file.closed:
            self.log_file.close()
        super().close()

    def _write_log(self, record: logging.LogRecord, meta: dict, event: Any) -> None:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(record.created))
        step = self._asset(meta.get("step_key")) if meta.get("step_key") else "-"
        kind = event.event_type_value if event is not None else "log"
        message = meta.get("orig_message") or record.getMessage()
        if event is not None and event.is_step_failure and event.step_failure_data is not None:
            message = f"{message}\n{event.step_failure_data.error.to_string()}"
        self.log_file.write(f"{stamp} {record.levelname:<7} {step} {kind}: {message}\n")
        self.log_file.flush()

    def _say(self, line: str) -> None:
        print(line, file=self.console, flush=True)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            meta = getattr(record, LOG_RECORD_METADATA_ATTR, None)
            if meta is None:  # the run driver's own records (pipeline, reformeval): the console has them already
                self._write_log(record, {}, None)
                return
            event = meta.get("dagster_event")
            self._write_log(record, meta, event)
            step = meta.get("step_key")
            if event is None:
                if record.levelno >= logging.WARNING:  # an asset's own warning: something to look at
                    message = meta.get("orig_message") or record.getMessage()
                    self._say(f"  {record.levelname} {self._asset(step)}: {message}")
                return
            self._on_event(event, record)
        except Exception:  # a console line must never stop a run
            self.handleError(record)

    def _on_event(self, event: dg.DagsterEvent, record: logging.LogRecord) -> None:
        step = event.step_key
        kind = event.event_type
        if kind == dg.DagsterEventType.STEP_START:
            self.started[step] = record.created
        elif kind == dg.DagsterEventType.ASSET_MATERIALIZATION:
            metadata = event.event_specific_data.materialization.metadata
            rows = metadata.get("dagster/row_count", metadata.get("rows"))
            if rows is not None:
                self.rows[step] = int(_value(rows))
        elif kind == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            self.checks.setdefault(step, []).append(bool(event.event_specific_data.passed))
        elif kind in (dg.DagsterEventType.STEP_SUCCESS, dg.DagsterEventType.STEP_FAILURE):
            self.done += 1
            failed = kind == dg.DagsterEventType.STEP_FAILURE
            if failed or not self.quiet or any(not ok for ok in self.checks.get(step, [])):
                self._say(self._step_line(step, record.created, failed=failed))
        elif kind == dg.DagsterEventType.STEP_SKIPPED:
            self.done += 1
            if not self.quiet:
                self._say(f"[{self.done}/{self.total}] {self._asset(step):<{self.width}} skipped: an input failed")

    @staticmethod
    def _asset(step: str | None) -> str:
        return (step or "?").replace("__", "/")

    def _step_line(self, step: str, ended: float, failed: bool) -> str:
        parts = []
        if step in self.rows:
            parts.append(f"{self.rows[step]:>7,} rows".replace(",", " "))
        checks = self.checks.get(step, [])
        if checks:
            bad = checks.count(False)
            plural = "s" if len(checks) > 1 else ""
            parts.append(f"{bad} of {len(checks)} check{plural} FAILED" if bad else f"{len(checks)} check{plural} ok")
        if failed:
            parts.append("FAILED")
        seconds = ended - self.started.get(step, ended)
        parts.append(f"{seconds:.1f} s")
        return f"[{self.done}/{self.total}] {self._asset(step):<{self.width}} " + "   ".join(parts)


def progress_logger(handler: RunProgress) -> dg.LoggerDefinition:
    """A Dagster logger that hands every record of the run, DEBUG included, to `handler`."""

    @dg.logger(description="reformeval: one line per asset on the console, everything in run.log")
    def reformeval_progress(_init_context: dg.InitLoggerContext) -> logging.Logger:
        run_logger = logging.Logger("reformeval.run", level=logging.DEBUG)
        run_logger.addHandler(handler)
        return run_logger

    return reformeval_progress
