"""The ASSS panel (issue #12, item 5): what each kommune is compared with, on hand-built rows whose averages
are computed by hand here."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from tests.handbuilt import model, table

YEAR = 2023
ASSS = ("0301", "4601", "5001")  # Oslo, Bergen, Trondheim; 1001 and 1002 are not ASSS
KATEGORI = {"0301": 6, "4601": 6, "5001": 6, "1001": 6, "1002": 3}
FORBUDT = "Vedlegg 5: ikke sammenlignbar mellom kommuner (antall tjenester); kommunens egen serie vises."
MANGLER = "Ingen SSB-tabell med kommunetall funnet (søkt: tabell 1, tabell 2)."


def _row(indikator, kode, verdi, enhet, teller=None, nevner=None, aar=YEAR - 1):
    return {"report_year": YEAR, "indikator": indikator, "kommunenummer": kode, "aar": aar,
            "verdi": None if verdi is None else float(verdi), "enhet": enhet,
            "teller": None if teller is None else float(teller), "nevner": None if nevner is None else float(nevner),
            "merknad": None}


def _warehouse(landet_12275: tuple[float | None, str | None] | None = None) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    per_10000 = "per 10 000 0–17 år"
    table(con, "indicators.asss_indikator_ssb", [
        _row(11, "0301", 100, per_10000, 10, 1000),
        _row(11, "4601", 150, per_10000, 30, 2000),
        _row(11, "5001", None, per_10000, None, 500),  # a symbol in 12275: no value, not counted
        _row(11, "1001", 50, per_10000, 5, 1000),
        _row(11, "1002", 20, per_10000, 1, 500),
    ])
    table(con, "indicators.asss_indikator_kommune", [
        _row(1, "0301", 1, "ja/nei"), _row(1, "4601", 0, "ja/nei"), _row(1, "5001", 1, "ja/nei"),
        _row(1, "1001", 1, "ja/nei"),
        _row(4, "0301", 3, "antall tjenester"), _row(4, "4601", 5, "antall tjenester"),
    ])
    # 12, 13 and 15 (Udir's and NAV's file): none here
    con.execute("create table indicators.asss_indikator_skole_arbeid as "
                "select * from indicators.asss_indikator_kommune where false")
    table(con, "indicators.kommunestruktur", [
        {"report_year": YEAR, "kommune_kode": k, "kommune_navn": f"Kommune {k}"} for k in KATEGORI])
    table(con, "indicators.befolkningskategori", [
        {"report_year": YEAR, "kommune_kode": k, "aar": YEAR, "befolkningskategori": c,
         "befolkningskategori_navn": f"kategori {c}"} for k, c in KATEGORI.items()])
    table(con, "indicators.asss_kommuner", [{"report_year": YEAR, "kommune_kode": k} for k in ASSS])
    table(con, "reference.asss_indikatorer", [
        {"nr": 1, "kildetype": "kommune"}, {"nr": 4, "kildetype": "kommune"}, {"nr": 11, "kildetype": "SSB"}])
    table(con, "indicators.asss_sammenlignbarhet", [
        {"report_year": YEAR, "indikator": 1, "enhet": "ja/nei", "mellom_kommuner_tillatt": True,
         "over_tid_tillatt": True, "grunn": "Vedlegg 5: sammenlignbar mellom kommuner."},
        {"report_year": YEAR, "indikator": 4, "enhet": "antall tjenester", "mellom_kommuner_tillatt": False,
         "over_tid_tillatt": True, "grunn": FORBUDT},
        {"report_year": YEAR, "indikator": 11, "enhet": per_10000, "mellom_kommuner_tillatt": True,
         "over_tid_tillatt": True, "grunn": "Vedlegg 5: sammenlignbar mellom kommuner hvis per 10 000; oppfylt."},
    ])
    national = [] if landet_12275 is None else [landet_12275]
    table(con, "staging.barn_med_tiltak_kommune", [
        {"region_type": "landet", "alder": "0-17", "funksjon": "252", "maal": "per_31_12", "aar": YEAR - 1,
         "antall": antall, "status": status} for antall, status in national]
        or [{"region_type": "kommune", "alder": "0-17", "funksjon": "252", "maal": "per_31_12", "aar": YEAR - 1,
             "antall": 10.0, "status": None}])
    return con


def _panel(con) -> dict:
    out = model(con, "indicators/asss_sammenligning.sql", YEAR)
    return {(r.indikator, r.kommunenummer): r for r in out.itertuples()}


def test_the_asss_average_leaves_the_kommune_itself_and_null_values_out():
    rows = _panel(_warehouse())
    # a ratio: sum of numerators / sum of denominators of the other ASSS kommuner with a value
    assert rows[(11, "0301")].metode == "sum teller / sum nevner"
    assert rows[(11, "0301")].asss_uten_kommunen == pytest.approx(10000 * 30 / 2000)  # Bergen only: 5001 NULL
    assert rows[(11, "0301")].asss_antall == 1
    assert rows[(11, "4601")].asss_uten_kommunen == pytest.approx(100.0)
    assert rows[(11, "5001")].asss_uten_kommunen == pytest.approx(10000 * (10 + 30) / (1000 + 2000))
    assert rows[(11, "5001")].asss_antall == 2
    # a kommune outside ASSS is compared with all twelve
    assert rows[(11, "1001")].asss_uten_kommunen == pytest.approx(10000 * 40 / 3000)
    # ja/nei: the plain mean (the share answering ja) of the other ASSS kommuner
    assert rows[(1, "0301")].metode == "gjennomsnitt"
    assert rows[(1, "0301")].asss_uten_kommunen == pytest.approx((0 + 1) / 2)
    assert rows[(1, "4601")].asss_uten_kommunen == pytest.approx(1.0)


def test_the_country_and_the_befolkningskategori():
    rows = _panel(_warehouse())
    oslo = rows[(11, "0301")]
    # no national row staged: the sum over every kommune with a value
    assert oslo.landet == pytest.approx(10000 * (10 + 30 + 5 + 1) / (1000 + 2000 + 1000 + 500))
    assert oslo.landet_antall == 4 and oslo.landet_merknad == "sum over alle kommuner med verdi"
    # befolkningskategori 6 (0301, 4601, 1001 with a value; 5001 NULL), the kommune itself included
    assert oslo.kategori_snitt == pytest.approx(10000 * (10 + 30 + 5) / (1000 + 2000 + 1000))
    assert oslo.kategori_antall == 3 and oslo.befolkningskategori == 6
    assert rows[(11, "1002")].kategori_snitt == pytest.approx(20.0)
    # indicators 1-10 come from the kommuner's answers, not every kommune's: no country, said why
    assert pd.isna(rows[(1, "0301")].landet)
    assert "kommunenes egne svar" in rows[(1, "0301")].landet_merknad
    assert rows[(1, "0301")].kategori_snitt == pytest.approx((1 + 0 + 1 + 1) / 4)


def test_ssbs_national_row_when_staged_over_every_kommunes_children_and_a_symbol_there_is_said():
    rows = _panel(_warehouse(landet_12275=(60.0, None)))
    assert rows[(11, "0301")].landet == pytest.approx(10000 * 60 / (1000 + 2000 + 500 + 1000 + 500))
    assert rows[(11, "0301")].landet_merknad.startswith("SSB 12275, landet")
    rows = _panel(_warehouse(landet_12275=(None, ":")))
    assert rows[(11, "0301")].landet == pytest.approx(10000 * 46 / 4500)
    assert rows[(11, "0301")].merknad_symboler == (
        "SSB 12275 viser «:» for landet i 2022: landet er summen over kommunene med tall")


def test_a_comparison_vedlegg_5_rules_out_has_no_comparator_and_carries_the_reason():
    rows = _panel(_warehouse())
    for kode in ("0301", "4601"):
        row = rows[(4, kode)]
        assert not row.mellom_kommuner_tillatt and row.grunn == FORBUDT
        for column in ("asss_uten_kommunen", "landet", "kategori_snitt", "asss_antall", "kategori_antall"):
            assert pd.isna(getattr(row, column)), column
    assert rows[(4, "0301")].verdi == 3  # the kommune's own value is still there


def _with_panel(con) -> duckdb.DuckDBPyConnection:
    sammenligning = model(con, "indicators/asss_sammenligning.sql", YEAR)  # noqa: F841  (read by DuckDB)
    con.execute("create table indicators.asss_sammenligning as select * from sammenligning")
    table(con, "indicators.asss_kommuner", [{"report_year": YEAR, "kommune_kode": k, "kommune_navn": f"Kommune {k}",
                                             "asss_kommune": f"Kommune {k}"} for k in ASSS])
    table(con, "reference.asss_indikatorer", [
        {"nr": nr, "kildetype": kilde, "navn": f"Indikator nummer {nr}", "definisjon": f"definisjon {nr}",
         "kilde_mangler": MANGLER if nr == 12 else None}
        for nr, kilde in ((1, "kommune"), (4, "kommune"), (9, "kommune"), (11, "SSB"), (12, "SSB"))])
    return con


def test_the_panel_table_compares_where_allowed_and_shows_the_own_series_where_not():
    from assets.asss_panel import build_asss_panel

    con = _with_panel(_warehouse())
    con.execute("insert into indicators.asss_indikator_kommune select * replace (2021 as aar, 4.0 as verdi) "
                "from indicators.asss_indikator_kommune where indikator = 4 and kommunenummer = '0301'")
    con.execute("drop table indicators.asss_sammenligning")
    _with_panel(con)
    result = build_asss_panel(con, YEAR)
    text = "\n".join(result.markdown)
    oslo_11 = next(line for line in text.splitlines() if line.startswith("| Kommune 0301 (0301) | 100,0"))
    assert oslo_11 == ("| Kommune 0301 (0301) | 100,0 | 150,0 | 102,2 | kategori 6 | 112,5 |  |")
    assert "| Kommune 5001 (5001) | – |" in text  # a symbol: no value, the others still compared
    # indicator 4: no comparator anywhere, the kommune's own series by year, and the reason
    own = text.split("## Indikator 4")[1].split("## ")[0]
    assert "| Kommune | 2021 | 2022 |" in own and "| Kommune 0301 (0301) | 4 | 3 |" in own
    assert "| Kommune 5001 (5001) | – | – |" in own and FORBUDT in own and "ASSS uten" not in own
    rows = result.rows
    assert rows.loc[rows["indikator"] == 4, ["asss_uten_kommunen", "landet", "kategori_snitt"]].isna().all().all()
    assert set(rows.loc[rows["indikator"] == 4, "visning"]) == {"egen serie"}
    # an indicator without rows is named, with the sources searched where none was found
    assert f"- 12 (Indikator nummer 12): {MANGLER}" in text
    assert "- 9 (Indikator nummer 9): ingen svar fra kommunene ennå" in text
    assert result.problems == ["the panel has 3 ASSS kommuner, expected 12"]


def test_a_figure_of_a_comparison_vedlegg_5_rules_out_has_no_rows():
    from pipeline.warehouse import read_sql, set_variables

    con = _with_panel(_warehouse())
    set_variables(con, report_year=YEAR, indikator="4", enhet="antall tjenester")
    assert con.execute(read_sql("figures/asss_indikator.sql")).df().empty
    set_variables(con, indikator="11", enhet="per 10 000 0–17 år")
    bars = con.execute(read_sql("figures/asss_indikator.sql")).df()
    assert list(bars["kommunenummer"]) == ["0301", "4601", "landet"]
    assert bars["merknad_symboler"].iloc[0] == "Uten verdi 2022: Kommune 5001 (5001): ingen verdi i denne enheten"


# -- Profile pages ----------------------------------------------------------------------------------------

def test_a_page_is_named_by_code_and_name_in_plain_ascii():
    from assets.asss_panel import page_name

    assert page_name("0301", "Oslo") == "0301-oslo"
    assert page_name("3301", "Drammen") == "3301-drammen"
    assert page_name("4601", "Bærum (til 2019)") == "4601-baerum-til-2019"
    assert page_name("5501", "Tromsø - Romsa") == "5501-tromso-romsa"


def test_a_profile_page_shows_its_own_series_where_vedlegg_5_forbids_and_oslos_note(tmp_path):
    from assets.asss_panel import profile_pages

    con = _with_panel(_warehouse())
    table(con, "indicators.netto_driftsutgifter", [
        {"report_year": YEAR, "kommune_kode": k, "funksjon": "252", "aar": YEAR - 1, "befolkningskategori": KATEGORI[k],
         "er_oslo": k == "0301", "netto_1000_kr_fast": kroner, "symboler": None}
        for k, kroner in (("0301", 30_000.0), ("4601", 10_000.0), ("1001", 5_000.0))])
    table(con, "indicators.asss_befolkning", [
        {"report_year": YEAR, "kommune_kode": k, "alder": "0-17", "aar": YEAR, "personer": p}
        for k, p in (("0301", 1000.0), ("4601", 2000.0), ("1001", 1000.0))])
    table(con, "indicators.asss_nokkeltall", [
        {"report_year": YEAR, "maal": "andel_barn_med_tiltak_per_31_12", "kommunenummer": "0301", "aar": YEAR - 1,
         "verdi": 3.5, "enhet": "prosent"}])
    listed, pages = profile_pages(con, YEAR)
    assert sorted(pages) == ["0301-kommune-0301", "1001-kommune-1001", "1002-kommune-1002", "4601-kommune-4601",
                             "5001-kommune-5001"]
    oslo = pages["0301-kommune-0301"]
    assert "utfører selv oppgavene som Bufetat" in oslo and "utfører selv" not in pages["4601-kommune-4601"]
    # indicator 4: only the kommune's own column, with the reason
    own = oslo.split("Indikator 4:")[1].split("<h3>")[0]
    assert "<th>Landet</th>" not in own and FORBUDT in own
    # indicator 11: the country and the category beside the kommune
    ind11 = oslo.split("Indikator 11:")[1].split("<h3>")[0]
    assert '<td class="tall">100,0</td><td class="tall">112,5</td><td class="tall">102,2</td>' in ind11
    # 252 per inhabitant 0-17: 30 000 000 / 1 000; category 6 without Oslo (10 + 5 mill / 3 000); the country
    # with Oslo (45 mill / 4 000)
    assert '<td class="tall">30 000</td><td class="tall">5 000</td><td class="tall">11 250</td>' in oslo
    # the indicators without numbers for the kommune, each with why
    assert f"<li>Indikator 12: Indikator nummer 12 – {MANGLER}</li>" in oslo
    assert "<li>Indikator 9: Indikator nummer 9 – kommunen har ikke sendt svar</li>" in oslo
    assert "https://" not in oslo and "<script" not in oslo  # works offline
    assert "DEMODATA" not in oslo


@pytest.mark.slow
def test_the_demo_run_writes_a_profile_page_for_every_kommune_and_oslos_says_it_does_bufetats_tasks(demo_run):
    import duckdb as db

    folder = demo_run / "report" / "2023" / "kommuner"
    con = db.connect(str(demo_run / "warehouse.duckdb"), read_only=True)
    kommuner = con.execute("select distinct kommune_kode from indicators.kommunestruktur where report_year = 2023"
                           ).fetchall()
    pages = sorted(p.name for p in folder.glob("*_DEMODATA.html") if not p.name.startswith("index"))
    assert len(pages) == len(kommuner) and {p[:4] for p in pages} == {k for (k,) in kommuner}
    assert "0301-oslo_DEMODATA.html" in pages
    oslo = (folder / "0301-oslo_DEMODATA.html").read_text(encoding="utf-8")
    assert "utfører selv oppgavene som Bufetat" in oslo and "DEMODATA: syntetiske tall" in oslo
    assert (demo_run / "report" / "2023" / "asss_panel_DEMODATA.md").exists()


def test_a_unit_comparable_neither_between_kommuner_nor_over_time_shows_the_data_year_only_and_no_line():
    from assets.asss_panel import build_asss_panel, profile_pages

    con = _warehouse()
    con.execute("update indicators.asss_sammenlignbarhet set over_tid_tillatt = false where indikator = 4")
    con.execute("insert into indicators.asss_indikator_kommune select * replace (2021 as aar, 4.0 as verdi) "
                "from indicators.asss_indikator_kommune where indikator = 4 and kommunenummer = '0301'")
    _with_panel(con)
    own = "\n".join(build_asss_panel(con, YEAR).markdown).split("## Indikator 4")[1].split("## ")[0]
    assert "| Kommune | 2022 |" in own and "| Kommune 0301 (0301) | 3 |" in own
    table(con, "indicators.netto_driftsutgifter", [
        {"report_year": YEAR, "kommune_kode": "0301", "funksjon": "252", "aar": YEAR - 1, "befolkningskategori": 6,
         "er_oslo": True, "netto_1000_kr_fast": 1.0, "symboler": None}])
    table(con, "indicators.asss_befolkning", [
        {"report_year": YEAR, "kommune_kode": "0301", "alder": "0-17", "aar": YEAR, "personer": 1.0}])
    table(con, "indicators.asss_nokkeltall", [
        {"report_year": YEAR, "maal": "x", "kommunenummer": "9999", "aar": YEAR - 1, "verdi": 1.0, "enhet": "prosent"}])
    page = profile_pages(con, YEAR)[1]["0301-kommune-0301"].split("Indikator 4:")[1].split("<h3>")[0]
    assert "Ikke sammenlignbar over tid" in page and "<svg" not in page


def test_a_kommune_answer_figure_before_any_answer_is_drawn_empty_and_says_so():
    import matplotlib.pyplot as plt

    from assets.asss_panel import figur_asss_5  # noqa: F401  (declares the figure)
    from pipeline.model_assets import FIGURES

    con = _with_panel(_warehouse())
    fig, data, spec = FIGURES["figur_asss_5"].render(con, YEAR, synthetic=False)
    assert data.empty and FIGURES["figur_asss_5"].min_rows == 0 and FIGURES["figur_asss_11"].min_rows == 1
    assert any("Ingen tall" in t.get_text() for t in fig.axes[0].texts)
    assert spec.footnotes[1].endswith("Landet: ingen landstall.")
    plt.close(fig)


# -- The ja/nei indicators' figures -----------------------------------------------------------------------

def _ja_nei_warehouse() -> duckdb.DuckDBPyConnection:
    con = _with_panel(_warehouse())
    con.execute("insert into indicators.asss_sammenlignbarhet (report_year, indikator, enhet, mellom_kommuner_tillatt, "
                "over_tid_tillatt, grunn) values (2023, 7, 'ja/nei', true, true, 'Vedlegg 5: sammenlignbar.')")
    con.execute("alter table indicators.asss_indikator_kommune alter merknad type varchar")
    con.execute("insert into indicators.asss_indikator_kommune (report_year, indikator, kommunenummer, aar, verdi, "
                "enhet, merknad) values (2023, 7, '0301', 2022, 0, 'ja/nei', null), "
                "(2023, 7, '4601', 2022, null, 'ja/nei', 'svar fra to kommunenummer'), "
                "(2023, 1, '0301', 2021, 0, 'ja/nei', null), (2023, 1, '1001', 2021, 1, 'ja/nei', null)")
    return con


def test_the_ja_nei_figure_shows_every_asss_kommunes_answer_and_an_unanswered_question_is_never_nei():
    from assets.asss_panel import figur_asss_ja_nei  # noqa: F401  (declares the figure)
    from pipeline.model_assets import FIGURES

    con = _ja_nei_warehouse()
    fig, data, spec = FIGURES["figur_asss_ja_nei"].render(con, YEAR, synthetic=False)
    got = {(r.kommunenummer, r.indikator): r.svar for r in data.itertuples()}
    # the three ASSS kommuner (1001 is not one) × indicators 1 and 7 (2 has no comparability row: not drawn)
    assert got == {("0301", 1): "ja", ("4601", 1): "nei", ("5001", 1): "ja",
                   ("0301", 7): "nei", ("4601", 7): "uten verdi", ("5001", 7): "ikke svart"}
    assert set(data.loc[data["indikator"] == 1, "antall_ja"]) == {2}
    assert set(data.loc[data["indikator"] == 7, "antall_ja"]) == {0}
    assert "det regnes aldri som nei" in spec.footnotes[0]
    assert spec.footnotes[-1] == "«?» uten verdi: Kommune 4601, indikator 7: svar fra to kommunenummer"
    cells = [t.get_text() for t in fig.axes[0].texts]
    assert sorted(cells) == sorted(["ja", "nei", "ja", "nei", "?", "–"])


def test_the_ja_nei_figure_over_time_counts_the_twelve_by_answer_each_year():
    from assets.asss_panel import figur_asss_ja_nei_over_tid  # noqa: F401  (declares the figure)
    from pipeline.model_assets import FIGURES

    con = _ja_nei_warehouse()
    _, data, _ = FIGURES["figur_asss_ja_nei_over_tid"].render(con, YEAR, synthetic=False)
    got = {(r.indikator, r.aar): (r.ja, r.nei, r.uten_svar) for r in data.itertuples()}
    # 2021: only Oslo answered for the ASSS kommuner (1001 is not one); a kommune without answer is no 'nei'
    assert got == {(1, 2021): (0, 1, 2), (1, 2022): (2, 1, 0), (7, 2021): (0, 0, 3), (7, 2022): (0, 1, 2)}


def test_the_ja_nei_figures_before_any_answer_are_drawn_empty_and_say_so():
    from assets.asss_panel import figur_asss_ja_nei  # noqa: F401  (declares the figure)
    from pipeline.model_assets import FIGURES

    con = _ja_nei_warehouse()
    con.execute("delete from indicators.asss_indikator_kommune")
    for figure_id in ("figur_asss_ja_nei", "figur_asss_ja_nei_over_tid"):
        fig, data, _ = FIGURES[figure_id].render(con, YEAR, synthetic=False)
        assert data.empty and FIGURES[figure_id].min_rows == 0
        assert any("Ingen tall" in t.get_text() for t in fig.axes[0].texts), figure_id
