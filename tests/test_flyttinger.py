"""Vedlegg B (moves among children in fosterhjem) as the 2023 report has it: SSB 13353 for children
0–17 år in fosterhjem i / utenom familie og nære nettverk (not beredskapshjem), figures B-1 (counts) and
B-2 (shares); the Bufdir + SSB extract behind B-3 (children by number of moves since 2014) and B-4
(age; years since the first placement); and the numbers the appendix's text quotes.

The hand-built numbers are shaped like the report's own (9 433 children, 3 416 i familie, 6 166
utenom), so that each text number can be checked against the sentence it backs.
"""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from assets import flyttinger, raw
from assets.sources.flyttinger import FLYTTINGER_UTTREKK, TABLE_13353
from pipeline.bufdir import BufdirFileError, read_bufdir_file
from pipeline.figures import take_symbol_notes
from pipeline.model_assets import FIGURES
from pipeline.resources import OutputResource, SnapshotResource, warehouse_resource
from tests.handbuilt import jsonstat

# -- SSB 13353: children 0-17 by type of fosterhjem ------------------------------------------------

TYPES = [("0", "Fosterheimstypar i alt"), ("1", "Fosterheim i familie og nære nettverk"),
         ("2", "Fosterheim utanom familie og nære nettverk"), ("3", "Beredskapsheim")]
# The reply to the declaration's query: the age group it selects (other ages in a reply fail raw's check).
AGES = [("0-17", "0-17 år")]
# Children 0-17 in 2021 and those who moved at least once: 46 % and 57 % as the report's text.
BARN_0_17 = {"1": 3416.0, "2": 6166.0, "3": 900.0}
FLYTTET_0_17 = {"1": 1571.0, "2": 3515.0, "3": 700.0}


def _doc_13353() -> dict:
    def value(kind, alder, maal, aar):
        step = {"2019": 0.96, "2020": 0.98, "2021": 1.0}[aar]
        table = BARN_0_17 if maal == "BarnFosterheim" else FLYTTET_0_17

        def count(k):
            base = table[k] * (1 if maal == "BarnFosterheim" else step)
            return round(base)

        return float(sum(count(k) for k in table)) if kind == "0" else float(count(kind))

    doc = jsonstat("13353: hand-built", [
        ("Fosterheimstype", None, TYPES),
        ("Alder", None, AGES),
        ("ContentsCode", "metric", [("BarnFosterheim", "Barn som har budd i fosterheim i løpet av året"),
                                    ("BarnMinstEiFlytting", "Barn med minst éi flytting sidan første "
                                                            "plasseringstiltak")]),
        ("Tid", "time", [(y, y) for y in ("2019", "2020", "2021")]),
    ], value)
    doc["dimension"]["Alder"]["label"] = "aldersgrupper"
    return doc


# -- The Bufdir + SSB extract (B-3, B-4), with the report's own totals -----------------------------

ALLE, I_FAMILIE, UTENOM = ("Fosterhjem i alt", "Fosterhjem i familie og nære nettverk",
                           "Fosterhjem utenom familie og nære nettverk")
