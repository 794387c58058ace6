"""`reformeval fetch --check`: every declaration resolved against the stub's /metadata, no data fetched."""

from __future__ import annotations

import copy

import pytest

from assets import SSB_TABLES
from pipeline.app.cli import main
from tests.pxweb_stub import rename_value, rename_variable


def _blocks(out: str) -> dict[str, str]:
    """The report's block per table, by table id."""
    return {block.split()[2]: block for block in out.split("\n\n") if block.startswith("SSB table ")}


def test_check_lists_every_mismatch_of_every_table_with_the_closest_candidates_and_fetches_no_data(
        make_stub, full_tables, capsys):
    tables = copy.deepcopy(full_tables)
    rename_value(tables["09050"], "Tiltak", "L02", label="Hjelpetiltak (alle)")
    rename_variable(tables["12362"], "KOKart0000", new_code="KOKart0001")
    rename_variable(tables["11600"], "Plassering", label="plasseringstype")
    server = make_stub(tables=tables)

    code = main(["fetch", "--check", "--year", "2023", "--base-url", server.base_url])

    out = capsys.readouterr().out
    assert code == 1
    blocks = _blocks(out)
    assert set(blocks) == set(SSB_TABLES)
    tiltak = blocks["09050"]
    assert "variable 'Tiltak' (column 'tiltak')" in tiltak and "value label(s) 'Hjelpetiltak'" in tiltak
    assert "closest to 'Hjelpetiltak': 'Hjelpetiltak (alle)'" in tiltak
    kostra = blocks["12362"]
    assert "column 'art'" in kostra and "variable 'KOKart0000'" in kostra
    assert "closest to 'KOKart0000': 'KOKart0001 (art)'" in kostra
    # The renamed variable is named as the candidate, not reported again as an undeclared one.
    assert "not in the declaration" not in kostra
    plassering = blocks["11600"]
    assert "column 'plassering'" in plassering and "labelled 'type plassering'" in plassering
    assert "closest to 'type plassering': 'Plassering (plasseringstype)'" in plassering
    for ok in set(SSB_TABLES) - {"09050", "12362", "11600"}:
        assert "resolves" in blocks[ok], blocks[ok]
    assert f"3 of {len(SSB_TABLES)} tables do not resolve" in out
    assert server.state.data_requests() == []
    # 12362's declaration does not resolve, so the table that may publish its values (12367) is tried too
    assert len(server.state.metadata_requests()) == len(SSB_TABLES) + 1


def test_check_passes_when_every_declaration_resolves(stub, capsys):
    assert main(["fetch", "--check", "--base-url", stub.base_url]) == 0
    out = capsys.readouterr().out
    assert f"{len(SSB_TABLES)} tables resolve against /metadata" in out
    # What a label resolved to is shown, so the first live contact says which codes were taken.
    assert "'Hjelpetiltak' = L02" in _blocks(out)["09050"]
    assert stub.state.data_requests() == []


def test_check_of_chosen_tables_reads_only_their_metadata(stub, capsys):
    assert main(["fetch", "--check", "--tables", "09050,12845", "--base-url", stub.base_url]) == 0
    assert set(_blocks(capsys.readouterr().out)) == {"09050", "12845"}
    assert len(stub.state.metadata_requests()) == 2


def test_fetch_without_check_still_needs_a_target(stub):
    with pytest.raises(SystemExit):
        main(["fetch", "--base-url", stub.base_url])
    assert stub.state.requests == []


def test_check_goes_on_past_a_table_ssb_does_not_know(make_stub, full_tables, capsys):
    tables = {tid: doc for tid, doc in full_tables.items() if tid != "13353"}
    server = make_stub(tables=tables)
    assert main(["fetch", "--check", "--base-url", server.base_url]) == 1
    out = capsys.readouterr().out
    blocks = _blocks(out)
    assert "metadata could not be read" in blocks["13353"] and "HTTP 404" in blocks["13353"]
    assert all("resolves" in block for tid, block in blocks.items() if tid != "13353")
    assert f"1 of {len(SSB_TABLES)} tables do not resolve" in out
