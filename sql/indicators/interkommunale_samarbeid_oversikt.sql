-- indicators.interkommunale_samarbeid_oversikt
-- One row: one of Bufdir's overviews of formal inter-municipal child-welfare cooperations in the file
-- (`per_dato`; the report compares August 2023 with 2021): how many cooperations it lists, how many
-- kommuner take part, the smallest and largest cooperation (kommuner per cooperation; the report: 63
-- cooperations, 199 kommuner, two to six each, most often two or three) and how many cooperations have
-- each size, most common first. A cooperation is the kommuner whose rows name it (`samarbeid`). For the checks: rows
-- that say ja without naming a cooperation, or nei and name one, and cooperations of a single kommune.
--
-- Columns:
--   per_dato: the date of the overview
--   aar: the overview's year [år]
--   nyeste: true for the file's latest overview
--   samarbeid: cooperations the overview lists [samarbeid]
--   kommuner_i_samarbeid: kommuner that take part [kommuner]
--   kommuner_i_oversikten: kommuner the overview lists [kommuner]
--   minste_samarbeid: kommuner in the smallest cooperation [kommuner]
--   storste_samarbeid: kommuner in the largest cooperation [kommuner]
--   storrelser_etter_hyppighet: the cooperations' sizes, most common first
--   fordeling_etter_storrelse: how many cooperations have each size
--   ja_uten_samarbeid: rows that say ja without naming a cooperation (checked: 0)
--   nei_med_samarbeid: rows that say nei and name one (checked: 0)
--   samarbeid_med_en_kommune: cooperations of a single kommune (checked: 0)
with answers as (
    select
        per_dato,
        kommunenummer,
        formelt_samarbeid = 'ja' as ja,
        nullif(trim(samarbeid), '') as samarbeid
    from raw.bufdir_interkommunale_samarbeid
    where per_dato <= make_date(getvariable('report_year'), 12, 31)  -- none from after the report year
),

cooperations as (
    select per_dato, samarbeid, count(*) as medlemmer
    from answers
    where ja and samarbeid is not null
    group by per_dato, samarbeid
),

by_size as (
    select per_dato, medlemmer, count(*) as samarbeid
    from cooperations
    group by per_dato, medlemmer
),

per_overview as (
    select
        per_dato,
        count(*) as samarbeid,
        sum(medlemmer) as kommuner_i_samarbeid_etter_navn,
        min(medlemmer) as minste_samarbeid,
        max(medlemmer) as storste_samarbeid,
        count(*) filter (where medlemmer < 2) as samarbeid_med_en_kommune
    from cooperations
    group by per_dato
),

sizes as (
    select
        per_dato,
        string_agg(medlemmer || ' kommuner: ' || samarbeid, '; ' order by medlemmer) as fordeling_etter_storrelse,
        -- the sizes, most common first ("mest vanlig med to eller tre kommuner")
        string_agg(medlemmer || ' (' || samarbeid || ')', ', ' order by samarbeid desc, medlemmer)
            as storrelser_etter_hyppighet
    from by_size
    group by per_dato
)

select
    getvariable('report_year') as report_year,
    answers.per_dato,
    year(answers.per_dato) as aar,
    answers.per_dato = (select max(per_dato) from answers) as nyeste,
    coalesce(any_value(per_overview.samarbeid), 0) as samarbeid,
    count(*) filter (where answers.ja) as kommuner_i_samarbeid,
    count(*) as kommuner_i_oversikten,
    any_value(per_overview.minste_samarbeid) as minste_samarbeid,
    any_value(per_overview.storste_samarbeid) as storste_samarbeid,
    any_value(sizes.storrelser_etter_hyppighet) as storrelser_etter_hyppighet,
    any_value(sizes.fordeling_etter_storrelse) as fordeling_etter_storrelse,
    -- guards
    count(*) filter (where answers.ja and answers.samarbeid is null) as ja_uten_samarbeid,
    count(*) filter (where not answers.ja and answers.samarbeid is not null) as nei_med_samarbeid,
    coalesce(any_value(per_overview.samarbeid_med_en_kommune), 0) as samarbeid_med_en_kommune
from answers
left join per_overview on per_overview.per_dato = answers.per_dato
left join sizes on sizes.per_dato = answers.per_dato
group by answers.per_dato
order by answers.per_dato
