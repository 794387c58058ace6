-- indicators.ventende_per_fosterhjem
-- One row: one year (a whole-year period of Bufdir's waiting list, up to the data year): children
-- waiting for a fosterhjem from Bufetat at the end of the year (Bufdir, the country: Oslo is not in
-- Bufdir's numbers) relative to children 0-17 in fosterhjem per 31.12 in the country without Oslo
-- (SSB 11600 less fylke 03), per 100 children in fosterhjem. NULL where either is missing.
--
-- Columns:
--   aar: the year (a whole-year period of Bufdir's waiting list) [år]
--   barn_som_venter_ved_aarsslutt: children waiting for a fosterhjem from Bufetat at the end of the year (Bufdir;
--         without Oslo) [barn]
--   i_fosterhjem_uten_oslo: children 0-17 in fosterhjem on 31 December in the country without Oslo (SSB 11600 less
--         fylke 03) [barn]
--   venter_per_100_i_fosterhjem: children waiting per 100 children in fosterhjem; NULL where either is missing [per
--         100]
--   merknad_symboler: where the fosterhjem count is affected by SSB symbols; NULL where not
with venter as (
    select year(periode_slutt) as aar, barn_som_venter_ved_periodeslutt as venter
    from indicators.ventetid_fosterhjem
    where report_year = getvariable('report_year') and region = 'Hele landet'
      and month(periode_slutt) = 12 and day(periode_slutt) = 31
),

fosterhjem as (
    select aar, antall as i_fosterhjem_uten_oslo, merknad_symboler
    from indicators.plasseringstiltak_region
    where report_year = getvariable('report_year') and region = 'landet_uten_oslo' and plassering = 'fosterheim'
)

select
    getvariable('report_year') as report_year,
    venter.aar,
    venter.venter as barn_som_venter_ved_aarsslutt,
    fosterhjem.i_fosterhjem_uten_oslo,
    round(100.0 * venter.venter / nullif(fosterhjem.i_fosterhjem_uten_oslo, 0), 2) as venter_per_100_i_fosterhjem,
    fosterhjem.merknad_symboler
from venter
left join fosterhjem on fosterhjem.aar = venter.aar  -- a year without the SSB count keeps a NULL ratio
order by venter.aar
