-- figures/figur_5_7: the numbers behind figure 5-7.
-- One row: one period up to the report year's cut-off (the report year itself "per april"): children in
-- the whole country waiting for a fosterhjem from Bufetat at the end of the period and during it.
select
    periode,
    barn_som_venter_ved_periodeslutt,
    barn_som_har_ventet_i_perioden
from indicators.ventetid_fosterhjem
where report_year = getvariable('report_year') and region = 'Hele landet'
order by periode_slutt
