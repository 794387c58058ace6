-- staging.plasseringstiltak
-- One row: one year, one region (the country, or a fylke), one tiltak (i_alt / hjelpetiltak /
-- omsorgstiltak), one type of placement (key as declared in assets/sources/plasseringer.py, "uoppgitt"
-- included) and one age group: children with plasseringstiltak per 31.12 (SSB 11600). A category or
-- fylke not in use that year ("." — e.g. mellombels heim before 2021, Viken before 2020) stays NULL;
-- so does a suppressed cell (":", ".."), with its symbol in `status`. Other region codes are left out.
--
-- Columns:
--   aar: the year, per 31.12 [år]
--   region: SSB's region code (the country, or a fylke)
--   region_type: landet or fylke
--   region_navn: the region's name as SSB labels it
--   tiltak: i_alt, hjelpetiltak or omsorgstiltak
--   plassering: the type of placement's key (assets/sources/plasseringer.py), uoppgitt included
--   alder: the age group's key
--   antall: children with a plasseringstiltak per 31.12; NULL for a category not in use or a symbol [barn]
select
    cast(aar as integer) as aar,
    region,
    region_type,
    case when region_type = 'landet' then 'Hele landet' else region_navn(region_label) end as region_navn,
    tiltak_key as tiltak,
    plassering_key as plassering,
    alder_key as alder,
    ssb_verdi(value, status) as antall,
    status,
    snapshot_id
from raw.ssb_11600
where region_type in ('landet', 'fylke')
