"""Other services, meldinger and inter-municipal cooperation (sections 5.3, 5.4 and 6.1 of the 2023 report):
bokmål labels on figures 0-7 … 0-10 (SSB's nynorsk mapped once, in `assets.sources.bokmal`), SSB 12115 and
the Bufdir overview of cooperations (63 cooperations, their size, 2021 against 2023), and the numbers the
text quotes (`indicators.tall_i_teksten_tjenester`)."""

from __future__ import annotations

import csv
import json

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
