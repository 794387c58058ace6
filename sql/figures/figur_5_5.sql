-- figures/figur_5_5: the numbers behind figure 5-5.
-- One row: one year and one type of placement (fosterheim, institusjon): the children 0-17 placed there
-- per 31.12. Long form: a type with no number in a year has no row rather than a missing value.
select
    aar as "år",
    plassering,
    antall
from (
    unpivot (
        select aar, fosterheim, institusjon
        from indicators.plasseringstiltak
        where report_year = getvariable('report_year') and aldersgruppe = '0-17' and tiltak = 'i_alt'
    ) on fosterheim, institusjon into name plassering value antall
)
where antall is not null
order by plassering, aar
