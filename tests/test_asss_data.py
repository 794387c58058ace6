"""ASSS (issue #12, items 1-2): the ASSS kommuner across kommune structures, and the SSB-based indicators.

Hand-built tables with numbers small enough to check by hand; the reference table is checked against the
real KLASS 131 change tables and SSB 07459 extracts in ../shared/reference where they are there.
"""

from __future__ import annotations

import csv
import re

import duckdb
import pandas as pd
import pytest

from assets.asss import ASSS_KOMMUNER
from pipeline.kommunestruktur import map_codes
from pipeline.reference import SEEDS_DIR, read_reference_csv
from tests import handbuilt
from tests.conftest import shared_path

ASSS = ("Asker", "Bergen", "Bærum", "Drammen", "Fredrikstad", "Kristiansand", "Lillestrøm", "Oslo", "Sandnes",
        "Stavanger", "Trondheim", "Tromsø")


def seed() -> pd.DataFrame:
    return read_reference_csv(ASSS_KOMMUNER, SEEDS_DIR / "asss_kommuner.csv")


# --- The reference table against its sources --------------------------------------------------------

def test_the_reference_table_names_the_twelve_and_a_source_on_every_row():
    frame = seed()
    assert tuple(sorted(frame["asss_kommune"].unique())) == tuple(sorted(ASSS))
    assert frame[["source_document", "source_url", "medlemskap_url"]].notna().all().all()


def _klass_changes(old: int, new: int) -> dict[str, str]:
    path = shared_path("reference", "klass-131", f"fra_{old}kommuner_til_{new}kommuner.csv")
    with path.open(encoding="iso-8859-1") as fh:
        return {r[f"kommunenummer_{old}"]: r[f"kommunenummer_{new}"] for r in csv.DictReader(fh, delimiter=";")}


def _code_in(frame: pd.DataFrame, kommune: str, year: int) -> str:
    valid = frame[(frame["asss_kommune"] == kommune) & (frame["fra_aar"].isna() | (frame["fra_aar"] <= year))
                  & (frame["til_aar"].isna() | (frame["til_aar"] >= year))]
    return valid["kommunenummer"].tolist()


@pytest.mark.parametrize(("old", "new"), [(2017, 2018), (2019, 2020)])
def test_every_code_that_ends_before_a_klass_change_goes_where_klass_131_sends_it(old, new):
    """Every code the reference table ends in `old` becomes, by SSB's KLASS 131 change table, a code that the
    table gives the same ASSS kommune from `new` on; and every code in use in both years is unchanged."""
    changes = _klass_changes(old, new)
    frame = seed()
    for row in frame.itertuples(index=False):
        if pd.isna(row.til_aar) or row.til_aar != old:
            continue
        assert changes[row.kommunenummer] in _code_in(frame, row.asss_kommune, new), row
    for kommune in ASSS:
        for code in _code_in(frame, kommune, old):
            assert code in changes, (kommune, code, old)  # a code of `old` that KLASS knows in `old`


def _kommuner_07459(name: str) -> dict[str, str]:
    from tests.real_data import read_07459_csv

    regions, _, _ = read_07459_csv(shared_path("reference", "ssb-07459", name))
    out = {}
    for code, label in regions:
        code = code.removeprefix("K-")
        if re.fullmatch(r"\d{4}", code):
            out[code] = label
    return out


@pytest.mark.parametrize(("name", "year"), [("Personer2019.csv", 2019), ("Personer2023.csv", 2023),
                                            ("Personer2024.csv", 2024)])
def test_the_codes_of_a_year_are_kommuner_of_ssb_07459_that_year_with_their_name(name, year):
    kommuner = _kommuner_07459(name)
    frame = seed()
    for kommune in ASSS:
        for code in _code_in(frame, kommune, year):
            assert code in kommuner, (kommune, code, year)
            navn = frame.loc[frame["kommunenummer"] == code, "kommunenavn"].item()
            if "ï¿½" not in kommuner[code]:  # the 2019 export's letters outside ASCII are lost in the file itself
                assert navn in kommuner[code], (code, navn, kommuner[code])


# --- The ASSS kommuner mapped to the report year's structure (hand-built) ---------------------------------

# KLASS 131 changes for the ASSS kommuner, typed from SSB's change tables (2018, 2020) and the 2024 codes of
# SSB 07459 per 1 January 2024: independent of the reference table they check.
KLASS = [(2018, "1601", "5001"), (2018, "1662", "5030"),
         (2020, "0220", "3025"), (2020, "0627", "3025"), (2020, "0628", "3025"), (2020, "0219", "3024"),
         (2020, "1201", "4601"), (2020, "0602", "3005"), (2020, "0625", "3005"), (2020, "0711", "3005"),
         (2020, "0106", "3004"), (2020, "1001", "4204"), (2020, "1017", "4204"), (2020, "1018", "4204"),
         (2020, "0226", "3030"), (2020, "0227", "3030"), (2020, "0231", "3030"), (2020, "1102", "1108"),
         (2020, "1129", "1108"), (2020, "1141", "1103"), (2020, "1142", "1103"), (2020, "5030", "5001"),
         (2020, "1902", "5401"),
         (2024, "3025", "3203"), (2024, "3024", "3201"), (2024, "3005", "3301"), (2024, "3004", "3107"),
         (2024, "3030", "3205"), (2024, "5401", "5501")]
