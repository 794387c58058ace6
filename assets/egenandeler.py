"""Kommunale egenandeler: the monthly co-payments of kommuner for state child-welfare measures, in
constant report-year kroner (table 5-2 of the 2023 status report): the rows, their order and footnotes
as the report has them (`egenandeler_tiltak`), the rates from the government's circulars
(`egenandeler_satser`)."""

from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.figures import norsk_tall
from pipeline.model_assets import ReportTable, SqlModel, sql_model_asset, table_asset
from pipeline.reference import ReferenceTable
from pipeline.source_assets import reference_table_asset

EGENANDELER_SATSER = ReferenceTable(
    name="egenandeler_satser",
    one_row="one state measure's monthly co-payment rate per child in one year",
    column_docs={
        "year": "the year the rate applies to [år]",
        "tiltak_nokkel": "the measure's key",
        "tiltak": "the measure as the circular names it",
        "sats_kr_per_maaned": "the kommune's co-payment per child and month, nominal [kr per måned]",
    },
    description="Monthly co-payment rates per child for state measures, per year, from the government's circulars",
    columns={"year": "int", "tiltak_nokkel": "text", "tiltak": "text", "sats_kr_per_maaned": "float",
             "source_document": "text", "source_url": "text"},
    expectations=Expectations(
        unique_key=("year", "tiltak_nokkel"),  # one rate per measure and year: never a choice between two
        columns=(ColumnExpectations("sats_kr_per_maaned", not_null=True, min_value=0, max_value=1_000_000),),
    ),
)

EGENANDELER_TILTAK = ReferenceTable(
    name="egenandeler_tiltak",
    one_row="one measure of table 5-2: how the table shows it",
    column_docs={
        "tiltak_nokkel": "the measure's key (as in egenandeler_satser)",
        "tabell_rad": "the row label as the report words it",
        "rekkefolge": "the row's place in the table",
        "vis_som": "rad (a row of its own) or fotnote (told in a footnote)",
        "fotnote_til": "the measure whose row the footnote is marked on",
        "siste_aar": "the last year a measure that ended had a rate [år]",
        "fotnote": "the footnote's text ({aar}, {sats}: the report year and the measure's rate in it)",
    },
    description=(
        "The measures of table 5-2: row label as the report words it, order, row or footnote (existing "
        "placements), the row a footnote is marked on, the last year a measure that ended had a rate, and "
        "the footnote's text ({aar} and {sats}: the report year and that measure's rate in it)"
    ),
    columns={"tiltak_nokkel": "text", "tabell_rad": "text", "rekkefolge": "int", "vis_som": "text",
             "fotnote_til": "text", "siste_aar": "int", "fotnote": "text",
             "source_document": "text", "source_url": "text"},
    optional=("fotnote_til", "siste_aar", "fotnote"),
    expectations=Expectations(
        unique_key=("tiltak_nokkel",),
        columns=(ColumnExpectations("vis_som", not_null=True, allowed=("rad", "fotnote")),
                 ColumnExpectations("rekkefolge", not_null=True, min_value=1, max_value=100)),
    ),
)

SATSER_FAST = "indicators.egenandeler_satser_fast"

reference_assets = [reference_table_asset(EGENANDELER_SATSER, group="egenandeler"),
                    reference_table_asset(EGENANDELER_TILTAK, group="egenandeler")]

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

def _cell(value: float, ended: bool) -> str:
    if ended:
        return "-"  # the measure no longer exists: as the report marks it
    return "–" if value != value else norsk_tall(value)  # NaN: no rate in the reference data


def _footnote_text(template: str, rate: float, year: int) -> str:
    if "{sats}" in template and rate != rate:
        return (template.split(" I slike tilfeller")[0].format(aar=year)
                + f" Satsen for slike plasseringer i {year} finnes ikke i referansedataene.")
    return template.format(aar=year, sats=norsk_tall(rate) if rate == rate else "")


