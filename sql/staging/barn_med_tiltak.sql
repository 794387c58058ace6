-- staging.barn_med_tiltak
-- One row: one year, one tiltak (i_alt / hjelpetiltak / omsorgstiltak), one age group (key as declared
-- in assets/tiltak.py) and one measure (per_31_12 / i_lopet_av_aret / nye): the number of children in
-- the country (SSB 09050). Age groups that do not exist in a year come as "." and stay NULL.
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
