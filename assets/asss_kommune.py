"""ASSS indicators on forebygging og tidlig innsats (issue #12), the kommune half: the catalogue of the
seed's 15 indicators with vedlegg 5's comparability verdicts as data (`reference.asss_indikatorer`),
indicators 1–10 from the kommuner's own file (`raw.kommune_asss_forebygging`, declared in
`assets.sources.asss_kommune`) in the long shape every ASSS indicator table shares
(`indicators.asss_indikator_kommune`), and what may be compared (`indicators.asss_sammenlignbarhet`).

The seed is Kjelsaas og Pedersen (2024), Menon-publikasjon nr. 43/2024 (`../shared/seeds/
menon-2024-asss-indikatorer.txt`): chapter 4 defines the indicators, vedlegg 5 (tabell 0-1) says for each
whether it is comparable over time and between kommuner, and on what condition. A verdict is `ja`, `nei`
or `betinget`; a conditional verdict names its condition in words (`*_vilkaar`, the seed's own) and as
the normalisations that meet it (`*_krav`, `+`-separated): `deflatert` (report-year kroner with the
kommunal deflator), `per_10000_0_17` (per 10 000 inhabitants 0–17), `andel_barnefamilier` (a share of
the families with children) and `andel_aldersgruppe` (a share of the age group).
"""

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import dagster as dg
from dagster_duckdb import DuckDBResource

from assets.sources.asss_kommune import ASSS_FOREBYGGING, KommuneDataset, KommuneFilError
from pipeline.catalog import dataset_doc
from pipeline.expectations import Audit, ColumnExpectations, Expectations
from pipeline.model_assets import SqlModel, sql_model_asset, table_key
from pipeline.reference import ReferenceTable
from pipeline.resources import OutputResource, SnapshotResource
from pipeline.snapshot import sha256_bytes
from pipeline.source_assets import (
    check_results,
    check_specs,
    load_validated,
    markdown_table,
    reference_table_asset,
    table_metadata,
)
from pipeline.symbols import SymbolRule
from pipeline.typed_csv import read_typed_file

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

_VERDICTS = ("ja", "nei", "betinget")

ASSS_INDIKATORER = ReferenceTable(
    name="asss_indikatorer",
    one_row="one of the 15 ASSS indicators (Menon-publikasjon 43/2024, chapter 4 and vedlegg 5)",
    column_docs={
        "nr": "the indicator's number (1-15)",
        "navn": "the indicator's name as the seed words it",
        "definisjon": "its definition",
        "enhet": "its unit (ja/nei, kroner per innbygger, andel, …)",
        "teller": "the numerator, for a ratio",
        "nevner": "the denominator, for a ratio",
        "kildetype": "kommune (the kommuner's own answers) or ssb",
        "over_tid": "vedlegg 5's verdict on comparability over time: ja, nei or betinget",
        "over_tid_vilkaar": "the condition of a betinget verdict over time, in the seed's words",
        "over_tid_krav": "the normalisations that meet that condition",
        "mellom_kommuner": "vedlegg 5's verdict on comparability between kommuner: ja, nei or betinget",
        "mellom_kommuner_vilkaar": "the condition of a betinget verdict between kommuner, in the seed's words",
        "mellom_kommuner_krav": "the normalisations that meet that condition",
        "kilde_mangler": "for an indicator no source was found for: what was searched, and when; empty otherwise",
        "kilde_i_seeden": "the section and page of the seed the row quotes",
    },
    description=(
        "The 15 ASSS indicators of the seed (Menon-publikasjon 43/2024, chapter 4): name as the seed words it, "
        "definition, unit, numerator and denominator, source kind (kommune / SSB / Udir / NAV: the last two from the "
        "file kommune/asss_skole_arbeid), and vedlegg 5's verdict on "
        "comparability over time and between kommuner (ja / nei / betinget) with its condition in the seed's "
        "words and as the normalisations that meet it; `kilde_mangler` says, for an indicator no SSB source was found "
        "for, which file gives it and what was searched; `kilde_i_seeden` quotes section and page"
    ),
    columns={"nr": "int", "navn": "text", "definisjon": "text", "enhet": "text", "teller": "text",
             "nevner": "text", "kildetype": "text", "over_tid": "text", "over_tid_vilkaar": "text",
             "over_tid_krav": "text", "mellom_kommuner": "text", "mellom_kommuner_vilkaar": "text",
             "mellom_kommuner_krav": "text", "kilde_mangler": "text", "kilde_i_seeden": "text",
             "source_document": "text", "source_url": "text"},
    optional=("teller", "nevner", "over_tid_vilkaar", "over_tid_krav", "mellom_kommuner_vilkaar",
              "mellom_kommuner_krav", "kilde_mangler"),
    expectations=Expectations(
        min_rows=15,
        unique_key=("nr",),
        columns=(
            ColumnExpectations("nr", not_null=True, min_value=1, max_value=15),
            ColumnExpectations("kildetype", not_null=True, allowed=("kommune", "SSB", "Udir", "NAV")),
            ColumnExpectations("over_tid", not_null=True, allowed=_VERDICTS),
            ColumnExpectations("mellom_kommuner", not_null=True, allowed=_VERDICTS),
            ColumnExpectations("over_tid_krav", regex=r"^[a-z0-9_]+(\+[a-z0-9_]+)*$"),
            ColumnExpectations("mellom_kommuner_krav", regex=r"^[a-z0-9_]+(\+[a-z0-9_]+)*$"),
        ),
    ),
)