def build_tabell_5_2(con, year: int) -> ReportTable:
    """Table 5-2 as the report has it: its rows in its order, every year from the year before the reform
    to the report year in report-year kroner, the change since the year before the reform, and the
    footnotes (*, **, ... in the order of the rows they are marked on). A year whose rates are not in the
    reference data is a named gap under the table; a measure in force the year before without a rate in
    the report year, or a rate of a measure the table does not know, fails the check."""
    rows = con.execute(f"""
        select tiltak_nokkel, tiltak, rekkefolge, vis_som, fotnote_til, fotnote, siste_aar, aar, sats_nominell,
               faktor, sats_fast, endring_prosent_fra_aaret_foer_reformen, pre_reform_year, deflator_as_of, kilde,
               merknad
        from {SATSER_FAST} where report_year = ? order by rekkefolge nulls last, tiltak_nokkel, aar
    """, [year]).df()
    pre = int(rows["pre_reform_year"].iloc[0]) if len(rows) else year - 2
    as_of = rows["deflator_as_of"].iloc[0] if len(rows) else "?"
    years = sorted(int(a) for a in rows["aar"].unique())
    table_rows = rows[rows["vis_som"] == "rad"]
    order = {k: i for i, k in enumerate(table_rows.drop_duplicates("tiltak_nokkel")["tiltak_nokkel"])}

    # Footnotes: in the order of the rows they are marked on; a row may carry several.
    notes = rows[rows["fotnote"].notna() & (rows["vis_som"] != "ukjent")].drop_duplicates("tiltak_nokkel")
    notes = notes.assign(_at=notes["fotnote_til"].map(order)).sort_values(["_at", "rekkefolge"])
    marks: dict[str, str] = {}
    footnotes = []
    for i, note in enumerate(notes.itertuples(), start=1):
        marks[note.fotnote_til] = marks.get(note.fotnote_til, "") + "*" * i
        rate = rows[(rows["tiltak_nokkel"] == note.tiltak_nokkel) & (rows["aar"] == year)]["sats_nominell"]
        footnotes.append("*" * i + _footnote_text(note.fotnote, rate.iloc[0] if len(rate) else float("nan"), year))

    lines = [f"# Tabell 5-2 Utvikling i egenandeler for kommunal egenbetaling for statlige barnevernstiltak, "
             f"prisjustert til {year}-kroner", "",
             "| Tiltak | " + " | ".join(f"Sats per måned {y}" for y in years) + f" | Endring {pre}–{year} |",
             "|---|" + "---:|" * (len(years) + 1)]
    missing_years: set[int] = set()
    for key, measure in table_rows.groupby("tiltak_nokkel", sort=False):
        by_year = measure.set_index("aar")
        ended = {y: bool(by_year.loc[y, "merknad"] == "ordningen er avviklet") for y in years}
        missing_years |= {y for y in years if not ended[y] and by_year.loc[y, "sats_nominell"] != by_year.loc[
            y, "sats_nominell"]}
        pct = by_year.loc[year, "endring_prosent_fra_aaret_foer_reformen"]
        shown = "–" if pct != pct or ended[year] else f"{norsk_tall(pct, 0)} %"
        cells = [_cell(by_year.loc[y, "sats_fast"], ended[y]) for y in years]
        lines.append(f"| {measure['tiltak'].iloc[0]}{marks.get(key, '')} | " + " | ".join(cells) + f" | {shown} |")

    lines += ["", *[line for note in footnotes for line in (note, "")]]
    for gap in sorted(missing_years):
        consequence = f" Endring {pre}–{year} kan ikke beregnes." if gap == pre else ""
        lines += [f"– : Satsene for {gap} (Barne- og familiedepartementets rundskriv «Satser for kommunal "
                  f"egenbetaling for barnevernstiltak – {gap}») finnes ikke i referansedataene.{consequence}", ""]
    used = rows[(rows["vis_som"] != "ukjent") & rows["kilde"].notna()].sort_values("aar")["kilde"].unique()
    lines.append(f"Prisjustert til {year}-kroner med kommunal deflator (anslag kjent per {as_of}); satsene for "
                 f"tidligere år er nominelle satser per barn per måned ganget med deflatoren. Kilde: "
                 + "; ".join(used) + ".")

    problems = [f"rate of {k} in reference.egenandeler_satser, a measure reference.egenandeler_tiltak does not "
                f"know: add its row, label and place in table 5-2"
                for k in rows[rows["vis_som"] == "ukjent"]["tiltak_nokkel"].unique()]
    known = rows[rows["vis_som"] != "ukjent"]
    # A measure in force the year before the report year must have its report-year rate.
    in_force = set(known[(known["aar"] == year - 1) & known["sats_nominell"].notna()
                         & ~(known["siste_aar"] < year)]["tiltak"])
    missing = sorted(in_force - set(known[(known["aar"] == year) & known["sats_nominell"].notna()]["tiltak"]))
    if missing:
        problems.append(f"no {year} rate for {missing}")
    return ReportTable(rows, lines, problems)


tabell_5_2 = table_asset(
    "tabell_5_2", (SATSER_FAST,), build_tabell_5_2, "egenandeler",
    "Tabell 5-2 as CSV and Markdown: rates per measure and year in report-year kroner",
    "report_year_rates_present", "every measure in force the year before has its rate in the report year",
)
TABELL_KEY = next(iter(tabell_5_2.keys))
