-- indicators.asss_indikator_skole_arbeid
-- One row: one ASSS indicator (12, 13 or 15, the seed's numbering), one kommune of the report year's
-- structure, one year (before the report year) and one unit, from Udir's and NAV's figures by kommune
-- (raw.kommune_asss_skole_arbeid), in the long shape every ASSS indicator table shares, with the agency's
-- definition and table beside it (`definisjon`, `kilde`):
--   12  pupils leaving 10. trinn without grunnskolepoeng          enhet 'prosent'
--   13  pupils of the cohort not completing videregående           enhet 'prosent'
--       (from `fullfort_vgo`: nevner − teller, or 100 − the share; from `ikke_fullfort_vgo` as given)
--   15  registered helt ledige 15–24, annual average               enhet 'prosent av 15–24 år' (vedlegg 5:
--       a share of the age group), and the count 'helt ledige 15–24 år'. The denominator is the file's own
--       where every part gives it, else the inhabitants 15–24 on 1 January of the next year (SSB 07459,
--       indicators.asss_befolkning, the end of the year averaged over, as indicators 5, 10 and 11 count).
--       NAV's bands 15–19 and 20–24 are added up when both are numbers; 15–24 given is taken as it is.
-- A share is 100 × teller / nevner where the file gives the counts (then `teller` and `nevner` are they,
-- and the ASSS average is Σ teller ÷ Σ nevner), else the agency's share as published (`teller`, `nevner`
-- NULL: averaged as a plain mean). A cell the agency suppressed (`prikket`) gives a NULL value, never 0,
-- and `merknad` names the symbol and the agency table.
-- Codes: the code in the row's year, mapped to the report year's kommune (indicators.kommunestruktur); a
-- code of the report year's structure stands for itself. Counts of kommuner merged are added up; a share
-- without counts cannot be, nor can a count be split: the value is then NULL and `merknad` says why.
-- Columns:
--   indikator: the ASSS indicator's number (12, 13 or 15)
--   kommunenummer: the kommune's code in the report year's structure
--   aar: the year the figure describes [år]
--   verdi: the value in enhet; NULL where the agency suppressed the cell or codes cannot be combined (merknad
--         says why)
--   enhet: the unit: prosent (12, 13), prosent av 15–24 år or helt ledige 15–24 år (15)
--   teller: the counted group (pupils without grunnskolepoeng, pupils not completing, helt ledige 15–24)
--         where the file gives counts, else NULL
--   nevner: the group it is a share of (pupils leaving 10. trinn, the cohort, inhabitants 15–24) where
--         counts are given, else NULL
--   merknad: a suppressed cell's symbol and agency table, or why codes could not be combined
--   definisjon: the measure's definition as the agency publishes it
--   kilde: the agency table or URL the figure was copied from
with maalt as (
    select
        kommunenummer,
        aar,
        maal,
        aldersgruppe,
        teller,
        nevner,
        andel,
        prikket,
        definisjon,
        kilde,
        case maal when 'uten_grunnskolepoeng' then 12 when 'helt_ledige' then 15 else 13 end as indikator
    from raw.kommune_asss_skole_arbeid
    -- a report year's data end the year before it
    where aar < getvariable('report_year')
),

-- 12 and 13 per code, as the indicator counts them
skole as (
    select
        kommunenummer, aar, indikator,
        case when maal = 'fullfort_vgo' then nevner - teller else teller end as teller,
        nevner,
        case when maal = 'fullfort_vgo' then 100 - andel else andel end as andel,
        prikket,
        definisjon || case when maal = 'fullfort_vgo' then ' (indikatoren: 100 minus denne andelen)' else '' end
            as definisjon,
        kilde,
        null::varchar as merknad_kode
    from maalt
    where indikator in (12, 13)
),

-- 15 per code: 15–24 as given, or 15–19 + 20–24 when both bands are there
ledige as (
    select
        kommunenummer, aar, 15 as indikator,
        case
            when bool_or(aldersgruppe = '15-24') then max(teller) filter (where aldersgruppe = '15-24')
            when count(teller) filter (where aldersgruppe in ('15-19', '20-24')) = 2
                then sum(teller) filter (where aldersgruppe in ('15-19', '20-24'))
        end as teller,
        case
            when bool_or(aldersgruppe = '15-24') then max(nevner) filter (where aldersgruppe = '15-24')
            when count(nevner) filter (where aldersgruppe in ('15-19', '20-24')) = 2
                then sum(nevner) filter (where aldersgruppe in ('15-19', '20-24'))
        end as nevner,
        null::double as andel,
        case
            when bool_or(aldersgruppe = '15-24') then max(prikket) filter (where aldersgruppe = '15-24')
            else string_agg(prikket, ' ' order by aldersgruppe)
        end as prikket,
        string_agg(distinct definisjon, '; ') as definisjon,
        string_agg(distinct kilde, '; ') as kilde,
        case when not bool_or(aldersgruppe = '15-24')
                and count(distinct aldersgruppe) filter (where aldersgruppe in ('15-19', '20-24')) < 2
            then 'bare aldersgruppen ' || string_agg(aldersgruppe, ', ') || ' i filen: 15–24 år mangler'
        end as merknad_kode
    from maalt
    where indikator = 15
    group by kommunenummer, aar
),

