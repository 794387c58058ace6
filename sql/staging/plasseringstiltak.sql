-- staging.plasseringstiltak
-- One row: one year, one tiltak (i_alt / hjelpetiltak / omsorgstiltak), one type of placement (key as
-- declared in assets/plasseringer.py) and one age group: children with plasseringstiltak per 31.12 in
-- the country (SSB 11600). A category not in use that year ("." — e.g. mellombels heim before 2021)
-- stays NULL.
select
    cast(aar as integer) as aar,
    tiltak_key as tiltak,
    plassering_key as plassering,
    alder_key as alder,
    ssb_verdi(value, status) as antall,
    status,
    snapshot_id
from raw.ssb_11600
where region_type = 'landet'
