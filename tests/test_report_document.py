"""The report year as a document (issue #13): report/<year>/index.html written by the run's asset and by
`reformeval report` from an existing output, through one function; the PDF skipped, saying why, where
Chromium cannot be had. The real-browser checks are in tests/test_report_browser.py."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from assets.report import SEKSJONER
from pipeline.app.cli import main
from pipeline.model_assets import FIGURES


class _Page(HTMLParser):
    """The parts of a page the tests read: images, links, ids, section headings, table count."""

    def __init__(self, text: str):
        super().__init__()
        self.images: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.sections: list[str] = []
        self.tables = 0
        self._in_section_h2 = False
        self._section_open = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "img":
            self.images.append(attrs["src"])
        elif tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        elif tag == "table":
            self.tables += 1
        elif tag == "section" and "kapittel" in (attrs.get("class") or ""):
            self._section_open = True
        elif tag == "h2" and self._section_open:
            self._in_section_h2 = True
            self.sections.append("")

    def handle_endtag(self, tag):
        if tag == "h2":
            self._in_section_h2 = False
            self._section_open = False

    def handle_data(self, data):
        if self._in_section_h2:
            self.sections[-1] += data


def test_every_declared_figure_is_placed_in_exactly_one_section():
    # A figure added to a domain module must be given its place in the document (assets/report.py SEKSJONER).
    for figure_id in FIGURES:
        holders = [s.nr for s in SEKSJONER if s.har(figure_id)]
        assert len(holders) == 1, f"{figure_id} is in sections {holders}: place it in exactly one of SEKSJONER"


def test_the_run_writes_the_report_document_with_every_figure_table_and_input(demo_run: Path):
    folder = demo_run / "report" / "2023"
    html = (folder / "index.html").read_text(encoding="utf-8")
    page = _Page(html)
    manifest = json.loads((demo_run / "manifest.json").read_text(encoding="utf-8"))
    # Synthetic data: the banner, and the PDF (which travels alone) carries DEMODATA in its name.
    assert "DEMODATA: syntetiske tall, ikke publisert statistikk." in html
    status = json.loads((folder / "rapport.json").read_text(encoding="utf-8"))
    assert status["html"] == "index.html"
    assert status["pdf"] in (None, "statusrapport_2023_DEMODATA.pdf")
    # Every figure the run drew: its SVG shown, its CSV linked, its title, an "Om indikatoren" block.
    for meta_path in sorted((demo_run / "figures" / "2023").glob("*.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        assert f"../../figures/2023/{meta['svg']}" in page.images, meta["id"]
        assert f"../../figures/2023/{meta['csv']}" in page.links, meta["id"]
        figure = html[html.index(f'<figure id="{meta["id"].replace("_", "-")}"'):]
        figure = figure[:figure.index("</figure>")]
        assert "Om indikatoren" in figure and "Kildetabell" in figure and "Aldersgruppe" in figure
    # Chapter 5's sections in the report's order, then 6.1, ASSS, vedlegg A/B, changes, data.
    assert page.sections[:6] == [f"{s.nr} {s.tittel}" for s in SEKSJONER[:6]]
    assert page.sections[-2:] == ["Endringer siden forrige rapport", "Datagrunnlag"]
    # Tables 5-1 and 5-2 as HTML tables, with their CSV.
    assert 'id="tabell-5-1"' in html and 'id="tabell-5-2"' in html
    assert "tabell_5_1_DEMODATA.csv" in page.links and "tabell_5_2_DEMODATA.csv" in page.links
    # The headline with its kroner base and the data appendix with every input's sha256.
    headline = json.loads((folder / "hovedtall_rammetilskudd.json").read_text(encoding="utf-8"))
    assert headline["kroner_base"] in html and 'id="hovedtall"' in html
    for entry in manifest["snapshot"]["files"]:
        assert entry["sha256"] in html, entry["path"]
    assert manifest["snapshot"]["id"] in html
    for gap in manifest["reference_gaps"]:
        assert gap["gap"] in html.replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
    # No diff was made: said so, not left blank.
    assert "Ingen tidligere rapport sammenlignet" in html
    # The kommune pages are linked where they are.
    assert any(re.fullmatch(r"kommuner/index(_DEMODATA)?\.html", link) for link in page.links)


@pytest.fixture(scope="module")
def copied_run(demo_run: Path, tmp_path_factory) -> Path:
    """A copy of the shared demo output that tests may add files to (the shared one stays as the run left it)."""
    out = tmp_path_factory.mktemp("report-doc") / "out"
    shutil.copytree(demo_run, out, ignore=shutil.ignore_patterns("*.pdf"))
    return out


def test_report_command_renders_what_the_run_rendered(copied_run: Path, capsys):
    # One function behind both: from the finished output's manifest the command renders the same page the
    # run's asset rendered from the snapshot before the manifest existed.
    folder = copied_run / "report" / "2023"
    by_the_run = (folder / "index.html").read_bytes()
    (folder / "index.html").unlink()
    assert main(["report", "--year", "2023", "--out", str(copied_run), "--no-pdf"]) == 0
    assert (folder / "index.html").read_bytes() == by_the_run
    printed = capsys.readouterr().out
    assert f"report: {folder / 'index.html'}" in printed
    assert "pdf:    skipped: not asked for (--no-pdf)" in printed


def test_changes_since_the_last_report_are_listed_largest_first(copied_run: Path):
    (copied_run / "endringer").mkdir(exist_ok=True)
    (copied_run / "endringer" / "endringer.csv").write_text(
        "indikator,noekkel,aar,gammel_verdi,ny_verdi,endring,aarsak,forklaring\n"
        "figur_5_1,omsorgstiltak,2021,100,101,1,revisjon,SSB reviderte cellen\n"
        "figur_5_14,244,2021,2000,1950,-50,deflator,ny deflatorårgang\n"
        "figur_5_15,3,2022,10,20,10,kommunestruktur,sammenslåing\n", encoding="utf-8")
    (copied_run / "report" / "2023" / "katalog.html").write_text("<html></html>", encoding="utf-8")
    try:
        assert main(["report", "--year", "2023", "--out", str(copied_run), "--no-pdf"]) == 0
        html = (copied_run / "report" / "2023" / "index.html").read_text(encoding="utf-8")
        section = html[html.index('id="seksjon-endringer"'):html.index('id="seksjon-datagrunnlag"')]
        assert "Ingen tidligere rapport sammenlignet" not in section
        assert section.index("ny deflatorårgang") < section.index("sammenslåing") < section.index(
            "SSB reviderte cellen")
        assert 'href="../../endringer/endringer.csv"' in section
        assert 'href="katalog.html"' in html
    finally:
        shutil.rmtree(copied_run / "endringer")
        (copied_run / "report" / "2023" / "katalog.html").unlink()


def test_a_changes_file_without_a_column_is_refused_naming_file_and_column(copied_run: Path, capsys):
    (copied_run / "endringer").mkdir(exist_ok=True)
    path = copied_run / "endringer" / "endringer.csv"
    path.write_text("indikator,noekkel,aar,gammel_verdi,ny_verdi,aarsak,forklaring\n", encoding="utf-8")
    try:
        assert main(["report", "--year", "2023", "--out", str(copied_run), "--no-pdf"]) == 1
        error = capsys.readouterr().err
        assert str(path) in error and "'endring'" in error
    finally:
        shutil.rmtree(copied_run / "endringer")


def test_without_chromium_the_html_is_written_and_the_pdf_skipped_saying_why(copied_run: Path, monkeypatch,
                                                                            capsys):
    folder = copied_run / "report" / "2023"
    stale = folder / "statusrapport_2023_DEMODATA.pdf"
    stale.write_bytes(b"%PDF- an earlier rendering")
    (folder / "index.html").unlink()
    monkeypatch.setenv("REFORMEVAL_CHROMIUM", str(copied_run / "no-chromium-here"))
    assert main(["report", "--year", "2023", "--out", str(copied_run)]) == 0
    printed = capsys.readouterr().out
    assert (folder / "index.html").exists()
    why = f"REFORMEVAL_CHROMIUM={copied_run / 'no-chromium-here'} is not an executable file"
    assert f"pdf:    skipped: {why}" in printed
    assert not stale.exists()  # a PDF that no longer matches the HTML is not left behind
    assert json.loads((folder / "rapport.json").read_text(encoding="utf-8"))["pdf"] is None


def test_report_refuses_a_folder_that_is_not_an_output(tmp_path: Path, capsys):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["report", "--year", "2023", "--out", str(tmp_path)]) == 1
    assert "not the output of a reformeval run" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_the_link_check_names_every_link_that_resolves_to_nothing(tmp_path: Path):
    from pipeline.report_document import unresolved_links

    (tmp_path / "figur.svg").write_text("<svg/>", encoding="utf-8")
    page = tmp_path / "index.html"
    page.write_text('<p id="her"></p><img src="figur.svg"><img src="borte.svg"><a href="#her">ok</a>'
                    '<a href="#ikke-her">x</a><a href="https://example.org/">ut</a><a href="figur.svg#x">ok</a>',
                    encoding="utf-8")
    assert unresolved_links(page) == ["borte.svg", "#ikke-her", "https://example.org/"]


def test_the_run_ends_by_printing_where_the_document_and_its_pdf_are(demo_run: Path, capsys):
    # What `make demo` ends with: the paths in OUT (the run built elsewhere and swapped OUT in).
    from pipeline.app.cli import print_report_document

    print_report_document(2023, demo_run)
    printed = capsys.readouterr().out.splitlines()
    folder = demo_run / "report" / "2023"
    assert printed[0] == f"report: {folder / 'index.html'}"
    assert printed[1] in (f"pdf:    {folder / 'statusrapport_2023_DEMODATA.pdf'}",) or printed[1].startswith(
        "pdf:    skipped: ")


def test_the_pdf_of_a_run_links_into_the_output_not_the_folder_it_was_built_in(demo_run: Path):
    """Chromium writes every relative link of the page as an absolute file:// link into the PDF. A run builds
    in a temporary sibling of OUT that is gone after the swap, so the PDF is printed once OUT is in place."""
    from pipeline.report_document import DocumentPaths

    paths = DocumentPaths.read(demo_run / "report" / "2023")
    if paths.pdf is None:
        pytest.skip(f"no PDF in the demo run: {paths.pdf_skipped}")
    data = paths.pdf.read_bytes()
    links = set(re.findall(rb"file://[^)>\s]*", data))
    assert links, "the PDF links the figures' files"
    assert not [link for link in links if b".building-" in link]
    assert all(link.startswith(demo_run.resolve().as_uri().encode()) for link in links), sorted(links)[:3]


def test_a_pdf_printer_that_fails_unexpectedly_leaves_the_html_and_says_why(tmp_path: Path, monkeypatch):
    """The run prints the PDF after OUT is in place: an error there (a crashed Chromium closing its DevTools
    connection) must not make a run that replaced OUT look failed; the PDF is recorded as skipped, with why."""
    import pipeline.browser
    from pipeline.report_document import DocumentPaths, print_pdf

    (tmp_path / "index.html").write_text("<html></html>", encoding="utf-8")
    monkeypatch.setattr(pipeline.browser, "find_chromium", lambda: ("/usr/bin/chromium", ""))

    def crash(html, pdf):
        raise RuntimeError("connection closed by the browser")

    monkeypatch.setattr(pipeline.browser, "print_to_pdf", crash)
    paths = print_pdf(DocumentPaths(html=tmp_path / "index.html", pdf_name="x.pdf"), tmp_path)
    assert paths.pdf is None and "connection closed by the browser" in paths.pdf_skipped
    assert DocumentPaths.read(tmp_path).pdf_skipped == paths.pdf_skipped
