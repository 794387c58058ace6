"""Headless Chromium, driven over the Chrome DevTools Protocol (CDP): print a page to PDF, take a
screenshot, and collect what a page loaded, failed to load or logged as an error.

Chromium comes from the Debian package (`/usr/bin/chromium`, `make chromium`); `REFORMEVAL_CHROMIUM`
names another binary. Where there is none, `find_chromium` says why, and the caller skips the PDF (or
the browser test) saying so. The CDP connection uses `websockets` (already in the environment) and
needs no browser-automation package.

The flags are the ones that work on a closed network: without the background-networking flags
Chromium's own connections are refused and slow every start.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import ReformevalError

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--mute-audio",
)
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class BrowserError(ReformevalError):
    """Chromium could not be started or did not answer."""


def find_chromium() -> tuple[Path | None, str]:
    """The Chromium binary, or None and the reason there is none (said where the PDF is skipped)."""
    named = os.environ.get("REFORMEVAL_CHROMIUM")
    if named:
        path = Path(named)
        if path.is_file() and os.access(path, os.X_OK):
            return path, ""
        return None, f"REFORMEVAL_CHROMIUM={named} is not an executable file"
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return Path(found), ""
    return None, ("Chromium is not installed (no chromium on PATH): `make chromium` installs the Debian package "
                  "where apt-get is usable, or set REFORMEVAL_CHROMIUM")


@dataclass
class PageLoad:
    """What loading a page showed: console errors and uncaught exceptions, requests that failed."""

    url: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)


class Chromium:
    """One headless Chromium with a fresh profile, closed on exit:

        with Chromium() as browser:
            page = browser.open(Path("index.html").as_uri())
            browser.pdf(page, Path("index.pdf"))
    """

    def __init__(self, executable: Path | None = None, timeout: float = 30.0):
        found, why = (executable, "") if executable else find_chromium()
        if found is None:
            raise BrowserError(why)
        self.executable = found
        self.timeout = timeout
        self._ids = itertools.count(1)
        self._events: list[dict[str, Any]] = []

    def __enter__(self) -> Chromium:
        from websockets.sync.client import connect

        self._profile = tempfile.TemporaryDirectory(prefix="reformeval-chromium-")
        self._process = subprocess.Popen(
            [str(self.executable), *FLAGS, "--remote-debugging-port=0", f"--user-data-dir={self._profile.name}",
             "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        deadline = time.monotonic() + self.timeout
        seen: list[str] = []
        url = None
        while time.monotonic() < deadline:
            line = self._process.stderr.readline()
            if not line:
                break
            seen.append(line.rstrip())
            match = re.search(r"DevTools listening on (ws://\S+)", line)
            if match:
                url = match.group(1)
                break
        if url is None:
            self._stop()
            raise BrowserError(f"{self.executable} did not start its DevTools endpoint: {' | '.join(seen[-5:])}")
        # Chromium keeps writing to stderr; a full pipe would block it.
        self._drain = threading.Thread(target=lambda: [None for _ in self._process.stderr], daemon=True)
        self._drain.start()
        try:
            self._ws = connect(url, max_size=None, open_timeout=self.timeout)
        except BaseException:
            self._stop()  # no __exit__ for a failed __enter__: Chromium and its profile must not stay behind
            raise
        return self

    def __exit__(self, *exc) -> None:
        try:
            self._ws.close()
        finally:
            self._stop()

    def _stop(self) -> None:
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if getattr(self, "_drain", None) is not None:
            self._drain.join(timeout=10)
        self._profile.cleanup()

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict[str, Any]:
        """Send one command and wait for its answer; events that arrive meanwhile are kept."""
        message_id = next(self._ids)
        message = {"id": message_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._ws.send(json.dumps(message))
        deadline = time.monotonic() + self.timeout
        while True:
            reply = json.loads(self._ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise BrowserError(f"Chromium: {method} failed: {reply['error'].get('message')}")
                return reply.get("result", {})
            self._events.append(reply)

    def _wait_for(self, method: str, session: str) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while True:
            for event in self._events:
                if event.get("method") == method and event.get("sessionId") == session:
                    self._events.remove(event)
                    return event
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise BrowserError(f"Chromium: no {method} within {self.timeout:.0f} s")
            self._events.append(json.loads(self._ws.recv(timeout=remaining)))

    def open(self, url: str, width: int = 1280, height: int = 900) -> tuple[str, PageLoad]:
        """Open `url` in a new tab of `width` CSS pixels and wait until it has loaded; returns the tab's
        session and what the load showed."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session=session)
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session)
        self.send("Page.navigate", {"url": url}, session)
        self._wait_for("Page.loadEventFired", session)
        load = PageLoad(url)
        for event in [e for e in self._events if e.get("sessionId") == session]:
            params = event.get("params", {})
            if event["method"] == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                load.console_errors.append(" ".join(str(a.get("value", a.get("description", "")))
                                                    for a in params.get("args", [])))
            elif event["method"] == "Runtime.exceptionThrown":
                load.console_errors.append(params["exceptionDetails"].get("text", "exception"))
            elif event["method"] == "Log.entryAdded" and params["entry"].get("level") == "error":
                load.console_errors.append(f"{params['entry'].get('text')} {params['entry'].get('url', '')}".strip())
            elif event["method"] == "Network.loadingFailed":
                load.failed_requests.append(f"{params.get('errorText')} ({params.get('requestId')})")
        return session, load

    def evaluate(self, session: str, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, session)
        if "exceptionDetails" in result:
            raise BrowserError(f"Chromium: {expression[:60]}… raised {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def pdf(self, session: str, path: Path) -> Path:
        """Print the page to PDF with its print CSS (page size from `@page`), with an outline of its
        headings (the browser test finds each section's first page through it)."""
        result = self.send("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True,
                                               "generateDocumentOutline": True, "generateTaggedPDF": True}, session)
        from pipeline.snapshot import write_atomic

        write_atomic(path, base64.b64decode(result["data"]))
        return path

    def screenshot(self, session: str, path: Path) -> Path:
        """The first screen of the page (its width × the window's height) as PNG."""
        result = self.send("Page.captureScreenshot", {"format": "png"}, session)
        from pipeline.snapshot import write_atomic

        write_atomic(path, base64.b64decode(result["data"]))
        return path


def print_to_pdf(html: Path, pdf: Path) -> Path:
    """`html` printed to `pdf` by headless Chromium (raises BrowserError when it cannot be done)."""
    with Chromium() as browser:
        session, _load = browser.open(html.resolve().as_uri())
        return browser.pdf(session, pdf)