STRUCTURE = {2023: {"3025", "3024", "4601", "3005", "3004", "4204", "3030", "0301", "1108", "1103", "5001", "5401"},
             2024: {"3203", "3201", "4601", "3301", "3107", "4204", "3205", "0301", "1108", "1103", "5001", "5501"}}


def asss_warehouse(structure_year: int, klass=KLASS, structure=None,
                   in_data=lambda code, year: (code, year)) -> duckdb.DuckDBPyConnection:
    """reference.asss_kommuner (the seed) and indicators.kommunestruktur of a report year, made by the KLASS
    machinery from every code of the seed observed in the years 2015-2024 it gives it (`in_data`: the code
    the data carry instead)."""
    frame = seed()
    observed = [in_data(r.kommunenummer, y) for r in frame.itertuples(index=False)
                for y in range(2015, structure_year + 1)
                if (pd.isna(r.fra_aar) or r.fra_aar <= y) and (pd.isna(r.til_aar) or r.til_aar >= y)]
    structure = STRUCTURE[structure_year] if structure is None else structure
    changes = pd.DataFrame(klass, columns=["change_year", "old_code", "new_code"])
    mapping = map_codes(observed, structure, structure_year, changes, {}, "test")
    names = dict(zip(frame["kommunenummer"], frame["kommunenavn"], strict=True))
    mapping.insert(0, "report_year", structure_year)
    mapping["kommune_navn"] = mapping["kommune_kode"].map(names)
    mapping["strukturaar"] = structure_year
    con = duckdb.connect()
    handbuilt.table(con, "indicators.kommunestruktur", mapping.to_dict("records"))
    handbuilt.table(con, "reference.asss_kommuner", frame.to_dict("records"))
    con.execute("alter table reference.asss_kommuner alter fra_aar type integer")
    con.execute("alter table reference.asss_kommuner alter til_aar type integer")
    return con


@pytest.mark.parametrize(("year", "expected"), [
    (2023, {"Asker": "3025", "Bærum": "3024", "Drammen": "3005", "Fredrikstad": "3004", "Lillestrøm": "3030",
            "Tromsø": "5401", "Kristiansand": "4204", "Bergen": "4601", "Stavanger": "1103", "Sandnes": "1108",
            "Trondheim": "5001", "Oslo": "0301"}),
    (2024, {"Asker": "3203", "Bærum": "3201", "Drammen": "3301", "Fredrikstad": "3107", "Lillestrøm": "3205",
            "Tromsø": "5501", "Kristiansand": "4204", "Bergen": "4601", "Stavanger": "1103", "Sandnes": "1108",
            "Trondheim": "5001", "Oslo": "0301"}),
])
def test_the_asss_kommuner_map_across_2020_and_2024_to_the_report_years_codes(year, expected):
    con = asss_warehouse(year)
    rows = handbuilt.model(con, "indicators/asss_kommuner.sql", year)
    assert dict(zip(rows["asss_kommune"], rows["kommune_kode"], strict=True)) == expected
    assert (rows["mangler_i_strukturen"] == 0).all() and (rows["koder_til_annen_kommune"] == 0).all()
    # Every older code of the data lands on its ASSS kommune's report-year code: Lillestrøm's three 2019
    # kommuner and its 2020-2023 code are one kommune in 2024.
    struktur = con.execute("select region_kode, aar, kommune_kode, andel from indicators.kommunestruktur").df()
    lillestrom = struktur[struktur["region_kode"].isin(["0226", "0227", "0231", "3030", "3205"])]
    assert set(lillestrom["kommune_kode"]) == {expected["Lillestrøm"]} and (lillestrom["andel"] == 1.0).all()
    asker_2019 = struktur[(struktur["aar"] == 2019) & struktur["region_kode"].isin(["0220", "0627", "0628"])]
    assert set(asker_2019["kommune_kode"]) == {expected["Asker"]}


def test_a_code_klass_sends_elsewhere_fails_its_audit_naming_it():
    # Fet (0227) sent to another kommune (a wrong KLASS mapping or a wrong reference row).
    klass = [c if c[1] != "0227" else (2020, "0227", "3029") for c in KLASS]
    con = asss_warehouse(2023, klass, STRUCTURE[2023] | {"3029"})
    rows = handbuilt.model(con, "indicators/asss_kommuner.sql", 2023).set_index("asss_kommune")
    assert rows.loc["Lillestrøm", "koder_til_annen_kommune"] == 5  # 2015-2019
    assert rows.loc["Lillestrøm", "koder_til_annen_kommune_liste"].startswith("0227 (2015) -> 3029")


