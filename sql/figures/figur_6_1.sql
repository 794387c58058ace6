-- figures/figur_6_1: the numbers behind figure 6-1.
-- One row: one befolkningskategori: the kommuner in it, those in a formal inter-municipal cooperation on
-- child welfare, their share in percent, and the date the Bufdir file states it for.
select
    befolkningskategori,
    befolkningskategori_navn,
    kommuner,
    i_samarbeid,
    andel_prosent,
    per_dato
from indicators.interkommunalt_samarbeid
where report_year = getvariable('report_year')
order by befolkningskategori
