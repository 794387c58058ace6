"""ASSS indicators 1–10 from the kommuner's own files, and the catalogue of all 15 with vedlegg 5's
comparability verdicts (issue #12 items 3 and 4)."""

from __future__ import annotations

import pandas as pd
import pytest

from assets.asss_kommune import ASSS_INDIKATORER
from pipeline.reference import SEEDS_DIR, read_reference_csv

KRAV = {"deflatert", "per_10000_0_17", "andel_barnefamilier", "andel_aldersgruppe"}


@pytest.fixture(scope="module")
def katalog():
    return read_reference_csv(ASSS_INDIKATORER, SEEDS_DIR / "asss_indikatorer.csv").set_index("nr")


def test_catalogue_has_the_seeds_fifteen_indicators_numbered_as_the_seed(katalog):
    assert list(katalog.index) == list(range(1, 16))
    assert katalog.loc[11, "navn"] == "Antall plasseringer utenfor hjemmet."
    assert katalog.loc[15, "navn"] == "Unge arbeidsledige 15–24 år."
    assert set(katalog.loc[range(1, 11), "kildetype"]) == {"kommune"}


def test_an_indicator_without_an_ssb_source_names_its_file_and_what_was_searched(katalog):
    # 14 comes from SSB 13502; no SSB table with kommune rows was found for 12, 13 and 15: Udir's and NAV's
    # figures come in the file kommune/asss_skole_arbeid
    assert katalog["kilde_mangler"].isna().sum() == 12 and pd.isna(katalog.loc[14, "kilde_mangler"])
    assert dict(katalog.loc[[12, 13, 15], "kildetype"]) == {12: "Udir", 13: "Udir", 15: "NAV"}
    for nr, searched in ((12, ("kargrs", "12255")), (13, ("11914", "12971", "14882")),
                         (15, ("10540", "13563", "15–29"))):
        agency = katalog.loc[nr, "kildetype"]
        assert katalog.loc[nr, "kilde_mangler"].startswith(f"Trenger {agency}-filen kommune/asss_skole_arbeid")
        assert all(s in katalog.loc[nr, "kilde_mangler"] for s in searched), nr


def test_13502_is_declared_with_the_code_and_label_seen_in_public_queries():
    import assets.sources.asss as declaration
    from assets.sources.asss import TABLE_13502

    assert TABLE_13502.variable("region").code == "KOKkommuneregion0000"
    assert TABLE_13502.variable("statistikkvariabel").selection.values == ("KOSandel150000",)
    assert TABLE_13502.known_labels["statistikkvariabel"]["KOSandel150000"] == (
        "Andel barn 1-5 år i barnehage, i forhold til innbyggere 1-5 år (prosent)")
    assert "**seen**" in declaration.__doc__ and "**inferred**" in declaration.__doc__


def test_vedlegg_5_indicator_4_and_14_not_comparable_between_kommuner(katalog):
    assert katalog.loc[4, "mellom_kommuner"] == "nei"
    assert katalog.loc[14, "mellom_kommuner"] == "nei"
    assert "flyktningbakgrunn" in katalog.loc[14, "mellom_kommuner_vilkaar"]
    # both are comparable over time within a kommune
    assert katalog.loc[4, "over_tid"] == katalog.loc[14, "over_tid"] == "ja"


def test_vedlegg_5_indicators_5_10_11_15_conditional_with_the_condition(katalog):
    for nr in (5, 10, 11, 15):
        assert katalog.loc[nr, "mellom_kommuner"] == "betinget", nr
        assert katalog.loc[nr, "over_tid"] == "betinget", nr
    assert katalog.loc[5, "over_tid_vilkaar"] == "hvis prisjustert med kommunal deflator"
    assert katalog.loc[5, "mellom_kommuner_krav"] == "deflatert+per_10000_0_17"
    assert katalog.loc[10, "mellom_kommuner_krav"] == "andel_barnefamilier"
    assert katalog.loc[11, "mellom_kommuner_krav"] == "per_10000_0_17"
    assert katalog.loc[15, "mellom_kommuner_krav"] == "andel_aldersgruppe"
    unconditional = set(range(1, 16)) - {4, 5, 10, 11, 14, 15}
    assert set(katalog.loc[sorted(unconditional), "mellom_kommuner"]) == {"ja"}