def test_a_code_missing_from_the_report_years_structure_is_flagged():
    # A 2024 structure in which Tromsø has a code the reference table does not know (a later change).
    klass = [c if c[1] != "5401" else (2024, "5401", "5599") for c in KLASS]
    con = asss_warehouse(2024, klass, (STRUCTURE[2024] - {"5501"}) | {"5599"},
                         in_data=lambda code, year: ("5599" if code == "5501" else code, year))
    rows = handbuilt.model(con, "indicators/asss_kommuner.sql", 2024).set_index("asss_kommune")
    assert rows.loc["Tromsø", "mangler_i_strukturen"] == 1
    assert rows["mangler_i_strukturen"].sum() == 1


# --- Indicator 11 and the key figures on hand-built rows -----------------------------------------------

def _struktur(report_year: int, rows: list[tuple[str, int, str]]) -> list[dict]:
    return [{"report_year": report_year, "region_kode": code, "aar": aar, "kommune_kode": kommune, "andel": 1.0,
             "kommune_navn": kommune, "strukturaar": report_year} for code, aar, kommune in rows]


def _tiltak(cells: dict[tuple[str, str, str, int], float | str]) -> list[dict]:
    """(region, funksjon, maal, aar) -> a count, or an SSB symbol."""
    return [{"region_kode": region, "region_navn": region, "region_type": "kommune", "alder": "0-17",
             "funksjon": funksjon, "maal": maal, "aar": aar,
             "antall": None if isinstance(v, str) else float(v), "status": v if isinstance(v, str) else None,
             "snapshot_id": "test"} for (region, funksjon, maal, aar), v in cells.items()]


def _befolkning(report_year: int, cells: dict[tuple[str, int], float]) -> list[dict]:
    return [{"report_year": report_year, "kommune_kode": k, "alder": "0-17", "aar": aar, "personer": p}
            for (k, aar), p in cells.items()]


def indicator_warehouse() -> duckdb.DuckDBPyConnection:
    """Report year 2021: Asker (3025) from 2020, made of 0220, 0627 and 0628 in 2019; Bærum (3024, 0219 before)."""
    con = duckdb.connect()
    handbuilt.table(con, "indicators.kommunestruktur", _struktur(2021, [
        ("0220", 2019, "3025"), ("0627", 2019, "3025"), ("0628", 2019, "3025"), ("3025", 2020, "3025"),
        ("0219", 2019, "3024"), ("3024", 2020, "3024")]))
    handbuilt.table(con, "staging.barn_med_tiltak_kommune", _tiltak({
        ("0220", "252", "per_31_12", 2019): 10, ("0627", "252", "per_31_12", 2019): 5,
        ("0628", "252", "per_31_12", 2019): 3, ("3025", "252", "per_31_12", 2020): 30,
        ("0219", "252", "per_31_12", 2019): ":", ("3024", "252", "per_31_12", 2020): 48,
        ("3024", "252", "i_lopet_av_aaret", 2020): 60, ("3024", "251", "i_lopet_av_aaret", 2020): 400,
        ("3024", "i_alt", "i_lopet_av_aaret", 2020): 450, ("3024", "i_alt", "per_31_12", 2020): 300,
        ("3025", "251", "i_lopet_av_aaret", 2020): 0, ("3025", "252", "i_lopet_av_aaret", 2020): "..",
        # a year after the report year's data: not the report year's
        ("3025", "252", "per_31_12", 2021): 31}))
    handbuilt.table(con, "indicators.asss_befolkning", _befolkning(2021, {
        ("3025", 2020): 18_000.0, ("3025", 2021): 20_000.0, ("3024", 2021): 25_000.0}))
    # SSB 13502's share of children 1-5 in barnehage, and 07459's inhabitants 1-5 of each code (indicator 14)
    handbuilt.table(con, "staging.barnehage_kommune", [
        {"region_kode": code, "region_navn": code, "region_type": "kommune", "aar": aar,
         "andel_i_barnehage": None if isinstance(v, str) else v, "status": v if isinstance(v, str) else None,
         "snapshot_id": "test"}
        for (code, aar), v in {("0220", 2019): 90.0, ("0627", 2019): 80.0, ("0628", 2019): 95.0,
                               ("3025", 2020): 92.0, ("0219", 2019): ":", ("3024", 2020): 101.5,
                               ("3025", 2019): ".", ("3025", 2021): 93.0}.items()])
    handbuilt.table(con, "staging.befolkning", [
        {"region_kode": code, "region_navn": code, "region_type": "kommune", "alder": alder, "aar": aar,
         "personer": per_alder, "status": None, "snapshot_id": "test"}
        for (code, aar), per_alder in {("0220", 2019): 200, ("0627", 2019): 100, ("0628", 2019): 100,
                                       ("3025", 2020): 400, ("0219", 2019): 300, ("3024", 2020): 500}.items()
        for alder in range(0, 7)])
    # 12275 in the report year's structure, as the pipeline builds it before the two ASSS models
    handbuilt.table(con, "indicators.barn_med_tiltak_kommune",
                    handbuilt.model(con, "indicators/barn_med_tiltak_kommune.sql", 2021).to_dict("records"))
    return con


