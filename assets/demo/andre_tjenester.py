"""Demo values for measures in cooperation with and from other services (SSB 10660,
`assets.sources.andre_tjenester`): invented regions, measures and counts, with codes in SSB's N.NN
pattern, so that the staging SQL has to find the two categories by label as it does on the real table."""

from pipeline.demo import DemoSpec, DemoWorld, stable_random

_DEMO_REGIONS = (("0N", "Heile landet"), ("R1", "Region nord"), ("R2", "Region midt-Noreg"),
                 ("R3", "Region vest"), ("R4", "Region sør"), ("R5", "Region aust"), ("R6", "Oslo"))
_DEMO_MEASURES = {
    "6.01": ("Familieråd", 900), "6.02": ("Nettverksmøte", 1_700), "6.03": ("Individuell plan", 600),
    "6.04": ("Deltaking i ansvarsgruppe/samarbeidsteam", 6_500), "6.99": ("Anna nettverksarbeid", 400),
    "7.01": ("Medisinsk undersøking og behandling", 250),
    "7.02": ("Behandling av barn med særlege opplæringsbehov", 150),
    "7.03": ("Psykisk helsehjelp for barn og unge", 300), "7.99": ("Anna undersøking og behandling", 700),
    "4.08": ("Utdanning og arbeid", 330),
    # fosterhjem i / utenom familie og nære nettverk (read by assets.plasseringer; in the total's "other")
    "2.01": ("Fosterheim i familie og nære nettverk", 3_300),
    "2.02": ("Fosterheim utanom familie og nære nettverk", 6_000),
}
_DEMO_OTHER_MEASURES = 60_000  # every other measure, in the total only
_DEMO_REGION_SHARE = {"R1": 0.11, "R2": 0.15, "R3": 0.2, "R4": 0.19, "R5": 0.25, "R6": 0.1}
_DEMO_TILTAK = (("00", "Barnevernstiltak i alt"), ("2.01", _DEMO_MEASURES["2.01"][0]),
                ("2.02", _DEMO_MEASURES["2.02"][0]), ("4.08", "Utdanning og arbeid"),
                ("6", "Nettverksarbeid/samarbeid med andre tenester"),
                *((c, _DEMO_MEASURES[c][0]) for c in ("6.01", "6.02", "6.03", "6.04", "6.99")),
                ("7", "Undersøking og behandling frå andre tenester"),
                *((c, _DEMO_MEASURES[c][0]) for c in ("7.01", "7.02", "7.03", "7.99")))


def _demo_10660(cell: dict[str, str], world: DemoWorld) -> float | str | None:
    year, region, tiltak, maal = int(cell["aar"]), cell["region"], cell["tiltak"], cell["statistikkvariabel"]

    def count(r: str, t: str) -> float:
        if r == "0N":
            return sum(count(code, t) for code in _DEMO_REGION_SHARE)
        if t == "00":
            return count(r, "6") + count(r, "7") + count(r, "4.08") + round(
                _DEMO_OTHER_MEASURES * _DEMO_REGION_SHARE[r])
        if t in ("6", "7"):
            return sum(count(r, code) for code in _DEMO_MEASURES if code.startswith(f"{t}."))
        trend = (1.04 if t == "6.01" else 0.985) ** (year - 2015)
        noise = stable_random("10660", r, t, year).uniform(0.85, 1.15)
        return float(round(_DEMO_MEASURES[t][1] * _DEMO_REGION_SHARE[r] * trend * noise))

    return count(region, tiltak) * (1.0 if maal == "Tiltak3112" else 1.6)


TABLES = {
    "10660": DemoSpec(value=_demo_10660, categories={
        "region": _DEMO_REGIONS,
        "tiltak": _DEMO_TILTAK,
        "statistikkvariabel": (("Tiltak3112", "Barnevernstiltak per 31. desember"),
                               ("TiltakGjennomAar", "Barnevernstiltak i løpet av året")),
    }),
}
