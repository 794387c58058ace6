-- indicators.flyttinger_fosterhjem
-- One row: one year and one type of fosterhjem, fosterhjem i or utenom familie og nære nettverk (not
-- beredskapshjem, and not SSB's total, which includes it): children 0-17 who lived in it during the year
-- (`barn`), those with at least one move since their first placement, and their share (SSB 13353;
-- figures B-1 and B-2 of vedlegg B).
--
-- Columns:
--   aar: the year counted (children during the year) [år]
--   type: i_familie or utenom_familie (fosterhjem i / utenom familie og nære nettverk)
--   alder: the age group's key: 0_17
--   fosterheimstype_navn: SSB's label of the type
--   barn: children 0-17 who lived in that type of fosterhjem during the year (SSB 13353) [barn]
--   minst_en_flytting: of them, those with at least one move since their first placement [barn]
--   andel: minst_en_flytting as a share of barn [andel 0-1]
--   verdier_per_nokkel: SSB values matched to one key (checked: 1)
select
    getvariable('report_year') as report_year,
    aar,
    type,
    alder,
    any_value(fosterheimstype_navn) as fosterheimstype_navn,
    max(antall) filter (where maal = 'barn') as barn,
    max(antall) filter (where maal = 'minst_en_flytting') as minst_en_flytting,
    max(antall) filter (where maal = 'minst_en_flytting') / max(antall) filter (where maal = 'barn') as andel,
    -- more than one SSB value behind a key means a label was matched too widely
    greatest(count(*) filter (where maal = 'barn'), count(*) filter (where maal = 'minst_en_flytting'))
        as verdier_per_nokkel
from staging.flyttinger
where type in ('i_familie', 'utenom_familie') and alder = '0_17' and aar < getvariable('report_year')
group by aar, type, alder
order by aar, type
