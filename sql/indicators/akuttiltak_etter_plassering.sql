-- indicators.akuttiltak_etter_plassering
-- One row: one year before the report year: children 0-17 placed under an akuttiltak (bvl § 4-6,
-- 1. og 2. ledd, § 4-25, 2. ledd, § 4-9, 1. og 2. ledd) per 31.12, in all and by type of placement
-- (SSB 12845; figure 0-5). A type not in use that year (mellombels heim before 2021) stays NULL;
-- `sum_typer` is for the check that the types never add up to more than all.
--
-- Columns:
--   aar: the year, per 31.12 [år]
--   i_alt: children 0-17 placed under an akuttiltak on 31 December (SSB 12845) [barn]
--   fosterheim: of them, in a fosterhjem [barn]
--   institusjon: in an institusjon [barn]
--   beredskapsheim: in a beredskapshjem [barn]
--   mellombels_heim: in a mellombels heim i familie og nære nettverk (from 2021; NULL before) [barn]
--   bustad: in a bolig (bolig med oppfølging) [barn]
--   sum_typer: the sum of the types (checked never to exceed i_alt) [barn]
with wide as (
    select
        aar,
        max(antall) filter (where plassering = 'i_alt') as i_alt,
        max(antall) filter (where plassering = 'fosterheim') as fosterheim,
        max(antall) filter (where plassering = 'institusjon') as institusjon,
        max(antall) filter (where plassering = 'beredskapsheim') as beredskapsheim,
        max(antall) filter (where plassering = 'mellombels_heim') as mellombels_heim,
        max(antall) filter (where plassering = 'bustad') as bustad
    from staging.tiltak_lovheimel
    where lovheimel = 'akuttiltak' and alder = '0_17' and aar < getvariable('report_year')
    group by aar
)

select
    getvariable('report_year') as report_year,
    *,
    coalesce(fosterheim, 0) + coalesce(institusjon, 0) + coalesce(beredskapsheim, 0)
        + coalesce(mellombels_heim, 0) + coalesce(bustad, 0) as sum_typer
from wide
order by aar
