-- figures/hovedtall_rammetilskudd: the numbers behind the headline chart.
-- One row: one reform year up to the report year's data year: the rise in municipal spending and in the
-- rammetilskudd tied to the reform since the year before the reform, in million report-year kroner,
-- the difference (also under the latest deflator vintage), and the notes where an SSB symbol moved them.
select
    aar as "år",
    utgiftsokning_mill_kr,
    rammetilskudd_okning_mill_kr,
    differanse_mill_kr,
    differanse_siste_deflator_mill_kr,
    basisaar,
    deflator_as_of,
    merknad_symboler
from indicators.rammetilskudd_sammenligning
where report_year = getvariable('report_year')
order by aar
