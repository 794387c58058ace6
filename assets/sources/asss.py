"""The ASSS indicators' SSB sources (issue #12; `assets/asss.py`).

`TABLE_12275`: *Barn med tiltak i løpet av året og per 31. desember* (KOSTRA, K), children with child-welfare
measures by kommune, age and funksjon. What is known of it is in `../shared/reference/ssb-metadata/12275.md`:

- **seen** (real v0 `ApiData` calls and a comment quoting the metadata): the variable codes
  `KOKkommuneregion0000`, `KOKalder0000`, `KOKbvfunksjon0000`, `ContentsCode`, `Tid`; the age code `F000-017`
  (0-17 år); the funksjon codes `0` "Tiltak i alt", `1` "251 - Barnevernstiltak når barnet ikke er plassert av
  barnevernet", `2` "252 - Barnevernstiltak når barnet er plassert av barnevernet"; years from 2015.
- **inferred**: the labels of the two counts (the ContentsCode labels were not seen; the title says "i løpet
  av året og per 31. desember", so the table is taken to have one count of each). They are declared by label,
  with the wordings SSB uses elsewhere as alternatives: `reformeval fetch --check` names the closest labels the
  live metadata has where none of them is there. The KOSTRA region coding (EAK, EAKUO) is taken from 12362.

Funksjon 252 per 31.12 is the number of children 0-17 with a measure **while placed by the barnevern**
(fosterhjem, institusjon, beredskapshjem and other placements, as omsorgs- or hjelpetiltak) on 31 December:
indicator 11's *plasseringer utenfor hjemmet*. It counts children, not placements (a child placed twice in
a year is one), and it is the kommune's KOSTRA function (the kommune that pays), not the child's residence.

`TABLE_13502`: *Utvalgte nøkkeltall for barnehager* (KOSTRA, K), indicator 14's source. What was **seen**
(2026-11-29, two public scripts that query it on PxWebApi v2, `https://data.ssb.no/api/pxwebapi/v2/tables/13502/
data?...`: a Telemark kommune dashboard's «Dekningsgrad barnehage» script and a TypeScript KOSTRA client):
the id and the title «13502 - Utvalgte nøkkeltall for barnehager»; the variable codes
`KOKkommuneregion0000`, `ContentsCode`, `Tid`; the ContentsCode `KOSandel150000` with the label «Andel barn
1-5 år i barnehage, i forhold til innbyggere 1-5 år (prosent)» (the script maps that exact label; `KOSandel350000`
is 3-5 år); kommune rows under the codes in use each year (2020-2023 and 2024 codes side by side, so older codes
are there for older years), `EAK` for the country (label «Landet») and `EKA40` for a fylke; years at least
2020-2025. What is **inferred**: that the years go back to 2015 like the other KOSTRA tables (a live fetch
names the years it lacks), `EAKUO` for the country without Oslo as in 12362, and that the share is per
15 December over inhabitants 1-5 per 31.12 as KOSTRA's dekningsgrad (SSB's `barnehager` tables «Dekningsgrad
1-5 år»). 13502 publishes the share only, not the counts: indicator 14 is 100 minus it.

Indicators 12, 13 and 15 are **not declared**: no current SSB table with kommune rows was found for them
(searched 2026-11-29 in public documentation, statbank pages and public code that queries SSB; what was seen,
for the next declaration):
- 12 (pupils without grunnskolepoeng): SSB's *kargrs* statistic publishes grunnskolepoeng by fylke, «0 poeng
  ikke medberegnet»; KOSTRA 12255 has the kommune's *average* grunnskolepoeng (`KOSgrunnskolepoe0000`), not
  the share without points; Oslo's statistikkbank cites SSB for pupils without points by bydel; a public
  KOSTRA client notes that the share needs Udir's statistikkbank. No SSB table with the share by kommune seen.
- 13 (not completing videregående): SSB 11914 (cited by KOSTRA's KOMPIS for the share completed within five
  years), 12971 (KOSTRA, fylkeskommune), 13628 / 14882 / 14883 (gjennomføring, variable `FullforingVGO`): every
  query seen selects fylker (`Region` 2 digits); FHI's Kommunehelsa has completion by kommune but is no SSB
  table. No SSB table with kommune (bosted) rows seen.
- 15 (young unemployed 15-24): the NAV-based tables by kommune and age (10540, 04471, 11021; 09428 before) are
  closed ("avsluttet serie" since 2020); the current 13563 «Kommunefordelt prioritert arbeidsstyrkestatus»
  (`HovArbStyrkStatus` `A.09` registrerte arbeidsledige) has the age groups 15-74, 15+, 15-29, 30-61, 62+,
  20-66 in public queries, no 15-24; KOSTRA's `KOSandelarbeid0000` is 15-74. A 15-29 share would be another
  indicator than the seed's, so none is computed. The denominators 1-5 and 15-24 are in
  `indicators.asss_befolkning`.
The catalogue (`sql/seeds/asss_indikatorer.csv`, `kilde_mangler`) and the pages carry the same reasons.
"""

from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.ssb.declaration import RegionCodes, Selection, SsbTable, Variable

# The funksjon codes of 12275 (seen, quoting the metadata) by the key the warehouse uses.
FUNKSJON_12275 = {"0": "Tiltak i alt", "1": "251 - Barnevernstiltak når barnet ikke er plassert av barnevernet",
                  "2": "252 - Barnevernstiltak når barnet er plassert av barnevernet"}
