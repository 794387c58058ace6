-- figures/figur_0_12: the numbers behind figure 0-12.
-- One row: one year and one age group (0-17): measures in sentre for foreldre og barn per 31.12.
select
    aar as "år",
    aldersgruppe,
    alder_fra,
    antall
from indicators.tiltak_etter_alder
where report_year = getvariable('report_year') and maal = 'per_31_12' and tiltak = 'sentre'
    and antall is not null
order by aar, alder_fra
