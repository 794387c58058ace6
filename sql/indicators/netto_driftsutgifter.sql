-- indicators.netto_driftsutgifter
-- One row: one kommune of the report year's structure, one KOSTRA function (244/251/252) and one
-- year: netto driftsutgifter (art AGD2) in 1 000 nominal kroner and in 1 000 report-year kroner
-- (kommunal deflator, the report's vintage and the latest), with the kommune's befolkningskategori
-- in the structure year (fixed over time, so that groups keep their members).
-- Suppressed cells (README, "Status symbols"): a kommune's number is the sum of all its parts or
-- nothing. A part SSB publishes as '..', '...' or ':' makes the kommune-year NULL instead of too low,
-- and `symboler` names the parts and their symbols; '.' (a code not in use that year) is not a part.
--
-- Columns:
--   kommune_kode: the kommune's code in the report year's structure (older codes mapped, indicators.kommunestruktur)
--   kommune_navn: the kommune's name in the structure year
--   funksjon: the KOSTRA function: 244, 251 or 252
--   aar: the accounting year [år]
--   er_oslo: true for Oslo (0301), which the report leaves out of KOSTRA spending
--   befolkningskategori: the kommune's befolkningskategori in the structure year (SSB classification 115), the same in
--         every year
--   befolkningskategori_navn: the category's name
--   netto_1000_kr: netto driftsutgifter (art AGD2) in nominal kroner of the year; NULL where a part is a symbol [1 000
--         kr]
--   faktor_til_rapportaar: the deflator factor that turns the year's kroner into report-year kroner (the report's
--         vintage)
--   netto_1000_kr_fast: netto_1000_kr in report-year kroner (the report's deflator vintage) [1 000 kr, rapportårets
--         kroner]
--   netto_1000_kr_fast_siste_deflator: the same with the latest deflator vintage [1 000 kr, rapportårets kroner]
--   celler_med_symbol: the kommune's parts (old codes) that year that SSB shows as a symbol
--   symboler: the parts and their symbols, named; NULL where none
--   funksjoner_for_kommune_aar: functions the kommune has a row for that year (a check)
with mapped as (
    select
        struktur.kommune_kode,
        any_value(struktur.kommune_navn) as kommune_navn,
        utgifter.funksjon,
        utgifter.aar,
        case when count(*) filter (where utgifter.belop_1000_kr is null and utgifter.status is distinct from '.') = 0
            then sum(utgifter.belop_1000_kr * struktur.andel) end as netto_1000_kr,
        count(*) filter (where utgifter.belop_1000_kr is null and utgifter.status is distinct from '.') as celler_med_symbol,
        string_agg(
            case when utgifter.region_kode <> struktur.kommune_kode then utgifter.region_kode || ' ' else '' end
            || '«' || coalesce(utgifter.status, 'tom') || '»', ', ' order by utgifter.region_kode
        ) filter (where utgifter.belop_1000_kr is null and utgifter.status is distinct from '.') as symboler
    from staging.kostra_utgifter as utgifter
    inner join indicators.kommunestruktur as struktur
        on struktur.report_year = getvariable('report_year')
        and struktur.region_kode = utgifter.region_kode
        and struktur.aar = utgifter.aar
    where utgifter.region_type = 'kommune'
        and utgifter.art = 'AGD2'
        -- a report year's data end the year before it: later years in the snapshot are not its
        and utgifter.aar < getvariable('report_year')
    group by struktur.kommune_kode, utgifter.funksjon, utgifter.aar
),

structure_year_category as (
    select
        kommune_kode,
        befolkningskategori,
        befolkningskategori_navn
    from indicators.befolkningskategori
    where report_year = getvariable('report_year')
        and aar = (
            select max(aar) from indicators.befolkningskategori
            where report_year = getvariable('report_year') and aar <= getvariable('report_year')
        )
),

deflator as (
    select aar, faktor_til_rapportaar, faktor_til_rapportaar_siste
    from indicators.deflator
    where report_year = getvariable('report_year')
)

select
    getvariable('report_year') as report_year,
    mapped.kommune_kode,
    mapped.kommune_navn,
    mapped.funksjon,
    mapped.aar,
    mapped.kommune_kode = '0301' as er_oslo,
    kategori.befolkningskategori,
    kategori.befolkningskategori_navn,
    mapped.netto_1000_kr,
    deflator.faktor_til_rapportaar,
    mapped.netto_1000_kr * deflator.faktor_til_rapportaar as netto_1000_kr_fast,
    mapped.netto_1000_kr * deflator.faktor_til_rapportaar_siste as netto_1000_kr_fast_siste_deflator,
    mapped.celler_med_symbol,
    mapped.symboler,
    count(*) over (partition by mapped.kommune_kode, mapped.aar) as funksjoner_for_kommune_aar
from mapped
left join structure_year_category as kategori on kategori.kommune_kode = mapped.kommune_kode
left join deflator on deflator.aar = mapped.aar
order by mapped.kommune_kode, mapped.funksjon, mapped.aar