FUNKSJON_NOKKEL = {"0": "i_alt", "1": "251", "2": "252"}

# The two counts, by key: labels INFERRED (not seen), each with the wordings SSB is known to use.
MAAL_12275 = {
    "i_lopet_av_aaret": ("Barn med barnevernstiltak i løpet av året", "Barn med tiltak i løpet av året",
                         "Antall barn med barnevernstiltak i løpet av året"),
    "per_31_12": ("Barn med barnevernstiltak per 31. desember", "Barn med barnevernstiltak per 31.12",
                  "Barn med tiltak per 31. desember", "Barn med tiltak per 31.12",
                  "Antall barn med barnevernstiltak per 31.12"),
}

TABLE_12275 = SsbTable(
    id="12275",
    title="Barn med tiltak i løpet av året og per 31. desember (K)",
    description="Children 0-17 with child-welfare measures per kommune, funksjon (all / 251 / 252) and year, during "
                "the year and per 31.12 (KOSTRA; the counts declared by inferred label).",
    variables=(
        Variable("region", Selection.all(), code="KOKkommuneregion0000", role="geo"),
        Variable("alder", Selection.codes("F000-017"), code="KOKalder0000"),
        Variable("funksjon", Selection.codes(*FUNKSJON_12275), code="KOKbvfunksjon0000"),
        Variable("statistikkvariabel", Selection.labeled(MAAL_12275), code="ContentsCode", role="metric"),
        Variable("aar", Selection.years(), role="time"),
    ),
    # KOSTRA coding, as 12362 (inferred for this table): the country EAK, without Oslo EAKUO.
    regions=RegionCodes(national="EAK", national_without_oslo="EAKUO"),
    first_year=2015,
    unit="barn",
    staging_sql="staging/barn_med_tiltak_kommune.sql",
    staged_table="staging.barn_med_tiltak_kommune",
    kommune_value_column="antall",
    known_labels={"alder": {"F000-017": "0-17 år"}, "funksjon": FUNKSJON_12275},
    raw_expectations=Expectations(
        required_columns=("region", "alder", "funksjon", "statistikkvariabel", "aar", "value", "status"),
        columns=(
            ColumnExpectations("funksjon", not_null=True, allowed=tuple(FUNKSJON_12275)),
            ColumnExpectations("statistikkvariabel_key", not_null=True),
            ColumnExpectations("aar", not_null=True, regex=r"^\d{4}$"),
            ColumnExpectations("value", min_value=0),
            ColumnExpectations("status", allowed=(".", "..", "...", ":", "-")),
        ),
        unique_key=("region", "alder", "funksjon", "statistikkvariabel", "aar"),
    ),
    staged_expectations=Expectations(
        required_columns=("region_kode", "region_type", "alder", "funksjon", "maal", "aar", "antall", "status"),
        columns=(
            ColumnExpectations("aar", not_null=True, min_value=2015, max_value=2100),
            ColumnExpectations("funksjon", not_null=True, allowed=tuple(FUNKSJON_NOKKEL.values())),
            ColumnExpectations("maal", not_null=True, allowed=tuple(MAAL_12275)),
            ColumnExpectations("antall", min_value=0, max_value=1_000_000),
        ),
        unique_key=("region_kode", "alder", "funksjon", "maal", "aar"),
    ),
)


# Indicator 14's share, by the key the warehouse uses: code and label seen (see the module).
MAAL_13502 = {"KOSandel150000": "Andel barn 1-5 år i barnehage, i forhold til innbyggere 1-5 år (prosent)"}

TABLE_13502 = SsbTable(
    id="13502",
    title="Utvalgte nøkkeltall for barnehager (K)",
    description="Share of children 1-5 in barnehage per kommune and year (KOSTRA, KOSandel150000): ASSS indicator "
                "14 is 100 minus it (see the module for what was seen and inferred).",
    variables=(
        Variable("region", Selection.all(), code="KOKkommuneregion0000", role="geo"),
        Variable("statistikkvariabel", Selection.codes(*MAAL_13502), code="ContentsCode", role="metric"),
        Variable("aar", Selection.years(), code="Tid", role="time"),
    ),
    # seen: EAK; EAKUO inferred from 12362
    regions=RegionCodes(national="EAK", national_without_oslo="EAKUO"),
    first_year=2015,  # inferred: the KOSTRA tables' first year; years from 2020 seen
    unit="prosent",
    staging_sql="staging/barnehage_kommune.sql",
    staged_table="staging.barnehage_kommune",
    kommune_value_column="andel_i_barnehage",
    known_labels={"statistikkvariabel": MAAL_13502},
    raw_expectations=Expectations(
        required_columns=("region", "statistikkvariabel", "aar", "value", "status"),
        columns=(
            ColumnExpectations("aar", not_null=True, regex=r"^\d{4}$"),
            ColumnExpectations("value", min_value=0),
            ColumnExpectations("status", allowed=(".", "..", "...", ":", "-")),
        ),
        unique_key=("region", "statistikkvariabel", "aar"),
    ),
    staged_expectations=Expectations(
        required_columns=("region_kode", "region_type", "aar", "andel_i_barnehage", "status"),
        columns=(ColumnExpectations("aar", not_null=True, min_value=2015, max_value=2100),),
        unique_key=("region_kode", "aar"),
    ),
)
