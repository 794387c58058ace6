"""Reference data shared by the domains: the kommunal deflator with its vintages, the report-year
configuration, SSB's befolkningskategori classes and the kommune code changes (KLASS 131).

Each table is a CSV under `sql/seeds/` with the source of every row; a snapshot may override one
with `reference/<name>.csv` (the demo snapshot brings its own, synthetic, deflator).
"""

from __future__ import annotations

from pipeline.reference import ReferenceTable
from pipeline.source_assets import reference_table_asset
from pipeline.ssb.declaration import ColumnExpectations, Expectations

KOMMUNAL_DEFLATOR = ReferenceTable(
    name="kommunal_deflator",
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

REFERENCE_TABLES = (KOMMUNAL_DEFLATOR, RAPPORTAAR, BEFOLKNINGSKATEGORI, KOMMUNEENDRINGER)

assets = [reference_table_asset(spec, group="reference") for spec in REFERENCE_TABLES]
