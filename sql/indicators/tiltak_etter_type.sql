-- indicators.tiltak_etter_type
-- One row: one year and one age group (0-17; 18-22 up to 2020, 18-24 from 2021): children per 31.12
-- by type of measure. Omsorgstiltak and hjelpetiltak come from SSB 09050; akuttiltak, atferdstiltak
-- and plassert som hjelpetiltak from SSB 12845. Hjelpetiltak i hjemmet is what remains of the
-- hjelpetiltak when those placed are taken out:
--   hjelpetiltak_i_hjemmet = hjelpetiltak − akuttiltak − atferdstiltak − plassert som hjelpetiltak.
-- A symbol in any of them leaves the result NULL (and the check fails), never a guess.
--
-- Columns:
--   aar: the year, per 31.12 [år]
--   aldersgruppe: 0-17, or 18-22 (up to 2020) / 18-24 (from 2021)
--   aldersgruppe_nokkel: 0_17 or 18_24: the same group under one key across the age-limit break
--   i_alt: children with any measure on 31 December (SSB 09050) [barn]
--   omsorgstiltak: children with an omsorgstiltak (SSB 09050) [barn]
--   hjelpetiltak: children with a hjelpetiltak (SSB 09050) [barn]
--   akuttiltak: children placed under an akuttiltak (SSB 12845) [barn]
--   atferdstiltak: children placed under an atferdstiltak (SSB 12845) [barn]
--   plassert_hjelpetiltak: children placed as a hjelpetiltak (SSB 12845) [barn]
--   plassert_i_alt: akuttiltak + atferdstiltak + plassert_hjelpetiltak [barn]
--   hjelpetiltak_i_hjemmet: hjelpetiltak less those placed (akuttiltak, atferdstiltak, plassert som hjelpetiltak):
--         children with a hjelpetiltak living at home [barn]
--   andel_hjelpetiltak_i_hjemmet: hjelpetiltak_i_hjemmet as a share of i_alt [andel 0-1]
with measures as (
    select
        aar,
        alder,
        max(antall) filter (where tiltak = 'i_alt') as i_alt,
        max(antall) filter (where tiltak = 'hjelpetiltak') as hjelpetiltak,
        max(antall) filter (where tiltak = 'omsorgstiltak') as omsorgstiltak
    from staging.barn_med_tiltak
    where maal = 'per_31_12' and alder in ('0_17', '18_22', '18_24')
    group by aar, alder
    having count(antall) > 0
),

legal_basis as (
    select
        aar,
        alder,
        max(antall) filter (where lovheimel = 'akuttiltak') as akuttiltak,
        max(antall) filter (where lovheimel = 'atferdstiltak') as atferdstiltak,
        max(antall) filter (where lovheimel = 'plassert_hjelpetiltak') as plassert_hjelpetiltak
    from staging.tiltak_lovheimel
    where plassering = 'i_alt'
    group by aar, alder
    having count(antall) > 0
)

select
    getvariable('report_year') as report_year,
    measures.aar,
    aldersgruppe(measures.alder, measures.aar) as aldersgruppe,
    case when measures.alder = '0_17' then '0_17' else '18_24' end as aldersgruppe_nokkel,
    measures.i_alt,
    measures.omsorgstiltak,
    measures.hjelpetiltak,
    legal_basis.akuttiltak,
    legal_basis.atferdstiltak,
    legal_basis.plassert_hjelpetiltak,
    legal_basis.akuttiltak + legal_basis.atferdstiltak + legal_basis.plassert_hjelpetiltak as plassert_i_alt,
    measures.hjelpetiltak - legal_basis.akuttiltak - legal_basis.atferdstiltak - legal_basis.plassert_hjelpetiltak
        as hjelpetiltak_i_hjemmet,
    (measures.hjelpetiltak - legal_basis.akuttiltak - legal_basis.atferdstiltak - legal_basis.plassert_hjelpetiltak)
        / measures.i_alt as andel_hjelpetiltak_i_hjemmet
from measures
inner join legal_basis on legal_basis.aar = measures.aar and legal_basis.alder = measures.alder
where measures.aar < getvariable('report_year')
order by measures.aar, aldersgruppe
