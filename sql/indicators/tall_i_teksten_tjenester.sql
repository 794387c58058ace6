-- indicators.tall_i_teksten_tjenester
-- One row: one number the report's text quotes in sections 5.3 (meldinger), 5.4 (measures in cooperation
-- with and from other services), 5.5 (spending by kommunegruppe) and 6.1 (inter-municipal cooperation):
-- statements 33-35, 38-45 and 55-61 of the review's table A.3 (`nr`; 36-37 are the Bufdir domain's), with the
-- report's sentence (`utsagn`), what the number is (`maal`, bokmål), its value and unit, the years, and
-- the figure or indicator table it comes from (`kilde`). A change is a row with enhet 'prosent' (per cent
-- change fra_aar -> til_aar); a level has fra_aar NULL. Years are relative to the report year (data year
-- = report year - 1). `report_year` comes first, as in every indicator table (its partition); the eight
-- columns after it are the contract of the text-number tables. SSB's measure labels are shown in bokmål: `getvariable('etikett_fra')` /
-- `('etikett_til')` and `('region_fra')` / `('region_til')` are the mapping of assets/sources/bokmal.py,
-- set by the model (a label it lacks stops the model before this query).
-- Not here, since the data cannot give them: 35 (undersøkelser concluding with tiltak) and 60 (260
-- kommuner from the surveys of the oppstartsmåling).
--
-- Columns:
--   nr: the statement's number (review table A.3)
--   utsagn: the report's sentence, short
--   maal: what the number is
--   verdi: the number; NULL where the data leave it empty
--   enhet: its unit (prosent for a change in per cent; a change in days, children or kroner has the unit of its
--         levels)
--   fra_aar: the first year of a change; NULL for a level [år]
--   til_aar: the year of a level, or the last year of a change [år]
--   kilde: the figure or table the number comes from
with params as (
    select getvariable('report_year') as r, getvariable('report_year') - 1 as d
),

-- 33, 34: meldinger (SSB 10673)
meldinger as (
    select m.aar, m.meldinger, 100.0 * m.andel_til_undersoking as andel
    from indicators.bekymringsmeldinger as m, params
    where m.report_year = params.r
),

-- 38, 40, 44, 45: the two categories, all measures and Utdanning og arbeid in the country (SSB 10660)
kategorier as (
    select k.*
    from indicators.andre_tjenester_kategorier as k, params
    where k.report_year = params.r and k.region = 'Hele landet'
),

-- 39, 41, 42: each measure, under its bokmål name
tiltak as (
    select
        t.aar, t.kategori, t.antall,
        getvariable('etikett_til')[list_position(getvariable('etikett_fra'), t.tiltak_navn)] as navn,
        lower(t.tiltak_navn) as ssb_navn
    from indicators.andre_tjenester_tiltak as t, params
    where t.report_year = params.r
),

-- 43: per 1 000 by barnevernsregion
regioner as (
    select
        k.aar, k.per_1000_nettverk, k.per_1000_undersoking,
        getvariable('region_til')[list_position(getvariable('region_fra'), k.barnevernsregion)] as navn
    from indicators.andre_tjenester_kategorier as k, params
    where k.report_year = params.r and k.region_type = 'barnevernsregion'
),

-- 55-57: netto driftsutgifter by kommunegruppe (balanced panel, million report-year kroner)
kategori_utgifter as (
    select u.funksjon, u.befolkningskategori, u.befolkningskategori_navn as gruppe, u.aar, u.netto_mill_kr_fast
    from indicators.netto_driftsutgifter_kategori as u, params
    where u.report_year = params.r
),

-- 58, 61: Bufdir's overviews; 59: SSB 12115
oversikt as (
    select o.*
    from indicators.interkommunale_samarbeid_oversikt as o, params
    where o.report_year = params.r
),

