-- figures/figur_0_4: the numbers behind figure 0-4.
-- One row: one measure (beredskapsheim, mellombels_heim) and one year: children 0-17 with the measure
-- during the year, the sum of the age groups.
select
    aar as "år",
    tiltak,
    sum(antall) as antall
from indicators.tiltak_etter_alder
where report_year = getvariable('report_year') and maal = 'i_lopet_av_aret'
    and tiltak in ('beredskapsheim', 'mellombels_heim')
    and antall is not null
group by aar, tiltak
order by tiltak, aar
