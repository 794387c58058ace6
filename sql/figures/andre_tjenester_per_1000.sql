-- figures/figur_0_9, figures/figur_0_10: the numbers behind the two figures of each measure over time,
-- one category each (getvariable('kategori'): nettverk for 0-9, undersoking for 0-10).
-- One row: one measure of the category and one year: measures per 31.12 in the country per 1 000
-- inhabitants in the age group (0-24, 0-22 up to 2020), with the count.
select
    aar as "år",
    tiltak,
    tiltak_navn,
    per_1000,
    antall,
    aldersgruppe
from indicators.andre_tjenester_tiltak
where report_year = getvariable('report_year') and kategori = getvariable('kategori')
order by tiltak, aar
