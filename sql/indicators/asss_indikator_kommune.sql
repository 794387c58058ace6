-- indicators.asss_indikator_kommune
-- One row: one ASSS indicator (1–10, the seed's numbering), one kommune of the report year's structure,
-- one year (before the report year) and one unit: the kommune's own answer from the kommune file
-- (raw.kommune_asss_forebygging), in the long shape every ASSS indicator table shares. A question the
-- kommune left empty, or a kommune that sent nothing, gives no row: never a 0 or a 'nei'.
--   1–3, 6–9  ja = 1, nei = 0                                   enhet 'ja/nei'
--   4         kommunale tjenester in the formal cooperation     enhet 'antall tjenester'
--   5         resources as the kommune gave them                enhet 'kroner (løpende)' or 'årsverk'
--   10        families helped during the year                  enhet 'familier'
-- Codes: a row's kommunenummer is the kommune's code in its year, mapped to the report year's kommune
-- (indicators.kommunestruktur); a code already of the report year's structure stands for itself. A
-- renumbering is said in `merknad`. Answers cannot be added up or shared across a merger or a split (a
-- ja/nei, a number of services): where a report-year kommune has answers from more than one code in a
-- year, or a code was split, the value is NULL and `merknad` says why.
with svar as (
    select *
    from raw.kommune_asss_forebygging
    -- a report year's data end the year before it
    where aar < getvariable('report_year')
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
        svar.*,
        coalesce(struktur.kommune_kode, egen.kommune_kode) as kommune_kode,
        coalesce(struktur.andel, 1.0) as andel
    from svar
    left join struktur on struktur.region_kode = svar.kommunenummer and struktur.aar = svar.aar
    left join rapportaarets_kommuner as egen
        on struktur.kommune_kode is null and egen.kommune_kode = svar.kommunenummer
),

kommune_aar as (
    select
        kommune_kode,
        aar,
        count(*) = 1 and min(andel) = 1 as hel,
        string_agg(kommunenummer, ', ' order by kommunenummer) as koder,
        any_value(forebyggende_plan) as forebyggende_plan,
        any_value(plan_i_samfunnsdelen) as plan_i_samfunnsdelen,
        any_value(tverrfaglig_samarbeid) as tverrfaglig_samarbeid,
        any_value(antall_tjenester) as antall_tjenester,
        any_value(ressurser) as ressurser,
        any_value(ressurser_enhet) as ressurser_enhet,
        any_value(samarbeid_utenfor_kommunen) as samarbeid_utenfor_kommunen,
        any_value(foreldrestotte_universelt) as foreldrestotte_universelt,
        any_value(foreldrestotte_selektivt) as foreldrestotte_selektivt,
        any_value(foreldrestotte_indikativt) as foreldrestotte_indikativt,
        any_value(familier_hjulpet) as familier_hjulpet
    from kartlagt
    group by kommune_kode, aar
),

merket as (
    select
        *,
        case
            when not hel then 'strukturendring: svar fra kode ' || koder || ' i ' || aar
                || ' kan ikke legges sammen eller deles til kommune ' || kommune_kode
            when koder <> kommune_kode then 'kode ' || koder || ' i ' || aar
        end as merknad
    from kommune_aar
),

ja_nei as (
    -- unpivot leaves out the questions left empty
    select
        case sporsmal
            when 'forebyggende_plan' then 1 when 'plan_i_samfunnsdelen' then 2 when 'tverrfaglig_samarbeid' then 3
            when 'samarbeid_utenfor_kommunen' then 6 when 'foreldrestotte_universelt' then 7
            when 'foreldrestotte_selektivt' then 8 when 'foreldrestotte_indikativt' then 9
        end as indikator,
        kommune_kode,
        aar,
        svar,
        hel,
        merknad
    from (
        unpivot (select kommune_kode, aar, hel, merknad, forebyggende_plan, plan_i_samfunnsdelen,
                        tverrfaglig_samarbeid, samarbeid_utenfor_kommunen, foreldrestotte_universelt,
                        foreldrestotte_selektivt, foreldrestotte_indikativt from merket)
        on forebyggende_plan, plan_i_samfunnsdelen, tverrfaglig_samarbeid, samarbeid_utenfor_kommunen,
            foreldrestotte_universelt, foreldrestotte_selektivt, foreldrestotte_indikativt
        into name sporsmal value svar
    )
),

rader as (
    select
        indikator,
        kommune_kode,
        aar,
        case when hel then case svar when 'ja' then 1.0 when 'nei' then 0.0 end end as verdi,
        'ja/nei' as enhet,
        null::double as teller,
        null::double as nevner,
        merknad
    from ja_nei

    union all

    select 4, kommune_kode, aar, case when hel then antall_tjenester end, 'antall tjenester', null, null, merknad
    from merket
    where antall_tjenester is not null

    union all

    select
        5, kommune_kode, aar, case when hel then ressurser end,
        case ressurser_enhet when 'kroner' then 'kroner (løpende)' else ressurser_enhet end, null, null, merknad
    from merket
    where ressurser is not null

    union all

    select 10, kommune_kode, aar, case when hel then familier_hjulpet end, 'familier', null, null, merknad
    from merket
    where familier_hjulpet is not null
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
    merknad
from rader
order by indikator, kommunenummer, aar, enhet