def test_indicator_11_is_children_placed_per_31_12_per_10000_aged_0_17_on_the_next_1_january():
    rows = handbuilt.model(indicator_warehouse(), "indicators/asss_indikator_ssb.sql", 2021)
    from assets.asss import LONG_SHAPE

    assert tuple(rows.columns) == LONG_SHAPE
    got = {(r.kommunenummer, r.aar): r for r in rows.itertuples(index=False) if r.indikator == 11}
    assert set(got) == {("3025", 2019), ("3025", 2020), ("3024", 2019), ("3024", 2020)}
    asker_2020 = got[("3025", 2020)]
    assert (asker_2020.indikator, asker_2020.teller, asker_2020.nevner) == (11, 30.0, 20_000.0)
    assert asker_2020.verdi == pytest.approx(15.0)  # 30 / 20 000 * 10 000
    assert asker_2020.enhet == "per 10 000 0–17 år" and pd.isna(asker_2020.merknad)
    # 2019: Asker's three kommuner summed (10 + 5 + 3 = 18 of 18 000 on 1.1.2020), and said so
    asker_2019 = got[("3025", 2019)]
    assert asker_2019.teller == 18.0 and asker_2019.verdi == pytest.approx(10.0)
    assert asker_2019.merknad == "tall for kommunenummer 0220, 0627, 0628 omregnet til kommunestrukturen 2021"
    # Bærum 2019: the count is a symbol, no population for 1.1.2020 either: NULL, both named
    baerum_2019 = got[("3024", 2019)]
    assert pd.isna(baerum_2019.verdi) and pd.isna(baerum_2019.teller) and pd.isna(baerum_2019.nevner)
    assert "SSB 12275 viser symbol i stedet for tall for 0219 «:»" in baerum_2019.merknad
    assert "mangler innbyggere 0–17 år per 1.1.2020" in baerum_2019.merknad
    assert baerum_2019.merknad.endswith("tall for kommunenummer 0219 omregnet til kommunestrukturen 2021")
    assert got[("3024", 2020)].verdi == pytest.approx(48 / 25_000 * 10_000)


def test_indicator_14_is_100_minus_ssbs_share_in_barnehage_weighted_by_children_1_5_over_older_codes():
    rows = handbuilt.model(indicator_warehouse(), "indicators/asss_indikator_ssb.sql", 2021)
    got = {(r.kommunenummer, r.aar): r for r in rows.itertuples(index=False) if r.indikator == 14}
    # the data years before the report year only; '.' (3025 not in use in 2019) is no part
    assert set(got) == {("3025", 2019), ("3025", 2020), ("3024", 2019), ("3024", 2020)}
    # one code: exactly 100 minus SSB's share; the weight is the inhabitants 1-5 on 1 January (5 x 400)
    asker_2020 = got[("3025", 2020)]
    assert asker_2020.enhet == "prosent av barn 1–5 år" and pd.isna(asker_2020.merknad)
    assert asker_2020.verdi == pytest.approx(8.0)
    assert asker_2020.teller == pytest.approx(160.0) and asker_2020.nevner == 2_000.0  # 8 % of 2 000
    # 2019: Asker's three kommuner, each share weighted by its children 1-5:
    # (10 % of 1 000 + 20 % of 500 + 5 % of 500) / 2 000 = 225 / 2 000
    asker_2019 = got[("3025", 2019)]
    assert asker_2019.teller == pytest.approx(225.0) and asker_2019.nevner == 2_000.0
    assert asker_2019.verdi == pytest.approx(11.25)
    assert asker_2019.merknad == "tall for kommunenummer 0220, 0627, 0628 omregnet til kommunestrukturen 2021"
    # a symbol gives no value and is named
    baerum_2019 = got[("3024", 2019)]
    assert pd.isna(baerum_2019.verdi) and pd.isna(baerum_2019.teller)
    assert "SSB 13502 viser symbol i stedet for tall for 0219 «:»" in baerum_2019.merknad
    # a share above 100 (children from other kommuner) is no share of the kommune's children: no value
    baerum_2020 = got[("3024", 2020)]
    assert pd.isna(baerum_2020.verdi) and baerum_2020.nevner == 2_500.0
    assert "andel i barnehage over 100 for 3024 (101.5 %)" in baerum_2020.merknad