def test_a_conditional_verdict_and_only_that_names_what_meets_it(katalog):
    for nr, row in katalog.iterrows():
        for side in ("over_tid", "mellom_kommuner"):
            krav = row[f"{side}_krav"]
            if row[side] == "betinget":
                assert krav and set(krav.split("+")) <= KRAV, (nr, side)
                assert row[f"{side}_vilkaar"].startswith("hvis"), (nr, side)
            else:
                assert pd.isna(krav), (nr, side)
        assert "vedlegg 5" in row["kilde_i_seeden"] and "kap. 4" in row["kilde_i_seeden"]


# -- Comparability: vedlegg 5's verdict against the normalisation a row carries ------------------------

def _sammenlignbarhet(rows: list[tuple[int, str]], year: int = 2023):
    import duckdb

    from assets.asss_kommune import ASSS_INDIKATORER
    from tests.handbuilt import model, table

    con = duckdb.connect()
    katalog = read_reference_csv(ASSS_INDIKATORER, SEEDS_DIR / "asss_indikatorer.csv")  # noqa: F841
    con.execute("create schema reference; create table reference.asss_indikatorer as select * from katalog")
    for name, wanted in (("kommune", lambda nr: nr <= 10), ("ssb", lambda nr: nr in (11, 14) or nr > 15),
                         ("skole_arbeid", lambda nr: nr in (12, 13, 15))):
        table(con, f"indicators.asss_indikator_{name}",
              [{"report_year": year, "indikator": nr, "kommunenummer": "1001", "aar": year - 1, "verdi": 1.0,
                "enhet": enhet} for nr, enhet in [*rows, (0, "")] if wanted(nr) or nr == 0])
        con.execute(f"delete from indicators.asss_indikator_{name} where indikator = 0")
    return model(con, "indicators/asss_sammenlignbarhet.sql", year).set_index(["indikator", "enhet"])


def test_comparability_follows_vedlegg_5_and_the_normalisation_applied():
    out = _sammenlignbarhet([
        (1, "ja/nei"), (4, "antall tjenester"),
        (5, "kroner 2023"), (5, "kroner 2023 per 10 000 0–17 år"), (5, "årsverk per 10 000 0–17 år"),
        (5, "kroner 2021 per 10 000 0–17 år"),  # not in report-year kroner: not deflated
        (10, "familier"), (10, "prosent av barnefamilier"),
        (11, "antall"), (11, "per 10 000 0–17 år"), (14, "prosent"), (15, "prosent av 15–24 år"),
    ])
    allowed = {k: (r.mellom_kommuner_tillatt, r.over_tid_tillatt) for k, r in out.iterrows()}
    assert allowed == {
        (1, "ja/nei"): (True, True),
        (4, "antall tjenester"): (False, True),           # nei between kommuner, ja over time
        (5, "kroner 2023"): (False, True),                # deflated, but not per 10 000 0–17
        (5, "kroner 2023 per 10 000 0–17 år"): (True, True),
        (5, "årsverk per 10 000 0–17 år"): (True, True),  # årsverk: no prices to adjust
        (5, "kroner 2021 per 10 000 0–17 år"): (False, False),
        (10, "familier"): (False, False),                 # a count, not a share of barnefamilier
        (10, "prosent av barnefamilier"): (True, True),
        (11, "antall"): (False, False),
        (11, "per 10 000 0–17 år"): (True, True),
        (14, "prosent"): (False, True),                   # nei between kommuner without the control
        (15, "prosent av 15–24 år"): (True, True),
    }
    assert out.loc[(10, "familier"), "grunn_mellom_kommuner"] == (
        "Vedlegg 5: sammenlignbar mellom kommuner bare hvis beregnet som andel av barnefamilier i kommunen; "
        "enheten «familier» er ikke som andel av barnefamiliene i kommunen; kommunens egen serie vises.")
    assert "flyktningbakgrunn" in out.loc[(14, "prosent"), "grunn_mellom_kommuner"]
    assert "kommunens egen serie vises" in out.loc[(4, "antall tjenester"), "grunn"]
    assert out.loc[(5, "årsverk per 10 000 0–17 år"), "grunn_over_tid"] == (
        "Vedlegg 5: sammenlignbar over tid hvis prisjustert med kommunal deflator; oppfylt (årsverk per 10 000 "
        "0–17 år: årsverk har ingen priser å justere).")
    assert (out["ukjent_indikator"] == 0).all()


