-- staging.familier
-- One row: one region, one family type with children 0–17 (its stable key, assets/sources/asss_kommune.py)
-- and one year: families of that type living there on 1 January (SSB table 06083). SSB answers "." for a
-- kommune code in the years it did not exist; the symbol stays in `status`.
select
    region_kode(region) as region_kode,
    region_navn(region_label) as region_navn,
    region_type,
    familietype_key as familietype,
    cast(aar as integer) as aar,
    cast(ssb_verdi(value, status) as bigint) as familier,
    status,
    snapshot_id
from raw.ssb_06083
where statistikkvariabel = 'Familier'
