"""Kommunale egenandeler: the monthly co-payments of kommuner for state child-welfare measures, in
constant report-year kroner (table 5-2 of the 2023 status report)."""

from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.figures import norsk_tall
from pipeline.model_assets import ReportTable, SqlModel, sql_model_asset, table_asset
from pipeline.reference import ReferenceTable
from pipeline.source_assets import reference_table_asset

EGENANDELER_SATSER = ReferenceTable(
    name="egenandeler_satser",
    description="Monthly co-payment rates per child for state measures, per year, from the government's circulars",
    columns={"year": "int", "tiltak_nokkel": "text", "tiltak": "text", "sats_kr_per_maaned": "float",
             "source_document": "text", "source_url": "text"},
    expectations=Expectations(
        unique_key=("year", "tiltak_nokkel"),  # one rate per measure and year: never a choice between two
        columns=(ColumnExpectations("sats_kr_per_maaned", not_null=True, min_value=0, max_value=1_000_000),),
    ),
)

SATSER_FAST = "indicators.egenandeler_satser_fast"

reference_assets = [reference_table_asset(EGENANDELER_SATSER, group="egenandeler")]

egenandeler_satser_fast = sql_model_asset(
    SqlModel(
        table=SATSER_FAST,
        sql="indicators/egenandeler_satser_fast.sql",
        description="Egenandeler per measure and year in report-year kroner, with the change since the year "
                    "before the reform (table 5-2)",
        expectations=Expectations(
            unique_key=("tiltak_nokkel", "aar"),
            # Every rate year has a deflator factor.
            columns=(ColumnExpectations("faktor", not_null=True, min_value=0.3, max_value=3.0),),
        ),
    ),
    group="egenandeler",
)

def build_tabell_5_2(con, year: int) -> ReportTable:
    rows = con.execute(f"""
        select tiltak, aar, sats_nominell, faktor, sats_fast, endring_prosent_fra_aaret_foer_reformen, merknad
        from {SATSER_FAST} where report_year = ? order by tiltak_nokkel, aar
    """, [year]).df()
    wide = rows.pivot(index="tiltak", columns="aar", values="sats_fast")
    change = rows[rows["aar"] == year].set_index("tiltak")["endring_prosent_fra_aaret_foer_reformen"]
    years = list(wide.columns)
    lines = [f"# Tabell 5-2 Egenandeler for kommunal egenbetaling for statlige barnevernstiltak, {year}-kroner", "",
             "| Tiltak | " + " | ".join(f"Sats per måned {y}" for y in years) + f" | Endring {years[0]}–{year} |",
             "|---|" + "---:|" * (len(years) + 1)]
    for tiltak, values in wide.iterrows():
        cells = ["–" if values[y] != values[y] else norsk_tall(values[y]) for y in years]
        pct = change.get(tiltak)
        shown = "–" if pct is None or pct != pct else f"{norsk_tall(pct, 0)} %"
        lines.append(f"| {tiltak} | " + " | ".join(cells) + f" | {shown} |")
    lines += ["", f"Prisjustert til {year}-kroner med kommunal deflator. – : sats for året finnes ikke i "
              "referansedataene. Kilde: Barne- og familiedepartementets satser for kommunal egenbetaling."]
    # A measure in force the year before the report year must have its report-year rate.
    in_force = set(rows[(rows["aar"] == year - 1) & rows["sats_nominell"].notna()]["tiltak"])
    missing = sorted(in_force - set(rows[(rows["aar"] == year) & rows["sats_nominell"].notna()]["tiltak"]))
    return ReportTable(rows, lines, [f"no {year} rate for {missing}"] if missing else [])


tabell_5_2 = table_asset(
    "tabell_5_2", (SATSER_FAST,), build_tabell_5_2, "egenandeler",
    "Tabell 5-2 as CSV and Markdown: rates per measure and year in report-year kroner",
    "report_year_rates_present", "every measure in force the year before has its rate in the report year",
)
TABELL_KEY = next(iter(tabell_5_2.keys))
