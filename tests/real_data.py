"""Real SSB extracts from ../shared/reference, turned into replies shaped like the API's (read in place)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from tests.handbuilt import jsonstat


def read_07459_csv(path: Path) -> tuple[list[tuple[str, str]], list[str], dict[tuple[str, str, str], int]]:
    """Regions (code, label), years and persons per (region, age, year) of an SSB 07459 CSV export.

    The exports (ISO-8859-1) use tab, comma or semicolon, a title line, then `region, age, Persons YYYY…`.
    Region cells read "K-3001 Halden" (2020 onwards) or "0101 Halden"; ages "0 years" … "105 years or older".
    """
    text = path.read_text(encoding="iso-8859-1")
    lines = [line for line in text.splitlines() if line.strip()]
    header_at = next(i for i, line in enumerate(lines) if line.lower().lstrip('"').startswith("region"))
    dialect = csv.Sniffer().sniff(lines[header_at], delimiters="\t,;")
    reader = csv.reader(io.StringIO("\n".join(lines[header_at:])), dialect)
    header = next(reader)
    years = [re.search(r"(\d{4})", h).group(1) for h in header[2:]]
    regions: dict[str, str] = {}
    cells: dict[tuple[str, str, str], int] = {}
    for row in reader:
        code, _, name = row[0].partition(" ")
        regions.setdefault(code, row[0])
        years_old = int(re.match(r"(\d+)", row[1]).group(1))
        age = f"{years_old:03d}"
        if "older" in row[1] or "eldre" in row[1]:
            age += "+"
        for year, value in zip(years, row[2:], strict=True):
            cells[(code, age, year)] = int(value)
    return list(regions.items()), years, cells


def population_jsonstat(regions: list[tuple[str, str]], years: list[str],
                        cells: dict[tuple[str, str, str], int], national: str | None = "0") -> dict:
    """A json-stat2 reply like PxWebApi v2's for 07459 (Region × Alder × ContentsCode × Tid)."""
    ages = sorted({a for _, a, _ in cells}, key=lambda a: int(a.rstrip("+")))
    region_list = list(regions)
    if national is not None:
        region_list = [(national, "Hele landet"), *region_list]
    values: list[int | None] = []
    for code, _ in region_list:
        for age in ages:
            for year in years:
                if code == national:
                    values.append(sum(v for (r, a, y), v in cells.items() if a == age and y == year))
                else:
                    values.append(cells.get((code, age, year)))
    cell_values = iter(values)
    return jsonstat("07459: Befolkning, etter region, alder, statistikkvariabel og år", [
        ("Region", "geo", region_list),
        ("Alder", None, [(a, f"{int(a.rstrip('+'))} år") for a in ages]),
        ("ContentsCode", "metric", [("Personer1", "Personer")]),
        ("Tid", "time", [(y, y) for y in years]),
    ], lambda *_codes: next(cell_values))