rows as (
    -- 33
    select 33 as nr, 'Nedgang i antall meldinger (fra 53 468 til 49 778)' as utsagn,
           'Bekymringsmeldinger til barnevernet i løpet av året' as maal, meldinger as verdi, 'meldinger' as enhet,
           null as fra_aar, aar as til_aar, 'indicators.bekymringsmeldinger' as kilde
    from meldinger, params where aar in (params.d - 1, params.d)
    union all
    select 33, 'Nedgang i antall meldinger på 7 prosent', 'Endring i antall bekymringsmeldinger',
           100.0 * (b.meldinger / a.meldinger - 1), 'prosent', a.aar, b.aar, 'indicators.bekymringsmeldinger'
    from meldinger as a, meldinger as b, params where a.aar = params.d - 1 and b.aar = params.d
    -- 34
    union all
    select 34, 'Andelen bekymringsmeldinger som har gått til undersøkelse',
           'Andel av bekymringsmeldingene som gikk til undersøkelse', andel, 'prosent av meldingene', null, aar,
           'indicators.bekymringsmeldinger'
    from meldinger, params where aar in (params.d - 1, params.d)
    union all
    select 34, 'Andelen som har gått til undersøkelse har hatt en reduksjon på 10 prosent',
           'Endring i andelen bekymringsmeldinger som gikk til undersøkelse',
           100.0 * (b.andel / a.andel - 1), 'prosent', a.aar, b.aar, 'indicators.bekymringsmeldinger'
    from meldinger as a, meldinger as b, params where a.aar = params.d - 1 and b.aar = params.d
    -- 38
    union all
    select 38, 'Nettverksarbeid/samarbeid med andre tjenester har økt fra 8 794 i 2015 til 10 977 i 2022',
           'Tiltak innenfor nettverksarbeid/samarbeid med andre tjenester per 31.12.', nettverk, 'tiltak', null, aar,
           'figur_5_10'
    from kategorier, params where aar in ((select min(aar) from kategorier), params.d - 1, params.d)
    union all
    select 38, 'Fra 2021 til 2022 var det en nedgang på 5 prosent',
           'Endring i tiltak innenfor nettverksarbeid/samarbeid med andre tjenester per 31.12.',
           100.0 * (b.nettverk / a.nettverk - 1), 'prosent', a.aar, b.aar, 'figur_5_10'
    from kategorier as a, kategorier as b, params where a.aar = params.d - 1 and b.aar = params.d
    -- 39
    union all
    select 39, 'Deltakelse i ansvarsgruppe/samarbeidsteam forklarer nedgangen; mest brukt, etterfulgt av familieråd',
           navn || ', tiltak per 31.12.', antall, 'tiltak', null, aar, 'figur_0_8'
    from tiltak, params where kategori = 'nettverk' and aar in (params.d - 1, params.d)
    union all
    select 39, 'Deltakelse i ansvarsgruppe/samarbeidsteam forklarer nedgangen',
           'Endring i ' || lower(left(a.navn, 1)) || substr(a.navn, 2) || ', tiltak per 31.12.', 100.0 * (b.antall / a.antall - 1), 'prosent', a.aar, b.aar,
           'figur_0_9'
    from tiltak as a, tiltak as b, params
    where a.kategori = 'nettverk' and b.ssb_navn = a.ssb_navn and a.aar = params.d - 1 and b.aar = params.d
    -- 40
    union all
    select 40, 'Undersøkelse og behandling fra andre tjenester har hatt en nedgang i perioden 2015–2022',
           'Tiltak innenfor undersøkelse og behandling fra andre tjenester per 31.12.', undersoking, 'tiltak', null,
           aar, 'figur_5_10'
    from kategorier, params where aar in ((select min(aar) from kategorier), params.d - 1, params.d)
    union all
    select 40, 'Nedgang på 6 prosent fra 2021 til 2022',
           'Endring i tiltak innenfor undersøkelse og behandling fra andre tjenester per 31.12.',
           100.0 * (b.undersoking / a.undersoking - 1), 'prosent', a.aar, b.aar, 'figur_5_10'
    from kategorier as a, kategorier as b, params where a.aar = params.d - 1 and b.aar = params.d
    -- 41
    union all
    select 41, 'Psykisk helsehjelp for barn og unge har hatt en nedgang fra 312 til 251',
           navn || ', tiltak per 31.12.', antall, 'tiltak', null, aar, 'figur_0_10'
    from tiltak, params where kategori = 'undersoking' and aar in (params.d - 1, params.d)
    union all
    select 41, 'Individuell plan og psykisk helsehjelp for barn og unge er begge redusert med 20 prosent',
           'Endring i ' || lower(left(a.navn, 1)) || substr(a.navn, 2) || ', tiltak per 31.12.', 100.0 * (b.antall / a.antall - 1), 'prosent', a.aar, b.aar,
           case when a.kategori = 'nettverk' then 'figur_0_9' else 'figur_0_10' end
    from tiltak as a, tiltak as b, params
    where (a.kategori = 'undersoking' or a.ssb_navn = 'individuell plan')
        and b.ssb_navn = a.ssb_navn and a.aar = params.d - 1 and b.aar = params.d
    -- 42 (footnote 44)
    union all
    select 42, 'Familieråd har økt med 89 prosent fra 2015–2022, og 4 prosent fra 2021–2022',
           'Endring i ' || lower(left(a.navn, 1)) || substr(a.navn, 2) || ', tiltak per 31.12.', 100.0 * (b.antall / a.antall - 1), 'prosent', a.aar, b.aar,
           'figur_0_9'
    from tiltak as a, tiltak as b, params
    where a.ssb_navn like 'familier%d' and b.ssb_navn = a.ssb_navn and b.aar = params.d
        and a.aar in ((select min(aar) from tiltak), params.d - 1)
    -- 43 (and footnote 46)
    union all
    select 43, 'Region midt har høyere bruk av nettverksarbeid/samarbeid, region vest og Oslo lavere',
           'Tiltak innenfor nettverksarbeid/samarbeid med andre tjenester per 1 000 innbyggere, ' || navn,
           per_1000_nettverk, 'tiltak per 1 000 innbyggere 0–24 år', null, aar, 'figur_0_7'
    from regioner, params where aar = params.d
    union all
    select 43, 'Region vest har lavere bruk av undersøkelse og behandling fra andre tjenester',
           'Tiltak innenfor undersøkelse og behandling fra andre tjenester per 1 000 innbyggere, ' || navn,
           per_1000_undersoking, 'tiltak per 1 000 innbyggere 0–24 år', null, aar, 'figur_0_7'
    from regioner, params where aar = params.d
    union all
    select 43, 'Fotnote 46: endring fra 2021 til 2022 per region (nettverksarbeid/samarbeid)',
           'Endring i nettverksarbeid/samarbeid med andre tjenester per 1 000 innbyggere, ' || a.navn,
           100.0 * (b.per_1000_nettverk / a.per_1000_nettverk - 1), 'prosent', a.aar, b.aar, 'figur_0_7'
    from regioner as a, regioner as b, params where a.navn = b.navn and a.aar = params.d - 1 and b.aar = params.d
    union all
    select 43, 'Fotnote 46: endring fra 2021 til 2022 per region (undersøkelse og behandling)',
           'Endring i undersøkelse og behandling fra andre tjenester per 1 000 innbyggere, ' || a.navn,
           100.0 * (b.per_1000_undersoking / a.per_1000_undersoking - 1), 'prosent', a.aar, b.aar, 'figur_0_7'
    from regioner as a, regioner as b, params where a.navn = b.navn and a.aar = params.d - 1 and b.aar = params.d
    -- 44
    union all
    select 44, 'De to kategoriene utgjør noe over 15 prosent av totalt antall barnevernstiltak',
           'De to kategoriene som andel av alle barnevernstiltak per 31.12.', andel_av_alle_tiltak,
           'prosent av alle tiltak', null, aar, 'figur_5_10'
    from kategorier, params where aar = params.d
    union all
    select 44, 'Totalt antall barnevernstiltak per 31.12.2022 var 74 644', 'Barnevernstiltak i alt per 31.12.', i_alt,
           'tiltak', null, aar, 'figur_5_10'
    from kategorier, params where aar = params.d
    -- 45
    union all
    select 45, 'Utdanning og arbeid har gått ned hvert år i perioden 2016 til 2022, og er på 263 tiltak',
           'Tiltaket utdanning og arbeid per 31.12.', utdanning_arbeid, 'tiltak', null, aar,
           'indicators.andre_tjenester_kategorier'
    from kategorier
    -- 55-57: relative change 2020-2022 by kommunegruppe (the text reads 2020 to 2022 and the 2021 dip on 252)
    union all
    select case a.funksjon when '244' then 55 when '251' then 56 else 57 end,
           case a.funksjon
               when '244' then 'Utgiftene til barnevernstjeneste har gått opp for alle kommunegrupper; den relative '
                               || 'økningen øker med kommunestørrelse'
               when '251' then 'Utgiftsutviklingen til barnevernstiltak når barnet ikke er plassert varierer mellom '
                               || 'kommunegrupper'
               else 'Driftsutgiftene når barnet er plassert øker fra 2020 til 2022 for fem av seks kommunegrupper; '
                    || 'lavere i 2021 enn i 2020 og 2022'
           end,
           'Endring i netto driftsutgifter, funksjon ' || a.funksjon || ', kommuner med ' || lower(a.gruppe)
           || ' (uten Oslo, faste kroner)',
           100.0 * (b.netto_mill_kr_fast / a.netto_mill_kr_fast - 1), 'prosent', a.aar, b.aar,
           case a.funksjon when '244' then 'figur_5_15' when '251' then 'figur_5_16' else 'figur_5_17' end
    from kategori_utgifter as a, kategori_utgifter as b, params
    where a.funksjon = b.funksjon and a.befolkningskategori = b.befolkningskategori and b.aar = params.d
        and (a.aar = params.d - 2
             or (a.funksjon = '251' and a.aar = (select min(aar) from kategori_utgifter)))
    union all
    select 57, 'Driftsutgiftene er lavere i 2021 enn i 2020 og 2022 i fem av seks kommunegrupper',
           'Endring i netto driftsutgifter, funksjon 252, kommuner med ' || lower(a.gruppe)
           || ' (uten Oslo, faste kroner)',
           100.0 * (b.netto_mill_kr_fast / a.netto_mill_kr_fast - 1), 'prosent', a.aar, b.aar, 'figur_5_17'
    from kategori_utgifter as a, kategori_utgifter as b, params
    where a.funksjon = '252' and b.funksjon = '252' and a.befolkningskategori = b.befolkningskategori
        and ((a.aar = params.d - 2 and b.aar = params.d - 1) or (a.aar = params.d - 1 and b.aar = params.d))
    -- 58
    union all
    select 58, '63 formelle interkommunale samarbeid på barnevernsområdet per august 2023',
           'Formelle interkommunale samarbeid i Bufdirs oversikt per ' || strftime(per_dato, '%d.%m.%Y'), samarbeid,
           'samarbeid', null, aar, 'indicators.interkommunale_samarbeid_oversikt'
    from oversikt where nyeste
    union all
    select 58, 'Antall kommuner i et interkommunalt samarbeid har økt fra 195 i 2021 til 199 i 2023',
           'Kommuner i formelle interkommunale samarbeid i Bufdirs oversikt per ' || strftime(per_dato, '%d.%m.%Y'),
           kommuner_i_samarbeid, 'kommuner', null, aar, 'indicators.interkommunale_samarbeid_oversikt'
    from oversikt
    union all
    select 58, 'Antall kommuner i et samarbeid varierer fra to til seks',
           'Kommuner i det minste samarbeidet i Bufdirs oversikt per ' || strftime(per_dato, '%d.%m.%Y'),
           minste_samarbeid, 'kommuner', null, aar, 'indicators.interkommunale_samarbeid_oversikt'
    from oversikt where nyeste
    union all
    select 58, 'Antall kommuner i et samarbeid varierer fra to til seks',
           'Kommuner i det største samarbeidet i Bufdirs oversikt per ' || strftime(per_dato, '%d.%m.%Y'),
           storste_samarbeid, 'kommuner', null, aar, 'indicators.interkommunale_samarbeid_oversikt'
    from oversikt where nyeste
    -- 59
    union all
    select 59, 'Ifølge SSB var 208 kommuner i interkommunale samarbeid per 31.12.2021 og 210 per 31.12.2022',
           'Kommuner der barnevernstjenesten er i et interkommunalt samarbeid per 31.12. (SSB)', s.kommuner_i_samarbeid,
           'kommuner', null, s.aar, 'indicators.interkommunalt_samarbeid_ssb'
    from indicators.interkommunalt_samarbeid_ssb as s, params where s.report_year = params.r
    -- 61
    union all
    select 61, 'Størst andel mindre kommuner inngår i interkommunale samarbeid',
           'Andel kommuner i formelle interkommunale samarbeid, ' || lower(f.befolkningskategori_navn),
           f.andel_prosent, 'prosent av kommunene', null, year(f.per_dato), 'figur_6_1'
    from indicators.interkommunalt_samarbeid as f, params where f.report_year = params.r
)

select
    getvariable('report_year') as report_year,
    cast(nr as integer) as nr,
    cast(utsagn as varchar) as utsagn,
    cast(maal as varchar) as maal,
    cast(verdi as double) as verdi,
    cast(enhet as varchar) as enhet,
    cast(fra_aar as integer) as fra_aar,
    cast(til_aar as integer) as til_aar,
    cast(kilde as varchar) as kilde
from rows
order by nr, kilde, maal, fra_aar nulls first, til_aar
