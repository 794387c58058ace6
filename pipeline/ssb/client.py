"""A client for SSB's PxWebApi v2 (https://data.ssb.no/api/pxwebapi/v2), JSON-stat 2.0 replies.

What it does for a table declaration:
1. reads the API's limits from `/config` (`maxDataCells`, `maxCallsPerTimeWindow`, `timeWindow`;
   SSB reports 0 calls / 0 s there and enforces 30 calls per 60 s per IP in front of the API, so 0
   falls back to SSB's documented limit);
2. reads the table's metadata and checks every declared variable, value code and label against it,
   failing with one `SsbSchemaError` that lists every mismatch, what the table has and the closest
   candidates; labels are resolved to codes and the resolution is returned for the snapshot manifest;
   selections are expanded to explicit codes so the cell count is exact;
3. splits the query so that no part exceeds the cell limit;
4. sends each part as a POST (long code lists do not fit SSB's ~2 100-character URLs), pacing calls
   under the rate limit, waiting out 429 as `Retry-After` says and retrying 5xx, timeouts and
   truncated bodies with capped exponential backoff;
5. hands back each reply's bytes exactly as received, for the archive.

`/config`, metadata and KLASS replies are read through `get_json`, so they are retried on the same
terms as data replies.
"""

from __future__ import annotations

import dataclasses
import difflib
import email.utils
import functools
import json
import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from pipeline.errors import (
    JsonStatError,
    Mismatch,
    SsbError,
    SsbRateLimitError,
    SsbReplyError,
    SsbSchemaError,
    SsbUnavailableError,
    listing,
)
from pipeline.ssb.declaration import SsbTable, Variable, normalize_label
from pipeline.ssb.jsonstat import load_document, roles_of

log = logging.getLogger(__name__)

SSB_BASE_URL = "https://data.ssb.no/api/pxwebapi/v2"
# SSB's documented limits, used where /config reports 0 (see module docstring).
SSB_MAX_CELLS = 800_000
SSB_MAX_CALLS = 30
SSB_WINDOW_SECONDS = 60.0
RETRY_AFTER_CAP_SECONDS = 300.0


@dataclass(frozen=True)
class ApiLimits:
    max_cells: int
    max_calls: int
    window_seconds: float

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> ApiLimits:
        cells = int(config.get("maxDataCells") or 0) or SSB_MAX_CELLS
        calls = int(config.get("maxCallsPerTimeWindow") or 0)
        window = float(config.get("timeWindow") or 0)
        if calls <= 0 or window <= 0:
            calls, window = SSB_MAX_CALLS, SSB_WINDOW_SECONDS
        return cls(cells, calls, window)


@dataclass(frozen=True)
class DimensionMeta:
    code: str
    label: str
    role: str | None
    codes: tuple[str, ...]
    labels: tuple[str, ...]
    elimination: bool
    # The total SSB answers with when the variable is left out; without it, SSB sums every value.
    elimination_value: str | None = None


@dataclass(frozen=True)
class TableMetadata:
    table: str
    label: str
    dimensions: dict[str, DimensionMeta]

    def by_role(self, role: str) -> list[DimensionMeta]:
        return [d for d in self.dimensions.values() if d.role == role]

    def describe(self) -> list[str]:
        return [f"{d.code} (role {d.role or 'none'}, {len(d.codes)} values)" for d in self.dimensions.values()]

    @classmethod
    def from_jsonstat(cls, table: str, doc: dict[str, Any]) -> TableMetadata:
        if doc.get("class") != "dataset" or "dimension" not in doc or "id" not in doc:
            raise SsbReplyError(
                f"SSB table {table}: metadata is not a JSON-stat 2.0 dataset (fields: {sorted(doc)[:12]})"
            )
        roles = roles_of(doc)
        dims: dict[str, DimensionMeta] = {}
        for code in doc["id"]:
            dim = doc["dimension"][code]
            category = dim.get("category", {})
            index = category.get("index")
            if isinstance(index, dict):
                codes = [c for c, _ in sorted(index.items(), key=lambda kv: kv[1])]
            elif isinstance(index, list):
                codes = list(index)
            else:
                codes = list(category.get("label", {}))
            labels = [str(category.get("label", {}).get(c, c)) for c in codes]
            extension = dim.get("extension") or {}
            dims[code] = DimensionMeta(
                code=code,
                label=str(dim.get("label", code)),
                role=roles.get(code),
                codes=tuple(str(c) for c in codes),
                labels=tuple(labels),
                elimination=bool(extension.get("elimination", False)),
                elimination_value=extension.get("eliminationValueCode") or None,
            )
        return cls(table, str(doc.get("label", "")), dims)


