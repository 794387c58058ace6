-- report/datagrunnlag (one staged SSB table at a time; {{ staged_table }} is filled in by the asset)
-- One row: one year of one SSB table, with how many kommuner it covers (codes SSB marks '.' for
-- that year, i.e. not in use, do not count), how many cells carry an SSB
-- status symbol instead of a number, and whether the rows come from synthetic demo data.
with cells as (
    select
        staged.aar,
        staged.region_kode,
        staged.region_type,
        staged.status,
        staged.snapshot_id
    from {{ staged_table }} as staged
),

synthetic_flag as (
    select bool_or(synthetic) as syntetisk
    from {{ raw_table }}
)

select
    $ssb_table as ssb_tabell,
    cells.aar,
    count(distinct cells.region_kode) filter (
        where cells.region_type = 'kommune' and cells.status is distinct from '.'
    ) as kommuner,
    count(*) as celler,
    count(*) filter (where cells.status is not null) as celler_med_symbol,
    min(cells.snapshot_id) as snapshot_id,
    any_value(synthetic_flag.syntetisk) as syntetisk
from cells
cross join synthetic_flag
group by cells.aar
order by cells.aar
