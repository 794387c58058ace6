-- figures/figur_5_11: the numbers behind figure 5-11.
-- One row: one year before the report year and one part (`del`): total public net spending on child
-- welfare in billion report-year kroner, the kommuner's (244+251+252 without Oslo) every year, the
-- state's (Bufetat gross minus egenandeler received) and the sum of both only where Bufdir has figures
-- for the year, with the note where an SSB symbol changed the municipal part (a sum over kommuner that
-- lacks some). A year without state figures is a municipal-only bar, footnoted, never a state part of 0.
select "år", del, mrd_kr, merknad_symboler
from (
    select aar as "år", 'kommune' as del, kommune_mrd_kr as mrd_kr, merknad_symboler
    from indicators.offentlige_netto_driftsutgifter
    where report_year = getvariable('report_year')
    union all
    select aar, 'stat', stat_mrd_kr, null
    from indicators.offentlige_netto_driftsutgifter
    where report_year = getvariable('report_year') and stat_mrd_kr is not null
    union all
    select aar, 'samlet', samlet_mrd_kr, null
    from indicators.offentlige_netto_driftsutgifter
    where report_year = getvariable('report_year') and samlet_mrd_kr is not null
)
order by "år", del
