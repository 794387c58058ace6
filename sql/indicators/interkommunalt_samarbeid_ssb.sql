-- indicators.interkommunalt_samarbeid_ssb
-- One row: one year before the report year (per 31.12): the kommuner whose child-welfare service SSB
-- 12115 reports in an inter-municipal cooperation (answer 1) and not (answer 0), counted in that year's
-- own kommune structure (the report: 208 kommuner in 2021, 210 in 2022). A kommune whose answer is an
-- SSB symbol is counted in neither: `kommuner_uten_tall` says how many, and `merknad_symboler` names
-- them, since the count is then too low. A '.' (the code not in use that year) is not a kommune.
--
-- Columns:
--   aar: the year, per 31.12 [år]
--   kommuner_i_samarbeid: kommuner whose barnevernstjeneste SSB 12115 reports in an inter-municipal cooperation
--         (answer 1) [kommuner]
--   kommuner_ikke_i_samarbeid: kommuner answering 0 [kommuner]
--   kommuner: kommuner in that year's own structure with a row [kommuner]
--   kommuner_uten_tall: kommuner whose answer is an SSB symbol, counted in neither [kommuner]
--   merknad_symboler: those kommuner named, since the count is then too low; NULL where none
with answers as (
    select *
    from staging.interkommunalt_samarbeid_ssb
    where region_type = 'kommune' and aar < getvariable('report_year')
        and (svar is not null or status in ('..', '...', ':'))
)

select
    getvariable('report_year') as report_year,
    aar,
    count(*) filter (where svar = 1) as kommuner_i_samarbeid,
    count(*) filter (where svar = 0) as kommuner_ikke_i_samarbeid,
    count(*) as kommuner,
    count(*) filter (where svar is null) as kommuner_uten_tall,
    case when count(*) filter (where svar is null) > 0 then
        'SSB 12115, ' || aar || ': ' || count(*) filter (where svar is null)
        || ' kommune(r) uten svar (SSB-symbol) er ikke talt med, og antallet i samarbeid kan derfor være for lavt: '
        || string_agg(region_kode || ' ' || region_navn || ' (''' || status || ''')', ', ' order by region_kode)
            filter (where svar is null)
    end as merknad_symboler
from answers
group by aar
order by aar