@dataclass
class ResolvedQuery:
    """A declaration resolved against the table's metadata: explicit codes per API variable."""

    table: str
    selection: dict[str, list[str]]  # API variable code -> value codes, in metadata order
    codelists: dict[str, str] = field(default_factory=dict)
    label_resolution: dict[str, dict[str, str]] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)  # API code -> declared column
    # Variables left out of the query: API code -> the total value SSB answers with, or "sum".
    eliminated: dict[str, str] = field(default_factory=dict)

    @property
    def cells(self) -> int:
        return math.prod(len(v) for v in self.selection.values())

    def body(self) -> dict[str, Any]:
        items = []
        for code, values in self.selection.items():
            item: dict[str, Any] = {"variableCode": code, "valueCodes": values}
            if code in self.codelists:
                item["codelist"] = self.codelists[code]
            items.append(item)
        return {"selection": items}

    def with_selection(self, selection: dict[str, list[str]]) -> ResolvedQuery:
        return ResolvedQuery(self.table, selection, self.codelists, self.label_resolution, self.columns,
                             self.eliminated)


def _norm(text: str) -> str:
    return normalize_label(text)


def _closest(wanted: str, options: dict[str, tuple[str, ...]], n: int = 3) -> tuple[str, ...]:
    """The options (shown as their key) whose names come nearest `wanted`, compared as labels are."""
    shown_by_name: dict[str, str] = {}
    for shown, names in options.items():
        for name in names:
            shown_by_name.setdefault(_norm(name), shown)
    near = difflib.get_close_matches(_norm(wanted), list(shown_by_name), n=n * 2, cutoff=0.6)
    return tuple(dict.fromkeys(shown_by_name[name] for name in near))[:n]


def _described(dim: DimensionMeta) -> str:
    return f"{dim.code} ({dim.label})"


def _closest_dimensions(dims: list[DimensionMeta], wanted: str) -> tuple[DimensionMeta, ...]:
    """The variables among `dims` whose code or label comes nearest a declared code or label."""
    by_code = {d.code: d for d in dims}
    return tuple(by_code[code] for code in _closest(wanted, {d.code: (d.code, d.label) for d in dims}))


def _matching(metadata: TableMetadata, var: Variable) -> list[DimensionMeta]:
    """The table's variables a declared one names: by its code, else its label, else its role."""
    if var.code is not None:
        return [metadata.dimensions[var.code]] if var.code in metadata.dimensions else []
    if var.label is not None:
        return [d for d in metadata.dimensions.values() if _norm(d.label) == _norm(var.label)]
    return metadata.by_role(var.role or "")


