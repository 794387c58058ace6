-- indicators.barn_med_tiltak_kommune
-- One row: children 0-17 with measures (SSB 12275) in one kommune of the report year's structure, one KOSTRA
-- funksjon (0 all, 251, 252 as SSB codes them in the staged table), one measure (during the year, per 31.12)
-- and one year: the sum of every code of the kommune (older codes mapped through KLASS 131), or nothing. A
-- part SSB publishes as '..', '...' or ':' makes `antall` NULL and `symboler` names the part and the symbol
-- ('.' says a code was not in use and is no part); `koder` lists the codes summed. Read by the ASSS
-- indicator 11 and the key figures, so that the mapping and the symbol rule are stated once.
--
-- Columns:
--   kommune_kode: the kommune's code in the report year's structure
--   funksjon: i_alt (all measures), 251 or 252 (KOSTRA function)
--   maal: i_lopet_av_aaret (during the year) or per_31_12
--   aar: the year [år]
--   antall: children 0-17 with measures, the sum of every code of the kommune; NULL where a part is an SSB symbol
--         [barn]
--   symboler: the parts shown as a symbol, with the symbol; NULL where none
--   koder: the kommune codes summed
select
    getvariable('report_year') as report_year,
    struktur.kommune_kode,
    tiltak.funksjon,
    tiltak.maal,
    tiltak.aar,
    case when count(*) filter (where tiltak.antall is null) = 0
        then sum(tiltak.antall * struktur.andel) end as antall,
    string_agg(tiltak.region_kode || ' «' || coalesce(tiltak.status, 'tom') || '»', ', '
               order by tiltak.region_kode) filter (where tiltak.antall is null) as symboler,
    string_agg(distinct tiltak.region_kode, ', ' order by tiltak.region_kode) as koder
from staging.barn_med_tiltak_kommune as tiltak
inner join indicators.kommunestruktur as struktur
    on struktur.report_year = getvariable('report_year')
    and struktur.region_kode = tiltak.region_kode
    and struktur.aar = tiltak.aar
where tiltak.region_type = 'kommune'
    and tiltak.alder = '0-17'
    and tiltak.status is distinct from '.'
    and tiltak.aar < getvariable('report_year')
group by struktur.kommune_kode, tiltak.funksjon, tiltak.maal, tiltak.aar
order by struktur.kommune_kode, tiltak.funksjon, tiltak.maal, tiltak.aar
