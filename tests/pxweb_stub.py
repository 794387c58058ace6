"""A stub PxWebApi v2 server on 127.0.0.1 that answers like SSB's API, for driving the real client.

It serves `/config`, `/tables/{id}/metadata` (JSON-stat 2.0, empty `value`) and POST
`/tables/{id}/data` (the selected cells of a full table as JSON-stat 2.0, `null` + `status` for
symbols), with PxWebApi's error bodies (`{"type": "Parameter error", "title": ..., "status": ...}`),
and KLASS 131's code changes under `/api/klass/v1`. Faults are scripted per request and per endpoint
(data, `/config`, metadata, KLASS): 429 with Retry-After, 5xx, a slow reply, a truncated or empty body;
and a server cell limit lower than `/config` claims. Every request is recorded with its arrival time.
"""

from __future__ import annotations

import copy
import json
import math
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


@dataclass
class Fault:
    kind: str  # "429", "500", "503", "slow", "truncate", "empty", "html" (a complete reply that is not JSON)
    seconds: float = 0.0
    retry_after: str | None = None


@dataclass
class Recorded:
    at: float
    method: str
    path: str
    body: dict[str, Any] | None


@dataclass
class StubState:
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> full JSON-stat dataset
    config: dict[str, Any] = field(default_factory=dict)
    server_max_cells: int | None = None  # enforce a lower limit than /config says
    faults: list[Fault] = field(default_factory=list)  # applied to data requests, in order
    metadata_faults: list[Fault] = field(default_factory=list)  # to metadata requests of any table
    config_faults: list[Fault] = field(default_factory=list)
    klass_faults: list[Fault] = field(default_factory=list)
    requests: list[Recorded] = field(default_factory=list)
    klass_changes: list[dict[str, Any]] = field(default_factory=list)  # KLASS 131 codeChanges
    lock: threading.Lock = field(default_factory=threading.Lock)

    def data_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/data")]

    def metadata_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/metadata")]

    def config_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/config")]

    def klass_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.startswith("/api/klass/")]


def default_config(max_cells: int = 800_000, max_calls: int = 0, window: int = 0) -> dict[str, Any]:
    # SSB's real /config reports 0 calls / 0 s (its limit is enforced in front of the API).
    return {
        "apiVersion": "2.3.2",
        "appVersion": "stub",
        "languages": [{"id": "no", "label": "Norsk"}, {"id": "en", "label": "English"}],
        "defaultLanguage": "no",
        "maxDataCells": max_cells,
        "maxCallsPerTimeWindow": max_calls,
        "timeWindow": window,
        "defaultDataFormat": "json-stat2",
        "dataFormats": ["json-stat2", "csv"],
    }


def _problem(status: int, title: str) -> tuple[int, bytes, dict[str, str]]:
    body = {"type": "Parameter error", "title": title, "status": status}
    return status, json.dumps(body).encode(), {"Content-Type": "application/problem+json"}


def metadata_of(full: dict[str, Any]) -> dict[str, Any]:
    meta = copy.deepcopy(full)
    meta["value"] = []
    meta.pop("status", None)
    return meta


def select(full: dict[str, Any], selection: dict[str, list[str]]) -> dict[str, Any]:
    """The sub-dataset of `full` for a selection (variable -> codes); eliminated variables dropped."""
    ids = full["id"]
    sizes = full["size"]
    index_of = {d: full["dimension"][d]["category"]["index"] for d in ids}
    kept = [d for d in ids if d in selection]
    chosen = {d: selection[d] for d in kept}
    out = copy.deepcopy(full)
    out["id"] = kept
    out["size"] = [len(chosen[d]) for d in kept]
    for d in list(out["dimension"]):
        if d not in kept:
            del out["dimension"][d]
            continue
        cat = out["dimension"][d]["category"]
        cat["index"] = {c: i for i, c in enumerate(chosen[d])}
        cat["label"] = {c: full["dimension"][d]["category"]["label"][c] for c in chosen[d]}
    out["role"] = {r: [d for d in codes if d in kept] for r, codes in full.get("role", {}).items()}
    strides = []
    acc = 1
    for size in reversed(sizes):
        strides.append(acc)
        acc *= size
    strides = dict(zip(reversed(ids), strides, strict=True))
    values: list[Any] = []
    status: dict[str, str] = {}
    full_status = full.get("status", {})
    n = math.prod(out["size"]) if kept else 1
    for flat in range(n):
        rest = flat
        coords = {}
        for d, size in zip(reversed(kept), reversed(out["size"]), strict=True):
            coords[d] = chosen[d][rest % size]
            rest //= size
        # Eliminated variables take their first value, as a stand-in for SSB's sum.
        src = sum(index_of[d][coords[d]] * strides[d] if d in coords else 0 for d in ids)
        values.append(full["value"][src])
        if str(src) in full_status:
            status[str(flat)] = full_status[str(src)]
    out["value"] = values
    out.pop("status", None)
    if status:
        out["status"] = status
    return out


