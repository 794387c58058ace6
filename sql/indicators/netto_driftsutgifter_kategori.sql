-- indicators.netto_driftsutgifter_kategori
-- One row: one KOSTRA function, one befolkningskategori and one year: netto driftsutgifter of the
-- kommuner in that category (category in the structure year), without Oslo, in million report-year
-- kroner (figures 5-15 to 5-17).
select
    getvariable('report_year') as report_year,
    funksjon,
    befolkningskategori,
    any_value(befolkningskategori_navn) as befolkningskategori_navn,
    aar,
    sum(netto_1000_kr_fast) / 1000 as netto_mill_kr_fast,
    sum(netto_1000_kr) / 1000 as netto_mill_kr_lopende,
    count(*) filter (where netto_1000_kr is not null) as kommuner_med_tall
from indicators.netto_driftsutgifter
where report_year = getvariable('report_year')
    and not er_oslo
group by funksjon, befolkningskategori, aar
order by funksjon, befolkningskategori, aar
