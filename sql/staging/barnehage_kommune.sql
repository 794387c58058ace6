-- staging.barnehage_kommune
-- One row: one region (a kommune, the country, the country without Oslo, or another KOSTRA aggregate) and
-- one year: the share of children 1-5 in barnehage as SSB table 13502 publishes it (KOSandel150000, «Andel
-- barn 1-5 år i barnehage, i forhold til innbyggere 1-5 år (prosent)»). The SSB status symbol is kept beside
-- the share ('.' for a code not in use that year).
--
-- Columns:
--   region_kode: the region's code as SSB gives it (a kommune's four digits, or the code of the country or an
--         aggregate)
--   region_navn: the region's name as SSB labels it
--   region_type: kommune, landet, landet_uten_oslo or annen (another KOSTRA aggregate)
--   aar: the year counted [år]
--   andel_i_barnehage: children 1-5 in barnehage as a share of inhabitants 1-5, as SSB publishes it; NULL where SSB
--         shows a symbol [prosent]
select
    region_kode(region) as region_kode,
    region_navn(region_label) as region_navn,
    region_type,
    cast(aar as integer) as aar,
    ssb_verdi(value, status) as andel_i_barnehage,
    status,
    snapshot_id
from raw.ssb_13502
where statistikkvariabel = 'KOSandel150000'
