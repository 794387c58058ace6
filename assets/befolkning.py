"""Population by kommune and single year of age on 1 January (SSB table 07459).

The denominator of the per-1 000 rates and the basis of befolkningskategori.

The table is declared in `assets.sources.befolkning`; this module maps kommune codes to the report
year's structure and derives befolkningskategori.
"""

from collections.abc import Iterator

import dagster as dg
import pandas as pd
from dagster_duckdb import DuckDBResource

from assets.sources import SSB_TABLES
from pipeline.catalog import ColumnDoc, TableDoc, document
from pipeline.errors import ReferenceDataError
from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.kommunestruktur import map_codes
from pipeline.model_assets import (
    READS_IF_PRESENT,
    SqlModel,
    has_kommune_rows,
    per_kommune,
    sql_model_asset,
    table_key,
)
from pipeline.partitions import report_year, report_year_partitions
from pipeline.resources import OutputResource
from pipeline.source_assets import check_results, check_specs, table_metadata
from pipeline.symbols import SymbolRule
from pipeline.warehouse import replace_partition_validated

# --- Report-year structure: every kommune code mapped to the report year's kommuner ---------------

KOMMUNESTRUKTUR = "indicators.kommunestruktur"
_OBSERVED_SQL = """
    select distinct region_kode, aar from {table}
    where region_type = 'kommune' and ({value} is not null or status is distinct from '.')
"""
# Every staged SSB table with kommune rows, and its value column: their codes must all map.
_KOMMUNE_TABLES = tuple((t.staged_table, t.kommune_value_column) for t in SSB_TABLES.values() if t.kommune_value_column)
# The structure itself is read from staging.befolkning; the codes to map from every table with kommune rows.
_KOMMUNESTRUKTUR_READS = tuple(dict.fromkeys(("staging.befolkning", *(table for table, _ in _KOMMUNE_TABLES),
                                               "reference.kommuneendringer")))


def _observed_codes(con) -> list[tuple[str, int]]:
    present = {r[0] for r in con.execute("select schema_name || '.' || table_name from duckdb_tables()").fetchall()}
    observed: list[tuple[str, int]] = []
    for table, value in _KOMMUNE_TABLES:
        if table in present:
            observed += [(c, int(a)) for c, a in con.execute(_OBSERVED_SQL.format(table=table, value=value)).fetchall()]
    return observed


document(TableDoc(
    KOMMUNESTRUKTUR,
    "Every kommune code in the data, per data year, mapped to the kommuner of the report year's structure "
    "through the KLASS 131 changes (reference.kommuneendringer)",
    "one kommune code as a table has it in one data year, and one kommune of the report year's structure it "
    "maps to, with the share of it that goes there (1 unless the kommune was split)",
    {name: ColumnDoc.parse(text) for name, text in {
        "region_kode": "the kommune code as the data have it in that year",
        "aar": "the data year the code is used in [år]",
        "kommune_kode": "the code of the kommune of the report year's structure it maps to",
        "andel": "the share of the old kommune that goes to that kommune: 1 for a renumbering or a merger, by "
                 "inhabitants on 1 January of the year of a split [andel 0-1]",
        "kommune_navn": "the name of that kommune in the structure year (SSB 07459)",
        "strukturaar": "the year of the structure: the latest year up to the report year with inhabitants on "
                       "1 January [år]",
        "andel_sum": "the sum of the shares of the old code in that year, checked to be 1 [andel]",
    }.items()},
    "assets/befolkning.py",
))


