-- indicators.beredskapshjem_avsluttede
-- One row: one year up to the report year: beredskapshjem placements that ended that year, their
-- mean and median length in days, how many there were, and the number of kommuner whose children they
-- are (the N of the figure's footnote) (Bufdir; figure 0-6). Years before the
-- report year are whole years (an empty `periode_slutt` means one); the report year's row, where the
-- file has one, covers the year up to `periode_slutt` (the report shows it "per 2. kvartal").
-- `periode_som_ventet` is false where a past year is not whole or a date lies outside its year.
--
-- Columns:
--   aar: the year the placements ended [år]
--   periode_slutt: the last day of the period counted (31 December, or the report year's cut-off)
--   hele_aar: true when the period is the whole year
--   periode_som_ventet: false where a past year is not whole or a date lies outside its year (checked)
--   gjennomsnitt_dager: mean length of the ended placements [dager]
--   median_dager: median length of the ended placements [dager]
--   antall_avsluttede: beredskapshjem placements that ended [plasseringer]
--   antall_kommuner: kommuner whose children the placements were (the N of figure 0-6's footnote) [kommuner]
--   fil: the Bufdir file the row was read from
with rows as (
    select *, coalesce(periode_slutt, make_date(aar, 12, 31)) as slutt  -- empty: a whole year
    from raw.bufdir_beredskapshjem_avsluttede
    where aar <= getvariable('report_year')
)

select
    getvariable('report_year') as report_year,
    aar,
    slutt as periode_slutt,
    slutt = make_date(aar, 12, 31) as hele_aar,
    case
        when aar < getvariable('report_year') then slutt = make_date(aar, 12, 31)
        else year(slutt) = aar
    end as periode_som_ventet,
    gjennomsnitt_dager,
    median_dager,
    antall_avsluttede,
    antall_kommuner,
    fil
from rows
order by aar
