"""Moves among children in fosterhjem, the source: SSB table 13353.

SSB's title names the table's dimensions (fosterheimstype, aldersgrupper, talet på år sidan første
plasseringstiltak, observasjonsperiodar), but no codes were found
(`../shared/reference/ssb-metadata/13353.md`). The declaration asks for every type of fosterhjem
(the variable found by its label) and every statistic, and leaves the other variables to SSB's
elimination, which gives their total only where the metadata names a total value (all ages, all
years since the first placement, the longest observation period from 2014, as the report's
figures). Where SSB would sum overlapping values instead (observation periods overlap), the fetch
stops naming the variable and its values: it must then be declared with the value wanted. SSB
publishes the table a year later than the rest, so a report year reads it two years back
(`data_lag_years=2`).
"""

from pipeline.demo import DemoWorld, stable_random
from pipeline.expectations import ColumnExpectations, Expectations
from pipeline.ssb.declaration import DemoSpec, RegionCodes, Selection, SsbTable, Variable

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


TABLE_13353 = SsbTable(
    id="13353",
    title="Flyttingar blant barn som har budd i fosterheim i løpet av året, etter fosterheimstype, aldersgrupper, "
          "talet på år sidan første plasseringstiltak og observasjonsperiodar",
    description="Children who lived in a fosterhjem during the year, and those with at least one move since "
                "their first placement, by type of fosterhjem.",
    variables=(
        Variable("fosterheimstype", Selection.all(), label="fosterheimstype"),
        Variable("statistikkvariabel", Selection.all(), role="metric"),
        Variable("aar", Selection.years(), role="time"),
    ),
    regions=RegionCodes(national="0"),
    first_year=2019,
    data_lag_years=2,
    unit="barn",
    staging_sql="staging/flyttinger.sql",
    staged_table="staging.flyttinger",
    raw_expectations=Expectations(columns=(ColumnExpectations("value", min_value=0),),
                                  unique_key=("fosterheimstype", "statistikkvariabel", "aar")),
    staged_expectations=Expectations(
        unique_key=("fosterheimstype", "statistikkvariabel", "aar"),
        columns=(ColumnExpectations("antall", min_value=0),),
        must_contain=(("maal", ("minst_en_flytting", "barn")), ("type", ("i_familie", "utenom_familie"))),
    ),
    demo=DemoSpec(value=_demo_13353, categories={
        "fosterheimstype": _DEMO_TYPES,
        "statistikkvariabel": (("BarnFosterheim", "Barn som har budd i fosterheim i løpet av året"),
                               ("BarnMinstEiFlytting", "Barn med minst éi flytting sidan første plasseringstiltak")),
    }),
)