@dg.asset(
    key=table_key(KOMMUNESTRUKTUR),
    group_name="befolkning",
    kinds={"duckdb"},
    partitions_def=report_year_partitions,
    deps=[table_key(table) for table in _KOMMUNESTRUKTUR_READS],
    # The tables with kommune rows are mapped where the snapshot has them (`_observed_codes`): a partial
    # snapshot without one of them (e.g. SSB 12115) keeps the structure and everything built on it.
    metadata={READS_IF_PRESENT: ", ".join(table_key(t).to_user_string() for t, _ in _KOMMUNE_TABLES
                                          if t != "staging.befolkning")},
    check_specs=check_specs(KOMMUNESTRUKTUR, table_key(KOMMUNESTRUKTUR),
                            "the kommune structure: every code maps to the report year's kommuner, shares sum to 1"),
    description=(
        "Every kommune code in the data, per year, mapped to the kommuner of the report year's structure "
        "(those with inhabitants in 07459 on 1 January of the report year), through the KLASS 131 changes."
    ),
)
def kommunestruktur(
    context: dg.AssetExecutionContext, warehouse: DuckDBResource, output: OutputResource
) -> Iterator[dg.MaterializeResult]:
    year = report_year(context)
    with warehouse.get_connection() as con:
        structure_year = con.execute(
            "select max(aar) from staging.befolkning where region_type = 'kommune' and personer is not null "
            "and aar <= ?", [year]).fetchone()[0]
        if structure_year is None and has_kommune_rows(con):
            raise ReferenceDataError(
                f"staging.befolkning (SSB 07459): no kommune has inhabitants in or before {year}; the report "
                f"year's kommune structure is read from them"
            )
        if structure_year is None:
            context.log.warning("the snapshot has no kommune rows: kommune-level indicators stay empty")
        names = dict(con.execute(
            "select region_kode, any_value(region_navn) from staging.befolkning "
            "where region_type = 'kommune' and personer is not null and aar = ? group by 1", [structure_year]
        ).fetchall())
        population = {
            (code, int(aar)): float(total)
            for code, aar, total in con.execute(
                "select region_kode, aar, sum(personer) from staging.befolkning "
                "where region_type = 'kommune' group by 1, 2 having sum(personer) is not null").fetchall()
        }
        changes = con.execute("select change_year, old_code, new_code, origin from reference.kommuneendringer").df()
        origin = changes["origin"].iloc[0] if len(changes) else "reference.kommuneendringer (empty)"
        mapping = map_codes(
            _observed_codes(con),
            set(names), structure_year or year, changes, population, f"reference.kommuneendringer ({origin})",
        )
        mapping.insert(0, "report_year", year)
        mapping["kommune_navn"] = mapping["kommune_kode"].map(names).astype("string")
        mapping["strukturaar"] = pd.Series([structure_year] * len(mapping), dtype="Int64")
        mapping["andel_sum"] = mapping.groupby(["region_kode", "aar"])["andel"].transform("sum")
        con.register("_kommunestruktur", mapping)
        build = replace_partition_validated(
            con, KOMMUNESTRUKTUR,
            Expectations(
                min_rows=1 if names else 0,
                unique_key=("region_kode", "aar", "kommune_kode"),
                columns=(
                    ColumnExpectations("kommune_kode", not_null=True, allowed=tuple(sorted(names)) or None),
                    ColumnExpectations("andel", not_null=True, min_value=0, max_value=1),
                    ColumnExpectations("andel_sum", min_value=0.999999, max_value=1.000001),
                ),
            ),
            select_sql="select * from _kommunestruktur",
            partition_column="report_year", partition_value=year,
            results_dir=output.validation_dir, suite_name=f"indicators_kommunestruktur_{year}",
        )
    moved = mapping[mapping["region_kode"] != mapping["kommune_kode"]]
    context.log.info(
        f"kommunestruktur {year}: {len(names)} kommuner in the {structure_year} structure; "
        f"{moved['region_kode'].nunique()} older codes mapped"
    )
    yield dg.MaterializeResult(
        metadata={**table_metadata(build), "structure_year": structure_year, "kommuner": len(names),
                  "codes_mapped": int(moved["region_kode"].nunique())},
        check_results=check_results(build),
    )


befolkningskategori = sql_model_asset(
    SqlModel(
        table="indicators.befolkningskategori",
        symbols=SymbolRule.stop("a kommune's inhabitants decide its befolkningskategori: a sum short of one age "
                                "could move it to another group",
                                befolkning="region_type = 'kommune' and aar <= getvariable('report_year')"),
        sql="indicators/befolkningskategori.sql",
        description="Inhabitants on 1 January and befolkningskategori (SSB 115) per kommune and year",
        expectations=per_kommune(Expectations(
            unique_key=("kommune_kode", "aar"),
            columns=(
                ColumnExpectations("befolkningskategori", not_null=True, min_value=1, max_value=6),
                ColumnExpectations("innbyggere", not_null=True, min_value=0, max_value=2_000_000),
            ),
        )),
    ),
    group="befolkning",
)
