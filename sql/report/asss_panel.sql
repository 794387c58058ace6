-- report/asss_panel: the ASSS panel of a report year (issue #12, item 5).
-- One row: one ASSS indicator and unit, one of the twelve ASSS kommuner (indicators.asss_kommuner) and one
-- year, from indicators.asss_sammenligning. A unit whose comparison between kommuner vedlegg 5 allows
-- ('sammenligning') has the data year (the year before the report year) with the comparators; a unit whose
-- comparison it rules out ('egen serie') has the kommune's own series, every year (only the data year where
-- vedlegg 5 rules out the comparison over time too), and no comparator. An
-- ASSS kommune with no row for a unit and year the others have shows with verdi NULL and says so.
with panel as (
    select *
    from indicators.asss_sammenligning
    where report_year = getvariable('report_year')
),

asss as (
    select asss_kommune, kommune_kode, kommune_navn
    from indicators.asss_kommuner
    where report_year = getvariable('report_year')
),

enheter as (
    -- every indicator and unit the ASSS kommuner have, with the years the panel shows
    -- (a unit comparable neither between kommuner nor over time: the data year's own values only)
    select distinct panel.indikator, panel.enhet, panel.aar, panel.mellom_kommuner_tillatt, panel.grunn,
        panel.metode
    from panel
    inner join asss on asss.kommune_kode = panel.kommunenummer
    where panel.aar = getvariable('report_year') - 1
        or (not panel.mellom_kommuner_tillatt and panel.over_tid_tillatt)
)

select
    getvariable('report_year') as report_year,
    enheter.indikator,
    katalog.navn as indikator_navn,
    enheter.enhet,
    case when enheter.mellom_kommuner_tillatt then 'sammenligning' else 'egen serie' end as visning,
    asss.kommune_kode as kommunenummer,
    asss.kommune_navn,
    enheter.aar,
    panel.verdi,
    panel.asss_uten_kommunen,
    panel.asss_antall,
    panel.landet,
    panel.befolkningskategori,
    panel.befolkningskategori_navn,
    panel.kategori_snitt,
    panel.kategori_antall,
    enheter.metode,
    enheter.grunn as sammenlignbarhet,
    panel.landet_merknad,
    case when panel.kommunenummer is null then 'ingen rad for ' || enheter.aar || ': kommunen har ikke tall for '
        || 'indikatoren og enheten' else panel.merknad end as merknad
from enheter
cross join asss
left join panel
    on panel.indikator = enheter.indikator and panel.enhet = enheter.enhet and panel.aar = enheter.aar
    and panel.kommunenummer = asss.kommune_kode
left join reference.asss_indikatorer as katalog on katalog.nr = enheter.indikator
order by enheter.indikator, enheter.enhet, asss.kommune_navn, enheter.aar
