"""KOSTRA spending in report-year kroner, the kommune structure and the rammetilskudd headline,
on a hand-built snapshot whose every number can be checked by hand."""

from __future__ import annotations

import csv
import json

import duckdb
import pytest

from pipeline.app.run import run_report_year
from tests.handbuilt import FUNKSJONER, KOMMUNER, netto_1000_kr, write_kommune_snapshot

pytestmark = pytest.mark.slow

# The report's vintage (as of 2023-05): 2 % a year, 5 % in 2022, 4 % in 2023. A later document
# (2024-01) revises 2022 to 7 %: the latest vintage.
DEFLATOR = [(y, 2.0, "2020-01") for y in range(2015, 2022)] + [(2022, 5.0, "2022-10"), (2023, 4.0, "2022-10"),
                                                                (2022, 7.0, "2024-01")]


def factor(year: int, g2022: float = 5.0) -> float:
    """Kroner of `year` in 2023-kroner: the product of (1 + growth) over the following years."""
    growth = {y: 2.0 for y in range(2015, 2022)} | {2022: g2022, 2023: 4.0}
    out = 1.0
    for y in range(year + 1, 2024):
        out *= 1 + growth[y] / 100
    return out


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("kostra")
    out = run_report_year(2023, write_kommune_snapshot(root / "snap", DEFLATOR), root / "out", allow_partial=True)
    con = duckdb.connect(str(out / "warehouse.duckdb"), read_only=True)
    yield out, con
    con.close()


def test_deflator_uses_the_figures_known_at_the_reports_date_and_the_latest_beside_them(run):
    _, con = run
    rows = dict(con.execute("select aar, faktor_til_rapportaar from indicators.deflator").fetchall())
    latest = dict(con.execute("select aar, faktor_til_rapportaar_siste from indicators.deflator").fetchall())
    for year in range(2015, 2024):
        assert rows[year] == pytest.approx(factor(year))
        assert latest[year] == pytest.approx(factor(year, g2022=7.0))
    assert rows[2023] == 1.0 and rows[2022] == pytest.approx(1.04)


def test_merged_kommuner_are_summed_into_the_report_years_kommune(run):
    _, con = run
    for funksjon in FUNKSJONER:
        value = con.execute(
            "select netto_1000_kr from indicators.netto_driftsutgifter "
            "where kommune_kode = '1006' and funksjon = ? and aar = 2019", [funksjon]).fetchone()[0]
        assert value == pytest.approx(netto_1000_kr("1003", funksjon, 2019) + netto_1000_kr("1005", funksjon, 2019))
    codes = {r[0] for r in con.execute("select distinct kommune_kode from indicators.netto_driftsutgifter").fetchall()}
    assert codes == {"0301", "1001", "1002", "1006"}


def test_national_totals_with_and_without_oslo_in_report_year_kroner(run):
    _, con = run
    for funksjon in FUNKSJONER:
        uten, fast, differanse = con.execute(
            "select uten_oslo_1000_kr, uten_oslo_1000_kr_fast, omkoding_differanse_1000_kr "
            "from indicators.netto_driftsutgifter_landet where funksjon = ? and aar = 2021", [funksjon]).fetchone()
        expected = sum(netto_1000_kr(c, funksjon, 2021) for c in ("1001", "1002", "1006"))
        assert uten == pytest.approx(expected, abs=0.01)
        assert fast == pytest.approx(expected * factor(2021), abs=0.01)
        assert differanse == pytest.approx(0, abs=1e-6)


def test_each_kommune_gets_the_category_of_its_inhabitants(run):
    _, con = run
    categories = dict(con.execute(
        "select kommune_kode, befolkningskategori from indicators.befolkningskategori where aar = 2023").fetchall())
    assert categories == {"0301": 6, "1001": 6, "1002": 2, "1006": 4}
    assert set(KOMMUNER) - set(categories) == {"1003", "1005"}  # merged away before the report year


