-- staging.tiltak_alder
-- One row: one year, one measure, one age group and one statistic (per 31.12 / during the year /
-- new children): measures in the country (SSB 10661). Found by SSB's label, not its codes:
-- * `tiltak_nokkel`: beredskapsheim (utanom familie og nære nettverk), mellombels_heim (i familie og
--   nære nettverk, from 2021) and sentre (for foreldre og barn); other measures have none;
-- * `alder_fra`/`alder_til` from the age label ("0-2 år", "13-17 år", "18 år og over" → 18-999,
--   "I alt" → none);
-- * `maal` from the statistic's label.
--
-- Columns:
--   aar: the year counted [år]
--   tiltak: SSB's code of the measure
--   tiltak_navn: SSB's label of the measure
--   tiltak_nokkel: beredskapsheim, mellombels_heim or sentre, from the label; NULL for other measures
--   alder: SSB's code of the age group
--   aldersgruppe: SSB's label of the age group
--   alder_fra: the first age of the group; NULL for "I alt" [år]
--   alder_til: the last age of the group (999: "and over"); NULL for "I alt" [år]
--   maal: per_31_12, i_lopet_av_aret or nye, from the statistic's label
--   antall: measures; NULL where SSB shows a symbol [tiltak]
with cells as (
    select
        cast(aar as integer) as aar,
        tiltak,
        trim(tiltak_label) as tiltak_navn,
        lower(trim(tiltak_label)) as tiltak_etikett,
        alder,
        trim(alder_label) as aldersgruppe,
        lower(trim(statistikkvariabel_label)) as maal_etikett,
        ssb_verdi(value, status) as antall,
        status,
        snapshot_id
    from raw.ssb_10661
    where region_type = 'landet'
)

select
    aar,
    tiltak,
    tiltak_navn,
    case
        when tiltak_etikett like 'beredskaps%' then 'beredskapsheim'
        when tiltak_etikett like 'mellombels heim%' or tiltak_etikett like 'midlertidig hjem%' then 'mellombels_heim'
        when tiltak_etikett like '%sent%for foreldre og barn%' then 'sentre'
    end as tiltak_nokkel,
    alder,
    aldersgruppe,
    cast(nullif(regexp_extract(aldersgruppe, '(\d+)', 1), '') as integer) as alder_fra,
    case
        when regexp_matches(aldersgruppe, '\d+\s*[-–]\s*\d+')
            then cast(regexp_extract(aldersgruppe, '\d+\s*[-–]\s*(\d+)', 1) as integer)
        when regexp_matches(lower(aldersgruppe), '\d+\s*(år)?\s*(og over|og eldre|\+)') then 999
        when regexp_matches(aldersgruppe, '^\d+\s*år$') then cast(regexp_extract(aldersgruppe, '(\d+)', 1) as integer)
    end as alder_til,
    case
        when maal_etikett like '%31%' then 'per_31_12'
        when maal_etikett like '%nye%' then 'nye'
        when maal_etikett like '%i løpet av året%' then 'i_lopet_av_aret'
    end as maal,
    antall,
    status,
    snapshot_id
from cells
