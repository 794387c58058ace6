"""ASSS indicators 12, 13 and 15 from Udir's and NAV's figures by kommune, dropped in as
`kommune/asss_skole_arbeid.csv|.xlsx` (issue #12): each normalisation on hand-computed numbers, a suppressed
cell, a bad file, and vedlegg 5's rule for 15 (a share of the age group)."""

from __future__ import annotations

import pandas as pd
import pytest

HEADER = "kommunenummer;aar;maal;aldersgruppe;teller;nevner;andel;prikket;definisjon;kilde"
FULLFORT = "Fullført og bestått innen 5 år"


def drop_file(tmp_path, *rows: str, name: str = "asss_skole_arbeid.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _raw_table(con, tmp_path, *rows: str):
    from assets.asss_skole_arbeid import read_skole_arbeid_file
    from tests.handbuilt import table

    frame = read_skole_arbeid_file(drop_file(tmp_path, *rows))
    frame["fil"] = "kommune/asss_skole_arbeid.csv"
    table(con, "raw.kommune_asss_skole_arbeid", frame.to_dict("records"))


def _inputs(con, year: int, struktur: list[tuple[str, int, str, float]],
            unge: dict[tuple[str, int], int] | None = None):
    """The kommune structure (code, year, report-year code, share) and inhabitants 15–24 on 1 January by
    (report-year code, year)."""
    from tests.handbuilt import table

    table(con, "indicators.kommunestruktur", [
        {"report_year": year, "region_kode": code, "aar": aar, "kommune_kode": to, "andel": andel}
        for code, aar, to, andel in struktur])
    table(con, "indicators.asss_befolkning", [
        {"report_year": year, "kommune_kode": code, "alder": "15-24", "aar": aar, "personer": n}
        for (code, aar), n in (unge or {("0000", 2000): 0}).items()])


def _model(con, year: int = 2023):
    from tests.handbuilt import model

    return model(con, "indicators/asss_indikator_skole_arbeid.sql", year).set_index(
        ["indikator", "kommunenummer", "aar", "enhet"])


def test_12_is_pupils_without_grunnskolepoeng_over_pupils_leaving_10_trinn_or_the_share_as_published(tmp_path):
    """Hand-computed: 12 of 300 pupils = 4,0 %; 1002 publishes only the share, 5,5 %."""
    import duckdb

    con = duckdb.connect()
    _raw_table(con, tmp_path,
               "1001;2022;uten_grunnskolepoeng;;12;300;4,0;;Elever uten grunnskolepoeng;Udir tabell X",
               "1002;2022;uten_grunnskolepoeng;;;;5,5;;Elever uten grunnskolepoeng;Udir tabell X",
               "1001;2023;uten_grunnskolepoeng;;99;100;;;Elever uten grunnskolepoeng;Udir")  # the report year
    _inputs(con, 2023, [("1001", 2022, "1001", 1.0), ("1002", 2022, "1002", 1.0)])
    out = _model(con)
    counts = out.loc[(12, "1001", 2022, "prosent")]
    assert (counts.verdi, counts.teller, counts.nevner) == (pytest.approx(4.0), 12, 300)
    assert counts.kilde == "Udir tabell X" and counts.definisjon == "Elever uten grunnskolepoeng"
    share = out.loc[(12, "1002", 2022, "prosent")]
    assert share.verdi == pytest.approx(5.5) and pd.isna(share.teller) and pd.isna(share.nevner)
    assert set(out.index.get_level_values("aar")) == {2022}


def test_13_is_the_cohort_not_completing_from_completed_or_not_completed_counts_or_100_minus_the_share(tmp_path):
    """Hand-computed: 240 of 300 completed: 60 of 300 did not = 20 %; 30 of 200 not completed = 15 %;
    81,3 % completed, share only: 18,7 %."""
    import duckdb

    con = duckdb.connect()
    _raw_table(con, tmp_path,
               f"1001;2022;fullfort_vgo;;240;300;80,0;;{FULLFORT};Udir",
               "1002;2022;ikke_fullfort_vgo;;30;200;;;Ikke fullført innen 5 år;Udir",
               f"1003;2022;fullfort_vgo;;;;81,3;;{FULLFORT};Udir")
    _inputs(con, 2023, [(k, 2022, k, 1.0) for k in ("1001", "1002", "1003")])
    out = _model(con)
    fra_fullfort = out.loc[(13, "1001", 2022, "prosent")]
    assert (fra_fullfort.verdi, fra_fullfort.teller, fra_fullfort.nevner) == (pytest.approx(20.0), 60, 300)
    assert fra_fullfort.definisjon == f"{FULLFORT} (indikatoren: 100 minus denne andelen)"
    assert out.loc[(13, "1002", 2022, "prosent"), "verdi"] == pytest.approx(15.0)
    assert out.loc[(13, "1003", 2022, "prosent"), "verdi"] == pytest.approx(18.7)


def test_15_is_helt_ledige_15_24_over_the_inhabitants_15_24_on_1_january_of_the_next_year(tmp_path):
    """Hand-computed: NAV's bands 12,5 (15–19) + 37,5 (20–24) = 50 helt ledige over 2 500 inhabitants 15–24 on
    1.1.2023 (not the 9 999 on 1.1.2022) = 2,0 %; 1002 gives 15–24 and its own denominator: 30 / 1 500 = 2,0 %."""
    import duckdb

    con = duckdb.connect()
    _raw_table(con, tmp_path,
               "1001;2022;helt_ledige;15-19;12,5;;;;Helt ledige, årsgjennomsnitt;NAV",
               "1001;2022;helt_ledige;20-24;37,5;;;;Helt ledige, årsgjennomsnitt;NAV",
               "1002;2022;helt_ledige;15-24;30;1 500;;;Helt ledige, årsgjennomsnitt;NAV")
    _inputs(con, 2023, [("1001", 2022, "1001", 1.0), ("1002", 2022, "1002", 1.0)],
            unge={("1001", 2023): 2_500, ("1001", 2022): 9_999, ("1002", 2023): 7_777})
    out = _model(con)
    andel = out.loc[(15, "1001", 2022, "prosent av 15–24 år")]
    assert (andel.verdi, andel.teller, andel.nevner) == (pytest.approx(2.0), 50, 2_500)
    assert out.loc[(15, "1001", 2022, "helt ledige 15–24 år"), "verdi"] == 50
    egen = out.loc[(15, "1002", 2022, "prosent av 15–24 år")]
    assert (egen.verdi, egen.teller, egen.nevner) == (pytest.approx(2.0), 30, 1_500)
    assert pd.isna(andel.merknad) and pd.isna(egen.merknad)


def test_a_suppressed_cell_is_a_missing_value_named_never_0(tmp_path):
    import duckdb

    con = duckdb.connect()
    _raw_table(con, tmp_path,
               "1001;2022;uten_grunnskolepoeng;;;120;;*;Elever uten grunnskolepoeng;Udir tabell X",
               "1001;2022;helt_ledige;15-19;;;;*;Helt ledige;NAV tabell Y",
               "1001;2022;helt_ledige;20-24;37,5;;;;Helt ledige;NAV tabell Y",
               "1002;2022;helt_ledige;15-19;4;;;;Helt ledige;NAV tabell Y")  # 20–24 not in the file
    _inputs(con, 2023, [("1001", 2022, "1001", 1.0), ("1002", 2022, "1002", 1.0)],
            unge={("1001", 2023): 2_500, ("1002", 2023): 1_000})
    out = _model(con)
    skole = out.loc[(12, "1001", 2022, "prosent")]
    assert pd.isna(skole.verdi) and skole.merknad == "prikket i kilden («*»): Udir tabell X"
    ledige = out.loc[(15, "1001", 2022, "prosent av 15–24 år")]
    assert pd.isna(ledige.verdi) and ledige.merknad == "prikket i kilden («*»): NAV tabell Y"
    assert pd.isna(out.loc[(15, "1001", 2022, "helt ledige 15–24 år"), "verdi"])  # not 37,5: a part is hidden
    halv = out.loc[(15, "1002", 2022, "prosent av 15–24 år")]
    assert pd.isna(halv.verdi) and halv.merknad == "bare aldersgruppen 15-19 i filen: 15–24 år mangler"


def test_counts_of_merged_kommuner_are_added_up_and_shares_without_counts_are_not(tmp_path):
    """1003 and 1005 became 1006 in 2020: (10 + 5) / (200 + 100) = 5 %; shares alone cannot be added."""
    import duckdb

    con = duckdb.connect()
    _raw_table(con, tmp_path,
               "1003;2019;uten_grunnskolepoeng;;10;200;;;Uten poeng;Udir",
               "1005;2019;uten_grunnskolepoeng;;5;100;;;Uten poeng;Udir",
               f"1003;2019;fullfort_vgo;;;;80;;{FULLFORT};Udir",
               f"1005;2019;fullfort_vgo;;;;70;;{FULLFORT};Udir",
               "3025;2022;uten_grunnskolepoeng;;3;60;;;Uten poeng;Udir")  # Asker before 2024: 3203
    _inputs(con, 2024, [("1003", 2019, "1006", 1.0), ("1005", 2019, "1006", 1.0), ("3025", 2022, "3203", 1.0)])
    out = _model(con, 2024)
    merged = out.loc[(12, "1006", 2019, "prosent")]
    assert (merged.verdi, merged.teller, merged.nevner) == (pytest.approx(5.0), 15, 300)
    shares = out.loc[(13, "1006", 2019, "prosent")]
    assert pd.isna(shares.verdi)
    assert shares.merknad == "strukturendring: andeler fra kode 1003, 1005 i 2019 kan ikke legges sammen uten antall"
    assert out.loc[(12, "3203", 2022, "prosent"), "merknad"] == "kode 3025 i 2022"


@pytest.mark.parametrize("row, expected", [
    ("1001;2022;uten_grunnskolepoeng;;0;120;;*;Uten poeng;Udir",
     "row 2, column 'teller': 0, but prikket is '*'; expected empty where the agency suppressed the cell"),
    ("1001;2022;helt_ledige;15-24;30;;1,2;;Helt ledige;NAV",
     "row 2, column 'andel': 1.2 given for helt_ledige; expected empty: NAV's share is of the labour force"),
    ("1001;2022;helt_ledige;;30;;;;Helt ledige;NAV",
     "row 2, column 'aldersgruppe': empty; expected 15-24, or 15-19 and 20-24, for helt_ledige"),
    ("1001;2022;uten_grunnskolepoeng;15-24;3;30;;;Uten poeng;Udir",
     "row 2, column 'aldersgruppe': '15-24' for uten_grunnskolepoeng; expected empty"),
    ("1001;2022;fullfort_vgo;;310;300;;;Fullført;Udir", "row 2, column 'teller': 310 is more than nevner 300"),
    ("1001;2022;fullfort_vgo;;240;300;85,0;;Fullført;Udir",
     "row 2, column 'andel': 85, but 100 × teller / nevner is 80.00"),
    ("1001;2022;fullfort_vgo;;;300;;;Fullført;Udir",
     "row 2, columns 'teller', 'andel': both empty and prikket empty"),
    ("1001;2022;fullført;;240;300;;;Fullført;Udir",
     "row 2, column 'maal': 'fullført' is not an allowed value"),
    ("1001;2022;helt_ledige;15-24;;;;-;Helt ledige;NAV", "row 2, column 'prikket': '-' is not an allowed value"),
    ("1001;2022;helt_ledige;15-24;3;;;;Helt ledige;", "row 2, column 'kilde'"),
])
def test_a_bad_file_is_refused_naming_file_row_and_column(tmp_path, row, expected):
    from assets.asss_skole_arbeid import read_skole_arbeid_file
    from assets.sources.asss_kommune import KommuneFilError

    path = drop_file(tmp_path, row)
    with pytest.raises(KommuneFilError) as error:
        read_skole_arbeid_file(path)
    assert str(path) in str(error.value) and expected in str(error.value)


def test_two_measures_of_one_indicator_or_two_definitions_of_one_measure_are_refused(tmp_path):
    from assets.asss_skole_arbeid import read_skole_arbeid_file
    from assets.sources.asss_kommune import KommuneFilError

    path = drop_file(tmp_path, f"1001;2022;fullfort_vgo;;240;300;;;{FULLFORT};Udir",
                     "1001;2022;ikke_fullfort_vgo;;60;300;;;Ikke fullført;Udir",
                     "1002;2022;fullfort_vgo;;240;300;;;Fullført og bestått innen 6 år;Udir")
    with pytest.raises(KommuneFilError) as error:
        read_skole_arbeid_file(path)
    message = str(error.value)
    assert "row 3, columns 'kommunenummer', 'aar', 'maal': 1001 2022 indikator 13 again (also row 2)" in message
    assert (f"row 4, column 'definisjon': 'Fullført og bestått innen 6 år', but row 2 defines fullfort_vgo 2022 as "
            f"'{FULLFORT}'; expected one definition per measure and year") in message


def test_last_years_file_and_a_code_that_is_no_kommune_stop_naming_file_row_and_column(tmp_path):
    import duckdb

    from assets.asss_skole_arbeid import require_skole_arbeid_file
    from assets.sources.asss_kommune import KommuneFilError

    con = duckdb.connect()
    _raw_table(con, tmp_path, "1001;2021;uten_grunnskolepoeng;;3;60;;;Uten poeng;Udir")
    _inputs(con, 2023, [("1001", 2021, "1001", 1.0), ("1001", 2022, "1001", 1.0)])
    with pytest.raises(KommuneFilError, match="kommune/asss_skole_arbeid.csv, column 'aar': the file ends at 2021 but "
                                              "report year 2023 needs asss_skole_arbeid up to 2022"):
        require_skole_arbeid_file(con, 2023)
    _raw_table(con, tmp_path, "1001;2022;uten_grunnskolepoeng;;3;60;;;Uten poeng;Udir",
               "9999;2022;uten_grunnskolepoeng;;3;60;;;Uten poeng;Udir")
    with pytest.raises(KommuneFilError, match="kommune/asss_skole_arbeid.csv, row 3, column 'kommunenummer': 9999 is "
                                              "no kommune in 2022"):
        require_skole_arbeid_file(con, 2023)

def test_a_bad_file_stops_the_run_at_its_asset_naming_file_row_and_column(tmp_path):
    import duckdb

    from tests.handbuilt import demo_snapshot_to_edit, materialize_upstream

    snap = demo_snapshot_to_edit(tmp_path)
    path = snap / "kommune" / "asss_skole_arbeid.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert ";uten_grunnskolepoeng;;" in lines[1]
    cells = lines[1].split(";")
    cells[4] = "0"  # teller 0 for a cell the agency suppressed
    cells[7] = "*"
    lines[1] = ";".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result, message, warehouse = materialize_upstream(snap, tmp_path, "indicators/asss_indikator_skole_arbeid")
    assert not result.success
    assert "raw__kommune_asss_skole_arbeid" in message
    assert "kommune/asss_skole_arbeid.csv, row 2, column 'teller': 0, but prikket is '*'" in message
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = {r[0] for r in con.execute("select schema_name || '.' || table_name from duckdb_tables()").fetchall()}
    assert "indicators.asss_indikator_skole_arbeid" not in tables


def test_without_the_file_the_panel_and_pages_say_which_file_gives_12_13_and_15():
    import duckdb

    from assets.asss_kommune import ASSS_INDIKATORER
    from assets.asss_panel import uten_tall
    from pipeline.reference import SEEDS_DIR, read_reference_csv

    con = duckdb.connect()
    katalog = read_reference_csv(ASSS_INDIKATORER, SEEDS_DIR / "asss_indikatorer.csv")  # noqa: F841
    con.execute("create schema reference; create table reference.asss_indikatorer as select * from katalog")
    grunn = {nr: tekst for nr, _, tekst in uten_tall(con)}
    assert grunn[12].startswith("Trenger Udir-filen kommune/asss_skole_arbeid.csv|.xlsx (maal uten_grunnskolepoeng)")
    assert grunn[13].startswith("Trenger Udir-filen kommune/asss_skole_arbeid.csv|.xlsx (maal fullfort_vgo")
    assert grunn[15].startswith("Trenger NAV-filen kommune/asss_skole_arbeid.csv|.xlsx (maal helt_ledige")
    assert "13563" in grunn[15]  # and still what was searched at SSB


# -- Comparability: vedlegg 5's verdict for 12, 13 and 15 ---------------------------------------------------

def test_15_is_comparable_only_as_a_share_of_the_age_group_15_24_and_12_13_always():
    from tests.test_asss_kommune import _sammenlignbarhet

    out = _sammenlignbarhet([(12, "prosent"), (13, "prosent"), (15, "prosent av 15–24 år"),
                             (15, "helt ledige 15–24 år"), (15, "prosent av arbeidsstyrken"), (15, "prosent")])
    allowed = {k: (r.mellom_kommuner_tillatt, r.over_tid_tillatt) for k, r in out.iterrows()}
    assert allowed == {
        (12, "prosent"): (True, True),
        (13, "prosent"): (True, True),
        (15, "prosent av 15–24 år"): (True, True),
        (15, "helt ledige 15–24 år"): (False, False),       # a count
        (15, "prosent av arbeidsstyrken"): (False, False),  # NAV's share: of the labour force, not the age group
        (15, "prosent"): (False, False),                    # a share of what is not said
    }
    assert out.loc[(15, "prosent av arbeidsstyrken"), "grunn_mellom_kommuner"] == (
        "Vedlegg 5: sammenlignbar mellom kommuner bare hvis beregnet som andel av barn og unge i aldersgruppen.; "
        "enheten «prosent av arbeidsstyrken» er ikke som andel av aldersgruppen; kommunens egen serie vises.")


# -- The demo run -----------------------------------------------------------------------------------------

def test_the_demo_run_shows_12_13_and_15_in_the_panel_and_on_the_kommune_pages(demo_run):
    import duckdb

    with duckdb.connect(str(demo_run / "warehouse.duckdb"), read_only=True) as con:
        shown = con.execute("select indikator, enhet, bool_and(mellom_kommuner_tillatt), count(verdi), "
                            "count(*) - count(verdi) from indicators.asss_sammenligning where er_asss "
                            "and indikator in (12, 13, 15) group by 1, 2 order by 1, 2").fetchall()
        synthetic = con.execute("select bool_and(synthetic) from raw.kommune_asss_skole_arbeid").fetchone()[0]
    assert [(i, e, m) for i, e, m, _, _ in shown] == [
        (12, "prosent", True), (13, "prosent", True), (15, "helt ledige 15–24 år", False),
        (15, "prosent av 15–24 år", True)]
    assert all(n > 0 for *_, n, _ in shown)
    assert shown[0][4] == 1  # the suppressed demo cell: a missing value, not 0
    assert synthetic
    panel = (demo_run / "report" / "2023" / "asss_panel_DEMODATA.md").read_text(encoding="utf-8")
    for nr in (12, 13, 15):
        assert f"## Indikator {nr}:" in panel
    assert "Trenger" not in panel  # the file is there: no gap text
    oslo = next((demo_run / "report" / "2023" / "kommuner").glob("0301-*.html")).read_text(encoding="utf-8")
    assert "Andel elever som ikke får grunnskolepoeng" in oslo and "Unge arbeidsledige 15–24 år" in oslo
