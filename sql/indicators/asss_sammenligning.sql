-- indicators.asss_sammenligning
-- One row: one ASSS indicator, one unit (enhet), one kommune of the report year's structure and one year:
-- the kommune's value (the long-shape rows of indicators.asss_indikator_kommune, _ssb and _skole_arbeid) beside
-- what it is compared with, as the ASSS panel and the kommune profiles show it.
--
-- Comparators, each over the kommuner that have a value (a NULL value is not counted; `*_antall` says how
-- many kommuner a comparator rests on):
--   asss_uten_kommunen  the other ASSS kommuner (indicators.asss_kommuner), never the kommune itself
--   landet              every kommune, for the indicators SSB publishes for all kommuner (kildetype 'SSB');
--                       for indicator 11 the count is SSB 12275's national row where it is staged with a
--                       number (funksjon 252, 0-17, per 31.12), else the sum over the kommuner, over the
--                       inhabitants 0-17 of every kommune. Indicators 1-10 come from the kommuner's own
--                       answers, 12, 13 and 15 from a file of Udir's and NAV's figures for the kommuner put
--                       in it, not from every kommune: no country value, said in `landet_merknad`.
--   kategori_snitt      the kommuner of the kommune's befolkningskategori (SSB KLASS 115, by inhabitants on
--                       1 January of the structure year, fixed over time like indicators.netto_driftsutgifter),
--                       the kommune itself included, as KOSTRA's kommunegruppe averages are.
-- How (`metode`): a ratio — a unit '… per 10 000 …' (× 10 000) or 'prosent…' (× 100) whose every row with a
-- value gives `teller` and `nevner` — is averaged as sum of numerators / sum of denominators (each kommune
-- weighted by its denominator: 'sum teller / sum nevner'); any other unit (ja/nei as 1/0: the share
-- answering ja; counts; kroner) as the plain mean of the values ('gjennomsnitt').
-- Comparability (indicators.asss_sammenlignbarhet, vedlegg 5): where a comparison between kommuner is not
-- allowed for the indicator and unit, every comparator (and its count) is NULL and `grunn` says why: the
-- panel shows the kommune's own series instead, never a comparison the verdict rules out.
--
-- Columns:
--   indikator: the ASSS indicator's number
--   enhet: the unit
--   kommunenummer: the kommune's code in the report year's structure
--   kommune_navn: the kommune's name
--   er_asss: true for the twelve ASSS kommuner
--   aar: the year [år]
--   verdi: the kommune's value in enhet
--   teller: for a ratio, the numerator
--   nevner: for a ratio, the denominator
--   merknad: the kommune row's note (from the indicator tables)
--   mellom_kommuner_tillatt: true when comparison between kommuner is allowed (indicators.asss_sammenlignbarhet)
--   over_tid_tillatt: true when comparison over time is allowed
--   grunn: why comparisons are or are not allowed
--   metode: how the comparators average: 'sum teller / sum nevner' or 'gjennomsnitt'
--   asss_uten_kommunen: the other ASSS kommuner's average, never the kommune itself; NULL where comparison is not
--         allowed
--   asss_antall: ASSS kommuner that average rests on [kommuner]
--   landet: the country's value (kommuner with a value; for indicator 11 SSB's national row where staged); NULL where
--         not allowed or not available
--   landet_antall: kommuner the country's value rests on [kommuner]
--   landet_merknad: where the country's value comes from, or why there is none
--   merknad_symboler: where the country's value is affected by SSB symbols; NULL where not
--   befolkningskategori: the kommune's befolkningskategori in the structure year
--   befolkningskategori_navn: the category's name
--   kategori_snitt: the average of the kommuner of the category, the kommune included; NULL where not allowed
--   kategori_antall: kommuner that average rests on [kommuner]
with rader as (
    select indikator, kommunenummer, aar, verdi, enhet, teller, nevner, merknad
    from indicators.asss_indikator_kommune
    where report_year = getvariable('report_year')
    union all
    select indikator, kommunenummer, aar, verdi, enhet, teller, nevner, merknad
    from indicators.asss_indikator_ssb
    where report_year = getvariable('report_year')
    union all
    select indikator, kommunenummer, aar, verdi, enhet, teller, nevner, merknad
    from indicators.asss_indikator_skole_arbeid
    where report_year = getvariable('report_year')
),

navn as (
    select kommune_kode, any_value(kommune_navn) as kommune_navn
    from indicators.kommunestruktur
    where report_year = getvariable('report_year')
    group by kommune_kode
),

