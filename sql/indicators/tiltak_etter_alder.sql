-- indicators.tiltak_etter_alder
-- One row: one year before the report year, one measure (beredskapsheim, mellombels_heim, sentre),
-- one statistic (per 31.12 / during the year) and one age group within 0-17 (SSB 10661; figures 0-4
-- and 0-12). Where the table has both a wide group (0-17) and narrower ones inside it, only the
-- narrowest are rows, so that summing them counts every measure once; the table's own 0-17 figure,
-- where it has one, is `antall_0_17` for the check that the groups add up to it; `dekker_0_17` says
-- whether the groups cover 0-17 once.
--
-- Columns:
--   aar: the year counted [år]
--   tiltak: beredskapsheim, mellombels_heim or sentre (for foreldre og barn)
--   tiltak_navn: SSB's label of the measure
--   maal: per_31_12 or i_lopet_av_aret
--   aldersgruppe: SSB's label of the age group (the narrowest groups within 0-17)
--   alder_fra: the group's first age [år]
--   alder_til: the group's last age [år]
--   antall: measures in the age group (SSB 10661) [tiltak]
--   antall_0_17: SSB's own 0-17 figure, where the table has one (the groups must add up to it) [tiltak]
--   sum_aldersgrupper: the sum of the age groups' measures for the year, measure and statistic [tiltak]
--   dekker_0_17: true when the groups cover 0-17 once, without gaps or overlaps
with groups as (
    select *
    from staging.tiltak_alder
    where tiltak_nokkel is not null and maal in ('per_31_12', 'i_lopet_av_aret')
      and alder_til <= 17 and aar < getvariable('report_year')
),

narrowest as (
    select outer_group.*
    from groups as outer_group
    where not exists (
        select 1 from groups as inner_group
        where inner_group.aar = outer_group.aar and inner_group.tiltak = outer_group.tiltak
          and inner_group.maal = outer_group.maal and inner_group.alder <> outer_group.alder
          and inner_group.alder_fra >= outer_group.alder_fra and inner_group.alder_til <= outer_group.alder_til
    )
)

select
    getvariable('report_year') as report_year,
    narrowest.aar,
    narrowest.tiltak_nokkel as tiltak,
    narrowest.tiltak_navn,
    narrowest.maal,
    narrowest.aldersgruppe,
    narrowest.alder_fra,
    narrowest.alder_til,
    narrowest.antall,
    (select max(g.antall) from groups as g where g.aar = narrowest.aar and g.tiltak = narrowest.tiltak
        and g.maal = narrowest.maal and g.alder_fra = 0 and g.alder_til = 17) as antall_0_17,
    sum(narrowest.antall) over (partition by narrowest.aar, narrowest.tiltak, narrowest.maal) as sum_aldersgrupper,
    -- the groups cover 0-17 without gaps or overlaps: from 0, to 17, 18 single years in all
    min(narrowest.alder_fra) over (partition by narrowest.aar, narrowest.tiltak, narrowest.maal) = 0
        and max(narrowest.alder_til) over (partition by narrowest.aar, narrowest.tiltak, narrowest.maal) = 17
        and sum(narrowest.alder_til - narrowest.alder_fra + 1)
            over (partition by narrowest.aar, narrowest.tiltak, narrowest.maal) = 18 as dekker_0_17
from narrowest
order by narrowest.aar, narrowest.tiltak_nokkel, narrowest.maal, narrowest.alder_fra
