-- figures/figur_0_2: the numbers behind figure 0-2.
-- One row: one year: the children 0-24 (0-22 up to 2020) new with a measure during the year.
select
    aar as "år",
    aldersgruppe,
    nye
from indicators.barn_med_tiltak
where report_year = getvariable('report_year') and aldersgruppe in ('0-22', '0-24') and tiltak = 'i_alt'
order by aar
