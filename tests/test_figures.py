"""Every figure of the report year, by its literal id: drawn on the demo data with the numbers behind it.

One row per figure: its id (the asset key `figures/<id>`, the file stem, the query `sql/figures/<id>.sql`),
the start of its title as the report numbers it, and the columns of its CSV, so that `grep -r figur_5_16`
lands on the figure's declaration, its query and this test. A figure added to the code but not here, or
here but no longer drawn, fails `test_every_declared_figure_is_in_this_table`.
"""

from __future__ import annotations

import csv
import json

import pytest

FIGURES = [
    ("figur_5_1", "Figur 5-1", "år,aldersgruppe,hjelpetiltak,omsorgstiltak,i_alt"),
    ("figur_5_2", "Figur 5-2", "år,aldersgruppe,omsorgstiltak,akuttiltak,atferdstiltak,plassert_hjelpetiltak,"
                               "hjelpetiltak_i_hjemmet,i_alt,andel_hjelpetiltak_i_hjemmet"),
    ("figur_5_3", "Figur 5-3", "aar,aldersgruppe,tiltak,plassering,antall"),
    ("figur_5_4", "Figur 5-4", "aar,aldersgruppe,tiltak,plassering,antall"),
    ("figur_5_5", "Figur 5-5", "år,plassering,antall"),
    ("figur_5_6", "Figur 5-6", "år,plassering,antall"),
    ("figur_5_7", "Figur 5-7", "periode,barn_som_venter_ved_periodeslutt,barn_som_har_ventet_i_perioden"),
    ("figur_5_8", "Figur 5-8", "periode,gjennomsnitt_ventedager,median_ventedager"),
    ("figur_5_9", "Figur 5-9", "referansedato,region,under_30_dager,30_90_dager,91_180_dager,over_180_dager,i_alt"),
    ("figur_5_10", "Figur 5-10", "år,nettverk,undersoking,i_alt,andel_av_alle_tiltak"),
    ("figur_5_11", "Figur 5-11", "år,del,mrd_kr"),
    ("figur_5_12", "Figur 5-12", "år,type,mrd_kr"),
    ("figur_5_13", "Figur 5-13", "år,regnskapsfunksjon,type,mrd_kr"),
    ("figur_5_14", "Figur 5-14", "år,funksjon,mrd_kr_2023"),
    ("figur_5_15", "Figur 5-15", "år,befolkningskategori,befolkningskategori_navn,mill_kr_2023,kommuner_med_tall"),
    # The demo has kommuner without 2019 numbers for 251 and 252 (SSB's '..'): the note column is in the CSV.
    ("figur_5_16", "Figur 5-16", "år,befolkningskategori,befolkningskategori_navn,mill_kr_2023,kommuner_med_tall,"
                                 "merknad_symboler"),
    ("figur_5_17", "Figur 5-17", "år,befolkningskategori,befolkningskategori_navn,mill_kr_2023,kommuner_med_tall,"
                                 "merknad_symboler"),
    ("figur_6_1", "Figur 6-1", "befolkningskategori,befolkningskategori_navn,kommuner,i_samarbeid,andel_prosent,"
                               "per_dato"),
    ("figur_0_1", "Figur 0-1", "år,aldersgruppe,hjelpetiltak,omsorgstiltak,i_alt,kilde,i_alt_beregnet,befolkning"),
    ("figur_0_2", "Figur 0-2", "år,aldersgruppe,hjelpetiltak,omsorgstiltak,i_alt"),
    ("figur_0_3", "Figur 0-3", "år,aldersgruppe,omsorgstiltak,akuttiltak,atferdstiltak,plassert_hjelpetiltak,"
                               "hjelpetiltak_i_hjemmet,i_alt,andel_hjelpetiltak_i_hjemmet"),
    ("figur_0_4", "Figur 0-4", "år,tiltak,antall"),
    ("figur_0_5", "Figur 0-5", "år,plassering,antall"),
    ("figur_0_6", "Figur 0-6", "år,periode_slutt,hele_aar,gjennomsnitt_dager,median_dager,antall_avsluttede,"
                               "antall_kommuner"),
    ("figur_0_7", "Figur 0-7", "år,region,barnevernsregion,per_1000_nettverk,per_1000_undersoking,nettverk,"
                               "undersoking,befolkning,aldersgruppe,ssb_etikett"),
    ("figur_0_8", "Figur 0-8", "år,kategori,tiltak,tiltak_navn,antall,ssb_etikett"),
    ("figur_0_9", "Figur 0-9", "år,tiltak,tiltak_navn,per_1000,antall,aldersgruppe,ssb_etikett"),
    ("figur_0_10", "Figur 0-10", "år,tiltak,tiltak_navn,per_1000,antall,aldersgruppe,ssb_etikett"),
    ("figur_0_11", "Figur 0-11", "år,statlige_sentre,private_sentre,i_alt"),
    ("figur_0_12", "Figur 0-12", "år,aldersgruppe,alder_fra,antall"),
    ("figur_0_13", "Figur 0-13", "år,region,oppholdsdager"),
    ("figur_b_1", "Figur B-1 Barn 0–17 år med minst én flytting", "år,type,minst_en_flytting,barn"),
    ("figur_b_2", "Figur B-2 Andel barn 0–17 år i fosterhjem", "år,type,andel_prosent,minst_en_flytting,barn"),
    ("figur_b_3", "Figur B-3 Antall barn 0–17 år i fosterhjem ila. 2021",
     "aar,forlop_fra,fosterhjemstype,kategori,fra,barn,andel_prosent,n_barn,merknad_symboler"),
    ("figur_b_4", "Figur B-4 Bakgrunnsinformasjon for barn i alder 0–17 år",
     "aar,forlop_fra,fosterhjemstype,variabel,kategori,fra,barn,andel_prosent,n_barn"),
    # The demo has ASSS kommuner without answers: the note naming them is in the CSV.
    ("figur_asss_5", "Figur ASSS-5 Ressurser", "omraade,kommunenummer,verdi,merknad_symboler"),
    ("figur_asss_10", "Figur ASSS-10 Familier", "omraade,kommunenummer,verdi,merknad_symboler"),
    ("figur_asss_11", "Figur ASSS-11 Barn plassert", "omraade,kommunenummer,verdi"),
    ("figur_asss_ja_nei", "Figur ASSS-1–9 Ja/nei-indikatorene",
     "kommune,kommunenummer,indikator,kortnavn,svar,antall_ja,merknad"),
    ("figur_asss_ja_nei_over_tid", "Figur ASSS-1–9 over tid", "indikator,kortnavn,aar,ja,nei,uten_svar"),
    ("hovedtall_rammetilskudd", "Økning i kommunale utgifter til barnevern", "år,utgiftsokning_mill_kr,"
     "rammetilskudd_okning_mill_kr,differanse_mill_kr,differanse_siste_deflator_mill_kr,basisaar,deflator_as_of"),
]


