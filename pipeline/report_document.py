"""The report year as one document: HTML rendered with Jinja2 from `reports/rapport.html.j2`, and a PDF of it
printed by headless Chromium (`pipeline.browser`).

The machinery only: what goes into the document (sections, figures, "Om indikatoren") is assembled by
`assets.report.write_report_document`, the one function both the run's asset and `reformeval report` call.
Here: where an output's inputs came from (`Provenance`, from the run's snapshot or from a finished OUT's
manifest, the same fields either way), Markdown the report tables already wrote turned into HTML, the
PDF (or the reason there is none) and a PDF's outline (which page each heading starts on).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import ReformevalError
from pipeline.paths import REPORTS_DIR
from pipeline.snapshot import write_atomic

TEMPLATE = "rapport.html.j2"
STATUS_FILE = "rapport.json"  # report/<year>/rapport.json: the document's paths, and why a PDF is missing


class ReportDocumentError(ReformevalError):
    """An output the report document cannot be rendered from."""


@dataclass(frozen=True)
class Provenance:
    """What an output was built from: the snapshot and every file in it with its sha256, the sources a
    partial run left out (raw tables) and what the built-in reference data lacked for the year."""

    snapshot_id: str
    snapshot_source: str
    synthetic: bool
    files: tuple[dict[str, Any], ...]
    left_out_sources: tuple[str, ...] = ()
    reference_gaps: tuple[dict[str, Any], ...] = ()

    @classmethod
    def from_manifest(cls, out: Path) -> Provenance:
        """From a finished output's manifest.json (what `reformeval report` reads)."""
        path = out / "manifest.json"
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ReportDocumentError(f"{path}: no manifest.json; is {out} the output of a finished reformeval run "
                                      f"(`reformeval run --out {out}`)?") from None
        if manifest.get("tool") != "reformeval" or "snapshot" not in manifest:
            raise ReportDocumentError(f"{path}: not the manifest of a finished reformeval run (expected \"tool\": "
                                      f"\"reformeval\" and a \"snapshot\" entry)")
        snapshot = manifest["snapshot"]
        return cls(snapshot_id=snapshot["id"], snapshot_source=snapshot.get("source") or "",
                   synthetic=bool(manifest.get("synthetic")),
                   files=tuple(snapshot.get("files") or ()),
                   left_out_sources=tuple(sorted(manifest.get("left_out_sources") or ())),
                   reference_gaps=tuple(manifest.get("reference_gaps") or ()))


def markdown_to_html(markdown: str) -> str:
    """Markdown as the report tables write it (pipe tables, emphasis, escaped asterisks) as HTML."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)


def unresolved_links(html: Path) -> list[str]:
    """Every `src`/`href` of a page that names neither a file beside it (relative, as the report links its
    figures, tables and pages) nor an element of the page (`#anchor`); links off the machine count as
    unresolved too: the document must work offline."""
    from html.parser import HTMLParser
    from urllib.parse import unquote, urlparse

    class Links(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.targets: list[str] = []
            self.ids: set[str] = set()

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if attrs.get("id"):
                self.ids.add(attrs["id"])
            target = attrs.get("src") if tag == "img" else attrs.get("href") if tag == "a" else None
            if target:
                self.targets.append(target)

    page = Links()
    page.feed(html.read_text(encoding="utf-8"))
    bad = []
    for target in page.targets:
        url = urlparse(target)
        if url.scheme or url.netloc:
            bad.append(target)
        elif not url.path:
            if url.fragment not in page.ids:
                bad.append(target)
        elif not (html.parent / unquote(url.path)).exists():
            bad.append(target)
    return bad


def render_html(context: dict[str, Any]) -> str:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(REPORTS_DIR), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return env.get_template(TEMPLATE).render(**context)


@dataclass
class DocumentPaths:
    """Where a report year's document was written; `pdf_skipped` says why there is no PDF."""

    html: Path
    pdf: Path | None = None
    pdf_skipped: str = ""
    sections: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # figures no section names (shown under "Andre figurer")
    pdf_name: str = ""  # the name the PDF has, or would have

    def write_status(self, folder: Path) -> Path:
        """`rapport.json` beside the document, with file names relative to it: a run writes it in a
        temporary folder that then becomes OUT."""
        status = {k: (v.name if isinstance(v, Path) else v) for k, v in asdict(self).items()}
        path = folder / STATUS_FILE
        write_atomic(path, json.dumps(status, ensure_ascii=False, indent=1).encode("utf-8"))
        return path

    def lines(self) -> list[str]:
        """What the CLI prints: the two paths, or the HTML and why there is no PDF."""
        return [f"report: {self.html}",
                f"pdf:    {self.pdf}" if self.pdf else f"pdf:    skipped: {self.pdf_skipped}"]

    @classmethod
    def read(cls, folder: Path) -> DocumentPaths | None:
        path = folder / STATUS_FILE
        if not path.exists():
            return None
        status = json.loads(path.read_text(encoding="utf-8"))
        return cls(html=folder / status["html"], pdf=folder / status["pdf"] if status.get("pdf") else None,
                   pdf_skipped=status.get("pdf_skipped") or "", sections=status.get("sections") or [],
                   unplaced=status.get("unplaced") or [], pdf_name=status.get("pdf_name") or "")