def test_an_indicator_outside_the_catalogue_is_never_comparable():
    out = _sammenlignbarhet([(16, "prosent")])
    row = out.loc[(16, "prosent")]
    assert not row.mellom_kommuner_tillatt and not row.over_tid_tillatt and row.ukjent_indikator == 1


# -- Indicators 1–10 from the kommune file ----------------------------------------------------------------

HEADER = ("kommunenummer;aar;forebyggende_plan;plan_i_samfunnsdelen;tverrfaglig_samarbeid;antall_tjenester;"
          "ressurser;ressurser_enhet;samarbeid_utenfor_kommunen;foreldrestotte_universelt;foreldrestotte_selektivt;"
          "foreldrestotte_indikativt;familier_hjulpet")


def kommune_file(tmp_path, *rows: str, header: str = HEADER, name: str = "asss_forebygging.csv"):
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _raw_table(con, tmp_path, *rows: str):
    from assets.asss_kommune import read_kommune_file
    from assets.sources.asss_kommune import ASSS_FOREBYGGING
    from tests.handbuilt import table

    frame = read_kommune_file(ASSS_FOREBYGGING, kommune_file(tmp_path, *rows))
    frame["fil"] = "kommune/asss_forebygging.csv"
    table(con, "raw.kommune_asss_forebygging", frame.to_dict("records"))


def _struktur(con, year: int, rows: list[tuple[str, int, str, float]], deflator: dict[int, float] | None = None,
              barn: dict[tuple[str, int, int], int] | None = None,
              familier: dict[tuple[str, str, int], int] | None = None):
    """The model's other inputs: the kommune structure (code, year, report-year code, share), the deflator's
    factor to report-year kroner by year, inhabitants by (code, age, year) and families with children by
    (code, family type, year), both on 1 January."""
    from tests.handbuilt import table

    table(con, "indicators.kommunestruktur", [
        {"report_year": year, "region_kode": code, "aar": aar, "kommune_kode": to, "andel": andel}
        for code, aar, to, andel in rows])
    table(con, "indicators.deflator", [{"report_year": year, "aar": aar, "faktor_til_rapportaar": f}
                                       for aar, f in (deflator or {year - 1: 1.0}).items()])
    table(con, "staging.befolkning", [
        {"region_kode": code, "region_type": "kommune", "alder": alder, "aar": aar, "personer": n, "status": None}
        for (code, alder, aar), n in (barn or {("0000", 0, 2000): 0}).items()])
    table(con, "staging.familier", [
        {"region_kode": code, "region_type": "kommune", "familietype": kind, "aar": aar, "familier": n,
         "status": None}
        for (code, kind, aar), n in (familier or {("0000", "par_smaa_barn", 2000): 0}).items()])


def test_a_good_file_gives_each_answer_its_indicator_and_leaves_empty_answers_out(tmp_path):
    import duckdb

    from tests.handbuilt import model

    con = duckdb.connect()
    _raw_table(con, tmp_path,
               "1001;2022;ja;nei;ja;4;1 250 000;kroner;ja;ja;nei;ja;37",
               "1002;2022;nei;;nei;;;;;ja;;;",
               "1001;2023;ja;ja;ja;5;3,5;årsverk;ja;ja;ja;ja;40")  # 2023: the report year, not its data
    _struktur(con, 2023, [("1001", 2022, "1001", 1.0), ("1002", 2022, "1002", 1.0)])
    out = model(con, "indicators/asss_indikator_kommune.sql", 2023)
    assert list(out.columns) == ["report_year", "indikator", "kommunenummer", "aar", "verdi", "enhet", "teller",
                                 "nevner", "merknad"]
    got = {(r.indikator, r.kommunenummer): (r.verdi, r.enhet) for r in out.itertuples()
           if r.enhet not in ("kroner 2023 per 10 000 0–17 år", "prosent av barnefamilier")}
    assert got == {
        (1, "1001"): (1.0, "ja/nei"), (2, "1001"): (0.0, "ja/nei"), (3, "1001"): (1.0, "ja/nei"),
        (4, "1001"): (4.0, "antall tjenester"), (5, "1001"): (1_250_000.0, "kroner 2023"),
        (6, "1001"): (1.0, "ja/nei"), (7, "1001"): (1.0, "ja/nei"), (8, "1001"): (0.0, "ja/nei"),
        (9, "1001"): (1.0, "ja/nei"), (10, "1001"): (37.0, "familier"),
        # 1002 answered three questions: no row for the others, never a 0
        (1, "1002"): (0.0, "ja/nei"), (3, "1002"): (0.0, "ja/nei"), (7, "1002"): (1.0, "ja/nei"),
    }
    assert set(out["aar"]) == {2022}


