-- indicators.bekymringsmeldinger
-- One row: one year before the report year: bekymringsmeldinger to the child welfare service in the
-- country (SSB 10673), those dismissed and those that went on to an investigation, and the share
-- that did.
--
-- Columns:
--   aar: the year the notifications were received [år]
--   meldinger: bekymringsmeldinger to the barnevernstjeneste in the country (SSB 10673) [meldinger]
--   henlagt: of them, dismissed [meldinger]
--   til_undersoking: of them, went on to an investigation [meldinger]
--   andel_til_undersoking: til_undersoking as a share of meldinger [andel 0-1]
--   verdier_per_nokkel: SSB values matched to one key (checked: 1; more means a label was matched too widely)
with wide as (
    select
        aar,
        max(antall) filter (where maal = 'meldinger') as meldinger,
        max(antall) filter (where maal = 'henlagt') as henlagt,
        max(antall) filter (where maal = 'til_undersoking') as til_undersoking,
        -- more than one SSB statistic behind a key means a label was matched too widely
        greatest(count(*) filter (where maal = 'meldinger'), count(*) filter (where maal = 'henlagt'),
                 count(*) filter (where maal = 'til_undersoking')) as verdier_per_nokkel
    from staging.meldinger
    where aar < getvariable('report_year')
    group by aar
)

select
    getvariable('report_year') as report_year,
    aar,
    meldinger,
    henlagt,
    til_undersoking,
    til_undersoking / meldinger as andel_til_undersoking,
    verdier_per_nokkel
from wide
order by aar
