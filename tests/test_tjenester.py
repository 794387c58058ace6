"""Other services, meldinger and inter-municipal cooperation (sections 5.3, 5.4 and 6.1 of the 2023 report):
bokmål labels on figures 0-7 … 0-10 (SSB's nynorsk mapped once, in `assets.sources.bokmal`), SSB 12115 and
the Bufdir overview of cooperations (63 cooperations, their size, 2021 against 2023), and the numbers the
text quotes (`indicators.tall_i_teksten_tjenester`)."""

from __future__ import annotations

import csv
import json

import duckdb
import pytest

from assets.sources import bokmal
from tests.handbuilt import demo_snapshot_to_edit, materialize_upstream

# Words that give a label away as nynorsk (SSB's labels), never on a figure.
NYNORSK = ("noreg", "aust", "anna ", "deltaking", "undersøking", "særlege", "frå", "tenester", "heile")


def test_ssb_labels_are_shown_in_bokmal_and_an_unmapped_one_is_a_named_error():
    assert bokmal.bokmal("Anna nettverksarbeid") == "Annet nettverksarbeid"
    assert bokmal.bokmal("deltaking i  ansvarsgruppe/samarbeidsteam") == "Deltakelse i ansvarsgruppe/samarbeidsteam"
    assert bokmal.bokmal("Behandling av barn med særlege opplæringsbehov") == (
        "Behandling av barn med særlige opplæringsbehov")
    assert bokmal.bokmal("Undersøking og behandling frå andre tenester") == (
        "Undersøkelse og behandling fra andre tjenester")
    assert bokmal.region("midt_norge") == "Midt-Norge" and bokmal.region("ost") == "Øst"
    with pytest.raises(bokmal.UmappetEtikettError, match=r"'Anna tiltak frå andre tenester'.*bokmal\.py"):
        bokmal.bokmal("Anna tiltak frå andre tenester")
    with pytest.raises(bokmal.UmappetEtikettError, match=r"'vestlandet'"):
        bokmal.region("vestlandet")
    assert bokmal.unmapped(["Familieråd", "Anna greie", "Anna greie"]) == ["Anna greie"]
    # every bokmål label is itself a known label (a table that has bokmål labels maps too)
    assert all(bokmal.bokmal(shown) == shown for shown in bokmal.ETIKETTER.values())
    assert not [s for s in bokmal.ETIKETTER.values() if any(w in s.lower() for w in NYNORSK)]


@pytest.mark.slow
@pytest.mark.parametrize("figure_id, column", [("figur_0_7", "region"), ("figur_0_8", "tiltak_navn"),
                                               ("figur_0_9", "tiltak_navn"), ("figur_0_10", "tiltak_navn")])
