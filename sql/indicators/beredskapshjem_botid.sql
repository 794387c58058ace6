-- indicators.beredskapshjem_botid
-- One row: one region (and the country) at the latest reference date on or before 30 April of the
-- report year (the report's date for table 5-1): children
-- living in beredskapshjem, and their mean length of stay so far in days (Bufdir; table 5-1).
--
-- Columns:
--   referansedato: the latest reference date on or before 30 April of the report year
--   region: the Bufetat region, or I alt (the country)
--   gjennomsnitt_botid_dager: the mean length of stay so far of the children living in beredskapshjem on that date
--         [dager]
--   antall_barn: children living in beredskapshjem on that date [barn]
--   fil: the Bufdir file the row was read from
with latest as (
    select max(referansedato) as referansedato
    from raw.bufdir_beredskapshjem_botid
    where referansedato <= make_date(getvariable('report_year'), 4, 30)
)

select
    getvariable('report_year') as report_year,
    botid.referansedato,
    botid.region,
    botid.gjennomsnitt_botid_dager,
    botid.antall_barn,
    botid.fil
from raw.bufdir_beredskapshjem_botid as botid
inner join latest on latest.referansedato = botid.referansedato
order by botid.region
