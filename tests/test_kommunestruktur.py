"""Mapping kommune codes of any year to the report year's structure."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.errors import ReferenceDataError
from pipeline.kommunestruktur import map_codes


def changes(*rows: tuple[int, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["change_year", "old_code", "new_code"])


def as_dict(frame: pd.DataFrame) -> dict[tuple[str, int], dict[str, float]]:
    out: dict[tuple[str, int], dict[str, float]] = {}
    for row in frame.itertuples(index=False):
        out.setdefault((row.region_kode, row.aar), {})[row.kommune_kode] = row.andel
    return out


def test_renumbered_and_merged_codes_move_whole_to_the_new_kommune():
    mapping = as_dict(map_codes(
        [("0101", 2019), ("1003", 2019), ("1005", 2019), ("3001", 2020)],
        {"3001", "1006"}, 2023, changes((2020, "0101", "3001"), (2020, "1003", "1006"), (2020, "1005", "1006")),
        {}, "test"))
    assert mapping == {("0101", 2019): {"3001": 1.0}, ("1003", 2019): {"1006": 1.0},
                       ("1005", 2019): {"1006": 1.0}, ("3001", 2020): {"3001": 1.0}}


def test_changes_after_the_structure_year_do_not_apply():
    mapping = as_dict(map_codes([("1507", 2022)], {"1507"}, 2023,
                                changes((2024, "1507", "1508"), (2024, "1507", "1580")), {}, "test"))
    assert mapping == {("1507", 2022): {"1507": 1.0}}


def test_a_split_is_shared_by_the_new_kommuners_inhabitants():
    mapping = as_dict(map_codes([("1507", 2023)], {"1508", "1580"}, 2024,
                                changes((2024, "1507", "1508"), (2024, "1507", "1580")),
                                {("1508", 2024): 60_000.0, ("1580", 2024): 20_000.0}, "test"))
    assert mapping[("1507", 2023)] == pytest.approx({"1508": 0.75, "1580": 0.25})


def test_unmapped_codes_are_listed_with_what_to_add():
    with pytest.raises(ReferenceDataError, match=r"0104 \(2019\) -> 0104.*kommuneendringer"):
        map_codes([("0104", 2019)], {"3002"}, 2023, changes(), {}, "sql/seeds/kommuneendringer.csv")


def test_split_without_inhabitants_is_an_error_naming_the_kommuner():
    with pytest.raises(ReferenceDataError, match=r"1850 was split in 2020 into \['1806', '1875'\]"):
        map_codes([("1850", 2019)], {"1806", "1875"}, 2020, changes((2020, "1850", "1806"), (2020, "1850", "1875")),
                  {}, "test")
