-- indicators.asss_befolkning
-- One row: one kommune of the report year's structure, one age band and one year: inhabitants on
-- 1 January of `aar` (SSB 07459, older codes mapped to the report year's kommuner by
-- indicators.kommunestruktur). The denominators of the ASSS indicators: 0-17 (indicator 11, children with
-- measures), 1-5 (14, barnehage age) and 15-24 (15, young unemployed). A count per 31.12 of year Y is
-- divided by the inhabitants on 1 January of Y + 1 (the same day).
--
-- Columns:
--   kommune_kode: the kommune's code in the report year's structure
--   alder: the age band: 0-17, 1-5 or 15-24
--   aar: the year, per 1 January [år]
--   personer: inhabitants of the band on 1 January (SSB 07459, older codes mapped) [personer]
with bands as (
    select * from (values ('0-17', 0, 17), ('1-5', 1, 5), ('15-24', 15, 24)) as b(alder, fra, til)
)

select
    getvariable('report_year') as report_year,
    struktur.kommune_kode,
    bands.alder,
    befolkning.aar,
    sum(befolkning.personer * struktur.andel) as personer
from staging.befolkning as befolkning
inner join indicators.kommunestruktur as struktur
    on struktur.report_year = getvariable('report_year')
    and struktur.region_kode = befolkning.region_kode
    and struktur.aar = befolkning.aar
inner join bands on befolkning.alder between bands.fra and bands.til
where befolkning.region_type = 'kommune'
    and befolkning.aar <= getvariable('report_year')
group by struktur.kommune_kode, bands.alder, befolkning.aar
order by struktur.kommune_kode, bands.alder, befolkning.aar
