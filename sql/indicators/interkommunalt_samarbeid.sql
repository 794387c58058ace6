-- indicators.interkommunalt_samarbeid
-- One row: one befolkningskategori: how many kommuner of the report year's structure it has in the
-- Bufdir file, how many are in a formal inter-municipal child-welfare cooperation, and the share
-- (figure 6-1). Categories by inhabitants on 1 January of the structure year.
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
    max(answers.per_dato) as per_dato,
    any_value(unmatched.kommuner_uten_kategori) as kommuner_uten_kategori
from answers
inner join categories on categories.kommune_kode = answers.kommunenummer
cross join unmatched
group by categories.befolkningskategori
order by categories.befolkningskategori
