"""The headline: the rise in municipal child-welfare spending against the rise in the rammetilskudd
tied to the reform, both in report-year kroner (status report 2023, section 5.5: about 2.1 bn
against 2.2 bn 2023-kroner).
"""

import json

import dagster as dg
import numpy as np
from dagster_duckdb import DuckDBResource

from pipeline.errors import ReferenceDataError
from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.figures import PALETTE, Figure, new_figure, norsk_akse, norsk_tall, take_symbol_notes
from pipeline.model_assets import SqlModel, figure_asset, report_links, sql_model_asset
from pipeline.partitions import report_year_partitions
from pipeline.reference import ReferenceTable
from pipeline.resources import OutputResource
from pipeline.snapshot import write_atomic
from pipeline.source_assets import reference_table_asset
from pipeline.symbols import SymbolRule

RAMMETILSKUDD_POSTER = ReferenceTable(
    name="rammetilskudd_barnevernsreform",
    one_row="one increase of the rammetilskudd tied to the reform",
    column_docs={
        "item": "the item's key",
        "description": "what the increase is for",
        "from_year": "the budget year it applies from [år]",
        "amount_mill_kr": "the increase in the kroner of kroner_year [mill. kr]",
        "kroner_year": "the year whose kroner the amount is stated in [år]",
        "in_headline": "true when the headline counts it",
    },
    description="Increases of the rammetilskudd tied to the reform, each with the kroner year it is stated in",
    columns={"item": "text", "description": "text", "from_year": "int", "amount_mill_kr": "float",
             "kroner_year": "int", "in_headline": "bool", "source_document": "text", "source_url": "text",
             "quote": "text"},
    optional=("quote",),
    expectations=Expectations(
        unique_key=("item",),
        columns=(ColumnExpectations("amount_mill_kr", not_null=True, min_value=0, max_value=20_000),),
    ),
)

RAMMETILSKUDD_TOTALER = ReferenceTable(
    name="rammetilskudd_totaler",
    one_row="one published total of the reform's rammetilskudd increase",
    column_docs={
        "year": "the budget year [år]",
        "total_mill_kr": "the published total in the kroner of kroner_year [mill. kr]",
        "kroner_year": "the year whose kroner the total is stated in [år]",
        "tolerance_mill_kr": "how far the sum of the items may differ from it [mill. kr]",
    },
    description="Published totals of the reform's rammetilskudd increase, to check the items against",
    columns={"year": "int", "total_mill_kr": "float", "kroner_year": "int", "tolerance_mill_kr": "float",
             "source_document": "text", "source_url": "text", "quote": "text"},
    optional=("quote",),
)

RAMMETILSKUDD_OVERGANGSORDNING = ReferenceTable(
    name="rammetilskudd_overgangsordning",
    one_row="one budget year of the reform and how its compensation was distributed",
    column_docs={
        "year": "the budget year [år]",
        "delkostnadsnokkel_prosent": "the share distributed through the delkostnadsnøkkel for barnevern [prosent]",
        "overgangsordning_prosent": "the share distributed through the transition scheme [prosent]",
        "overgangsordning_grunnlag": "what the transition scheme distributes by",
        "overgangsordning_mill_kr": "the amount distributed through the transition scheme, where a source gives it "
                                    "[mill. kr]",
        "kroner_year": "the year whose kroner that amount is stated in [år]",
        "endringer_registrert": "true when every change to the grant tied to the reform that year is in "
                                "rammetilskudd_barnevernsreform",
        "merknad": "a note on the year",
    },
    description=(
        "Per budget year of the reform: how the compensation in the rammetilskudd was distributed (per cent "
        "through the delkostnadsnøkkel for barnevern, per cent through the transition scheme based on the "
        "kommune's actual use of Bufetat's measures), and whether every change to the grant tied to the reform "
        "that year is in rammetilskudd_barnevernsreform (`endringer_registrert`): a report year needs that "
        "for every year its headline compares"
    ),
    columns={"year": "int", "delkostnadsnokkel_prosent": "float", "overgangsordning_prosent": "float",
             "overgangsordning_grunnlag": "text", "overgangsordning_mill_kr": "float", "kroner_year": "int",
             "endringer_registrert": "bool", "merknad": "text", "source_document": "text", "source_url": "text",
             "quote": "text"},
    optional=("overgangsordning_grunnlag", "overgangsordning_mill_kr", "kroner_year", "merknad", "quote"),
    expectations=Expectations(
        unique_key=("year",),
        columns=(ColumnExpectations("delkostnadsnokkel_prosent", not_null=True, min_value=0, max_value=100),
                 ColumnExpectations("overgangsordning_prosent", not_null=True, min_value=0, max_value=100),
                 ColumnExpectations("endringer_registrert", not_null=True)),
    ),
)