HEADER = "aar;forlop_fra;fosterhjemstype;variabel;kategori;fra;til;barn;barn_minst_en_flytting"
EXTRACT_ROWS = [
    # The report's footnote: the two types do not add up to the total (9 433 includes familiehjem, § 4-27).
    (ALLE, "I alt", "I alt", "", "", "9 433", ""),
    (ALLE, "Antall flyttinger", "0", "0", "0", "4 528", "0"),
    (ALLE, "Antall flyttinger", "1-2", "1", "2", "3 471", "3 471"),
    (ALLE, "Antall flyttinger", "3-5", "3", "5", "1 248", "1 248"),
    (ALLE, "Antall flyttinger", "6-10", "6", "10", "182", "182"),
    (ALLE, "Antall flyttinger", "11-20", "11", "20", "4", "4"),
    (I_FAMILIE, "I alt", "I alt", "", "", "3 416", ""),
    (I_FAMILIE, "Antall flyttinger", "0", "0", "0", "1 845", "0"),
    (I_FAMILIE, "Antall flyttinger", "1-2", "1", "2", "1 207", "1 207"),
    (I_FAMILIE, "Antall flyttinger", "3-5", "3", "5", "300", "300"),
    (I_FAMILIE, "Antall flyttinger", "6-10", "6", "10", "62", "62"),
    (I_FAMILIE, "Antall flyttinger", "11-20", "11", "20", "", ""),  # not given: too few children
    (UTENOM, "I alt", "I alt", "", "", "6 166", ""),
    (UTENOM, "Antall flyttinger", "0", "0", "0", "2 651", "0"),
    (UTENOM, "Antall flyttinger", "1-2", "1", "2", "2 498", "2 498"),
    (UTENOM, "Antall flyttinger", "3-5", "3", "5", "900", "900"),
    (UTENOM, "Antall flyttinger", "6-10", "6", "10", "115", "115"),
    (UTENOM, "Antall flyttinger", "11-20", "11", "20", "", ""),
    (ALLE, "Alder", "0-5 år", "0", "5", "1 100", "700"),
    (ALLE, "Alder", "6-11 år", "6", "11", "2 900", "1 500"),
    (ALLE, "Alder", "12-17 år", "12", "17", "5 433", "2 709"),
    (UTENOM, "Alder", "0-5 år", "0", "5", "700", "539"),  # 77 % have moved
    (UTENOM, "Alder", "6-11 år", "6", "11", "1 900", "1 000"),
    (UTENOM, "Alder", "12-17 år", "12", "17", "3 566", "1 976"),
    (ALLE, "År siden første plassering", "0-1 år", "0", "1", "1 500", "500"),
    (ALLE, "År siden første plassering", "2-5 år", "2", "5", "2 085", "1 200"),
    (ALLE, "År siden første plassering", "Over 5 år", "6", "", "5 848", "3 205"),
]


def _extract(rows=EXTRACT_ROWS, aar: int = 2021) -> str:
    lines = [HEADER, *(";".join((str(aar), "2014", *row)) for row in rows)]
    return "\n".join(lines) + "\n"


def _snapshot(root: Path, extract: str | None = None) -> Path:
    path = root / "ssb" / "13353" / "part-001.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(_doc_13353(), ensure_ascii=False), encoding="utf-8")
    (root / "bufdir").mkdir()
    (root / "bufdir" / f"{FLYTTINGER_UTTREKK.name}.csv").write_text(extract or _extract(), encoding="utf-8")
    return root


def _materialize(tmp_path: Path, extract: str | None = None, assets=None):
    root = _snapshot(tmp_path / "snap", extract)
    warehouse = tmp_path / "warehouse.duckdb"
    result = dg.materialize(
        assets or [*raw.of("13353", FLYTTINGER_UTTREKK.name), flyttinger.flyttinger_fosterhjem,
                   flyttinger.flyttinger_fordeling, flyttinger.tall_i_teksten_flyttinger],
        partition_key="2023", raise_on_error=False,
        resources={"warehouse": warehouse_resource(str(warehouse)), "snapshot": SnapshotResource(path=str(root)),
                   "output": OutputResource(path=str(tmp_path / "out"))},
    )
    return result, warehouse


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("flyttinger")
    result, warehouse = _materialize(tmp_path)
    assert result.success
    return warehouse


def test_b_1_and_b_2_are_children_0_17_in_the_two_types_of_fosterhjem_only(built):
    with duckdb.connect(str(built), read_only=True) as con:
        rows = con.execute("select aar, type, barn, minst_en_flytting, andel from indicators.flyttinger_fosterhjem "
                           "order by aar, type").fetchall()
    assert {t for _, t, *_ in rows} == {"i_familie", "utenom_familie"}  # no beredskapshjem, no SSB total
    assert {a for a, *_ in rows} == {2019, 2020, 2021}
    latest = {t: (barn, moved, andel) for aar, t, barn, moved, andel in rows if aar == 2021}
    assert latest == {"i_familie": (3416.0, 1571.0, pytest.approx(0.4599, abs=1e-4)),
                      "utenom_familie": (6166.0, 3515.0, pytest.approx(0.5701, abs=1e-4))}  # 0-17 år, not all ages


