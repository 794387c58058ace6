-- figures/figur_5_1: the numbers behind figure 5-1.
-- One row: one year: the children 0-24 (0-22 up to 2020, when measures ended at 23) with hjelpetiltak
-- and with omsorgstiltak per 31.12, all of them, each the sum of SSB's age groups 0-17 and 18-22/18-24
-- (the report's fn 33; the footnote says how far SSB's "alder i alt" lies above it).
select
    aar as "år",
    aldersgruppe,
    max(per_31_12) filter (where tiltak = 'hjelpetiltak') as hjelpetiltak,
    max(per_31_12) filter (where tiltak = 'omsorgstiltak') as omsorgstiltak,
    max(per_31_12) filter (where tiltak = 'i_alt') as i_alt
from indicators.barn_med_tiltak
where report_year = getvariable('report_year') and aldersgruppe in ('0-22', '0-24')
group by all
order by aar
