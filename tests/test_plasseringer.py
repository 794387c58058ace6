"""Placements (SSB 11600, 12845, 10661 and 10660; section 5.2 of the report): the footnotes and source lines
of figures 5-3 to 5-6 and 0-5 are computed from the data, placements are counted by barnevernsregion and
for the country without Oslo with SSB's symbols carried, waiting children are set against children in
fosterhjem without Oslo, and the numbers the text quotes are one table.

Hand-built SSB replies (numbers chosen to be the report's own for 2022: N = 9 596 with 15 «uoppgitt»,
N = 3 393 at 18-24 with no omsorgstiltak, 62 809 measures 0-17 in 10661, bolig 1, 1 and 2 in 2016-2018)
replace the demo's in a copy of the demo snapshot; only the assets under test are materialised."""

from __future__ import annotations

import csv
import json

import duckdb
import pytest

from tests.handbuilt import demo_snapshot_to_edit, jsonstat, materialize_upstream

pytestmark = pytest.mark.slow

YEARS = list(range(2015, 2023))
TILTAK = [("1", "I alt"), ("2", "Hjelpetiltak"), ("3", "Omsorgstiltak")]
TILTAK_KEY = {"1": "i_alt", "2": "hjelpetiltak", "3": "omsorgstiltak"}
TYPER = [("00", "Plasseringstiltak i alt"), ("01", "Fosterheim"), ("02", "Barnevernsinstitusjon"),
         ("03", "Beredskapsheim"), ("04", "Mellombels heim i familie og nære nettverk"),
         ("05", "Bustad med oppfølging"), ("06", "Uoppgitt plasseringstiltak")]
TYPE_KEY = {"01": "fosterheim", "02": "institusjon", "03": "beredskapsheim", "04": "mellombels_heim",
            "05": "bustad", "06": "uoppgitt"}
ALDER = [("1", "0-17 år"), ("2", "18-22 år"), ("3", "18-24 år"), ("9", "Alder i alt")]
ALDER_KEY = {"1": "0_17", "2": "18_22", "3": "18_24", "9": "i_alt"}

# The country in 2022 (the report's numbers): 0-17 by type, of them omsorgstiltak; 18-24 by type.
LANDET_0_17 = {"fosterheim": 7_800, "institusjon": 860, "beredskapsheim": 484, "mellombels_heim": 162,
               "bustad": 275, "uoppgitt": 15}  # 9 596
OMSORG_0_17 = {"fosterheim": 6_630, "institusjon": 300, "beredskapsheim": 150, "mellombels_heim": 50,
               "bustad": 10, "uoppgitt": 5}
LANDET_18_24 = {"fosterheim": 1_500, "institusjon": 180, "beredskapsheim": 3, "mellombels_heim": 2,
                "bustad": 1_708, "uoppgitt": 0}  # 3 393
# Beredskapshjem + midlertidig hjem at 18-24: 4 in 2021, 5 in 2022 (the report's "fire/fem flere").
BEREDSKAP_18_24 = {2021: {"beredskapsheim": 3, "mellombels_heim": 1}, 2022: {"beredskapsheim": 3, "mellombels_heim": 2}}

# Fylker: 0-17, tiltak i alt, per type (the same every year); 30 Viken only from 2020 (0 before); 50 Trøndelag's
# midlertidig hjem 2022 suppressed (':').
REGIONER = [("0", "Hele landet"), ("03", "03 Oslo"), ("11", "11 Rogaland"), ("15", "15 Møre og Romsdal"),
            ("18", "18 Nordland"), ("30", "30 Viken (2020-2023)"), ("50", "50 Trøndelag")]
FYLKE = {"03": 1_000, "11": 700, "15": 300, "18": 400, "30": 2_000, "50": 600}


