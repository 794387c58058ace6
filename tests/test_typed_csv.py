"""The one reader of typed files: the project's own CSVs ("plain" numbers) and the files people write
("norwegian" numbers) each refuse what is not a number of their kind, naming file, row and column."""

from __future__ import annotations

import pytest

from pipeline.errors import ReferenceDataError
from pipeline.typed_csv import Column, read_typed_file

COLUMNS = (Column("year", "int"), Column("growth_percent", "float"), Column("source_document", "text"))


def write(tmp_path, *rows: str):
    path = tmp_path / "seed.csv"
    path.write_text("\n".join(["year,growth_percent,source_document", *rows]) + "\n", encoding="utf-8")
    return path


def test_plain_numbers_are_read_as_the_project_writes_them(tmp_path):
    frame = read_typed_file(write(tmp_path, "2022,3.7,a", "2023,\"5,2\",b"), COLUMNS, error=ReferenceDataError,
                            numbers="plain")
    assert frame["year"].tolist() == [2022, 2023] and frame["growth_percent"].tolist() == [3.7, 5.2]


@pytest.mark.parametrize("year", ["2e3", "2020.0", "inf", "2 023"])
def test_a_plain_whole_number_is_written_as_one(tmp_path, year):
    with pytest.raises(ReferenceDataError, match=rf"seed.csv, row 2, column 'year': '{year}' is not a int "
                                                 r"\(expected e.g. 2023\)"):
        read_typed_file(write(tmp_path, f"{year},3.7,a"), COLUMNS, error=ReferenceDataError, numbers="plain")


def test_an_infinite_number_is_refused_by_name(tmp_path):
    with pytest.raises(ReferenceDataError, match=r"column 'growth_percent': 'inf' is not a float"):
        read_typed_file(write(tmp_path, "2022,inf,a"), COLUMNS, error=ReferenceDataError, numbers="plain")
