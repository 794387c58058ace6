"""Parsing JSON-stat 2.0 replies: codes, labels and SSB status symbols per cell."""

from __future__ import annotations

import json
import math

import numpy as np
import pyjstat.pyjstat as pyjstat
import pytest

from assets import SSB_TABLES
from pipeline.errors import JsonStatError, SsbSchemaError
from pipeline.ssb.jsonstat import parse_dataset

T12362 = SSB_TABLES["12362"]


def kostra_reply(values, status=None, funksjon_code="KOKfunksjon0000"):
    """A small reply shaped exactly like a PxWebApi v2 json-stat2 answer for table 12362."""
    doc = {
        "version": "2.0",
        "class": "dataset",
        "label": "12362: Utgifter til tjenesteområdene, kommunekonsern, etter art, år, region og funksjon",
        "source": "Statistisk sentralbyrå",
        "updated": "2023-06-15T06:00:00Z",
        "role": {"time": ["Tid"], "geo": ["KOKkommuneregion0000"], "metric": ["ContentsCode"]},
        "id": ["KOKkommuneregion0000", funksjon_code, "KOKart0000", "ContentsCode", "Tid"],
        "size": [2, 3, 1, 1, 2],
        "dimension": {
            "KOKkommuneregion0000": {"label": "region", "category": {
                "index": {"EAK": 0, "0301": 1}, "label": {"EAK": "Landet", "0301": "0301 Oslo - Oslove"}}},
            funksjon_code: {"label": "funksjon", "category": {
                "index": {"244": 0, "251": 1, "252": 2},
                "label": {"244": "244 Barnevernstjeneste", "251": "251 Barnevernstiltak når barnet ikke er "
                          "plassert av barnevernet", "252": "252 Barnevernstiltak når barnet er plassert"}}},
            "KOKart0000": {"label": "art", "category": {"index": {"AGD2": 0},
                                                        "label": {"AGD2": "Netto driftsutgifter"}}},
            "ContentsCode": {"label": "statistikkvariabel", "category": {
                "index": {"KOSbelop0000": 0}, "label": {"KOSbelop0000": "Beløp (1000 kr)"},
                "unit": {"KOSbelop0000": {"base": "1000 kr", "decimals": 0}}}},
            "Tid": {"label": "år", "category": {"index": {"2021": 0, "2022": 1},
                                                 "label": {"2021": "2021", "2022": "2022"}}},
        },
        "value": values,
    }
    if status is not None:
        doc["status"] = status
    return doc


VALUES = [100, 110, 200, 220, None, 330, 10, 11, 20, 22, None, 33]


def test_every_cell_keeps_its_codes_labels_and_value_in_row_major_order():
    parsed = parse_dataset(json.dumps(kostra_reply(VALUES, {"4": "..", "10": ":"})), "fixture", T12362)
    frame = parsed.frame
    assert len(frame) == 12
    first = frame.iloc[0]
    assert (first["region"], first["funksjon"], first["aar"], first["value"]) == ("EAK", "244", "2021", 100.0)
    assert first["region_label"] == "Landet"
    oslo_252_2022 = frame[(frame.region == "0301") & (frame.funksjon == "252") & (frame.aar == "2022")]
    assert oslo_252_2022["value"].item() == 33.0


def test_status_symbols_are_kept_and_never_become_zero():
    parsed = parse_dataset(json.dumps(kostra_reply(VALUES, {"4": "..", "10": ":", "1": "-"})), "fixture", T12362)
    frame = parsed.frame
    assert frame.loc[4, "status"] == ".." and math.isnan(frame.loc[4, "value"])
    assert frame.loc[10, "status"] == ":" and math.isnan(frame.loc[10, "value"])
    # A status on a cell with a number (e.g. "-" for exact nil in older tables) keeps the number too.
    assert frame.loc[1, "status"] == "-" and frame.loc[1, "value"] == 110.0
    assert frame["status"].isna().sum() == 9
    assert not (frame["value"].fillna(-1) == 0).any()


def test_symbol_written_in_value_by_a_hand_made_document_moves_to_status():
    values = list(VALUES)
    values[4] = ".."
    parsed = parse_dataset(json.dumps(kostra_reply(values)), "fixture", T12362)
    assert parsed.frame.loc[4, "status"] == ".." and math.isnan(parsed.frame.loc[4, "value"])


def test_text_that_is_not_a_symbol_is_an_error():
    values = list(VALUES)
    values[2] = "n/a"
    with pytest.raises(JsonStatError, match="cell 2 has value 'n/a'"):
        parse_dataset(json.dumps(kostra_reply(values)), "fixture", T12362)


def test_layout_matches_pyjstats_own_dataframe():
    doc = kostra_reply(VALUES)
    ours = parse_dataset(json.dumps(doc), "fixture", T12362).frame
    theirs = pyjstat.Dataset.read(json.dumps(doc)).write("dataframe", naming="id")
    assert list(ours["region"]) == list(theirs["KOKkommuneregion0000"])
    assert list(ours["aar"]) == list(theirs["Tid"])
    np.testing.assert_array_equal(ours["value"].to_numpy(), theirs["value"].to_numpy(dtype=float))


