-- indicators.asss_indikator_kommune
-- One row: one ASSS indicator (1–10, the seed's numbering), one kommune of the report year's structure,
-- one year (before the report year) and one unit: the kommune's own answer from the kommune file
-- (raw.kommune_asss_forebygging), in the long shape every ASSS indicator table shares. A question the
-- kommune left empty, or a kommune that sent nothing, gives no row: never a 0 or a 'nei'.
--   1–3, 6–9  ja = 1, nei = 0                                   enhet 'ja/nei'
--   4         kommunale tjenester in the formal cooperation     enhet 'antall tjenester'
--   5         resources in report-year kroner (kommunal deflator, indicators.deflator, the report's vintage)
--             'kroner <report year>', and per 10 000 inhabitants 0–17 'kroner <report year> per 10 000
--             0–17 år'; or, given in årsverk, 'årsverk' and 'årsverk per 10 000 0–17 år'
--   10        families helped during the year 'familier', and as a share of the families with children
--             0–17 'prosent av barnefamilier'
-- The denominators are counted at the end of the year the answer describes: inhabitants 0–17 (SSB 07459)
-- and families with children 0–17 (SSB 06083, the four family types whose youngest child is 0–17) on
-- 1 January of the next year, as KOSTRA counts inhabitants per 31.12, in the report year's kommune
-- structure. For a ratio `teller` is the numerator and `nevner` the denominator itself (inhabitants
-- 0–17, families), so verdi = 10 000 × teller / nevner or 100 × teller / nevner. A denominator or a
-- deflator factor that is missing makes the value NULL, said in `merknad`: never guessed.
-- Codes: a row's kommunenummer is the kommune's code in its year, mapped to the report year's kommune
-- (indicators.kommunestruktur); a code already of the report year's structure stands for itself. A
-- renumbering is said in `merknad`. Answers cannot be added up or shared across a merger or a split (a
-- ja/nei, a number of services): where a report-year kommune has answers from more than one code in a
-- year, or a code was split, the value is NULL and `merknad` says why.
--
-- Columns:
--   indikator: the ASSS indicator's number (1-10)
--   kommunenummer: the kommune's code in the report year's structure
--   aar: the year the answer describes [år]
--   verdi: the value in enhet (ja = 1, nei = 0 for ja/nei); NULL where a denominator or deflator factor is missing or
--         answers cannot be combined (merknad says why)
--   enhet: the unit: ja/nei, antall tjenester, kroner <report year>, … per 10 000 0–17 år, årsverk, familier, prosent
--         av barnefamilier
--   teller: for a ratio, the numerator
--   nevner: for a ratio, the denominator (inhabitants 0-17, or families with children 0-17)
--   merknad: why a value is NULL, or that codes were renumbered
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

deflator as (
    select aar, faktor_til_rapportaar
    from indicators.deflator
    where report_year = getvariable('report_year')
),

-- inhabitants 0–17 on 31.12 of `aar` (1 January of the next year), in the report year's structure
barn_0_17 as (
    select
        struktur.kommune_kode,
        befolkning.aar - 1 as aar,
        sum(befolkning.personer * struktur.andel) as innbyggere_0_17
    from staging.befolkning as befolkning
    inner join struktur on struktur.region_kode = befolkning.region_kode and struktur.aar = befolkning.aar
    where befolkning.region_type = 'kommune' and befolkning.alder between 0 and 17
        and befolkning.personer is not null
    group by struktur.kommune_kode, befolkning.aar
),

-- families with children 0–17 on 31.12 of `aar` (1 January of the next year), in the report year's structure
barnefamilier as (
    select
        struktur.kommune_kode,
        familier.aar - 1 as aar,
        sum(familier.familier * struktur.andel) as familier_med_barn,
        count(distinct familier.familietype) as familietyper
    from staging.familier as familier
    inner join struktur on struktur.region_kode = familier.region_kode and struktur.aar = familier.aar
    where familier.region_type = 'kommune' and familier.familier is not null
    group by struktur.kommune_kode, familier.aar
),

merket as (
    select
        *,
        case when hel then ressurser end as ressurser_verdi,
        case when hel then familier_hjulpet end as familier_verdi,
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
        5, merket.kommune_kode, merket.aar,
        case when merket.ressurser_enhet = 'kroner' then merket.ressurser_verdi * deflator.faktor_til_rapportaar
            else merket.ressurser_verdi end,
        case when merket.ressurser_enhet = 'kroner' then 'kroner ' || getvariable('report_year') else 'årsverk' end,
        null, null,
        nullif(concat_ws('; ', merket.merknad, case when merket.ressurser_enhet = 'kroner' and deflator.faktor_til_rapportaar
            is null then 'kommunal deflator mangler for ' || merket.aar end), '')
    from merket
    left join deflator on deflator.aar = merket.aar
    where merket.ressurser is not null

    union all

    select
        5, merket.kommune_kode, merket.aar,
        10000.0 * (case when merket.ressurser_enhet = 'kroner'
            then merket.ressurser_verdi * deflator.faktor_til_rapportaar else merket.ressurser_verdi end)
            / nullif(barn_0_17.innbyggere_0_17, 0),
        case when merket.ressurser_enhet = 'kroner' then 'kroner ' || getvariable('report_year') else 'årsverk' end
            || ' per 10 000 0–17 år',
        case when merket.ressurser_enhet = 'kroner' then merket.ressurser_verdi * deflator.faktor_til_rapportaar
            else merket.ressurser_verdi end,
        barn_0_17.innbyggere_0_17,
        nullif(concat_ws('; ', merket.merknad,
            case when merket.ressurser_enhet = 'kroner' and deflator.faktor_til_rapportaar is null
                then 'kommunal deflator mangler for ' || merket.aar end,
            case when barn_0_17.innbyggere_0_17 is null
                then 'nevner mangler: innbyggere 0–17 år 1.1.' || (merket.aar + 1) || ' (SSB 07459)' end), '')
    from merket
    left join deflator on deflator.aar = merket.aar
    left join barn_0_17 on barn_0_17.kommune_kode = merket.kommune_kode and barn_0_17.aar = merket.aar
    where merket.ressurser is not null

    union all

    select 10, kommune_kode, aar, case when hel then familier_hjulpet end, 'familier', null, null, merknad
    from merket
    where familier_hjulpet is not null

    union all

    select
        10, merket.kommune_kode, merket.aar,
        100.0 * merket.familier_verdi / nullif(barnefamilier.familier_med_barn, 0),
        'prosent av barnefamilier',
        merket.familier_verdi,
        barnefamilier.familier_med_barn,
        nullif(concat_ws('; ', merket.merknad, case when barnefamilier.familier_med_barn is null
            then 'nevner mangler: familier med barn 0–17 år 1.1.' || (merket.aar + 1) || ' (SSB 06083)' end), '')
    from merket
    left join barnefamilier on barnefamilier.kommune_kode = merket.kommune_kode and barnefamilier.aar = merket.aar
    where merket.familier_hjulpet is not null
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
