-- indicators.asss_indikator_ssb
-- One row: one ASSS indicator built on SSB data (11 and 14; Menon 43/2024, the seed's numbering), one kommune
-- of the report year's structure (every kommune, not only the twelve: indicators.asss_kommuner says which are
-- ASSS) and one year. The long shape both ASSS engineers write (issue #12): report_year, indikator,
-- kommunenummer, aar, verdi, enhet, teller, nevner, merknad.
--
-- Indicator 11, *plasseringer utenfor hjemmet* per 10 000 inhabitants 0-17 (vedlegg 5: comparable over time
-- and between kommuner only so normalised):
--   teller = children 0-17 with a measure under KOSTRA funksjon 252 ("barnevernstiltak når barnet er plassert
--            av barnevernet") per 31.12 of `aar` (SSB 12275, funksjon code 2; the count's label is inferred,
--            assets/sources/asss.py). Children, not placements; the kommune whose accounts carry the measure.
--   nevner = inhabitants 0-17 on 1 January of `aar` + 1 (SSB 07459; indicators.asss_befolkning).
--   verdi  = teller / nevner * 10 000.
-- A kommune's count is the sum of all its parts in the report year's structure, or nothing: a part that SSB
-- publishes as '..', '...' or ':' makes teller and verdi NULL, and `merknad` names the part and the symbol
-- ('.' says a code was not in use and is no part). `merknad` also says when the count comes from older
-- kommune codes mapped to the report year's structure, and when the denominator is missing (verdi NULL).
--
-- Indicator 14, *andel barn i barnehagealder som ikke benytter barnehageplass* (vedlegg 5: comparable over
-- time, not between kommuner without a control for e.g. families with a refugee background, which
-- indicators.asss_sammenlignbarhet reads from the catalogue):
--   SSB 13502 publishes only the share of children 1-5 in barnehage (KOSandel150000), not the counts. For each
--   code (part) of the kommune in `aar`:  not in barnehage = (100 - SSB's share) / 100 * inhabitants 1-5 of the
--   code on 1 January of `aar` (07459, the code's own; SSB's denominator per 31.12 is not published in 13502).
--   teller = the sum over the parts (barn 1-5 år uten barnehageplass, derived as above),
--   nevner = the parts' inhabitants 1-5 on 1 January of `aar`, verdi = teller / nevner * 100.
--   For a kommune with one code in `aar`, verdi is exactly 100 minus SSB's share; for older codes merged into
--   it, the parts' shares weighted by their children 1-5. A share above 100 (children from other kommuner in
--   its barnehager) gives no value: 100 minus it is no share of the kommune's children. A part SSB publishes
--   as a symbol, or without inhabitants 1-5, gives no value, named in `merknad`.
--
-- Columns:
--   indikator: the ASSS indicator's number: 11 (plasseringer utenfor hjemmet) or 14 (children 1-5 not in
--       barnehage)
--   kommunenummer: the kommune's code in the report year's structure
--   aar: the year counted (per 31.12 for 11) [år]
--   verdi: 11: children 0-17 with a measure under KOSTRA funksjon 252 per 10 000 inhabitants 0-17; 14: children
--       1-5 without a barnehage place as a share of inhabitants 1-5, in per cent [per 10 000 0–17 år | prosent]
--   enhet: the unit: 'per 10 000 0–17 år' (11) or 'prosent av barn 1–5 år' (14)
--   teller: 11: children 0-17 with a measure under funksjon 252 on 31 December (SSB 12275); 14: children 1-5
--       without a barnehage place, derived from SSB 13502's share and 07459's inhabitants [barn]
--   nevner: 11: inhabitants 0-17 on 1 January of the next year; 14: inhabitants 1-5 on 1 January of the year
--       (SSB 07459) [personer]
--   merknad: SSB symbols, a missing denominator, a share above 100 or older codes mapped; NULL where none
with tiltak as (
    select kommune_kode, aar, antall, symboler, koder
    from indicators.barn_med_tiltak_kommune
    where report_year = getvariable('report_year') and funksjon = '252' and maal = 'per_31_12'
),

barn as (
    select kommune_kode, aar - 1 as aar, personer
    from indicators.asss_befolkning
    where report_year = getvariable('report_year') and alder = '0-17'
),

