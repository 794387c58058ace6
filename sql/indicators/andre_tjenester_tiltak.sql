-- indicators.andre_tjenester_tiltak
-- One row: one year before the report year and one measure within the two categories of
-- cooperation with other services: measures per 31.12 in the country (SSB 10660), and per 1 000
-- inhabitants 0-22 (up to 2020) or 0-24 (from 2021), with the country's population as
-- indicators.andre_tjenester_kategorier counts it. `tiltak_navn` is SSB's label in the latest year.
--
-- Columns:
--   aar: the year, per 31.12 [år]
--   kategori: nettverk or undersoking: the category the measure belongs to
--   tiltak: SSB's code of the measure (6.01, …)
--   tiltak_navn: SSB's label of the measure in the latest year
--   antall: measures on 31 December in the country (SSB 10660) [tiltak]
--   aldersgruppe: the age group the rate is per: 0-22 (up to 2020) or 0-24 (from 2021)
--   befolkning: the country's inhabitants of the age group, as andre_tjenester_kategorier counts them [personer]
--   per_1000: antall per 1 000 inhabitants of the age group [per 1 000]
with measures as (
    select aar, kategori, tiltak, tiltak_navn, antall
    from staging.barnevernstiltak
    where maal = 'per_31_12' and region_type = 'landet' and kategori is not null and not er_kategori
      and aar < getvariable('report_year')
)

select
    getvariable('report_year') as report_year,
    measures.aar,
    measures.kategori,
    measures.tiltak,
    last(measures.tiltak_navn order by measures.aar) over (partition by measures.tiltak) as tiltak_navn,
    measures.antall,
    country.aldersgruppe,
    country.befolkning,
    1000.0 * measures.antall / country.befolkning as per_1000
from measures
left join indicators.andre_tjenester_kategorier as country
    on country.report_year = getvariable('report_year') and country.region = 'Hele landet'
    and country.aar = measures.aar
order by measures.kategori, measures.tiltak, measures.aar