def resolve_query(table: SsbTable, metadata: TableMetadata, report_year: int) -> ResolvedQuery:
    """Check a declaration against a table's metadata and expand it to explicit value codes.

    Every mismatch is collected before one `SsbSchemaError` is raised, so that a single look at the
    metadata shows all there is to fix in a declaration (what `reformeval fetch --check` relies on).
    """
    mismatches: list[Mismatch] = []
    selection: dict[str, list[str]] = {}
    resolution: dict[str, dict[str, str]] = {}
    columns: dict[str, str] = {}
    codelists: dict[str, str] = {}
    matches = {var.column: _matching(metadata, var) for var in table.variables}
    claimed = {found[0].code for found in matches.values() if len(found) == 1}
    unclaimed = [d for d in metadata.dimensions.values() if d.code not in claimed]
    # A variable no declared one claims that comes nearest a declared one that is not there is most
    # likely that one renamed: it is named as the candidate, not reported again as undeclared.
    candidates: set[str] = set()
    for var in table.variables:
        found = matches[var.column]
        if len(found) != 1:
            wanted = var.code or var.label
            near = _closest_dimensions(unclaimed, wanted) if wanted and not found else ()
            candidates.update(d.code for d in near)
            mismatches.append(_variable_mismatch(table, metadata, var, found, near))
            continue
        dim = found[0]
        if var.code is not None and var.role in ("time", "geo", "metric") and dim.role not in (None, var.role):
            mismatches.append(Mismatch(table.id, f"variable {dim.code!r} (column {var.column!r})",
                                       f"role {var.role!r}", f"role {dim.role!r}"))
        columns[dim.code] = var.column
        if var.codelist:
            codelists[dim.code] = var.codelist
        codes, labels, problems = _select_values(table, dim, var, report_year)
        mismatches += problems
        if labels:
            resolution[dim.code] = labels
        # SSB answers 500 with an empty body to a duplicated code: never send one.
        selection[dim.code] = list(dict.fromkeys(codes))
    # A variable left out is eliminated: SSB answers with its total value where the metadata names
    # one, else with the sum over all its values. A sum is right for values that exclude each other
    # (kjønn), wrong for overlapping ones (observation periods, age groups with their total): only
    # variables the declaration names in `summed_over` may be summed.
    summed_over = {_norm(v) for v in table.summed_over}
    eliminated: dict[str, str] = {}
    for dim in metadata.dimensions.values():
        if dim.code in columns or dim.code in candidates:
            continue
        subject = f"variable {dim.code!r} ({dim.label!r}), not in the declaration"
        values = listing(dim.labels, limit=6)
        if not dim.elimination:
            mismatches.append(Mismatch(
                table.id, subject, "a selection in the declaration, since SSB cannot eliminate it",
                f"elimination: false and {len(dim.codes)} values ({values})"))
        elif dim.elimination_value:
            eliminated[dim.code] = dim.elimination_value
        elif len(dim.codes) <= 1 or dim.code in table.summed_over or _norm(dim.label) in summed_over:
            eliminated[dim.code] = "sum"
        else:
            mismatches.append(Mismatch(
                table.id, subject,
                "an elimination value, or the variable named in `summed_over` if its values exclude each other",
                f"no elimination value, so SSB would sum all its {len(dim.codes)} values ({values}); declare it "
                f"with the values wanted, or name it in `summed_over`"))
    if mismatches:
        raise SsbSchemaError.of(table.id, mismatches)
    return ResolvedQuery(table.id, selection, codelists, resolution, columns, eliminated)


def _variable_mismatch(table: SsbTable, metadata: TableMetadata, var: Variable, found: list[DimensionMeta],
                       near: tuple[DimensionMeta, ...]) -> Mismatch:
    """A declared variable the table has none or several of."""
    if var.code is not None:
        expected = f"variable {var.code!r}"
    elif var.label is not None:
        expected = f"one variable labelled {var.label!r}"
    else:
        expected = f"one variable with role {var.role!r}"
    if found:
        has = f"{len(found)}: {listing(_described(d) for d in found)}"
    elif var.code is None and var.label is None:
        has = listing(metadata.describe())
    else:
        has = listing(_described(d) for d in metadata.dimensions.values())
    closest = ((var.code or var.label or "", tuple(_described(d) for d in near)),) if near else ()
    return Mismatch(table.id, f"column {var.column!r}", expected, has, closest)


