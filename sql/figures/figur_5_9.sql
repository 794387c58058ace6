-- figures/figur_5_9: the numbers behind figure 5-9.
-- One row: the country (Hele landet: Bufetat as a whole, panel A) or one Bufetat region (panel B) at one
-- of the two latest reference dates (31.08 of the year before and of the report year): children waiting
-- for a fosterhjem by days waited, and the count.
select
    referansedato,
    region,
    under_30_dager,
    "30_90_dager",
    "91_180_dager",
    over_180_dager,
    i_alt
from indicators.ventetid_fosterhjem_intervall
where report_year = getvariable('report_year')
order by referansedato, region <> 'Hele landet', region
