"""Reference data shared by the domains: the kommunal deflator with its vintages, the report-year
configuration, SSB's befolkningskategori classes and the kommune code changes (KLASS 131).

Each table is a CSV under `sql/seeds/` with the source of every row; a snapshot may override one
with `reference/<name>.csv` (the demo snapshot brings its own, synthetic, deflator: `assets.demo.reference`).
"""

from __future__ import annotations

import duckdb

from pipeline.errors import ReferenceDataError
from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.model_assets import SqlModel, sql_model_asset
from pipeline.reference import ReferenceTable
from pipeline.source_assets import reference_table_asset
from pipeline.symbols import SymbolRule

KOMMUNAL_DEFLATOR = ReferenceTable(
    name="kommunal_deflator",
    one_row="one figure of the kommunal deflator for one year as one budget document published it",
    column_docs={
        "year": "the year the growth applies to [år]",
        "growth_percent": "price and cost growth in the kommunesektor that year, as that document gives it [prosent]",
        "published": "when the document was published (YYYY-MM): a report year uses the figures known at its as-of "
                     "month",
        "published_in": "the budget document (Prop. 1 S, RNB, …)",
        "kind": "anslag (a forecast) or regnskap (the outcome)",
    },
    description=(
        "Kommunal deflator (pris- og kostnadsvekst i kommunesektoren), per cent per year, each figure with "
        "the budget document that published it (`published`, YYYY-MM): later documents revise earlier years"
    ),
    columns={"year": "int", "growth_percent": "float", "published": "text", "published_in": "text",
             "kind": "text", "source_document": "text", "source_url": "text", "quote": "text"},
    optional=("quote",),
    expectations=Expectations(
        unique_key=("year", "published"),
        columns=(
            ColumnExpectations("growth_percent", not_null=True, min_value=-5, max_value=15),
            ColumnExpectations("published", not_null=True, regex=r"^\d{4}-\d{2}$"),
            ColumnExpectations("year", not_null=True, min_value=2000, max_value=2100),
        ),
    ),
)

RAPPORTAAR = ReferenceTable(
    name="rapportaar",
    one_row="one report year and how it is configured",
    column_docs={
        "report_year": "the report year [år]",
        "deflator_as_of": "the deflator vintage the report year uses: figures published up to this month (YYYY-MM)",
        "pre_reform_year": "the year before the reform the headline compares with [år]",
        "first_reform_year": "the reform's first year [år]",
        "notes": "why the vintage was chosen",
    },
    description="Per report year: which deflator vintage (as-of month) it uses and the years before and of the reform",
    columns={"report_year": "int", "deflator_as_of": "text", "pre_reform_year": "int", "first_reform_year": "int",
             "notes": "text", "source_document": "text", "source_url": "text"},
    optional=("notes",),
    expectations=Expectations(
        unique_key=("report_year",),
        columns=(ColumnExpectations("deflator_as_of", not_null=True, regex=r"^\d{4}-\d{2}$"),),
    ),
)

BEFOLKNINGSKATEGORI = ReferenceTable(
    name="befolkningskategori",
    one_row="one befolkningskategori (SSB's size class of kommuner, KLASS 115)",
    column_docs={
        "kategori": "the class number (1-6)",
        "navn": "the class's name",
        "min_innbyggere": "the fewest inhabitants on 1 January in the class [innbyggere]",
        "max_innbyggere": "the most inhabitants in the class, empty for the largest [innbyggere]",
    },
    description="SSB's classes of kommuner by inhabitants on 1 January (KLASS 115)",
    columns={"kategori": "int", "navn": "text", "min_innbyggere": "int", "max_innbyggere": "int",
             "source_document": "text", "source_url": "text"},
    optional=("max_innbyggere",),
    expectations=Expectations(
        unique_key=("kategori",),
        columns=(ColumnExpectations("kategori", not_null=True, min_value=1, max_value=6),),
    ),
)

KOMMUNEENDRINGER = ReferenceTable(
    name="kommuneendringer",
    one_row="one kommune code change (KLASS 131): an old code that becomes a new one from a year",
    column_docs={
        "change_year": "the year from which the old code is the new one (changes take effect on 1 January) [år]",
        "old_code": "the kommune code before the change",
        "old_name": "the kommune's name before the change",
        "new_code": "the kommune code after the change",
        "new_name": "the kommune's name after the change",
    },
    description=(
        "Kommune code changes (SSB KLASS 131): from `change_year` on, `old_code` is `new_code`. A merger has "
        "several old codes for one new; a split one old code for several new (shared by population)"
    ),
    columns={"change_year": "int", "old_code": "text", "old_name": "text", "new_code": "text", "new_name": "text",
             "source_document": "text", "source_url": "text"},
    optional=("old_name", "new_name"),
    expectations=Expectations(
        min_rows=0,
        unique_key=("change_year", "old_code", "new_code"),
        columns=(
            ColumnExpectations("old_code", not_null=True, regex=r"^\d{4}$"),
            ColumnExpectations("new_code", not_null=True, regex=r"^\d{4}$"),
        ),
    ),
)