reference_assets = [
    reference_table_asset(RAMMETILSKUDD_POSTER, group="rammetilskudd"),
    reference_table_asset(RAMMETILSKUDD_TOTALER, group="rammetilskudd"),
    reference_table_asset(RAMMETILSKUDD_OVERGANGSORDNING, group="rammetilskudd"),
]

POSTER = "indicators.rammetilskudd_poster"
SAMMENLIGNING = "indicators.rammetilskudd_sammenligning"

rammetilskudd_poster = sql_model_asset(
    SqlModel(
        table=POSTER,
        sql="indicators/rammetilskudd_poster.sql",
        description="Rammetilskudd items tied to the reform, converted to report-year kroner with the factors",
        expectations=Expectations(
            unique_key=("post",),
            columns=(ColumnExpectations("faktor", not_null=True, min_value=0.3, max_value=3.0),),
        ),
    ),
    group="rammetilskudd",
)

def require_base_and_reform_years(con, year: int) -> None:
    """The comparison needs all three functions in the year before the reform and in each reform year."""
    pre, first = con.execute(
        "select pre_reform_year, first_reform_year from reference.rapportaar where report_year = ?", [year]
    ).fetchone() or (None, None)
    if pre is None:
        raise ReferenceDataError(f"reference.rapportaar: no row for report_year {year} (pre_reform_year expected)")
    for needed in range(pre, year):
        if pre < needed < first:
            continue
        have = {r[0] for r in con.execute(
            "select funksjon from indicators.netto_driftsutgifter_landet where report_year = ? and aar = ? "
            "and uten_oslo_1000_kr_fast is not null", [year, needed]).fetchall()}
        missing = sorted({"244", "251", "252"} - have)
        if missing:
            raise ReferenceDataError(
                f"indicators.netto_driftsutgifter_landet (report year {year}), field uten_oslo_1000_kr_fast: "
                f"year {needed} has no netto driftsutgifter without Oslo for function(s) {', '.join(missing)}; the "
                f"headline compares the rise from {pre} and needs 244, 251 and 252 in every year from {pre}"
            )


rammetilskudd_sammenligning = sql_model_asset(
    SqlModel(
        table=SAMMENLIGNING,
        symbols=SymbolRule.carry("sums the three functions of netto_driftsutgifter_landet and passes on their "
                                 "notes for the base year and each reform year"),
        sql="indicators/rammetilskudd_sammenligning.sql",
        description="Headline: rise in spending vs rise in rammetilskudd since the year before the reform",
        precondition=require_base_and_reform_years,
        expectations=Expectations(
            unique_key=("aar",),
            columns=(
                ColumnExpectations("utgiftsokning_mill_kr", not_null=True),
                ColumnExpectations("rammetilskudd_okning_mill_kr", not_null=True),
            ),
        ),
    ),
    group="rammetilskudd",
)


TALL_I_TEKSTEN = "indicators.tall_i_teksten_okonomi"

tall_i_teksten_okonomi = sql_model_asset(
    SqlModel(
        table=TALL_I_TEKSTEN,
        sql="indicators/tall_i_teksten_okonomi.sql",
        description=(
            "The numbers section 5.5 quotes on the rammetilskudd and the egenandeler (review A.3: 46, 47, 49, "
            "50), one row per number, with the report's sentence and the table it comes from"
        ),
        expectations=Expectations(
            unique_key=("nr", "maal", "til_aar"),
            columns=tuple(ColumnExpectations(c, not_null=True)
                          for c in ("nr", "utsagn", "maal", "verdi", "enhet", "kilde")),
        ),
    ),
    group="rammetilskudd",
)


@dg.asset_check(asset=dg.AssetKey(["reference", "rammetilskudd_barnevernsreform"]), blocking=True,
                additional_deps=[dg.AssetKey(["reference", "rammetilskudd_totaler"])],
                description="The items of each year add up to the published total, within its rounding")