def _national(alder: str, plassering: str, tiltak: str, year: int) -> float | str:
    if alder == "i_alt":
        older = "18_22" if year < 2021 else "18_24"
        parts = [_national(a, plassering, tiltak, year) for a in ("0_17", older)]
        return float(sum(p for p in parts if isinstance(p, float)))
    if plassering == "i_alt":
        parts = [_national(alder, p, tiltak, year) for p in TYPE_KEY.values()]
        return float(sum(p for p in parts if isinstance(p, float)))
    if plassering == "mellombels_heim" and year < 2021:
        return "."
    if tiltak == "i_alt":
        parts = [_national(alder, plassering, t, year) for t in ("hjelpetiltak", "omsorgstiltak")]
        return float(sum(p for p in parts if isinstance(p, float)))
    if alder == "0_17":
        total = LANDET_0_17[plassering] - (2022 - year) * (10 if plassering in ("fosterheim", "institusjon") else 0)
        omsorg = OMSORG_0_17[plassering]
        return float(omsorg if tiltak == "omsorgstiltak" else total - omsorg)
    if tiltak == "omsorgstiltak":
        return "-" if plassering == "bustad" else 0.0  # none registered: a nil symbol, or 0
    if year in BEREDSKAP_18_24 and plassering in BEREDSKAP_18_24[year]:
        return float(BEREDSKAP_18_24[year][plassering])
    return float(LANDET_18_24[plassering])


def doc_11600() -> dict:
    def value(region, tiltak, plassering, alder, _contents, year):
        year, tiltak, alder = int(year), TILTAK_KEY[tiltak], ALDER_KEY[alder]
        plassering = TYPE_KEY.get(plassering, "i_alt")
        if (alder == "18_22" and year >= 2021) or (alder == "18_24" and year < 2021):
            return "."
        if region == "0":
            return _national(alder, plassering, tiltak, year)
        if region == "30" and year < 2020:
            return 0.0  # a fylke not yet in use: 0, not '.', as SSB's 10660 answers (ssb-metadata/10660.md)
        if plassering == "mellombels_heim" and year < 2021:
            return "."
        if (region, plassering, year) == ("50", "mellombels_heim", 2022) and tiltak == "i_alt" and alder == "0_17":
            return ":"
        share = {"i_alt": 1.0, "hjelpetiltak": 0.4, "omsorgstiltak": 0.6}[tiltak]
        per_type = {"i_alt": 1.0, "fosterheim": 0.8, "institusjon": 0.1, "beredskapsheim": 0.05,
                    "mellombels_heim": 0.02, "bustad": 0.02, "uoppgitt": 0.005}[plassering]
        return float(round(FYLKE[region] * share * per_type) + (year - 2015))

    doc = jsonstat("11600: hand-built", [
        ("Region", "geo", REGIONER), ("Hjelpetiltak", None, TILTAK), ("TypePlassering", None, TYPER),
        ("Alder", None, ALDER),
        ("ContentsCode", "metric", [("Plassert", "Barn og unge med plasseringstiltak per 31. desember")]),
        ("Tid", "time", [(str(y), str(y)) for y in YEARS]),
    ], value)
    for code, label in (("Hjelpetiltak", "omsorgs-/hjelpetiltak"), ("TypePlassering", "type plassering"),
                        ("Alder", "alder")):
        doc["dimension"][code]["label"] = label
    return doc


