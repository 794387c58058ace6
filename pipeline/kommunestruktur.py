"""Mapping kommune codes of any year to the kommuner of one structure year (KLASS 131 changes).

A code observed in data year `aar` follows every change that took effect after `aar` and no later
than the structure year (and an earlier change, where the data still carry a code it retired): a
renumbering or a merger moves it whole to the new code; a split shares it among the new codes by
their inhabitants on 1 January of the year the split took effect.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import pandas as pd

from pipeline.errors import ReferenceDataError


def map_codes(
    observed: Iterable[tuple[str, int]],
    structure: set[str],
    structure_year: int,
    changes: pd.DataFrame,
    population: Mapping[tuple[str, int], float],
    changes_source: str,
) -> pd.DataFrame:
    """Rows (region_kode, aar, kommune_kode, andel) for every observed (code, year)."""
    by_year: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in changes.itertuples(index=False):
        by_year[int(row.change_year)][str(row.old_code)].append(str(row.new_code))
    change_years = sorted(by_year)
    rows: list[tuple[str, int, str, float]] = []
    unmapped: list[str] = []
    for code, year in sorted(set(observed)):
        frontier = {code: 1.0}
        for change_year in change_years:
            if change_year > structure_year:
                continue
            # A change that took effect in or before the data year still applies to a code that
            # should no longer have been in use (SSB's 2019 files still carry Rindal as 1567).
            stale = change_year <= year and any(c in by_year[change_year] for c in frontier)
            if change_year <= year and not stale:
                continue
            step: dict[str, float] = defaultdict(float)
            for current, weight in frontier.items():
                targets = by_year[change_year].get(current)
                if not targets:
                    step[current] += weight
                    continue
                if len(targets) == 1:
                    step[targets[0]] += weight
                    continue
                inhabitants = {t: population.get((t, change_year)) for t in targets}
                if any(v is None for v in inhabitants.values()) or not sum(inhabitants.values()):
                    raise ReferenceDataError(
                        f"{changes_source}: {current} was split in {change_year} into {targets}; sharing it needs "
                        f"their inhabitants on 1 January {change_year} (SSB 07459), which are missing for "
                        f"{[t for t, v in inhabitants.items() if not v]}"
                    )
                total = sum(inhabitants.values())
                for target, value in inhabitants.items():
                    step[target] += weight * value / total
            frontier = dict(step)
        for target, share in frontier.items():
            if target not in structure:
                unmapped.append(f"{code} ({year}) -> {target}")
            rows.append((code, year, target, share))
    if unmapped:
        raise ReferenceDataError(
            f"kommune codes not in the {structure_year} structure and not mapped by {changes_source} "
            f"(reference table kommuneendringer: change_year, old_code, new_code): {', '.join(unmapped[:20])}"
            f"{' …' if len(unmapped) > 20 else ''}. Add the KLASS 131 changes (reformeval fetch writes them "
            f"to <snapshot>/reference/kommuneendringer.csv)"
        )
    frame = pd.DataFrame(rows, columns=["region_kode", "aar", "kommune_kode", "andel"])
    return frame.astype({"region_kode": "string", "aar": "int64", "kommune_kode": "string", "andel": "float64"})