def _select_values(table: SsbTable, dim: DimensionMeta, var: Variable,
                   report_year: int) -> tuple[list[str], dict[str, str], list[Mismatch]]:
    """The value codes a declared variable selects, labels resolved to codes, and what is not there."""
    subject = f"variable {dim.code!r} (column {var.column!r})"
    sel = var.selection
    if sel.kind == "all":
        return list(dim.codes), {}, []
    if sel.kind == "years":
        wanted = table.data_years(report_year)
        missing = [y for y in wanted if y not in dim.codes]
        if missing:
            return [], {}, [Mismatch(table.id, subject, f"year(s) {listing(missing)}", listing(dim.codes))]
        return wanted, {}, []
    if sel.kind == "codes":
        missing = [c for c in sel.values if c not in dim.codes]
        if missing:
            shown = {f"{c} ({lab})": (c,) for c, lab in zip(dim.codes, dim.labels, strict=True)}
            return [], {}, [Mismatch(table.id, subject, f"value code(s) {listing(missing)}", listing(shown),
                                     tuple((c, _closest(c, shown)) for c in missing))]
        return list(sel.values), {}, []
    by_label: dict[str, list[str]] = {}
    for c, lab in zip(dim.codes, dim.labels, strict=True):
        by_label.setdefault(_norm(lab), []).append(c)
    mismatches: list[Mismatch] = []
    # Each declared value by the one of its labels the table has (a renamed value may name several).
    found: list[str] = []
    for i, key in enumerate(sel.keys):
        present = [lab for lab in sel.accepted(i) if _norm(lab) in by_label]
        if len(present) > 1:
            mismatches.append(Mismatch(table.id, subject, f"one of the labels {listing(sel.accepted(i))} "
                                       f"(value {key!r})", f"{len(present)}: {listing(present)}"))
        found.append(present[0] if present else sel.values[i])
    missing = [lab for i, lab in enumerate(sel.values) if not any(_norm(a) in by_label for a in sel.accepted(i))]
    if missing:
        shown = {lab: (lab,) for lab in dim.labels}
        mismatches.append(Mismatch(table.id, subject, f"value label(s) {listing(missing)}", listing(dim.labels),
                                   tuple((lab, _closest(lab, shown)) for lab in missing)))
    for lab in found:
        codes = by_label.get(_norm(lab), [])
        if len(codes) > 1:
            mismatches.append(Mismatch(table.id, subject, f"one value labelled {lab!r}",
                                       f"{len(codes)}: {listing(codes)}"))
    if mismatches:
        return [], {}, mismatches
    labels = {lab: by_label[_norm(lab)][0] for lab in found}
    return list(labels.values()), labels, []


def split_query(query: ResolvedQuery, max_cells: int) -> list[ResolvedQuery]:
    """Split a query into parts of at most `max_cells` cells each, as few as cutting allows.

    A part is a query, so it takes a block of values of one variable with all the others (cut again the
    same way where one value alone is too many cells). Cutting the variable with most values is not
    always the fewest calls (5 × 3 × 2 values under 15 cells: three parts by the 5, two by the 2), so
    every variable is tried and the cut with the fewest parts in all wins; ties keep the variable with
    most values. Every call counts against SSB's 30 per minute.
    """
    sizes = tuple(len(v) for v in query.selection.values())
    plan = _fewest_parts(sizes, max_cells)
    if plan[1] is None:
        return [query]
    code = list(query.selection)[plan[1]]
    values = query.selection[code]
    chunk = plan[2]
    parts: list[ResolvedQuery] = []
    for start in range(0, len(values), chunk):
        sub = dict(query.selection)
        sub[code] = values[start:start + chunk]
        parts.extend(split_query(query.with_selection(sub), max_cells))
    return parts


