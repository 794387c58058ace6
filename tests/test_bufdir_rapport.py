"""The Bufdir figures and tables as the 2023 report words them (issue #11): titles, footnotes, the
national panel of 5-9, the years of 5-11, the N of 0-6, the oppholdsdager by measure and the numbers the
text quotes. Each test builds the few rows it needs by hand in an in-memory warehouse and runs the model's
SQL or the figure's query and notes on them."""

from __future__ import annotations

import datetime as dt

import duckdb
import matplotlib.pyplot as plt
import pytest

from tests.handbuilt import model, table


def render(figure_id: str, con: duckdb.DuckDBPyConnection, year: int = 2023):
    """The figure's numbers and what is written over and under it (title, footnotes, source)."""
    from pipeline.app.definitions import all_assets  # noqa: F401  (declares every figure)
    from pipeline.model_assets import FIGURES

    fig, data, spec = FIGURES[figure_id].render(con, year, True)
    plt.close(fig)
    return data, spec


# -- Figures 5-7 and 5-8: children 0–17 waiting for a fosterhjem, Oslo not included ------------------

def ventetid_rows(cut_off: dt.date = dt.date(2023, 4, 30)) -> list[dict]:
    rows = []
    for periode, slutt, venter, ventet, snitt, median in (
            ("2021", dt.date(2021, 12, 31), 240, 1_700, 170.0, 100.0),
            ("2022", dt.date(2022, 12, 31), 225, 1_290, 200.0, 120.0),
            (f"2023 per {cut_off:%m}", cut_off, 330, 700, 216.0, 110.0)):
        rows.append({"report_year": 2023, "periode": periode, "periode_slutt": slutt, "region": "Hele landet",
                     "barn_som_venter_ved_periodeslutt": venter, "barn_som_har_ventet_i_perioden": ventet,
                     "gjennomsnitt_ventedager": snitt, "median_ventedager": median,
                     "forelopig": slutt.year == 2023, "fil": "bufdir/ventetid_fosterhjem.csv"})
    return rows


def test_figure_5_7_is_titled_for_children_0_17_and_says_oslo_is_not_in_it_and_when_the_year_was_cut():
    con = duckdb.connect()
    table(con, "indicators.ventetid_fosterhjem", ventetid_rows())
    _, spec = render("figur_5_7", con)
    assert spec.title == "Figur 5-7 Antall barn 0–17 år som venter på fosterhjem fra Bufetat*"
    assert spec.footnotes == [
        "Tallene for 2023 er foreløpige og per april 2023. Oslo er ikke med. Tallene omfatter i all hovedsak "
        "barn 0–17 år, men det kan være noen få som har fylt 18 ved oppstart i fosterhjem som inngår i "
        "statistikken."]
    # The month is the file's: a file cut at the end of March says March.
    table(con, "indicators.ventetid_fosterhjem", ventetid_rows(dt.date(2023, 3, 31)))
    assert "per mars 2023" in render("figur_5_7", con)[1].footnotes[0]


def test_figure_5_8_is_titled_per_31_12_for_children_0_17_and_defines_mean_and_median():
    con = duckdb.connect()
    table(con, "indicators.ventetid_fosterhjem", ventetid_rows())
    _, spec = render("figur_5_8", con)
    assert spec.title == ("Figur 5-8 Gjennomsnittlig og median ventetid på fosterhjem fra Bufetat per 31.12 for "
                          "barn 0–17 år, målt i antall dager etter dato for ønsket oppstart*")
    assert spec.footnotes == [
        "Tallene for 2023 er foreløpige og per utgangen av april 2023. Oslo er ikke med. Gjennomsnittet fremkommer "
        "ved å summere alle verdier og dele på antall observasjoner, median er den midterste verdien når vi "
        "ordner observasjonene i stigende rekkefølge."]


# -- Figure 5-9: a national panel beside the regions -------------------------------------------------

