"""The report's age range and rates for children with measures (figures 5-1, 0-1, 0-2), on a hand-built
09050 and 07459 with numbers small enough to check by hand.

- 0–22 / 0–24 år is the sum of SSB's age groups 0–17 and 18–22 / 18–24 (the report's fn 33), never SSB's
  "alder i alt" (which here has 30 children more), and a missing part stops the run by name;
- figures 5-1, 0-1 and 0-2 are split into omsorgs- and hjelpetiltak;
- figure 0-1 shows SSB's own rate per 1 000 where 09050 has it, checked against count ÷ population;
- the hjelpetiltak share per age band (0–2 … 13–17) is an indicator column.
"""

from __future__ import annotations

import csv
import json

import duckdb
import pytest

from tests.handbuilt import jsonstat, materialize_upstream

pytestmark = pytest.mark.slow

YEARS = list(range(2015, 2023))
PER_AGE = 60_000  # inhabitants in every single year of age, every year: 0-22 = 1 380 000, 0-24 = 1 500 000
UOPPGITT = 30  # children SSB's "alder i alt" has beyond its age groups
BANDS = {"0_2": (0, 2), "3_5": (3, 5), "6_12": (6, 12), "13_17": (13, 17)}
AGES = {**BANDS, "0_17": (0, 17), "18_22": (18, 22), "18_24": (18, 24)}
ALDER_LABELS = {"0_2": "0-2 år", "3_5": "3-5 år", "6_12": "6-12 år", "13_17": "13-17 år", "0_17": "0-17 år",
                "18_22": "18-22 år", "18_24": "18-24 år", "i_alt": "Alder i alt"}
TILTAK_LABELS = {"i_alt": "I alt", "hjelpetiltak": "Hjelpetiltak", "omsorgstiltak": "Omsorgstiltak"}
MAAL_LABELS = {"per_31_12": "Barn med barnevernstiltak per 31.12.",
               "i_lopet_av_aret": "Barn med barnevernstiltak i løpet av året",
               "nye": "Nye barn med barnevernstiltak i løpet av året",
               "per_1000_per_31_12": "Barn med barnevernstiltak per 31.12. per 1 000 barn"}
BAND_SHARE = {"0_2": (1_800, 200), "3_5": (2_000, 600), "6_12": (8_000, 2_400), "13_17": (8_000, 3_800)}


def count(alder: str, tiltak: str, year: int) -> float:
    """Children per 31.12: the bands add up to 0-17; 18+ have no omsorgstiltak."""
    if tiltak == "i_alt":
        return count(alder, "hjelpetiltak", year) + count(alder, "omsorgstiltak", year)
    older = "18_22" if year < 2021 else "18_24"
    if alder == "i_alt":
        return count("0_17", tiltak, year) + count(older, tiltak, year) + (UOPPGITT if tiltak == "hjelpetiltak" else 0)
    if alder == "0_17":
        return sum(count(b, tiltak, year) for b in BANDS)
    if alder in BANDS:
        hjelpe, omsorg = BAND_SHARE[alder]
        return float((hjelpe + 10 * (year - 2015)) if tiltak == "hjelpetiltak" else omsorg)
    return float({"18_22": 4_000, "18_24": 5_000}[alder] if tiltak == "hjelpetiltak" else 0)


def population(alder: str, year: int) -> int:
    lo, hi = AGES[alder] if alder != "i_alt" else (0, 22 if year < 2021 else 24)
    return PER_AGE * (hi - lo + 1)


def doc_09050(maal=("per_31_12", "i_lopet_av_aret", "nye", "per_1000_per_31_12"), drop=(), rate_off=0.0) -> dict:
    """`drop`: (alder, year) cells published as '.'; `rate_off`: added to SSB's rates."""
    def value(region, tiltak, alder, contents, year):
        year = int(year)
        if (alder == "18_22" and year >= 2021) or (alder == "18_24" and year < 2021) or (alder, year) in drop:
            return "."
        n = count(alder, tiltak, year)
        if contents == "per_1000_per_31_12":
            return round(1000 * n / population(alder, year), 1) + rate_off
        return n * {"per_31_12": 1.0, "i_lopet_av_aret": 1.5, "nye": 0.4}[contents]

    doc = jsonstat("09050: hand-built", [
        ("Region", "geo", [("0", "Heile landet")]),
        ("Tiltak", None, list(TILTAK_LABELS.items())),
        ("Alder", None, list(ALDER_LABELS.items())),
        ("ContentsCode", "metric", [(m, MAAL_LABELS[m]) for m in maal]),
        ("Tid", "time", [(str(y), str(y)) for y in YEARS]),
    ], value)
    doc["dimension"]["Tiltak"]["label"] = "omsorgs-/hjelpetiltak"
    doc["dimension"]["Alder"]["label"] = "alder"
    return doc


