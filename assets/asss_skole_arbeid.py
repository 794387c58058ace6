"""ASSS indicators 12, 13 and 15 (issue #12) from Udir's and NAV's figures by kommune, dropped in as
`kommune/asss_skole_arbeid.csv|.xlsx` (declared in `assets.sources.asss_skole_arbeid`): the file read and its
rows checked against each other (`raw.kommune_asss_skole_arbeid`), and the indicators in the long shape
every ASSS indicator table shares (`indicators.asss_indikator_skole_arbeid`), which the comparability rule
and the comparators union with the others.

No SSB table with kommune rows was found for these three (the catalogue's gap text says what was searched);
without the file the run goes on and the panel and the pages say which file would give them.
"""

from typing import TYPE_CHECKING

from assets.asss_kommune import _ROW, kommune_file_asset, long_shape_expectations, require_kommune_file
from assets.sources.asss_kommune import KommuneFilError
from assets.sources.asss_skole_arbeid import ASSS_SKOLE_ARBEID, MAAL
from pipeline.model_assets import SqlModel, sql_model_asset
from pipeline.typed_csv import read_typed_file

if TYPE_CHECKING:
    from pathlib import Path

    import duckdb
    import pandas as pd

# A published share is rounded (Udir and NAV give one decimal): beside the counts it may differ from
# 100 × teller / nevner by the rounding, not more.
_ANDEL_TOLERANSE = 0.1


def row_problems(frame: "pd.DataFrame", where: str) -> list[str]:
    """What the rows of an Udir/NAV file say against each other, one line per problem, each naming the
    file, the row, the column and what was expected."""
    import re

    import pandas as pd

    problems = []
    first_row: dict[tuple, int] = {}
    definitions: dict[tuple[str, int], tuple[str, int]] = {}
    for r in frame.itertuples(index=False):
        at = f"{where}, row {r.rad}"
        if not re.fullmatch(r"\d{4}", str(r.kommunenummer)):
            problems.append(f"{at}, column 'kommunenummer': {r.kommunenummer!r} is not a kommune code (expected "
                            f"four digits, e.g. 0301)")
        indikator = MAAL[r.maal][0]
        band = None if pd.isna(r.aldersgruppe) else r.aldersgruppe
        # 13 may come as completed or as not completed, never both: one indicator per kommune and year
        key = (str(r.kommunenummer), int(r.aar), indikator, band)
        if key in first_row:
            problems.append(f"{at}, columns 'kommunenummer', 'aar', 'maal': {key[0]} {key[1]} indikator {indikator}"
                            f"{' ' + band if band else ''} again (also row {first_row[key]}); expected one row per "
                            f"kommune, year and indicator")
        first_row.setdefault(key, r.rad)
        # kommuner are compared with each other only on one measure: "innen 5 år" beside "innen 6 år" is not one
        defined = definitions.setdefault((r.maal, int(r.aar)), (r.definisjon, r.rad))
        if defined[0] != r.definisjon:
            problems.append(f"{at}, column 'definisjon': {r.definisjon!r}, but row {defined[1]} defines {r.maal} "
                            f"{r.aar} as {defined[0]!r}; expected one definition per measure and year")
        teller, nevner, andel = (None if pd.isna(v) else float(v) for v in (r.teller, r.nevner, r.andel))
        if r.maal == "helt_ledige":
            if band is None:
                problems.append(f"{at}, column 'aldersgruppe': empty; expected 15-24, or 15-19 and 20-24, for "
                                f"helt_ledige")
            if andel is not None:
                problems.append(f"{at}, column 'andel': {andel:g} given for helt_ledige; expected empty: NAV's "
                                f"share is of the labour force, vedlegg 5 asks for a share of the age group "
                                f"(give teller, and nevner or leave it to SSB 07459)")
        elif band is not None:
            problems.append(f"{at}, column 'aldersgruppe': {band!r} for {r.maal}; expected empty (an age band "
                            f"belongs to helt_ledige)")
        if not pd.isna(r.prikket):
            for column, value in (("teller", teller), ("andel", andel)):
                if value is not None:
                    problems.append(f"{at}, column {column!r}: {value:g}, but prikket is {r.prikket!r}; expected "
                                    f"empty where the agency suppressed the cell (a suppressed cell is never a "
                                    f"number)")
        elif teller is None and andel is None:
            problems.append(f"{at}, columns 'teller', 'andel': both empty and prikket empty; expected a count, a "
                            f"share, or the agency's symbol in prikket")
        if teller is not None and nevner is not None and teller > nevner:
            problems.append(f"{at}, column 'teller': {teller:g} is more than nevner {nevner:g}; expected a part "
                            f"of nevner")
        if nevner == 0:
            problems.append(f"{at}, column 'nevner': 0; expected a positive count (or empty)")
        if teller is not None and nevner and andel is not None \
                and abs(100 * teller / nevner - andel) > _ANDEL_TOLERANSE:
            problems.append(f"{at}, column 'andel': {andel:g}, but 100 × teller / nevner is "
                            f"{100 * teller / nevner:.2f}; expected the share of the counts in the same row")
    return problems


def read_skole_arbeid_file(path: "Path") -> "pd.DataFrame":
    """The Udir/NAV file, typed against its declaration and its rows checked against each other; every
    problem of the file is named at once."""
    frame = read_typed_file(path, ASSS_SKOLE_ARBEID.columns, error=KommuneFilError, row_column=_ROW)
    problems = row_problems(frame, str(path))
    if problems:
        shown = "\n  ".join(problems[:20]) + (f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else "")
        raise KommuneFilError(f"{path}: {len(problems)} row(s) the file cannot mean:\n  {shown}")
    return frame


kommune_asss_skole_arbeid = kommune_file_asset(
    ASSS_SKOLE_ARBEID, read_skole_arbeid_file, source="Udir og NAV",
    one_row="one kommune, year and measure (and age band for helt ledige), as Udir or NAV publish it",
    missing="ASSS indicators 12, 13 and 15 need Udir's and NAV's figures by kommune, so they have no rows",
    written_in="the declaration of kommune dataset asss_skole_arbeid (assets/sources/asss_skole_arbeid.py)")


def require_skole_arbeid_file(con: "duckdb.DuckDBPyConnection", year: int) -> None:
    """Stop where the Udir/NAV file cannot serve report year `year`: an older drop, or a code that is no
    kommune (named file, row and column)."""
    require_kommune_file(con, year, ASSS_SKOLE_ARBEID)


INDIKATOR_SKOLE_ARBEID = "indicators.asss_indikator_skole_arbeid"

asss_indikator_skole_arbeid = sql_model_asset(
    SqlModel(
        table=INDIKATOR_SKOLE_ARBEID,
        sql="indicators/asss_indikator_skole_arbeid.sql",
        description="ASSS indicators 12 (pupils without grunnskolepoeng), 13 (pupils not completing videregående) "
                    "and 15 (young helt ledige 15–24 as a share of the inhabitants 15–24, SSB 07459 unless the file "
                    "gives the denominator) per kommune of the report year's structure and year, from Udir's and "
                    "NAV's figures in the long shape of every ASSS indicator table; a suppressed cell gives a "
                    "NULL value named in merknad",
        precondition=require_skole_arbeid_file,
        also_reads=("indicators.kommunestruktur",),  # the code check of require_skole_arbeid_file
        expectations=long_shape_expectations(12, 15),
    ),
    group="asss_kommune",
)