kategori as (
    select kommune_kode, befolkningskategori, befolkningskategori_navn
    from indicators.befolkningskategori
    where report_year = getvariable('report_year')
        and aar = (select max(aar) from indicators.befolkningskategori
                   where report_year = getvariable('report_year') and aar <= getvariable('report_year'))
),

asss as (
    select kommune_kode from indicators.asss_kommuner where report_year = getvariable('report_year')
),

enheter as (
    select
        rader.indikator,
        rader.enhet,
        case when rader.enhet like '%per 10 000%' then 10000.0 when rader.enhet like 'prosent%' then 100.0 end
            as skala,
        count(*) filter (where rader.verdi is not null
                         and (rader.teller is null or rader.nevner is null or rader.nevner = 0)) = 0
            as har_teller_og_nevner,
        any_value(katalog.kildetype) as kildetype
    from rader
    left join reference.asss_indikatorer as katalog on katalog.nr = rader.indikator
    group by rader.indikator, rader.enhet
),

metode as (
    select
        *,
        case when skala is not null and har_teller_og_nevner then 'sum teller / sum nevner' else 'gjennomsnitt' end
            as metode
    from enheter
),

-- the rows with a value: what a comparator is made of
verdier as (
    select
        rader.*,
        kategori.befolkningskategori,
        asss.kommune_kode is not null as er_asss,
        metode.metode,
        metode.skala
    from rader
    inner join metode on metode.indikator = rader.indikator and metode.enhet = rader.enhet
    left join kategori on kategori.kommune_kode = rader.kommunenummer
    left join asss on asss.kommune_kode = rader.kommunenummer
    where rader.verdi is not null
),

asss_snitt as (
    select
        rader.indikator, rader.enhet, rader.kommunenummer, rader.aar,
        count(andre.verdi) as antall,
        case when any_value(andre.metode) = 'sum teller / sum nevner'
            then any_value(andre.skala) * sum(andre.teller) / nullif(sum(andre.nevner), 0)
            else avg(andre.verdi) end as snitt
    from rader
    inner join verdier as andre
        on andre.indikator = rader.indikator and andre.enhet = rader.enhet and andre.aar = rader.aar
        and andre.er_asss and andre.kommunenummer <> rader.kommunenummer
    group by rader.indikator, rader.enhet, rader.kommunenummer, rader.aar
),

kategori_snitt as (
    select
        indikator, enhet, aar, befolkningskategori,
        count(*) as antall,
        case when any_value(metode) = 'sum teller / sum nevner'
            then any_value(skala) * sum(teller) / nullif(sum(nevner), 0) else avg(verdi) end as snitt
    from verdier
    where befolkningskategori is not null
    group by indikator, enhet, aar, befolkningskategori
),

-- SSB 12275's own national count of children placed (indicator 11's numerator), where staged with a number
-- (a national row SSB publishes as a symbol: the sum over the kommuner instead, said in merknad_symboler)
landet_12275 as (
    select aar, antall, status
    from staging.barn_med_tiltak_kommune
    where region_type = 'landet' and alder = '0-17' and funksjon = '252' and maal = 'per_31_12'
        and (antall is not null or status in ('..', '...', ':'))
),

landet_sum as (
    select
        verdier.indikator, verdier.enhet, verdier.aar,
        count(*) as antall,
        any_value(verdier.metode) as metode,
        any_value(verdier.skala) as skala,
        sum(verdier.teller) as teller,
        sum(verdier.nevner) as nevner,
        avg(verdier.verdi) as snitt
    from verdier
    inner join metode on metode.indikator = verdier.indikator and metode.enhet = verdier.enhet
    where metode.kildetype = 'SSB'
    group by verdier.indikator, verdier.enhet, verdier.aar
),

-- every kommune's inhabitants 0-17, a value or not: the denominator of SSB's national count
landet_nevner as (
    select indikator, enhet, aar, sum(nevner) as nevner
    from rader
    where indikator = 11
    group by indikator, enhet, aar
),

