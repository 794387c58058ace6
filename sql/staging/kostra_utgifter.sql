-- staging.kostra_utgifter
-- One row: one region (kommune, the country, the country without Oslo, or another KOSTRA aggregate),
-- one KOSTRA function (244/251/252), one art (AGD2 netto / AGD10 brutto driftsutgifter) and one year,
-- in 1 000 nominal kroner, as SSB table 12362 publishes it.
-- The SSB status symbol is kept beside the amount: a symbol never becomes 0.
--
-- Columns:
--   region_kode: the region's code as SSB gives it (a kommune's four digits, EAK the country, EAKUO the country
--         without Oslo, …)
--   region_navn: the region's name as SSB labels it
--   region_type: kommune, landet, landet_uten_oslo or annen (another KOSTRA aggregate)
--   funksjon: the KOSTRA function: 244, 251 or 252
--   funksjon_navn: SSB's label of the function
--   art: AGD2 (netto driftsutgifter) or AGD10 (brutto driftsutgifter)
--   art_navn: SSB's label of the art
--   aar: the accounting year [år]
--   belop_1000_kr: the amount in nominal kroner of the year; NULL where SSB shows a symbol [1 000 kr]
with raw_cells as (
    select
        snapshot_id,
        region,
        region_label,
        region_type,
        funksjon,
        funksjon_label,
        art,
        art_label,
        aar,
        value,
        status
    from raw.ssb_12362
    where statistikkvariabel = 'KOSbelop0000'
)

select
    region_kode(region) as region_kode,
    region_navn(region_label) as region_navn,
    region_type,
    funksjon,
    funksjon_label as funksjon_navn,
    art,
    art_label as art_navn,
    cast(aar as integer) as aar,
    ssb_verdi(value, status) as belop_1000_kr,
    status,
    snapshot_id
from raw_cells
