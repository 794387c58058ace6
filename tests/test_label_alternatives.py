"""A value SSB renames keeps its key: a declaration may name the labels a value has had (the new
barnevernslov of 2023 turned 09050's "Hjelpetiltak" into "Hjelpe-, akutt- og åtferdstiltak"), and a fetch
resolves whichever one the table has. Fast: metadata documents built by hand, no server."""

from __future__ import annotations

import pytest

from assets.sources.tiltak import TABLE_09050
from pipeline.errors import SsbSchemaError
from pipeline.ssb.client import TableMetadata, resolve_query
from pipeline.ssb.declaration import Selection
from tests.handbuilt import jsonstat


def test_a_value_may_carry_any_of_its_declared_labels():
    sel = Selection.labeled({"i_alt": "I alt", "hjelpetiltak": ("Hjelpetiltak", "Hjelpe-, akutt- og åtferdstiltak")})
    assert sel.values == ("I alt", "Hjelpetiltak")  # the first label is the one the demo and messages use
    assert sel.key_for("Hjelpetiltak") == "hjelpetiltak"
    assert sel.key_for("hjelpe-, akutt- og  åtferdstiltak.") == "hjelpetiltak"
    assert sel.key_for("Omsorgstiltak") is None
    # a declaration without alternatives is the same value as before
    assert Selection.labeled({"a": "A"}) == Selection("labels", ("A",), ("a",))


def _metadata_09050(hjelpetiltak_label: str, extra: tuple[tuple[str, str], ...] = ()) -> TableMetadata:
    doc = jsonstat("09050: metadata", [
        ("Region", "geo", [("0", "Heile landet")]),
        ("Tiltak", None, [("1", "I alt"), ("2", hjelpetiltak_label), ("3", "Omsorgstiltak"), *extra]),
        ("Alder", None, [(f"A{i}", lab) for i, lab in enumerate(TABLE_09050.variable("alder").selection.values)]),
        ("ContentsCode", "metric", [(f"C{i}", lab) for i, lab in
                                    enumerate(TABLE_09050.variable("statistikkvariabel").selection.values)]),
        ("Tid", "time", [(str(y), str(y)) for y in range(2015, 2025)]),
    ], lambda *codes: 1.0)
    doc["dimension"]["Tiltak"]["label"] = "omsorgs-/hjelpetiltak"
    doc["dimension"]["Alder"]["label"] = "alder"
    return TableMetadata.from_jsonstat("09050", doc)


@pytest.mark.parametrize("label", ["Hjelpetiltak", "Hjelpe-, akutt- og åtferdstiltak",
                                   "Hjelpe-, akutt- og atferdstiltak"])
def test_09050_resolves_the_hjelpetiltak_label_of_either_law(label):
    query = resolve_query(TABLE_09050, _metadata_09050(label), 2025)
    assert query.label_resolution["Tiltak"][label] == "2"
    assert query.selection["Tiltak"] == ["1", "2", "3"]


def test_two_labels_of_one_value_in_one_table_are_refused():
    with pytest.raises(SsbSchemaError, match="hjelpetiltak"):
        resolve_query(TABLE_09050, _metadata_09050("Hjelpetiltak", (("4", "Hjelpe-, akutt- og åtferdstiltak"),)),
                      2025)
