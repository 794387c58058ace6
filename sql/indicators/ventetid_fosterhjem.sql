-- indicators.ventetid_fosterhjem
-- One row: one period and one region: children waiting for a fosterhjem from Bufetat at the end of
-- the period and during it, and the mean and median days waited after the wished start date
-- (Bufdir). The report year's own figures are "per april": periods ending after 30 April of the report
-- year belong to a later report, so that a rerun with a newer file gives the same report.
--
-- Columns:
--   periode: the period as the Bufdir file names it
--   periode_slutt: the period's last day
--   region: the Bufetat region, or Hele landet
--   barn_som_venter_ved_periodeslutt: children waiting for a fosterhjem from Bufetat at the end of the period [barn]
--   barn_som_har_ventet_i_perioden: children who waited at some time during the period [barn]
--   gjennomsnitt_ventedager: mean days waited after the wished start date [dager]
--   median_ventedager: median days waited after the wished start date [dager]
--   forelopig: true for a period of the report year itself (provisional: "per april")
--   fil: the Bufdir file the row was read from
select
    getvariable('report_year') as report_year,
    periode,
    periode_slutt,
    region,
    barn_som_venter_ved_periodeslutt,
    barn_som_har_ventet_i_perioden,
    gjennomsnitt_ventedager,
    median_ventedager,
    year(periode_slutt) = getvariable('report_year') as forelopig,
    fil
from raw.bufdir_ventetid_fosterhjem
where periode_slutt <= make_date(getvariable('report_year'), 4, 30)
order by periode_slutt, region