reference_assets = [reference_table_asset(ASSS_INDIKATORER, group="asss_kommune")]


# --- The kommune file: read, and its answers checked against each other -----------------------------

_ROW = "rad"  # the row in the file, kept so that a later check can name it


def _empty_or_zero(value) -> bool:
    import pandas as pd

    return pd.isna(value) or value == 0


def _is(value, answer: str) -> bool:
    import pandas as pd

    return not pd.isna(value) and value == answer


def answer_problems(frame: "pd.DataFrame", where: str) -> list[str]:
    """What the answers of a kommune file say against each other, one line per problem, each naming the
    file, the row and the column and what was expected."""
    import pandas as pd

    problems = []
    first_row: dict[tuple[str, int], int] = {}
    for r in frame.itertuples(index=False):
        at = f"{where}, row {r.rad}"
        if not re.fullmatch(r"\d{4}", str(r.kommunenummer)):
            problems.append(f"{at}, column 'kommunenummer': {r.kommunenummer!r} is not a kommune code (expected "
                            f"four digits, e.g. 0301)")
        key = (str(r.kommunenummer), int(r.aar))
        if key in first_row:
            problems.append(f"{at}, columns 'kommunenummer', 'aar': {key[0]} {key[1]} again (also row "
                            f"{first_row[key]}); expected one row per kommune and year")
        first_row.setdefault(key, r.rad)
        if _is(r.plan_i_samfunnsdelen, "ja") and not _is(r.forebyggende_plan, "ja"):
            problems.append(f"{at}, column 'plan_i_samfunnsdelen': 'ja', but forebyggende_plan is "
                            f"{'empty' if pd.isna(r.forebyggende_plan) else repr(r.forebyggende_plan)}; "
                            f"expected an adopted plan (forebyggende_plan ja) for a plan anchored in the samfunnsdel")
        if _is(r.tverrfaglig_samarbeid, "nei"):
            for column in ("antall_tjenester", "ressurser", "familier_hjulpet"):
                if not _empty_or_zero(getattr(r, column)):
                    problems.append(f"{at}, column {column!r}: {getattr(r, column)} but tverrfaglig_samarbeid is "
                                    f"'nei'; expected empty or 0 without a formal cooperation")
        if pd.isna(r.ressurser) != pd.isna(r.ressurser_enhet):
            given, empty = (("ressurser", "ressurser_enhet") if pd.isna(r.ressurser_enhet)
                            else ("ressurser_enhet", "ressurser"))
            problems.append(f"{at}, column {empty!r}: empty, but {given} is given; expected both (an amount "
                            f"and its unit: kroner or årsverk) or neither")
        for column in ("antall_tjenester", "ressurser", "familier_hjulpet"):
            value = getattr(r, column)
            if not pd.isna(value) and value < 0:
                problems.append(f"{at}, column {column!r}: {value} is negative; expected 0 or more")
    return problems


def read_kommune_file(dataset: KommuneDataset, path: Path) -> "pd.DataFrame":
    """One kommune file, typed against its declaration and its answers checked against each other; every
    problem of the file is named at once."""
    frame = read_typed_file(path, dataset.columns, error=KommuneFilError, row_column=_ROW)
    problems = answer_problems(frame, str(path))
    if problems:
        shown = "\n  ".join(problems[:20]) + (f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else "")
        raise KommuneFilError(f"{path}: {len(problems)} answer(s) the file cannot mean:\n  {shown}")
    return frame


