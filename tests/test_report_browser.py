"""The report document in a real browser (issue #13): headless Chromium loads index.html of the shared demo
output; every image and link resolves (file:// relative links and in-page anchors), nothing is logged as an
error, and the run's PDF starts every section on a page of its own. A screenshot of the first screen is kept
under build/test-artefacts/ (git-ignored). Skipped, with the reason, only where Chromium cannot be had
(`make test` installs it where apt-get is usable)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from pipeline.browser import Chromium, find_chromium
from pipeline.paths import PROJECT_ROOT
from pipeline.report_document import pdf_pages_and_outline

CHROMIUM, WHY_NOT = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=f"no Chromium: {WHY_NOT}")

ARTEFACTS = PROJECT_ROOT / "build" / "test-artefacts"


def test_report_loads_in_chromium_with_every_image_and_link_resolving(demo_run: Path):
    index = demo_run / "report" / "2023" / "index.html"
    with Chromium() as browser:
        session, load = browser.open(index.as_uri(), width=1280)
        images = browser.evaluate(session, "[...document.images].map(i => [i.currentSrc || i.src, i.complete, "
                                           "i.naturalWidth])")
        links = browser.evaluate(session, "[...document.querySelectorAll('a[href]')].map(a => a.href)")
        ids = set(browser.evaluate(session, "[...document.querySelectorAll('[id]')].map(e => e.id)"))
        sections = browser.evaluate(session, "[...document.querySelectorAll('section.kapittel > h2')]"
                                             ".map(h => h.textContent.trim())")
        wide = browser.evaluate(session, "document.documentElement.scrollWidth")
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        shot = browser.screenshot(session, ARTEFACTS / "report_first_page.png")
    assert load.console_errors == [] and load.failed_requests == []
    assert len(images) == len(list((demo_run / "figures" / "2023").glob("*.json")))
    broken = [src for src, complete, width in images if not complete or width == 0]
    assert broken == []
    assert wide <= 1280, "the page scrolls sideways at 1280 px"
    unresolved = []
    for link in links:
        url = urlparse(link)
        if url.scheme != "file":
            unresolved.append(f"{link} (not a file: the report works offline)")
        elif unquote(url.path) == index.as_posix():
            if url.fragment and url.fragment not in ids:
                unresolved.append(link)
        elif not Path(unquote(url.path)).exists():
            unresolved.append(link)
    assert unresolved == []
    assert len(links) > 3 * len(images)  # the CSV of every figure at least, and the contents
    assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # The run's PDF: every section begins on a new page, so each has one page or more.
    status = json.loads((demo_run / "report" / "2023" / "rapport.json").read_text(encoding="utf-8"))
    pdf = demo_run / "report" / "2023" / status["pdf"]
    pages, outline = pdf_pages_and_outline(pdf.read_bytes())
    starts = {title: page for title, page in outline}
    assert [s for s in sections if s not in starts] == []
    first_pages = [starts[s] for s in sections]
    by_section = list(zip(sections, first_pages, strict=True))
    assert first_pages == sorted(set(first_pages)), f"sections share a page: {by_section}"
    assert first_pages[0] >= 1 and first_pages[-1] < pages  # the contents page first; the last one has a page
