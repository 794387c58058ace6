"""The numbers the report's text quotes (issue #11, item 7): one table with a row per number, each naming
the report's sentence and the figure or table it comes from, and every statement of the catalogue either
computed or its missing data named."""

from __future__ import annotations

import csv

import duckdb
import pandas as pd
import pytest

from tests.handbuilt import model, table

DOMAINS = ("tiltak", "plasseringer", "bufdir", "tjenester", "okonomi", "flyttinger")


def number(nr: int, verdi: float = 1.0, fra: int | None = None, til: int = 2022) -> dict:
    return {"report_year": 2023, "nr": nr, "utsagn": f"utsagn {nr}", "maal": f"mål {nr}", "verdi": verdi,
            "enhet": "barn", "fra_aar": fra, "til_aar": til, "kilde": "figur_5_1"}


def warehouse(catalogue: list[tuple[int, str | None]], numbers: dict[str, list[dict]]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    table(con, "reference.tall_i_teksten_utsagn",
          [{"nr": nr, "avsnitt": "5.1", "tema": f"tema {nr}", "mangler": mangler} for nr, mangler in catalogue])
    for domain in DOMAINS:
        rows = numbers.get(domain, [])
        if rows:
            table(con, f"indicators.tall_i_teksten_{domain}", rows)
        else:  # an empty model table with the contract's columns
            table(con, f"indicators.tall_i_teksten_{domain}", [number(0)])
            con.execute(f"delete from indicators.tall_i_teksten_{domain}")
    return con


def test_every_statement_is_computed_or_names_what_it_would_need():
    con = warehouse([(1, None), (2, None), (3, "SSB-tabell over utfall av undersøkelser")],
                    {"tiltak": [number(1, fra=2017), number(2), number(2, til=2021)]})
    rows = model(con, "indicators/tall_i_teksten.sql")
    status = {(r.nr, None if pd.isna(r.til_aar) else r.til_aar): r.status for r in rows.itertuples()}
    assert status == {(1, 2022): "levert", (2, 2021): "levert", (2, 2022): "levert", (3, None): "mangler_data"}
    missing = rows[rows["nr"] == 3].iloc[0]
    assert missing["utsagn"] == "tema 3" and missing["mangler"] == "SSB-tabell over utfall av undersøkelser"
    assert rows[rows["nr"] == 1].iloc[0]["kilde"] == "figur_5_1"


def test_a_number_the_data_leave_empty_is_said_so_not_counted_as_delivered():
    con = warehouse([(21, None)], {"plasseringer": [number(21, verdi=-3.0), number(21, verdi=None, til=2021)]})
    rows = model(con, "indicators/tall_i_teksten.sql")
    assert sorted(rows["status"]) == ["levert", "uten_tall"]


@pytest.mark.parametrize(("catalogue", "numbers", "nr"), [
    # a statement neither computed nor explained
    ([(1, None), (2, None)], {"tiltak": [number(1)]}, 2),
    # a number nobody catalogued
    ([(1, None)], {"flyttinger": [number(1), number(99)]}, 99),
    # one statement computed by two domains
    ([(36, None)], {"bufdir": [number(36)], "tjenester": [number(36)]}, 36),
])
def test_a_catalogue_that_does_not_match_the_models_fails_the_tables_expectation(catalogue, numbers, nr):
    from assets.tall_i_teksten import tall_i_teksten  # noqa: F401  (declares the model)
    from pipeline.model_assets import SQL_MODELS

    rows = model(warehouse(catalogue, numbers), "indicators/tall_i_teksten.sql")
    assert rows[rows["nr"] == nr].iloc[0]["status"].startswith("feil")
    allowed = next(c.allowed for c in SQL_MODELS["indicators.tall_i_teksten"].expectations.columns
                   if c.column == "status")
    assert rows[rows["nr"] == nr].iloc[0]["status"] not in allowed


def test_the_demo_table_names_every_statement_its_sentence_period_and_source(demo_run):
    demo_out = demo_run
    with (demo_out / "report" / "2023" / "tabell_tall_i_teksten_DEMODATA.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with open("sql/seeds/tall_i_teksten_utsagn.csv", encoding="utf-8") as fh:
        catalogue = {int(r["nr"]): r for r in csv.DictReader(fh)}
    assert {int(r["nr"]) for r in rows} == set(catalogue) == set(range(1, 65))
    assert {r["status"] for r in rows} <= {"levert", "uten_tall", "mangler_data"}
    for r in rows:
        if r["status"] in ("levert", "uten_tall"):
            assert r["utsagn"] and r["maal"] and r["kilde"] and r["til_aar"], r
        else:
            assert catalogue[int(r["nr"])]["mangler"], r
    # periods as the text quotes them: "redusert med 18 prosent i perioden 2017 til 2022"
    first = next(r for r in rows if r["nr"] == "1")
    assert (first["fra_aar"], first["til_aar"], first["enhet"]) == ("2017", "2022", "prosent")
    cited = (demo_out / "report" / "2023" / "tabell_tall_i_teksten_DEMODATA.md").read_text(encoding="utf-8")
    assert "| 1 | 5.1 | Antall barn med barnevernstiltak er redusert med 18 prosent" in cited
    assert "## Tall som ikke kan beregnes av dataene" in cited


def test_the_legal_bases_of_children_in_beredskapshjem_and_midlertidig_hjem_are_shares_of_one_whole(demo_run):
    # Statement 23 ("om lag en tredjedel ... en tredjedel ... en tredjedel"): shares of 12845's own total,
    # not of 11600's count of the same children, so that they add up to 100.
    with (demo_run / "report" / "2023" / "tabell_tall_i_teksten_DEMODATA.csv").open(encoding="utf-8") as fh:
        shares = [float(r["verdi"]) for r in csv.DictReader(fh) if r["nr"] == "23"]
    assert len(shares) == 4 and sum(shares) == pytest.approx(100, abs=0.5)