def _empty_frame(dataset: KommuneDataset) -> "pd.DataFrame":
    import pandas as pd

    dtypes = {"int": "Int64", "float": "Float64", "bool": "boolean", "date": "object", "text": "string"}
    frame = pd.DataFrame({c.name: pd.Series(dtype=dtypes[c.kind]) for c in dataset.columns})
    frame[_ROW] = pd.Series(dtype="Int64")
    return frame


def kommune_file_asset(dataset: KommuneDataset, read: "Callable[[Path], pd.DataFrame]", *, source: str,
                       one_row: str, missing: str, written_in: str) -> dg.AssetsDefinition:
    """The raw asset of one optional kommune file (`kommune/<dataset>.csv|.xlsx`): read with `read` (which
    names every problem of the file), loaded validated into `dataset.table` with the file's path, sha256 and
    synthetic flag; without the file an empty table and a warning saying what is missing (`missing`)."""
    dataset_doc(dataset.table, f"{source}: {dataset.description} ({dataset.period})",
                f"one row of the file kommune/{dataset.name}.csv or .xlsx: {one_row}", dataset.columns, written_in,
                extra={"rad": "the row of the file the figures are on (the header is row 1)"})

    @dg.asset(
        key=table_key(dataset.table),
        group_name="asss_kommune",
        kinds={"duckdb", "csv"},
        description=f"{source}: {dataset.description} ({dataset.period}). File: "
                    f"kommune/{dataset.name}.csv or .xlsx, optional (no file: {missing})",
        check_specs=check_specs(dataset.table, table_key(dataset.table), f"kommune dataset {dataset.name}"),
        metadata={"columns": dg.MetadataValue.md(markdown_table(__import__("pandas").DataFrame(
            [{"column": c.name, "type": c.kind, "unit": c.unit or "", "description": c.description}
             for c in dataset.columns])))},
    )
    def kommune_file(
        context: dg.AssetExecutionContext, warehouse: DuckDBResource, snapshot: SnapshotResource,
        output: OutputResource,
    ) -> Iterator[dg.MaterializeResult]:
        snap = snapshot.open()
        path = snap.optional_file("kommune", dataset.name, (".csv", ".xlsx"))
        data = None
        if path is None:
            frame = _empty_frame(dataset)
            relpath = None
            context.log.warning(f"kommune/{dataset.name}.csv|.xlsx is not in the snapshot: {missing}")
        else:
            relpath = path.relative_to(snap.root).as_posix()
            data = snap.read_bytes(relpath)  # verifies the manifest's sha256 where it lists the file
            frame = read(path)
            context.log.info(f"kommune {dataset.name}: {len(frame)} rows from {relpath}, "
                             f"{frame['kommunenummer'].nunique()} kommuner")
        frame["fil"] = relpath
        frame["fil"] = frame["fil"].astype("string")
        frame["sha256"] = sha256_bytes(data) if relpath else None
        frame["sha256"] = frame["sha256"].astype("string")
        frame["synthetic"] = bool(relpath and snap.is_synthetic(relpath))
        frame["snapshot_id"] = snap.snapshot_id
        build = load_validated(warehouse, output, dataset.table, dataset.expectations, frame,
                               f"raw_kommune_{dataset.name}")
        yield dg.MaterializeResult(
            metadata={**table_metadata(build), "file": relpath or f"(none: optional; {missing})",
                      "synthetic": bool(frame["synthetic"].any()) if len(frame) else False},
            check_results=check_results(build),
        )

    return kommune_file


kommune_asss_forebygging = kommune_file_asset(
    ASSS_FOREBYGGING, lambda path: read_kommune_file(ASSS_FOREBYGGING, path), source="Kommunene",
    one_row="one kommune's answers for one year (empty: no kommune has answered yet)",
    missing="no kommune has sent its answers to ASSS indicators 1–10, so indicators.asss_indikator_kommune is empty",
    written_in="the declaration of kommune dataset asss_forebygging (assets/sources/asss_kommune.py)")


def require_kommune_answers(con: "duckdb.DuckDBPyConnection", year: int) -> None:
    """Stop where the kommune file cannot serve report year `year` (see `require_kommune_file`)."""
    require_kommune_file(con, year, ASSS_FOREBYGGING)