def test_answers_across_a_merger_are_not_added_up_and_a_renumbering_is_noted(tmp_path):
    import duckdb

    from tests.handbuilt import model

    con = duckdb.connect()
    _raw_table(con, tmp_path,
               "1003;2019;ja;;;;;;;;;;", "1005;2019;nei;;;;;;;;;;",  # merged into 1006 in 2020
               "3025;2023;ja;;;;;;;;;;",                             # Asker before 2024: 3203
               "3203;2022;ja;;;;;;;;;;")                             # written with the report year's code
    _struktur(con, 2024, [("1003", 2019, "1006", 1.0), ("1005", 2019, "1006", 1.0), ("3025", 2023, "3203", 1.0),
                          ("3203", 2024, "3203", 1.0), ("1006", 2024, "1006", 1.0)])
    out = model(con, "indicators/asss_indikator_kommune.sql", 2024).set_index(["kommunenummer", "aar"])
    merged = out.loc[("1006", 2019)]
    assert merged["verdi"] != merged["verdi"]  # NULL
    assert merged["merknad"] == ("strukturendring: svar fra kode 1003, 1005 i 2019 kan ikke legges sammen eller "
                                 "deles til kommune 1006")
    assert out.loc[("3203", 2023), "verdi"] == 1.0 and out.loc[("3203", 2023), "merknad"] == "kode 3025 i 2023"
    assert out.loc[("3203", 2022), "verdi"] == 1.0 and pd.isna(out.loc[("3203", 2022), "merknad"])


@pytest.mark.parametrize("row, expected", [
    ("1001;2022;ja;ja;ja;4;1 000;kroner;ja;ja;ja;Ja;1",
     "row 2, column 'foreldrestotte_indikativt': 'Ja' is not an allowed value; expected one of ['ja', 'nei']"),
    ("1001;2022;ja;ja;ja;fire;1 000;kroner;ja;ja;ja;ja;1",
     "row 2, column 'antall_tjenester': 'fire' is not a int"),
    ("1001;2022;ja;ja;ja;4;1 000;NOK;ja;ja;ja;ja;1",
     "row 2, column 'ressurser_enhet': 'NOK' is not an allowed value; expected one of ['kroner', 'årsverk']"),
    ("1001;2022;ja;ja;ja;4;1.000;kroner;ja;ja;ja;ja;1", "row 2, column 'ressurser': '1.000' is not a float"),
    ("1001;2022;nei;ja;ja;4;1 000;kroner;ja;ja;ja;ja;1",
     "row 2, column 'plan_i_samfunnsdelen': 'ja', but forebyggende_plan is 'nei'"),
    ("1001;2022;ja;ja;nei;4;;;ja;ja;ja;ja;",
     "row 2, column 'antall_tjenester': 4 but tverrfaglig_samarbeid is 'nei'; expected empty or 0"),
    ("1001;2022;ja;ja;ja;4;1 000;;ja;ja;ja;ja;1", "row 2, column 'ressurser_enhet': empty, but ressurser is given"),
    ("1001;2022;ja;ja;ja;-4;;;ja;ja;ja;ja;1", "row 2, column 'antall_tjenester': -4 is negative"),
    ("Oslo;2022;ja;ja;ja;4;;;ja;ja;ja;ja;1", "row 2, column 'kommunenummer': 'Oslo' is not a kommune code"),
])
def test_a_kommune_file_with_bad_input_is_refused_naming_file_row_and_column(tmp_path, row, expected):
    from assets.asss_kommune import read_kommune_file
    from assets.sources.asss_kommune import ASSS_FOREBYGGING, KommuneFilError

    path = kommune_file(tmp_path, row)
    with pytest.raises(KommuneFilError) as error:
        read_kommune_file(ASSS_FOREBYGGING, path)
    assert str(path) in str(error.value) and expected in str(error.value)


