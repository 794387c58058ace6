"""Egenandeler (table 5-2), the rammetilskudd tied to the reform and its transition, the text numbers of
section 5.5, and what each report year 2023-2027 needs from the reference data (issue #11, items 4, 7, 8).

Table 5-2 is built from the reference tables through the deflator and egenandeler models, in memory; a
hand-built egenandeler file stands in for the 2021 circular the built-in data lack."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest

from pipeline.reference import SEEDS_DIR, read_reference_csv
from pipeline.warehouse import render_sql, set_variables

MENON_MARK = "Menon 2023 (sekundærkilde)"


def seed_rows(name: str) -> list[dict[str, str]]:
    with (SEEDS_DIR / f"{name}.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def table_5_2_connection(report_year: int, overrides: dict[str, Path] | None = None) -> duckdb.DuckDBPyConnection:
    """The reference tables table 5-2 reads (built-in, or a hand-built file by name), the deflator and
    the egenandeler model of `report_year`, in an in-memory warehouse."""
    from assets.egenandeler import EGENANDELER_SATSER, EGENANDELER_TILTAK
    from assets.reference import KOMMUNAL_DEFLATOR, RAPPORTAAR

    overrides = overrides or {}
    con = duckdb.connect()
    con.execute("create schema reference; create schema indicators")
    for spec in (KOMMUNAL_DEFLATOR, RAPPORTAAR, EGENANDELER_SATSER, EGENANDELER_TILTAK):
        frame = read_reference_csv(spec, overrides.get(spec.name, SEEDS_DIR / f"{spec.name}.csv"))
        con.register("frame", frame)
        con.execute(f"create table {spec.table} as select * from frame")
        con.unregister("frame")
    set_variables(con, report_year=report_year, first_year=2021)
    con.execute(f"create table indicators.deflator as {render_sql('indicators/deflator.sql')}")
    con.execute(f"create table indicators.egenandeler_satser_fast as "
                f"{render_sql('indicators/egenandeler_satser_fast.sql')}")
    return con


def with_2021_rates(tmp_path: Path) -> Path:
    """The built-in rates plus a hand-made 2021 year (round test numbers, labelled as a test fixture):
    what a snapshot's reference/egenandeler_satser.csv brings once the 2021 circular is found."""
    rows = seed_rows("egenandeler_satser")
    fixture = {"institusjon": 80_000, "institusjon_ema": 40_000, "sfb_dogn": 80_000, "sfb_poliklinisk": 30_000,
               "forsterkning_fosterhjem": 40_000, "beredskapshjem_spesialiserte": 40_000, "mst": 20_000,
               "fft": 20_000, "pmto": 0, "webster_stratton": 0}
    rows += [{"year": "2021", "tiltak_nokkel": key, "tiltak": key, "sats_kr_per_maaned": str(sats),
              "source_document": "test fixture (not a published rate)", "source_url": "urn:test"}
             for key, sats in fixture.items()]
    path = tmp_path / "egenandeler_satser.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


# --- Table 5-2 as the report has it ---------------------------------------------------------------

REPORT_ROWS = [
    "Barnevernsinstitusjoner",
    "Barnevernsinstitusjoner – enslige, mindreårige asylsøkere og flyktninger fra omsorgssentre og asylmottak*",
    "Senter for foreldre og barn (døgnopphold på senter)",
    "Senter for foreldre og barn (hjemmebasert/poliklinisk)",
    "Egenandel ved refusjon av utgifter til forsterkning av fosterhjem**",
    "Beredskapshjem og spesialiserte fosterhjem***",
    "MST",
    "FFT",
    "PMTO****",
    "Webster Stratton",
]


def markdown_rows(lines: list[str]) -> list[list[str]]:
    body = [line for line in lines if line.startswith("| ") and not line.startswith("| Tiltak")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in body]


