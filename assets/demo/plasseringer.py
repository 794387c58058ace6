"""Demo values for placements (SSB 11600, `assets.sources.plasseringer`): invented counts by fylke, type
of placement (with "uoppgitt"), omsorgs-/hjelpetiltak and age, with the same breaks as 09050 and 12845
(`assets.demo.tiltak`) and the real fylke structure's changes (2018 Trøndelag, 2020 the regional reform
with Viken spanning region øst and sør, 2024 the split of Viken, Vestfold og Telemark and Troms og
Finnmark). The country is the sum of its fylker. One fylke cell is published as SSB's ':' (suppressed)
so that the counts by barnevernsregion show how a symbol is carried. All synthetic."""

from assets.demo.tiltak import AGE_LIMIT_CHANGE_YEAR, NEW_CATEGORY_YEAR, demo_alder_applies
from pipeline.demo import DemoSpec, DemoWorld, stable_random

_DEMO_0_17 = {"fosterheim": 7_400, "institusjon": 850, "beredskapsheim": 520, "mellombels_heim": 160, "bustad": 40,
              "uoppgitt": 15}
_DEMO_18_PLUS = {"fosterheim": 1_500, "institusjon": 180, "beredskapsheim": 15, "mellombels_heim": 20, "bustad": 700,
                 "uoppgitt": 0}
_DEMO_OMSORG = {"fosterheim": 0.83, "institusjon": 0.45, "beredskapsheim": 0.15, "mellombels_heim": 0.2,
                "bustad": 0.05, "uoppgitt": 0.3}

# The fylker before 2018 with an invented share of the country's placements; later fylker are unions.
_OLD = {"01": ("Østfold", 0.055), "02": ("Akershus", 0.11), "03": ("Oslo", 0.12), "04": ("Hedmark", 0.035),
        "05": ("Oppland", 0.035), "06": ("Buskerud", 0.05), "07": ("Vestfold", 0.045), "08": ("Telemark", 0.035),
        "09": ("Aust-Agder", 0.025), "10": ("Vest-Agder", 0.035), "11": ("Rogaland", 0.09),
        "12": ("Hordaland", 0.095), "14": ("Sogn og Fjordane", 0.02), "15": ("Møre og Romsdal", 0.05),
        "16": ("Sør-Trøndelag", 0.06), "17": ("Nord-Trøndelag", 0.025), "18": ("Nordland", 0.05),
        "19": ("Troms", 0.03), "20": ("Finnmark", 0.035)}
# code: (label, first year, last year, the old fylker it is made of)
_FYLKER = {
    **{c: (f"{c} {n} (-2019)", 2015, 2019, (c,)) for c, (n, _) in _OLD.items() if c not in ("03", "11", "15", "18")},
    "16": ("16 Sør-Trøndelag (-2017)", 2015, 2017, ("16",)), "17": ("17 Nord-Trøndelag (-2017)", 2015, 2017, ("17",)),
    "03": ("03 Oslo", 2015, 9999, ("03",)), "11": ("11 Rogaland", 2015, 9999, ("11",)),
    "15": ("15 Møre og Romsdal", 2015, 9999, ("15",)), "18": ("18 Nordland", 2015, 9999, ("18",)),
    "50": ("50 Trøndelag", 2018, 9999, ("16", "17")),
    "30": ("30 Viken (2020-2023)", 2020, 2023, ("01", "02", "06")),
    "34": ("34 Innlandet", 2020, 9999, ("04", "05")),
    "38": ("38 Vestfold og Telemark (2020-2023)", 2020, 2023, ("07", "08")),
    "42": ("42 Agder", 2020, 9999, ("09", "10")), "46": ("46 Vestland", 2020, 9999, ("12", "14")),
    "54": ("54 Troms og Finnmark (2020-2023)", 2020, 2023, ("19", "20")),
    "31": ("31 Østfold", 2024, 9999, ("01",)), "32": ("32 Akershus", 2024, 9999, ("02",)),
    "33": ("33 Buskerud", 2024, 9999, ("06",)), "39": ("39 Vestfold", 2024, 9999, ("07",)),
    "40": ("40 Telemark", 2024, 9999, ("08",)), "55": ("55 Troms", 2024, 9999, ("19",)),
    "56": ("56 Finnmark", 2024, 9999, ("20",)),
}
_FYLKER = {c: _FYLKER[c] for c in sorted(_FYLKER)}

