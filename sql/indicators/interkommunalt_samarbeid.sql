-- indicators.interkommunalt_samarbeid
-- One row: one befolkningskategori: how many kommuner of the report year's structure it has, how many
-- the Bufdir file reports in a formal inter-municipal child-welfare cooperation, and the share of all
-- kommuner in the category (figure 6-1, whose N are all kommuner). A kommune the file does not list
-- counts as not in a cooperation, and `ikke_i_filen` says how many those are. Categories by inhabitants
-- on 1 January of the structure year. Only the file's latest overview (`per_dato`) counts here; earlier
-- ones are compared in indicators.interkommunale_samarbeid_oversikt.
--
-- Columns:
--   befolkningskategori: the befolkningskategori (by inhabitants on 1 January of the structure year)
--   befolkningskategori_navn: the category's name
--   kommuner: kommuner of the report year's structure in the category (figure 6-1's N) [kommuner]
--   i_samarbeid: of them, those the Bufdir file's latest overview reports in a formal inter-municipal cooperation
--         [kommuner]
--   andel_prosent: i_samarbeid as a share of kommuner [prosent]
--   ikke_i_filen: kommuner the file does not list (counted as not in a cooperation) [kommuner]
--   per_dato: the date of the overview counted (the file's latest)
--   kommuner_uten_kategori: kommuner of the file that match no kommune of the structure (checked: 0) [kommuner]
with categories as (
    select kommune_kode, befolkningskategori, befolkningskategori_navn
    from indicators.befolkningskategori
    where report_year = getvariable('report_year')
        and aar = (
            select max(aar) from indicators.befolkningskategori
            where report_year = getvariable('report_year') and aar <= getvariable('report_year')
        )
),

answers as (
    select kommunenummer, formelt_samarbeid = 'ja' as i_samarbeid, per_dato
    from raw.bufdir_interkommunale_samarbeid
    -- the latest overview up to the end of the report year: a rerun with a newer file gives the same report
    where per_dato = (select max(per_dato) from raw.bufdir_interkommunale_samarbeid
                      where per_dato <= make_date(getvariable('report_year'), 12, 31))
),

unmatched as (
    select count(*) as kommuner_uten_kategori
    from answers
    left join categories on categories.kommune_kode = answers.kommunenummer
    where categories.kommune_kode is null
)

select
    getvariable('report_year') as report_year,
    categories.befolkningskategori,
    any_value(categories.befolkningskategori_navn) as befolkningskategori_navn,
    count(*) as kommuner,
    count(*) filter (where answers.i_samarbeid) as i_samarbeid,
    100.0 * count(*) filter (where answers.i_samarbeid) / count(*) as andel_prosent,
    count(*) filter (where answers.kommunenummer is null) as ikke_i_filen,
    (select max(per_dato) from answers) as per_dato,
    any_value(unmatched.kommuner_uten_kategori) as kommuner_uten_kategori
from categories
left join answers on answers.kommunenummer = categories.kommune_kode
cross join unmatched
group by categories.befolkningskategori
order by categories.befolkningskategori