def test_table_5_2_has_the_reports_rows_in_its_order_and_existing_placements_as_a_footnote():
    from assets.egenandeler import build_tabell_5_2

    table = build_tabell_5_2(table_5_2_connection(2023), 2023)
    rows = markdown_rows(table.markdown)
    assert [r[0] for r in rows] == REPORT_ROWS
    header = next(line for line in table.markdown if line.startswith("| Tiltak"))
    assert "Sats per måned 2021" in header and "Endring 2021–2023" in header
    by_row = {r[0]: r[1:] for r in rows}
    assert by_row["Barnevernsinstitusjoner"][1:3] == ["178 840", "175 000"]
    # Forsterkning ended with 2021: a dash for the later years, not a missing rate.
    assert by_row[REPORT_ROWS[4]][1:3] == ["-", "-"]
    text = "\n".join(table.markdown)
    assert "eksisterende plasseringer" not in " ".join(r[0].lower() for r in rows)
    assert "*Kommunene skal betale ordinær egenandel for opphold i institusjon for bosatte enslige" in text
    assert "**Statens refusjon av utgifter til forsterkning av kommunale fosterhjem omtales i Rundskriv Q-06/2007" \
        in text
    assert ("***Eksisterende plasseringer i beredskapshjem og spesialiserte fosterhjem gjort før 2022, skal "
            "videreføres uten endringer i 2023. I slike tilfeller vil egenandelen være kr 38 100.") in text
    assert "****Overføring av ansvaret for å tilby PMTO" in text
    assert not table.problems


def test_table_5_2_names_the_missing_2021_circular_and_why_the_change_is_missing():
    from assets.egenandeler import build_tabell_5_2

    table = build_tabell_5_2(table_5_2_connection(2023), 2023)
    by_row = {r[0]: r[1:] for r in markdown_rows(table.markdown)}
    assert by_row["Barnevernsinstitusjoner"][0] == "–" and by_row["Barnevernsinstitusjoner"][3] == "–"
    text = "\n".join(table.markdown)
    assert "Satser for kommunal egenbetaling for barnevernstiltak – 2021" in text
    assert "Endring 2021–2023 kan ikke beregnes" in text
    # The gap is a footnote, not a failed check: the report year's rates are all there.
    assert not table.problems


def test_table_5_2_changes_since_2021_when_the_2021_rates_are_there(tmp_path):
    from assets.egenandeler import build_tabell_5_2

    con = table_5_2_connection(2023, {"egenandeler_satser": with_2021_rates(tmp_path)})
    factor_2021 = con.execute("select faktor_til_rapportaar from indicators.deflator where aar = 2021").fetchone()[0]
    by_row = {r[0]: r[1:] for r in markdown_rows(build_tabell_5_2(con, 2023).markdown)}
    expected = round(100 * (175_000 / (80_000 * factor_2021) - 1))
    assert by_row["Barnevernsinstitusjoner"][3] == f"{expected} %"
    assert by_row[REPORT_ROWS[4]][0] == f"{round(40_000 * factor_2021):,}".replace(",", " ")
    assert by_row["PMTO****"][3] == "–"  # 0 to 0 kroner: no per cent change


def test_a_rate_of_a_measure_the_table_does_not_know_stops_the_table(tmp_path):
    from assets.egenandeler import build_tabell_5_2

    rows = seed_rows("egenandeler_satser")
    rows.append({**rows[-1], "year": "2023", "tiltak_nokkel": "nytt_tiltak", "tiltak": "Nytt tiltak"})
    path = tmp_path / "egenandeler_satser.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    table = build_tabell_5_2(table_5_2_connection(2023, {"egenandeler_satser": path}), 2023)
    assert any("nytt_tiltak" in p and "egenandeler_tiltak" in p for p in table.problems)


# --- Sources: the government's documents, the report only as a marked last resort --------------------

def test_reference_rows_name_a_government_document_or_say_they_are_second_hand():
    for name in ("egenandeler_satser", "egenandeler_tiltak", "rammetilskudd_barnevernsreform",
                 "rammetilskudd_totaler", "rammetilskudd_overgangsordning"):
        for row in seed_rows(name):
            cites_menon = "menon" in (row["source_document"] + row["source_url"]).lower()
            assert not cites_menon or row["source_document"].startswith(MENON_MARK), (name, row)


def test_the_grant_items_cite_bufdir_where_bufdir_states_them():
    items = {r["item"]: r for r in seed_rows("rammetilskudd_barnevernsreform")}
    assert items["kompensasjon_finansieringsansvar"]["source_url"].startswith("https://www.bufdir.no/")
    assert items["okt_kompensasjon_2023_gamle_egenandeler"]["source_url"].startswith("https://www.bufdir.no/")
    assert items["innlemming_stillinger_og_kompetansekrav"]["source_document"].startswith(MENON_MARK)


