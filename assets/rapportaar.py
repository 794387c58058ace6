"""What a report year needs from the built-in reference data (`sql/seeds/`) and which of it they lack.

The evaluation publishes a report every year to 2027, and the government publishes the numbers a year
needs only as it goes: a deflator vintage each spring and autumn, each year's egenandel rates in a
December circular, each budget year's changes to the rammetilskudd. `builtin_reference_gaps(year)` names
every such input the built-in tables do not have, each a named gap:

- `kommunal_deflator`: no figure published in the month the year takes its vintage at
  (`rapportaar.deflator_as_of`: the vintage would silently be an older one), or a year from the first
  KOSTRA year on with no figure in that vintage;
- `egenandeler_satser`: a year of table 5-2 (the year before the reform to the report year) with no
  rates; the year before the reform is a footnoted gap in the table, a reform year stops the run;
- `rammetilskudd_overgangsordning`: a reform year up to the data year whose changes to the rammetilskudd
  tied to the reform are not recorded (the headline sums the items in force each year);
- `rapportaar`: no row for the year.

A gap that `blocking` stops a run before Dagster starts (`pipeline.app.preflight.check_reference_data`)
unless the snapshot brings its own `reference/<table>.csv`, as the synthetic demo snapshot does
(`assets.demo.reference`). Reads the CSVs with the standard library: no Dagster, pandas or Great
Expectations, so that the command line can check a year in well under a second.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from pipeline.paths import SQL_DIR

SEEDS = SQL_DIR / "seeds"


@dataclass(frozen=True)
class ReferenceGap:
    table: str  # the reference table, e.g. "egenandeler_satser"
    what: str  # the message: table, field, years, what is needed
    blocking: bool  # stops a run unless the snapshot brings the table


def _rows(name: str, seeds: Path) -> list[dict[str, str]]:
    with (seeds / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _years(years: list[int]) -> str:
    return ", ".join(map(str, years))


def first_kostra_year() -> int:
    """The first year the spending data (SSB 12362) are fetched for: the deflator must reach back to it."""
    from assets.sources import SSB_TABLES

    return SSB_TABLES["12362"].first_year


def deflator_gaps(year: int, as_of: str, seeds: Path = SEEDS) -> list[ReferenceGap]:
    rows = _rows("kommunal_deflator", seeds)
    table = "reference.kommunal_deflator (built-in)"
    gaps = []
    if not any(r["published"] == as_of for r in rows):
        latest = max((r["published"] for r in rows), default="none")
        gaps.append(ReferenceGap("kommunal_deflator", (
            f"{table}, field published: no figure published in {as_of}, the month report year {year} takes its "
            f"deflator vintage at (reference.rapportaar.deflator_as_of); the latest document in the built-in data "
            f"is of {latest}. Add the figures of the budget document of {as_of} (every year it revises) with "
            f"their source"), blocking=True))
    first = first_kostra_year()
    known = {int(r["year"]) for r in rows if r["published"] <= as_of}
    missing = [y for y in range(first + 1, year + 1) if y not in known]
    if missing:
        gaps.append(ReferenceGap("kommunal_deflator", (
            f"{table}, field growth_percent: the vintage as of {as_of} (report year {year}) has no figure for "
            f"{_years(missing)}; converting {first}–{year} kroner to {year}-kroner needs one published on or "
            f"before {as_of} for every year {first + 1}–{year}. Add the published figures with their source "
            f"(never an interpolation)"), blocking=True))
    return gaps


def egenandel_gaps(year: int, pre: int, first_reform: int, seeds: Path = SEEDS) -> list[ReferenceGap]:
    have = {int(r["year"]) for r in _rows("egenandeler_satser", seeds)}
    table = "reference.egenandeler_satser (built-in)"
    before = [y for y in range(pre, first_reform) if y not in have]
    during = [y for y in range(first_reform, year + 1) if y not in have]
    gaps = []
    if before:
        gaps.append(ReferenceGap("egenandeler_satser", (
            f"{table}: no rates for {_years(before)}, the year before the reform (BFD's circular «Satser for "
            f"kommunal egenbetaling for barnevernstiltak – {before[0]}» was not found): table 5-2 shows that "
            f"column and the change {pre}–{year} as missing, footnoted"), blocking=False))
    if during:
        gaps.append(ReferenceGap("egenandeler_satser", (
            f"{table}: no rates for {_years(during)}; table 5-2 needs every year {pre}–{year}. Add the rates of "
            f"BFD's circular «Satser for kommunal egenbetaling for statlige barnevernstiltak» of each year "
            f"with its source"), blocking=True))
    return gaps


def rammetilskudd_gaps(year: int, first_reform: int, seeds: Path = SEEDS) -> list[ReferenceGap]:
    recorded = {int(r["year"]) for r in _rows("rammetilskudd_overgangsordning", seeds)
                if r["endringer_registrert"].strip().lower() == "true"}
    missing = [y for y in range(first_reform, year) if y not in recorded]  # the data years of the headline
    if not missing:
        return []
    return [ReferenceGap("rammetilskudd_overgangsordning", (
        f"reference.rammetilskudd_overgangsordning (built-in), field endringer_registrert: the changes to the "
        f"rammetilskudd tied to the reform in {_years(missing)} are not recorded; the headline of report year "
        f"{year} adds up the items in force in every year {first_reform}–{year - 1}. Add that year's items "
        f"(Prop. 1 S, Grønt hefte) to rammetilskudd_barnevernsreform with their source, and its row here"),
        blocking=True)]


def builtin_reference_gaps(year: int, seeds: Path = SEEDS) -> list[ReferenceGap]:
    """Every input report year `year` needs that the built-in reference tables lack (see the module)."""
    config = {int(r["report_year"]): r for r in _rows("rapportaar", seeds)}
    if year not in config:
        return [ReferenceGap("rapportaar", f"reference.rapportaar (built-in): no row for report_year {year} "
                                           f"(deflator_as_of, pre_reform_year, first_reform_year expected)", True)]
    row = config[year]
    pre, first_reform = int(row["pre_reform_year"]), int(row["first_reform_year"])
    return [*deflator_gaps(year, row["deflator_as_of"], seeds),
            *egenandel_gaps(year, pre, first_reform, seeds),
            *rammetilskudd_gaps(year, first_reform, seeds)]
