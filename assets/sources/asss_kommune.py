"""ASSS indicators 1–10 (issue #12, `assets/asss_kommune.py`), the sources: the kommuner's own answers, a
file drop like Bufdir's but in its own folder, and SSB's count of families with children.

**The kommune file** `<snapshot>/kommune/asss_forebygging.csv` (or `.xlsx`: first sheet, header in row 1;
CSV `;` or `,`, UTF-8, numbers as Norwegian spreadsheets write them): one row per kommune and year, the
answers to indicators 1–10 of the seed (Menon-publikasjon 43/2024, chapter 4). Kommuner send these
themselves; the evaluators (or KS) collect them into this one file. A kommune that has not answered, or
a question left empty, is normal: it gives no row in the indicator table, never a 0 or a "nei". The file
is **optional** in a snapshot: without it there are no answers yet (the run says so, and
`indicators.asss_indikator_kommune` is empty), which is not an error, since no kommune is obliged to
send them. What is an error is a file that cannot be what it says: a missing or renamed column, a value
outside the allowed ones, answers that contradict each other, a kommune code that is no kommune that
year, two rows for one kommune and year, or a file that ends before the report year needs (last year's
drop): each stops the run naming the file, the row, the column and what was expected.

**SSB 06083** (`TABLE_06083`), families by family type per region on 1 January: the denominator of
indicator 10, which vedlegg 5 makes comparable only "hvis beregnet som andel av barnefamilier i
kommunen". No SSB table is named in the seed or the review (B.1: "table not stated"); this one was found
in public code that queries it. What was **seen** (a public ingest script and its README for SSB 06083,
queried on PxWebApi v2, verified 2026-04-21 by its authors): the id and the title «Familier, etter
familietype»; four dimensions with the API codes `Region`, `FamilieType`, `ContentsCode` and `Tid`; one
statistic, `ContentsCode` = `Familier` (family count); 9 family types; regions at kommune level (four
digits) with fylker, the country and bydeler (six digits); years 2005–2025; counted at 1 January. What is
**inferred**: the labels of the four family types with children 0–17, taken from SSB's own published tables
of families by family type and kommune (ssb.no «Familier, etter familietype og kommune. 1. januar», 2011
and 2016: «Par med små barn (yngste barn 0-5 år)», «Par med store barn (yngste barn 6-17 år)», «Mor/far
med små barn …», «Mor/far med store barn …»; the 2016 table drops the parenthesis, so both forms are
accepted), that the four make up SSB's «Familier med barn (yngste barn 0-17 år)» (the 2011 and 2013
tables show that total as their sum), that the country is region `0`, and that 1 January of the report
year is published in time (data lag 0, like 07459). `reformeval fetch --check` names the closest labels
the live metadata has.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.bufdir import Reaches
from pipeline.errors import ReformevalError
from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.ssb.declaration import RegionCodes, Selection, SsbTable, Variable
from pipeline.typed_csv import Column


class KommuneFilError(ReformevalError):
    """A kommune file (`<snapshot>/kommune/<dataset>`) that does not match its declared schema, or whose
    answers contradict each other."""


@dataclass(frozen=True)
class KommuneDataset:
    """A file the kommuner send themselves, collected into `<snapshot>/kommune/<name>.csv|.xlsx`.

    Unlike a Bufdir dataset it may be absent from a snapshot (no answers yet); `reaches` applies to a file
    that is there."""

    name: str
    description: str
    columns: tuple[Column, ...]
    period: str
    reaches: Reaches
    expectations: Expectations = field(default_factory=Expectations)

    @property
    def table(self) -> str:
        return f"raw.kommune_{self.name}"


_JA_NEI = ("ja", "nei")


def _ja_nei(name: str, indikator: int, what: str) -> Column:
    return Column(name, "text", f"indikator {indikator}: {what} (ja/nei; empty: not answered)",
                  unit="ja/nei", allowed=_JA_NEI, nullable=True)


ASSS_FOREBYGGING = KommuneDataset(
    name="asss_forebygging",
    description="Per kommune and year: the kommune's answers to ASSS indicators 1–10 (forebygging og tidlig "
                "innsats: plan, cooperation, resources, foreldrestøtte, families helped)",
    period="one row per kommune and year (aar: the year the answer describes, status at 31.12 for ja/nei "
           "and the number of services, the whole year for resources and families helped)",
    # A report year's data end the year before it, like SSB's (README: a report year needs data up to
    # the year before): a file whose latest year is older is last year's drop.
    reaches=Reaches("aar", years_before=1),
    columns=(
        Column("kommunenummer", "text", "the kommune's code in the year the row describes (aar)", width=4),
        Column("aar", "int", "the year the answers describe"),
        _ja_nei("forebyggende_plan", 1, "has the kommunestyre adopted a plan for preventive work "
                "(barnevernsloven § 15-1 second paragraph)?"),
        _ja_nei("plan_i_samfunnsdelen", 2, "is the adopted plan anchored in kommuneplanens samfunnsdel? "
                "(only where forebyggende_plan is ja)"),
        _ja_nei("tverrfaglig_samarbeid", 3, "is there a formal cross-service cooperation on tidlig innsats "
                "og forebygging?"),
        Column("antall_tjenester", "int", "indikator 4: kommunale tjenester in the formal cooperation(s), "
               "in total (empty: not answered; 0 or empty where tverrfaglig_samarbeid is nei)",
               unit="tjenester", nullable=True),
        Column("ressurser", "float", "indikator 5: resources used by the formal cooperation(s) in the year, in "
               "the unit of ressurser_enhet: nominal kroner of that year, or årsverk", nullable=True),
        Column("ressurser_enhet", "text", "the unit of ressurser: kroner (lønnskostnader, nominal) or årsverk",
               allowed=("kroner", "årsverk"), nullable=True),
        _ja_nei("samarbeid_utenfor_kommunen", 6, "a formal cooperation, measure or the like with actors outside "
                "the kommune (e.g. frivillig sektor)?"),
        _ja_nei("foreldrestotte_universelt", 7, "foreldrestøttende tiltak at universal level?"),
        _ja_nei("foreldrestotte_selektivt", 8, "foreldrestøttende tiltak at selective level?"),
        _ja_nei("foreldrestotte_indikativt", 9, "foreldrestøttende tiltak at indicated level?"),
        Column("familier_hjulpet", "int", "indikator 10: families helped by the formal cooperation(s) during "
               "the year", unit="familier", nullable=True),
    ),
    expectations=Expectations(
        min_rows=0,
        unique_key=("kommunenummer", "aar"),
        columns=(
            ColumnExpectations("kommunenummer", not_null=True, regex=r"^\d{4}$"),
            ColumnExpectations("aar", not_null=True, min_value=2000, max_value=2100),
            ColumnExpectations("antall_tjenester", min_value=0, max_value=1000),
            ColumnExpectations("ressurser", min_value=0),
            ColumnExpectations("familier_hjulpet", min_value=0),
        ),
    ),
)

# The ja/nei answers by indicator number, in the order of the long shape.
JA_NEI_INDIKATORER = {1: "forebyggende_plan", 2: "plan_i_samfunnsdelen", 3: "tverrfaglig_samarbeid",
                      6: "samarbeid_utenfor_kommunen", 7: "foreldrestotte_universelt",
                      8: "foreldrestotte_selektivt", 9: "foreldrestotte_indikativt"}


# The family types with children 0–17, by the stable key the warehouse uses (labels inferred, see above).
FAMILIETYPER_MED_BARN = {
    "par_smaa_barn": ("Par med små barn (yngste barn 0-5 år)", "Par med små barn"),
    "par_store_barn": ("Par med store barn (yngste barn 6-17 år)", "Par med store barn"),
    "mor_far_smaa_barn": ("Mor/far med små barn (yngste barn 0-5 år)", "Mor/far med små barn"),
    "mor_far_store_barn": ("Mor/far med store barn (yngste barn 6-17 år)", "Mor/far med store barn"),
}

TABLE_06083 = SsbTable(
    id="06083",
    title="Familier, etter familietype",
    description="Families with children 0–17 (the four family types whose youngest child is 0–17) per region "
                "on 1 January: the denominator of ASSS indicator 10 (declared by label; see the module).",
    variables=(
        Variable("region", Selection.all(), code="Region", role="geo"),
        Variable("familietype", Selection.labeled(FAMILIETYPER_MED_BARN), code="FamilieType"),
        Variable("statistikkvariabel", Selection.codes("Familier"), code="ContentsCode", role="metric"),
        Variable("aar", Selection.years(), code="Tid", role="time"),
    ),
    # Outside KOSTRA the country is region "0" (inferred); bydeler (six digits) are neither kommune nor country.
    regions=RegionCodes(national="0"),
    first_year=2015,
    data_lag_years=0,  # counted on 1 January, like 07459 (inferred)
    unit="familier",
    staging_sql="staging/familier.sql",
    staged_table="staging.familier",
    kommune_value_column="familier",
    known_labels={"statistikkvariabel": {"Familier": "Familier"}},
    raw_expectations=Expectations(
        required_columns=("region", "familietype", "statistikkvariabel", "aar", "value", "status"),
        columns=(
            ColumnExpectations("familietype_key", not_null=True),
            ColumnExpectations("aar", not_null=True, regex=r"^\d{4}$"),
            ColumnExpectations("value", min_value=0),
            ColumnExpectations("status", allowed=(".", "..", "...", ":", "-")),
        ),
        unique_key=("region", "familietype", "statistikkvariabel", "aar"),
    ),
    staged_expectations=Expectations(
        required_columns=("region_kode", "region_type", "familietype", "aar", "familier", "status"),
        unique_key=("region_kode", "familietype", "aar"),
        columns=(ColumnExpectations("familier", min_value=0, max_value=5_000_000),),
    ),
)