def doc_10661() -> dict:
    """Measures by age: "i alt" per 31.12 in 2022 adds up to 62 809 over the groups within 0-17."""
    i_alt_2022 = {"000-002": 10_000, "003-005": 12_000, "006-012": 20_000, "013-017": 20_809, "018+": 9_000}

    def value(_region, tiltak, alder, contents, year):
        year = int(year)
        if tiltak == "00":
            return float(i_alt_2022[alder] - (2022 - year) * 100)
        if tiltak == "2.06" and year < 2021:
            return "."
        return 10.0 * (2 if contents == "TiltakGjennomAar" else 1)

    doc = jsonstat("10661: hand-built", [
        ("Region", "geo", [("0N", "Heile landet")]),
        ("Barnevernstiltak", None, [("00", "Barnevernstiltak i alt"),
                                    ("2.05", "Beredskapsheim utanom familie og nære nettverk"),
                                    ("2.06", "Mellombels heim i familie og nære nettverk"),
                                    ("3.08", "Sentre for foreldre og barn")]),
        ("Alder", None, [("000-002", "0-2 år"), ("003-005", "3-5 år"), ("006-012", "6-12 år"),
                         ("013-017", "13-17 år"), ("018+", "18 år og over")]),
        ("ContentsCode", "metric", [("Tiltak3112", "Barnevernstiltak per 31. desember"),
                                    ("TiltakGjennomAar", "Barnevernstiltak i løpet av året")]),
        ("Tid", "time", [(str(y), str(y)) for y in YEARS]),
    ], value)
    doc["dimension"]["Alder"]["label"] = "alder"
    return doc


def doc_12845() -> dict:
    """Akuttiltak 0-17 by type, with bolig med oppfølging 1, 1 and 2 in 2016-2018 and none otherwise."""
    lovheimel = [("1", "Omsorgstiltak"), ("2", "Akuttiltak"), ("3", "Åtferdstiltak"),
                 ("4", "Plassert som eit hjelpetiltak")]
    typer = TYPER[:-1]  # 12845 has no «uoppgitt»
    bolig = {2016: 1.0, 2017: 1.0, 2018: 2.0}

    def value(_region, lov, plassering, alder, _contents, year):
        year, plassering = int(year), TYPE_KEY.get(plassering, "i_alt")
        if (alder == "2" and year >= 2021) or (alder == "3" and year < 2021):
            return "."
        if plassering == "mellombels_heim" and year < 2021:
            return "."
        per_type = {"fosterheim": 100.0, "institusjon": 200.0, "beredskapsheim": 300.0, "mellombels_heim": 20.0}
        if lov == "2" and plassering == "bustad":
            return bolig.get(year, "-")
        if plassering == "i_alt":
            parts = [value(_region, lov, p, alder, _contents, year) for p, _ in typer[1:]]
            return float(sum(p for p in parts if isinstance(p, float)))
        return per_type.get(plassering, 5.0)

    doc = jsonstat("12845: hand-built", [
        ("Region", "geo", [("0", "Heile landet")]), ("Lovheimel", None, lovheimel),
        ("TypePlassering", None, typer), ("Alder", None, ALDER[:3]),
        ("ContentsCode", "metric", [("Plassert", "Barn og unge med plasseringstiltak per 31. desember")]),
        ("Tid", "time", [(str(y), str(y)) for y in YEARS]),
    ], value)
    for code, label in (("Lovheimel", "lovheimel"), ("TypePlassering", "type plassering"), ("Alder", "alder")):
        doc["dimension"][code]["label"] = label
    return doc