def require_kommune_file(con: "duckdb.DuckDBPyConnection", year: int, dataset: KommuneDataset) -> None:
    """Stop where a kommune file cannot serve report year `year`: a file that ends before the year it
    needs (an older drop), or a kommune code that is no kommune in the year its row describes nor in the
    report year's structure. Both name the file, and the second the row and column."""
    latest, files = con.execute(f"select max(aar), any_value(fil) from {dataset.table}").fetchone()
    if files is None:
        return  # no file: no answers yet
    expected = dataset.reaches.expected_year(year)
    if latest is None or latest < expected:
        raise KommuneFilError(
            f"{files}, column 'aar': the file ends at {latest} but report year {year} needs {dataset.name} up to "
            f"{expected} ({dataset.period}); is it an older drop? Put the report year's file in the snapshot")
    unmapped = con.execute(f"""
        select svar.fil, svar.rad, svar.kommunenummer, svar.aar
        from {dataset.table} as svar
        where svar.aar < ?
            and not exists (select 1 from indicators.kommunestruktur as s where s.report_year = ?
                            and s.region_kode = svar.kommunenummer and s.aar = svar.aar)
            and not exists (select 1 from indicators.kommunestruktur as s where s.report_year = ?
                            and s.kommune_kode = svar.kommunenummer)
        order by svar.rad""", [year, year, year]).fetchall()
    if unmapped:
        lines = [f"{fil}, row {rad}, column 'kommunenummer': {kode} is no kommune in {aar} (SSB 07459) nor in "
                 f"report year {year}'s structure" for fil, rad, kode, aar in unmapped[:20]]
        raise KommuneFilError(
            f"{len(unmapped)} kommune code(s) of the kommune file map to no kommune (expected the code the kommune "
            f"had in that year, or its code in the report year; a code change must be in "
            f"reference.kommuneendringer):\n  " + "\n  ".join(lines))


INDIKATOR_KOMMUNE = "indicators.asss_indikator_kommune"
_LONG_SHAPE = ("report_year", "indikator", "kommunenummer", "aar", "verdi", "enhet", "teller", "nevner", "merknad")


def long_shape_expectations(first: int, last: int) -> Expectations:
    """What every ASSS indicator table in the long shape must hold: indicators `first`–`last`, one row per
    indicator, kommune, year and unit, a four-digit kommune code, a unit, and no negative value."""
    return Expectations(
        min_rows=0,
        required_columns=_LONG_SHAPE,
        unique_key=("indikator", "kommunenummer", "aar", "enhet"),
        columns=(
            ColumnExpectations("indikator", not_null=True, min_value=first, max_value=last),
            ColumnExpectations("kommunenummer", not_null=True, regex=r"^\d{4}$"),
            ColumnExpectations("enhet", not_null=True),
            ColumnExpectations("verdi", min_value=0),
        ),
    )


asss_indikator_kommune = sql_model_asset(
    SqlModel(
        table=INDIKATOR_KOMMUNE,
        sql="indicators/asss_indikator_kommune.sql",
        description="ASSS indicators 1–10 per kommune of the report year's structure and year, from the "
                    "kommuner's own answers, in the long shape of every ASSS indicator table: resources (5) in "
                    "report-year kroner and per 10 000 inhabitants 0–17 (SSB 07459), families helped (10) as a "
                    "share of families with children 0–17 (SSB 06083)",
        # Denominators: a suppressed population or family count would move a kommune's ratio; SSB does not
        # suppress them, so a symbol there is a problem to look at.
        symbols=SymbolRule.stop("a denominator (inhabitants 0–17, families with children 0–17) short of a "
                                "suppressed cell would raise the kommune's ratio",
                                befolkning="region_type = 'kommune' and alder <= 17",
                                familier="region_type = 'kommune'"),
        precondition=require_kommune_answers,
        also_reads=("indicators.kommunestruktur",),  # the code check of require_kommune_answers
        expectations=long_shape_expectations(1, 10),
    ),
    group="asss_kommune",
)

sammenlignbarhet = sql_model_asset(
    SqlModel(
        table="indicators.asss_sammenlignbarhet",
        sql="indicators/asss_sammenlignbarhet.sql",
        description="Per ASSS indicator and unit: whether a comparison between kommuner and over time is "
                    "allowed, by vedlegg 5's verdict and the normalisation the unit carries, and why",
        expectations=Expectations(
            min_rows=0,
            unique_key=("indikator", "enhet"),
            columns=(ColumnExpectations("grunn", not_null=True),),
        ),
        audits=(Audit("every_indicator_in_the_catalogue",
                      "every indicator with rows is one of the seed's 15 (reference.asss_indikatorer)",
                      columns=(ColumnExpectations("ukjent_indikator", max_value=0),)),),
    ),
    group="asss_kommune",
)
