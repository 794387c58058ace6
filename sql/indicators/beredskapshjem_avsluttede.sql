-- indicators.beredskapshjem_avsluttede
-- One row: one year before the report year: beredskapshjem placements that ended that year, their
-- mean and median length in days, and how many there were (Bufdir; figure 0-6).
select
    getvariable('report_year') as report_year,
    aar,
    gjennomsnitt_dager,
    median_dager,
    antall_avsluttede,
    fil
from raw.bufdir_beredskapshjem_avsluttede
where aar < getvariable('report_year')
order by aar
