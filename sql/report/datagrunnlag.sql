-- report/datagrunnlag (one raw SSB table at a time; {{ raw_table }} and its region column {{ region }}
-- are filled in by the asset: a table without a region variable counts no kommuner)
-- One row: one year of one SSB table, with how many cells it has, how many carry an SSB status
-- symbol instead of a number, how many kommuner it covers (codes SSB marks '.' for that year, i.e.
-- not in use, do not count) and whether the rows come from synthetic demo data.
select
    $ssb_table as ssb_tabell,
    cast(aar as integer) as aar,
    count(distinct {{ region }}) filter (
        where region_type = 'kommune' and status is distinct from '.'
    ) as kommuner,
    count(*) as celler,
    count(*) filter (where status is not null) as celler_med_symbol,
    min(snapshot_id) as snapshot_id,
    bool_or(synthetic) as syntetisk
from {{ raw_table }}
group by aar
order by aar
