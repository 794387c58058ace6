"""Bufdir files against their declared schemas: good files in both formats, and every kind of bad
file stopping at the Bufdir asset with the file, row and column named."""

from __future__ import annotations

import csv
import datetime as dt

import duckdb
import openpyxl
import pytest

from assets.sources.fosterhjem import VENTETID, VENTETID_INTERVALL
from pipeline.bufdir import BufdirFileError, read_bufdir_file
from pipeline.typed_csv import parse_number
from tests.handbuilt import demo_snapshot_to_edit, materialize_upstream

HEADER = ("periode;periode_slutt;region;barn_som_venter_ved_periodeslutt;barn_som_har_ventet_i_perioden;"
          "gjennomsnitt_ventedager;median_ventedager")


def write(tmp_path, *rows: str, header: str = HEADER, name: str = "ventetid_fosterhjem.csv"):
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("text, value", [("1 234", 1234.0), ("1\u00a0234,5", 1234.5), ("12,5", 12.5),
                                          ("12.5", 12.5), ("-3", -3.0)])
def test_norwegian_numbers_are_read(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["1.234,5", "12,5,1", "ca. 10", "1 23", "1.234", "12,500"])
def test_numbers_it_cannot_read_are_refused(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_a_good_csv_in_norwegian_format_is_read_typed(tmp_path):
    path = write(tmp_path, "2022;31.12.2022;Hele landet;224;1 310;110,5;72",
                 "2023 per april;2023-04-30;Region nord;40;200;;")
    frame = read_bufdir_file(VENTETID, path)
    assert frame.loc[0, "barn_som_har_ventet_i_perioden"] == 1310
    assert frame.loc[0, "gjennomsnitt_ventedager"] == 110.5
    assert frame.loc[1, "periode_slutt"] == dt.date(2023, 4, 30)
    assert frame["median_ventedager"].isna().iloc[1]


def test_a_spreadsheet_is_read_like_a_csv(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([c.name for c in VENTETID_INTERVALL.columns])
    sheet.append([dt.datetime(2022, 8, 31), "Region vest", 3, 4, 5, 6, 18])
    path = tmp_path / "ventetid_fosterhjem_intervall.xlsx"
    book.save(path)
    frame = read_bufdir_file(VENTETID_INTERVALL, path)
    assert frame.loc[0, "referansedato"] == dt.date(2022, 8, 31) and frame.loc[0, "i_alt"] == 18


def test_a_renamed_column_names_the_file_the_column_and_what_it_has(tmp_path):
    path = write(tmp_path, "2022;31.12.2022;Hele landet;224;1 310;110,5;72",
                 header=HEADER.replace("median_ventedager", "median_dager"))
    with pytest.raises(BufdirFileError, match=r"ventetid_fosterhjem.csv: column\(s\) \['median_ventedager'\] missing"):
        read_bufdir_file(VENTETID, path)


def test_a_wrong_type_names_file_row_and_column(tmp_path):
    path = write(tmp_path, "2022;31.12.2022;Hele landet;224;1 310;110,5;72",
                 "2023;31.12.2023;Hele landet;mange;1 310;110,5;72")
    expected = r"ventetid_fosterhjem.csv, row 3, column 'barn_som_venter_ved_periodeslutt': 'mange' is not a int"
    with pytest.raises(BufdirFileError, match=expected):
        read_bufdir_file(VENTETID, path)


def test_an_unreadable_number_format_names_file_row_and_column(tmp_path):
    path = write(tmp_path, "2022;31.12.2022;Hele landet;224;1.310,0;110,5;72")
    with pytest.raises(BufdirFileError, match=r"row 2, column 'barn_som_har_ventet_i_perioden': '1.310,0'"):
        read_bufdir_file(VENTETID, path)


def test_an_unknown_region_names_the_regions_it_knows(tmp_path):
    path = write(tmp_path, "2022;31.12.2022;Region nordvest;224;1 310;110,5;72")
    with pytest.raises(BufdirFileError, match=r"row 2, column 'region': 'Region nordvest' is not an allowed value; "
                                             r"expected one of \['Hele landet', 'Region nord'"):
        read_bufdir_file(VENTETID, path)


@pytest.mark.slow
def test_a_bad_bufdir_file_stops_the_run_at_its_asset_and_nothing_downstream_is_built(tmp_path):
    snap = demo_snapshot_to_edit(tmp_path)
    path = snap / "bufdir" / "ventetid_fosterhjem.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("Region vest", "Vestlandet")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result, message, warehouse = materialize_upstream(snap, tmp_path, "indicators/ventetid_fosterhjem",
                                                      "indicators/ventetid_fosterhjem_intervall")
    assert not result.success
    assert "raw__bufdir_ventetid_fosterhjem" in message
    assert "bufdir/ventetid_fosterhjem.csv, row 4, column 'region': 'Vestlandet'" in message
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = {r[0] for r in con.execute("select schema_name || '.' || table_name from duckdb_tables()").fetchall()}
    assert "raw.bufdir_ventetid_fosterhjem" not in tables
    assert "indicators.ventetid_fosterhjem" not in tables
    assert "indicators.ventetid_fosterhjem_intervall" in tables  # the other file's branch still ran



@pytest.mark.slow
def test_every_issue_5_output_is_rendered(demo_run):
    folder = demo_run / "figures" / "2023"
    for stem in ("figur_5_7", "figur_5_8", "figur_5_9", "figur_0_6", "figur_5_11", "figur_5_12", "figur_5_13",
                 "figur_6_1", "figur_0_11", "figur_0_13"):
        for suffix in ("png", "svg", "csv", "json"):
            assert (folder / f"{stem}_DEMODATA.{suffix}").exists(), f"{stem}.{suffix}"
    for stem in ("tabell_5_1_DEMODATA", "tabell_5_2_DEMODATA"):
        assert (demo_run / "report" / "2023" / f"{stem}.csv").exists()
        assert "DEMODATA" in (demo_run / "report" / "2023" / f"{stem}.md").read_text()


@pytest.mark.slow
def test_state_spending_is_bufetat_gross_minus_egenandeler_in_report_year_kroner(demo_run):
    with duckdb.connect(str(demo_run / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute("""
            select o.aar, o.stat_mrd_kr, o.kommune_mrd_kr,
                   (select sum(belop_1000_kr) from raw.bufdir_bufetat_driftsutgifter b where b.aar = o.aar) as brutto,
                   (select belop_1000_kr from raw.bufdir_bufetat_egenandeler_innbetalt e where e.aar = o.aar) as inn,
                   (select faktor_til_rapportaar from indicators.deflator d where d.aar = o.aar) as faktor,
                   (select sum(uten_oslo_1000_kr_fast) from indicators.netto_driftsutgifter_landet l
                     where l.aar = o.aar) as kommune
            from indicators.offentlige_netto_driftsutgifter o order by o.aar
        """).fetchall()
    # 2015-2018: the kommuner only (the demo's Bufdir files start in 2019); the municipal part without Oslo
    assert [r[0] for r in rows] == list(range(2015, 2023))
    assert [r[0] for r in rows if r[1] is None] == [2015, 2016, 2017, 2018]
    for _, stat, kommune, brutto, inn, faktor, kommune_1000 in rows:
        if stat is not None:
            assert stat == pytest.approx((brutto - inn) * faktor / 1e6)
        assert kommune == pytest.approx(kommune_1000 / 1e6)


@pytest.mark.slow
def test_cooperation_shares_count_every_kommune_once_by_category(demo_run):
    with duckdb.connect(str(demo_run / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute("select kommuner, i_samarbeid, andel_prosent from indicators.interkommunalt_samarbeid"
                           ).fetchall()
        file_rows = con.execute("select count(*), count(*) filter (where formelt_samarbeid = 'ja') "
                                "from raw.bufdir_interkommunale_samarbeid where per_dato = "
                                "(select max(per_dato) from raw.bufdir_interkommunale_samarbeid)").fetchone()
    assert sum(r[1] for r in rows) == file_rows[1]  # every 'ja' of the latest overview counted once
    assert sum(r[0] for r in rows) >= file_rows[0]  # the denominator is every kommune of the category
    for kommuner, i_samarbeid, andel in rows:
        assert andel == pytest.approx(100 * i_samarbeid / kommuner)


@pytest.mark.slow
def test_days_in_sentre_are_the_files_by_kind_and_both_kinds_summed(demo_run):
    with duckdb.connect(str(demo_run / "warehouse.duckdb"), read_only=True) as con:
        model = {(a, r, e): d for a, r, e, d in con.execute(
            "select aar, region, eierskap, oppholdsdager from indicators.oppholdsdager_sentre").fetchall()}
        file_rows = con.execute("select aar, region, eierskap, oppholdsdager from raw.bufdir_oppholdsdager_sentre"
                                ).fetchall()
    assert {a for a, *_ in file_rows} == {2019, 2020, 2021, 2022}  # whole years before the report year
    for aar, region, eierskap, days in file_rows:
        assert model[(aar, region, eierskap)] == days
    for aar in (2019, 2022):
        both = model[(aar, "Hele landet", "statlig")] + model[(aar, "Hele landet", "privat")]
        assert model[(aar, "Hele landet", "i_alt")] == both
    with (demo_run / "figures" / "2023" / "figur_0_11_DEMODATA.csv").open(encoding="utf-8") as fh:
        drawn = {int(r["år"]): float(r["i_alt"]) for r in csv.DictReader(fh)}
    assert drawn == {a: float(model[(a, "Hele landet", "i_alt")]) for a in (2019, 2020, 2021, 2022)}


@pytest.mark.slow
def test_regions_adding_up_to_more_than_bufetat_as_a_whole_stop_the_run_with_a_named_check(tmp_path):
    snap = demo_snapshot_to_edit(tmp_path)
    path = snap / "bufdir" / "oppholdsdager_sentre.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    row = lines[2].split(";")  # a region's row of 2019
    assert row[1] != "Hele landet"
    row[3] = str(int(row[3]) + 500)  # the regions now add up to more than Bufetat as a whole
    lines[2] = ";".join(row)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result, message, _ = materialize_upstream(snap, tmp_path, "indicators/oppholdsdager_sentre")
    assert not result.success
    assert "check bufetat_at_least_its_regions on indicators/oppholdsdager_sentre failed" in message
    assert "column='minst_regionenes_sum'" in message


@pytest.mark.slow
def test_ended_placements_show_the_report_year_so_far_and_refuse_a_past_year_that_is_not_whole(demo_run, tmp_path):
    with (demo_run / "figures" / "2023" / "figur_0_6_DEMODATA.csv").open(encoding="utf-8") as fh:
        rows = {int(r["år"]): r for r in csv.DictReader(fh)}
    assert sorted(rows) == [2019, 2020, 2021, 2022, 2023]
    assert rows[2023]["hele_aar"] == "False" and rows[2022]["hele_aar"] == "True"
    meta = (demo_run / "figures" / "2023" / "figur_0_6_DEMODATA.json").read_text(encoding="utf-8")
    assert "2023: per 30.06.2023" in meta
    snap = demo_snapshot_to_edit(tmp_path)
    path = snap / "bufdir" / "beredskapshjem_avsluttede.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2021;31.12.2021", "2021;30.06.2021"), encoding="utf-8")
    result, message, _ = materialize_upstream(snap, tmp_path, "indicators/beredskapshjem_avsluttede")
    assert not result.success
    assert "check past_years_are_whole_years on indicators/beredskapshjem_avsluttede failed" in message
    assert "column='periode_som_ventet'" in message


@pytest.mark.slow
def test_budget_rows_mixed_with_accounts_stop_the_run_with_a_named_check(tmp_path):
    snap = demo_snapshot_to_edit(tmp_path)
    path = snap / "bufdir" / "bufetat_driftsutgifter.csv"
    text = path.read_text(encoding="utf-8").replace(";regnskap\n", ";budsjett\n", 1)  # a 2019 row as budget
    path.write_text(text, encoding="utf-8")
    result, message, _ = materialize_upstream(snap, tmp_path, "indicators/bufetat_driftsutgifter")
    assert not result.success
    assert "check budget_only_in_the_report_year on indicators/bufetat_driftsutgifter failed" in message
    assert "column='type_stemmer_med_aar'" in message


def test_a_row_with_more_cells_than_columns_is_refused(tmp_path):
    path = write(tmp_path, "2022,31.12.2022,Hele landet,224,1310,110,5,72",
                 header=HEADER.replace(";", ","))
    with pytest.raises(BufdirFileError, match=r"row 2: 8 cells for 7 columns \(a decimal comma"):
        read_bufdir_file(VENTETID, path)


def test_a_kommune_code_a_spreadsheet_stored_as_a_number_keeps_its_leading_zero(tmp_path):
    from assets.sources.samarbeid import SAMARBEID

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["kommunenummer", "formelt_samarbeid", "samarbeid", "per_dato"])
    sheet.append([301, "nei", None, dt.datetime(2023, 8, 31)])
    sheet.append([None, None, None, None])
    sheet.append([1101, "kanskje", None, dt.datetime(2023, 8, 31)])
    path = tmp_path / "interkommunale_samarbeid.xlsx"
    book.save(path)
    with pytest.raises(BufdirFileError, match=r"row 4, column 'formelt_samarbeid': 'kanskje'"):
        read_bufdir_file(SAMARBEID, path)
    sheet.delete_rows(4)
    book.save(path)
    assert read_bufdir_file(SAMARBEID, path).loc[0, "kommunenummer"] == "0301"


@pytest.mark.slow
def test_figures_after_the_report_years_cut_off_date_are_not_part_of_it(tmp_path):
    snap = demo_snapshot_to_edit(tmp_path)
    path = snap / "bufdir" / "ventetid_fosterhjem.csv"
    later = "2023 per august;31.08.2023;Hele landet;300;2 000;120,5;80"
    path.write_text(path.read_text(encoding="utf-8") + later + "\n", encoding="utf-8")
    result, _, warehouse = materialize_upstream(snap, tmp_path, "indicators/ventetid_fosterhjem")
    assert result.success
    with duckdb.connect(str(warehouse), read_only=True) as con:
        periods = [r[0] for r in con.execute(
            "select periode from indicators.ventetid_fosterhjem where region = 'Hele landet' order by periode_slutt"
        ).fetchall()]
    assert periods[-1] == "2023 per april" and "2023 per august" not in periods


def test_last_years_drop_stops_the_report_year_naming_the_file_its_last_period_and_the_one_expected(tmp_path):
    """A ventetid_fosterhjem.csv without the report year's rows used to give figures 5-7/5-8 that end a
    year early under a footnote about the report year's April figures."""
    import dagster as dg

    from assets import raw as source_assets
    from assets.fosterhjem import ventetid_fosterhjem
    from pipeline.resources import OutputResource, SnapshotResource, warehouse_resource

    snap = demo_snapshot_to_edit(tmp_path)
    path = snap / "bufdir" / "ventetid_fosterhjem.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if not line.startswith("2023")) + "\n", encoding="utf-8")
    (raw,) = source_assets.of("ventetid_fosterhjem")
    result = dg.materialize([raw, ventetid_fosterhjem], partition_key="2023", raise_on_error=False, resources={
        "warehouse": warehouse_resource(str(tmp_path / "w.duckdb")), "snapshot": SnapshotResource(path=str(snap)),
        "output": OutputResource(path=str(tmp_path / "out"))})
    failures = [e.step_failure_data.error for e in result.get_step_failure_events()]
    assert len(failures) == 1
    cause = failures[0]
    while cause.cls_name != "BufdirFileError" and cause.cause is not None:
        cause = cause.cause
    assert cause.message.startswith(
        "pipeline.bufdir.BufdirFileError: bufdir/ventetid_fosterhjem.csv, column 'periode_slutt': the file ends "
        "at 2022-12-31 but report year 2023 needs ventetid_fosterhjem up to 2023")


def test_every_bufdir_dataset_says_how_far_its_file_must_reach():
    from assets.sources import BUFDIR_DATASETS
    from pipeline.bufdir import BufdirDataset, Reaches
    from pipeline.typed_csv import Column

    assert all(isinstance(d.reaches, Reaches) for d in BUFDIR_DATASETS.values())
    with pytest.raises(ValueError, match="reaches.column 'periode' must be one of its int or date columns"):
        BufdirDataset(name="x", description="", columns=(Column("periode", "text"),), period="",
                      reaches=Reaches("periode"))