landet as (
    select
        landet_sum.indikator, landet_sum.enhet, landet_sum.aar, landet_sum.antall,
        case
            when landet_sum.metode = 'gjennomsnitt' then landet_sum.snitt
            when landet_sum.indikator = 11 and landet_12275.antall is not null
                then landet_sum.skala * landet_12275.antall / nullif(landet_nevner.nevner, 0)
            else landet_sum.skala * landet_sum.teller / nullif(landet_sum.nevner, 0)
        end as landet,
        case
            when landet_sum.indikator = 11 and landet_sum.metode <> 'gjennomsnitt' and landet_12275.antall is not null
                then 'SSB 12275, landet, over innbyggere 0–17 år i alle kommuner (SSB 07459)'
            when landet_sum.metode = 'gjennomsnitt' then 'gjennomsnitt av alle kommuner med verdi'
            else 'sum over alle kommuner med verdi'
        end as landet_kilde,
        case when landet_12275.status is not null and landet_12275.antall is null
            then 'SSB 12275 viser «' || landet_12275.status || '» for landet i ' || landet_sum.aar
                || ': landet er summen over kommunene med tall' end as merknad_symboler
    from landet_sum
    left join landet_12275 on landet_sum.indikator = 11 and landet_12275.aar = landet_sum.aar
    left join landet_nevner
        on landet_nevner.indikator = landet_sum.indikator and landet_nevner.enhet = landet_sum.enhet
        and landet_nevner.aar = landet_sum.aar
)

select
    getvariable('report_year') as report_year,
    cast(rader.indikator as integer) as indikator,
    rader.enhet,
    rader.kommunenummer,
    navn.kommune_navn,
    asss.kommune_kode is not null as er_asss,
    cast(rader.aar as integer) as aar,
    rader.verdi,
    rader.teller,
    rader.nevner,
    rader.merknad,
    coalesce(vurdering.mellom_kommuner_tillatt, false) as mellom_kommuner_tillatt,
    coalesce(vurdering.over_tid_tillatt, false) as over_tid_tillatt,
    coalesce(vurdering.grunn, 'indikator og enhet mangler i indicators.asss_sammenlignbarhet: ikke sammenlignet')
        as grunn,
    metode.metode,
    case when vurdering.mellom_kommuner_tillatt then asss_snitt.snitt end as asss_uten_kommunen,
    case when vurdering.mellom_kommuner_tillatt then coalesce(asss_snitt.antall, 0) end as asss_antall,
    case when vurdering.mellom_kommuner_tillatt then landet.landet end as landet,
    case when vurdering.mellom_kommuner_tillatt then landet.antall end as landet_antall,
    case
        when not coalesce(vurdering.mellom_kommuner_tillatt, false) then null
        when metode.kildetype = 'SSB' then landet.landet_kilde
        when metode.kildetype = 'kommune'
            then 'ingen landstall: indikator ' || rader.indikator || ' kommer fra kommunenes egne svar, ikke fra alle kommuner'
        else 'ingen landstall: indikator ' || rader.indikator || ' kommer fra en fil med ' || metode.kildetype
            || 's tall for de kommunene som er lagt inn, ikke fra alle kommuner'
    end as landet_merknad,
    case when vurdering.mellom_kommuner_tillatt then landet.merknad_symboler end as merknad_symboler,
    kategori.befolkningskategori,
    kategori.befolkningskategori_navn,
    case when vurdering.mellom_kommuner_tillatt then kategori_snitt.snitt end as kategori_snitt,
    case when vurdering.mellom_kommuner_tillatt then coalesce(kategori_snitt.antall, 0) end as kategori_antall
from rader
inner join metode on metode.indikator = rader.indikator and metode.enhet = rader.enhet
left join navn on navn.kommune_kode = rader.kommunenummer
left join asss on asss.kommune_kode = rader.kommunenummer
left join kategori on kategori.kommune_kode = rader.kommunenummer
left join indicators.asss_sammenlignbarhet as vurdering
    on vurdering.report_year = getvariable('report_year')
    and vurdering.indikator = rader.indikator and vurdering.enhet = rader.enhet
left join asss_snitt
    on asss_snitt.indikator = rader.indikator and asss_snitt.enhet = rader.enhet
    and asss_snitt.kommunenummer = rader.kommunenummer and asss_snitt.aar = rader.aar
left join kategori_snitt
    on kategori_snitt.indikator = rader.indikator and kategori_snitt.enhet = rader.enhet
    and kategori_snitt.aar = rader.aar and kategori_snitt.befolkningskategori = kategori.befolkningskategori
left join landet on landet.indikator = rader.indikator and landet.enhet = rader.enhet and landet.aar = rader.aar
order by rader.indikator, rader.enhet, rader.kommunenummer, rader.aar
