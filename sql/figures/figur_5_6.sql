-- figures/figur_5_6: the numbers behind figure 5-6.
-- One row: one year and one type of placement (beredskapsheim, mellombels_heim): the children 0-17
-- placed there per 31.12. Long form: mellombels heim, a category from 2021, has no rows before it
-- existed rather than missing values.
select
    aar as "år",
    plassering,
    antall
from (
    unpivot (
        select aar, beredskapsheim, mellombels_heim
        from indicators.plasseringstiltak
        where report_year = getvariable('report_year') and aldersgruppe = '0-17' and tiltak = 'i_alt'
    ) on beredskapsheim, mellombels_heim into name plassering value antall
)
where antall is not null
order by plassering, aar