def test_two_rows_for_one_kommune_and_year_are_refused_naming_both_rows(tmp_path):
    from assets.asss_kommune import read_kommune_file
    from assets.sources.asss_kommune import ASSS_FOREBYGGING, KommuneFilError

    path = kommune_file(tmp_path, "1001;2022;ja;;;;;;;;;;", "", "1001;2022;nei;;;;;;;;;;")
    with pytest.raises(KommuneFilError, match=r"row 4, columns 'kommunenummer', 'aar': 1001 2022 again \(also row 2\)"):
        read_kommune_file(ASSS_FOREBYGGING, path)


# -- The asset chain on the demo snapshot ---------------------------------------------------------------

def _tables(warehouse) -> set[str]:
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {r[0] for r in con.execute("select schema_name || '.' || table_name from duckdb_tables()").fetchall()}


def test_demo_kommune_file_gives_indicator_rows_and_their_comparability(tmp_path):
    import duckdb

    from tests.handbuilt import demo_snapshot_to_edit, materialize_upstream

    snap = demo_snapshot_to_edit(tmp_path)
    result, message, warehouse = materialize_upstream(snap, tmp_path, "indicators/asss_sammenlignbarhet")
    assert result.success, message
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("select indikator, count(distinct kommunenummer), min(aar), max(aar) "
                           "from indicators.asss_indikator_kommune where report_year = 2023 group by 1 "
                           "order by 1").fetchall()
        allowed = dict(((i, e), m) for i, e, m in con.execute(
            "select indikator, enhet, mellom_kommuner_tillatt from indicators.asss_sammenlignbarhet").fetchall())
    assert [r[0] for r in rows] == list(range(1, 11))
    assert max(r[1] for r in rows) == 11  # twelve kommuner asked, one sent nothing
    assert {(r[2], r[3]) for r in rows} == {(2021, 2022)}
    assert allowed[(1, "ja/nei")] and not allowed[(4, "antall tjenester")]
    assert allowed[(5, "kroner 2023 per 10 000 0–17 år")] and not allowed[(5, "kroner 2023")]
    assert allowed[(10, "prosent av barnefamilier")] and not allowed[(10, "familier")]
    assert allowed[(11, "per 10 000 0–17 år")]  # indicator 11, from SSB 12275, is judged beside them
    with duckdb.connect(str(warehouse), read_only=True) as con:
        gaps = con.execute("select count(*) from indicators.asss_indikator_kommune where verdi is null").fetchone()[0]
    assert gaps == 0  # every denominator and deflator factor is in the demo snapshot


def test_a_bad_kommune_file_stops_the_run_at_its_asset_naming_file_row_and_column(tmp_path):
    from tests.handbuilt import demo_snapshot_to_edit, materialize_upstream

    snap = demo_snapshot_to_edit(tmp_path)
    path = snap / "kommune" / "asss_forebygging.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(";kroner;", ";NOK;")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result, message, warehouse = materialize_upstream(snap, tmp_path, "indicators/asss_indikator_kommune")
    assert not result.success
    assert "raw__kommune_asss_forebygging" in message
    assert "kommune/asss_forebygging.csv, row 4, column 'ressurser_enhet': 'NOK' is not an allowed value" in message
    assert "indicators.asss_indikator_kommune" not in _tables(warehouse)


def test_a_snapshot_without_the_kommune_file_runs_with_no_answers(tmp_path):
    import duckdb

    from pipeline.app.preflight import missing_sources
    from pipeline.snapshot import Snapshot
    from tests.handbuilt import demo_snapshot_to_edit, materialize_upstream

    snap = demo_snapshot_to_edit(tmp_path)
    (snap / "kommune" / "asss_forebygging.csv").unlink()
    assert missing_sources(Snapshot.open(snap)) == []  # optional: kommuner send these when they do
    result, message, warehouse = materialize_upstream(snap, tmp_path, "indicators/asss_sammenlignbarhet")
    assert result.success, message
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from indicators.asss_indikator_kommune").fetchone()[0] == 0
        assert con.execute("select count(*) from indicators.asss_sammenlignbarhet "
                           "where indikator <= 10").fetchone()[0] == 0


