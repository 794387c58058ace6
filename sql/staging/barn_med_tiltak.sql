-- staging.barn_med_tiltak
-- One row: one year, one tiltak (i_alt / hjelpetiltak / omsorgstiltak), one age group (key as declared
-- in assets/sources/tiltak.py: 0_2 … 13_17, 0_17, 18_22, 18_24, i_alt) and one measure (per_31_12 /
-- i_lopet_av_aret / nye: the number of children in the country; per_1000_per_31_12: SSB's rate per 1 000
-- inhabitants of the age group, in the same column) (SSB 09050). Age groups that do not exist in a year
-- come as "." and stay NULL.
--
-- Columns:
--   aar: the year counted (per 31.12, or during the year) [år]
--   tiltak: i_alt, hjelpetiltak or omsorgstiltak (the declaration's key of SSB's value)
--   alder: the age group's key as declared: 0_2, 3_5, 6_12, 13_17, 0_17, 18_22, 18_24 or i_alt
--   maal: per_31_12, i_lopet_av_aret or nye (children), or per_1000_per_31_12 (SSB's rate per 1 000 of the age group)
--   antall: the number of children, or SSB's rate where maal is per_1000_per_31_12; NULL where SSB shows a symbol
--         [barn | per 1 000]
select
    cast(aar as integer) as aar,
    tiltak_key as tiltak,
    alder_key as alder,
    statistikkvariabel_key as maal,
    ssb_verdi(value, status) as antall,
    status,
    snapshot_id
from raw.ssb_09050
where region_type = 'landet'
