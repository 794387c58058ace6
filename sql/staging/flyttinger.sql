-- staging.flyttinger
-- One row: one year, one type of fosterhjem, one age group and one statistic of SSB 13353, with keys
-- from SSB's labels: `type` i_alt / i_familie / utenom_familie / beredskapsheim (SSB's third type; the
-- indicator leaves it out), `alder` the declaration's key of the age group (it selects 0-17 år: '0_17'),
-- and `maal` barn (children who lived in a fosterhjem during the year) or minst_en_flytting (those with
-- at least one move since their first placement).
--
-- Columns:
--   aar: the year counted [år]
--   fosterheimstype: SSB's code of the type of fosterhjem
--   fosterheimstype_navn: SSB's label of the type
--   type: i_alt, i_familie, utenom_familie or beredskapsheim, from the label
--   alder: the declaration's key of the age group ('0_17')
--   statistikkvariabel: SSB's code of the statistic
--   maal: barn (in a fosterhjem during the year) or minst_en_flytting (at least one move since the first placement);
--         NULL for other statistics
--   antall: children; NULL where SSB shows a symbol [barn]
select
    cast(aar as integer) as aar,
    fosterheimstype,
    trim(fosterheimstype_label) as fosterheimstype_navn,
    case
        when lower(fosterheimstype_label) like '%i alt%' or lower(fosterheimstype_label) like 'alle%' then 'i_alt'
        -- beredskapsheim first: SSB writes "Beredskapsheim utanom familie og nære nettverk"
        when lower(trim(fosterheimstype_label)) like 'beredskap%' then 'beredskapsheim'
        when regexp_matches(lower(trim(fosterheimstype_label)), '^foster(heim|hjem) (utanom|utenom) familie')
            then 'utenom_familie'
        when regexp_matches(lower(trim(fosterheimstype_label)), '^foster(heim|hjem) i familie') then 'i_familie'
    end as type,
    alder_key as alder,
    statistikkvariabel,
    case
        when lower(statistikkvariabel_label) like '%flytting%' and lower(statistikkvariabel_label) like '%minst%'
            then 'minst_en_flytting'
        when lower(statistikkvariabel_label) like '%fosterheim%' and lower(statistikkvariabel_label) not like '%flytt%'
            then 'barn'
    end as maal,
    ssb_verdi(value, status) as antall,
    status,
    snapshot_id
from raw.ssb_13353
