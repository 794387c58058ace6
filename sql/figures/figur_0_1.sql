-- figures/figur_0_1: the numbers behind figure 0-1.
-- One row: one year: the children 0-24 (0-22 up to 2020) with hjelpetiltak, with omsorgstiltak and with
-- any measure per 31.12, per 1 000 of the age group: SSB's own rate in 09050 where it publishes one
-- (`kilde` 'SSB 09050'), else count ÷ population; beside it the computed rate of all measures (the sum of
-- the age groups ÷ 07459 on 1 January the year after) and the population. The footnote says how far
-- SSB's rate is from the computed one (read from the indicator table).
select
    aar as "år",
    aldersgruppe,
    max(per_1000_per_31_12) filter (where tiltak = 'hjelpetiltak') as hjelpetiltak,
    max(per_1000_per_31_12) filter (where tiltak = 'omsorgstiltak') as omsorgstiltak,
    max(per_1000_per_31_12) filter (where tiltak = 'i_alt') as i_alt,
    case when bool_and(per_1000_kilde = 'SSB 09050') then 'SSB 09050' else 'beregnet: 09050 / 07459' end as kilde,
    max(per_1000_beregnet) filter (where tiltak = 'i_alt') as i_alt_beregnet,
    max(befolkning) as befolkning
from indicators.barn_med_tiltak
where report_year = getvariable('report_year') and aldersgruppe in ('0-22', '0-24')
group by all
order by aar
