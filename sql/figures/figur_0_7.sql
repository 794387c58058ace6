-- figures/figur_0_7: the numbers behind figure 0-7.
-- One row: one SSB region (a barnevernsregion, or Oslo) and one of the last two data years: the two
-- categories of cooperation with other services per 31.12, per 1 000 inhabitants of the region in the
-- age group (0-24, 0-22 up to 2020), with the counts and the inhabitants they are per.
select
    aar as "år",
    region,
    barnevernsregion,
    per_1000_nettverk,
    per_1000_undersoking,
    nettverk,
    undersoking,
    befolkning,
    aldersgruppe
from indicators.andre_tjenester_kategorier
where report_year = getvariable('report_year') and region <> 'Hele landet'
    and aar >= (
        select max(aar) - 1
        from indicators.andre_tjenester_kategorier
        where report_year = getvariable('report_year')
    )
order by region, aar
