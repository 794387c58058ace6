-- figures/figur_5_11: the numbers behind figure 5-11.
-- One row: one year before the report year with Bufdir figures: total public net spending on child
-- welfare in billion report-year kroner, the state's part and the kommuner's, with the note where an SSB
-- symbol changed the municipal part (a sum over kommuner that lacks some).
select
    aar as "år",
    stat_mrd_kr,
    kommune_mrd_kr,
    samlet_mrd_kr,
    merknad_symboler
from indicators.offentlige_netto_driftsutgifter
where report_year = getvariable('report_year') and stat_mrd_kr is not null
order by aar
