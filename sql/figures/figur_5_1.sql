-- figures/figur_5_1: the numbers behind figure 5-1.
-- One row: one year: the children 0-24 (0-22 up to 2020, when measures ended at 23) with hjelpetiltak
-- and with omsorgstiltak per 31.12.
select
    aar as "år",
    aldersgruppe,
    max(per_31_12) filter (where tiltak = 'hjelpetiltak') as hjelpetiltak,
    max(per_31_12) filter (where tiltak = 'omsorgstiltak') as omsorgstiltak
from indicators.barn_med_tiltak
where report_year = getvariable('report_year') and aldersgruppe in ('0-22', '0-24')
group by all
order by aar
