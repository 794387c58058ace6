-- indicators.ventetid_fosterhjem_intervall
-- One row: one region at one of the two latest reference dates on or before 31 August of the report
-- year (the report compares 31.08 of the year before with 31.08 of the report year): children waiting for
-- a fosterhjem by days waited (<30, 30-90, 91-180, >180), the count, and the difference between the
-- count and the sum of the buckets (which must be 0).
with latest as (
    select distinct referansedato
    from raw.bufdir_ventetid_fosterhjem_intervall
    where referansedato <= make_date(getvariable('report_year'), 8, 31)
    order by referansedato desc
    limit 2
)

select
    getvariable('report_year') as report_year,
    intervall.referansedato,
    intervall.region,
    intervall.under_30_dager,
    intervall."30_90_dager",
    intervall."91_180_dager",
    intervall.over_180_dager,
    intervall.i_alt,
    intervall.i_alt
        - (intervall.under_30_dager + intervall."30_90_dager" + intervall."91_180_dager" + intervall.over_180_dager)
        as differanse_intervaller,
    intervall.fil
from raw.bufdir_ventetid_fosterhjem_intervall as intervall
inner join latest on latest.referansedato = intervall.referansedato
order by intervall.referansedato, intervall.region