def test_truncated_document_is_reported_as_truncated_with_the_source():
    text = json.dumps(kostra_reply(VALUES))
    with pytest.raises(JsonStatError, match=r"snapshot/ssb/12362/part-001.json: truncated JSON"):
        parse_dataset(text[: len(text) // 2], "snapshot/ssb/12362/part-001.json", T12362)


def test_fewer_values_than_cells_is_an_error():
    with pytest.raises(JsonStatError, match="'value' has 11 cells; the sizes .* make 12"):
        parse_dataset(json.dumps(kostra_reply(VALUES[:-1])), "fixture", T12362)


def test_renamed_dimension_names_the_table_what_was_expected_and_what_it_has():
    doc = kostra_reply(VALUES, funksjon_code="KOKfunksjon0001")
    with pytest.raises(SsbSchemaError) as err:
        parse_dataset(json.dumps(doc), "part-001.json", T12362)
    message = str(err.value)
    assert "12362" in message and "'KOKfunksjon0000'" in message and "KOKfunksjon0001" in message


def test_not_a_dataset_is_an_error():
    with pytest.raises(JsonStatError, match="expected 'dataset'"):
        parse_dataset(json.dumps({"class": "collection"}), "fixture", T12362)


def test_status_as_a_list_and_as_a_single_string():
    as_list = [None] * 12
    as_list[3] = ":"
    frame = parse_dataset(json.dumps(kostra_reply(VALUES, as_list)), "fixture", T12362).frame
    assert frame.loc[3, "status"] == ":" and frame["status"].notna().sum() == 1
    frame = parse_dataset(json.dumps(kostra_reply(VALUES, "..")), "fixture", T12362).frame
    assert (frame["status"] == "..").all()


def reply_with_every_symbol(table_id: str) -> dict:
    """A declared table's reply as the stub API sends it (demo values, SSB's shape: `null` + `status` object),
    with every SSB symbol on some cells."""
    from assets.demo import DEMO_TABLES
    from pipeline.demo import DemoWorld, demo_document

    doc = demo_document(SSB_TABLES[table_id], DEMO_TABLES[table_id], DemoWorld(), 2023)
    status = dict(doc.get("status", {}))
    n = len(doc["value"])
    for i, symbol in zip(range(3, n, max(1, n // 40)), [".", "..", "...", ":", "-"] * 8, strict=False):
        status[str(i)] = symbol
        doc["value"][i] = 0 if symbol == "-" else None  # '-': an exact nil that older tables send with its 0
    doc["status"] = status
    return doc


@pytest.mark.parametrize("table_id", ["11600", "12362"])
def test_decoded_frame_is_pyjstats_own_cell_for_cell(table_id):
    """Every row, code, label, value and status symbol as pyjstat (the reference decoder) reads them."""
    doc = reply_with_every_symbol(table_id)
    ours = parse_dataset(json.dumps(doc), "stub", SSB_TABLES[table_id])
    by_id = pyjstat.Dataset.read(json.dumps(doc)).write("dataframe", naming="id")
    by_label = pyjstat.Dataset.read(json.dumps(doc)).write("dataframe", naming="label")
    symbols = pyjstat.Dataset.read(json.dumps(doc)).write("dataframe", naming="id", value="status")
    frame = ours.frame
    assert len(frame) == len(by_id) == len(doc["value"]) > 500
    for dim in ours.dimensions:
        assert list(frame[dim.column]) == list(by_id[dim.code]), dim
        assert list(frame[f"{dim.column}_label"]) == list(by_label[dim.label]), dim
    theirs = by_id["value"].to_numpy(dtype=float)  # pyjstat's None is NaN here
    np.testing.assert_array_equal(frame["value"].to_numpy(), theirs)
    assert frame["value"].isna().sum() > 0 and (frame["value"].notna() & frame["status"].notna()).any()
    def symbol(s):
        return s if isinstance(s, str) else None  # pandas' missing values (NA, NaN) as JSON's null

    assert [symbol(s) for s in frame["status"]] == [symbol(s) for s in symbols["status"]]
    assert set(frame["status"].dropna()) >= {".", "..", "...", ":", "-"}
    # A declared label keeps its stable key on every row whose label the declaration knows.
    for column in [c for c in frame.columns if c.endswith("_key")]:
        assert frame[column].notna().all(), column


def test_sparse_values_fill_their_cells_and_an_index_outside_the_cells_is_named():
    values = {str(i): v for i, v in enumerate(VALUES) if v is not None}
    frame = parse_dataset(json.dumps(kostra_reply(values, {"4": ".."})), "fixture", T12362).frame
    assert list(frame["value"].fillna(-1)) == [-1 if v is None else v for v in VALUES]
    assert frame.loc[4, "status"] == ".."
    with pytest.raises(JsonStatError, match="'value' index 12 is outside the 12 cells"):
        parse_dataset(json.dumps(kostra_reply({**values, "12": 1})), "fixture", T12362)
