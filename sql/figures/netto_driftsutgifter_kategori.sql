-- figures/figur_5_15, figures/figur_5_16, figures/figur_5_17: the numbers behind the three figures by
-- befolkningskategori, one KOSTRA function each (getvariable('funksjon'): 244, 251, 252).
-- One row: one befolkningskategori and one year: netto driftsutgifter without Oslo in million
-- report-year kroner (mill_kr_<report year>), the kommuner in the group, and the note naming the
-- kommuner a balanced panel left out.
select
    aar as "år",
    befolkningskategori,
    befolkningskategori_navn,
    netto_mill_kr_fast as mill_kr,
    kommuner_med_tall,
    merknad_symboler
from indicators.netto_driftsutgifter_kategori
where report_year = getvariable('report_year') and funksjon = getvariable('funksjon')
order by befolkningskategori, aar