def test_indicator_14_without_all_five_ages_of_its_weight_has_no_value():
    con = indicator_warehouse()
    con.execute("delete from staging.befolkning where region_kode = '0627' and alder = 3")
    rows = handbuilt.model(con, "indicators/asss_indikator_ssb.sql", 2021)
    asker_2019 = next(r for r in rows.itertuples(index=False)
                      if (r.indikator, r.kommunenummer, r.aar) == (14, "3025", 2019))
    assert pd.isna(asker_2019.verdi) and pd.isna(asker_2019.nevner)
    assert "mangler innbyggere 1–5 år per 1.1.2019 (SSB 07459) for 0627" in asker_2019.merknad


def test_indicator_14_is_never_compared_between_kommuner_the_panel_shows_each_kommunes_own_series():
    """Vedlegg 5: 14 is comparable over time but not between kommuner without a control (e.g. families with a
    refugee background): from the SQL's own rows, through the catalogue's verdict, to the panel."""
    from assets.asss_kommune import ASSS_INDIKATORER

    con = indicator_warehouse()
    ssb = handbuilt.model(con, "indicators/asss_indikator_ssb.sql", 2021)  # noqa: F841  (read by DuckDB)
    con.execute("create table indicators.asss_indikator_ssb as select * from ssb")
    con.execute("create table indicators.asss_indikator_kommune as select * from indicators.asss_indikator_ssb "
                "where false")
    con.execute("create table indicators.asss_indikator_skole_arbeid as select * from indicators.asss_indikator_ssb "
                "where false")
    katalog = read_reference_csv(ASSS_INDIKATORER, SEEDS_DIR / "asss_indikatorer.csv")  # noqa: F841
    con.execute("create schema reference; create table reference.asss_indikatorer as select * from katalog")
    vurdering = handbuilt.model(con, "indicators/asss_sammenlignbarhet.sql", 2021)
    handbuilt.table(con, "indicators.asss_sammenlignbarhet", vurdering.to_dict("records"))
    rule = vurdering.set_index(["indikator", "enhet"]).loc[(14, "prosent av barn 1–5 år")]
    assert not rule.mellom_kommuner_tillatt and rule.over_tid_tillatt
    assert "flyktningbakgrunn" in rule.grunn and "kommunens egen serie vises" in rule.grunn
    handbuilt.table(con, "indicators.befolkningskategori", [
        {"report_year": 2021, "kommune_kode": k, "aar": 2021, "befolkningskategori": 6,
         "befolkningskategori_navn": "kategori 6"} for k in ("3024", "3025")])
    handbuilt.table(con, "indicators.asss_kommuner", [
        {"report_year": 2021, "kommune_kode": k, "kommune_navn": n, "asss_kommune": n}
        for k, n in (("3024", "Bærum"), ("3025", "Asker"))])
    sammenligning = handbuilt.model(con, "indicators/asss_sammenligning.sql", 2021)
    ind14 = sammenligning[sammenligning["indikator"] == 14]
    assert len(ind14) == 4
    assert ind14[["asss_uten_kommunen", "landet", "kategori_snitt"]].isna().all().all()
    asker_2019 = ind14.loc[(ind14["kommunenummer"] == "3025") & (ind14["aar"] == 2019), "verdi"]
    assert asker_2019.item() == pytest.approx(11.25)
    handbuilt.table(con, "indicators.asss_sammenligning", sammenligning.to_dict("records"))
    panel = handbuilt.model(con, "report/asss_panel.sql", 2021)
    own = panel[panel["indikator"] == 14]
    # the kommune's own series, every year (comparable over time), no comparator
    assert set(own["visning"]) == {"egen serie"} and set(own["aar"]) == {2019, 2020}
    assert own.loc[(own["kommunenummer"] == "3025") & (own["aar"] == 2020), "verdi"].item() == pytest.approx(8.0)
    assert own[["asss_uten_kommunen", "landet", "kategori_snitt"]].isna().all().all()


