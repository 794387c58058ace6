-- figures/figur_5_8: the numbers behind figure 5-8.
-- One row: one period up to the report year's cut-off (the report year itself "per april"): the mean and
-- median days children in the whole country waited for a fosterhjem from Bufetat after the wished start date.
select
    periode,
    gjennomsnitt_ventedager,
    median_ventedager
from indicators.ventetid_fosterhjem
where report_year = getvariable('report_year') and region = 'Hele landet'
order by periode_slutt
