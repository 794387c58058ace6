-- indicators.rammetilskudd_poster
-- One row: one rammetilskudd item tied to the reform, with the conversion from the kroner year it is
-- stated in to report-year kroner written out, under the report's deflator vintage and the latest.
--
-- Columns:
--   post: the item's key (reference.rammetilskudd_barnevernsreform)
--   beskrivelse: what the increase is for
--   fra_aar: the budget year it applies from [år]
--   mill_kr: the increase as stated, in the kroner of kroneaar [mill. kr]
--   kroneaar: the year whose kroner the amount is stated in [år]
--   faktor: the deflator factor from kroneaar to the report year (the report's vintage)
--   mill_kr_fast: the increase in report-year kroner [mill. kr, rapportårets kroner]
--   faktor_siste_deflator: the factor by the latest deflator vintage
--   mill_kr_fast_siste_deflator: the increase in report-year kroner by the latest vintage [mill. kr, rapportårets
--         kroner]
--   i_hovedtall: true when the headline counts the item
--   kilde: the document the item is taken from
select
    getvariable('report_year') as report_year,
    poster.item as post,
    poster.description as beskrivelse,
    poster.from_year as fra_aar,
    poster.amount_mill_kr as mill_kr,
    poster.kroner_year as kroneaar,
    deflator.faktor_til_rapportaar as faktor,
    poster.amount_mill_kr * deflator.faktor_til_rapportaar as mill_kr_fast,
    deflator.faktor_til_rapportaar_siste as faktor_siste_deflator,
    poster.amount_mill_kr * deflator.faktor_til_rapportaar_siste as mill_kr_fast_siste_deflator,
    poster.in_headline as i_hovedtall,
    poster.source_document as kilde
from reference.rammetilskudd_barnevernsreform as poster
left join indicators.deflator as deflator
    on deflator.report_year = getvariable('report_year')
    and deflator.aar = poster.kroner_year
where poster.from_year <= getvariable('report_year')
order by poster.from_year, poster.item