# Where the run's asset writes the document into a temporary build folder: the run driver prints the PDF
# once the output is in place (`pipeline.app.run`).
PDF_AFTER_SWAP = "printed once the run has put the output in place"


def print_pdf(paths: DocumentPaths, folder: Path) -> DocumentPaths:
    """The PDF of the document `paths` names (in `folder`), printed beside it, and `rapport.json` updated
    with where it is or why there is none."""
    paths.pdf, paths.pdf_skipped = write_pdf(paths.html, folder / paths.pdf_name)
    paths.write_status(folder)
    return paths


def write_pdf(html: Path, pdf: Path) -> tuple[Path | None, str]:
    """`html` printed to `pdf` by headless Chromium, or (None, why not) where Chromium cannot be had or
    fails: the HTML stands without it."""
    from pipeline.browser import BrowserError, find_chromium, print_to_pdf

    executable, why = find_chromium()
    if executable is None:
        return None, why
    try:
        return print_to_pdf(html, pdf), ""
    except (BrowserError, OSError, TimeoutError) as exc:
        return None, f"Chromium ({executable}) could not print {html.name}: {exc}"
    except Exception as exc:  # noqa: BLE001  (a crashed browser closing its connection: the HTML stands)
        return None, f"Chromium ({executable}) failed while printing {html.name}: {type(exc).__name__}: {exc}"


# -- Reading a PDF's outline (the browser test checks each section's pages with it) -----------------------

def _pdf_string(raw: bytes) -> str:
    if raw.startswith(b"<"):
        data = bytes.fromhex(raw[1:-1].decode("ascii"))
        return data[2:].decode("utf-16-be") if data.startswith(b"\xfe\xff") else data.decode("latin-1")
    text = raw[1:-1]
    text = re.sub(rb"\\([nrtbf()\\])", lambda m: {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b",
                                                   b"f": b"\f"}.get(m.group(1), m.group(1)), text)
    return re.sub(rb"\\([0-7]{1,3})", lambda m: bytes([int(m.group(1), 8)]), text).decode("latin-1")


def pdf_pages_and_outline(data: bytes) -> tuple[int, list[tuple[str, int]]]:
    """The number of pages of a PDF as Chromium (Skia) writes it, and its outline as (title, page index)
    in document order. Reads the object dictionaries, which Skia leaves uncompressed (only streams are)."""
    body = re.sub(rb"stream\r?\n.*?endstream", b"", data, flags=re.DOTALL)
    objects = {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", body, re.DOTALL)}
    catalog = next(o for o in objects.values() if re.search(rb"/Type\s*/Catalog", o))
    pages: list[int] = []

    def walk(number: int) -> None:
        node = objects[number]
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", node)
        if re.search(rb"/Type\s*/Pages", node) and kids:
            for kid in re.findall(rb"(\d+) 0 R", kids.group(1)):
                walk(int(kid))
        else:
            pages.append(number)

    walk(int(re.search(rb"/Pages\s+(\d+) 0 R", catalog).group(1)))
    index = {number: i for i, number in enumerate(pages)}
    outline: list[tuple[str, int]] = []
    root = re.search(rb"/Outlines\s+(\d+) 0 R", catalog)

    def items(number: int | None) -> None:
        while number is not None:
            node = objects[number]
            title = re.search(rb"/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]*>)", node, re.DOTALL)
            dest = re.search(rb"/Dest\s*\[\s*(\d+) 0 R", node)
            if title and dest:
                outline.append((_pdf_string(title.group(1)), index.get(int(dest.group(1)), -1)))
            first = re.search(rb"/First\s+(\d+) 0 R", node)
            if first:
                items(int(first.group(1)))
            following = re.search(rb"/Next\s+(\d+) 0 R", node)
            number = int(following.group(1)) if following else None

    if root:
        first = re.search(rb"/First\s+(\d+) 0 R", objects[int(root.group(1))])
        items(int(first.group(1)) if first else None)
    return len(pages), outline
