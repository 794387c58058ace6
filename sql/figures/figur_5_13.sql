-- figures/figur_5_13: the numbers behind figure 5-13.
-- One row: one year up to the report year and one accounting function: Bufetat's gross operating
-- expenditure in billion report-year kroner, accounts or (the report year) budget.
select
    aar as "år",
    regnskapsfunksjon,
    type,
    belop_mrd_kr_fast as mrd_kr
from indicators.bufetat_driftsutgifter
where report_year = getvariable('report_year')
order by aar, regnskapsfunksjon