def test_last_years_kommune_file_and_a_code_that_is_no_kommune_stop_naming_file_row_and_column(tmp_path):
    import duckdb

    from assets.asss_kommune import require_kommune_answers
    from assets.sources.asss_kommune import KommuneFilError

    con = duckdb.connect()
    _raw_table(con, tmp_path, "1001;2021;ja;;;;;;;;;;")
    _struktur(con, 2023, [("1001", 2021, "1001", 1.0), ("1001", 2022, "1001", 1.0)])
    with pytest.raises(KommuneFilError, match="kommune/asss_forebygging.csv, column 'aar': the file ends at 2021 but "
                                              "report year 2023 needs asss_forebygging up to 2022"):
        require_kommune_answers(con, 2023)
    _raw_table(con, tmp_path, "1001;2022;ja;;;;;;;;;;", "", "9999;2022;ja;;;;;;;;;;")
    with pytest.raises(KommuneFilError, match="kommune/asss_forebygging.csv, row 4, column 'kommunenummer': 9999 is "
                                              "no kommune in 2022"):
        require_kommune_answers(con, 2023)


def test_resources_in_report_year_kroner_per_10000_aged_0_17_and_families_as_a_share_of_barnefamilier(tmp_path):
    """Hand-computed: 1 000 000 kr in 2021 × 1,04 × 1,05 (the deflator's factor to 2023) = 1 092 000
    2023-kr; 12 500 inhabitants 0–17 on 1.1.2022 (31.12.2021): 873 600 kr per 10 000. 3,5 årsverk and 2 000
    inhabitants 0–17: 17,5 per 10 000. 60 families of 2 000 + 3 000 + 400 + 600 with children: 1 %."""
    import duckdb

    from tests.handbuilt import model

    con = duckdb.connect()
    _raw_table(con, tmp_path,
               "1001;2021;;;ja;;1 000 000;kroner;;;;;60",
               "1002;2022;;;ja;;3,5;årsverk;;;;;10")
    _struktur(con, 2023, [("1001", 2022, "1001", 1.0), ("1002", 2023, "1002", 1.0),
                          ("1001", 2021, "1001", 1.0), ("1002", 2022, "1002", 1.0)],
              deflator={2021: 1.04 * 1.05, 2022: 1.05},
              barn={("1001", 0, 2022): 6_000, ("1001", 17, 2022): 6_500, ("1001", 18, 2022): 9_999,
                    ("1001", 0, 2021): 1, ("1002", 5, 2023): 2_000},
              familier={("1001", "par_smaa_barn", 2022): 2_000, ("1001", "par_store_barn", 2022): 3_000,
                        ("1001", "mor_far_smaa_barn", 2022): 400, ("1001", "mor_far_store_barn", 2022): 600,
                        ("1001", "par_smaa_barn", 2021): 1})
    out = model(con, "indicators/asss_indikator_kommune.sql", 2023).set_index(["indikator", "kommunenummer", "enhet"])
    assert out.loc[(5, "1001", "kroner 2023"), "verdi"] == pytest.approx(1_092_000)
    per = out.loc[(5, "1001", "kroner 2023 per 10 000 0–17 år")]
    assert (per.verdi, per.teller, per.nevner) == (pytest.approx(873_600), pytest.approx(1_092_000), 12_500)
    aarsverk = out.loc[(5, "1002", "årsverk per 10 000 0–17 år")]
    assert (aarsverk.verdi, aarsverk.teller, aarsverk.nevner) == (pytest.approx(17.5), 3.5, 2_000)
    assert out.loc[(5, "1002", "årsverk"), "verdi"] == 3.5
    andel = out.loc[(10, "1001", "prosent av barnefamilier")]
    assert (andel.verdi, andel.teller, andel.nevner) == (pytest.approx(1.0), 60, 6_000)
    assert out.loc[(10, "1001", "familier"), "verdi"] == 60
    # 1002 has no families counted on 1.1.2023: the share is missing, and says why
    gap = out.loc[(10, "1002", "prosent av barnefamilier")]
    assert gap.verdi != gap.verdi  # NULL
    assert gap.merknad == "nevner mangler: familier med barn 0–17 år 1.1.2023 (SSB 06083)"
    assert pd.isna(per.merknad) and pd.isna(andel.merknad)  # nothing to say: NULL, not ''