per_kode as (
    select * from skole
    union all
    select * from ledige
),

struktur as (
    select region_kode, aar, kommune_kode, andel
    from indicators.kommunestruktur
    where report_year = getvariable('report_year')
),

rapportaarets_kommuner as (
    select distinct kommune_kode from struktur
),

kartlagt as (
    select
        per_kode.*,
        coalesce(struktur.kommune_kode, egen.kommune_kode) as kommune_kode,
        coalesce(struktur.andel, 1.0) as struktur_andel
    from per_kode
    left join struktur on struktur.region_kode = per_kode.kommunenummer and struktur.aar = per_kode.aar
    left join rapportaarets_kommuner as egen
        on struktur.kommune_kode is null and egen.kommune_kode = per_kode.kommunenummer
),

kommune_aar as (
    select
        kommune_kode,
        aar,
        indikator,
        count(*) as deler,
        string_agg(kommunenummer, ', ' order by kommunenummer) as koder,
        max(struktur_andel) < 1 as delt,
        bool_and(teller is not null) as alle_teller,
        bool_and(nevner is not null) as alle_nevner,
        sum(teller) as teller,
        sum(nevner) as nevner,
        any_value(andel) as andel,
        string_agg(distinct prikket, ' ') as prikket,
        string_agg(distinct definisjon, '; ') as definisjon,
        string_agg(distinct kilde, '; ') as kilde,
        string_agg(merknad_kode, '; ') as merknad_kode
    from kartlagt
    group by kommune_kode, aar, indikator
),

-- inhabitants 15–24 on 31.12 of `aar` (1 January of the next year), in the report year's structure
unge as (
    select kommune_kode, aar - 1 as aar, personer
    from indicators.asss_befolkning
    where report_year = getvariable('report_year') and alder = '15-24'
),

vurdert as (
    select
        kommune_aar.*,
        unge.personer as innbyggere_15_24,
        case
            when prikket is not null then null
            when delt then null
            when alle_teller and (alle_nevner or indikator = 15) then 'tall'
            when deler = 1 and andel is not null then 'andel'
        end as grunnlag,
        nullif(concat_ws('; ',
            case when koders_merknad is not null then koders_merknad end,
            case when prikket is not null
                then 'prikket i kilden («' || prikket || '»): ' || kilde end,
            case when delt then 'strukturendring: kode ' || koder || ' i ' || kommune_aar.aar
                || ' ble delt; tall kan ikke fordeles til kommune ' || kommune_aar.kommune_kode end,
            case when prikket is null and not delt and deler > 1 and not (alle_teller and (alle_nevner or indikator = 15))
                then 'strukturendring: andeler fra kode ' || koder || ' i ' || kommune_aar.aar
                    || ' kan ikke legges sammen uten antall' end,
            merknad_kode
        ), '') as merknad
    from (
        select
            *,
            case when koder <> kommune_kode and deler = 1 then 'kode ' || koder || ' i ' || aar end as koders_merknad
        from kommune_aar
    ) as kommune_aar
    left join unge on unge.kommune_kode = kommune_aar.kommune_kode and unge.aar = kommune_aar.aar
),

rader as (
    select
        indikator, kommune_kode, aar,
        case grunnlag when 'tall' then 100.0 * teller / nullif(nevner, 0) when 'andel' then andel end as verdi,
        'prosent' as enhet,
        case when grunnlag = 'tall' then teller end as teller,
        case when grunnlag = 'tall' then nevner end as nevner,
        merknad, definisjon, kilde
    from vurdert
    where indikator in (12, 13)

    union all

    select
        indikator, kommune_kode, aar,
        case when grunnlag = 'tall'
            then 100.0 * teller / nullif(case when alle_nevner then nevner else innbyggere_15_24 end, 0) end,
        'prosent av 15–24 år',
        case when grunnlag = 'tall' then teller end,
        case when grunnlag = 'tall' then case when alle_nevner then nevner else innbyggere_15_24 end end,
        nullif(concat_ws('; ', merknad,
            case when grunnlag = 'tall' and not alle_nevner and innbyggere_15_24 is null
                then 'nevner mangler: innbyggere 15–24 år 1.1.' || (aar + 1) || ' (SSB 07459)' end), ''),
        definisjon, kilde
    from vurdert
    where indikator = 15

    union all

    select
        indikator, kommune_kode, aar,
        case when grunnlag = 'tall' then teller end,
        'helt ledige 15–24 år',
        null, null,
        merknad, definisjon, kilde
    from vurdert
    where indikator = 15
)

select
    getvariable('report_year') as report_year,
    cast(indikator as integer) as indikator,
    kommune_kode as kommunenummer,
    cast(aar as integer) as aar,
    cast(verdi as double) as verdi,
    enhet,
    cast(teller as double) as teller,
    cast(nevner as double) as nevner,
    merknad,
    definisjon,
    kilde
from rader
where kommune_kode is not null
order by indikator, kommunenummer, aar, enhet
