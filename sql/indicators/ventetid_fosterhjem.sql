-- indicators.ventetid_fosterhjem
-- One row: one period and one region: children waiting for a fosterhjem from Bufetat at the end of
-- the period and during it, and the mean and median days waited after the wished start date
-- (Bufdir). Periods ending after the report year's cut-off (the report year up to its spring) are
-- not part of the report year.
select
    getvariable('report_year') as report_year,
    periode,
    periode_slutt,
    region,
    barn_som_venter_ved_periodeslutt,
    barn_som_har_ventet_i_perioden,
    gjennomsnitt_ventedager,
    median_ventedager,
    year(periode_slutt) = getvariable('report_year') as forelopig,
    fil
from raw.bufdir_ventetid_fosterhjem
where periode_slutt < make_date(getvariable('report_year') + 1, 1, 1)
order by periode_slutt, region
