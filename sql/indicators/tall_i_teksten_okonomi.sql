-- indicators.tall_i_teksten_okonomi
-- One row: one number section 5.5 of the status report quotes about the rammetilskudd tied to the
-- reform and the egenandeler (statements 46, 47, 49 and 50 of the review's table A.3), computed from
-- the report year's indicator tables and the reference data: each grant item in the kroner of the year
-- it is stated in and in report-year kroner, and the published total (46); the split of the
-- compensation between the delkostnadsnøkkel and the transition scheme, and the years of the transition
-- (47); the headline's rise in spending, rise in grant and their difference for each reform year (49);
-- the change in the egenandel for institusjon and for beredskapshjem og spesialiserte fosterhjem since
-- the year before the reform (table 5-2, 50: only where both years have a rate). Years follow the
-- report year (reference.rapportaar); `fra_aar` is NULL for a level.
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
with config as (
    select report_year, pre_reform_year, first_reform_year
    from reference.rapportaar
    where report_year = getvariable('report_year')
),

poster as (
    select *
    from indicators.rammetilskudd_poster
    where report_year = getvariable('report_year') and i_hovedtall
),

utsagn_46 as (
    select
        post,
        case post
            when 'kompensasjon_finansieringsansvar'
                then 'I 2022 ble det samlet sett overført 1,31 milliarder 2022-kroner, tilsvarende 1,39 milliarder '
                    || '2023-kroner, for å kompensere kommunene for det økte finansieringsansvaret'
            when 'innlemming_stillinger_og_kompetansekrav'
                then 'Innlemming av øremerkede tilskudd til stillinger i barnevernet og kompetansekrav medførte en '
                    || 'økning i rammetilskuddet på 0,89 milliarder 2022-kroner (0,94 milliarder 2023-kroner)'
            when 'okt_kompensasjon_2023_gamle_egenandeler'
                then 'I 2023 økes rammetilskuddet med ytterligere 498 millioner kroner'
            else 'Rammetilskuddet økte fra ' || fra_aar || ': ' || beskrivelse
        end as utsagn
    from poster
),

s46 as (
    select
        46 as nr, utsagn_46.utsagn,
        poster.beskrivelse || ' (i ' || poster.kroneaar || '-kroner)' as maal,
        poster.mill_kr as verdi,
        'mill. ' || poster.kroneaar || '-kr' as enhet,
        poster.fra_aar as til_aar
    from poster
    inner join utsagn_46 using (post)
    union all
    select
        46, utsagn_46.utsagn,
        poster.beskrivelse || ' (i ' || getvariable('report_year') || '-kroner)',
        poster.mill_kr_fast,
        'mill. ' || getvariable('report_year') || '-kr',
        poster.fra_aar
    from poster
    inner join utsagn_46 using (post)
    where poster.kroneaar <> getvariable('report_year')  -- already in report-year kroner: the row above
),

s46_total as (
    select
        46 as nr,
        'Kommunene ble samlet sett kompensert med en økning i rammetilskuddet på 2 204 millioner 2022-kroner '
            || 'for 2022' as utsagn,
        'Samlet økning i rammetilskuddet knyttet til reformen, stillinger og kompetansekrav i '
            || totaler.year || ' (publisert sum, i ' || totaler.kroner_year || '-kroner)' as maal,
        totaler.total_mill_kr as verdi,
        'mill. ' || totaler.kroner_year || '-kr' as enhet,
        totaler.year as til_aar
    from reference.rammetilskudd_totaler as totaler
    cross join config
    where totaler.year between config.first_reform_year and config.report_year
),

overgang as (
    select overgang.*
    from reference.rammetilskudd_overgangsordning as overgang
    cross join config
    where overgang.year = config.first_reform_year
),

s47 as (
    select
        47 as nr,
        'Kompensasjonen fordeles 50 prosent gjennom delkostnadsnøkkelen for barnevern i inntektssystemet'
            as utsagn,
        'Andel av kompensasjonen fordelt etter delkostnadsnøkkelen for barnevern, ' || year as maal,
        delkostnadsnokkel_prosent as verdi,
        'prosent' as enhet,
        cast(null as integer) as fra_aar,
        year as til_aar
    from overgang
    union all
    select
        47,
        'og 50 prosent gjennom en overgangsordning basert på kommunens faktiske bruk av Bufetats tiltak',
        'Andel av kompensasjonen fordelt etter overgangsordningen, ' || year,
        overgangsordning_prosent, 'prosent', null, year
    from overgang
    union all
    select
        47,
        'Kompensasjonen over rammetilskuddet ble besluttet å ha en overgangsperiode på tre år (fra 2022 til og '
            || 'med 2024)',
        'År med overgangsordning',
        count(*), 'år', min(year), max(year)
    from reference.rammetilskudd_overgangsordning
    where overgangsordning_prosent > 0
    having count(*) > 0
),

hovedtall as (
    select *
    from indicators.rammetilskudd_sammenligning
    where report_year = getvariable('report_year')
),

s49 as (
    select
        49 as nr,
        'Kommunalt barnevern har hatt en økning i netto prisjusterte driftsutgifter på 2,1 milliarder '
            || '2023-kroner fra 2021 til 2022' as utsagn,
        'Økning i kommunale netto driftsutgifter til barnevern (f. 244, 251, 252, uten Oslo)' as maal,
        utgiftsokning_mill_kr as verdi,
        basisaar as fra_aar,
        aar as til_aar
    from hovedtall
    union all
    select
        49,
        'Økningen i rammetilskuddet til kommunene tilsvarte samlet 2,2 milliarder 2023-kroner i 2022',
        'Økning i rammetilskuddet knyttet til reformen',
        rammetilskudd_okning_mill_kr, basisaar, aar
    from hovedtall
    union all
    select
        49,
        'Differansen mellom økningen i kommunale netto driftsutgifter og rammetilskuddet er på om lag '
            || '100 millioner 2023-kroner',
        'Økning i rammetilskuddet minus økning i kommunale netto driftsutgifter',
        differanse_mill_kr, basisaar, aar
    from hovedtall
),

s50 as (
    select
        50 as nr,
        'Egenandelene for statlig institusjon og spesialiserte fosterhjem har økt med henholdsvis 103 og '
            || '115 prosent fra 2021 til 2023' as utsagn,
        'Endring i kommunal egenandel per måned i faste kroner: ' || satser.tiltak as maal,
        satser.endring_prosent_fra_aaret_foer_reformen as verdi,
        satser.pre_reform_year as fra_aar,
        satser.aar as til_aar
    from indicators.egenandeler_satser_fast as satser
    where satser.report_year = getvariable('report_year')
        and satser.aar = getvariable('report_year')
        and satser.tiltak_nokkel in ('institusjon', 'beredskapshjem_spesialiserte')
        and satser.endring_prosent_fra_aaret_foer_reformen is not null
)

select
    getvariable('report_year') as report_year,
    cast(nr as integer) as nr, utsagn, maal, cast(verdi as double) as verdi, enhet,
    cast(fra_aar as integer) as fra_aar, cast(til_aar as integer) as til_aar, kilde
from (
    select nr, utsagn, maal, verdi, enhet, null as fra_aar, til_aar, 'hovedtall_rammetilskudd' as kilde from s46
    union all
    select nr, utsagn, maal, verdi, enhet, null, til_aar, 'reference.rammetilskudd_totaler' from s46_total
    union all
    select nr, utsagn, maal, verdi, enhet, fra_aar, til_aar, 'reference.rammetilskudd_overgangsordning' from s47
    union all
    select nr, utsagn, maal, verdi, 'mill. ' || getvariable('report_year') || '-kr', fra_aar, til_aar,
           'hovedtall_rammetilskudd'
    from s49
    union all
    -- without the 2021 rates there is no change at all: no row, and the catalogue names what is missing
    select nr, utsagn, maal, verdi, 'prosent', fra_aar, til_aar, 'tabell_5_2' from s50 where verdi is not null
)
order by nr, til_aar, maal