def test_b_1_counts_and_b_2_shares_are_two_figures_titled_for_children_0_17(built):
    with duckdb.connect(str(built), read_only=True) as con:
        _, counts, spec_1 = FIGURES["figur_b_1"].render(con, 2023, synthetic=False)
        _, shares, spec_2 = FIGURES["figur_b_2"].render(con, 2023, synthetic=False)
    assert "0–17 år" in spec_1.title and "minst én flytting" in spec_1.title
    assert spec_2.title.startswith("Figur B-2 Andel barn 0–17 år i fosterhjem")
    assert "i og utenom familie" in spec_2.title
    assert set(counts["type"]) == set(shares["type"]) == {"i_familie", "utenom_familie"}
    assert "Alle aldersgrupper" not in " ".join(spec_1.footnotes + spec_2.footnotes)
    assert spec_1.source == "Kilde: SSB tabell 13353. Tallene er basert på data fra 2014–2021"
    assert sorted(round(p) for p in shares.loc[shares["år"] == 2021, "andel_prosent"]) == [46, 57]


def test_b_3_children_by_number_of_moves_since_2014_with_n_per_type(built):
    with duckdb.connect(str(built), read_only=True) as con:
        _, data, spec = FIGURES["figur_b_3"].render(con, 2023, synthetic=False)
    assert spec.title == "Figur B-3 Antall barn 0–17 år i fosterhjem ila. 2021, fordelt på antall flyttinger siden 2014"
    alle = data[data["fosterhjemstype"] == "alle"].set_index("kategori")
    assert list(alle.index) == ["0", "1-2", "3-5", "6-10", "11-20"]
    assert list(alle["barn"]) == [4528, 3471, 1248, 182, 4]
    notes = " ".join(spec.footnotes)
    assert "N for antall barn i fosterhjem i familie og nære nettverk = 3 416" in notes
    assert "N for barn i fosterhjem utenom familie og nære nettverk = 6 166" in notes
    assert "summerer seg ikke til totalen (9 433)" in notes  # 3 416 + 6 166 = 9 582
    _, hidden = take_symbol_notes(data)  # said under the figure as "Merk: …", not drawn as 0
    assert hidden == ["Antall barn er ikke oppgitt i uttrekket for fosterhjem i familie og nære nettverk ved 11-20 "
                      "flyttinger (for få barn); søylen mangler.",
                      "Antall barn er ikke oppgitt i uttrekket for fosterhjem utenom familie og nære nettverk ved "
                      "11-20 flyttinger (for få barn); søylen mangler."]
    assert len(data) == 13 and data["barn"].notna().all()
    assert spec.source == "Kilde: Bufdir og SSB"


def test_b_4_background_age_and_years_since_the_first_placement(built):
    with duckdb.connect(str(built), read_only=True) as con:
        _, data, spec = FIGURES["figur_b_4"].render(con, 2023, synthetic=False)
    assert spec.title == "Figur B-4 Bakgrunnsinformasjon for barn i alder 0–17 år i fosterhjem ila. 2021"
    assert set(data["variabel"]) == {"alder", "aar_siden_forste_plassering"}
    over_5 = data[(data["variabel"] == "aar_siden_forste_plassering") & (data["kategori"] == "Over 5 år")]
    assert round(float(over_5["andel_prosent"].iloc[0])) == 62
    assert any("Midlertidig fosterhjem er ikke inkludert" in n for n in spec.footnotes)


def test_the_text_numbers_of_vedlegg_b(built):
    with duckdb.connect(str(built), read_only=True) as con:
        columns = [r[0] for r in con.execute("describe indicators.tall_i_teksten_flyttinger").fetchall()]
        rows = con.execute("select nr, maal, verdi, enhet, fra_aar, til_aar, kilde "
                           "from indicators.tall_i_teksten_flyttinger order by nr, kilde, maal").fetchall()
    assert columns[:8] == ["nr", "utsagn", "maal", "verdi", "enhet", "fra_aar", "til_aar", "kilde"]
    by_nr: dict[int, list] = {}
    for nr, _maal, verdi, enhet, fra, til, kilde in rows:
        assert fra is None and til == 2021  # levels in the data year (report year 2023 - 2)
        by_nr.setdefault(nr, []).append((round(verdi), enhet, kilde))
    assert sorted(by_nr[62]) == [(46, "prosent", "figur_b_2"), (57, "prosent", "figur_b_2")]
    assert sorted(by_nr[63]) == sorted([(9433, "barn", "figur_b_3"), (48, "prosent", "figur_b_3"),
                                        (52, "prosent", "figur_b_3"),
                                        (1248, "barn", "figur_b_3"), (13, "prosent", "figur_b_3"),
                                        (182, "barn", "figur_b_3"), (2, "prosent", "figur_b_3"),
                                        (4, "barn", "figur_b_3"),
                                        (3416, "barn", "figur_b_3"), (54, "prosent", "figur_b_3"),
                                        (6166, "barn", "figur_b_3"), (43, "prosent", "figur_b_3")])
    assert sorted(by_nr[64]) == [(58, "prosent", "figur_b_4"), (62, "prosent", "figur_b_4"),
                                 (77, "prosent", "figur_b_4")]


