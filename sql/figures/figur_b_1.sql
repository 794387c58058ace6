-- figures/figur_b_1: the numbers behind figure B-1 of vedlegg B.
-- One row: one type of fosterhjem (i_familie, utenom_familie) and one year: children 0-17 with at least one
-- move since their first placement, among the children who lived in such a fosterhjem during the year.
select
    aar as "år",
    type,
    minst_en_flytting,
    barn
from indicators.flyttinger_fosterhjem
where report_year = getvariable('report_year')
order by type, aar
