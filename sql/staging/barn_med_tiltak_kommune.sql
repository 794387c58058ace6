-- staging.barn_med_tiltak_kommune
-- One row: one region (a kommune, the country, the country without Oslo, or another KOSTRA aggregate), age
-- 0-17, one funksjon (i_alt: all measures; 251: not placed by the barnevern; 252: placed by the barnevern),
-- one count (maal: i_lopet_av_aaret / per_31_12, found by label, assets/sources/asss.py) and one year:
-- children with measures as SSB table 12275 publishes them. The SSB status symbol is kept beside the count.
--
-- Columns:
--   region_kode: the region's code as SSB gives it (a kommune's four digits, or the code of the country or an
--         aggregate)
--   region_navn: the region's name as SSB labels it
--   region_type: kommune, landet, landet_uten_oslo or annen (another KOSTRA aggregate)
--   alder: the age group: 0-17
--   funksjon: i_alt (all measures), 251 (not placed by the barnevern) or 252 (placed by the barnevern)
--   maal: i_lopet_av_aaret (during the year) or per_31_12
--   aar: the year counted [år]
--   antall: children with measures; NULL where SSB shows a symbol [barn]
select
    region_kode(region) as region_kode,
    region_navn(region_label) as region_navn,
    region_type,
    case alder when 'F000-017' then '0-17' else alder end as alder,
    case funksjon when '0' then 'i_alt' when '1' then '251' when '2' then '252' end as funksjon,
    statistikkvariabel_key as maal,
    cast(aar as integer) as aar,
    ssb_verdi(value, status) as antall,
    status,
    snapshot_id
from raw.ssb_12275
