"""SIGINT and SIGTERM always stop a run, and a stopped run never replaces its output.

Dagster installs its own handler while it executes (SIGTERM is mapped to SIGINT's, and an interrupt is
only raised at its check points): a signal that arrives during the last step can end up swallowed, and
the run would look successful. So a run watches the signals on two levels: its own handler raises
`RunInterrupted` at once outside Dagster's execution, and a wakeup pipe records every signal that
reaches any Python handler, Dagster's included, so `SignalGuard.check()` knows of it afterwards.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from pipeline.errors import RunInterrupted

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class SignalGuard:
    def __init__(self, read_fd: int | None):
        self._read_fd = read_fd
        self.received: list[int] = []
        self.deferring = False  # inside `held()`: a signal is recorded, not raised

    def _drain(self) -> None:
        if self._read_fd is None:
            return
        while True:
            try:
                data = os.read(self._read_fd, 512)
            except BlockingIOError:
                return
            if not data:
                return
            self.received.extend(b for b in data if b in STOP_SIGNALS and b not in self.received)

    def check(self) -> None:
        """Raise `RunInterrupted` if a stop signal arrived at any time since the guard was set up."""
        self._drain()
        if self.received:
            raise RunInterrupted(self.received[0])

    @contextmanager
    def held(self) -> Iterator[None]:
        """Within the block a signal is only recorded: the block (the swap of OUT, renames that belong
        together) is never cut in the middle, and calls `check()` where it can still undo its work."""
        self.deferring = True
        try:
            yield
        finally:
            self.deferring = False


@contextmanager
def stop_on_signals() -> Iterator[SignalGuard]:
    """Within the block, SIGINT and SIGTERM raise `RunInterrupted` (outside Dagster's execution) and are
    remembered (inside it). Only the main thread can handle signals; elsewhere the guard is inert."""
    if threading.current_thread() is not threading.main_thread():
        yield SignalGuard(None)
        return
    read_fd, write_fd = os.pipe()
    os.set_blocking(read_fd, False)
    os.set_blocking(write_fd, False)
    guard = SignalGuard(read_fd)

    def handler(signum: int, _frame: object) -> None:
        if signum not in guard.received:
            guard.received.append(signum)
        if not guard.deferring:
            raise RunInterrupted(signum)

    previous_fd = signal.set_wakeup_fd(write_fd, warn_on_full_buffer=False)
    previous = {s: signal.signal(s, handler) for s in STOP_SIGNALS}
    try:
        yield guard
    finally:
        for s, old in previous.items():
            signal.signal(s, old)
        signal.set_wakeup_fd(previous_fd)
        os.close(read_fd)
        os.close(write_fd)
