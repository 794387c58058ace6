"""Measures in cooperation with and from other services, the source: SSB table 10660 (measures, not
children, by measure and region).

Declared with whole variables: public sources disagree on the categories' code numbers (4.x/5.x
against 6.x/7.x), so every measure is fetched and `sql/staging/barnevernstiltak.sql` finds the two
categories by label. The staged table must contain both (KATEGORI_NAVN), else the labels changed.
"""

from pipeline.demo import DemoWorld, stable_random
from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.ssb.declaration import DemoSpec, RegionCodes, Selection, SsbTable, Variable

# The two categories by the key the staged table gives them (`kategori`), with their names in the figures.
KATEGORI_NAVN = {"nettverk": "Nettverksarbeid/samarbeid med andre tjenester",
                 "undersoking": "Undersøkelse og behandling fra andre tjenester"}


# -- Demo: invented regions, measures and counts, with codes in SSB's N.NN pattern -------------------

_DEMO_REGIONS = (("0N", "Heile landet"), ("R1", "Region nord"), ("R2", "Region midt-Noreg"),
                 ("R3", "Region vest"), ("R4", "Region sør"), ("R5", "Region aust"), ("R6", "Oslo"))
_DEMO_MEASURES = {
    "6.01": ("Familieråd", 900), "6.02": ("Nettverksmøte", 1_700), "6.03": ("Individuell plan", 600),
    "6.04": ("Deltaking i ansvarsgruppe/samarbeidsteam", 6_500), "6.99": ("Anna nettverksarbeid", 400),
    "7.01": ("Medisinsk undersøking og behandling", 250),
    "7.02": ("Behandling av barn med særlege opplæringsbehov", 150),
    "7.03": ("Psykisk helsehjelp for barn og unge", 300), "7.99": ("Anna undersøking og behandling", 700),
    "4.08": ("Utdanning og arbeid", 330),
}
_DEMO_OTHER_MEASURES = 60_000  # every other measure, in the total only
_DEMO_REGION_SHARE = {"R1": 0.11, "R2": 0.15, "R3": 0.2, "R4": 0.19, "R5": 0.25, "R6": 0.1}
_DEMO_TILTAK = (("00", "Barnevernstiltak i alt"), ("4.08", "Utdanning og arbeid"),
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


TABLE_10660 = SsbTable(
    id="10660",
    title="Barnevernstiltak i løpet av året, per 31. desember og for nye barn, etter tiltak (F)",
    description="Measures (not children) during the year, per 31.12 and for new children, by measure and region.",
    variables=(
        # The whole country is 0N; barnevernsregioner R1…; fylker two digits (seen in a public script).
        Variable("region", Selection.all(), code="Region", role="geo"),
        Variable("tiltak", Selection.all(), code="Barnevernstiltak"),
        Variable("statistikkvariabel", Selection.all(), code="ContentsCode", role="metric"),
        Variable("aar", Selection.years(), code="Tid", role="time"),
    ),
    regions=RegionCodes(national="0N", other=(("barnevernsregion", r"^R\d+$"), ("fylke", r"^\d{2}$"))),
    first_year=2015,
    unit="tiltak",
    staging_sql="staging/barnevernstiltak.sql",
    staged_table="staging.barnevernstiltak",
    raw_expectations=Expectations(
        columns=(ColumnExpectations("tiltak", not_null=True), ColumnExpectations("value", min_value=0)),
        unique_key=("region", "tiltak", "statistikkvariabel", "aar"),
    ),
    staged_expectations=Expectations(
        columns=(ColumnExpectations("antall", min_value=0),
                 ColumnExpectations("maal", not_null=True,
                                    allowed=("per_31_12", "i_lopet_av_aret", "nye"))),
        unique_key=("region", "tiltak", "maal", "aar"),
        # Both categories are found by label (else the table's labels changed: see the module).
        must_contain=(("kategori", tuple(KATEGORI_NAVN)), ("maal", ("per_31_12",))),
    ),
    demo=DemoSpec(value=_demo_10660, categories={
        "region": _DEMO_REGIONS,
        "tiltak": _DEMO_TILTAK,
        "statistikkvariabel": (("Tiltak3112", "Barnevernstiltak per 31. desember"),
                               ("TiltakGjennomAar", "Barnevernstiltak i løpet av året")),
    }),
)
