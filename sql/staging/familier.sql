-- staging.familier
-- One row: one region, one family type with children 0–17 (its stable key, assets/sources/asss_kommune.py)
-- and one year: families of that type living there on 1 January (SSB table 06083). SSB answers "." for a
-- kommune code in the years it did not exist; the symbol stays in `status`.
--
-- Columns:
--   region_kode: the region's code as SSB gives it
--   region_navn: the region's name as SSB labels it
--   region_type: kommune, landet or another kind of region
--   familietype: the family type's stable key (assets/sources/asss_kommune.py)
--   aar: the year, per 1 January [år]
--   familier: families of that type with children 0–17; NULL where SSB shows a symbol [familier]
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