# -- The extract's schema, reach and checks --------------------------------------------------------


def test_an_unknown_type_of_fosterhjem_in_the_extract_is_refused_naming_row_and_column(tmp_path):
    path = tmp_path / f"{FLYTTINGER_UTTREKK.name}.csv"
    path.write_text(_extract([*EXTRACT_ROWS[:2], ("Beredskapshjem", "I alt", "I alt", "", "", "700", "")]),
                    encoding="utf-8")
    with pytest.raises(BufdirFileError, match=r"row 4, column 'fosterhjemstype': 'Beredskapshjem' is not an allowed"):
        read_bufdir_file(FLYTTINGER_UTTREKK, path)


def test_the_extract_reaches_as_far_back_as_13353():
    assert FLYTTINGER_UTTREKK.reaches.expected_year(2023) == 2021
    assert FLYTTINGER_UTTREKK.reaches.expected_year(2024) == 2022 == int(TABLE_13353.data_years(2024)[-1])


def test_an_extract_of_an_earlier_year_stops_the_models_that_read_it(tmp_path):
    result, _ = _materialize(tmp_path, _extract(aar=2020))
    assert not result.success
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE")
    assert "ends at 2020 but report year 2023 needs flyttinger_fosterhjem_uttrekk up to 2021" in str(
        failure.event_specific_data.error)


def _failed_checks(tmp_path: Path, rows) -> list[tuple[str, str]]:
    result, _ = _materialize(tmp_path, _extract(rows))
    assert not result.success
    return [(e.asset_key.to_user_string(), e.check_name) for e in result.get_asset_check_evaluations() if not e.passed]


def test_age_bands_with_a_gap_stop_at_a_named_check(tmp_path):
    # 6-11 år written as starting at 7: age 6 is in no band (the counts still add up to N).
    rows = [(*r[:3], "7", *r[4:]) if (r[0] == ALLE and r[2] == "6-11 år") else r for r in EXTRACT_ROWS]
    assert _failed_checks(tmp_path, rows) == [("indicators/flyttinger_fordeling", "bands_cover_without_gaps")]


def test_bands_that_do_not_add_up_to_n_stop_at_a_named_check(tmp_path):
    rows = [(*r[:5], "5 000", r[6]) if (r[0] == ALLE and r[2] == "Over 5 år") else r for r in EXTRACT_ROWS]
    assert _failed_checks(tmp_path, rows) == [("indicators/flyttinger_fordeling", "bands_add_up_to_n")]


@pytest.mark.slow
def test_a_later_report_year_reads_both_sources_two_years_back(tmp_path):
    """Report year 2024: 13353 up to 2022 (SSB published it in 2024), the extract of 2022; nothing typed as 2021."""
    from tests.handbuilt import demo_snapshot_to_edit, materialize_upstream

    snap = demo_snapshot_to_edit(tmp_path, report_year=2024)
    result, message, warehouse = materialize_upstream(
        snap, tmp_path, "indicators/tall_i_teksten_flyttinger", "figures/figur_b_3", year=2024)
    assert result.success, message
    with duckdb.connect(str(warehouse), read_only=True) as con:
        years = con.execute("select distinct til_aar from indicators.tall_i_teksten_flyttinger "
                            "where report_year = 2024").fetchall()
        b1 = con.execute("select max(aar) from indicators.flyttinger_fosterhjem where report_year = 2024").fetchone()
    assert years == [(2022,)] and b1 == (2022,)
    meta = json.loads((tmp_path / "out" / "figures" / "2024" / "figur_b_3_DEMODATA.json").read_text(encoding="utf-8"))
    assert meta["title"] == ("Figur B-3 Antall barn 0–17 år i fosterhjem ila. 2022, fordelt på antall flyttinger "
                             "siden 2014")
