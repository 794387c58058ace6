-- figures/figur_b_2: the numbers behind figure B-2 of vedlegg B.
-- One row: one type of fosterhjem (i_familie, utenom_familie) and one year: the share (per cent) of the
-- children 0-17 who lived in such a fosterhjem during the year with at least one move since their first
-- placement, and the two counts it is computed from.
select
    aar as "år",
    type,
    100 * andel as andel_prosent,
    minst_en_flytting,
    barn
from indicators.flyttinger_fosterhjem
where report_year = getvariable('report_year')
order by type, aar
