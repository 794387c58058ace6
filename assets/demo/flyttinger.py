"""Demo values for vedlegg B (`assets.sources.flyttinger`), all invented: SSB 13353's children 0-17 by type of
fosterhjem, with a share that has moved at least once rising a point a year, and a synthetic Bufdir + SSB
extract (B-3, B-4) for the data year, in the layout and Norwegian number format of a Bufdir file."""

from assets.sources.flyttinger import FLYTTINGER_UTTREKK, FORLOP_FRA, TABLE_13353
from pipeline.demo import DemoSpec, DemoWorld, stable_random

_DEMO_TYPES = (("0", "Fosterheimstypar i alt"), ("1", "Fosterheim i familie og nære nettverk"),
               ("2", "Fosterheim utanom familie og nære nettverk"), ("3", "Beredskapsheim"))
_DEMO_BARN = {"1": 3_400, "2": 6_200, "3": 1_100}
_DEMO_ANDEL = {"1": 0.44, "2": 0.55, "3": 0.7}


def _demo_13353(cell: dict[str, str], world: DemoWorld) -> float | str | None:
    year, kind, maal = int(cell["aar"]), cell["fosterheimstype"], cell["statistikkvariabel"]

    def count(k: str, m: str) -> float:
        if k == "0":
            return sum(count(t, m) for t in _DEMO_BARN)
        barn = _DEMO_BARN[k] * stable_random("13353", k, year).uniform(0.97, 1.03)
        if m == "BarnFosterheim":
            return float(round(barn))
        return float(round(round(barn) * (_DEMO_ANDEL[k] + 0.01 * (year - 2019))))

    return count(kind, maal)


TABLES = {
    "13353": DemoSpec(value=_demo_13353, categories={
        "fosterheimstype": _DEMO_TYPES,
        "statistikkvariabel": (("BarnFosterheim", "Barn som har budd i fosterheim i løpet av året"),
                               ("BarnMinstEiFlytting", "Barn med minst éi flytting sidan første plasseringstiltak")),
    }),
}


# -- The extract: per type an 'I alt' row and bands that add up to it (one band hidden, as small cells are) --

_MOVES = (("0", 0, 0), ("1-2", 1, 2), ("3-5", 3, 5), ("6-10", 6, 10), ("11-20", 11, 20))
_MOVE_WEIGHTS = {"alle": (0.48, 0.37, 0.13, 0.0193, 0.0007), "i_familie": (0.54, 0.35, 0.09, 0.0193, 0.0007),
                 "utenom_familie": (0.43, 0.39, 0.16, 0.0193, 0.0007)}
_AGES = (("0-5 år", 0, 5, 0.12), ("6-11 år", 6, 11, 0.30), ("12-17 år", 12, 17, 0.58))
_YEARS = (("0-1 år", 0, 1, 0.16), ("2-5 år", 2, 5, 0.22), ("Over 5 år", 6, None, 0.62))
_TYPES = {"alle": ("Fosterhjem i alt", 9_400), "i_familie": ("Fosterhjem i familie og nære nettverk", 3_400),
          "utenom_familie": ("Fosterhjem utenom familie og nære nettverk", 6_150)}


def _norsk(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def _split(total: int, weights: tuple[float, ...]) -> list[int]:
    """`total` over the weights, the rounding remainder in the first band: the bands add up to it."""
    parts = [round(total * w) for w in weights]
    parts[0] += total - sum(parts)
    return parts


def files(report_year: int) -> dict[str, bytes]:
    """The extract of the data year (the year 13353 reaches), synthetic."""
    aar = report_year - TABLE_13353.data_lag_years
    lines = [";".join(c.name for c in FLYTTINGER_UTTREKK.columns)]

    def row(label: str, variabel: str, kategori: str, fra, til, barn, moved) -> None:
        bounds = ("" if v is None else str(v) for v in (fra, til))
        counts = ("" if v is None else _norsk(v) for v in (barn, moved))
        lines.append(";".join((str(aar), str(FORLOP_FRA), label, variabel, kategori, *bounds, *counts)))

    for key, (label, size) in _TYPES.items():
        n = round(size * stable_random("uttrekk", key, aar).uniform(0.97, 1.03))
        row(label, "I alt", "I alt", None, None, n, None)
        for (kategori, fra, til), barn in zip(_MOVES, _split(n, _MOVE_WEIGHTS[key]), strict=True):
            hidden = key != "alle" and fra == 11  # too few children: the extract leaves the cell empty
            row(label, "Antall flyttinger", kategori, fra, til, None if hidden else barn,
                None if hidden else (0 if fra == 0 else barn))
        if key == "i_familie":
            continue
        moved_share = 1 - _MOVE_WEIGHTS[key][0]
        bands = [(_AGES, "Alder")] + ([(_YEARS, "År siden første plassering")] if key == "alle" else [])
        for spec, variabel in bands:
            for (kategori, fra, til, _w), barn in zip(spec, _split(n, tuple(w for *_, w in spec)), strict=True):
                row(label, variabel, kategori, fra, til, barn, round(barn * moved_share))
    return {f"bufdir/{FLYTTINGER_UTTREKK.name}.csv": ("\n".join(lines) + "\n").encode("utf-8")}