def test_13502_as_ssb_publishes_it_is_staged_with_the_share_kommune_rows_and_the_country_apart(tmp_path):
    """A reply shaped like the public v2 queries of 13502 show it: KOKkommuneregion0000 with EAK («Landet»),
    a fylke (EKA40) and kommune codes of two structures, ContentsCode KOSandel150000, Tid."""
    import json

    import dagster as dg

    from assets import raw
    from pipeline.resources import OutputResource, SnapshotResource, warehouse_resource

    label = "Andel barn 1-5 år i barnehage, i forhold til innbyggere 1-5 år (prosent)"
    cells = {("EAK", "2019"): 92.8, ("EKA40", "2019"): 91.0, ("3806", "2019"): 93.4, ("4001", "2019"): ".",
             ("3806", "2022"): ".", ("4001", "2022"): 94.1, ("EAK", "2022"): 93.0, ("EKA40", "2022"): ":"}
    doc = handbuilt.jsonstat("13502: Utvalgte nøkkeltall for barnehager", [
        ("KOKkommuneregion0000", "geo", [("EAK", "Landet"), ("EKA40", "Telemark"), ("3806", "Porsgrunn (2020-2023)"),
                                         ("4001", "Porsgrunn")]),
        ("ContentsCode", "metric", [("KOSandel150000", label)]),
        ("Tid", "time", [("2019", "2019"), ("2022", "2022")]),
    ], lambda region, _content, year: cells[(region, year)])
    part = tmp_path / "snapshot" / "ssb" / "13502" / "part-001.json"
    part.parent.mkdir(parents=True)
    part.write_text(json.dumps(doc), encoding="utf-8")
    warehouse = tmp_path / "warehouse.duckdb"
    result = dg.materialize(raw.of("13502"), resources={
        "warehouse": warehouse_resource(str(warehouse)), "snapshot": SnapshotResource(path=str(part.parents[2])),
        "output": OutputResource(path=str(tmp_path / "out"))})
    assert result.success
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = {(r[0], r[2]): (r[1], r[3], r[4]) for r in con.execute(
            "select region_kode, region_type, aar, andel_i_barnehage, status from staging.barnehage_kommune"
        ).fetchall()}
    assert rows[("EAK", 2019)] == ("landet", 92.8, None)
    assert rows[("EKA40", 2019)][0] == "annen" and rows[("EKA40", 2022)] == ("annen", None, ":")
    assert rows[("3806", 2019)] == ("kommune", 93.4, None) and rows[("4001", 2019)] == ("kommune", None, ".")
    assert rows[("4001", 2022)] == ("kommune", 94.1, None)


def test_key_figures_share_with_measures_and_gross_spending_per_child_in_report_year_kroner():
    con = indicator_warehouse()
    handbuilt.table(con, "staging.kostra_utgifter", [
        {"region_kode": code, "region_navn": code, "region_type": "kommune", "funksjon": f, "funksjon_navn": f,
         "art": art, "art_navn": art, "aar": 2020, "belop_1000_kr": v, "status": None, "snapshot_id": "t"}
        for code, f, art, v in (("3024", "251", "AGD10", 20_000.0), ("3024", "252", "AGD10", 60_000.0),
                                ("3024", "251", "AGD2", 1.0), ("3025", "251", "AGD10", 500.0),
                                ("3025", "252", "AGD10", 9_000.0))])
    handbuilt.table(con, "indicators.deflator", [{"report_year": 2021, "aar": 2020, "faktor_til_rapportaar": 1.05}])
    rows = handbuilt.model(con, "indicators/asss_nokkeltall.sql", 2021)
    got = {(r.maal, r.kommunenummer, r.aar): r for r in rows.itertuples(index=False)}
    share = got[("andel_barn_med_tiltak_i_lopet_av_aaret", "3024", 2020)]
    assert (share.teller, share.nevner, share.enhet) == (450.0, 25_000.0, "prosent")
    assert share.verdi == pytest.approx(1.8)  # 450 / 25 000 * 100
    assert got[("andel_barn_med_tiltak_per_31_12", "3024", 2020)].verdi == pytest.approx(1.2)
    per_barn = got[("brutto_driftsutgifter_per_barn_251", "3024", 2020)]
    # 20 000 (1 000 kr) = 20 mill. kr, in 2021-kroner x 1,05, over 400 children during the year
    assert per_barn.teller == pytest.approx(21_000_000.0) and per_barn.nevner == 400.0
    assert per_barn.verdi == pytest.approx(52_500.0) and per_barn.enhet == "kroner 2021"
    assert got[("brutto_driftsutgifter_per_barn_252", "3024", 2020)].verdi == pytest.approx(63_000_000 / 60)
    # Asker: no child under 251 (0) gives no value, a symbol under 252 neither; each named
    assert pd.isna(got[("brutto_driftsutgifter_per_barn_251", "3025", 2020)].verdi)
    assert "ingen barn med tiltak" in got[("brutto_driftsutgifter_per_barn_251", "3025", 2020)].merknad
    asker_252 = got[("brutto_driftsutgifter_per_barn_252", "3025", 2020)]
    assert pd.isna(asker_252.verdi) and "SSB 12275 viser symbol i stedet for tall for 3025 «..»" in asker_252.merknad


# --- The denominators from SSB's real 07459 extracts ------------------------------------------------------

