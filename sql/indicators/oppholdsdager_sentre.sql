-- indicators.oppholdsdager_sentre
-- One row: one whole year before the report year, one region (a Bufetat region or Hele landet =
-- Bufetat as a whole) and one kind of senter (statlig, privat, i_alt = both): days of stay in
-- sentre for foreldre og barn (Bufdir; figures 0-11 and 0-13), and the age of the oldest child with a
-- day of stay there (NULL where the file does not give it). Hele landet is taken from the file
-- where it has it, else summed from the regions; where the file gives both,
-- `minst_regionenes_sum` says whether it is at least the regions' sum (a senter contracted
-- nationally may have no region: more, never less).
--
-- Columns:
--   aar: the year [år]
--   region: the Bufetat region, or Hele landet (Bufetat as a whole)
--   eierskap: statlig, privat or i_alt (both)
--   oppholdsdager: days of stay in sentre for foreldre og barn [oppholdsdager]
--   eldste_barn_alder: the age of the oldest child with a day of stay there; NULL where the file does not give it [år]
--   minst_regionenes_sum: for Hele landet where the file gives both, true when it is at least the regions' sum
with file_rows as (
    select aar, region, eierskap, oppholdsdager, eldste_barn_alder
    from raw.bufdir_oppholdsdager_sentre
    where aar < getvariable('report_year')
),

regions_summed as (
    select
        aar, 'Hele landet' as region, eierskap, sum(oppholdsdager) as oppholdsdager,
        max(eldste_barn_alder) as eldste_barn_alder
    from file_rows
    where region <> 'Hele landet'
    group by aar, eierskap
),

national as (
    select
        coalesce(from_file.aar, summed.aar) as aar,
        'Hele landet' as region,
        coalesce(from_file.eierskap, summed.eierskap) as eierskap,
        coalesce(from_file.oppholdsdager, summed.oppholdsdager) as oppholdsdager,
        greatest(from_file.eldste_barn_alder, summed.eldste_barn_alder) as eldste_barn_alder,
        case when from_file.oppholdsdager is not null and summed.oppholdsdager is not null
            then from_file.oppholdsdager >= summed.oppholdsdager end as minst_regionenes_sum
    from (select * from file_rows where region = 'Hele landet') as from_file
    full outer join regions_summed as summed
        on summed.aar = from_file.aar and summed.eierskap = from_file.eierskap
),

by_kind as (
    select aar, region, eierskap, oppholdsdager, eldste_barn_alder, cast(null as boolean) as minst_regionenes_sum
    from file_rows
    where region <> 'Hele landet'
    union all
    select * from national
)

select
    getvariable('report_year') as report_year, aar, region, eierskap, oppholdsdager, eldste_barn_alder,
    minst_regionenes_sum
from by_kind
union all
select
    getvariable('report_year') as report_year, aar, region, 'i_alt' as eierskap, sum(oppholdsdager),
    max(eldste_barn_alder), bool_and(minst_regionenes_sum)
from by_kind
group by aar, region
order by aar, region, eierskap
