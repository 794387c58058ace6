"""KOSTRA spending, the source: SSB table 12362 (kommunekonsern), functions 244, 251 and 252.

The function codes and their labels are declared here because the query, the expectations and the
figures (`assets/kostra.py`) all use them.

Public sources say the function-level amounts (244/251/252) are in SSB 12367 (*detaljerte regnskapstall*)
while 12362 may carry only function groups (FGK13 Barnevern): 12367 is named in `also_published_in`, so a live
fetch (and `fetch --check`) takes whichever of the two resolves this declaration from its `/metadata`, 12362
first, and stops naming both when neither does. That 12367 has the same variables, art codes (AGD2, AGD10) and
ContentsCode (KOSbelop0000, "1000 kr") is **not confirmed**: it is used only where its metadata says so.
"""

from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.ssb.declaration import RegionCodes, Selection, SsbTable, Variable

KOSTRA_FUNKSJONER = ("244", "251", "252")
FUNKSJON_LABELS = {
    "244": "Barnevernstjeneste",
    "251": "Barnevernstiltak når barnet ikke er plassert av barnevernet",
    "252": "Barnevernstiltak når barnet er plassert av barnevernet",
}

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
    also_published_in=("12367",),
    known_labels={
        "funksjon": FUNKSJON_LABELS,
        "art": {"AGD2": "Netto driftsutgifter", "AGD10": "Brutto driftsutgifter på funksjon/tjenesteområde"},
        "statistikkvariabel": {"KOSbelop0000": "Beløp (1000 kr)"},
    },
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