BARNEVERNSREGION = ReferenceTable(
    name="barnevernsregion",
    one_row="one fylke, or one kommune of a fylke two regions shared, and its barnevernsregion",
    column_docs={
        "kode": "the fylke code (two digits) or kommune code (four digits)",
        "navn": "the fylke's or kommune's name",
        "niva": "fylke or kommune",
        "barnevernsregion": "nord, midt_norge, vest, sor, ost or oslo",
    },
    description=(
        "The barnevernsregion (Bufetat's five regions, and Oslo) of every fylke code, and of the kommuner of a "
        "fylke that two regions shared (Viken 2020-2023): for rates per inhabitant by region"
    ),
    columns={"kode": "text", "navn": "text", "niva": "text", "barnevernsregion": "text",
             "source_document": "text", "source_url": "text"},
    expectations=Expectations(
        unique_key=("kode",),
        columns=(
            ColumnExpectations("niva", not_null=True, allowed=("fylke", "kommune")),
            ColumnExpectations("barnevernsregion", not_null=True,
                               allowed=("nord", "midt_norge", "vest", "sor", "ost", "oslo")),
            ColumnExpectations("kode", not_null=True, regex=r"^(\d{2}|\d{4})$"),
        ),
    ),
)

REFERENCE_TABLES = (KOMMUNAL_DEFLATOR, RAPPORTAAR, BEFOLKNINGSKATEGORI, KOMMUNEENDRINGER, BARNEVERNSREGION)

assets = [reference_table_asset(spec, group="reference") for spec in REFERENCE_TABLES]


# --- The deflator of a report year --------------------------------------------------------------

# Kroner amounts enter the indicators from these years on (the first KOSTRA year).
_FIRST_YEAR_SQL = "select min(aar) from staging.kostra_utgifter"


def _deflator_years(con: duckdb.DuckDBPyConnection, year: int) -> dict[str, int | str]:
    first = con.execute(_FIRST_YEAR_SQL).fetchone()[0]
    return {"first_year": int(first) if first is not None else year}


def require_deflator_years(con: duckdb.DuckDBPyConnection, year: int) -> None:
    """Stop with a named error when the report's vintage lacks a year a conversion needs."""
    config = con.execute(
        "select deflator_as_of, origin from reference.rapportaar where report_year = ?", [year]
    ).fetchone()
    if config is None:
        origin = con.execute("select any_value(origin) from reference.rapportaar").fetchone()[0]
        raise ReferenceDataError(
            f"reference.rapportaar ({origin}): no row for report_year {year}; expected its deflator_as_of"
        )
    as_of, _ = config
    first = int(con.execute(_FIRST_YEAR_SQL).fetchone()[0] or year)
    rows = con.execute(
        "select distinct year from reference.kommunal_deflator where published <= ? and year between ? and ?",
        [as_of, first + 1, year],
    ).fetchall()
    known = {int(r[0]) for r in rows}
    missing = [y for y in range(first + 1, year + 1) if y not in known]
    if missing:
        origin = con.execute("select any_value(origin) from reference.kommunal_deflator").fetchone()[0]
        raise ReferenceDataError(
            f"reference.kommunal_deflator ({origin}), field growth_percent: the vintage as of {as_of} "
            f"(report year {year}) has no figure for {', '.join(map(str, missing))}; converting "
            f"{first}–{year} kroner to {year}-kroner needs one published on or before {as_of} for every year "
            f"{first + 1}–{year}. Add the published figures with their source (never an interpolation)."
        )


deflator = sql_model_asset(
    SqlModel(
        table="indicators.deflator",
        symbols=SymbolRule.not_aggregated("reads only which years staging.kostra_utgifter has"),
        sql="indicators/deflator.sql",
        description=(
            "Kommunal deflator of the report year: growth and the factor to report-year kroner per year, "
            "under the report's vintage and the latest one"
        ),
        variables=_deflator_years,
        also_reads=("staging.kostra_utgifter",),  # which years the spending data have (_deflator_years)
        precondition=require_deflator_years,
        expectations=Expectations(
            unique_key=("aar",),
            columns=(
                ColumnExpectations("faktor_til_rapportaar", not_null=True, min_value=0.3, max_value=3.0),
                ColumnExpectations("vekst_prosent", min_value=-5, max_value=15),
            ),
        ),
    ),
    group="reference",
)