@pytest.mark.parametrize(("name", "year"), [("Personer2023.csv", 2023), ("Personer2024.csv", 2024)])
def test_the_asss_kommuners_population_0_17_is_exactly_ssbs(tmp_path, name, year):
    import json

    import dagster as dg

    from assets import asss, befolkning, raw, reference
    from pipeline.resources import OutputResource, SnapshotResource, warehouse_resource
    from tests.real_data import population_jsonstat, read_07459_csv

    regions, years, cells = read_07459_csv(shared_path("reference", "ssb-07459", name))
    root = tmp_path / "snapshot"
    part = root / "ssb" / "07459" / "part-001.json"
    part.parent.mkdir(parents=True)
    part.write_text(json.dumps(population_jsonstat(regions, years, cells)), encoding="utf-8")
    warehouse = tmp_path / "warehouse.duckdb"
    result = dg.materialize(
        [*raw.of("07459"), befolkning.kommunestruktur, *reference.assets, asss.asss_kommuner_referanse,
         asss.asss_kommuner, asss.asss_befolkning],
        partition_key=str(year),
        resources={"warehouse": warehouse_resource(str(warehouse)), "snapshot": SnapshotResource(path=str(root)),
                   "output": OutputResource(path=str(tmp_path / "out"))},
    )
    assert result.success
    ages = {f"{a:03d}" for a in range(18)}
    expected = {}
    for (region, age, _), persons in cells.items():
        if age in ages:
            expected[region.removeprefix("K-")] = expected.get(region.removeprefix("K-"), 0) + persons
    with duckdb.connect(str(warehouse), read_only=True) as con:
        got = dict(con.execute(
            "select k.asss_kommune, b.personer from indicators.asss_kommuner k join indicators.asss_befolkning b "
            "on b.report_year = k.report_year and b.kommune_kode = k.kommune_kode "
            "where k.report_year = ? and b.alder = '0-17' and b.aar = ?", [year, year]).fetchall())
        codes = dict(con.execute("select asss_kommune, kommune_kode from indicators.asss_kommuner "
                                 "where report_year = ?", [year]).fetchall())
    assert sorted(got) == sorted(ASSS)
    assert {k: got[k] for k in ASSS} == {k: expected[codes[k]] for k in ASSS}  # exactly, not approximately
    assert got["Oslo"] > 100_000


def test_a_structure_of_invented_kommuner_is_not_checked_against_the_reference_table():
    """A hand-built snapshot (Oslo and invented kommuner, one reusing Kristiansand's old 1001 for all years)
    says nothing about the ASSS reference table: the rows are there, unchecked, and the checks pass."""
    con = asss_warehouse(2023, [], {"0301", "1001", "1002"},
                         in_data=lambda code, year: (code if code in ("0301", "1001") else "1002", year))
    rows = handbuilt.model(con, "indicators/asss_kommuner.sql", 2023)
    assert len(rows) == 12 and not rows["kontrollert"].any()
    assert (rows["mangler_i_strukturen"] == 0).all() and (rows["koder_til_annen_kommune"] == 0).all()


# --- Which table gives functions 244/251/252: 12362 or 12367, decided from /metadata -------------------------

def _kostra_tables(full_tables: dict, with_244: tuple[str, ...]) -> dict:
    """The stub's 12362 and a 12367 holding the same cells; a table not in `with_244` has only the function
    group FGK13 where 244 was (as public sources say 12362 may have)."""
    import copy

    from tests.pxweb_stub import rename_value

    tables = copy.deepcopy(full_tables)
    tables["12367"] = copy.deepcopy(full_tables["12362"])
    tables["12367"]["label"] = "12367: Detaljerte regnskapstall driftsregnskapet, kommunekonsern (stub)"
    for table_id in ("12362", "12367"):
        if table_id not in with_244:
            rename_value(tables[table_id], "KOKfunksjon0000", "244", new_code="FGK13", label="Barnevern")
    return tables


def test_a_live_fetch_takes_244_251_252_from_12367_when_12362_has_only_function_groups(make_stub, full_tables,
                                                                                       tmp_path, capsys):
    from pipeline.app.cli import main
    from pipeline.app.fetch import fetch_snapshot
    from pipeline.ssb.client import PxWebClient
    from pipeline.ssb.jsonstat import parse_dataset

    server = make_stub(tables=_kostra_tables(full_tables, with_244=("12367",)))
    with PxWebClient(server.base_url, backoff_base=0.01, backoff_cap=0.05, max_retries=1) as client:
        snap = fetch_snapshot(2023, tmp_path / "snap", client=client, tables=["12362"], klass_url=server.klass_url)
    assert {r.path.split("/")[-2] for r in server.state.data_requests()} == {"12367"}
    parts = [e for e in snap.manifest["files"] if e["kind"] == "ssb"]
    assert parts and all(e["path"].startswith("ssb/12362/") and e["fetched_from"] == "12367" for e in parts)
    from assets.sources.kostra import TABLE_12362

    parsed = parse_dataset((snap.root / parts[0]["path"]).read_bytes(), "stub", TABLE_12362)
    assert set(parsed.frame["funksjon"]) == {"244", "251", "252"}
    # fetch --check says so before any data call
    calls = len(server.state.data_requests())
    assert main(["fetch", "--check", "--tables", "12362", "--base-url", server.base_url]) == 0
    assert "resolves from SSB table 12367, which publishes its values" in capsys.readouterr().out
    assert len(server.state.data_requests()) == calls