def items_match_published_totals(warehouse: DuckDBResource) -> dg.AssetCheckResult:
    with warehouse.get_connection() as con:
        rows = con.execute("""
            select totaler.year, totaler.total_mill_kr, totaler.tolerance_mill_kr,
                   sum(poster.amount_mill_kr) as items
            from reference.rammetilskudd_totaler as totaler
            left join reference.rammetilskudd_barnevernsreform as poster
                on poster.from_year = totaler.year and poster.kroner_year = totaler.kroner_year
                and poster.in_headline
            group by all
        """).fetchall()
    off = [f"{y}: items {items} vs published {total} (±{tol})" for y, total, tol, items in rows
           if items is None or abs(items - total) > tol]
    return dg.AssetCheckResult(passed=not off, severity=dg.AssetCheckSeverity.ERROR,
                               metadata={"compared_years": len(rows)},
                               description="; ".join(off) or f"{len(rows)} published total(s) matched")


@dg.asset_check(asset=dg.AssetKey(["reference", "rammetilskudd_overgangsordning"]), blocking=True,
                description="Each budget year's split adds up to 100 per cent, and the years follow each other")
def transition_shares_add_up(warehouse: DuckDBResource) -> dg.AssetCheckResult:
    with warehouse.get_connection() as con:
        rows = con.execute("select year, delkostnadsnokkel_prosent + overgangsordning_prosent "
                           "from reference.rammetilskudd_overgangsordning order by year").fetchall()
    off = [f"{y}: {total} %" for y, total in rows if abs(total - 100) > 1e-9]
    years = [y for y, _ in rows]
    if years and years != list(range(years[0], years[-1] + 1)):
        off.append(f"the years {years} leave a gap")
    return dg.AssetCheckResult(passed=not off, severity=dg.AssetCheckSeverity.ERROR,
                               metadata={"years": len(rows)},
                               description="; ".join(off) or f"{len(rows)} year(s), each 100 %")


def _draw_hovedtall(data, year: int):
    fig, ax = new_figure()
    x = np.arange(len(data))
    width = 0.38
    ax.bar(x - width / 2, data["utgiftsokning_mill_kr"] / 1000, width, color=PALETTE[1],
           label="Økning i kommunale netto driftsutgifter (244+251+252)")
    ax.bar(x + width / 2, data["rammetilskudd_okning_mill_kr"] / 1000, width, color=PALETTE[4],
           label="Økning i rammetilskudd knyttet til reformen")
    for i, row in data.iterrows():
        top = max(row["utgiftsokning_mill_kr"], row["rammetilskudd_okning_mill_kr"]) / 1000
        ax.annotate(f"Differanse {norsk_tall(row['differanse_mill_kr'])} mill.", (x[i], top),
                    textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8)
    ax.set_xticks(x, [str(a) for a in data["år"]])
    ax.set_ylim(top=ax.get_ylim()[1] * 1.12)  # room for the difference labels
    ax.set_ylabel(f"Milliarder {year}-kroner")
    ax.yaxis.set_major_formatter(norsk_akse(1))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), fontsize=8)
    return fig


def _basis(data, year: int) -> int:
    return int(data["basisaar"].iloc[0]) if len(data) else year - 2


def _footnotes_hovedtall(_data, year: int, con) -> list[str]:
    basis, as_of = con.execute(f"select any_value(basisaar), any_value(deflator_as_of) from {SAMMENLIGNING} "
                               "where report_year = ?", [year]).fetchone()
    notes = [f"Prisjustert til {year}-kroner med kommunal deflator (anslag kjent per {as_of or '?'}). Oslo er ikke "
             f"inkludert i dataene. Økning fra {basis or year - 2}, året før reformen."]
    latest = con.execute(f"select aar, rammetilskudd_okning_nominell_mill_kr, differanse_nominell_mill_kr "
                         f"from {SAMMENLIGNING} where report_year = ? order by aar desc limit 1", [year]).fetchone()
    if latest and latest[1] is not None and latest[2] is not None:
        notes.append(f"Rammetilskuddet er prisjustert fra kroneåret hver post er oppgitt i. Statusrapporten 2023 "
                     f"satte økningen i rammetilskuddet uten prisjustering ({norsk_tall(latest[1])} mill. kroner i "
                     f"{latest[0]}) mot utgiftsøkningen i {year}-kroner; regnet slik er differansen "
                     f"{norsk_tall(latest[2])} mill. kroner.")
    return notes


