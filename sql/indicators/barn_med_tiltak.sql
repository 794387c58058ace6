-- indicators.barn_med_tiltak
-- One row: one year, one age group and one tiltak (i_alt / hjelpetiltak / omsorgstiltak): children
-- with measures per 31.12, during the year and new (SSB 09050), per 1 000 inhabitants of the age group,
-- and the share of the age group's children with a measure who have a hjelpetiltak.
--
-- Age groups: SSB's own (0-2, 3-5, 6-12, 13-17, 0-17, 18-22 up to 2020, 18-24 from 2021) and the whole
-- range the report shows (its fn 33), 0-22 up to 2020 and 0-24 from 2021, the upper age limit having gone
-- from 23 to 25 years: that one is the SUM of 0-17 and 18-22 / 18-24, never SSB's "alder i alt" (which
-- has 1-37 children more a year). The sum needs both parts in every year and measure: the model's
-- precondition stops the run naming a missing part. SSB's "alder i alt" is kept beside the sum
-- (`alder_i_alt_per_31_12`) only to say how far it exceeds it, and checked never to fall below it.
--
-- Per 1 000: SSB's own rate in 09050 where it publishes one (`per_1000_ssb`), else count ÷ population
-- (`per_1000_beregnet`: SSB 07459 on 1 January of the following year, i.e. on 31.12; the same year's where
-- the next is not published); `per_1000_kilde` says which one `per_1000_per_31_12` is. For the whole range
-- SSB's rate is its "alder i alt" rate, per 1 000 aged 0-22 up to 2020 and 0-24 from 2021 (the ages the
-- measures can cover); the computed one divides the sum by the same ages, and the audit
-- `ssb_rate_agrees_with_count_over_population` holds the two within 0.1 (SSB's rounding to one decimal,
-- and its few children of unknown age: 37 of some 1.4 million is 0.03 per 1 000).
--
-- Columns:
--   aar: the year counted (per 31.12, or during the year) [år]
--   aldersgruppe: SSB's age group (0-2, 3-5, 6-12, 13-17, 0-17, 18-22 up to 2020, 18-24 from 2021) or the report's
--         whole range 0-22 (up to 2020) / 0-24 (from 2021), the sum of 0-17 and 18-22/18-24
--   tiltak: i_alt, hjelpetiltak or omsorgstiltak
--   per_31_12: children with a measure on 31 December [barn]
--   i_lopet_av_aret: children with a measure at some time during the year [barn]
--   nye: children who got their first measure during the year [barn]
--   i_alt_per_31_12: children with any measure on 31 December in the same year and age group (the i_alt row's
--         per_31_12) [barn]
--   andel_hjelpetiltak_per_31_12: the share of the age group's children with a measure on 31 December who have a
--         hjelpetiltak [andel 0-1]
--   alder_i_alt_per_31_12: for the whole range, SSB's own "alder i alt" count, kept only to show how far it exceeds
--         the sum of the age groups [barn]
--   alder_i_alt_differanse: SSB's "alder i alt" less per_31_12 (children of unknown age; checked never negative)
--         [barn]
--   befolkning: inhabitants of the age group on 31.12 (SSB 07459 on 1 January of the next year) [personer]
--   per_1000_per_31_12: children with a measure on 31 December per 1 000 inhabitants of the age group: SSB's rate
--         where it publishes one, else computed [per 1 000]
--   per_1000_kilde: which rate per_1000_per_31_12 is: 'SSB 09050' or 'beregnet: 09050 / 07459'
--   per_1000_ssb: SSB's own rate (09050) [per 1 000]
--   per_1000_beregnet: per_31_12 divided by befolkning, times 1 000 [per 1 000]
--   per_1000_avvik: the absolute difference between SSB's rate and the computed one (audited: at most 0.1) [per 1 000]
--   brudd: a break in the series that year: the upper age limit 23 → 25 years (2021), the new way of counting
--         hjelpetiltak per 31.12 (2016)
with cells as (
    select aar, alder, tiltak, maal, antall
    from staging.barn_med_tiltak
    where aar < getvariable('report_year')
),

