-- staging.meldinger
-- One row: one year and one statistic of SSB 10673 in the country, with `maal` from the statistic's
-- label: meldinger (all notifications), henlagt (dismissed), til_undersoking (went on to an
-- investigation); other statistics (undersøkingar, ...) keep no key.
--
-- Columns:
--   aar: the year counted [år]
--   statistikkvariabel: SSB's code of the statistic
--   statistikk: SSB's label of the statistic
--   maal: meldinger, henlagt or til_undersoking, from the label; NULL for other statistics
--   antall: notifications; NULL where SSB shows a symbol [meldinger]
select
    cast(aar as integer) as aar,
    statistikkvariabel,
    trim(statistikkvariabel_label) as statistikk,
    case
        when not regexp_matches(lower(trim(statistikkvariabel_label)), '^(bekymrings)?melding') then null
        when regexp_matches(lower(statistikkvariabel_label), 'ikkje|ikke') then null
        when lower(statistikkvariabel_label) like '%henlag%' then 'henlagt'
        when regexp_matches(lower(statistikkvariabel_label), '(gjekk|gikk|går|gar|sendt) til undersøk') then 'til_undersoking'
        when regexp_matches(lower(trim(statistikkvariabel_label)), '^(bekymrings)?melding(ar|er)( i alt)?$')
            then 'meldinger'
    end as maal,
    ssb_verdi(value, status) as antall,
    status,
    snapshot_id
from raw.ssb_10673
where region_type = 'landet'
