-- figures/figur_0_1: the numbers behind figure 0-1.
-- One row: one year: the children 0-24 (0-22 up to 2020) with any measure per 31.12, per 1 000 of the
-- age group, and the age group's population (1 January the year after).
select
    aar as "år",
    aldersgruppe,
    per_1000_per_31_12 as per_1000,
    befolkning
from indicators.barn_med_tiltak
where report_year = getvariable('report_year') and aldersgruppe in ('0-22', '0-24') and tiltak = 'i_alt'
order by aar
