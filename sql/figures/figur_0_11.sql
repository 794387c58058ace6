-- figures/figur_0_11: the numbers behind figure 0-11.
-- One row: one whole year before the report year: days of stay in sentre for foreldre og barn, Bufetat
-- as a whole, in state and in private sentre and both together.
select
    aar as "år",
    max(oppholdsdager) filter (where eierskap = 'statlig') as statlige_sentre,
    max(oppholdsdager) filter (where eierskap = 'privat') as private_sentre,
    max(oppholdsdager) filter (where eierskap = 'i_alt') as i_alt
from indicators.oppholdsdager_sentre
where report_year = getvariable('report_year') and region = 'Hele landet'
group by aar
order by aar