barnehage_deler as (
    select
        struktur.kommune_kode,
        barnehage.aar,
        barnehage.region_kode,
        barnehage.andel_i_barnehage,
        barnehage.status,
        barn_1_5.personer * struktur.andel as barn_1_5
    from staging.barnehage_kommune as barnehage
    inner join indicators.kommunestruktur as struktur
        on struktur.report_year = getvariable('report_year')
        and struktur.region_kode = barnehage.region_kode
        and struktur.aar = barnehage.aar
    left join (
        -- all five ages or nothing: a sum short of one age would move the weight
        select region_kode, aar, case when count(personer) = 5 then sum(personer) end as personer
        from staging.befolkning
        where region_type = 'kommune' and alder between 1 and 5
        group by region_kode, aar
    ) as barn_1_5 on barn_1_5.region_kode = barnehage.region_kode and barn_1_5.aar = barnehage.aar
    where barnehage.region_type = 'kommune'
        and barnehage.status is distinct from '.'
        and barnehage.aar < getvariable('report_year')
),

barnehage as (
    select
        kommune_kode,
        aar,
        case when count(*) filter (where andel_i_barnehage is null or barn_1_5 is null or andel_i_barnehage > 100) = 0
            then sum((100 - andel_i_barnehage) / 100 * barn_1_5) end as teller,
        case when count(*) filter (where barn_1_5 is null) = 0 then sum(barn_1_5) end as nevner,
        string_agg(region_kode || ' «' || coalesce(status, 'tom') || '»', ', ' order by region_kode)
            filter (where andel_i_barnehage is null) as symboler,
        string_agg(region_kode, ', ' order by region_kode) filter (where barn_1_5 is null) as uten_barn,
        string_agg(region_kode || ' (' || andel_i_barnehage || ' %)', ', ' order by region_kode)
            filter (where andel_i_barnehage > 100) as over_100,
        string_agg(distinct region_kode, ', ' order by region_kode) as koder
    from barnehage_deler
    group by kommune_kode, aar
)

select
    getvariable('report_year') as report_year,
    11 as indikator,
    tiltak.kommune_kode as kommunenummer,
    tiltak.aar,
    cast(tiltak.antall / nullif(barn.personer, 0) * 10000 as double) as verdi,
    'per 10 000 0–17 år' as enhet,
    cast(tiltak.antall as double) as teller,
    cast(barn.personer as double) as nevner,
    nullif(concat_ws('; ',
        case when tiltak.symboler is not null
            then 'SSB 12275 viser symbol i stedet for tall for ' || tiltak.symboler || ': ingen verdi' end,
        case when barn.personer is null
            then 'mangler innbyggere 0–17 år per 1.1.' || (tiltak.aar + 1) || ' (SSB 07459): ingen verdi' end,
        case when tiltak.koder <> tiltak.kommune_kode
            then 'tall for kommunenummer ' || tiltak.koder || ' omregnet til kommunestrukturen '
                || getvariable('report_year') end
    ), '') as merknad
from tiltak
left join barn on barn.kommune_kode = tiltak.kommune_kode and barn.aar = tiltak.aar

union all

select
    getvariable('report_year') as report_year,
    14 as indikator,
    kommune_kode as kommunenummer,
    aar,
    cast(teller / nullif(nevner, 0) * 100 as double) as verdi,
    'prosent av barn 1–5 år' as enhet,
    cast(teller as double) as teller,
    cast(nevner as double) as nevner,
    nullif(concat_ws('; ',
        case when symboler is not null
            then 'SSB 13502 viser symbol i stedet for tall for ' || symboler || ': ingen verdi' end,
        case when over_100 is not null
            then 'SSB 13502 har andel i barnehage over 100 for ' || over_100
                || ' (barn fra andre kommuner): ingen verdi' end,
        case when uten_barn is not null
            then 'mangler innbyggere 1–5 år per 1.1.' || aar || ' (SSB 07459) for ' || uten_barn || ': ingen verdi' end,
        case when koder <> kommune_kode
            then 'tall for kommunenummer ' || koder || ' omregnet til kommunestrukturen '
                || getvariable('report_year') end
    ), '') as merknad
from barnehage
order by indikator, kommunenummer, aar
