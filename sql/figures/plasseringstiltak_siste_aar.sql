-- figures/figur_5_3, figures/figur_5_4: the numbers behind the two figures of the last data year by type
-- of placement, one age group each (getvariable('aldersgruppe_nokkel'): 0_17 for 5-3, 18_24 for 5-4).
-- One row: one type of placement and one of omsorgstiltak/hjelpetiltak in the last data year: the
-- children of the age group with that plasseringstiltak per 31.12. A tiltak with no child in any type
-- (no omsorgstiltak at 18-24) has no rows: the figure's footnote says so instead of drawing zeros.
-- «Uoppgitt plasseringstiltak» is not drawn either: the footnote gives its number.
select aar, aldersgruppe, tiltak, plassering, antall
from (
    unpivot (
        select aar, aldersgruppe, tiltak, fosterheim, institusjon, beredskapsheim, mellombels_heim, bustad
        from indicators.plasseringstiltak
        where report_year = getvariable('report_year')
          and aldersgruppe_nokkel = getvariable('aldersgruppe_nokkel')
          and tiltak in ('hjelpetiltak', 'omsorgstiltak')
          and aar = (select max(aar) from indicators.plasseringstiltak where report_year = getvariable('report_year'))
    ) on fosterheim, institusjon, beredskapsheim, mellombels_heim, bustad into name plassering value antall
)
qualify sum(coalesce(antall, 0)) over (partition by tiltak) > 0
-- the placement types in the order SSB's table gives them (the columns unpivoted above)
order by tiltak, case plassering when 'fosterheim' then 1 when 'institusjon' then 2 when 'beredskapsheim' then 3
                                 when 'mellombels_heim' then 4 when 'bustad' then 5 end
