-- staging.tiltak_lovheimel
-- One row: one year, one legal basis (omsorgstiltak / akuttiltak / atferdstiltak /
-- plassert_hjelpetiltak), one type of placement (i_alt or a type, keys as in assets/tiltak.py) and
-- one age group: children with plasseringstiltak per 31.12 in the country (SSB 12845). A type not
-- in use that year ("." — mellombels heim before 2021) stays NULL.
--
-- Columns:
--   aar: the year, per 31.12 [år]
--   lovheimel: omsorgstiltak, akuttiltak, atferdstiltak or plassert_hjelpetiltak
--   plassering: i_alt or the type of placement's key
--   alder: the age group's key
--   antall: children with plasseringstiltak per 31.12; NULL for a type not in use or a symbol [barn]
select
    cast(aar as integer) as aar,
    lovheimel_key as lovheimel,
    plassering_key as plassering,
    alder_key as alder,
    ssb_verdi(value, status) as antall,
    status,
    snapshot_id
from raw.ssb_12845
where region_type = 'landet'
