-- indicators.beredskapshjem_avsluttede
-- One row: one year up to the report year: beredskapshjem placements that ended that year, their
-- mean and median length in days, and how many there were (Bufdir; figure 0-6). Years before the
-- report year are whole years; the report year's row, where the file has one, covers the year up to
-- `periode_slutt` (the report shows it "per 2. kvartal"). `periode_som_ventet` is false where a
-- file says otherwise.
select
    getvariable('report_year') as report_year,
    aar,
    periode_slutt,
    periode_slutt = make_date(aar, 12, 31) as hele_aar,
    case
        when aar < getvariable('report_year') then periode_slutt = make_date(aar, 12, 31)
        else year(periode_slutt) = aar and periode_slutt < make_date(aar, 12, 31)
    end as periode_som_ventet,
    gjennomsnitt_dager,
    median_dager,
    antall_avsluttede,
    fil
from raw.bufdir_beredskapshjem_avsluttede
where aar <= getvariable('report_year')
order by aar