def test_headline_states_both_sides_in_one_kroner_base_with_its_assumptions(run):
    out, _ = run
    headline = json.loads((out / "report" / "2023" / "hovedtall_rammetilskudd.json").read_text())
    assert headline["kroner_base"] == "2023-kroner"
    assert headline["assumptions"]["base_year"] == 2021
    assert headline["assumptions"]["deflator_vintage_as_of"] == "2023-05"
    items = {i["post"]: i for i in headline["assumptions"]["grant_items"]}
    assert items["kompensasjon_finansieringsansvar"]["faktor"] == pytest.approx(1.04)
    (year,) = headline["years"]
    spending = {y: sum(netto_1000_kr(c, f, y) for c in ("1001", "1002", "1006") for f in FUNKSJONER)
                for y in (2021, 2022)}
    rise = (spending[2022] * factor(2022) - spending[2021] * factor(2021)) / 1000
    grants = (1310 + 890) * factor(2022)  # the 2022 items, in 2022-kroner; the 2023 item is not yet in force
    assert year["aar"] == 2022
    assert year["utgiftsokning_mill_kr"] == pytest.approx(rise, abs=1e-6)
    assert year["rammetilskudd_okning_mill_kr"] == pytest.approx(grants, abs=1e-6)
    assert year["differanse_mill_kr"] == pytest.approx(grants - rise, abs=1e-6)


def test_headline_also_states_the_grant_as_the_2023_report_compared_it_not_price_adjusted(run):
    out, _ = run
    (year,) = json.loads((out / "report" / "2023" / "hovedtall_rammetilskudd.json").read_text())["years"]
    spending = {y: sum(netto_1000_kr(c, f, y) for c in ("1001", "1002", "1006") for f in FUNKSJONER)
                for y in (2021, 2022)}
    rise = (spending[2022] * factor(2022) - spending[2021] * factor(2021)) / 1000
    # The pipeline's own comparison is unchanged: both sides in 2023-kroner.
    assert year["rammetilskudd_okning_mill_kr"] == pytest.approx(2200 * factor(2022), abs=1e-6)
    # Beside it, the report's: the 2022 items as stated (2022-kroner) against the rise in 2023-kroner.
    assert year["rammetilskudd_okning_nominell_mill_kr"] == pytest.approx(2200)
    assert year["differanse_nominell_mill_kr"] == pytest.approx(2200 - rise, abs=1e-6)
    meta = json.loads((out / "figures" / "2023" / "hovedtall_rammetilskudd.json").read_text())
    assert any("uten prisjustering" in note for note in meta["footnotes"])


def test_latest_deflator_vintage_moves_the_difference(run):
    out, _ = run
    (year,) = json.loads((out / "report" / "2023" / "hovedtall_rammetilskudd.json").read_text())["years"]
    spending = {y: sum(netto_1000_kr(c, f, y) for c in ("1001", "1002", "1006") for f in FUNKSJONER)
                for y in (2021, 2022)}
    rise = (spending[2022] * factor(2022, 7.0) - spending[2021] * factor(2021, 7.0)) / 1000
    grants = 2200 * factor(2022, 7.0)
    assert year["differanse_siste_deflator_mill_kr"] == pytest.approx(grants - rise, abs=1e-6)
    moved = (grants - rise) - year["differanse_mill_kr"]
    assert abs(moved) > 1e-4
    assert year["differanse_endring_siste_deflator_mill_kr"] == pytest.approx(moved, abs=1e-9)


def test_figures_and_their_csvs_appear_for_a_hand_built_snapshot(run):
    out, con = run
    folder = out / "figures" / "2023"
    for stem in ("figur_5_14", "figur_5_15", "figur_5_16", "figur_5_17", "hovedtall_rammetilskudd"):
        for suffix in ("png", "svg", "csv", "json"):
            assert (folder / f"{stem}.{suffix}").stat().st_size > 0, f"{stem}.{suffix}"
        meta = json.loads((folder / f"{stem}.json").read_text())
        assert meta["synthetic"] is False and meta["source"].startswith("Kilde: SSB tabell 12362")
    with (folder / "figur_5_17.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    small_2022 = next(r for r in rows if r["år"] == "2022" and r["befolkningskategori"] == "2")
    assert float(small_2022["mill_kr_2023"]) == pytest.approx(netto_1000_kr("1002", "252", 2022) / 1000 * factor(2022))
    meta = json.loads((folder / "figur_5_15.json").read_text())
    assert "Oslo er ikke inkludert i dataene" in meta["footnotes"][0] and "2023-kroner" in meta["title"]
