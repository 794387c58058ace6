-- figures/figur_5_5, figures/figur_5_6: the numbers behind the two figures of placement types over time,
-- two types each (getvariable('plassering_a'), getvariable('plassering_b'): fosterheim and institusjon
-- for 5-5, beredskapsheim and mellombels_heim for 5-6).
-- One row: one year and one type of placement: the children 0-17 placed there per 31.12. Long form: a
-- type with no number in a year (mellombels heim before 2021) has no row rather than a missing value.
select
    aar as "år",
    plassering,
    antall
from (
    unpivot (
        select aar, fosterheim, institusjon, beredskapsheim, mellombels_heim
        from indicators.plasseringstiltak
        where report_year = getvariable('report_year') and aldersgruppe = '0-17' and tiltak = 'i_alt'
    ) on fosterheim, institusjon, beredskapsheim, mellombels_heim into name plassering value antall
)
where antall is not null and plassering in (getvariable('plassering_a'), getvariable('plassering_b'))
order by plassering, aar
