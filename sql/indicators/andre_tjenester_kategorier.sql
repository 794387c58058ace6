-- indicators.andre_tjenester_kategorier
-- One row: one year before the report year and one region (Hele landet or a barnevernsregion):
-- measures per 31.12 in the two categories of cooperation with other services (SSB 10660), per
-- 1 000 inhabitants 0-22 (up to 2020) or 0-24 (from 2021) on 1 January of the following year (the
-- same year's where the next is not published). A barnevernsregion's inhabitants are those of its
-- kommuner, by fylke (reference.barnevernsregion; kommune by kommune where a fylke was split
-- between two regions). For the checks: the measures' sum under each category, and on the
-- country's row the sum over the regions.
--
-- Columns:
--   aar: the year, per 31.12 [år]
--   region_type: landet or barnevernsregion
--   region: the region's name: Hele landet, or the barnevernsregion's label
--   barnevernsregion: nord, midt_norge, vest, sor, ost or oslo; NULL for the country
--   aldersgruppe: the age group the rates are per: 0-22 (up to 2020) or 0-24 (from 2021)
--   nettverk: measures in nettverksarbeid/samarbeid med andre tenester on 31 December (SSB 10660) [tiltak]
--   undersoking: measures in undersøking og behandling frå andre tenester on 31 December (SSB 10660) [tiltak]
--   nettverk_sum_tiltak: the sum of the measures under the nettverk category (checked against it) [tiltak]
--   undersoking_sum_tiltak: the sum of the measures under the undersoking category (checked against it) [tiltak]
--   begge_kategorier: nettverk + undersoking [tiltak]
--   i_alt: all measures on 31 December in the region [tiltak]
--   andel_av_alle_tiltak: the two categories' share of all measures [prosent]
--   utdanning_arbeid: measures in utdanning og arbeid, for comparison [tiltak]
--   befolkning: inhabitants of the age group on 1 January of the next year (SSB 07459; for a region, its kommuner)
--         [personer]
--   per_1000_nettverk: nettverk per 1 000 inhabitants of the age group [per 1 000]
--   per_1000_undersoking: undersoking per 1 000 inhabitants of the age group [per 1 000]
--   regioner_per_nokkel: SSB regions matched to the barnevernsregion in the year (checked: 1)
--   andel_befolkning_i_regionene: on the country's row, the regions' inhabitants as a share of the country's (checked:
--         1) [andel]
--   nettverk_sum_regioner: on the country's row, nettverk summed over the regions [tiltak]
--   undersoking_sum_regioner: on the country's row, undersoking summed over the regions [tiltak]
with per_31_12 as (
    select *
    from staging.barnevernstiltak
    where maal = 'per_31_12' and aar < getvariable('report_year')
),

wide as (
    select
        aar,
        any_value(region_type) as region_type,
        region_navn as region,
        case when any_value(region_type) = 'landet' then 'landet' else any_value(barnevernsregion) end
            as barnevernsregion,
        max(antall) filter (where kategori = 'nettverk' and er_kategori) as nettverk,
        max(antall) filter (where kategori = 'undersoking' and er_kategori) as undersoking,
        sum(antall) filter (where kategori = 'nettverk' and not er_kategori) as nettverk_sum_tiltak,
        sum(antall) filter (where kategori = 'undersoking' and not er_kategori) as undersoking_sum_tiltak,
        max(antall) filter (where nokkel = 'i_alt') as i_alt,
        max(antall) filter (where nokkel = 'utdanning_arbeid') as utdanning_arbeid
    from per_31_12
    group by aar, region_navn
),

kommune_region as (
    select
        befolkning.aar,
        befolkning.alder,
        befolkning.personer,
        coalesce(by_kommune.barnevernsregion, by_fylke.barnevernsregion) as barnevernsregion
    from staging.befolkning as befolkning
    left join reference.barnevernsregion as by_kommune
        on by_kommune.niva = 'kommune' and by_kommune.kode = befolkning.region_kode
    left join reference.barnevernsregion as by_fylke
        on by_fylke.niva = 'fylke' and by_fylke.kode = left(befolkning.region_kode, 2)
    where befolkning.region_type = 'kommune'
),

population as (
    -- inhabitants 0-22 and 0-24 per region and year, and the country's (its own row, else the kommuner)
    select
        aar,
        barnevernsregion,
        sum(personer) filter (where alder <= 22) as personer_0_22,
        sum(personer) filter (where alder <= 24) as personer_0_24
    from kommune_region
    where barnevernsregion is not null
    group by aar, barnevernsregion
    union all
    select
        aar,
        'landet' as barnevernsregion,
        coalesce(sum(personer) filter (where alder <= 22 and region_type = 'landet'),
                 sum(personer) filter (where alder <= 22 and region_type = 'kommune')),
        coalesce(sum(personer) filter (where alder <= 24 and region_type = 'landet'),
                 sum(personer) filter (where alder <= 24 and region_type = 'kommune'))
    from staging.befolkning
    group by aar
),

with_population as (
    select
        wide.*,
        case when wide.aar < 2021 then '0-22' else '0-24' end as aldersgruppe,
        case when wide.aar < 2021
            then coalesce(next_year.personer_0_22, same_year.personer_0_22)
            else coalesce(next_year.personer_0_24, same_year.personer_0_24)
        end as befolkning
    from wide
    left join population as next_year
        on next_year.aar = wide.aar + 1 and next_year.barnevernsregion = wide.barnevernsregion
    left join population as same_year
        on same_year.aar = wide.aar and same_year.barnevernsregion = wide.barnevernsregion
)

select
    getvariable('report_year') as report_year,
    aar,
    region_type,
    region,
    barnevernsregion,
    aldersgruppe,
    nettverk,
    undersoking,
    nettverk_sum_tiltak,
    undersoking_sum_tiltak,
    nettverk + undersoking as begge_kategorier,
    i_alt,
    100.0 * (nettverk + undersoking) / i_alt as andel_av_alle_tiltak,
    utdanning_arbeid,
    befolkning,
    1000.0 * nettverk / befolkning as per_1000_nettverk,
    1000.0 * undersoking / befolkning as per_1000_undersoking,
    -- guards: one SSB region per barnevernsregion, and (on the country's row) every inhabitant in a region
    count(*) over (partition by aar, barnevernsregion) as regioner_per_nokkel,
    case when region_type = 'landet' then
        (select sum(r.befolkning) from with_population as r where r.aar = with_population.aar
            and r.region_type = 'barnevernsregion') / befolkning end as andel_befolkning_i_regionene,
    case when region_type = 'landet' then
        (select sum(r.nettverk) from with_population as r where r.aar = with_population.aar
            and r.region_type = 'barnevernsregion') end as nettverk_sum_regioner,
    case when region_type = 'landet' then
        (select sum(r.undersoking) from with_population as r where r.aar = with_population.aar
            and r.region_type = 'barnevernsregion') end as undersoking_sum_regioner
from with_population
order by aar, region_type, region