def _source_hovedtall(con, year: int) -> str:
    kilder = con.execute(f"select distinct kilde from {POSTER} where report_year = ? and i_hovedtall order by 1",
                         [year]).fetchall()
    return "Kilde: SSB tabell 12362; rammetilskudd: " + "; ".join(r[0] for r in kilder)


hovedtall_rammetilskudd_figur = figure_asset(Figure(
    id="hovedtall_rammetilskudd",
    title=lambda data, year: (f"Økning i kommunale utgifter til barnevern og i rammetilskudd fra {_basis(data, year)}, "
                              f"i milliarder {year}-kroner*"),
    description="Headline chart: rise in spending vs rise in rammetilskudd, report-year kroner",
    draw=_draw_hovedtall, source=_source_hovedtall, footnotes=_footnotes_hovedtall,
    also_reads=(SAMMENLIGNING, POSTER),
), group="rammetilskudd")


HOVEDTALL_KEY = dg.AssetKey(["report", "hovedtall_rammetilskudd"])


@dg.asset(
    key=HOVEDTALL_KEY,
    check_specs=[dg.AssetCheckSpec("both_sides_stated", asset=HOVEDTALL_KEY, blocking=True,
                                   description="every reform year states spending, grant and difference")],
    group_name="rammetilskudd",
    partitions_def=report_year_partitions,
    deps=[dg.AssetKey(SAMMENLIGNING.split(".")), dg.AssetKey(POSTER.split("."))],
    kinds={"json"},
    description="The headline in words and numbers, with its assumptions, as JSON for the report text",
)
def hovedtall_rammetilskudd(
    context: dg.AssetExecutionContext, warehouse: DuckDBResource, output: OutputResource
) -> dg.MaterializeResult:
    year = int(context.partition_key)
    with warehouse.get_connection() as con:
        rows = con.execute(f"select * from {SAMMENLIGNING} where report_year = ? order by aar", [year]).df()
        items = con.execute(f"select * from {POSTER} where report_year = ? order by fra_aar, post", [year]).df()
    result = {
        "report_year": year,
        "kroner_base": f"{year}-kroner",
        "assumptions": {
            "base_year": int(rows["basisaar"].iloc[0]) if len(rows) else None,
            "deflator_vintage_as_of": rows["deflator_as_of"].iloc[0] if len(rows) else None,
            "spending": "netto driftsutgifter, KOSTRA-funksjon 244+251+252, uten Oslo (SSB 12362)",
            "grant_items": json.loads(items.to_json(orient="records", force_ascii=False)),
        },
        "years": json.loads(rows.drop(columns=["poster_og_faktorer", "forutsetninger", "merknad_symboler"]).to_json(
            orient="records", force_ascii=False)),
    }
    # Where an SSB symbol moved a number behind the headline, the headline says so: each note once.
    _, notes = take_symbol_notes(rows[["merknad_symboler"]])
    if notes:
        result["symbol_notes"] = notes
    path = output.root / "report" / str(year) / "hovedtall_rammetilskudd.json"
    write_atomic(path, json.dumps(result, ensure_ascii=False, indent=1).encode("utf-8"))
    summary = [f"{r['aar']}: utgifter +{r['utgiftsokning_mill_kr']:.0f} mill., rammetilskudd "
               f"+{r['rammetilskudd_okning_mill_kr']:.0f} mill., differanse {r['differanse_mill_kr']:.0f} mill. "
               f"{year}-kr (siste deflator: {r['differanse_siste_deflator_mill_kr']:.0f})"
               for r in result["years"]]
    context.log.info("headline " + "; ".join(summary))
    complete = bool(result["years"]) and all(
        r[k] is not None for r in result["years"]
        for k in ("utgiftsokning_mill_kr", "rammetilskudd_okning_mill_kr", "differanse_mill_kr")
    )
    return dg.MaterializeResult(
        metadata={"json": dg.MetadataValue.path(str(path)), **report_links(output, year),
                  "summary": dg.MetadataValue.md("\n".join(f"- {s}" for s in summary)),
                  **({"symbol_notes": dg.MetadataValue.md("\n".join(f"- {n}" for n in notes))} if notes else {})},
        check_results=[dg.AssetCheckResult(
            check_name="both_sides_stated", passed=complete, severity=dg.AssetCheckSeverity.ERROR,
            description="; ".join(summary) or "no reform year in the data",
        )],
    )
