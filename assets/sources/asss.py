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

Indicators 12-15 are **not declared**: no current SSB table with kommune rows was confirmed for any of them
(searched 2026-11; what was seen, for the next declaration):
- 12 (pupils without grunnskolepoeng): SSB's *kargrs* statistic publishes grunnskolepoeng by fylke ("0 poeng
  ikke medberegnet"); no kommune table with the share without points was seen (Udir's Skoleporten may be the
  source).
- 13 (not completing videregående): SSB KOMPIS cites "statistikkbank 11914 Gjennomføring i videregående
  opplæring" for the KOSTRA share completed within five years; whether 11914 has kommune (bosted) rows was not
  seen.
- 14 (children 1-5 not in barnehage): SSB's closed KOSTRA table 06808 (1999-2016) had "Andel barn 1-5 år med
  barnehageplass" per kommune; its current successor's id was not seen (12562 is unconfirmed).
- 15 (young unemployed 15-24): SSB's closed 09428 (2004-2013) had registered unemployed by age and region; the
  KOSTRA indicator KOSandelarbeid0000 is 15-74 (count per December / inhabitants 15-74 per 31.12); a current
  table with 15-24 per kommune was not seen. The denominators 1-5 and 15-24 are already in
  `indicators.asss_befolkning`.
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