@functools.lru_cache(maxsize=4096)
def _fewest_parts(sizes: tuple[int, ...], max_cells: int) -> tuple[int, int | None, int]:
    """(parts, variable to cut, values per block) for a query of `sizes` values per variable: the cut
    with the fewest parts in all, found by trying each variable (the block sizes make two shapes, so
    the search is small)."""
    cells = math.prod(sizes)
    if cells <= max_cells:
        return 1, None, 0
    best: tuple[int, int | None, int] = (1, None, 0)  # nothing to cut: one part, refused if too large
    # Largest first: where cuts tie, the variable with most values is cut.
    for i in sorted((i for i, n in enumerate(sizes) if n > 1), key=lambda i: -sizes[i]):
        others = cells // sizes[i]
        chunk = max(1, max_cells // others)
        full, rest = divmod(sizes[i], chunk)
        parts = full * _fewest_parts(sizes[:i] + (chunk,) + sizes[i + 1:], max_cells)[0]
        if rest:
            parts += _fewest_parts(sizes[:i] + (rest,) + sizes[i + 1:], max_cells)[0]
        if best[1] is None or parts < best[0]:
            best = (parts, i, chunk)
    return best


class RatePacer:
    """Keeps calls under `max_calls` per sliding `window` seconds (thread-safe)."""

    def __init__(self, max_calls: int, window: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.max_calls = max_calls
        self.window = window
        self._calls: deque[float] = deque()
        self._lock = threading.Lock()
        self._clock = clock
        self._sleep = sleep

    def wait(self) -> float:
        """Block until a call may be made; return how long it waited."""
        waited = 0.0
        with self._lock:
            while True:
                now = self._clock()
                while self._calls and now - self._calls[0] >= self.window:
                    self._calls.popleft()
                if len(self._calls) < self.max_calls:
                    self._calls.append(now)
                    return waited
                pause = self.window - (now - self._calls[0]) + 0.001
                self._sleep(pause)
                waited += pause

    def hold_until(self, seconds: float) -> None:
        """After a 429, count the window as full for `seconds`."""
        with self._lock:
            now = self._clock()
            self._calls.clear()
            self._calls.extend([now + seconds - self.window] * self.max_calls)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _problem(response: httpx.Response) -> str:
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
        return response.text[:200].strip() or "(empty body)"
    if isinstance(body, dict):
        parts = [str(body.get(k)) for k in ("title", "detail") if body.get(k)]
        return " — ".join(dict.fromkeys(parts)) or json.dumps(body)[:200]
    return json.dumps(body)[:200]


class CellLimitExceeded(SsbReplyError):
    """The API refused a part as too large (400 'Too many cells selected' or 403)."""


@dataclass(frozen=True)
class JsonReply:
    """A JSON reply as received: where it came from, its bytes (for the archive) and the decoded document."""

    url: str
    content: bytes
    document: dict[str, Any]
    attempts: int


@dataclass
class FetchedPart:
    query: ResolvedQuery
    url: str
    body: dict[str, Any]
    content: bytes
    fetched: str
    attempts: int


class PxWebClient:
    """HTTP client for PxWebApi v2. One instance paces all its calls together."""

    def __init__(
        self,
        base_url: str = SSB_BASE_URL,
        *,
        lang: str = "no",
        timeout: float = 60.0,
        max_retries: int = 5,
        backoff_base: float = 1.0,
        backoff_cap: float = 60.0,
        limits: ApiLimits | None = None,
        transport: httpx.BaseTransport | None = None,
    ):
        self.base_url = base_url.rstrip("/")
        self.lang = lang
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": "reformeval (evaluation of barnevernsreformen)", "Accept": "application/json"},
            transport=transport,
        )
        self._limits = limits
        self._pacer: RatePacer | None = None

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PxWebClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- limits -------------------------------------------------------------------------------
    @property
    def limits(self) -> ApiLimits:
        if self._limits is None:
            # /config is exempt from the API's rate limit, so it is not paced.
            reply = self.get_json(f"{self.base_url}/config", what="PxWebApi /config", paced=False)
            self._limits = ApiLimits.from_config(reply.document)
            log.info("PxWebApi limits: %s", self._limits)
        return self._limits

    @property
    def pacer(self) -> RatePacer:
        if self._pacer is None:
            self._pacer = RatePacer(self.limits.max_calls, self.limits.window_seconds)
        return self._pacer

    # -- metadata and data ------------------------------------------------------------------------
    def metadata(self, table: SsbTable) -> TableMetadata:
        params: dict[str, str] = {"lang": self.lang}
        for var in table.variables:
            if var.codelist and var.code:
                params[f"codelist[{var.code}]"] = var.codelist
        what = f"SSB table {table.id} metadata"
        reply = self.get_json(f"{self.base_url}/tables/{table.id}/metadata", params=params, what=what)
        return TableMetadata.from_jsonstat(table.id, reply.document)

    def resolve(self, table: SsbTable, report_year: int) -> ResolvedQuery:
        """The declaration resolved against its table's metadata or, where it does not resolve there, against
        the first of `table.also_published_in` whose metadata resolves it (`query.table` says which); an
        `SsbSchemaError` naming every table tried and what each lacks when none does."""
        if not table.also_published_in:
            return resolve_query(table, self.metadata(table), report_year)
        failures: list[tuple[str, SsbError]] = []
        for table_id in (table.id, *table.also_published_in):
            source = table if table_id == table.id else dataclasses.replace(table, id=table_id)
            try:
                query = resolve_query(source, self.metadata(source), report_year)
            except SsbSchemaError as exc:
                failures.append((table_id, exc))
                continue
            except SsbReplyError as exc:
                # The table's own metadata unreadable, or a reply cut off, is not an answer about its values:
                # only an alternative SSB does not know (404) is passed over.
                if table_id == table.id or exc.truncated:
                    raise
                failures.append((table_id, exc))
                continue
            if failures:
                log.warning("SSB %s: the declaration does not resolve in %s; fetched from %s",
                            table.id, ", ".join(t for t, _ in failures), table_id)
            return query
        own = failures[0][1]
        if all(isinstance(exc, SsbReplyError) for _, exc in failures[1:]):
            # no other table SSB knows: the table's own mismatches, and the tables tried besides
            tried = "".join(f"\n  - also tried SSB table {t}, which may publish the same values: {exc}"
                            for t, exc in failures[1:])
            raise SsbSchemaError(f"{own}{tried}", mismatches=own.mismatches)
        mismatches = [m for t, exc in failures for m in (
            getattr(exc, "mismatches", ()) or (Mismatch(t, "metadata", "a readable table", str(exc)),))]
        tried = "; ".join(f"SSB table {m.table}: {m}" for m in mismatches)
        raise SsbSchemaError(
            f"SSB table {table.id}: neither it nor {', '.join(table.also_published_in)} (which may publish the same "
            f"values) resolves the declaration from its /metadata: {tried}", mismatches=mismatches)

    def plan(self, table: SsbTable, report_year: int) -> tuple[ResolvedQuery, list[ResolvedQuery]]:
        query = self.resolve(table, report_year)
        return query, split_query(query, self.limits.max_cells)

    def fetch_table(self, table: SsbTable, report_year: int) -> Iterator[FetchedPart]:
        """Fetch every part of a declared table; yields parts as they arrive (for the archive)."""
        query, parts = self.plan(table, report_year)
        log.info("SSB %s: %d cells in %d part(s)", table.id, query.cells, len(parts))
        queue = list(parts)
        while queue:
            part = queue.pop(0)
            try:
                yield self.fetch_part(part)
            except CellLimitExceeded:
                smaller = split_query(part, max(1, part.cells // 2))
                if len(smaller) == 1:
                    raise
                log.warning("SSB %s: the API refused %d cells; splitting in %d", table.id, part.cells, len(smaller))
                queue[:0] = smaller

    def fetch_part(self, query: ResolvedQuery) -> FetchedPart:
        body = query.body()
        what = f"SSB table {query.table} data ({query.cells} cells)"
        reply = self._request_document(
            "POST", f"{self.base_url}/tables/{query.table}/data", what=what,
            params={"lang": self.lang, "outputFormat": "json-stat2"}, json_body=body,
            check=lambda doc: _check_data_reply(doc, query, what),
        )
        return FetchedPart(
            query=query,
            url=reply.url,
            body=body,
            content=reply.content,
            fetched=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            attempts=reply.attempts,
        )

    def get_json(self, url: str, *, params: dict[str, str] | None = None, what: str,
                 paced: bool = True) -> JsonReply:
        """GET a JSON document (`/config`, metadata, KLASS), retried like a data reply."""
        return self._request_document("GET", url, params=params, what=what, paced=paced)

    def _request_document(self, method: str, url: str, *, params: dict[str, str] | None = None,
                          json_body: dict[str, Any] | None = None, what: str, paced: bool = True,
                          check: Callable[[dict[str, Any]], None] | None = None) -> JsonReply:
        attempts = 0
        while True:
            attempts += 1
            response = self._send(method, url, params=params, json_body=json_body, what=what, paced=paced)
            try:
                doc = load_document(response.content, what)
                if check is not None:
                    check(doc)
            except (JsonStatError, SsbReplyError) as exc:
                # A body cut off in transit is worth another try; a wrong but complete one is not.
                if not exc.truncated:
                    raise SsbReplyError(str(exc)) from None
                if attempts <= self.max_retries:
                    self._backoff(attempts, str(exc))
                    continue
                raise SsbReplyError(f"{exc}; still truncated after {attempts} attempts", truncated=True) from None
            return JsonReply(str(response.request.url), response.content, doc, attempts)

    # -- transport --------------------------------------------------------------------------------
    def _backoff(self, attempt: int, why: str) -> None:
        pause = min(self.backoff_cap, self.backoff_base * 2 ** (attempt - 1))
        log.warning("%s; retrying in %.1f s (attempt %d of %d)", why, pause, attempt + 1, self.max_retries + 1)
        time.sleep(pause)

    def _send(self, method: str, url: str, *, params: dict[str, str] | None = None,
              json_body: dict[str, Any] | None = None, what: str, paced: bool = True) -> httpx.Response:
        attempt = 0
        while True:
            attempt += 1
            if paced:
                waited = self.pacer.wait()
                if waited > 0.5:
                    log.info("rate limit: waited %.1f s before %s", waited, what)
            try:
                response = self._http.request(method, url, params=params, json=json_body)
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                if attempt > self.max_retries:
                    raise SsbUnavailableError(
                        f"{what}: no reply after {attempt} attempts ({type(exc).__name__}: {exc})"
                    ) from None
                self._backoff(attempt, f"{what}: {type(exc).__name__}")
                continue
            status = response.status_code
            if status == 429:
                if attempt > self.max_retries:
                    raise SsbRateLimitError(f"{what}: still 429 Too Many Requests after {attempt} attempts")
                pause = _retry_after(response)
                if pause is None:
                    pause = min(self.backoff_cap, self.backoff_base * 2 ** (attempt - 1))
                # Honour the server, within reason: never a busy loop, never an hour's wait.
                pause = min(max(pause, 0.1), RETRY_AFTER_CAP_SECONDS)
                log.warning("%s: 429 Too Many Requests; waiting %.1f s (Retry-After)", what, pause)
                if paced:
                    self.pacer.hold_until(pause)
                else:
                    time.sleep(pause)
                continue
            if status >= 500:
                if attempt > self.max_retries:
                    raise SsbUnavailableError(
                        f"{what}: HTTP {status} after {attempt} attempts: {_problem(response)}"
                    )
                self._backoff(attempt, f"{what}: HTTP {status}")
                continue
            # The cell limit: 400 "Too many cells selected" in the server's code, 403 in the API spec.
            too_many = status == 400 and "too many cells" in _problem(response).lower()
            if method == "POST" and (status == 403 or too_many):
                raise CellLimitExceeded(f"{what}: HTTP {status}: {_problem(response)}")
            if status == 404:
                raise SsbReplyError(f"{what}: HTTP 404 (no such table or codelist?): {_problem(response)}")
            if status >= 400:
                raise SsbReplyError(f"{what}: HTTP {status}: {_problem(response)}")
            return response



def decode_reply(content: bytes, what: str) -> dict[str, Any]:
    """A reply's JSON document, or an `SsbReplyError` that says what was wrong with it."""
    try:
        return load_document(content, what)
    except JsonStatError as exc:
        raise SsbReplyError(str(exc)) from None


def _check_data_reply(doc: dict[str, Any], query: ResolvedQuery, what: str) -> None:
    if doc.get("class") != "dataset" or "value" not in doc or "size" not in doc:
        raise SsbReplyError(f"{what}: reply is not a JSON-stat 2.0 dataset (fields {sorted(doc)[:10]})")
    cells = math.prod(doc["size"])
    values = doc["value"]
    if isinstance(values, list) and len(values) != cells:
        raise SsbReplyError(f"{what}: truncated reply: {len(values)} values for {cells} cells", truncated=True)
    if cells != query.cells:
        raise SsbReplyError(f"{what}: reply has {cells} cells; the query asked for {query.cells}")
