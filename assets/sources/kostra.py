"""KOSTRA spending, the source: SSB table 12362 (kommunekonsern), functions 244, 251 and 252.

The function codes and their labels are declared here because the query, the expectations and the
figures (`assets/kostra.py`) all use them. The demo values are invented kroner per inhabitant 0-24.
"""

from pipeline.demo import DemoWorld, stable_random
from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.ssb.declaration import DemoSpec, RegionCodes, Selection, SsbTable, Variable

KOSTRA_FUNKSJONER = ("244", "251", "252")
FUNKSJON_LABELS = {
    "244": "Barnevernstjeneste",
    "251": "Barnevernstiltak når barnet ikke er plassert av barnevernet",
    "252": "Barnevernstiltak når barnet er plassert av barnevernet",
}

# Demo only: invented kroner per inhabitant 0-24 in 2015 by function, and yearly nominal growth.
_DEMO_KR_PER_BARN = {"244": 3_100.0, "251": 1_700.0, "252": 4_600.0}
_DEMO_REFORM_STEP = {"244": 1.08, "251": 1.10, "252": 1.14}  # the 2022 reform year


def _demo_spending(cell: dict[str, str], world: DemoWorld) -> float | str | None:
    kommune, year, funksjon = cell["region"], int(cell["aar"]), cell["funksjon"]
    if not world.kommune(kommune).exists(year):
        return "."
    rng = stable_random("12362", kommune, funksjon)
    if rng.random() < 0.02 and year == 2019:
        return ".."  # a kommune that did not report one year
    barn = world.population_in_ages(kommune, year, range(0, 25))
    level = _DEMO_KR_PER_BARN[funksjon] * rng.uniform(0.6, 1.5)
    nominal = level * 1.035 ** (year - 2015) * (_DEMO_REFORM_STEP[funksjon] if year >= 2022 else 1.0)
    netto = barn * nominal / 1000.0
    return round(netto * (1.18 if cell["art"] == "AGD10" else 1.0), 0)


TABLE_12362 = SsbTable(
    id="12362",
    title="Utgifter til tjenesteområdene, kommunekonsern (KOSTRA)",
    description="Netto og brutto driftsutgifter per kommune, funksjon 244/251/252 og år, 1 000 kr.",
    variables=(
        Variable("region", Selection.all(), code="KOKkommuneregion0000", role="geo"),
        Variable("funksjon", Selection.codes(*KOSTRA_FUNKSJONER), code="KOKfunksjon0000"),
        # AGD2 netto driftsutgifter; AGD10 brutto driftsutgifter (the ASSS unit costs need brutto).
        Variable("art", Selection.codes("AGD2", "AGD10"), code="KOKart0000"),
        Variable("statistikkvariabel", Selection.codes("KOSbelop0000"), code="ContentsCode", role="metric"),
        Variable("aar", Selection.years(), role="time"),
    ),
    # KOSTRA tables code the country as EAK and the country without Oslo as EAKUO, never "0".
    regions=RegionCodes(national="EAK", national_without_oslo="EAKUO"),
    first_year=2015,
    unit="1000 kr",
    staging_sql="staging/kostra_utgifter.sql",
    staged_table="staging.kostra_utgifter",
    kommune_value_column="belop_1000_kr",
    known_labels={
        "funksjon": FUNKSJON_LABELS,
        "art": {"AGD2": "Netto driftsutgifter", "AGD10": "Brutto driftsutgifter på funksjon/tjenesteområde"},
        "statistikkvariabel": {"KOSbelop0000": "Beløp (1000 kr)"},
    },
    demo=DemoSpec(value=_demo_spending, parts_by="aar"),
    raw_expectations=Expectations(
        required_columns=("region", "funksjon", "art", "statistikkvariabel", "aar", "value", "status"),
        columns=(
            ColumnExpectations("funksjon", not_null=True, allowed=KOSTRA_FUNKSJONER),
            ColumnExpectations("art", not_null=True, allowed=("AGD2", "AGD10")),
            ColumnExpectations("aar", not_null=True, regex=r"^\d{4}$"),
            ColumnExpectations("status", allowed=(".", "..", "...", ":", "-")),
        ),
        unique_key=("region", "funksjon", "art", "statistikkvariabel", "aar"),
    ),
    staged_expectations=Expectations(
        required_columns=("region_kode", "region_type", "funksjon", "art", "aar", "belop_1000_kr", "status"),
        columns=(
            ColumnExpectations("aar", not_null=True, min_value=2015, max_value=2100),
            ColumnExpectations("region_type", not_null=True,
                               allowed=("kommune", "landet", "landet_uten_oslo", "annen")),
            # Net spending per kommune and function: negative values occur (refunds exceed costs) but
            # a national total for one function is far below 100 bn kroner.
            ColumnExpectations("belop_1000_kr", min_value=-5_000_000, max_value=100_000_000),
        ),
        unique_key=("region_kode", "funksjon", "art", "aar"),
    ),
)