def test_06083_is_declared_by_label_with_what_was_seen_and_what_inferred():
    from assets.sources.asss_kommune import TABLE_06083

    assert TABLE_06083.variable("familietype").selection.kind == "labels"
    assert TABLE_06083.variable("familietype").code == "FamilieType"
    assert set(TABLE_06083.variable("familietype").selection.keys) == {
        "par_smaa_barn", "par_store_barn", "mor_far_smaa_barn", "mor_far_store_barn"}
    import assets.sources.asss_kommune as declaration

    assert "**seen**" in declaration.__doc__ and "**inferred**" in declaration.__doc__


def test_the_0_17_denominator_is_ssbs_own_count_in_the_real_07459_extract(tmp_path):
    """Real SSB 07459 on 1.1.2023 (../shared/reference/ssb-07459, structure 2020): the denominator of
    indicator 5 for 2022 is the kommune's inhabitants aged 0 to 17 on that day, single years summed, no
    18-year-olds and no other year."""
    import duckdb

    from tests.conftest import shared_path
    from tests.handbuilt import model
    from tests.real_data import read_07459_csv

    _regions, _years, cells = read_07459_csv(shared_path("reference", "ssb-07459", "Personer2023.csv"))
    kommuner = {"K-0301": "0301", "K-4601": "4601", "K-5001": "5001"}  # Oslo, Bergen, Trondheim
    expected = {code: sum(v for (r, age, _), v in cells.items() if r == k and int(age.rstrip("+")) <= 17)
                for k, code in kommuner.items()}
    barn = {(code, int(age.rstrip("+")), int(year)): v for (r, age, year), v in cells.items()
            if (code := kommuner.get(r))}
    con = duckdb.connect()
    _raw_table(con, tmp_path, *(f"{code};2022;;;ja;;100 000;kroner;;;;;" for code in kommuner.values()))
    _struktur(con, 2023, [(code, aar, code, 1.0) for code in kommuner.values() for aar in (2022, 2023)],
              deflator={2022: 1.0}, barn=barn)
    out = model(con, "indicators/asss_indikator_kommune.sql", 2023)
    got = dict(out.loc[out["enhet"] == "kroner 2023 per 10 000 0–17 år", ["kommunenummer", "nevner"]].values)
    assert got == expected
    assert expected["0301"] > 100_000 and all(v > 0 for v in expected.values())


def test_a_spreadsheet_kommune_file_is_read_like_the_csv_and_its_errors_name_the_row(tmp_path):
    import openpyxl

    from assets.asss_kommune import read_kommune_file
    from assets.sources.asss_kommune import ASSS_FOREBYGGING, KommuneFilError

    def workbook(*rows):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(HEADER.split(";"))
        for row in rows:
            sheet.append(row)
        path = tmp_path / "asss_forebygging.xlsx"
        book.save(path)
        return path

    # a spreadsheet turns 0301 into 301 and writes numbers as numbers
    frame = read_kommune_file(ASSS_FOREBYGGING, workbook(
        [301, 2022, "ja", "nei", "ja", 4, 1250000.5, "kroner", "ja", "ja", "nei", "ja", 37]))
    assert frame.loc[0, "kommunenummer"] == "0301" and frame.loc[0, "ressurser"] == 1250000.5
    with pytest.raises(KommuneFilError, match=r"asss_forebygging\.xlsx, row 3, column 'familier_hjulpet': 2\.5 is not "
                                              r"a int"):
        read_kommune_file(ASSS_FOREBYGGING, workbook(
            [301, 2021, "ja", None, None, None, None, None, None, None, None, None, 3],
            [301, 2022, "ja", None, "ja", None, None, None, None, None, None, None, 2.5]))
