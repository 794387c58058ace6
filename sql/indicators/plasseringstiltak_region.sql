-- indicators.plasseringstiltak_region
-- One row: one year before the report year, one region and one type of placement (i_alt or a type,
-- uoppgitt included): children 0-17 with plasseringstiltak per 31.12 (SSB 11600, tiltak i alt).
-- The regions:
-- * `landet`: the country as SSB publishes it;
-- * `landet_uten_oslo`: the country less fylke 03 Oslo (Bufdir's waiting lists leave Oslo out);
-- * each barnevernsregion (nord, midt_norge, vest, sor, ost, oslo): the sum of its fylker
--   (reference.barnevernsregion);
-- * a fylke two regions shared (30 Viken 2020-2023, whose kommuner reference.barnevernsregion puts in
--   øst and sør) cannot be split without kommune numbers, which 11600 does not have: in the years it
--   has a number, the regions it spans have no number of their own (`antall` NULL, `merknad` says why)
--   and are given together instead (region `ost+sor`, "Region øst og sør");
-- * `uten_region`: fylker with a number that belong to no region (e.g. 21 Svalbard), if any.
-- SSB symbols (SymbolRule flag): a fylke cell published as '..', '...' or ':' is left out of its
-- region's sum, and `merknad_symboler` names it ("og derfor for lav"); the country without Oslo is NULL
-- where either cell is a symbol, and says so.
--
-- Columns:
--   aar: the year, per 31.12 [år]
--   region: landet, landet_uten_oslo, a barnevernsregion (nord, midt_norge, vest, sor, ost, oslo), ost+sor (Viken's
--         years) or uten_region
--   region_navn: the region's name as figures show it
--   rekkefolge: the region's place in figures and tables (99: not ordered)
--   plassering: i_alt or the type of placement's key, uoppgitt included
--   antall: children 0-17 with a plasseringstiltak on 31 December; NULL where the region cannot be given (merknad says
--         why) [barn]
--   merknad: why a region has no number of its own (a fylke two regions shared)
--   merknad_symboler: the fylker left out of the sum because SSB shows a symbol for them ("og derfor for lav"); NULL
--         where none
with cells as (
    select aar, region, region_type, region_navn, plassering, antall, status
    from staging.plasseringstiltak
    where tiltak = 'i_alt' and alder = '0_17' and aar < getvariable('report_year')
      and region_type in ('landet', 'fylke')
),

-- Every fylke code with its region: by the fylke code; for a fylke the reference splits by kommune,
-- the regions of its kommuner (more than one: shared, e.g. 'ost+sor').
fylke_regions as (
    select
        codes.kode,
        any_value(fylke.barnevernsregion) as fylke_region,
        list_sort(list_distinct(list(by_kommune.barnevernsregion) filter (where by_kommune.kode is not null)))
            as kommune_regioner
    from (select distinct region as kode from cells where region_type = 'fylke') as codes
    left join reference.barnevernsregion as fylke on fylke.kode = codes.kode and fylke.niva = 'fylke'
    left join reference.barnevernsregion as by_kommune
        on by_kommune.niva = 'kommune' and left(by_kommune.kode, 2) = codes.kode
    group by codes.kode
),

-- Fylke cells with a number, or with a gap symbol (not '.': not in use that year). A shared fylke's 0
-- is left out too: a fylke not yet (or no longer) in use may come back as 0 rather than '.' (as 10660's
-- do), and a 0 does not need splitting.
fylke_cells as (
    select *
    from (
        select
            cells.*,
            case
                when fr.fylke_region is not null then fr.fylke_region
                when len(fr.kommune_regioner) >= 1 then array_to_string(fr.kommune_regioner, '+')
                else 'uten_region'
            end as region_nokkel
        from cells
        inner join fylke_regions as fr on fr.kode = cells.region
        where cells.region_type = 'fylke' and (cells.antall is not null or cells.status in ('..', '...', ':'))
    )
    where not (region_nokkel like '%+%' and antall = 0)
),

-- The shared fylker of a year and type, and the regions each spans.
delte as (
    select distinct aar, plassering, region_nokkel as samlet, unnest(string_split(region_nokkel, '+')) as del_region
    from fylke_cells
    where region_nokkel like '%+%'
),

region_sums as (
    select
        fc.aar,
        coalesce(d.samlet, fc.region_nokkel) as region,
        fc.plassering,
        sum(fc.antall) as antall,
        string_agg(fc.region || ' ' || fc.region_navn || ' (''' || fc.status || ''')', ', ' order by fc.region)
            filter (where fc.antall is null) as uten_tall
    from fylke_cells as fc
    -- a region a shared fylke spans is counted together with the others it spans that year
    left join delte as d
        on d.aar = fc.aar and d.plassering = fc.plassering and d.del_region = fc.region_nokkel
    group by fc.aar, coalesce(d.samlet, fc.region_nokkel), fc.plassering
),

landet as (
    select
        aar,
        plassering,
        max(antall) filter (where region_type = 'landet') as landet,
        max(status) filter (where region_type = 'landet' and antall is null and status in ('..', '...', ':'))
            as landet_symbol,
        max(antall) filter (where region = '03') as oslo,
        max(status) filter (where region = '03' and antall is null and status in ('..', '...', ':')) as oslo_symbol
    from cells
    group by aar, plassering
),

navn (region, region_navn, rekkefolge) as (
    values ('landet', 'Hele landet', 0), ('landet_uten_oslo', 'Hele landet uten Oslo', 1),
           ('nord', 'Region nord', 2), ('midt_norge', 'Region midt-Norge', 3), ('vest', 'Region vest', 4),
           ('sor', 'Region sør', 5), ('ost', 'Region øst', 6), ('oslo', 'Oslo', 7),
           ('ost+sor', 'Region øst og sør', 8), ('uten_region', 'Uten barnevernsregion', 9)
),

rows as (
    select aar, 'landet' as region, plassering, landet as antall, null as merknad,
           case when landet_symbol is not null then 'SSBs tall er ''' || landet_symbol || '''' end as symboler
    from landet
    union all
    select aar, 'landet_uten_oslo', plassering, landet - oslo, null,
           case when landet_symbol is not null or oslo_symbol is not null
                then 'mangler, fordi ' || concat_ws(' og ',
                     case when landet_symbol is not null then 'landet er ''' || landet_symbol || '''' end,
                     case when oslo_symbol is not null then '03 Oslo er ''' || oslo_symbol || '''' end) end
    from landet
    union all
    select aar, region, plassering, antall,
           case when region like '%+%'
                then 'Fylker som hørte til flere barnevernsregioner, kan ikke deles uten tall per kommune' end,
           case when uten_tall is not null then 'summen er uten ' || uten_tall || ', og derfor for lav' end
    from region_sums
    union all
    select distinct aar, del_region, plassering, null,
           'Ikke eget tall: et fylke hørte også til en annen region (se ' || samlet || ')', null
    from delte
)

select
    getvariable('report_year') as report_year,
    rows.aar,
    rows.region,
    coalesce(navn.region_navn, rows.region) as region_navn,
    coalesce(navn.rekkefolge, 99) as rekkefolge,
    rows.plassering,
    rows.antall,
    rows.merknad,
    case when rows.symboler is not null
         then coalesce(navn.region_navn, rows.region) || ' ' || rows.aar || ', ' || rows.plassering || ': '
              || rows.symboler end as merknad_symboler
from rows
left join navn on navn.region = rows.region
where rows.antall is not null or rows.symboler is not null or rows.merknad is not null
order by rows.aar, rekkefolge, rows.region, rows.plassering