def test_a_live_fetch_stops_naming_both_tables_when_neither_has_244(make_stub, full_tables, tmp_path, capsys):
    from pipeline.app.cli import main
    from pipeline.app.fetch import fetch_snapshot
    from pipeline.errors import SsbSchemaError
    from pipeline.ssb.client import PxWebClient

    server = make_stub(tables=_kostra_tables(full_tables, with_244=()))
    with (PxWebClient(server.base_url, backoff_base=0.01, backoff_cap=0.05, max_retries=1) as client,
          pytest.raises(SsbSchemaError) as raised):
        fetch_snapshot(2023, tmp_path / "snap", client=client, tables=["12362"], klass_url=server.klass_url)
    message = str(raised.value)
    assert "SSB table 12362: neither it nor 12367" in message
    assert message.count("value code(s) '244'") == 2 and "SSB table 12367: variable 'KOKfunksjon0000'" in message
    assert server.state.data_requests() == [] and not (tmp_path / "snap").exists()
    assert main(["fetch", "--check", "--tables", "12362", "--base-url", server.base_url]) == 1
    out = capsys.readouterr().out
    assert "  - SSB table 12362: variable 'KOKfunksjon0000'" in out and "  - SSB table 12367: variable" in out


# --- The demo run ---------------------------------------------------------------------------------------------

def test_the_demo_run_has_its_twelve_labelled_asss_kommuner_and_indicator_11_for_every_kommune(demo_run):
    with duckdb.connect(str(demo_run / "warehouse.duckdb"), read_only=True) as con:
        asss = con.execute("select kommune_kode, kontrollert from indicators.asss_kommuner "
                           "where report_year = 2023").fetchall()
        synthetic = con.execute("select bool_and(synthetic) from reference.asss_kommuner").fetchone()[0]
        kommuner = {r[0] for r in con.execute(
            "select distinct kommune_kode from indicators.kommunestruktur where report_year = 2023").fetchall()}
        ind11 = con.execute("select kommunenummer, verdi, merknad from indicators.asss_indikator_ssb "
                            "where report_year = 2023 and indikator = 11 and aar = 2022").fetchall()
        maal = {r[0] for r in con.execute("select distinct maal from indicators.asss_nokkeltall").fetchall()}
    assert len(asss) == 12 and all(kontrollert for _, kontrollert in asss) and synthetic
    assert "0301" in {k for k, _ in asss} and {k for k, _ in asss} <= kommuner
    assert {k for k, _, _ in ind11} == kommuner
    assert all(v is not None and 0 < v < 1_000 for _, v, m in ind11 if m is None)
    assert maal == {"andel_barn_med_tiltak_i_lopet_av_aaret", "andel_barn_med_tiltak_per_31_12",
                    "brutto_driftsutgifter_per_barn_251", "brutto_driftsutgifter_per_barn_252"}


def test_the_demo_13502_has_a_share_for_the_country_not_a_sum_of_shares():
    from assets.demo import DEMO_TABLES
    from assets.sources.asss import TABLE_13502
    from pipeline.demo import DemoWorld, demo_document

    doc = demo_document(TABLE_13502, DEMO_TABLES["13502"], DemoWorld(), 2023)
    regions = list(doc["dimension"]["KOKkommuneregion0000"]["category"]["index"])
    years = len(doc["dimension"]["Tid"]["category"]["index"])
    for code in ("EAK", "EAKUO"):
        national = doc["value"][regions.index(code) * years:(regions.index(code) + 1) * years]
        assert all(80 < v < 100 for v in national), code
    kommuner = [doc["value"][i * years + years - 1] for i, c in enumerate(regions) if c not in ("EAK", "EAKUO")]
    mean = sum(v for v in kommuner if v is not None) / len([v for v in kommuner if v is not None])
    assert doc["value"][regions.index("EAK") * years + years - 1] == pytest.approx(mean, abs=0.001)


def test_the_demo_run_has_indicator_14_for_every_kommune_shown_as_the_asss_kommuners_own_series(demo_run):
    with duckdb.connect(str(demo_run / "warehouse.duckdb"), read_only=True) as con:
        kommuner = {r[0] for r in con.execute(
            "select distinct kommune_kode from indicators.kommunestruktur where report_year = 2023").fetchall()}
        ind14 = con.execute("select kommunenummer, verdi, merknad from indicators.asss_indikator_ssb "
                            "where report_year = 2023 and indikator = 14 and aar = 2022").fetchall()
        compared = con.execute("select count(*) from indicators.asss_sammenligning where report_year = 2023 "
                               "and indikator = 14 and (mellom_kommuner_tillatt or landet is not null)").fetchone()[0]
    assert {k for k, _, _ in ind14} == kommuner
    assert all(v is not None and 0 < v < 100 for _, v, m in ind14 if m is None)
    assert compared == 0
    panel = (demo_run / "report" / "2023" / "asss_panel_DEMODATA.md").read_text(encoding="utf-8")
    own = panel.split("## Indikator 14")[1].split("## ")[0]
    assert "| Kommune | 2015 |" in own and "flyktningbakgrunn" in own and "Landet" not in own
