-- figures/figur_5_12: the numbers behind figure 5-12.
-- One row: one year up to the report year: Bufetat's gross operating expenditure over all accounting
-- functions in billion report-year kroner, and whether the year is accounts or (the report year) budget.
select
    aar as "år",
    any_value(type) as type,
    sum(belop_mrd_kr_fast) as mrd_kr
from indicators.bufetat_driftsutgifter
where report_year = getvariable('report_year')
group by aar
order by aar
