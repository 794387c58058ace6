"""`reformeval report --year Y --out OUT`: the report document (HTML and PDF) of an existing output, without
re-running the pipeline: through the same function the run's asset calls (`assets.report.write_report_document`),
reading OUT's figures, tables and manifest and its warehouse read only. OUT is held with the run's lock, so a
run cannot replace it half-way."""

from __future__ import annotations

from pathlib import Path

from pipeline.report_document import DocumentPaths, Provenance, ReportDocumentError
from pipeline.run_output import output_lock, read_manifest


def render_report(year: int, out: Path, pdf: bool = True) -> DocumentPaths:
    out = out.resolve()
    manifest = read_manifest(out) if out.is_dir() else None
    if manifest is None or manifest.get("tool") != "reformeval":
        raise ReportDocumentError(f"--out {out}: not the output of a reformeval run (no manifest.json with "
                                  f"\"tool\": \"reformeval\"); make one with "
                                  f"`reformeval run --year {year} --out {out}`")
    if manifest.get("report_year") != year:
        raise ReportDocumentError(f"--out {out}: manifest.json has report_year {manifest.get('report_year')}, not "
                                  f"{year}; an output holds one report year")
    warehouse = out / "warehouse.duckdb"
    if not warehouse.exists():
        raise ReportDocumentError(f"--out {out}: no warehouse.duckdb; the report document reads it")
    provenance = Provenance.from_manifest(out)
    import duckdb

    from assets.report import write_report_document

    with output_lock(out), duckdb.connect(str(warehouse), read_only=True) as con:
        return write_report_document(con, out, year, provenance, pdf=pdf)
