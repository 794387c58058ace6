-- figures/figur_b_1: the numbers behind the figure of vedlegg B.
-- One row: one type of fosterhjem (i_familie, utenom_familie, beredskapsheim) and one year: children who
-- lived in such a fosterhjem during the year, those with at least one move since their first placement,
-- and their share (0-1).
select
    aar as "år",
    type,
    minst_en_flytting,
    barn,
    andel
from indicators.flyttinger_fosterhjem
where report_year = getvariable('report_year') and type in ('i_familie', 'utenom_familie', 'beredskapsheim')
order by type, aar
