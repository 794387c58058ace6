-- staging.befolkning
-- One row: one region, one single year of age and one year: persons living there on 1 January
-- (SSB table 07459, both sexes). The top-coded oldest age ("105+") is kept as its lower bound.
-- SSB answers "." for a kommune code in the years it did not exist; the symbol stays in `status`.
--
-- Columns:
--   region_kode: the region's code as SSB gives it (a kommune's four digits, or the country's code)
--   region_navn: the region's name as SSB labels it
--   region_type: kommune, landet or another kind of region
--   alder: single year of age (the top-coded oldest age as its lower bound) [år]
--   aar: the year, per 1 January [år]
--   personer: persons living there on 1 January, both sexes; NULL where SSB shows a symbol [personer]
with raw_cells as (
    select
        snapshot_id,
        region,
        region_label,
        region_type,
        alder,
        aar,
        value,
        status
    from raw.ssb_07459
    where statistikkvariabel = 'Personer1'
)

select
    region_kode(region) as region_kode,
    region_navn(region_label) as region_navn,
    region_type,
    cast(regexp_extract(alder, '^(\d+)', 1) as integer) as alder,
    cast(aar as integer) as aar,
    cast(ssb_verdi(value, status) as bigint) as personer,
    status,
    snapshot_id
from raw_cells
