-- figures/figur_5_10: the numbers behind figure 5-10.
-- One row: one year: the country's measures per 31.12 in the two categories of cooperation with other
-- services (nettverk, undersoking), all measures (i_alt) and the two categories' share of them in percent.
select
    aar as "år",
    nettverk,
    undersoking,
    i_alt,
    andel_av_alle_tiltak
from indicators.andre_tjenester_kategorier
where report_year = getvariable('report_year') and region = 'Hele landet'
order by aar