def test_the_transition_is_reference_data_half_and_half_for_three_years():
    rows = seed_rows("rammetilskudd_overgangsordning")
    assert [int(r["year"]) for r in rows] == [2022, 2023, 2024]
    assert all(float(r["delkostnadsnokkel_prosent"]) == 50 == float(r["overgangsordning_prosent"]) for r in rows)
    # 2024's changes to the grant are not in the built-in items: a named gap for report years 2025-.
    assert [r["endringer_registrert"] for r in rows] == ["true", "true", "false"]


# --- What each report year needs that the built-in reference data lack ----------------------------------

def gaps(year: int) -> dict[str, list[str]]:
    from assets.rapportaar import builtin_reference_gaps

    found: dict[str, list[str]] = {}
    for gap in builtin_reference_gaps(year):
        found.setdefault(gap.table, []).append(("STOP " if gap.blocking else "note ") + gap.what)
    return found


def test_report_year_2023_lacks_only_the_2021_rates_a_footnoted_gap():
    found = gaps(2023)
    assert set(found) == {"egenandeler_satser"}  # the deflator's 2017 is the 2016-10 forecast (Prop. 1 S)
    (rates,) = found["egenandeler_satser"]
    assert rates.startswith("note ") and "2021" in rates  # a footnoted gap, not a stop


def test_later_report_years_name_every_missing_built_in_input():
    found = gaps(2024)
    assert any("2024-10" in g and g.startswith("STOP ") for g in found["kommunal_deflator"])
    assert any("2024" in g and g.startswith("STOP ") for g in found["egenandeler_satser"])
    assert "rammetilskudd_overgangsordning" not in found  # 2022 and 2023 are recorded
    found = gaps(2025)
    assert any("2025-10" in g for g in found["kommunal_deflator"])
    assert any("2024, 2025" in g for g in found["egenandeler_satser"])
    assert any("2024" in g and g.startswith("STOP ") for g in found["rammetilskudd_overgangsordning"])
    assert any("2024, 2025, 2026" in g for g in gaps(2027)["rammetilskudd_overgangsordning"])


def test_the_year_check_imports_neither_dagster_nor_pandas():
    import subprocess
    import sys

    code = ("import sys; from assets.rapportaar import builtin_reference_gaps; builtin_reference_gaps(2024); "
            "print(sorted(m for m in ('dagster', 'pandas', 'great_expectations') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.strip() == "[]"


def test_a_real_run_of_2024_stops_before_dagster_naming_every_missing_input(tmp_path):
    from pipeline.app.run import run_report_year
    from pipeline.errors import ReferenceDataError
    from tests.test_run import national_only_snapshot

    snapshot = national_only_snapshot(tmp_path / "snap", deflator=None)
    with pytest.raises(ReferenceDataError) as err:
        run_report_year(2024, snapshot, tmp_path / "out", allow_partial=True)
    message = str(err.value)
    assert "report year 2024 needs reference data the built-in tables lack" in message
    for needle in ("reference.kommunal_deflator", "2024-10", "reference.egenandeler_satser", "no rates for 2024"):
        assert needle in message
    assert not (tmp_path / "out").exists() and not list(tmp_path.glob(".out.building-*"))


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026, 2027])
def test_the_demo_snapshot_of_every_report_year_covers_each_gap_with_labelled_synthetic_data(tmp_path, year):
    from assets import write_demo
    from pipeline.app.preflight import check_reference_data

    snapshot = write_demo(tmp_path / "demo", year)
    covered = check_reference_data(snapshot, year)  # raises on a gap the snapshot leaves open
    assert {g["table"] for g in covered} == set(gaps(year))
    assert all(g["covered_by"] == f"reference/{g['table']}.csv (synthetic)" for g in covered)
    for name in {g["table"] for g in covered}:
        with (snapshot.root / "reference" / f"{name}.csv").open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        builtin = {tuple(r.values()) for r in seed_rows(name)}
        assert all("DEMODATA" in r["source_document"] for r in rows if tuple(r.values()) not in builtin)


