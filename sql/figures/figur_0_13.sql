-- figures/figur_0_13: the numbers behind figure 0-13.
-- One row: one whole year before the report year and one Bufetat region: days of stay in sentre for
-- foreldre og barn, state and private sentre together.
select
    aar as "år",
    region,
    oppholdsdager
from indicators.oppholdsdager_sentre
where report_year = getvariable('report_year') and region <> 'Hele landet' and eierskap = 'i_alt'
order by aar, region
