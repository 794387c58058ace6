"""The kommunal deflator model on the built-in reference data: the vintage a report year names is the
one its published numbers were computed with."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from assets.reference import KOMMUNAL_DEFLATOR, RAPPORTAAR
from pipeline.reference import SEEDS_DIR, read_reference_csv
from pipeline.warehouse import render_sql, set_variables
from tests.conftest import shared_path

# Tabell 5-2 of the 2023 status report (Menon-publikasjon 165/2023): the 2022 rates in 2023-kroner.
TABLE_5_2_2022_IN_2023_KRONER = {
    "Barnevernsinstitusjoner": 178_840,
    "Barnevernsinstitusjoner - enslige mindreårige asylsøkere og flyktninger fra omsorgssentre og asylmottak": 89_420,
    "Senter for foreldre og barn (døgnopphold på senter)": 74_692,
    "Senter for foreldre og barn (hjemmebasert/poliklinisk)": 11_572,
    "Beredskapshjem og spesialiserte fosterhjem (nye plasseringer)": 89_420,
    "MST": 15_780,
    "FFT": 15_780,
}


def deflator_factors(report_year: int, first_year: int, deflator_seed: Path | None = None) -> dict[int, float | None]:
    con = duckdb.connect()
    con.execute("create schema reference")
    seeds = ((KOMMUNAL_DEFLATOR, deflator_seed or SEEDS_DIR / "kommunal_deflator.csv"),
             (RAPPORTAAR, SEEDS_DIR / "rapportaar.csv"))
    for spec, path in seeds:
        frame = read_reference_csv(spec, path)
        con.register("frame", frame)
        con.execute(f"create table {spec.table} as select * from frame")
        con.unregister("frame")
    set_variables(con, report_year=report_year, first_year=first_year)
    rows = con.execute(render_sql("indicators/deflator.sql")).fetchall()
    columns = [d[0] for d in con.description]
    return {r[columns.index("aar")]: r[columns.index("faktor_til_rapportaar")] for r in rows}


def test_report_2023_vintage_reproduces_table_5_2_from_the_published_2022_rates():
    factor = deflator_factors(2023, first_year=2021)[2022]
    assert factor == pytest.approx(1.052)  # RNB 2023: 5,2 % in 2023
    with shared_path("reference", "published", "egenandeler_satser.csv").open(encoding="utf-8") as fh:
        rates_2022 = {r["tiltak"]: float(r["sats_kr_per_barn_per_maaned"]) for r in csv.DictReader(fh)
                      if r["year"] == "2022"}
    for tiltak, published in TABLE_5_2_2022_IN_2023_KRONER.items():
        assert round(rates_2022[tiltak] * factor) == published, tiltak


# Its 2021 column: the 2021 rates (a circular not in the reference data) in 2023-kroner.
TABLE_5_2_2021_IN_2023_KRONER = (86_319, 43_216, 31_205, 40_634, 20_317)


def test_report_2023_vintage_turns_the_reports_2021_column_back_into_round_kroner():
    # BFD sets its rates in whole hundreds. Divided by the pipeline's 2021 factor under the report's vintage
    # ((1 + 6,7 %) x (1 + 5,2 %)), every 2021 value of the report's table 5-2 lands on one: the report priced
    # 2021 with the same vintage. (The rates themselves are not taken from this: never derived, only checked.)
    factor = deflator_factors(2023, first_year=2021)[2021]
    assert factor == pytest.approx(1.067 * 1.052)
    for value in TABLE_5_2_2021_IN_2023_KRONER:
        nominal = value / factor
        assert abs(nominal - round(nominal, -2)) < 1, value


def test_a_later_vintage_changes_the_factors():
    # Report year 2024 takes the figures known in October 2024; 2022 was 6,7 % by then, not 5,3 %.
    factors = deflator_factors(2024, first_year=2021)
    assert factors[2023] == pytest.approx(1.043)
    assert factors[2022] == pytest.approx(1.052 * 1.043)
    assert factors[2021] == pytest.approx(1.067 * 1.052 * 1.043)


def test_years_without_a_published_figure_leave_the_factor_empty_not_guessed(tmp_path):
    # The built-in data without their 2017 figures: every year before 2017 cannot be converted.
    with (SEEDS_DIR / "kommunal_deflator.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["year"] != "2017"]
    seed = tmp_path / "kommunal_deflator.csv"
    with seed.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    factors = deflator_factors(2023, first_year=2015, deflator_seed=seed)
    assert factors[2015] is None and factors[2016] is None
    assert factors[2017] is not None and factors[2023] == 1.0


def test_the_2017_figure_is_the_2016_budget_forecast_the_report_years_vintage_knows():
    # Prop. 1 S (2016–2017): 2,5 % from 2016 to 2017 (a forecast: no realised figure was found).
    factors = deflator_factors(2023, first_year=2015)
    assert factors[2016] == pytest.approx(factors[2017] * 1.025)
    assert factors[2015] == pytest.approx(factors[2016] * 1.026)  # RNB 2016 revised 2016 from 2,7 to 2,6 %


def table_5_2(report_year: int, as_of: str | None = None) -> dict[tuple[str, int], float | None]:
    """Table 5-2 from the built-in reference data through the deflator and egenandeler models."""
    from assets.egenandeler import EGENANDELER_SATSER, EGENANDELER_TILTAK

    con = duckdb.connect()
    con.execute("create schema reference; create schema indicators")
    for spec in (KOMMUNAL_DEFLATOR, RAPPORTAAR, EGENANDELER_SATSER, EGENANDELER_TILTAK):
        frame = read_reference_csv(spec, SEEDS_DIR / f"{spec.name}.csv")
        con.register("frame", frame)
        con.execute(f"create table {spec.table} as select * from frame")
        con.unregister("frame")
    if as_of is not None:
        con.execute("update reference.rapportaar set deflator_as_of = ? where report_year = ?", [as_of, report_year])
    set_variables(con, report_year=report_year, first_year=2021)
    con.execute(f"create table indicators.deflator as {render_sql('indicators/deflator.sql')}")
    model = render_sql("indicators/egenandeler_satser_fast.sql")
    rows = con.execute(f"select tiltak_nokkel, aar, sats_fast from ({model})")
    return {(k, a): v for k, a, v in rows.fetchall()}


def test_table_5_2_is_recomputed_from_nominal_rates_and_matches_the_report():
    table = table_5_2(2023)
    assert round(table[("institusjon", 2022)]) == 178_840 and table[("institusjon", 2023)] == 175_000
    assert round(table[("sfb_dogn", 2022)]) == 74_692 and round(table[("mst", 2022)]) == 15_780
    assert table[("institusjon", 2021)] is None  # no published 2021 rate in the reference data yet


def test_table_5_2_changes_with_the_deflator_vintage():
    report_vintage = table_5_2(2023)
    autumn_2022 = table_5_2(2023, as_of="2022-10")  # 2023 growth then forecast at 3.7 %, not 5.2 %
    assert round(autumn_2022[("institusjon", 2022)]) == 176_290
    assert autumn_2022[("institusjon", 2022)] != report_vintage[("institusjon", 2022)]
    assert autumn_2022[("institusjon", 2023)] == report_vintage[("institusjon", 2023)]  # report-year kroner
