-- indicators.barn_med_tiltak
-- One row: one year, one age group and one tiltak (i_alt / hjelpetiltak / omsorgstiltak): children
-- with measures per 31.12, during the year and new (SSB 09050), and per 31.12 per 1 000 inhabitants
-- of the age group on 1 January of the following year (the population on 31.12; the same year's
-- where the next is not published). The all-ages group is 0-22 up to 2020 and 0-24 from 2021 (the
-- upper age limit went from 23 to 25 years): `aldersgruppe` says which, `brudd` marks the break.
with cells as (
    select
        aar,
        aldersgruppe(alder, aar) as aldersgruppe,
        tiltak,
        maal,
        antall
    from staging.barn_med_tiltak
    where aar < getvariable('report_year')
),

wide as (
    select
        aar,
        aldersgruppe,
        tiltak,
        max(antall) filter (where maal = 'per_31_12') as per_31_12,
        max(antall) filter (where maal = 'i_lopet_av_aret') as i_lopet_av_aret,
        max(antall) filter (where maal = 'nye') as nye
    from cells
    where aldersgruppe is not null
    group by aar, aldersgruppe, tiltak
    -- an age group SSB marks "." in a year (18-22 from 2021, 18-24 before) is not a row
    having count(antall) > 0
),

population as (
    select
        aar,
        alder,
        coalesce(
            sum(personer) filter (where region_type = 'landet'),
            sum(personer) filter (where region_type = 'kommune')
        ) as personer
    from staging.befolkning
    group by aar, alder
),

age_groups as (
    select distinct
        aldersgruppe,
        cast(split_part(aldersgruppe, '-', 1) as integer) as fra_alder,
        cast(split_part(aldersgruppe, '-', 2) as integer) as til_alder
    from wide
),

group_population as (
    select
        age_groups.aldersgruppe,
        population.aar,
        sum(population.personer) as personer
    from age_groups
    inner join population
        on population.alder between age_groups.fra_alder and age_groups.til_alder
    group by age_groups.aldersgruppe, population.aar
)

select
    getvariable('report_year') as report_year,
    wide.aar,
    wide.aldersgruppe,
    wide.tiltak,
    wide.per_31_12,
    wide.i_lopet_av_aret,
    wide.nye,
    max(wide.per_31_12) filter (where wide.tiltak = 'i_alt')
        over (partition by wide.aar, wide.aldersgruppe) as i_alt_per_31_12,
    coalesce(next_year.personer, same_year.personer) as befolkning,
    1000.0 * wide.per_31_12 / coalesce(next_year.personer, same_year.personer) as per_1000_per_31_12,
    case
        when wide.aar = 2021 and wide.aldersgruppe in ('0-24', '18-24') then 'aldersgrense 23 → 25 år'
        when wide.aar = 2016 and wide.tiltak = 'hjelpetiltak' then 'ny prioritering hjelpetiltak per 31.12.'
    end as brudd
from wide
left join group_population as next_year
    on next_year.aldersgruppe = wide.aldersgruppe and next_year.aar = wide.aar + 1
left join group_population as same_year
    on same_year.aldersgruppe = wide.aldersgruppe and same_year.aar = wide.aar
order by wide.aar, wide.aldersgruppe, wide.tiltak
