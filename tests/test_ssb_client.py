"""The PxWebApi v2 client against a stub server on 127.0.0.1 that answers like SSB's API."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path

import pytest

from assets import SSB_TABLES
from pipeline.app.fetch import fetch_snapshot
from pipeline.errors import SsbError, SsbRateLimitError, SsbReplyError, SsbSchemaError, SsbUnavailableError
from pipeline.ssb.client import ApiLimits, PxWebClient, RatePacer, resolve_query, split_query
from pipeline.ssb.declaration import Selection
from pipeline.ssb.jsonstat import parse_dataset
from pipeline.ssb.klass import fetch_kommune_changes
from tests.pxweb_stub import Fault, default_config, rename_value, rename_variable

T12362 = SSB_TABLES["12362"]
# KLASS 131 changes as the API gives them, for the demo world's 2020 changes.
KLASS_DEMO_CHANGES = [
    {"oldCode": old, "oldName": f"Demo {old}", "oldShortName": None, "newCode": new, "newName": f"Demo {new}",
     "newShortName": None, "changeOccurred": "2020-01-01"}
    for old, new in (("9958", "9960"), ("9959", "9960"), ("9957", "9961"))
] + [{"oldCode": "0301", "oldName": "Oslo", "newCode": "0301", "newName": "Oslo", "changeOccurred": "2020-01-01"}]
T07459 = SSB_TABLES["07459"]


def client_for(server, **kwargs) -> PxWebClient:
    options = {"backoff_base": 0.01, "backoff_cap": 0.05, "timeout": 5.0, "max_retries": 3}
    options.update(kwargs)
    return PxWebClient(server.base_url, **options)


def test_limits_are_read_from_config_and_zero_falls_back_to_ssb_documented_limit(make_stub):
    server = make_stub(default_config(max_cells=1234, max_calls=7, window=3))
    with client_for(server) as client:
        assert client.limits == ApiLimits(1234, 7, 3.0)
    server = make_stub(default_config(max_cells=800_000, max_calls=0, window=0))
    with client_for(server) as client:
        assert client.limits == ApiLimits(800_000, 30, 60.0)


def test_fetched_table_parses_to_exactly_the_cells_the_server_holds(stub, full_tables):
    with client_for(stub) as client:
        parts = list(client.fetch_table(T12362, 2023))
    assert len(parts) == 1
    parsed = parse_dataset(parts[0].content, "stub", T12362)
    full = full_tables["12362"]
    assert parsed.cells == len(full["value"])
    # Symbols travel as status, never as a number.
    symbols = parsed.frame[parsed.frame["status"].notna()]
    assert len(symbols) == len(full["status"]) > 0
    assert symbols["value"].isna().all()


def test_query_over_the_cell_limit_is_split_and_every_part_stays_under_it(make_stub, full_tables):
    limit = 20_000
    server = make_stub(default_config(max_cells=limit))
    with client_for(server) as client:
        parts = list(client.fetch_table(T07459, 2023))
    assert len(parts) > 1
    assert all(p.query.cells <= limit for p in parts)
    total = sum(parse_dataset(p.content, "stub", T07459).cells for p in parts)
    assert total == len(full_tables["07459"]["value"])
    # No part was refused by the server, since the client split before sending.
    assert len(server.state.data_requests()) == len(parts)


def test_server_refusing_too_many_cells_makes_the_client_split_further(make_stub, full_tables):
    server = make_stub(default_config(max_cells=800_000))
    server.state.server_max_cells = 10_000  # the server is stricter than its /config says
    with client_for(server) as client:
        parts = list(client.fetch_table(T07459, 2023))
    assert all(p.query.cells <= 10_000 for p in parts)
    assert sum(p.query.cells for p in parts) == len(full_tables["07459"]["value"])


def test_429_waits_as_long_as_retry_after_says(stub):
    stub.state.faults = [Fault("429", retry_after="1")]
    with client_for(stub) as client:
        part = next(client.fetch_table(T12362, 2023))
    first, second = stub.state.data_requests()[:2]
    assert second.at - first.at >= 0.95
    assert part.content


def test_5xx_is_retried_with_backoff_and_then_succeeds(stub):
    stub.state.faults = [Fault("500"), Fault("503")]
    with client_for(stub) as client:
        part = next(client.fetch_table(T12362, 2023))
    assert len(stub.state.data_requests()) == 3
    assert json.loads(part.content)["class"] == "dataset"


def test_persistent_5xx_ends_in_a_named_error(stub):
    stub.state.faults = [Fault("500")] * 10
    with client_for(stub, max_retries=2) as client, pytest.raises(SsbUnavailableError, match=r"12362.*HTTP 500"):
        list(client.fetch_table(T12362, 2023))


def test_slow_reply_times_out_and_is_retried(stub):
    stub.state.faults = [Fault("slow", seconds=1.5)]
    with client_for(stub, timeout=0.5) as client:
        part = next(client.fetch_table(T12362, 2023))
    assert len(stub.state.data_requests()) == 2
    assert part.attempts == 1  # the timed-out attempt was a transport retry, the reply came whole


def test_truncated_reply_is_detected_and_retried(stub):
    stub.state.faults = [Fault("truncate")]
    with client_for(stub) as client:
        part = next(client.fetch_table(T12362, 2023))
    assert part.attempts == 2
    json.loads(part.content)  # the archived bytes are the complete reply


def test_always_truncated_reply_fails_with_a_message_saying_so(stub):
    stub.state.faults = [Fault("truncate")] * 10
    with client_for(stub, max_retries=2) as client, pytest.raises(SsbReplyError, match="truncated"):
        list(client.fetch_table(T12362, 2023))


def test_truncated_metadata_is_fetched_again_and_then_read(stub):
    stub.state.metadata_faults = [Fault("truncate"), Fault("empty")]
    with client_for(stub) as client:
        metadata = client.metadata(T12362)
    assert "KOKfunksjon0000" in metadata.dimensions
    assert len(stub.state.metadata_requests()) == 3


def test_always_truncated_metadata_ends_in_an_error_naming_the_table_and_the_attempts(stub):
    stub.state.metadata_faults = [Fault("truncate")] * 10
    with client_for(stub, max_retries=2) as client, pytest.raises(
            SsbReplyError, match=r"SSB table 12362 metadata: truncated.*still truncated after 3 attempts") as err:
        list(client.fetch_table(T12362, 2023))
    assert err.value.truncated
    assert len(stub.state.metadata_requests()) == 3
    assert stub.state.data_requests() == []


def test_metadata_that_came_whole_but_is_not_json_is_not_fetched_again(stub):
    stub.state.metadata_faults = [Fault("html")]
    with client_for(stub) as client, pytest.raises(SsbReplyError, match="12362 metadata: invalid JSON") as err:
        client.metadata(T12362)
    assert not err.value.truncated
    assert len(stub.state.metadata_requests()) == 1


def test_truncated_config_is_fetched_again(stub):
    stub.state.config_faults = [Fault("truncate")]
    with client_for(stub) as client:
        assert client.limits == ApiLimits(800_000, 30, 60.0)
    assert len(stub.state.config_requests()) == 2


def test_klass_5xx_and_truncated_replies_are_retried(stub):
    stub.state.klass_changes = KLASS_DEMO_CHANGES
    stub.state.klass_faults = [Fault("503"), Fault("truncate")]
    with client_for(stub) as client:
        url, reply = fetch_kommune_changes(client, stub.klass_url, "2015-01-01", "2023-12-31")
    assert json.loads(reply)["codeChanges"] == KLASS_DEMO_CHANGES
    assert url.startswith(stub.klass_url) and "from=2015-01-01" in url
    assert len(stub.state.klass_requests()) == 3


@pytest.mark.parametrize("fault", [Fault("503"), Fault("truncate")], ids=["503", "truncated"])
def test_klass_down_stops_the_fetch_before_any_data_request_and_leaves_no_snapshot(stub, tmp_path, fault):
    stub.state.klass_faults = [fault] * 50
    with client_for(stub, max_retries=1) as client, pytest.raises(SsbError, match="KLASS 131"):
        fetch_snapshot(2023, tmp_path / "snap", client=client, klass_url=stub.klass_url)
    assert stub.state.data_requests() == []
    assert not (tmp_path / "snap").exists()
    assert not list(tmp_path.glob(".snap.partial-*"))


def test_renamed_variable_fails_before_any_data_call_and_lists_what_the_table_has(make_stub, full_tables):
    tables = copy.deepcopy(full_tables)
    doc = tables["12362"]
    doc["id"] = ["KOKfunksjon0001" if d == "KOKfunksjon0000" else d for d in doc["id"]]
    doc["dimension"]["KOKfunksjon0001"] = doc["dimension"].pop("KOKfunksjon0000")
    server = make_stub(tables=tables)
    with client_for(server) as client, pytest.raises(SsbSchemaError) as err:
        list(client.fetch_table(T12362, 2023))
    message = str(err.value)
    assert "12362" in message and "'KOKfunksjon0000'" in message and "KOKfunksjon0001" in message
    assert server.state.data_requests() == []


def test_every_mismatch_of_a_table_is_in_one_error_with_the_closest_candidates(make_stub, full_tables):
    tables = copy.deepcopy(full_tables)
    rename_variable(tables["12362"], "KOKfunksjon0000", new_code="KOKfunksjon0001")
    rename_value(tables["12362"], "KOKart0000", "AGD2", new_code="AGD02")
    server = make_stub(tables=tables)
    with client_for(server) as client, pytest.raises(SsbSchemaError) as err:
        list(client.fetch_table(T12362, 2024))  # 2023 is not published in the stub
    by_variable = {m.variable: m for m in err.value.mismatches}
    assert set(by_variable) == {"column 'funksjon'", "variable 'KOKart0000' (column 'art')",
                                "variable 'Tid' (column 'aar')"}
    assert all(m.table == "12362" for m in err.value.mismatches)
    funksjon = by_variable["column 'funksjon'"]
    assert funksjon.expected == "variable 'KOKfunksjon0000'" and "KOKfunksjon0001" in funksjon.has
    assert funksjon.closest == (("KOKfunksjon0000", ("KOKfunksjon0001 (funksjon)",)),)
    art = by_variable["variable 'KOKart0000' (column 'art')"]
    assert art.expected == "value code(s) 'AGD2'"
    wanted, nearest = art.closest[0]
    assert wanted == "AGD2" and nearest[0] == "AGD02 (Netto driftsutgifter)"  # the nearest first
    assert by_variable["variable 'Tid' (column 'aar')"].expected == "year(s) '2023'"
    message = str(err.value)
    assert message.startswith("SSB table 12362 does not match its declaration (3 mismatches)")
    assert server.state.data_requests() == []


def test_unknown_value_code_is_named_with_the_codes_the_variable_has(stub):
    table = dataclasses.replace(
        T12362,
        variables=tuple(
            dataclasses.replace(v, selection=Selection.codes("244", "999")) if v.column == "funksjon" else v
            for v in T12362.variables
        ),
    )
    with client_for(stub) as client, pytest.raises(SsbSchemaError, match=r"'999'.*has '244 \(Barnevernstjeneste\)"):
        list(client.fetch_table(table, 2023))


def test_year_not_yet_published_is_an_error_naming_the_year(stub):
    with client_for(stub) as client, pytest.raises(SsbSchemaError, match=r"year\(s\) '2023'"):
        list(client.fetch_table(T12362, 2024))


def test_labels_are_resolved_to_codes_against_the_metadata(stub):
    table = dataclasses.replace(
        T12362,
        variables=tuple(
            dataclasses.replace(v, selection=Selection.labels("Barnevernstjeneste")) if v.column == "funksjon" else v
            for v in T12362.variables
        ),
    )
    with client_for(stub) as client:
        part = next(client.fetch_table(table, 2023))
    assert part.query.label_resolution == {"KOKfunksjon0000": {"Barnevernstjeneste": "244"}}
    assert part.body["selection"][1] == {"variableCode": "KOKfunksjon0000", "valueCodes": ["244"]}


def test_unknown_label_is_an_error_listing_the_labels(stub):
    table = dataclasses.replace(
        T12362,
        variables=tuple(
            dataclasses.replace(v, selection=Selection.labels("Barnevern i alt")) if v.column == "funksjon" else v
            for v in T12362.variables
        ),
    )
    with client_for(stub) as client, pytest.raises(SsbSchemaError, match="label.*'Barnevern i alt'"):
        list(client.fetch_table(table, 2023))


def test_time_variable_is_found_by_its_role_not_its_name(stub, full_tables):
    with client_for(stub) as client:
        query = resolve_query(T12362, client.metadata(T12362), 2023)
    assert query.columns["Tid"] == "aar"
    assert query.selection["Tid"] == [str(y) for y in range(2015, 2023)]


def test_calls_are_paced_under_the_rate_limit(make_stub):
    server = make_stub(default_config(max_cells=20_000, max_calls=3, window=1))
    with client_for(server) as client:
        parts = list(client.fetch_table(T07459, 2023))
    assert len(parts) >= 4
    times = sorted(r.at for r in server.state.requests if not r.path.endswith("/config"))
    for i in range(len(times) - 3):
        # Sent at least 1 s apart; arrival jitter on loopback is far below the 0.1 s allowed here.
        assert times[i + 3] - times[i] >= 0.9, "more than 3 calls inside one 1 s window"


def test_pacer_waits_for_the_oldest_call_to_leave_the_window():
    now = [0.0]
    slept = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    pacer = RatePacer(2, 10.0, clock=lambda: now[0], sleep=sleep)
    assert pacer.wait() == 0 and pacer.wait() == 0
    waited = pacer.wait()
    assert 10.0 <= waited < 10.01 and slept


def test_split_query_cuts_the_largest_variable_and_keeps_every_cell():
    from pipeline.ssb.client import ResolvedQuery

    query = ResolvedQuery("x", {"A": [str(i) for i in range(10)], "B": ["1", "2", "3"], "C": ["y"]})
    parts = split_query(query, 7)
    assert all(p.cells <= 7 for p in parts)
    cells = {(a, b) for p in parts for a in p.selection["A"] for b in p.selection["B"]}
    assert len(cells) == 30


def test_split_query_makes_as_few_parts_as_the_cell_limit_allows():
    """Every part is a call against SSB's 30 per minute: cutting the variable with most values (5) would make
    three parts of at most 15 cells; cutting the one with two values makes the two the limit allows."""
    from pipeline.ssb.client import ResolvedQuery

    query = ResolvedQuery("x", {"A": list("abcde"), "B": ["1", "2", "3"], "C": ["y", "z"]})
    parts = split_query(query, 15)
    assert len(parts) == 2
    assert all(p.cells <= 15 for p in parts)
    cells = {(a, b, c) for p in parts for a in p.selection["A"] for b in p.selection["B"] for c in p.selection["C"]}
    assert len(cells) == 30


def test_fetch_snapshot_archives_replies_byte_for_byte_with_a_manifest(stub, tmp_path):
    from pipeline.snapshot import Snapshot, sha256_bytes

    stub.state.klass_changes = KLASS_DEMO_CHANGES
    with client_for(stub) as client:
        snap = fetch_snapshot(2023, tmp_path / "snap", client=client, klass_url=stub.klass_url)
    assert isinstance(snap, Snapshot) and not snap.synthetic
    entries = snap.manifest["files"]
    assert {e["table"] for e in entries} == {*SSB_TABLES, "131", "kommuneendringer"}
    for entry in entries:
        data = (snap.root / entry["path"]).read_bytes()
        assert sha256_bytes(data) == entry["sha256"]
        if entry["kind"] == "ssb":
            assert entry["url"].startswith(stub.base_url) and entry["query"]["selection"]
    changes = (snap.root / "reference" / "kommuneendringer.csv").read_text().splitlines()
    assert changes[0].startswith("change_year,old_code") and len(changes) == 1 + 3
    assert changes[1].startswith("2020,9958,") and "9960" in changes[1]


def test_failed_fetch_leaves_no_half_snapshot(stub, tmp_path):
    stub.state.faults = [Fault("500")] * 50
    with client_for(stub, max_retries=1) as client, pytest.raises(SsbUnavailableError):
        fetch_snapshot(2023, tmp_path / "snap", client=client, klass_url=stub.klass_url)
    assert not (tmp_path / "snap").exists()
    assert not list(tmp_path.glob(".snap.partial-*"))


def test_live_run_fetches_archives_and_materialises_the_report_year_from_the_stub(stub, tmp_path):
    """`reformeval run` without --snapshot: fetch into a new snapshot, then the same parsing path."""
    from assets import BUFDIR_DATASETS
    from assets.demo import demo_files
    from assets.sources import KOMMUNE_DATASETS
    from pipeline.app.run import run_report_year

    stub.state.klass_changes = KLASS_DEMO_CHANGES
    drop = tmp_path / "bufdir-drop"  # the evaluators' folder of Bufdir files
    kommune_drop = tmp_path / "kommune-drop"  # and of the kommuner's own answers (ASSS)
    drop.mkdir()
    kommune_drop.mkdir()
    files = demo_files(2023)
    for relpath, data in files.items():
        if relpath.startswith("bufdir/"):
            (drop / relpath.split("/", 1)[1]).write_bytes(data)
        if relpath.startswith("kommune/"):
            (kommune_drop / relpath.split("/", 1)[1]).write_bytes(data)
    with client_for(stub) as client:
        snap = fetch_snapshot(2023, tmp_path / "snap", client=client, klass_url=stub.klass_url, bufdir_dir=drop,
                              kommune_dir=kommune_drop)
    archived = {e["table"] for e in snap.manifest["files"] if e["kind"] == "bufdir"}
    assert archived == set(BUFDIR_DATASETS)
    # the kommune answers are archived and listed like the Bufdir files, not left to be copied by hand
    assert {e["table"] for e in snap.manifest["files"] if e["kind"] == "kommune"} == set(KOMMUNE_DATASETS)
    # A deflator the built-in data cannot give (2017 is missing there); added after the fetch, so the
    # run reports it as a file the manifest does not list.
    rows = ["year,growth_percent,published,published_in,kind,source_document,source_url,quote"]
    rows += [f"{y},3.0,2020-01,test,anslag,test fixture,urn:test," for y in range(2015, 2024)]
    (snap.root / "reference" / "kommunal_deflator.csv").write_text("\n".join(rows) + "\n")
    # The stub's invented kommuner (99xx) lie in no real fylke: their barnevernsregion comes with them.
    (snap.root / "reference" / "barnevernsregion.csv").write_bytes(files["reference/barnevernsregion.csv"])
    out = run_report_year(2023, snap.root, tmp_path / "out")
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["success"] and not manifest["synthetic"]
    assert sorted(manifest["snapshot"]["unlisted_files"]) == ["reference/barnevernsregion.csv",
                                                              "reference/kommunal_deflator.csv"]
    entries = [e for e in snap.manifest["files"] if e["kind"] == "ssb"]
    assert all(e["eliminated"] == {} for e in entries)  # the stub's tables have no variable left out
    # The stub serves the demo world: its documents say they are synthetic, and the figures show it.
    assert (out / "figures" / "2023" / "figur_5_17_DEMODATA.png").exists()


def test_persistent_429_ends_in_a_rate_limit_error(stub):
    stub.state.faults = [Fault("429", retry_after="0")] * 10
    with client_for(stub, max_retries=2) as client, pytest.raises(SsbRateLimitError, match="429"):
        list(client.fetch_table(T12362, 2023))


def _with_extra_variable(doc: dict, code: str, label: str, values: list[tuple[str, str]], extension: dict) -> dict:
    """Metadata of `doc` with one more variable the declaration does not name."""
    meta = copy.deepcopy(doc)
    meta["id"] = [*meta["id"], code]
    meta["size"] = [*meta["size"], len(values)]
    meta["dimension"][code] = {"label": label, "category": {"index": {c: i for i, (c, _) in enumerate(values)},
                                                            "label": dict(values)}, "extension": extension}
    return meta


def test_a_variable_left_out_is_summed_by_ssb_only_where_the_declaration_allows_it(full_tables):
    from pipeline.ssb.client import TableMetadata

    periods = [("1", "2014-2021"), ("2", "2019-2021"), ("3", "2021")]  # overlapping: a sum would be wrong
    summed = _with_extra_variable(full_tables["12362"], "Periode", "observasjonsperiode", periods,
                                  {"elimination": True})
    with pytest.raises(SsbSchemaError, match=r"'Periode' \('observasjonsperiode'\).*sum all its 3 values"):
        resolve_query(T12362, TableMetadata.from_jsonstat("12362", summed), 2023)
    # With an elimination value SSB answers with that total; the manifest records which.
    total = _with_extra_variable(full_tables["12362"], "Periode", "observasjonsperiode", periods,
                                 {"elimination": True, "eliminationValueCode": "1"})
    query = resolve_query(T12362, TableMetadata.from_jsonstat("12362", total), 2023)
    assert query.eliminated == {"Periode": "1"} and "Periode" not in query.selection
    # Values that exclude each other may be summed where the declaration says so.
    sexes = _with_extra_variable(full_tables["12362"], "Kjonn", "kjønn", [("1", "Menn"), ("2", "Kvinner")],
                                 {"elimination": True})
    allowed = dataclasses.replace(T12362, summed_over=("Kjonn",))
    assert resolve_query(allowed, TableMetadata.from_jsonstat("12362", sexes), 2023).eliminated == {"Kjonn": "sum"}


def test_a_bufdir_drop_with_a_dataset_as_both_csv_and_xlsx_is_refused_before_any_call(stub, tmp_path):
    from assets.demo import demo_files
    from pipeline.app.fetch import fetch_snapshot
    from pipeline.errors import ReformevalError

    drop = tmp_path / "bufdir-drop"
    for relpath, data in demo_files(2023).items():
        if not relpath.startswith("bufdir/"):
            continue
        (drop / Path(relpath).name).parent.mkdir(parents=True, exist_ok=True)
        (drop / Path(relpath).name).write_bytes(data)
    csv = next(drop.glob("*.csv"))
    (drop / f"{csv.stem}.xlsx").write_bytes(b"last year's sheet")
    with pytest.raises(ReformevalError, match=rf"dataset '{csv.stem}' has 2 files \({csv.name}, {csv.stem}.xlsx\)"):
        fetch_snapshot(2023, tmp_path / "snap", base_url=stub.base_url, klass_url=stub.klass_url, bufdir_dir=drop)
    assert stub.state.requests == [] and not (tmp_path / "snap").exists()
