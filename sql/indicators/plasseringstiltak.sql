-- indicators.plasseringstiltak
-- One row: one year, one age group and one tiltak (i_alt / hjelpetiltak / omsorgstiltak): children with
-- plasseringstiltak per 31.12 in all and by type of placement (SSB 11600), with the sum of the types
-- beside the total (uoppgitt included: SSB's total counts it). Mellombels heim i familie og nære
-- nettverk exists from 2021 (NULL before). The country as SSB publishes it (its fylker: see
-- plasseringstiltak_region).
--
-- Columns:
--   aar: the year, per 31.12 [år]
--   aldersgruppe: SSB 11600's age group (0-17, 18-22 up to 2020 / 18-24 from 2021, or all ages)
--   aldersgruppe_nokkel: 0_17, 18_24 or i_alt: the same group under one key across the age-limit break
--   tiltak: i_alt, hjelpetiltak or omsorgstiltak
--   i_alt: children with a plasseringstiltak on 31 December, SSB's total [barn]
--   fosterheim: of them, in a fosterhjem [barn]
--   institusjon: in an institusjon [barn]
--   beredskapsheim: in a beredskapshjem [barn]
--   mellombels_heim: in a mellombels heim i familie og nære nettverk (a category from 2021; NULL before) [barn]
--   bustad: in a bolig (bustad) [barn]
--   uoppgitt: type of placement not stated [barn]
--   sum_typer: the sum of the types, uoppgitt included (compared with i_alt) [barn]
--   brudd: a break in the series that year (2021: the new category and the age limit 23 → 25 years)
with wide as (
    select
        aar,
        aldersgruppe(alder, aar) as aldersgruppe,
        tiltak,
        max(antall) filter (where plassering = 'i_alt') as i_alt,
        max(antall) filter (where plassering = 'fosterheim') as fosterheim,
        max(antall) filter (where plassering = 'institusjon') as institusjon,
        max(antall) filter (where plassering = 'beredskapsheim') as beredskapsheim,
        max(antall) filter (where plassering = 'mellombels_heim') as mellombels_heim,
        max(antall) filter (where plassering = 'bustad') as bustad,
        max(antall) filter (where plassering = 'uoppgitt') as uoppgitt
    from staging.plasseringstiltak
    where region_type = 'landet' and aar < getvariable('report_year')
    group by aar, alder, tiltak
    having count(antall) > 0
)

select
    getvariable('report_year') as report_year,
    aar,
    aldersgruppe,
    case when aldersgruppe in ('18-22', '18-24') then '18_24'
         when aldersgruppe = '0-17' then '0_17' else 'i_alt' end as aldersgruppe_nokkel,
    tiltak,
    i_alt,
    fosterheim,
    institusjon,
    beredskapsheim,
    mellombels_heim,
    bustad,
    uoppgitt,
    coalesce(fosterheim, 0) + coalesce(institusjon, 0) + coalesce(beredskapsheim, 0)
        + coalesce(mellombels_heim, 0) + coalesce(bustad, 0) + coalesce(uoppgitt, 0) as sum_typer,
    case when aar = 2021 then 'ny kategori: mellombels heim; aldersgrense 23 → 25 år' end as brudd
from wide
order by aar, aldersgruppe, tiltak
