-- figures/figur_0_2: the numbers behind figure 0-2.
-- One row: one year: the children 0-24 (0-22 up to 2020; the sum of SSB's age groups 0-17 and 18-22/18-24)
-- new with a hjelpetiltak and with an omsorgstiltak during the year, and all new children.
select
    aar as "år",
    aldersgruppe,
    max(nye) filter (where tiltak = 'hjelpetiltak') as hjelpetiltak,
    max(nye) filter (where tiltak = 'omsorgstiltak') as omsorgstiltak,
    max(nye) filter (where tiltak = 'i_alt') as i_alt
from indicators.barn_med_tiltak
where report_year = getvariable('report_year') and aldersgruppe in ('0-22', '0-24')
group by all
order by aar