def doc_07459() -> dict:
    return jsonstat("07459: hand-built", [
        ("Region", "geo", [("0", "Hele landet")]),
        ("Alder", None, [(f"{a:03d}", f"{a} år") for a in range(0, 30)]),
        ("ContentsCode", "metric", [("Personer1", "Personer")]),
        ("Tid", "time", [(str(y), str(y)) for y in range(2015, 2024)]),
    ], lambda r, a, c, y: float(PER_AGE))


def snapshot(root, doc: dict):
    for table, d in (("09050", doc), ("07459", doc_07459())):
        path = root / "ssb" / table / "part-001.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return root


FIGURES = ("figures/figur_5_1", "figures/figur_0_1", "figures/figur_0_2")


def figure(tmp_path, stem: str) -> tuple[list[dict], dict]:
    folder = tmp_path / "out" / "figures" / "2023"
    with (folder / f"{stem}.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return rows, json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))


def test_0_24_is_the_sum_of_the_age_groups_not_alder_i_alt_and_the_figures_split_the_tiltak(tmp_path):
    result, message, warehouse = materialize_upstream(snapshot(tmp_path / "snap", doc_09050()), tmp_path, *FIGURES)
    assert result.success, message
    rows, meta = figure(tmp_path, "figur_5_1")
    for row in rows:
        year = int(row["år"])
        older = "18_22" if year < 2021 else "18_24"
        assert row["aldersgruppe"] == ("0-22" if year < 2021 else "0-24")
        for tiltak in ("hjelpetiltak", "omsorgstiltak", "i_alt"):
            expected = count("0_17", tiltak, year) + count(older, tiltak, year)
            assert float(row[tiltak]) == expected, (year, tiltak)
        assert float(row["i_alt"]) == count("i_alt", "i_alt", year) - UOPPGITT  # not SSB's "alder i alt"
    notes = " ".join(meta["footnotes"])
    assert "som har 30 flere barn hvert år" in notes and "«alder i alt»" in notes
    assert "fylkesnemnda" in notes and "kun for gruppen 0–17 år" in notes and "inntil 25 år" in notes
    assert meta["title"].startswith("Figur 5-1 Antall barn og unge i alderen 0–24 år med barnevernstiltak per 31.12.")

    rows, meta = figure(tmp_path, "figur_0_2")
    assert [float(r["hjelpetiltak"]) + float(r["omsorgstiltak"]) for r in rows] == [float(r["i_alt"]) for r in rows]
    assert float(rows[-1]["hjelpetiltak"]) == 0.4 * (count("0_17", "hjelpetiltak", 2022) + 5_000)
    assert "0–24 år" in meta["title"] and "i løpet av året" in meta["title"]

    with duckdb.connect(str(warehouse), read_only=True) as con:
        shares = dict(con.execute(
            "select aldersgruppe, andel_hjelpetiltak_per_31_12 from indicators.barn_med_tiltak "
            "where aar = 2022 and tiltak = 'i_alt'").fetchall())
    assert shares["0-2"] == pytest.approx((1_800 + 70) / (1_800 + 70 + 200))
    assert shares["13-17"] == pytest.approx((8_000 + 70) / (8_000 + 70 + 3_800))


def test_0_1_shows_ssbs_own_rate_split_by_tiltak(tmp_path):
    result, message, _ = materialize_upstream(snapshot(tmp_path / "snap", doc_09050()), tmp_path, *FIGURES)
    assert result.success, message
    rows, meta = figure(tmp_path, "figur_0_1")
    for row in rows:
        year = int(row["år"])
        for tiltak in ("hjelpetiltak", "omsorgstiltak", "i_alt"):
            ssb = round(1000 * count("i_alt", tiltak, year) / population("i_alt", year), 1)
            assert float(row[tiltak]) == pytest.approx(ssb), (year, tiltak)
        assert row["kilde"] == "SSB 09050"
    assert meta["source"] == "Kilde: SSB tabell 09050"
    assert any("SSBs egen rate" in note and "avvik høyst" in note for note in meta["footnotes"])
    assert meta["title"].endswith("per 1 000 barn 0–24 år (0–22 år t.o.m. 2020)")


def test_without_ssbs_rate_0_1_computes_it_and_says_so(tmp_path):
    doc = doc_09050(maal=("per_31_12", "i_lopet_av_aret", "nye"))
    result, message, _ = materialize_upstream(snapshot(tmp_path / "snap", doc), tmp_path, "figures/figur_0_1")
    assert result.success, message
    rows, meta = figure(tmp_path, "figur_0_1")
    last = rows[-1]
    sum_2022 = count("0_17", "i_alt", 2022) + count("18_24", "i_alt", 2022)
    assert float(last["i_alt"]) == pytest.approx(1000 * sum_2022 / population("i_alt", 2022))
    assert last["kilde"] != "SSB 09050" and meta["source"] == "Kilde: SSB tabell 09050 og 07459"


def test_ssbs_rate_far_from_count_over_population_stops_at_a_named_check(tmp_path):
    result, message, _ = materialize_upstream(snapshot(tmp_path / "snap", doc_09050(rate_off=0.4)), tmp_path,
                                              "indicators/barn_med_tiltak")
    assert not result.success
    assert "check ssb_rate_agrees_with_count_over_population on indicators/barn_med_tiltak failed" in message


def test_a_missing_part_of_the_age_range_is_a_named_stop(tmp_path):
    doc = doc_09050(drop=(("18_24", 2022),))
    result, message, _ = materialize_upstream(snapshot(tmp_path / "snap", doc), tmp_path, "indicators/barn_med_tiltak")
    assert not result.success
    assert "part(s) of the age range 0–22/0–24 år are missing" in message and "aar=2022 alder=18_24" in message
    assert "never SSB's 'Alder i alt'" in message


# 12845 per 31.12, all types of placement: (akuttiltak, atferdstiltak, plassert som hjelpetiltak) by age group
PLASSERT = {"0_17": (100.0, 10.0, 1_000.0), "18_22": (20.0, 0.0, 800.0), "18_24": (30.0, 0.0, 900.0)}


def doc_12845() -> dict:
    lovheimel = [("1", "Omsorgstiltak"), ("2", "Akuttiltak"), ("3", "Åtferdstiltak"),
                 ("4", "Plassert som eit hjelpetiltak")]
    alder = [("017", "0-17 år"), ("022", "18-22 år"), ("024", "18-24 år")]
    key = {"017": "0_17", "022": "18_22", "024": "18_24"}

    def value(region, basis, plassering, age, contents, year):
        a, year = key[age], int(year)
        if (a == "18_22" and year >= 2021) or (a == "18_24" and year < 2021):
            return "."
        return count(a, "omsorgstiltak", year) if basis == "1" else PLASSERT[a][int(basis) - 2]

    doc = jsonstat("12845: hand-built", [
        ("Region", "geo", [("0", "Heile landet")]), ("Lovheimel", None, lovheimel),
        ("TypePlassering", None, [("0", "Plasseringstiltak i alt")]), ("Alder", None, alder),
        ("ContentsCode", "metric", [("Plassert", "Barn og unge med plasseringstiltak per 31. desember")]),
        ("Tid", "time", [(str(y), str(y)) for y in YEARS]),
    ], value)
    for code, label in (("Lovheimel", "lovheimel"), ("TypePlassering", "type plassering"), ("Alder", "alder")):
        doc["dimension"][code]["label"] = label
    return doc


def i_hjemmet(alder: str, year: int) -> float:
    return count(alder, "hjelpetiltak", year) - sum(PLASSERT[alder])


def test_the_text_numbers_of_section_5_1_come_from_the_figures_with_the_periods_the_text_names(tmp_path):
    root = snapshot(tmp_path / "snap", doc_09050())
    (root / "ssb" / "12845").mkdir(parents=True)
    (root / "ssb" / "12845" / "part-001.json").write_text(json.dumps(doc_12845(), ensure_ascii=False), encoding="utf-8")
    result, message, warehouse = materialize_upstream(root, tmp_path, "indicators/tall_i_teksten_tiltak")
    assert result.success, message
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = [r[0] for r in con.execute("describe indicators.tall_i_teksten_tiltak").fetchall()]
        rows = con.execute("select nr, maal, verdi, enhet, fra_aar, til_aar, kilde "
                           "from indicators.tall_i_teksten_tiltak where report_year = 2023").fetchall()
    assert columns == ["report_year", "nr", "utsagn", "maal", "verdi", "enhet", "fra_aar", "til_aar", "kilde"]
    by = {}
    for nr, maal, verdi, enhet, fra, til, kilde in rows:
        by.setdefault(nr, []).append((maal, verdi, enhet, fra, til, kilde))
    assert sorted(by) == list(range(1, 13))

    def whole(tiltak, year):  # the report's 0-22/0-24: the sum of the age groups
        return count("0_17", tiltak, year) + count("18_22" if year < 2021 else "18_24", tiltak, year)

    def change(a, b):
        return pytest.approx(100 * (b / a - 1))

    (_, verdi, enhet, fra, til, kilde), = by[1]
    assert (enhet, fra, til, kilde) == ("prosent", 2017, 2022, "figur_5_1")  # "i perioden 2017 til 2022"
    assert verdi == change(whole("i_alt", 2017), whole("i_alt", 2022))
    (_, verdi, _, fra, til, _), = by[2]
    assert (fra, til) == (2021, 2022) and verdi == change(whole("i_alt", 2021), whole("i_alt", 2022))
    assert [(r[3], r[4]) for r in by[4]] == [(None, 2021), (None, 2022)]
    assert [r[1] for r in by[4]] == [1.5 * whole("i_alt", 2021), 1.5 * whole("i_alt", 2022)]
    levels = {r[4]: r[1] for r in by[6] if r[3] is None}
    assert levels == {2017: whole("omsorgstiltak", 2017), 2022: whole("omsorgstiltak", 2022)}
    seven = {r[0][:8]: r[1] for r in by[7]}
    assert seven["Barn og "] == change(whole("hjelpetiltak", 2021), whole("hjelpetiltak", 2022))
    assert seven["Barn 0–1"] == change(count("0_17", "hjelpetiltak", 2021), count("0_17", "hjelpetiltak", 2022))
    eight = {r[0][:8]: r[1] for r in by[8]}  # fn 36: per 1 000 (SSB's rate)
    rate = {y: round(1000 * count("0_17", "hjelpetiltak", y) / population("0_17", y), 1) for y in (2021, 2022)}
    assert eight["Barn 0–1"] == change(rate[2021], rate[2022])
    (_, verdi, enhet, fra, til, kilde), = by[9]
    assert (verdi, enhet, fra, til, kilde) == (i_hjemmet("0_17", 2022), "barn", None, 2022, "figur_5_2")
    assert [r[4] for r in by[10]] == [2018, 2019, 2020, 2021, 2022]  # "i perioden 2018–2021 til … 2022"
    assert by[10][-1][1] == pytest.approx(100 * i_hjemmet("0_17", 2022) / count("0_17", "i_alt", 2022))
    youngest = {r[4]: r[1] for r in by[11] if r[0].startswith("Andel av barn 0–2")}
    assert sorted(youngest) == YEARS
    assert youngest[2015] == pytest.approx(100 * 1_800 / 2_000)
    twelve = {(r[3], r[4]): r[1] for r in by[12]}
    assert twelve[(2015, 2021)] == change(i_hjemmet("18_22", 2015), i_hjemmet("18_24", 2021))
    assert twelve[(2021, 2022)] == change(i_hjemmet("18_24", 2021), i_hjemmet("18_24", 2022))
