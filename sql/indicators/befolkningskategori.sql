-- indicators.befolkningskategori
-- One row: one kommune of the report year's structure and one year: its inhabitants on 1 January
-- (SSB 07459, older codes mapped to the report year's kommuner) and its befolkningskategori (SSB
-- classification 115). Svalbard, the continental shelf and unknown residence are not kommuner and
-- are left out (region_type <> 'kommune').
--
-- Columns:
--   kommune_kode: the kommune's code in the report year's structure
--   aar: the year, per 1 January [år]
--   innbyggere: the kommune's inhabitants on 1 January (SSB 07459, older codes mapped) [personer]
--   befolkningskategori: the befolkningskategori by those inhabitants (SSB classification 115)
--   befolkningskategori_navn: the category's name
with innbyggere as (
    select
        struktur.kommune_kode,
        befolkning.aar,
        sum(befolkning.personer * struktur.andel) as innbyggere
    from staging.befolkning as befolkning
    inner join indicators.kommunestruktur as struktur
        on struktur.report_year = getvariable('report_year')
        and struktur.region_kode = befolkning.region_kode
        and struktur.aar = befolkning.aar
    where befolkning.region_type = 'kommune'
        and befolkning.personer is not null
    group by struktur.kommune_kode, befolkning.aar
)

select
    getvariable('report_year') as report_year,
    innbyggere.kommune_kode,
    innbyggere.aar,
    cast(round(innbyggere.innbyggere) as bigint) as innbyggere,
    kategori.kategori as befolkningskategori,
    kategori.navn as befolkningskategori_navn
from innbyggere
left join reference.befolkningskategori as kategori
    on round(innbyggere.innbyggere) >= kategori.min_innbyggere
    and (kategori.max_innbyggere is null or round(innbyggere.innbyggere) <= kategori.max_innbyggere)
order by innbyggere.kommune_kode, innbyggere.aar