def test_figures_of_other_services_show_bokmal_not_ssbs_nynorsk(demo_run, figure_id, column):
    folder = demo_run / "figures" / "2023"
    with (folder / f"{figure_id}_DEMODATA.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    shown = {r[column] for r in rows}
    assert shown and not [s for s in shown if any(w in s.lower() for w in NYNORSK)]
    assert {r["ssb_etikett"] for r in rows} - shown  # SSB's own label is kept beside it (the demo's are nynorsk)
    if figure_id == "figur_0_7":
        assert shown == set(bokmal.REGIONER.values())
    else:
        assert shown <= set(bokmal.ETIKETTER.values())


@pytest.mark.slow
def test_a_nynorsk_label_with_no_bokmal_stops_the_figure_naming_it(tmp_path):
    snap = demo_snapshot_to_edit(tmp_path)
    path = snap / "ssb" / "10660" / "part-001.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["dimension"]["Barnevernstiltak"]["category"]["label"]["7.99"] = "Anna behandling i andre tenester"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result, message, _ = materialize_upstream(snap, tmp_path, "figures/figur_0_10")
    assert not result.success
    assert "figur_0_10" in message and "UmappetEtikettError" in message
    assert "'Anna behandling i andre tenester'" in message and "bokmal.py" in message


# -- 6.1: Bufdir's overviews of cooperations and SSB 12115 ------------------------------------------------

# Bufdir's overviews, hand-built from demo kommuner: in 2021 one cooperation of three; in 2023 that one and a
# new one of two, and a kommune that left the first (so 3 kommuner in 2021 against 4 in 2023); and one from
# after the report year (2024), which a 2023 report must not read.
_OVERVIEWS = """kommunenummer;formelt_samarbeid;samarbeid;per_dato
9902;ja;Fjordsamarbeidet;31.08.2021
9908;ja;Fjordsamarbeidet;31.08.2021
9913;ja;Fjordsamarbeidet;31.08.2021
9920;nei;;31.08.2021
9902;ja;Fjordsamarbeidet;31.08.2023
9908;ja;Fjordsamarbeidet;31.08.2023
9913;nei;;31.08.2023
9920;ja;Barnevern Vest IKS;31.08.2023
9921;ja;Barnevern Vest IKS;31.08.2023
9902;ja;Nytt samarbeid;31.08.2024
9908;ja;Nytt samarbeid;31.08.2024
"""


def _with_overviews(tmp_path, text: str):
    snap = demo_snapshot_to_edit(tmp_path)
    (snap / "bufdir" / "interkommunale_samarbeid.csv").write_text(text, encoding="utf-8")
    return snap


@pytest.mark.slow
def test_each_overview_counts_its_cooperations_their_size_and_kommuner_and_6_1_reads_the_latest(tmp_path):
    snap = _with_overviews(tmp_path, _OVERVIEWS)
    result, message, warehouse = materialize_upstream(snap, tmp_path, "indicators/interkommunale_samarbeid_oversikt",
                                                      "indicators/interkommunalt_samarbeid")
    assert result.success, message
    with duckdb.connect(str(warehouse), read_only=True) as con:
        overviews = con.execute(
            "select aar, nyeste, samarbeid, kommuner_i_samarbeid, minste_samarbeid, storste_samarbeid, "
            "storrelser_etter_hyppighet from indicators.interkommunale_samarbeid_oversikt order by per_dato").fetchall()
        in_6_1 = con.execute("select sum(i_samarbeid) from indicators.interkommunalt_samarbeid").fetchone()[0]
    assert overviews == [(2021, False, 1, 3, 3, 3, "3 (1)"), (2023, True, 2, 4, 2, 2, "2 (2)")]
    assert in_6_1 == 4  # the 2023 overview only, not 3 + 4, nor the 2024 one


@pytest.mark.slow
@pytest.mark.parametrize("row, check", [
    ("9930;ja;;31.08.2023", "every_member_names_its_cooperation"),
    ("9930;nei;Fjordsamarbeidet;31.08.2023", "every_member_names_its_cooperation"),
    ("9930;ja;Fjordsamarbeidet AS;31.08.2023", "a_cooperation_has_two_kommuner_or_more"),
])
def test_an_overview_that_cannot_be_counted_stops_at_a_named_check(tmp_path, row, check):
    snap = _with_overviews(tmp_path, _OVERVIEWS + row + "\n")
    result, message, _ = materialize_upstream(snap, tmp_path, "indicators/interkommunale_samarbeid_oversikt")
    assert not result.success
    failed = [e for e in result.get_asset_check_evaluations() if not e.passed]
    assert [e.check_name for e in failed] == [check]


def _ssb_12115(tmp_path, answers: dict[tuple[str, str], float | str]):
    """The demo snapshot with a hand-built 12115: the country and four kommuner, 2021 and 2022."""
    from tests.handbuilt import jsonstat

    snap = demo_snapshot_to_edit(tmp_path)
    doc = jsonstat("12115: fixture", [
        ("KOKkommuneregion0000", "geo", [("EAK", "Landet"), ("0301", "0301 Oslo"), ("9902", "9902 Demokommune 02"),
                                         ("9908", "9908 Demokommune 08"), ("9913", "9913 Demokommune 13")]),
        ("ContentsCode", "metric", [("KOSinterkomm0000", "Er barnevernstenesta i eit interkommunalt samarbeid?")]),
        ("Tid", "time", [("2021", "2021"), ("2022", "2022")]),
    ], lambda region, _c, year: answers.get((region, year), 0.0))
    folder = snap / "ssb" / "12115"
    for old in folder.iterdir():
        old.unlink()
    (folder / "part-001.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return snap


@pytest.mark.slow
def test_ssb_12115_counts_the_kommuner_answering_ja_each_year_and_names_those_without_an_answer(tmp_path):
    snap = _ssb_12115(tmp_path, {("9902", "2021"): 1.0, ("9908", "2021"): 1.0, ("0301", "2021"): "..",
                                 ("9902", "2022"): 1.0, ("9908", "2022"): 1.0, ("9913", "2022"): 1.0,
                                 ("EAK", "2021"): 2.0, ("EAK", "2022"): 3.0})
    result, message, warehouse = materialize_upstream(snap, tmp_path, "indicators/interkommunalt_samarbeid_ssb")
    assert result.success, message
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("select aar, kommuner_i_samarbeid, kommuner_ikke_i_samarbeid, kommuner_uten_tall, "
                           "merknad_symboler from indicators.interkommunalt_samarbeid_ssb order by aar").fetchall()
    assert [r[:4] for r in rows] == [(2021, 2, 1, 1), (2022, 3, 1, 0)]
    assert "0301 Oslo ('..')" in rows[0][4] and "for lav" in rows[0][4] and rows[1][4] is None


@pytest.mark.slow
def test_an_answer_of_12115_other_than_ja_or_nei_stops_at_the_staged_table(tmp_path):
    snap = _ssb_12115(tmp_path, {("9902", "2021"): 1.0, ("9908", "2021"): 0.5})  # a share, not an answer
    result, message, _ = materialize_upstream(snap, tmp_path, "staging/interkommunalt_samarbeid_ssb")
    assert not result.success
    assert "staging/interkommunalt_samarbeid_ssb" in message and "svar_er_heltall" in message


# -- The numbers the text quotes: statements 33-45 and 55-61 of the review's table A.3 ---------------------

def _set_cells(doc: dict, cells: dict[tuple[tuple[str, str], ...], float]) -> None:
    """Set cells of a JSON-stat document by their codes: {((dimension, code), ...): value}."""
    for where, value in cells.items():
        codes = dict(where)
        flat = 0
        for dim, size in zip(doc["id"], doc["size"], strict=True):
            index = doc["dimension"][dim]["category"]["index"]
            flat = flat * size + (index[codes[dim]] if dim in codes else 0)
        doc["value"][flat] = value


@pytest.mark.slow
def test_the_text_numbers_back_each_statement_with_its_figure_in_bokmal(tmp_path):
    from pipeline.app.definitions import all_assets  # noqa: F401  (declares every figure)
    from pipeline.model_assets import FIGURES

    snap = demo_snapshot_to_edit(tmp_path)
    path = snap / "ssb" / "10673" / "part-001.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    metric = next(d for d in doc["id"] if d not in ("Region", "Tid"))
    _set_cells(doc, {((metric, "Meldingar"), ("Tid", "2021")): 53_468.0,
                     ((metric, "Meldingar"), ("Tid", "2022")): 49_778.0})
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result, message, warehouse = materialize_upstream(snap, tmp_path, "indicators/tall_i_teksten_tjenester")
    assert result.success, message
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = [r[0] for r in con.execute("describe indicators.tall_i_teksten_tjenester").fetchall()]
        rows = con.execute("select nr, utsagn, maal, verdi, enhet, fra_aar, til_aar, kilde "
                           "from indicators.tall_i_teksten_tjenester").fetchall()
    assert columns == ["report_year", "nr", "utsagn", "maal", "verdi", "enhet", "fra_aar", "til_aar", "kilde"]
    assert {r[0] for r in rows} == {33, 34, 38, 39, 40, 41, 42, 43, 44, 45, 55, 56, 57, 58, 59, 61}
    meldinger = {(r[5], r[6]): r[3] for r in rows if r[0] == 33}
    assert meldinger[(None, 2021)] == 53_468 and meldinger[(None, 2022)] == 49_778
    assert meldinger[(2021, 2022)] == pytest.approx(-6.90, abs=0.005)  # "en nedgang ... på 7 prosent"
    for nr, _utsagn, maal, _verdi, enhet, fra_aar, til_aar, kilde in rows:
        assert kilde in FIGURES or kilde.startswith("indicators."), (nr, kilde)
        assert not [w for w in NYNORSK if w in maal.lower()], maal
        assert til_aar <= 2023 and (fra_aar is None or fra_aar < til_aar)
        assert (enhet == "prosent") == (fra_aar is not None)  # a change, or a level
    # the changes the text reads on 5-15 ... 5-17 are 2020 -> 2022 (and the 2021 dip on 252)
    assert {(f, t) for nr, *_, f, t, _ in rows if nr == 55} == {(2020, 2022)}
    assert {(f, t) for nr, *_, f, t, _ in rows if nr == 57} == {(2020, 2022), (2020, 2021), (2021, 2022)}


def test_a_partial_snapshot_without_12115_keeps_the_kommune_structure_and_everything_else_built_on_it(tmp_path):
    """SSB 12115 has kommune rows, so indicators/kommunestruktur maps its codes where the snapshot has it; a
    snapshot without 12115 leaves out 12115's own assets, not the kommune structure and all KOSTRA work."""
    from pipeline.app.definitions import build_definitions

    defs = build_definitions(tmp_path / "snap", tmp_path / "w.duckdb", tmp_path / "out", ("raw.ssb_12115",))
    left_out = set(defs.resources["output"].left_out)
    assert {"raw/ssb_12115", "staging/interkommunalt_samarbeid_ssb",
            "indicators/interkommunalt_samarbeid_ssb"} <= left_out
    assert not {"indicators/kommunestruktur", "indicators/netto_driftsutgifter", "figures/figur_5_14",
                "figures/figur_6_1"} & left_out
