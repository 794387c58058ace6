-- indicators.asss_indikator_ssb
-- One row: one ASSS indicator built on SSB data (Menon 43/2024, the seed's numbering), one kommune of the
-- report year's structure (every kommune, not only the twelve: indicators.asss_kommuner says which are
-- ASSS) and one year. The long shape both ASSS engineers write (issue #12): report_year, indikator,
-- kommunenummer, aar, verdi, enhet, teller, nevner, merknad.
--
-- Indicator 11, *plasseringer utenfor hjemmet* per 10 000 inhabitants 0-17 (vedlegg 5: comparable over time
-- and between kommuner only so normalised):
--   teller = children 0-17 with a measure under KOSTRA funksjon 252 ("barnevernstiltak når barnet er plassert
--            av barnevernet") per 31.12 of `aar` (SSB 12275, funksjon code 2; the count's label is inferred,
--            assets/sources/asss.py). Children, not placements; the kommune whose accounts carry the measure.
--   nevner = inhabitants 0-17 on 1 January of `aar` + 1 (SSB 07459; indicators.asss_befolkning).
--   verdi  = teller / nevner * 10 000.
-- A kommune's count is the sum of all its parts in the report year's structure, or nothing: a part that SSB
-- publishes as '..', '...' or ':' makes teller and verdi NULL, and `merknad` names the part and the symbol
-- ('.' says a code was not in use and is no part). `merknad` also says when the count comes from older
-- kommune codes mapped to the report year's structure, and when the denominator is missing (verdi NULL).
--
-- Columns:
--   indikator: the ASSS indicator's number (11: plasseringer utenfor hjemmet)
--   kommunenummer: the kommune's code in the report year's structure
--   aar: the year, per 31.12 [år]
--   verdi: children 0-17 with a measure under KOSTRA funksjon 252 per 10 000 inhabitants 0-17 [per 10 000 0–17 år]
--   enhet: the unit: per 10 000 0–17 år
--   teller: children 0-17 with a measure under funksjon 252 on 31 December (SSB 12275) [barn]
--   nevner: inhabitants 0-17 on 1 January of the next year (SSB 07459) [personer]
--   merknad: SSB symbols, a missing denominator or older codes mapped; NULL where none
with tiltak as (
    select kommune_kode, aar, antall, symboler, koder
    from indicators.barn_med_tiltak_kommune
    where report_year = getvariable('report_year') and funksjon = '252' and maal = 'per_31_12'
),

barn as (
    select kommune_kode, aar - 1 as aar, personer
    from indicators.asss_befolkning
    where report_year = getvariable('report_year') and alder = '0-17'
)

select
    getvariable('report_year') as report_year,
    11 as indikator,
    tiltak.kommune_kode as kommunenummer,
    tiltak.aar,
    cast(tiltak.antall / nullif(barn.personer, 0) * 10000 as double) as verdi,
    'per 10 000 0–17 år' as enhet,
    cast(tiltak.antall as double) as teller,
    cast(barn.personer as double) as nevner,
    nullif(concat_ws('; ',
        case when tiltak.symboler is not null
            then 'SSB 12275 viser symbol i stedet for tall for ' || tiltak.symboler || ': ingen verdi' end,
        case when barn.personer is null
            then 'mangler innbyggere 0–17 år per 1.1.' || (tiltak.aar + 1) || ' (SSB 07459): ingen verdi' end,
        case when tiltak.koder <> tiltak.kommune_kode
            then 'tall for kommunenummer ' || tiltak.koder || ' omregnet til kommunestrukturen '
                || getvariable('report_year') end
    ), '') as merknad
from tiltak
left join barn on barn.kommune_kode = tiltak.kommune_kode and barn.aar = tiltak.aar
order by tiltak.kommune_kode, tiltak.aar
