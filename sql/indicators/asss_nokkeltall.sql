-- indicators.asss_nokkeltall
-- One row: one key figure (`maal`) the ASSS workshop asked for beside the indicators (Menon 43/2024, 3.2 and
-- vedlegg 3; not one of the 15), one kommune of the report year's structure and one year. The long shape of
-- indicators.asss_indikator_ssb with `maal` in place of `indikator`:
--   andel_barn_med_tiltak_i_lopet_av_aaret  children 0-17 with a measure during `aar` (SSB 12275, funksjon
--                                           "Tiltak i alt") / inhabitants 0-17 on 1 January of `aar` + 1, prosent
--   andel_barn_med_tiltak_per_31_12         the same per 31.12, prosent
--   brutto_driftsutgifter_per_barn_251      brutto driftsutgifter (SSB 12362, art AGD10) on KOSTRA funksjon 251, in
--   brutto_driftsutgifter_per_barn_252      report-year kroner (indicators.deflator, the report's vintage), per
--                                           child 0-17 with a measure during the year under that funksjon (12275
--                                           funksjon 1 / 2). INFERRED: that KOSTRA's own unit cost divides by the
--                                           children during the year (not per 31.12) is not confirmed here.
-- Every part of a kommune or nothing: a part published as '..', '...' or ':' (in 12275 or 12362) makes the
-- value NULL, and `merknad` names the table, the part and the symbol. `merknad` also says when a number comes
-- from older kommune codes mapped to the report year's structure.
--
-- Columns:
--   maal: the key figure: andel_barn_med_tiltak_i_lopet_av_aaret, andel_barn_med_tiltak_per_31_12,
--         brutto_driftsutgifter_per_barn_251 or _252
--   kommunenummer: the kommune's code in the report year's structure
--   aar: the year [år]
--   verdi: the value in enhet (a share in per cent, or report-year kroner per child with a measure)
--   enhet: the unit
--   teller: the numerator (children with a measure, or brutto driftsutgifter in report-year kroner)
--   nevner: the denominator (inhabitants 0-17, or children 0-17 with a measure during the year)
--   merknad: SSB symbols or older codes mapped; NULL where none
with tiltak as (
    select kommune_kode, funksjon, maal, aar, antall, symboler, koder
    from indicators.barn_med_tiltak_kommune
    where report_year = getvariable('report_year')
),

utgifter as (
    select
        struktur.kommune_kode,
        utgifter.funksjon,
        utgifter.aar,
        case when count(*) filter (where utgifter.belop_1000_kr is null) = 0
            then sum(utgifter.belop_1000_kr * struktur.andel) end as brutto_1000_kr,
        string_agg(utgifter.region_kode || ' «' || coalesce(utgifter.status, 'tom') || '»', ', '
                   order by utgifter.region_kode) filter (where utgifter.belop_1000_kr is null) as symboler,
        string_agg(distinct utgifter.region_kode, ', ' order by utgifter.region_kode) as koder
    from staging.kostra_utgifter as utgifter
    inner join indicators.kommunestruktur as struktur
        on struktur.report_year = getvariable('report_year')
        and struktur.region_kode = utgifter.region_kode
        and struktur.aar = utgifter.aar
    where utgifter.region_type = 'kommune'
        and utgifter.art = 'AGD10'
        and utgifter.funksjon in ('251', '252')
        and utgifter.status is distinct from '.'
        and utgifter.aar < getvariable('report_year')
    group by struktur.kommune_kode, utgifter.funksjon, utgifter.aar
),

barn as (
    select kommune_kode, aar - 1 as aar, personer
    from indicators.asss_befolkning
    where report_year = getvariable('report_year') and alder = '0-17'
),

deflator as (
    select aar, faktor_til_rapportaar
    from indicators.deflator
    where report_year = getvariable('report_year')
),

andeler as (
    select
        'andel_barn_med_tiltak_' || tiltak.maal as maal,
        tiltak.kommune_kode,
        tiltak.aar,
        tiltak.antall / nullif(barn.personer, 0) * 100 as verdi,
        'prosent' as enhet,
        tiltak.antall as teller,
        barn.personer as nevner,
        concat_ws('; ',
            case when tiltak.symboler is not null
                then 'SSB 12275 viser symbol i stedet for tall for ' || tiltak.symboler || ': ingen verdi' end,
            case when barn.personer is null
                then 'mangler innbyggere 0–17 år per 1.1.' || (tiltak.aar + 1) || ' (SSB 07459): ingen verdi' end,
            case when tiltak.koder <> tiltak.kommune_kode
                then 'tall for kommunenummer ' || tiltak.koder || ' omregnet til kommunestrukturen '
                    || getvariable('report_year') end
        ) as merknad
    from tiltak
    left join barn on barn.kommune_kode = tiltak.kommune_kode and barn.aar = tiltak.aar
    where tiltak.funksjon = 'i_alt'
),

per_barn as (
    select
        'brutto_driftsutgifter_per_barn_' || utgifter.funksjon as maal,
        utgifter.kommune_kode,
        utgifter.aar,
        utgifter.brutto_1000_kr * 1000 * deflator.faktor_til_rapportaar / nullif(tiltak.antall, 0) as verdi,
        'kroner ' || getvariable('report_year') as enhet,
        utgifter.brutto_1000_kr * 1000 * deflator.faktor_til_rapportaar as teller,
        tiltak.antall as nevner,
        concat_ws('; ',
            case when utgifter.symboler is not null
                then 'SSB 12362 viser symbol i stedet for tall for ' || utgifter.symboler || ': ingen verdi' end,
            case when tiltak.symboler is not null
                then 'SSB 12275 viser symbol i stedet for tall for ' || tiltak.symboler || ': ingen verdi' end,
            case when tiltak.kommune_kode is null
                then 'mangler barn med tiltak (SSB 12275) for funksjon ' || utgifter.funksjon || ': ingen verdi' end,
            case when tiltak.antall = 0 then 'ingen barn med tiltak på funksjonen: ingen verdi' end,
            case when deflator.faktor_til_rapportaar is null
                then 'mangler kommunal deflator for ' || utgifter.aar || ': ingen verdi' end,
            case when utgifter.koder <> utgifter.kommune_kode
                then 'tall for kommunenummer ' || utgifter.koder || ' omregnet til kommunestrukturen '
                    || getvariable('report_year') end
        ) as merknad
    from utgifter
    left join tiltak
        on tiltak.kommune_kode = utgifter.kommune_kode
        and tiltak.aar = utgifter.aar
        and tiltak.funksjon = utgifter.funksjon
        and tiltak.maal = 'i_lopet_av_aaret'
    left join deflator on deflator.aar = utgifter.aar
)

select
    getvariable('report_year') as report_year,
    maal,
    kommune_kode as kommunenummer,
    cast(aar as integer) as aar,
    cast(verdi as double) as verdi,
    enhet,
    cast(teller as double) as teller,
    cast(nevner as double) as nevner,
    nullif(merknad, '') as merknad
from (select * from andeler union all by name select * from per_barn)
order by maal, kommunenummer, aar