class _Handler(BaseHTTPRequestHandler):
    state: StubState
    prefix = "/api/pxwebapi/v2"

    def log_message(self, *args: Any) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None,
              declared_length: int | None = None) -> None:
        self.send_response(status)
        headers = {"Content-Type": "application/json; charset=utf-8", **(headers or {})}
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(declared_length if declared_length is not None else len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _record(self, body: dict[str, Any] | None) -> None:
        with self.state.lock:
            self.state.requests.append(Recorded(time.monotonic(), self.command, urlparse(self.path).path, body))

    def _apply_fault(self, faults: list[Fault], payload: bytes) -> bool:
        with self.state.lock:
            fault = faults.pop(0) if faults else None
        if fault is None:
            return False
        if fault.kind == "429":
            headers = {"Content-Type": "text/plain"}
            if fault.retry_after is not None:
                headers["Retry-After"] = fault.retry_after
            self._send(429, b"API calls quota exceeded! maximum admitted 30 per 1m.", headers)
        elif fault.kind in ("500", "503"):
            self._send(int(fault.kind), b"")
        elif fault.kind == "slow":
            time.sleep(fault.seconds)
            return False  # then answer normally (the client may have given up by then)
        elif fault.kind == "truncate":
            cut = payload[: max(1, len(payload) // 2)]
            self._send(200, cut)
        elif fault.kind == "empty":
            self._send(200, b"")
        elif fault.kind == "html":
            self._send(200, b"<html><body>Service temporarily rerouted</body></html>", {"Content-Type": "text/html"})
        return True

    def do_GET(self) -> None:  # noqa: N802
        self._record(None)
        url = urlparse(self.path)
        path = url.path.removeprefix(self.prefix)
        if url.path.startswith("/api/klass/v1/classifications/131/changes"):
            payload = json.dumps({"codeChanges": self.state.klass_changes}, ensure_ascii=False).encode()
            if not self._apply_fault(self.state.klass_faults, payload):
                self._send(200, payload)
            return
        if path == "/config":
            payload = json.dumps(self.state.config).encode()
            if not self._apply_fault(self.state.config_faults, payload):
                self._send(200, payload)
            return
        parts = path.strip("/").split("/")
        if len(parts) == 3 and parts[0] == "tables" and parts[2] == "metadata":
            table = self.state.tables.get(parts[1])
            if table is None:
                self._send(*_problem(404, "Non-existent table"))
                return
            payload = json.dumps(metadata_of(table), ensure_ascii=False).encode()
            if self._apply_fault(self.state.metadata_faults, payload):
                return
            self._send(200, payload)
            return
        self._send(*_problem(404, "Not found"))

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            self._record(None)
            self._send(*_problem(400, "Invalid request body"))
            return
        self._record(body)
        url = urlparse(self.path)
        parts = url.path.removeprefix(self.prefix).strip("/").split("/")
        if not (len(parts) == 3 and parts[0] == "tables" and parts[2] == "data"):
            self._send(*_problem(404, "Not found"))
            return
        if parse_qs(url.query).get("outputFormat", ["json-stat2"])[0] != "json-stat2":
            self._send(*_problem(400, "Unsupported output format"))
            return
        full = self.state.tables.get(parts[1])
        if full is None:
            self._send(*_problem(404, "Non-existent table"))
            return
        selection: dict[str, list[str]] = {}
        for item in body.get("selection", []):
            code = item.get("variableCode")
            if code not in full["dimension"]:
                self._send(*_problem(400, "Non-existent variable"))
                return
            values = item.get("valueCodes") or []
            if len(values) != len(set(values)):
                self._send(500, b"")  # what SSB does with a duplicated code
                return
            known = full["dimension"][code]["category"]["index"]
            if any(v not in known for v in values):
                self._send(*_problem(400, "Non-existent value"))
                return
            selection[code] = values
        cells = math.prod(len(v) for v in selection.values()) if selection else 0
        limit = self.state.server_max_cells or self.state.config.get("maxDataCells") or 800_000
        if cells > limit:
            status, payload, headers = _problem(400, "Too many cells selected")
            self._send(status, payload, headers)
            return
        payload = json.dumps(select(full, selection), ensure_ascii=False).encode()
        if self._apply_fault(self.state.faults, payload):
            return
        self._send(200, payload)


class PxWebStub:
    """Run with `with PxWebStub(tables) as stub:`; `stub.base_url` is the API root."""

    def __init__(self, tables: dict[str, dict[str, Any]], config: dict[str, Any] | None = None):
        self.state = StubState(tables=tables, config=config or default_config())
        handler = type("Handler", (_Handler,), {"state": self.state})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/api/pxwebapi/v2"

    @property
    def klass_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/api/klass/v1"

    def __enter__(self) -> PxWebStub:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


# -- Editing the stub's copy of a table, as SSB might rename things -------------------------------------

def rename_variable(doc: dict[str, Any], code: str, *, new_code: str | None = None, label: str | None = None) -> None:
    """Give a variable of a full table a new API code and/or a new label."""
    if label is not None:
        doc["dimension"][code]["label"] = label
    if new_code is not None:
        doc["id"] = [new_code if d == code else d for d in doc["id"]]
        doc["dimension"][new_code] = doc["dimension"].pop(code)
        doc["role"] = {r: [new_code if d == code else d for d in ds] for r, ds in doc.get("role", {}).items()}


def rename_value(doc: dict[str, Any], variable: str, code: str, *, new_code: str | None = None,
                 label: str | None = None) -> None:
    """Give a value of a full table's variable a new code and/or a new label (its cells stay where they are)."""
    category = doc["dimension"][variable]["category"]
    if label is not None:
        category["label"][code] = label
    if new_code is not None:
        category["index"] = {new_code if c == code else c: i for c, i in category["index"].items()}
        category["label"] = {new_code if c == code else c: lab for c, lab in category["label"].items()}
