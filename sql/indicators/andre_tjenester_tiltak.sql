-- indicators.andre_tjenester_tiltak
-- One row: one year before the report year and one measure within the two categories of
-- cooperation with other services: measures per 31.12 in the country (SSB 10660), and per 1 000
-- inhabitants 0-22 (up to 2020) or 0-24 (from 2021) on 1 January of the following year (the same
-- year's where the next is not published). `tiltak_navn` is SSB's label in the latest year.
with measures as (
    select aar, kategori, tiltak, tiltak_navn, antall
    from staging.barnevernstiltak
    where maal = 'per_31_12' and region_type = 'landet' and kategori is not null and not er_kategori
      and aar < getvariable('report_year')
),

population as (
    select
        aar,
        coalesce(sum(personer) filter (where alder <= 22 and region_type = 'landet'),
                 sum(personer) filter (where alder <= 22 and region_type = 'kommune')) as personer_0_22,
        coalesce(sum(personer) filter (where alder <= 24 and region_type = 'landet'),
                 sum(personer) filter (where alder <= 24 and region_type = 'kommune')) as personer_0_24
    from staging.befolkning
    group by aar
),

with_population as (
    select
        measures.*,
        case when measures.aar < 2021 then '0-22' else '0-24' end as aldersgruppe,
        case when measures.aar < 2021
            then coalesce(next_year.personer_0_22, same_year.personer_0_22)
            else coalesce(next_year.personer_0_24, same_year.personer_0_24)
        end as befolkning
    from measures
    left join population as next_year on next_year.aar = measures.aar + 1
    left join population as same_year on same_year.aar = measures.aar
)

select
    getvariable('report_year') as report_year,
    aar,
    kategori,
    tiltak,
    last(tiltak_navn order by aar) over (partition by tiltak) as tiltak_navn,
    antall,
    aldersgruppe,
    befolkning,
    1000.0 * antall / befolkning as per_1000
from with_population
order by kategori, tiltak, aar
