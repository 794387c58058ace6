-- indicators.asss_kommuner
-- One row: one ASSS kommune (reference.asss_kommuner) in the report year's kommune structure: the
-- code the reference table gives it in the structure year (indicators.kommunestruktur.strukturaar)
-- and that kommune's name in the data. Every kommune-level indicator is by report-year code; this
-- table says which of those codes are the ASSS kommuner.
-- Audit columns (each a blocking check, assets/asss.py):
--   mangler_i_strukturen   1 when the reference table's code is not a kommune of the report year's
--                          structure (a later kommune change the reference table lacks), else 0
--   koder_til_annen_kommune how many of the kommune's older codes, in the years the reference table
--                          gives them, the KLASS mapping (kommunestruktur) sends (in part) to another
--                          report-year kommune: the reference table and KLASS 131 disagree
-- Both are checked only where the snapshot's structure is the country's (`kontrollert`): it has at least
-- one of the ASSS kommuner but Oslo under the code the reference table gives for the structure year. A
-- hand-built snapshot of invented kommuner (or a national-only one) has none, and its codes say nothing
-- about the reference table (they may reuse a real code, like 1001, for another kommune).
--
-- Columns:
--   asss_kommune: the ASSS kommune (reference.asss_kommuner)
--   kommune_kode: its code in the report year's structure
--   kommune_navn: its name in the data (else as the reference table gives it)
--   strukturaar: the year of the kommune structure (indicators.kommunestruktur) [år]
--   alle_koder: every code the kommune has had since 2015, per the reference table
--   kontrollert: true when the snapshot's structure is the country's (the audits below apply)
--   mangler_i_strukturen: 1 when the reference table's code is not a kommune of the report year's structure, else 0
--         (audited: 0)
--   koder_til_annen_kommune: older codes of the kommune that the KLASS mapping sends (in part) to another kommune
--         (audited: 0)
--   koder_til_annen_kommune_liste: those codes, named
with struktur as (
    select distinct kommune_kode, kommune_navn, strukturaar
    from indicators.kommunestruktur
    where report_year = getvariable('report_year')
),

strukturaar as (
    select coalesce(max(strukturaar), getvariable('report_year')) as aar from struktur
),

gjeldende as (
    select asss.asss_kommune, asss.kommunenummer, asss.kommunenavn
    from reference.asss_kommuner as asss, strukturaar
    where (asss.fra_aar is null or asss.fra_aar <= strukturaar.aar)
        and (asss.til_aar is null or asss.til_aar >= strukturaar.aar)
),

medlemmer as (
    select distinct asss_kommune from reference.asss_kommuner
),

-- every code of the reference table as the data carry it, in the years the table gives it, and where
-- the KLASS mapping sends it
koder_i_data as (
    select asss.asss_kommune, asss.kommunenummer, struktur.aar, struktur.kommune_kode
    from reference.asss_kommuner as asss
    inner join indicators.kommunestruktur as struktur
        on struktur.report_year = getvariable('report_year')
        and struktur.region_kode = asss.kommunenummer
        and (asss.fra_aar is null or struktur.aar >= asss.fra_aar)
        and (asss.til_aar is null or struktur.aar <= asss.til_aar)
),

avvik as (
    select
        koder_i_data.asss_kommune,
        count(*) as antall,
        string_agg(koder_i_data.kommunenummer || ' (' || koder_i_data.aar || ') -> ' || koder_i_data.kommune_kode,
                   ', ' order by koder_i_data.kommunenummer, koder_i_data.aar) as liste
    from koder_i_data
    inner join gjeldende on gjeldende.asss_kommune = koder_i_data.asss_kommune
    where koder_i_data.kommune_kode <> gjeldende.kommunenummer
    group by koder_i_data.asss_kommune
),

kontroll as (
    select count(*) > 0 as kontrollert
    from gjeldende
    inner join struktur on struktur.kommune_kode = gjeldende.kommunenummer
    where gjeldende.kommunenummer <> '0301'
),

alle_koder as (
    select asss_kommune, string_agg(kommunenummer, ', ' order by kommunenummer) as koder
    from reference.asss_kommuner
    group by asss_kommune
)

select
    getvariable('report_year') as report_year,
    medlemmer.asss_kommune,
    gjeldende.kommunenummer as kommune_kode,
    coalesce(struktur.kommune_navn, gjeldende.kommunenavn) as kommune_navn,
    (select aar from strukturaar) as strukturaar,
    alle_koder.koder as alle_koder,
    (select kontrollert from kontroll) as kontrollert,
    case when not (select kontrollert from kontroll) or struktur.kommune_kode is not null then 0 else 1 end
        as mangler_i_strukturen,
    case when (select kontrollert from kontroll) then coalesce(avvik.antall, 0) else 0 end
        as koder_til_annen_kommune,
    avvik.liste as koder_til_annen_kommune_liste
from medlemmer
left join gjeldende on gjeldende.asss_kommune = medlemmer.asss_kommune
left join struktur on struktur.kommune_kode = gjeldende.kommunenummer
left join avvik on avvik.asss_kommune = medlemmer.asss_kommune
left join alle_koder on alle_koder.asss_kommune = medlemmer.asss_kommune
order by medlemmer.asss_kommune
