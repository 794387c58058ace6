"""Demo values for bekymringsmeldinger (SSB 10673, `assets.sources.meldinger`): an invented national
series, slowly falling, with the share henlagt and the share that went to undersøking."""

from pipeline.demo import DemoSpec, DemoWorld, stable_random


def _demo_10673(cell: dict[str, str], world: DemoWorld) -> float | str | None:
    year, maal = int(cell["aar"]), cell["statistikkvariabel"]
    total = 58_000 * 0.98 ** (year - 2015) * stable_random("10673", year).uniform(0.96, 1.04)
    share = {"Meldingar": 1.0, "MeldingarHenlagt": 0.2, "MeldingarUndersok": 0.78}[maal]
    return float(round(total * share))


TABLES = {
    "10673": DemoSpec(value=_demo_10673, categories={
        "statistikkvariabel": (("Meldingar", "Meldingar"), ("MeldingarHenlagt", "Meldingar henlagt"),
                               ("MeldingarUndersok", "Meldingar som gjekk til undersøking")),
    }),
}
