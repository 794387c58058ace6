-- indicators.tiltak_endringer
-- One row: one series the report quotes in its text, for the report year's data year: its value,
-- the value the year before and in the first year of the series, and the per cent changes. Series
-- that cross the 2021 age-limit change say so in `merknad`.
with series as (
    select aar, 'barn_med_tiltak_per_31_12' as serie, 'Barn og unge med barnevernstiltak per 31.12.' as beskrivelse,
           'antall' as enhet, per_31_12 as verdi
    from indicators.barn_med_tiltak
    where report_year = getvariable('report_year') and aldersgruppe in ('0-22', '0-24') and tiltak = 'i_alt'
    union all
    select aar, 'barn_med_tiltak_i_lopet_av_aret', 'Barn og unge med barnevernstiltak i løpet av året', 'antall',
           i_lopet_av_aret
    from indicators.barn_med_tiltak
    where report_year = getvariable('report_year') and aldersgruppe in ('0-22', '0-24') and tiltak = 'i_alt'
    union all
    select aar, 'omsorgstiltak_per_31_12', 'Barn og unge med omsorgstiltak per 31.12.', 'antall', per_31_12
    from indicators.barn_med_tiltak
    where report_year = getvariable('report_year') and aldersgruppe in ('0-22', '0-24') and tiltak = 'omsorgstiltak'
    union all
    select aar, 'hjelpetiltak_i_hjemmet_0_17', 'Barn 0–17 år med hjelpetiltak i hjemmet per 31.12.', 'antall',
           hjelpetiltak_i_hjemmet
    from indicators.tiltak_etter_type
    where report_year = getvariable('report_year') and aldersgruppe = '0-17'
    union all
    select aar, 'andel_hjelpetiltak_i_hjemmet_0_17',
           'Andel av barn 0–17 år med tiltak som har hjelpetiltak i hjemmet', 'andel', andel_hjelpetiltak_i_hjemmet
    from indicators.tiltak_etter_type
    where report_year = getvariable('report_year') and aldersgruppe = '0-17'
    union all
    select aar, 'plasseringstiltak_per_31_12', 'Barn og unge med plasseringstiltak per 31.12.', 'antall', i_alt
    from indicators.plasseringstiltak
    where report_year = getvariable('report_year') and aldersgruppe in ('0-22', '0-24') and tiltak = 'i_alt'
    union all
    select aar, 'fosterhjem_0_17', 'Barn 0–17 år i fosterhjem per 31.12.', 'antall', fosterheim
    from indicators.plasseringstiltak
    where report_year = getvariable('report_year') and aldersgruppe = '0-17' and tiltak = 'i_alt'
    union all
    select aar, 'institusjon_0_17', 'Barn 0–17 år i institusjon per 31.12.', 'antall', institusjon
    from indicators.plasseringstiltak
    where report_year = getvariable('report_year') and aldersgruppe = '0-17' and tiltak = 'i_alt'
    union all
    select aar, 'akuttiltak_0_17', 'Barn 0–17 år med akuttiltak som plasseringstiltak per 31.12.', 'antall', i_alt
    from indicators.akuttiltak_etter_plassering
    where report_year = getvariable('report_year')
    union all
    select aar, 'tiltak_nettverk_samarbeid', 'Tiltak innenfor nettverksarbeid/samarbeid med andre tjenester per 31.12.',
           'antall', nettverk
    from indicators.andre_tjenester_kategorier
    where report_year = getvariable('report_year') and region = 'Hele landet'
    union all
    select aar, 'tiltak_undersokelse_behandling',
           'Tiltak innenfor undersøkelse og behandling fra andre tjenester per 31.12.', 'antall', undersoking
    from indicators.andre_tjenester_kategorier
    where report_year = getvariable('report_year') and region = 'Hele landet'
    union all
    select aar, 'andel_andre_tjenester_av_alle_tiltak',
           'De to kategoriene som andel av alle barnevernstiltak per 31.12. (prosent)', 'prosent', andel_av_alle_tiltak
    from indicators.andre_tjenester_kategorier
    where report_year = getvariable('report_year') and region = 'Hele landet'
    union all
    select aar, 'tiltak_utdanning_arbeid', 'Tiltak «Utdanning og arbeid» per 31.12.', 'antall', utdanning_arbeid
    from indicators.andre_tjenester_kategorier
    where report_year = getvariable('report_year') and region = 'Hele landet'
    union all
    select aar, 'bekymringsmeldinger', 'Bekymringsmeldinger i løpet av året', 'antall', meldinger
    from indicators.bekymringsmeldinger
    where report_year = getvariable('report_year')
    union all
    select aar, 'andel_meldinger_til_undersokelse', 'Andel av meldingene som gikk til undersøkelse', 'andel',
           andel_til_undersoking
    from indicators.bekymringsmeldinger
    where report_year = getvariable('report_year')
),

bounds as (
    select serie, max(aar) as data_aar, min(aar) as forste_aar
    from series
    where verdi is not null
    group by serie
)

select
    getvariable('report_year') as report_year,
    series.serie,
    any_value(series.beskrivelse) as beskrivelse,
    any_value(series.enhet) as enhet,
    bounds.data_aar,
    max(series.verdi) filter (where series.aar = bounds.data_aar) as verdi,
    max(series.verdi) filter (where series.aar = bounds.data_aar - 1) as verdi_aaret_foer,
    100.0 * (max(series.verdi) filter (where series.aar = bounds.data_aar)
        / nullif(max(series.verdi) filter (where series.aar = bounds.data_aar - 1), 0) - 1) as endring_prosent,
    bounds.forste_aar,
    max(series.verdi) filter (where series.aar = bounds.forste_aar) as verdi_forste_aar,
    100.0 * (max(series.verdi) filter (where series.aar = bounds.data_aar)
        / nullif(max(series.verdi) filter (where series.aar = bounds.forste_aar), 0) - 1) as endring_periode_prosent,
    case
        when bool_or(series.serie in ('barn_med_tiltak_per_31_12', 'barn_med_tiltak_i_lopet_av_aret',
                                      'omsorgstiltak_per_31_12', 'plasseringstiltak_per_31_12',
                                      'tiltak_nettverk_samarbeid', 'tiltak_undersokelse_behandling',
                                      'andel_andre_tjenester_av_alle_tiltak', 'tiltak_utdanning_arbeid'))
            and bounds.forste_aar < 2021 and bounds.data_aar >= 2021
        then '0–22 år til og med 2020, 0–24 år fra 2021: endringen over perioden krysser bruddet'
    end as merknad
from series
inner join bounds on bounds.serie = series.serie
group by series.serie, bounds.data_aar, bounds.forste_aar
-- A series the text can do without (a share, Utdanning og arbeid) is left out when it does not reach
-- the data year; the ones it needs stay and fail the check.
having list_contains(getvariable('paakrevde_serier'), series.serie)
    or bounds.data_aar = getvariable('report_year') - 1
order by series.serie
