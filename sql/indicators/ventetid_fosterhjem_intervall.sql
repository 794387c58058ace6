-- indicators.ventetid_fosterhjem_intervall
-- One row: one region (a Bufetat region, or Hele landet) at one of the two latest reference dates on or
-- before 31 August of the report year (the report compares 31.08 of the year before with 31.08 of the
-- report year): children waiting for a fosterhjem by days waited (<30, 30-90, 91-180, >180), the count,
-- and the difference between the count and the sum of the buckets (which must be 0).
-- Hele landet (the report's text ranks the buckets for the country, figure 5-9's first panel) is the
-- file's own row where it has one, else the sum of the regions (`hele_landet_fra` says which); where the
-- file gives both, `minst_regionenes_sum` says whether the country is at least its regions in every
-- bucket (a child without a region may add to it: more, never less).
--
-- Columns:
--   referansedato: the reference date (one of the two latest on or before 31 August of the report year)
--   region: the Bufetat region, or Hele landet
--   under_30_dager: children waiting less than 30 days [barn]
--   30_90_dager: children waiting 30-90 days [barn]
--   91_180_dager: children waiting 91-180 days [barn]
--   over_180_dager: children waiting more than 180 days [barn]
--   i_alt: children waiting in all [barn]
--   differanse_intervaller: i_alt less the sum of the buckets (checked: 0) [barn]
--   hele_landet_fra: for Hele landet, where the row comes from: the file's own row or the sum of the regions
--   minst_regionenes_sum: for Hele landet where the file gives both, true when it is at least the regions' sum in
--         every bucket
--   fil: the Bufdir file the row was read from
with latest as (
    select distinct referansedato
    from raw.bufdir_ventetid_fosterhjem_intervall
    where referansedato <= make_date(getvariable('report_year'), 8, 31)
    order by referansedato desc
    limit 2
),

file_rows as (
    select intervall.*
    from raw.bufdir_ventetid_fosterhjem_intervall as intervall
    inner join latest on latest.referansedato = intervall.referansedato
),

regions_summed as (
    select
        referansedato,
        sum(under_30_dager) as under_30_dager,
        sum("30_90_dager") as "30_90_dager",
        sum("91_180_dager") as "91_180_dager",
        sum(over_180_dager) as over_180_dager,
        sum(i_alt) as i_alt,
        string_agg(distinct fil, ', ') as fil
    from file_rows
    where region <> 'Hele landet'
    group by referansedato
),

national as (
    select
        coalesce(from_file.referansedato, summed.referansedato) as referansedato,
        'Hele landet' as region,
        coalesce(from_file.under_30_dager, summed.under_30_dager) as under_30_dager,
        coalesce(from_file."30_90_dager", summed."30_90_dager") as "30_90_dager",
        coalesce(from_file."91_180_dager", summed."91_180_dager") as "91_180_dager",
        coalesce(from_file.over_180_dager, summed.over_180_dager) as over_180_dager,
        coalesce(from_file.i_alt, summed.i_alt) as i_alt,
        case when from_file.region is not null then 'fil' else 'sum av regioner' end as hele_landet_fra,
        case when from_file.region is not null and summed.referansedato is not null then
            from_file.under_30_dager >= summed.under_30_dager and from_file."30_90_dager" >= summed."30_90_dager"
            and from_file."91_180_dager" >= summed."91_180_dager" and from_file.over_180_dager >= summed.over_180_dager
            and from_file.i_alt >= summed.i_alt
        end as minst_regionenes_sum,
        coalesce(from_file.fil, summed.fil) as fil
    from (select * from file_rows where region = 'Hele landet') as from_file
    full outer join regions_summed as summed on summed.referansedato = from_file.referansedato
),

all_rows as (
    select
        referansedato, region, under_30_dager, "30_90_dager", "91_180_dager", over_180_dager, i_alt,
        cast(null as varchar) as hele_landet_fra, cast(null as boolean) as minst_regionenes_sum, fil
    from file_rows
    where region <> 'Hele landet'
    union all
    select * from national
)

select
    getvariable('report_year') as report_year,
    referansedato,
    region,
    under_30_dager,
    "30_90_dager",
    "91_180_dager",
    over_180_dager,
    i_alt,
    i_alt - (under_30_dager + "30_90_dager" + "91_180_dager" + over_180_dager) as differanse_intervaller,
    hele_landet_fra,
    minst_regionenes_sum,
    fil
from all_rows
order by referansedato, region