def test_every_declared_figure_is_in_this_table():
    from pipeline.app.definitions import all_assets  # noqa: F401  (declares every figure)
    from pipeline.model_assets import FIGURES as DECLARED

    assert sorted(DECLARED) == sorted(i for i, _, _ in FIGURES)


@pytest.mark.slow
@pytest.mark.parametrize("figure_id, title, columns", FIGURES, ids=[i for i, _, _ in FIGURES])
def test_the_figure_is_drawn_with_its_title_and_the_numbers_behind_it(demo_run, figure_id, title, columns):
    folder = demo_run / "figures" / "2023"
    meta = json.loads((folder / f"{figure_id}_DEMODATA.json").read_text(encoding="utf-8"))
    assert meta["title"].startswith(title) and meta["synthetic"] is True
    for kind in ("png", "svg", "csv"):
        assert (folder / meta[kind]).stat().st_size > 0
    with (folder / meta["csv"]).open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert ",".join(rows[0]) == columns and len(rows) > 1
    overview = (demo_run / "report" / "2023" / "figurer.md").read_text(encoding="utf-8")
    assert meta["png"] in overview  # listed in the report year's overview


def test_every_line_under_a_figure_stays_inside_it_even_a_long_list_of_kommuner():
    from pipeline.figures import FigureSpec, finish, new_figure

    note = "Funksjon 252: 5 kommune(r) som mangler tall for minst ett av årene er utelatt fra alle år: " + ", ".join(
        f"99{n:02d} Demokommune {n:02d} (2019 «..»)" for n in range(1, 9))
    fig, ax = new_figure()
    ax.plot([2015, 2022], [1, 2])
    finish(fig, FigureSpec(id="x", title="Figur x", source="Kilde: SSB tabell 12362", symbol_notes=[note]))
    renderer = fig.canvas.get_renderer()
    width = fig.bbox.width
    assert all(text.get_window_extent(renderer).x1 <= width for text in fig.texts)


def test_every_figure_and_report_query_fixes_its_row_order():
    """A figure's CSV is its query's rows in the order they come: without a top-level `order by` DuckDB's
    parallel plan decides it, and two runs of one snapshot wrote figur_5_3's CSV in different orders."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "sql"
    unordered = []
    for path in sorted([*root.glob("figures/*.sql"), *root.glob("report/*.sql")]):
        sql = re.sub(r"--[^\n]*", "", path.read_text(encoding="utf-8")).lower()
        last = [m.end() for m in re.finditer(r"\border\s+by\b", sql)]
        rest = sql[last[-1]:] if last else ""
        if not last or rest.count(")") > rest.count("("):  # none, or only inside a window or subquery
            unordered.append(path.relative_to(root).as_posix())
    assert unordered == []