def intervall_rows(national: dict[dt.date, tuple[int, int, int, int]] | None = None) -> list[dict]:
    """Two reference dates, two regions (østs 76 children per 31.08.2023 as the report has them), and the
    country's row only where `national` gives it."""
    buckets = {("Region øst", 2022): (10, 20, 8, 25), ("Region øst", 2023): (12, 25, 17, 22),
               ("Region sør", 2022): (5, 15, 10, 12), ("Region sør", 2023): (9, 14, 12, 15)}
    rows = [(dt.date(year, 8, 31), region, b) for (region, year), b in buckets.items()]
    rows += [(date, "Hele landet", b) for date, b in (national or {}).items()]
    return [{"referansedato": date, "region": region, "under_30_dager": b[0], "30_90_dager": b[1],
             "91_180_dager": b[2], "over_180_dager": b[3], "i_alt": sum(b), "fil": "bufdir/x.xlsx"}
            for date, region, b in rows]


def test_figure_5_9_has_the_country_summed_from_the_regions_where_the_file_has_no_national_row():
    con = duckdb.connect()
    table(con, "raw.bufdir_ventetid_fosterhjem_intervall", intervall_rows())
    table(con, "indicators.ventetid_fosterhjem_intervall", model(con, "indicators/ventetid_fosterhjem_intervall.sql")
          .to_dict("records"))
    data, spec = render("figur_5_9", con)
    national = data[data["region"] == "Hele landet"].set_index("referansedato")
    assert list(national["over_180_dager"]) == [25 + 12, 22 + 15] and list(national["i_alt"]) == [105, 126]
    assert list(data["region"][:3]) == ["Hele landet", "Region sør", "Region øst"]  # the country first
    assert spec.title == ("Figur 5-9 Antall barn som venter på fosterhjem, fordelt etter dato for ønsket oppstart, "
                          "per 31.08.2022 og 31.08.2023")
    assert spec.footnotes[0].startswith("Hele landet: Bufetat samlet, summen av regionene. Oslo er ikke med.")


def test_figure_5_9_takes_the_files_national_row_and_the_model_flags_one_below_its_regions():
    con = duckdb.connect()
    table(con, "raw.bufdir_ventetid_fosterhjem_intervall", intervall_rows(
        {dt.date(2022, 8, 31): (16, 36, 18, 40), dt.date(2023, 8, 31): (21, 39, 29, 30)}))
    rows = model(con, "indicators/ventetid_fosterhjem_intervall.sql")
    national = rows[rows["region"] == "Hele landet"].set_index("referansedato")
    assert list(national["hele_landet_fra"]) == ["fil", "fil"]
    assert list(national["over_180_dager"]) == [40, 30]
    # 2022: at least the regions in every bucket; 2023: 30 > 180 days, but the regions have 22 + 15 = 37
    assert list(national["minst_regionenes_sum"]) == [True, False]


# -- Tabell 5-1: the country as "I alt", and the scope -----------------------------------------------

def test_table_5_1_names_the_country_i_alt_and_says_which_beredskapshjem_and_children_it_covers():
    from pipeline.app.definitions import all_assets  # noqa: F401  (declares every report table)
    from pipeline.model_assets import REPORT_TABLES

    con = duckdb.connect()
    regions = [("Region midt-Norge", 250.0, 34), ("Region nord", 280.0, 37), ("Region sør", 265.0, 87),
               ("Region vest", 351.0, 100), ("Region øst", 361.0, 147), ("Hele landet", 322.0, 405)]
    table(con, "indicators.beredskapshjem_botid", [
        {"report_year": 2023, "referansedato": dt.date(2023, 4, 30), "region": r, "gjennomsnitt_botid_dager": d,
         "antall_barn": n, "fil": "bufdir/beredskapshjem_botid.csv"} for r, d, n in regions])
    result = REPORT_TABLES["tabell_5_1"](con, 2023)
    assert result.problems == []
    assert list(result.rows["region"]) == ["Region midt-Norge", "Region nord", "Region sør", "Region vest",
                                           "Region øst", "I alt"]
    assert result.markdown[0] == ("# Tabell 5-1 Gjennomsnittlig oppholdstid til barn som bor i beredskapshjem per "
                                  "30. april 2023, fordelt på region*")
    assert "| I alt | 322 | 405 |" in result.markdown
    assert ("\\*Tallene gjelder for statlige og private beredskapshjem, og barn som plasseres gjennom Bufetat. Barn "
            "som bor i midlertidig hjem i slekt og nære nettverk er ikke inkludert. Kilde: Bufdir.") in result.markdown


