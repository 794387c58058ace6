-- indicators.asss_sammenlignbarhet
-- One row: one ASSS indicator and one unit (enhet) its kommune rows have in the report year: whether the
-- panel may compare kommuner with each other and a kommune with itself over time, and why. The verdict
-- is vedlegg 5's (reference.asss_indikatorer): `ja` allows, `nei` forbids, `betinget` allows only when
-- the unit carries every normalisation the condition names (`*_krav`). What a unit carries is read from
-- its name, the vocabulary of the long shape (issue #12):
--   deflatert           'kroner <report year>…' (report-year kroner, kommunal deflator) or 'årsverk…'
--                       (no prices to adjust)
--   per_10000_0_17      '… per 10 000 0–17 år'
--   andel_barnefamilier 'prosent av barnefamilier'
--   andel_aldersgruppe  'prosent av <ages> år', the very unit the catalogue gives the indicator (a share of
--                       the age group it names: 'prosent av 15–24 år' for 15; a share of another group,
--                       e.g. NAV's 'prosent av arbeidsstyrken', or a bare 'prosent' does not meet it)
-- The panel shows a kommune's own series instead of a comparison that is not allowed, with `grunn`.
--
-- Columns:
--   indikator: the ASSS indicator's number
--   enhet: the unit its kommune rows have
--   mellom_kommuner_tillatt: true when the panel may compare kommuner with each other
--   over_tid_tillatt: true when the panel may compare a kommune with itself over time
--   grunn: why, both verdicts in words
--   grunn_mellom_kommuner: why, between kommuner
--   grunn_over_tid: why, over time
--   vedlegg5_mellom_kommuner: vedlegg 5's verdict between kommuner: ja, nei or betinget
--   vedlegg5_over_tid: vedlegg 5's verdict over time: ja, nei or betinget
--   ukjent_indikator: 1 when the indicator is not in reference.asss_indikatorer (checked: 0)
with rader as (
    -- every indicators.asss_indikator_* table: 1-10 from the kommuner's files, 11 and 14 from SSB, 12, 13 and 15
    -- from Udir's and NAV's figures (no SSB table with kommune rows found: reference.asss_indikatorer.kilde_mangler)
    select indikator, enhet
    from indicators.asss_indikator_kommune
    where report_year = getvariable('report_year')
    union all
    select indikator, enhet
    from indicators.asss_indikator_ssb
    where report_year = getvariable('report_year')
    union all
    select indikator, enhet
    from indicators.asss_indikator_skole_arbeid
    where report_year = getvariable('report_year')
),

enheter as (
    select distinct indikator, enhet from rader
),

normalisering as (
    select
        enheter.indikator,
        enheter.enhet,
        list_filter([
            case when enheter.enhet like 'kroner ' || getvariable('report_year') || '%' or enheter.enhet like 'årsverk%'
                then 'deflatert' end,
            case when enheter.enhet like '%per 10 000 0–17 år' then 'per_10000_0_17' end,
            case when enheter.enhet = 'prosent av barnefamilier' then 'andel_barnefamilier' end,
            case when enheter.enhet like 'prosent av %år' and enheter.enhet = katalog.enhet then 'andel_aldersgruppe' end
        ], lambda k: k is not null) as oppfylt
    from enheter
    left join reference.asss_indikatorer as katalog on katalog.nr = enheter.indikator
),

krav_navn (krav, tekst) as (
    values
        ('deflatert', 'prisjustert med kommunal deflator til rapportårets kroner'),
        ('per_10000_0_17', 'per 10 000 innbyggere 0–17 år'),
        ('andel_barnefamilier', 'som andel av barnefamiliene i kommunen'),
        ('andel_aldersgruppe', 'som andel av aldersgruppen')
),

vurdert as (
    select
        normalisering.indikator,
        normalisering.enhet,
        katalog.nr is not null as i_katalogen,
        katalog.over_tid,
        katalog.over_tid_vilkaar,
        katalog.mellom_kommuner,
        katalog.mellom_kommuner_vilkaar,
        list_filter(coalesce(string_split(katalog.over_tid_krav, '+'), []),
                    lambda k: not list_contains(normalisering.oppfylt, k)) as over_tid_mangler,
        list_filter(coalesce(string_split(katalog.mellom_kommuner_krav, '+'), []),
                    lambda k: not list_contains(normalisering.oppfylt, k)) as mellom_kommuner_mangler
    from normalisering
    left join reference.asss_indikatorer as katalog on katalog.nr = normalisering.indikator
),

tillatt as (
    select
        *,
        coalesce(over_tid = 'ja' or (over_tid = 'betinget' and len(over_tid_mangler) = 0), false)
            as over_tid_tillatt,
        coalesce(mellom_kommuner = 'ja' or (mellom_kommuner = 'betinget' and len(mellom_kommuner_mangler) = 0), false)
            as mellom_kommuner_tillatt,
        -- why 'årsverk' meets "prisjustert": there are no prices in it
        case when enhet like 'årsverk%' then ': årsverk har ingen priser å justere' else '' end as aarsverk
    from vurdert
),

grunner as (
    select
        tillatt.*,
        case
            when not i_katalogen then 'indikator ' || indikator || ' finnes ikke i katalogen (reference.asss_indikatorer)'
            when over_tid = 'ja' then 'Vedlegg 5: sammenlignbar over tid.'
            when over_tid = 'nei' then 'Vedlegg 5: ikke sammenlignbar over tid (' || coalesce(over_tid_vilkaar, '') || ').'
            when over_tid_tillatt then 'Vedlegg 5: sammenlignbar over tid ' || over_tid_vilkaar || '; oppfylt (' || enhet || aarsverk || ').'
            else 'Vedlegg 5: sammenlignbar over tid bare ' || over_tid_vilkaar || '; enheten «' || enhet
                || '» er ikke ' || (select string_agg(tekst, ' og ' order by krav) from krav_navn
                                    where list_contains(over_tid_mangler, krav_navn.krav)) || '.'
        end as grunn_over_tid,
        case
            when not i_katalogen then 'indikator ' || indikator || ' finnes ikke i katalogen (reference.asss_indikatorer)'
            when mellom_kommuner = 'ja' then 'Vedlegg 5: sammenlignbar mellom kommuner.'
            when mellom_kommuner = 'nei' then 'Vedlegg 5: ikke sammenlignbar mellom kommuner ('
                || coalesce(mellom_kommuner_vilkaar, '') || '); kommunens egen serie vises.'
            when mellom_kommuner_tillatt then 'Vedlegg 5: sammenlignbar mellom kommuner ' || mellom_kommuner_vilkaar
                || '; oppfylt (' || enhet || aarsverk || ').'
            else 'Vedlegg 5: sammenlignbar mellom kommuner bare ' || mellom_kommuner_vilkaar || '; enheten «' || enhet
                || '» er ikke ' || (select string_agg(tekst, ' og ' order by krav) from krav_navn
                                    where list_contains(mellom_kommuner_mangler, krav_navn.krav))
                || '; kommunens egen serie vises.'
        end as grunn_mellom_kommuner
    from tillatt
)

select
    getvariable('report_year') as report_year,
    indikator,
    enhet,
    mellom_kommuner_tillatt,
    over_tid_tillatt,
    grunn_mellom_kommuner || ' ' || grunn_over_tid as grunn,
    grunn_mellom_kommuner,
    grunn_over_tid,
    mellom_kommuner as vedlegg5_mellom_kommuner,
    over_tid as vedlegg5_over_tid,
    case when i_katalogen then 0 else 1 end as ukjent_indikator
from grunner
order by indikator, enhet