def _run(tmp, *targets: str):
    snap = demo_snapshot_to_edit(tmp)
    for table, doc in (("11600", doc_11600()), ("10661", doc_10661()), ("12845", doc_12845())):
        (snap / "ssb" / table / "part-001.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result, message, warehouse = materialize_upstream(snap, tmp / "work", *targets)
    assert result.success, message
    return tmp / "work", warehouse, snap


@pytest.fixture(scope="module")
def figures_run(tmp_path_factory):
    return _run(tmp_path_factory.mktemp("figurer"),
                *(f"figures/{f}" for f in ("figur_5_3", "figur_5_4", "figur_5_5", "figur_5_6", "figur_0_5")))


@pytest.fixture(scope="module")
def handbuilt_run(tmp_path_factory):
    return _run(tmp_path_factory.mktemp("indikatorer"), "indicators/tall_i_teksten_plasseringer")


def _figure(run, stem: str) -> tuple[dict, list[dict]]:
    folder = run[0] / "out" / "figures" / "2023"
    # "_DEMODATA" in the name where a synthetic input (the demo's) went into the figure
    path = next(p for p in (folder / f"{stem}.json", folder / f"{stem}_DEMODATA.json") if p.exists())
    meta = json.loads(path.read_text(encoding="utf-8"))
    with (folder / meta["csv"]).open(encoding="utf-8") as fh:
        return meta, list(csv.DictReader(fh))


def test_figure_5_3_gives_n_uoppgitt_and_ssbs_definitions_from_the_data(figures_run):
    meta, rows = _figure(figures_run, "figur_5_3")
    notes = " ".join(meta["footnotes"])
    assert "var 15 registrert med «Uoppgitt plasseringstiltak»" in notes
    assert "N = 9 596" in notes
    assert "SSBs definisjon av omsorgstiltak" in notes
    assert meta["title"] == "Figur 5-3 Antall barn og unge 0–17 år med plasseringstiltak, per 31.12.2022"
    assert "uoppgitt" not in {r["plassering"] for r in rows}  # footnoted, not drawn


def test_figure_5_4_footnotes_the_missing_omsorgstiltak_instead_of_drawing_zeros(figures_run):
    meta, rows = _figure(figures_run, "figur_5_4")
    notes = " ".join(meta["footnotes"])
    assert "ikke registrert plasseringstiltak av kategorien omsorgstiltak" in notes
    assert "ikke registrert observasjoner for kategorien «Uoppgitt plasseringstiltak»" in notes
    assert "N = 3 393" in notes
    assert {r["tiltak"] for r in rows} == {"hjelpetiltak"}
    assert not any("25 år" in n for n in meta["footnotes"])  # one year: no age-limit break to footnote


def test_figure_5_5_source_line_gives_both_totals(figures_run):
    meta, _ = _figure(figures_run, "figur_5_5")
    assert "Plasseringstiltak i alt 0–17 år per 31.12.2022 = 9 596" in meta["source"]
    assert "Barnevernstiltak i alt 0–17 år per 31.12.2022 = 62 809 (SSB tabell 10661)" in meta["source"]


def test_figure_5_6_footnotes_the_new_category_its_caveat_and_the_older_observations(figures_run):
    meta, _ = _figure(figures_run, "figur_5_6")
    notes = " ".join(meta["footnotes"])
    assert "ny statistikkvariabel fra og med 2021" in notes
    assert "sannsynlig at dette tiltaket har blitt registrert som beredskapshjem eller fosterhjem" in notes
    assert "4 flere observasjoner i 2021 og 5 flere observasjoner i 2022" in notes
    assert "0–17 år per 31.12.2022 = 9 596" in notes


def test_figure_0_5_footnotes_bolig_with_its_years_and_counts_and_cites_both_laws(figures_run):
    meta, rows = _figure(figures_run, "figur_0_5")
    assert "bustad" not in {r["plassering"] for r in rows}
    assert any("henholdsvis 1, 1 og 2 tiltak i 2016, 2017 og 2018 på Bolig med oppfølging" in n
               for n in meta["footnotes"])
    assert "§ 4-6, 1. og 2. ledd" in meta["title"] and "barnevernsloven §§ 4-1, 4-2, 4-4 og 4-3" in meta["title"]


def test_placements_by_region_sum_the_fylker_and_keep_a_shared_fylke_and_symbols_visible(handbuilt_run):
    with duckdb.connect(str(handbuilt_run[1]), read_only=True) as con:
        rows = {(a, r, p): (n, m, s) for a, r, p, n, m, s in con.execute(
            "select aar, region, plassering, antall, merknad, merknad_symboler "
            "from indicators.plasseringstiltak_region where report_year = 2023").fetchall()}
    fylke = {code: round(FYLKE[code] * 0.8) for code in FYLKE}  # fosterheim, tiltak i alt, 0-17, in 2015
    assert rows[(2015, "vest", "fosterheim")][0] == fylke["11"]
    assert rows[(2015, "midt_norge", "fosterheim")][0] == fylke["15"] + fylke["50"]
    assert rows[(2015, "oslo", "fosterheim")][0] == fylke["03"]
    # From 2020 Viken is both øst and sør: the two have no number of their own, only together.
    assert rows[(2022, "ost", "fosterheim")][0] is None and "Ikke eget tall" in rows[(2022, "ost", "fosterheim")][1]
    assert rows[(2022, "ost+sor", "fosterheim")][0] == fylke["30"] + 7
    assert (2019, "ost+sor", "fosterheim") not in rows
    # The country without Oslo is SSB's total less fylke 03.
    landet = _national("0_17", "fosterheim", "i_alt", 2022)
    assert rows[(2022, "landet_uten_oslo", "fosterheim")][0] == landet - (fylke["03"] + 7)
    # A suppressed fylke is left out of its region's sum, which says so.
    value, _, note = rows[(2022, "midt_norge", "mellombels_heim")]
    assert value == round(300 * 0.02) + 7
    assert "uten 50 Trøndelag (':')" in note and "for lav" in note


def test_waiting_children_are_set_against_children_in_fosterhjem_without_oslo(handbuilt_run):
    _, warehouse, snap = handbuilt_run
    with (snap / "bufdir" / "ventetid_fosterhjem.csv").open(encoding="utf-8") as fh:
        venter = {r["periode"]: int(r["barn_som_venter_ved_periodeslutt"].replace(" ", ""))
                  for r in csv.DictReader(fh, delimiter=";") if r["region"] == "Hele landet"}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        ratio = dict(con.execute("select aar, venter_per_100_i_fosterhjem from indicators.ventende_per_fosterhjem "
                                 "where report_year = 2023").fetchall())
    uten_oslo = _national("0_17", "fosterheim", "i_alt", 2022) - (round(FYLKE["03"] * 0.8) + 7)
    assert ratio[2022] == pytest.approx(round(100 * venter["2022"] / uten_oslo, 2))


def test_the_text_numbers_of_section_5_2_are_one_table_in_the_agreed_shape(handbuilt_run):
    with duckdb.connect(str(handbuilt_run[1]), read_only=True) as con:
        columns = [r[0] for r in con.execute("describe indicators.tall_i_teksten_plasseringer").fetchall()]
        rows = con.execute("select nr, maal, verdi, enhet, fra_aar, til_aar, kilde "
                           "from indicators.tall_i_teksten_plasseringer where report_year = 2023").fetchall()
    assert columns[:8] == ["nr", "utsagn", "maal", "verdi", "enhet", "fra_aar", "til_aar", "kilde"]
    by = {(nr, maal, til): (verdi, enhet, fra, kilde) for nr, maal, verdi, enhet, fra, til, kilde in rows}
    assert by[(13, "Barn 0–17 år med plasseringstiltak per 31.12.", 2022)][0] == 9_596
    assert by[(13, "Unge 18–24 år med plasseringstiltak per 31.12.", 2022)][0] == 3_393
    assert by[(13, "Barn og unge 0–24 år med plasseringstiltak per 31.12. (0–17 + 18–24 år)", 2022)][0] == 12_989
    assert by[(15, "Andel med omsorgstiltak blant barn 0–17 år i fosterhjem per 31.12.", 2022)][0] == 85.0
    assert by[(22, "Barn 0–17 år i beredskapshjem eller midlertidig hjem per 31.12.", 2022)][0] == 646
    fosterhjem = by[(17, "Endring i barn 0–17 år i fosterhjem per 31.12.", 2022)]
    assert fosterhjem[1:3] == ("prosent", 2021) and fosterhjem[0] == pytest.approx(round(100 * (7800 / 7790 - 1), 1))
    assert [by[(24, m, y)][0] for (n, m, y) in by if n == 24] == [4, 5]
    assert {nr for nr, *_ in rows} >= {*range(13, 29), 32}
