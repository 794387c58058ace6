-- figures/figur_0_8: the numbers behind figure 0-8.
-- One row: one measure within the two categories of cooperation with other services, in the last data
-- year: its count per 31.12 in the country; largest first within each category.
select
    aar as "år",
    kategori,
    tiltak,
    tiltak_navn,
    antall
from indicators.andre_tjenester_tiltak
where report_year = getvariable('report_year')
    and aar = (
        select max(aar)
        from indicators.andre_tjenester_tiltak
        where report_year = getvariable('report_year')
    )
order by kategori, antall desc
