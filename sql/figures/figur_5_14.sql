-- figures/figur_5_14: the numbers behind figure 5-14.
-- One row: one year and one KOSTRA function: the country's netto driftsutgifter without Oslo in
-- billion report-year kroner (the column is named for the kroner year, mrd_kr_<report year>), with
-- the note where an SSB symbol changed the number.
select
    aar as "år",
    funksjon,
    uten_oslo_1000_kr_fast / 1e6 as mrd_kr,
    merknad_symboler_uten_oslo as merknad_symboler
from indicators.netto_driftsutgifter_landet
where report_year = getvariable('report_year')
order by aar, funksjon