# -- Figure 0-6: N (antall kommuner) per year, from the file ---------------------------------------

AVSLUTTEDE_HEADER = "aar;periode_slutt;gjennomsnitt_dager;median_dager;antall_avsluttede;antall_kommuner"
N_KOMMUNER = {2019: 198, 2020: 167, 2021: 170, 2022: 161, 2023: 132}  # the report's footnote


def avsluttede_file(tmp_path, n: dict[int, str] | None = None):
    n = n or {y: str(k) for y, k in N_KOMMUNER.items()}
    rows = [f"{y};{'30.06' if y == 2023 else '31.12'}.{y};157,5;92;{800 + y - 2019};{n[y]}" for y in sorted(n)]
    path = tmp_path / "beredskapshjem_avsluttede.csv"
    path.write_text("\n".join([AVSLUTTEDE_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_figure_0_6_states_the_number_of_kommuner_behind_each_year_as_the_file_gives_it(tmp_path):
    from assets.sources.fosterhjem import BEREDSKAPSHJEM_AVSLUTTEDE
    from pipeline.bufdir import read_bufdir_file

    con = duckdb.connect()
    frame = read_bufdir_file(BEREDSKAPSHJEM_AVSLUTTEDE, avsluttede_file(tmp_path))
    frame["fil"] = "bufdir/beredskapshjem_avsluttede.csv"
    table(con, "raw.bufdir_beredskapshjem_avsluttede", frame.to_dict("records"))
    table(con, "indicators.beredskapshjem_avsluttede",
          model(con, "indicators/beredskapshjem_avsluttede.sql").to_dict("records"))
    data, spec = render("figur_0_6", con)
    assert dict(zip(data["år"], data["antall_kommuner"], strict=True)) == N_KOMMUNER
    assert spec.title == ("Figur 0-6 Oppholdstid for avsluttede tiltak målt i dager for barn i beredskapshjem utenom "
                          "familie og nære nettverk 2019–2023*")
    assert spec.footnotes == [
        "2023: per 30.06.2023 (ikke hele året).",
        "Tallene gjelder for statlige og private beredskapshjem, og barn som plasseres gjennom Bufetat. Barn som bor "
        "i midlertidig hjem i slekt og nære nettverk er ikke inkludert i figuren. Oslo er ikke inkludert i "
        "statistikken. N (antall kommuner) 2019=198, 2020=167, 2021=170, 2022=161, 2023=132."]


def test_a_number_of_kommuner_that_is_not_a_whole_number_or_missing_stops_the_read_naming_row_and_column(tmp_path):
    from assets.sources.fosterhjem import BEREDSKAPSHJEM_AVSLUTTEDE
    from pipeline.bufdir import BufdirFileError, read_bufdir_file

    bad = {**{y: str(k) for y, k in N_KOMMUNER.items()}, 2021: "ca. 170"}
    with pytest.raises(BufdirFileError, match=r"row 4, column 'antall_kommuner': 'ca. 170' is not a int"):
        read_bufdir_file(BEREDSKAPSHJEM_AVSLUTTEDE, avsluttede_file(tmp_path, bad))
    empty = {**{y: str(k) for y, k in N_KOMMUNER.items()}, 2022: ""}
    with pytest.raises(BufdirFileError, match=r"row 5, column 'antall_kommuner': empty"):
        read_bufdir_file(BEREDSKAPSHJEM_AVSLUTTEDE, avsluttede_file(tmp_path, empty))


@pytest.mark.parametrize("n", ["0", "500"])
def test_a_number_of_kommuner_outside_what_norway_has_fails_the_files_check(tmp_path, n):
    from assets.sources.fosterhjem import BEREDSKAPSHJEM_AVSLUTTEDE
    from pipeline.bufdir import read_bufdir_file
    from pipeline.validation import build_suite, validate_frame

    frame = read_bufdir_file(BEREDSKAPSHJEM_AVSLUTTEDE,
                             avsluttede_file(tmp_path, {**{y: str(k) for y, k in N_KOMMUNER.items()}, 2020: n}))
    outcome = validate_frame(frame, build_suite(f"avsluttede_{n}", BEREDSKAPSHJEM_AVSLUTTEDE.expectations))
    assert not outcome.success
    assert "antall_kommuner" in outcome.summary()


# -- Figure 0-11: the age of the oldest child, from the file -----------------------------------------

def sentre_rows(ages: dict[tuple[int, str], int | None]) -> list[dict]:
    return [{"aar": aar, "region": region, "eierskap": eierskap, "oppholdsdager": 1_000 + aar - 2019,
             "eldste_barn_alder": ages.get((aar, eierskap)), "fil": "bufdir/oppholdsdager_sentre.csv"}
            for aar in (2021, 2022) for region in ("Region nord", "Region øst") for eierskap in ("statlig", "privat")]


def test_figure_0_11_says_how_old_the_oldest_child_with_a_day_at_a_senter_was():
    con = duckdb.connect()
    table(con, "raw.bufdir_oppholdsdager_sentre", sentre_rows({(2021, "statlig"): 9, (2022, "privat"): 12}))
    table(con, "indicators.oppholdsdager_sentre", model(con, "indicators/oppholdsdager_sentre.sql").to_dict("records"))
    _, spec = render("figur_0_11", con)
    assert spec.footnotes == ["Alle aldersgrupper av barn som har mottatt tilbud er inkludert i dataene. Alder på "
                              "eldste barn som har hatt oppholdsdag(er) på sentret er 12 år."]
    # A file that does not give the age: the sentence is left out, not guessed.
    table(con, "raw.bufdir_oppholdsdager_sentre", sentre_rows({}))
    table(con, "indicators.oppholdsdager_sentre", model(con, "indicators/oppholdsdager_sentre.sql").to_dict("records"))
    assert render("figur_0_11", con)[1].footnotes == [
        "Alle aldersgrupper av barn som har mottatt tilbud er inkludert i dataene."]


# -- Figure 5-11: 2015 onwards, municipal-only where Bufdir has no state figures; without Oslo --------

def spending_tables(con: duckdb.DuckDBPyConnection, state_years=range(2019, 2023)) -> None:
    """Bufetat 1 000 000 (1000 kr) a year over two functions, 100 000 received in egenandeler, factor 1.1;
    the kommuner 244/251/252 each 2 000 000 without Oslo and 2 500 000 with it (report-year kroner)."""
    table(con, "indicators.bufetat_driftsutgifter", [
        {"report_year": 2023, "aar": y, "regnskapsfunksjon": f, "type": "regnskap" if y < 2023 else "budsjett",
         "belop_1000_kr": 500_000.0, "faktor": 1.1, "belop_mrd_kr_fast": 0.55}
        for y in [*state_years, 2023] for f in ("Statlige fosterhjem", "Private institusjoner")])
    table(con, "raw.bufdir_bufetat_egenandeler_innbetalt",
          [{"aar": y, "belop_1000_kr": 100_000.0, "fil": "bufdir/x.csv"} for y in state_years])
    table(con, "indicators.netto_driftsutgifter_landet", [
        {"report_year": 2023, "funksjon": f, "aar": y, "med_oslo_1000_kr_fast": 2_500_000.0,
         "uten_oslo_1000_kr_fast": 2_000_000.0, "merknad_symboler_med_oslo": None,
         "merknad_symboler_uten_oslo": "Funksjon 252, 2015: summen er uten 1 kommune(r)" if (f, y) == ("252", 2015)
         else None}
        for f in ("244", "251", "252") for y in range(2015, 2023)])
    table(con, "indicators.offentlige_netto_driftsutgifter",
          model(con, "indicators/offentlige_netto_driftsutgifter.sql").to_dict("records"))


def test_figure_5_11_shows_every_municipal_year_and_says_which_years_have_no_state_figures():
    con = duckdb.connect()
    spending_tables(con)
    data, spec = render("figur_5_11", con)
    kommune = data[data["del"] == "kommune"].set_index("år")["mrd_kr"]
    assert list(kommune.index) == list(range(2015, 2023))
    assert kommune[2015] == pytest.approx(6.0)  # 3 × 2 000 000 thousand: without Oslo, as 5-14 and the headline
    stat = data[data["del"] == "stat"].set_index("år")["mrd_kr"]
    # (1 000 000 − 100 000) × 1.1 thousand
    assert list(stat.index) == [2019, 2020, 2021, 2022] and stat[2022] == pytest.approx(0.99)
    samlet = data[data["del"] == "samlet"].set_index("år")["mrd_kr"]
    assert list(samlet.index) == [2019, 2020, 2021, 2022] and samlet[2022] == pytest.approx(6.99)
    assert not data.drop(columns=["merknad_symboler"]).isna().any().any()  # no empty cell in the CSV
    assert spec.footnotes[1] == ("Netto driftsutgifter til statlig barnevern representerer utgiftene til Bufetat "
                                 "fratrukket inntektene fra kommunale egenandeler. Vi har ikke mottatt data for "
                                 "2015–2018.")
    assert spec.footnotes[2].startswith("Kommunale tall representerer summen av netto driftsutgifter over de tre "
                                        "KOSTRA-funksjonene 244, 251 og 252. Oslo er ikke inkludert")
    assert "Funksjon 252, 2015" in data["merknad_symboler"].iloc[0]  # the uten-Oslo note, on the kommune bar


def test_figure_5_11_names_the_years_without_state_figures_from_the_data():
    con = duckdb.connect()
    spending_tables(con, state_years=(2017, 2018, 2020, 2021, 2022))
    _, spec = render("figur_5_11", con)
    assert spec.footnotes[1].endswith("Vi har ikke mottatt data for 2015–2016 og 2019.")
    spending_tables(con, state_years=range(2015, 2023))
    _, spec = render("figur_5_11", con)
    assert spec.footnotes[1].endswith("fratrukket inntektene fra kommunale egenandeler.")


# -- Oppholdsdager and kroner per oppholdsdag by measure (Bufdir), the text's statements 53 and 54 ----

TILTAK_HEADER = "aar;tiltak;oppholdsdager;kroner_per_oppholdsdag"


def tiltak_file(tmp_path, *rows: str):
    path = tmp_path / "oppholdsdager_tiltak.csv"
    path.write_text("\n".join([TILTAK_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_days_of_stay_by_measure_are_read_typed_and_an_unknown_measure_is_named(tmp_path):
    from assets.sources.bufetat import OPPHOLDSDAGER_TILTAK
    from pipeline.bufdir import BufdirFileError, read_bufdir_file

    frame = read_bufdir_file(OPPHOLDSDAGER_TILTAK, tiltak_file(
        tmp_path, "2021;Statlige fosterhjem;255 288;", "2022;Private institusjoner;180 000;14 929,0"))
    assert frame.loc[0, "oppholdsdager"] == 255_288 and frame["kroner_per_oppholdsdag"].isna().iloc[0]
    assert frame.loc[1, "kroner_per_oppholdsdag"] == 14_929.0
    with pytest.raises(BufdirFileError, match=r"row 2, column 'tiltak': 'Statlig fosterhjem' is not an allowed "
                                              r"value; expected one of \['Statlige institusjoner'"):
        read_bufdir_file(OPPHOLDSDAGER_TILTAK, tiltak_file(tmp_path, "2021;Statlig fosterhjem;255 288;"))


def test_days_of_stay_by_measure_give_the_change_from_the_year_before_and_kroner_per_day_in_report_year_kroner():
    con = duckdb.connect()
    table(con, "raw.bufdir_oppholdsdager_tiltak", [
        {"aar": aar, "tiltak": tiltak, "oppholdsdager": days, "kroner_per_oppholdsdag": kr, "fil": "bufdir/x.csv"}
        for aar, tiltak, days, kr in (
            (2021, "Statlige fosterhjem", 255_288, 3_000.0), (2022, "Statlige fosterhjem", 234_865, 3_100.0),
            (2021, "Private institusjoner", 200_000, 13_049.0), (2022, "Private institusjoner", 190_000, 14_929.0),
            (2023, "Private institusjoner", 90_000, 15_000.0))])  # the report year itself: not a whole year
    table(con, "indicators.deflator", [{"report_year": 2023, "aar": y, "faktor_til_rapportaar": f}
                                       for y, f in ((2021, 1.1), (2022, 1.05))])
    rows = model(con, "indicators/oppholdsdager_tiltak.sql").set_index(["tiltak", "aar"])
    assert sorted(rows.index.get_level_values("aar").unique()) == [2021, 2022]
    fosterhjem = rows.loc[("Statlige fosterhjem", 2022)]
    assert fosterhjem["endring_dager"] == -20_423
    assert fosterhjem["endring_prosent"] == pytest.approx(-8.0, abs=0.05)  # the report: −8 %
    institusjon = rows.loc[("Private institusjoner", 2022)]
    assert institusjon["kroner_per_oppholdsdag"] == 14_929.0
    assert institusjon["kroner_per_oppholdsdag_fast"] == pytest.approx(14_929.0 * 1.05)
    assert rows.loc[("Private institusjoner", 2021)][["endring_dager", "endring_prosent"]].isna().all()


# -- The numbers the text quotes from the Bufdir sources (indicators.tall_i_teksten_bufdir) -----------

def text_number_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Every input of the text numbers, with the report's own numbers where it quotes them."""
    table(con, "indicators.beredskapshjem_avsluttede", [
        {"report_year": 2023, "aar": 2021, "periode_slutt": dt.date(2021, 12, 31), "hele_aar": True,
         "gjennomsnitt_dager": 150.0, "median_dager": 90.0},
        {"report_year": 2023, "aar": 2022, "periode_slutt": dt.date(2022, 12, 31), "hele_aar": True,
         "gjennomsnitt_dager": 157.0, "median_dager": 92.0},
        {"report_year": 2023, "aar": 2023, "periode_slutt": dt.date(2023, 6, 30), "hele_aar": False,
         "gjennomsnitt_dager": 188.0, "median_dager": 111.0}])
    table(con, "indicators.beredskapshjem_botid", [
        {"report_year": 2023, "referansedato": dt.date(2023, 4, 30), "region": r, "gjennomsnitt_botid_dager": d,
         "antall_barn": n} for r, d, n in (("Region øst", 361.0, 147), ("Hele landet", 322.0, 405))])
    ventetid = [  # 2021→2022: −24 % during the year, −6 % at its end; April 2023 +46 % on the end of 2022
        (2019, dt.date(2019, 12, 31), 340, 1_500, 148.0, 90.0, False),
        (2021, dt.date(2021, 12, 31), 250, 1_000, 170.0, 100.0, False),
        (2022, dt.date(2022, 12, 31), 235, 760, 200.0, 120.0, False),
        (2023, dt.date(2023, 4, 30), 343, 500, 216.0, 110.0, True)]
    table(con, "indicators.ventetid_fosterhjem", [
        {"report_year": 2023, "periode": str(y), "periode_slutt": slutt, "region": "Hele landet",
         "barn_som_venter_ved_periodeslutt": venter, "barn_som_har_ventet_i_perioden": ventet,
         "gjennomsnitt_ventedager": snitt, "median_ventedager": median, "forelopig": forelopig}
        for y, slutt, venter, ventet, snitt, median, forelopig in ventetid])
    table(con, "raw.bufdir_ventetid_fosterhjem_intervall", intervall_rows())
    table(con, "indicators.ventetid_fosterhjem_intervall",
          model(con, "indicators/ventetid_fosterhjem_intervall.sql").to_dict("records"))
    table(con, "indicators.offentlige_netto_driftsutgifter", [
        {"report_year": 2023, "aar": y, "samlet_mrd_kr": v} for y, v in ((2020, 20.0), (2021, 19.6), (2022, 21.0))])
    funksjoner = {"Statlige fosterhjem": (0.954, 0.830), "Fosterhjem i private tiltak": (0.484, 0.392),
                  "Private institusjoner": (2.667, 2.595), "Statlige institusjoner": (3.095, 3.095)}
    table(con, "indicators.bufetat_driftsutgifter", [
        {"report_year": 2023, "aar": y, "regnskapsfunksjon": f, "type": "regnskap" if y < 2023 else "budsjett",
         "belop_mrd_kr_fast": v[i] if y < 2023 else v[1] * 0.9}
        for f, v in funksjoner.items() for i, y in enumerate((2021, 2022, 2023))])
    table(con, "raw.bufdir_oppholdsdager_tiltak", [
        {"aar": y, "tiltak": t, "oppholdsdager": d, "kroner_per_oppholdsdag": kr, "fil": "bufdir/x.csv"}
        for y, t, d, kr in ((2021, "Statlige fosterhjem", 255_288, 3_000.0), (2022, "Statlige fosterhjem", 234_865,
                                                                                3_100.0),
                            (2021, "Private institusjoner", 200_000, 13_049.0),
                            (2022, "Private institusjoner", 190_000, 14_929.0),
                            (2021, "Fosterhjem i private tiltak", 90_000, 5_000.0),
                            (2022, "Fosterhjem i private tiltak", 80_000, 5_010.0))])
    table(con, "indicators.deflator", [{"report_year": 2023, "aar": y, "faktor_til_rapportaar": 1.0}
                                       for y in (2021, 2022)])
    table(con, "indicators.oppholdsdager_tiltak", model(con, "indicators/oppholdsdager_tiltak.sql").to_dict("records"))


def test_the_text_numbers_of_the_bufdir_sources_are_the_reports_for_the_reports_inputs():
    con = duckdb.connect()
    text_number_tables(con)
    rows = model(con, "indicators/tall_i_teksten_bufdir.sql")
    assert list(rows.columns) == ["report_year", "nr", "utsagn", "maal", "verdi", "enhet", "fra_aar", "til_aar",
                                  "kilde"]
    assert sorted(rows["nr"].unique()) == [29, 30, 31, 36, 37, 48, 51, 52, 53, 54]
    assert not rows["verdi"].isna().any() and not rows["utsagn"].isna().any()

    def value(nr: int, maal: str, enhet: str, fra_aar: int | None, til_aar: int) -> float:
        hit = rows[(rows["nr"] == nr) & rows["maal"].str.contains(maal, regex=False) & (rows["enhet"] == enhet)
                   & (rows["til_aar"] == til_aar)
                   & (rows["fra_aar"].isna() if fra_aar is None else rows["fra_aar"] == fra_aar)]
        assert len(hit) == 1, (nr, maal, enhet, fra_aar, til_aar, hit)
        return float(hit["verdi"].iloc[0])

    # 29: 157 → 188 (mean), 92 → 111 (median), the report year per 30.06.
    assert value(29, "Gjennomsnittlig antall oppholdsdager i beredskapshjem ved tiltaksslutt, 2022", "dager", None,
                 2022) == 157
    assert value(29, "Gjennomsnittlig antall oppholdsdager i beredskapshjem ved tiltaksslutt, 2023 per 30.06.",
                 "dager", None, 2023) == 188
    assert value(29, "Median antall oppholdsdager i beredskapshjem ved tiltaksslutt, 2022", "dager", None, 2022) == 92
    assert value(29, "Median antall oppholdsdager", "dager", None, 2023) == 111
    # 30: 322 days, 405 children
    assert value(30, "Gjennomsnittlig botid", "dager", None, 2023) == 322
    assert value(30, "Barn som bor i beredskapshjem", "barn", None, 2023) == 405
    # 31: −24 % during the year, −6 % at its end, +46 % per April on the end of the year before
    assert value(31, "i løpet av året", "prosent", 2021, 2022) == pytest.approx(-24)
    assert value(31, "ved utgangen av året", "prosent", 2021, 2022) == pytest.approx(-6, abs=0.05)
    assert value(31, "per april", "prosent", 2022, 2023) == pytest.approx(46, abs=0.05)
    # … about the level of the end of the first year (2019)
    assert value(31, "venter på fosterhjem fra Bufetat, 2019 (per 31.12.)", "barn", None, 2019) == 340
    assert value(31, "venter på fosterhjem fra Bufetat, 2023 per 30.04.", "barn", None, 2023) == 343
    # 36: mean 148 (2019) → 216 (2023); the median of 2019, 2022 and 2023
    assert value(36, "Gjennomsnittlig ventetid", "dager", None, 2019) == 148
    assert value(36, "Gjennomsnittlig ventetid", "dager", None, 2023) == 216
    assert [value(36, "Median ventetid", "dager", None, y) for y in (2019, 2022, 2023)] == [90, 120, 110]
    assert not rows[(rows["nr"] == 36) & (rows["til_aar"] == 2021)].shape[0]  # not quoted
    # 37: øst 76 and sør 50 per 31.08.2023, øst 22 over 180 days; the country's buckets both dates
    assert value(37, "per 31.08.2023, Region øst (nr. 1)", "barn", None, 2023) == 76
    assert value(37, "per 31.08.2023, Region sør (nr. 2)", "barn", None, 2023) == 50
    assert value(37, "over 180 dager per 31.08.2023, Region øst (flest)", "barn", None, 2023) == 22
    assert value(37, "31.08.2022, hele landet, over 180 dager", "barn", None, 2022) == 37
    assert value(37, "31.08.2023, hele landet, 30–90 dager", "barn", None, 2023) == 39
    # 48: 19,6 → 21,0 bn, +1,4
    assert value(48, ", 2021", "mrd. 2023-kr", None, 2021) == 19.6
    assert value(48, ", 2022", "mrd. 2023-kr", None, 2022) == 21.0
    assert value(48, "økning", "mrd. 2023-kr", 2021, 2022) == pytest.approx(1.4)
    # 51: Bufetat −4 %
    assert value(51, "Bufetats samlede brutto driftsutgifter, endring", "prosent", 2021, 2022) == pytest.approx(-4)
    # … and the budget of the report year lower still (every function 10 % below 2022 here)
    assert value(51, "budsjett 2023 mot regnskap 2022", "prosent", 2022, 2023) == pytest.approx(-10)
    # 52: −124 mill (−13 %), −92 mill (−19 %), −72 mill (−2,7 %)
    assert value(52, "statlige fosterhjem", "mill. 2023-kr", 2021, 2022) == pytest.approx(-124)
    assert value(52, "statlige fosterhjem", "prosent", 2021, 2022) == pytest.approx(-13, abs=0.05)
    assert value(52, "fosterhjem i private tiltak", "mill. 2023-kr", 2021, 2022) == pytest.approx(-92)
    assert value(52, "fosterhjem i private tiltak", "prosent", 2021, 2022) == pytest.approx(-19, abs=0.05)
    assert value(52, "private institusjoner", "mill. 2023-kr", 2021, 2022) == pytest.approx(-72)
    assert value(52, "private institusjoner", "prosent", 2021, 2022) == pytest.approx(-2.7, abs=0.005)
    # 53: −20 423 days (−8 %)
    assert value(53, "statlige fosterhjem", "dager", 2021, 2022) == -20_423
    assert value(53, "statlige fosterhjem", "prosent", 2021, 2022) == pytest.approx(-8, abs=0.05)
    # 54: 13 049 → 14 929 kroner per day; fosterhjem i private tiltak about unchanged
    assert value(54, "private institusjoner, 2021", "kroner", None, 2021) == 13_049
    assert value(54, "private institusjoner, 2022", "kroner", None, 2022) == 14_929
    assert value(54, "fosterhjem i private tiltak", "prosent", 2021, 2022) == pytest.approx(0.2)