@pytest.mark.slow
def test_a_later_report_year_runs_on_the_demo_and_lists_what_the_built_in_data_lack(tmp_path):
    from pipeline.app.cli import main

    out = tmp_path / "out"
    assert main(["run", "--year", "2026", "--demo", "--out", str(out)]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["success"] and {g["table"] for g in manifest["reference_gaps"]} == set(gaps(2026))
    table = (out / "report" / "2026" / "tabell_5_2_DEMODATA.md").read_text(encoding="utf-8")
    assert "Sats per måned 2026" in table and "Endring 2021–2026" in table
    with duckdb.connect(str(out / "warehouse.duckdb"), read_only=True) as con:
        statements = {r[0] for r in con.execute(
            "select distinct nr from indicators.tall_i_teksten_okonomi where report_year = 2026").fetchall()}
        # 2023 had øst and sør together (Viken), 2025 has them apart: the change 2023-2025 is still given
        # for the two together, from the sum of 2025's parts.
        ost_og_sor = con.execute(
            "select verdi from indicators.tall_i_teksten_plasseringer where report_year = 2026 and nr = 21 "
            "and maal = 'Endring i barn 0–17 år i fosterhjem per 31.12., Region øst og sør'").fetchall()
    assert statements == {46, 47, 49, 50}
    assert len(ost_og_sor) == 1 and ost_og_sor[0][0] is not None


# --- The text numbers of section 5.5 ----------------------------------------------------------------------

CONTRACT = ["report_year", "nr", "utsagn", "maal", "verdi", "enhet", "fra_aar", "til_aar", "kilde"]


def test_text_numbers_46_47_49_50_from_the_demo(tmp_path):
    from assets import write_demo
    from tests.handbuilt import materialize_upstream

    snapshot = write_demo(tmp_path / "demo", 2023).root
    result, failure, warehouse = materialize_upstream(snapshot, tmp_path, "indicators/tall_i_teksten_okonomi")
    assert result.success, failure
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("select * from indicators.tall_i_teksten_okonomi where report_year = 2023")
        columns = [d[0] for d in rows.description]
        data = [dict(zip(columns, r, strict=True)) for r in rows.fetchall()]
        headline = con.execute("select utgiftsokning_mill_kr, rammetilskudd_okning_mill_kr, differanse_mill_kr "
                               "from indicators.rammetilskudd_sammenligning where report_year = 2023 and aar = 2022"
                               ).fetchone()
        change = con.execute("select endring_prosent_fra_aaret_foer_reformen from indicators.egenandeler_satser_fast "
                             "where report_year = 2023 and aar = 2023 and tiltak_nokkel = 'institusjon'").fetchone()[0]
    assert columns == CONTRACT
    by_nr: dict[int, list[dict]] = {}
    for row in data:
        by_nr.setdefault(row["nr"], []).append(row)
    assert set(by_nr) == {46, 47, 49, 50}
    assert all(r["utsagn"] and r["maal"] and r["kilde"] for r in data)
    assert all(r["verdi"] is not None for r in data)  # the hand-built inputs give every number
    # 49: the headline of the first reform year, against the year before the reform, in 2023-kroner.
    fourty_nine = {r["maal"]: r for r in by_nr[49]}
    assert sorted(r["verdi"] for r in fourty_nine.values()) == pytest.approx(sorted(headline))
    assert all(r["enhet"] == "mill. 2023-kr" and r["til_aar"] == 2022 for r in by_nr[49])
    # 47: half through the delkostnadsnøkkel, half through the transition, three years 2022-2024.
    shares = sorted(r["verdi"] for r in by_nr[47] if r["enhet"] == "prosent")
    assert shares == [50.0, 50.0]
    (years,) = [r for r in by_nr[47] if r["enhet"] == "år"]
    assert (years["verdi"], years["fra_aar"], years["til_aar"]) == (3.0, 2022, 2024)
    # 50: the change 2021-2023 as table 5-2 computes it.
    institusjon = next(r for r in by_nr[50] if "institusjon" in r["maal"].lower())
    assert institusjon["verdi"] == pytest.approx(change)
    assert (institusjon["enhet"], institusjon["fra_aar"], institusjon["til_aar"]) == ("prosent", 2021, 2023)
    assert all(r["kilde"] == "tabell_5_2" for r in by_nr[50])
