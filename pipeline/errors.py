"""Typed errors of the pipeline.

Every error names where the problem is (table or file), the field, and what was expected, so that a
failed run can be acted on from its last log line. They are raised where the problem is found and are
never swallowed.
"""

from __future__ import annotations

from collections.abc import Iterable


def _listing(items: Iterable[str], limit: int = 25) -> str:
    items = list(items)
    shown = ", ".join(repr(i) for i in items[:limit])
    if len(items) > limit:
        shown += f", … ({len(items) - limit} more)"
    return shown or "(none)"


class ReformevalError(Exception):
    """Base class of the errors the pipeline raises on bad input or configuration."""


class SsbError(ReformevalError):
    """A problem with an SSB table, its metadata or a reply from the PxWebApi."""


class SsbSchemaError(SsbError):
    """A declaration does not match the table: a variable, a value code or a label is not there."""

    @classmethod
    def missing_variable(cls, table: str, variable: str, available: Iterable[str]) -> SsbSchemaError:
        return cls(f"SSB table {table} has no variable {variable!r}; it has {_listing(available)}")

    @classmethod
    def missing_values(
        cls, table: str, variable: str, missing: Iterable[str], available: Iterable[str], kind: str = "code"
    ) -> SsbSchemaError:
        return cls(
            f"SSB table {table}, variable {variable!r}: value {kind}(s) {_listing(missing)} not found; "
            f"the variable has {_listing(available)}"
        )


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


class ValidationFailed(ReformevalError):
    """A blocking Great Expectations suite failed; raised by the CLI after the run stops."""


class OutputLockedError(ReformevalError):
    """Another run is writing to the same output directory."""


class DeclarationError(ReformevalError):
    """The declared sources contradict each other: two SSB tables with one id, two Bufdir datasets with
    one name."""
