-- report/kommuneprofiler: spending per inhabitant 0-17 on a kommune's profile page.
-- One row: one kommune of the report year's structure, one KOSTRA function (244, 251, 252) and one year:
-- netto driftsutgifter (indicators.netto_driftsutgifter, report-year kroner with the kommunal deflator) per
-- inhabitant 0-17 on 1 January of the next year (31.12 of the year, as KOSTRA counts; SSB 07459 by way of
-- indicators.asss_befolkning), beside the kommune's befolkningskategori and the country, each the sum of
-- spending over the sum of inhabitants 0-17 of the kommuner with a number (Oslo included in the country,
-- left out of every kategori average: it does Bufetat's tasks itself and so spends on what others do not).
with barn as (
    select kommune_kode, aar - 1 as aar, personer
    from indicators.asss_befolkning
    where report_year = getvariable('report_year') and alder = '0-17'
),

utgifter as (
    select
        netto.kommune_kode, netto.funksjon, netto.aar, netto.befolkningskategori, netto.er_oslo,
        netto.netto_1000_kr_fast * 1000 as kroner, barn.personer as barn_0_17, netto.symboler
    from indicators.netto_driftsutgifter as netto
    left join barn on barn.kommune_kode = netto.kommune_kode and barn.aar = netto.aar
    where netto.report_year = getvariable('report_year')
),

med_tall as (
    select * from utgifter where kroner is not null and barn_0_17 > 0
),

kategori as (
    select funksjon, aar, befolkningskategori, sum(kroner) / sum(barn_0_17) as per_barn, count(*) as kommuner
    from med_tall
    where not er_oslo
    group by funksjon, aar, befolkningskategori
),

landet as (
    select funksjon, aar, sum(kroner) / sum(barn_0_17) as per_barn, count(*) as kommuner
    from med_tall
    group by funksjon, aar
)

select
    utgifter.kommune_kode,
    utgifter.funksjon,
    utgifter.aar,
    utgifter.kroner / nullif(utgifter.barn_0_17, 0) as per_barn,
    kategori.per_barn as kategori_per_barn,
    landet.per_barn as landet_per_barn,
    nullif(concat_ws('; ',
        case when utgifter.kroner is null then 'SSB viser symbol: ' || coalesce(utgifter.symboler, 'ingen tall') end,
        case when utgifter.barn_0_17 is null then 'mangler innbyggere 0–17 år 1.1.' || (utgifter.aar + 1) end), '')
        as merknad
from utgifter
left join kategori
    on kategori.funksjon = utgifter.funksjon and kategori.aar = utgifter.aar
    and kategori.befolkningskategori = utgifter.befolkningskategori
left join landet on landet.funksjon = utgifter.funksjon and landet.aar = utgifter.aar
order by utgifter.kommune_kode, utgifter.funksjon, utgifter.aar
