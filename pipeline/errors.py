"""Typed errors of the pipeline.

Every error names where the problem is (table or file), the field, and what was expected, so that a
failed run can be acted on from its last log line. They are raised where the problem is found and are
never swallowed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def listing(items: Iterable[str], limit: int = 25) -> str:
    """Items quoted and comma-separated, the first `limit` of them: for messages that list what is there."""
    items = list(items)
    shown = ", ".join(repr(i) for i in items[:limit])
    if len(items) > limit:
        shown += f", … ({len(items) - limit} more)"
    return shown or "(none)"


class ReformevalError(Exception):
    """Base class of the errors the pipeline raises on bad input or configuration."""


class SsbError(ReformevalError):
    """A problem with an SSB table, its metadata or a reply from the PxWebApi."""


@dataclass(frozen=True)
class Mismatch:
    """One way a declaration does not match its table's metadata."""

    table: str
    variable: str  # the variable as the declaration or the table names it, with the declared column
    expected: str  # what the declaration asks for
    has: str  # what the table has instead
    # (what was asked for, the table's nearest names to it); empty where nothing is near
    closest: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __str__(self) -> str:
        near = [f"closest to {wanted!r}: {listing(found)}" for wanted, found in self.closest if found]
        return "; ".join([f"{self.variable}: expected {self.expected}; the table has {self.has}", *near])


class SsbSchemaError(SsbError):
    """A declaration does not match the table: a variable, a value code or a label is not there."""

    def __init__(self, message: str, *, mismatches: Sequence[Mismatch] = ()):
        super().__init__(message)
        self.mismatches = tuple(mismatches)

    @classmethod
    def of(cls, table: str, mismatches: Sequence[Mismatch]) -> SsbSchemaError:
        """One error for every mismatch of a table, so that one run shows all there is to fix."""
        count = f"{len(mismatches)} mismatch{'es' if len(mismatches) != 1 else ''}"
        lines = "".join(f"\n  - {m}" for m in mismatches)
        return cls(f"SSB table {table} does not match its declaration ({count}):{lines}", mismatches=mismatches)

    @classmethod
    def missing_variable(cls, table: str, variable: str, available: Iterable[str]) -> SsbSchemaError:
        return cls(f"SSB table {table} has no variable {variable!r}; it has {listing(available)}")


class SsbReplyError(SsbError):
    """A reply from the API that cannot be used: truncated, not JSON, not JSON-stat, wrong status."""

    def __init__(self, message: str, *, truncated: bool = False):
        super().__init__(message)
        self.truncated = truncated


class SsbUnavailableError(SsbError):
    """The API kept failing (5xx, timeouts, broken connections) after all retries."""


class SsbRateLimitError(SsbError):
    """The API kept answering 429/5xx after all retries."""


class SnapshotError(ReformevalError):
    """A snapshot directory that does not follow the documented layout or whose files do not match."""


class SnapshotIntegrityError(SnapshotError):
    """A file's bytes do not match the sha256 recorded in the snapshot manifest."""


class JsonStatError(ReformevalError):
    """A JSON-stat document that does not have the shape the parser needs."""

    def __init__(self, message: str, *, truncated: bool = False):
        super().__init__(message)
        self.truncated = truncated  # the document ends early: worth fetching again


class ReferenceDataError(ReformevalError):
    """Reference data (deflator, kommune mapping, rates) that is missing a year, a row or a source."""


class SqlFileError(ReformevalError):
    """A SQL file of the project that does not parse (named by its path)."""


class SuppressedCellError(ReformevalError):
    """An SSB cell a model must read is a status symbol ('..', '...', ':') instead of a number."""


class OutputLockedError(ReformevalError):
    """Another run is writing to the same output directory."""


class OutputFolderError(ReformevalError):
    """An output folder the run may not replace: it holds other files, the snapshot, the working folder…"""


class RunInterrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM stopped a run. A KeyboardInterrupt, not an Exception, so that no `except
    Exception` on the way swallows it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def signal_name(self) -> str:
        import signal

        return signal.Signals(self.signum).name


class DeclarationError(ReformevalError):
    """The declared sources contradict each other (two SSB tables with one id, two Bufdir datasets with
    one name), or the demo's values do not match them (a declared table without demo values)."""