# The one suppressed cell: (fylke, type, tiltak, age, year).
DEMO_SUPPRESSED = ("15", "mellombels_heim", "i_alt", "0_17", 2021)


def _exists(fylke: str, year: int) -> bool:
    _, first, last, _ = _FYLKER[fylke]
    return first <= year <= last


def _count(f: str, a: str, p: str, t: str, year: int) -> float:
    """The true number in fylke `f` (or "0", the country: the sum of the fylker of the year)."""
    if f == "0":
        return sum(_count(code, a, p, t, year) for code in _FYLKER if _exists(code, year))
    if a == "i_alt":
        older = "18_22" if year < AGE_LIMIT_CHANGE_YEAR else "18_24"
        return _count(f, "0_17", p, t, year) + _count(f, older, p, t, year)
    if p == "i_alt":
        kinds = [k for k in _DEMO_0_17 if k != "mellombels_heim" or year >= NEW_CATEGORY_YEAR]
        return sum(_count(f, a, k, t, year) for k in kinds)
    if t == "i_alt":
        return _count(f, a, p, "hjelpetiltak", year) + _count(f, a, p, "omsorgstiltak", year)
    share = sum(_OLD[old][1] for old in _FYLKER[f][3])
    base = (_DEMO_0_17 if a == "0_17" else _DEMO_18_PLUS)[p] * 0.98 ** (year - 2015) * share
    omsorg = _DEMO_OMSORG[p] if a == "0_17" else 0.0
    base *= omsorg if t == "omsorgstiltak" else 1 - omsorg
    return float(round(base * stable_random("11600", f, a, p, t, year).uniform(0.96, 1.04)))


def _demo_11600(cell: dict[str, str], world: DemoWorld) -> float | str | None:
    year, alder, tiltak, plassering, region = (int(cell["aar"]), cell["alder"], cell["tiltak"], cell["plassering"],
                                               cell["region"])
    if not demo_alder_applies(alder, year):
        return "."
    if plassering == "mellombels_heim" and year < NEW_CATEGORY_YEAR:
        return "."
    if region != "0" and not _exists(region, year):
        return "."
    if (region, plassering, tiltak, alder, year) == DEMO_SUPPRESSED:
        return ":"
    return _count(region, alder, plassering, tiltak, year)


TABLES = {
    "11600": DemoSpec(value=_demo_11600, categories={
        "region": (("0", "Heile landet"), *((c, label) for c, (label, *_rest) in _FYLKER.items())),
        "statistikkvariabel": (("Personer", "Barn og unge med plasseringstiltak per 31. desember"),)}),
}


def demo_region_rows() -> list[tuple[str, str, str, str]]:
    """(kode, navn, niva, barnevernsregion) of the demo's fylker, mapped as the built-in reference maps the
    real ones (`sql/seeds/barnevernsregion.csv`), and of the kommuner of a fylke two regions shared (30
    Viken): the demo snapshot's own `reference/barnevernsregion.csv` carries them (`assets.demo.reference`),
    so that placements can be counted by region."""
    import csv

    from pipeline.reference import SEEDS_DIR

    with (SEEDS_DIR / "barnevernsregion.csv").open(encoding="utf-8") as fh:
        seed = list(csv.DictReader(fh))
    fylker = {row["kode"] for row in seed if row["niva"] == "fylke"}
    shared = {code for code in _FYLKER if code not in fylker}
    return [(row["kode"], row["navn"], row["niva"], row["barnevernsregion"]) for row in seed
            if (row["niva"] == "fylke" and row["kode"] in _FYLKER)
            or (row["niva"] == "kommune" and row["kode"][:2] in shared)]
