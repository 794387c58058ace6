-- figures/figur_0_5: the numbers behind figure 0-5.
-- One row: one year and one type of placement: the children 0-17 placed under an akuttiltak per 31.12.
-- Long form: a type not in use in a year (mellombels heim before 2021) has no row, not a zero. Bolig
-- med oppfølging is not drawn (a handful of cases at most): the figure's footnote gives its years and counts.
select
    aar as "år",
    plassering,
    antall
from (
    unpivot (
        select aar, beredskapsheim, institusjon, fosterheim, mellombels_heim
        from indicators.akuttiltak_etter_plassering
        where report_year = getvariable('report_year')
    ) on beredskapsheim, institusjon, fosterheim, mellombels_heim into name plassering value antall
)
where antall is not null
order by aar, plassering