-- SSB's age groups as they are (an age group SSB marks "." in a year is not a row)
ssb_groups as (
    select
        aar,
        case alder
            when '0_2' then '0-2' when '3_5' then '3-5' when '6_12' then '6-12' when '13_17' then '13-17'
            when '0_17' then '0-17' when '18_22' then '18-22' when '18_24' then '18-24'
        end as aldersgruppe,
        tiltak,
        max(antall) filter (where maal = 'per_31_12') as per_31_12,
        max(antall) filter (where maal = 'i_lopet_av_aret') as i_lopet_av_aret,
        max(antall) filter (where maal = 'nye') as nye,
        max(antall) filter (where maal = 'per_1000_per_31_12') as per_1000_ssb
    from cells
    where alder <> 'i_alt'
    group by all
    having count(antall) filter (where maal <> 'per_1000_per_31_12') > 0
),

alder_i_alt as (
    select
        aar,
        tiltak,
        max(antall) filter (where maal = 'per_31_12') as per_31_12,
        max(antall) filter (where maal = 'per_1000_per_31_12') as per_1000_ssb
    from cells
    where alder = 'i_alt'
    group by all
),

-- the report's 0-22 / 0-24: 0-17 plus the older group of the year (both checked present beforehand)
whole_range as (
    select
        young.aar,
        case when young.aar < 2021 then '0-22' else '0-24' end as aldersgruppe,
        young.tiltak,
        young.per_31_12 + older.per_31_12 as per_31_12,
        young.i_lopet_av_aret + older.i_lopet_av_aret as i_lopet_av_aret,
        young.nye + older.nye as nye,
        alder_i_alt.per_1000_ssb,
        alder_i_alt.per_31_12 as alder_i_alt_per_31_12
    from ssb_groups as young
    inner join ssb_groups as older
        on older.aar = young.aar and older.tiltak = young.tiltak
        and older.aldersgruppe = case when young.aar < 2021 then '18-22' else '18-24' end
    left join alder_i_alt on alder_i_alt.aar = young.aar and alder_i_alt.tiltak = young.tiltak
    where young.aldersgruppe = '0-17'
),

grouped as (
    select aar, aldersgruppe, tiltak, per_31_12, i_lopet_av_aret, nye, per_1000_ssb,
           cast(null as double) as alder_i_alt_per_31_12
    from ssb_groups
    union all
    select aar, aldersgruppe, tiltak, per_31_12, i_lopet_av_aret, nye, per_1000_ssb, alder_i_alt_per_31_12
    from whole_range
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
    from grouped
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
),

rates as (
    select
        grouped.*,
        coalesce(next_year.personer, same_year.personer) as befolkning,
        1000.0 * grouped.per_31_12 / coalesce(next_year.personer, same_year.personer) as per_1000_beregnet
    from grouped
    left join group_population as next_year
        on next_year.aldersgruppe = grouped.aldersgruppe and next_year.aar = grouped.aar + 1
    left join group_population as same_year
        on same_year.aldersgruppe = grouped.aldersgruppe and same_year.aar = grouped.aar
)

select
    getvariable('report_year') as report_year,
    aar,
    aldersgruppe,
    tiltak,
    per_31_12,
    i_lopet_av_aret,
    nye,
    max(per_31_12) filter (where tiltak = 'i_alt') over (partition by aar, aldersgruppe) as i_alt_per_31_12,
    max(per_31_12) filter (where tiltak = 'hjelpetiltak') over (partition by aar, aldersgruppe)
        / max(per_31_12) filter (where tiltak = 'i_alt') over (partition by aar, aldersgruppe)
        as andel_hjelpetiltak_per_31_12,
    alder_i_alt_per_31_12,
    alder_i_alt_per_31_12 - per_31_12 as alder_i_alt_differanse,
    befolkning,
    coalesce(per_1000_ssb, per_1000_beregnet) as per_1000_per_31_12,
    case when per_1000_ssb is not null then 'SSB 09050' else 'beregnet: 09050 / 07459' end as per_1000_kilde,
    per_1000_ssb,
    per_1000_beregnet,
    abs(per_1000_ssb - per_1000_beregnet) as per_1000_avvik,
    case
        when aar = 2021 and aldersgruppe in ('0-24', '18-24') then 'aldersgrense 23 → 25 år'
        when aar = 2016 and tiltak = 'hjelpetiltak' then 'ny prioritering hjelpetiltak per 31.12.'
    end as brudd
from rates
order by aar, aldersgruppe, tiltak
