"""The numbers the report's text quotes (the review's table A.3), as one table the report can cite.

Each domain computes the numbers of its own sections (`indicators.tall_i_teksten_<domain>`, one row per
number: the statement's number, the report's sentence, what is measured, value, unit, period and the figure
or table it comes from). The catalogue `sql/seeds/tall_i_teksten_utsagn.csv` lists every statement of
chapter 5, 6.1 and vedlegg B; a statement the data cannot support names there what it would need
(`mangler`). `indicators.tall_i_teksten` joins the two and stops the run when they disagree: a statement
neither computed nor explained, a stated gap that a model now fills, or a number without a catalogue row.
"""

from __future__ import annotations

import pandas as pd

from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.figures import norsk_tall
from pipeline.model_assets import ReportTable, SqlModel, sql_model_asset, table_asset
from pipeline.reference import ReferenceTable
from pipeline.source_assets import reference_table_asset

UTSAGN = ReferenceTable(
    name="tall_i_teksten_utsagn",
    one_row="one numeric statement of the 2023 report's text (the review's table A.3)",
    column_docs={
        "nr": "the statement's number in the review",
        "avsnitt": "the report's section (5.1 … 6.1, vedlegg B)",
        "tema": "what the statement says, in short",
        "mangler": "what the data lack to support it; empty where it is computed",
    },
    description=(
        "The numeric statements of the 2023 report's chapter 5, section 6.1 and vedlegg B (the review's table "
        "A.3), each with its section and, where the data cannot support it, what is missing"
    ),
    columns={"nr": "int", "avsnitt": "text", "tema": "text", "mangler": "text",
             "source_document": "text", "source_url": "text"},
    optional=("mangler",),
    expectations=Expectations(
        unique_key=("nr",),
        columns=(ColumnExpectations("nr", not_null=True, min_value=1), ColumnExpectations("tema", not_null=True)),
    ),
)

utsagn = reference_table_asset(UTSAGN, group="tall_i_teksten")

TALL_I_TEKSTEN = "indicators.tall_i_teksten"

tall_i_teksten = sql_model_asset(
    SqlModel(
        table=TALL_I_TEKSTEN,
        sql="indicators/tall_i_teksten.sql",
        description="Every number the report's text quotes, from the domains' models, against the catalogue of "
                    "statements: computed ('levert') or a stated gap ('mangler_data')",
        expectations=Expectations(
            columns=(ColumnExpectations("status", not_null=True,
                                                 allowed=("levert", "uten_tall", "mangler_data")),
                     ColumnExpectations("nr", not_null=True)),
        ),
    ),
    group="tall_i_teksten",
)


def _verdi(value, enhet: str | None) -> str:
    if pd.isna(value):
        return "–"
    if enhet == "prosent":
        return f"{norsk_tall(value, 1)} %"
    decimals = 0 if abs(value) >= 100 or float(value).is_integer() else 1
    return norsk_tall(value, decimals)


def _periode(fra, til) -> str:
    def year(v) -> str:
        return str(int(v))
    if pd.isna(til):
        return "–"
    return year(til) if pd.isna(fra) else f"{year(fra)}–{year(til)}"


def build_tall_i_teksten(con, year: int) -> ReportTable:
    rows = con.execute(f"""
        select nr, avsnitt, utsagn, maal, verdi, enhet, fra_aar, til_aar, kilde, mangler, status
        from {TALL_I_TEKSTEN} where report_year = ? order by nr, til_aar, fra_aar nulls first, maal
    """, [year]).df()
    lines = [f"# Tall i teksten, rapportåret {year}", "",
             "Hvert tall rapportens tekst siterer, med setningen det underbygger og figuren eller tabellen det "
             "kommer fra. Endringer er prosentvise endringer over perioden teksten nevner.", "",
             "| Nr | Avsnitt | Utsagn i rapporten | Mål | Periode | Verdi | Kilde |",
             "|---:|---|---|---|---|---:|---|"]
    levert = rows[rows["status"] == "levert"]
    for r in levert.itertuples():
        lines.append(f"| {r.nr} | {r.avsnitt} | {r.utsagn} | {r.maal} | {_periode(r.fra_aar, r.til_aar)} | "
                     f"{_verdi(r.verdi, r.enhet)} {'' if r.enhet == 'prosent' else r.enhet} | {r.kilde} |")
    uten_tall = rows[rows["status"] == "uten_tall"]
    if len(uten_tall):
        lines += ["", "## Tall dataene ikke gir for denne perioden eller regionen", "",
                  "Raden finnes, men en del av grunnlaget mangler (se merknaden i kildetabellen).", "",
                  "| Nr | Avsnitt | Utsagn i rapporten | Mål | Periode | Kilde |", "|---:|---|---|---|---|---|"]
        lines += [f"| {r.nr} | {r.avsnitt} | {r.utsagn} | {r.maal} | {_periode(r.fra_aar, r.til_aar)} | {r.kilde} |"
                  for r in uten_tall.itertuples()]
    mangler = rows[rows["status"] == "mangler_data"]
    if len(mangler):
        lines += ["", "## Tall som ikke kan beregnes av dataene", "",
                  "| Nr | Avsnitt | Utsagn | Hva som mangler |", "|---:|---|---|---|"]
        lines += [f"| {r.nr} | {r.avsnitt} | {r.utsagn} | {r.mangler} |" for r in mangler.itertuples()]
    problems = [] if len(levert) else ["no number of the text was computed"]
    return ReportTable(rows, lines, problems)


tabell_tall_i_teksten = table_asset(
    "tabell_tall_i_teksten", (TALL_I_TEKSTEN,), build_tall_i_teksten, "tall_i_teksten",
    "Every number the report's text quotes, with its sentence, period and source figure or table, and the "
    "statements the data cannot support with what they would need (CSV and Markdown)",
    "every_statement_accounted_for", "every statement of the text is computed or its missing data named",
)
TALL_I_TEKSTEN_KEY = next(iter(tabell_tall_i_teksten.keys))
