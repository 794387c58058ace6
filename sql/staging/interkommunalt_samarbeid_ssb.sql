-- staging.interkommunalt_samarbeid_ssb
-- One row: one region (a kommune, the country, or another KOSTRA aggregate) and one year (per 31.12):
-- SSB 12115's answer to «Er barnevernstenesta i eit interkommunalt samarbeid?» (ja = 1, nei = 0), the
-- statistic found by its label (key `interkommunalt_samarbeid`, assets/sources/samarbeid.py). A
-- kommune's answer is also in `svar_kommune`, and `svar_er_heltall` says whether it is a whole number:
-- the staged table's check holds every kommune's answer to 0 or 1. The SSB status symbol is kept.
--
-- Columns:
--   region_kode: the region's code as SSB gives it
--   region_navn: the region's name as SSB labels it
--   region_type: kommune, landet or another KOSTRA aggregate
--   aar: the year, per 31.12 [år]
--   svar: the answer (ja = 1, nei = 0; for an aggregate SSB's number); NULL where SSB shows a symbol
--   svar_kommune: a kommune's answer, NULL for other regions
--   svar_er_heltall: 1 when a kommune's answer is a whole number, else 0 (checked: must be 1)
select
    region_kode(region) as region_kode,
    region_navn(region_label) as region_navn,
    region_type,
    cast(aar as integer) as aar,
    ssb_verdi(value, status) as svar,
    case when region_type = 'kommune' then ssb_verdi(value, status) end as svar_kommune,
    case when region_type = 'kommune' and ssb_verdi(value, status) is not null
        then cast(ssb_verdi(value, status) = round(ssb_verdi(value, status)) as integer) end as svar_er_heltall,
    status,
    snapshot_id
from raw.ssb_12115
where statistikkvariabel_key = 'interkommunalt_samarbeid'
