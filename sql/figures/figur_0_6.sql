-- figures/figur_0_6: the numbers behind figure 0-6.
-- One row: one year up to the report year: beredskapshjem placements that ended that year, their mean
-- and median length in days, how many there were and from how many kommuner (N); the report year's row covers the year up to
-- `periode_slutt` (`hele_aar` false), marked with an asterisk in the figure.
select
    aar as "år",
    periode_slutt,
    hele_aar,
    gjennomsnitt_dager,
    median_dager,
    antall_avsluttede,
    antall_kommuner
from indicators.beredskapshjem_avsluttede
where report_year = getvariable('report_year')
order by aar
