-- indicators.fosterhjem_undertyper
-- One row: one year before the report year, one region (the country or a barnevernsregion) and one
-- sub-type of fosterhjem: measures (tiltak, not children; all ages) per 31.12 in fosterhjem i familie
-- og nære nettverk (tiltakskode 2.1) and utenom familie og nære nettverk (2.2), from SSB 10660, which
-- has every measure by region. 11600 (children by type of placement) has no such sub-types.
-- Found by SSB's label, nynorsk or bokmål (assets/sources/plasseringer.py, FOSTERHJEM_UNDERTYPER):
-- the check on this table names a sub-type it could not find.
--
-- Columns:
--   aar: the year, per 31.12 [år]
--   region: landet or a barnevernsregion (nord, midt_norge, vest, sor, ost, oslo)
--   region_navn: the region's name as SSB labels it
--   undertype: i_familie (i familie og nære nettverk, tiltakskode 2.1) or utenom_familie (2.2)
--   tiltak_navn: SSB's label of the measure
--   antall: measures (not children), all ages, on 31 December (SSB 10660) [tiltak]
with labels (undertype, etikett) as (
    values
        ('i_familie', 'fosterheim i familie og nære nettverk'),
        ('i_familie', 'fosterhjem i familie og nære nettverk'),
        ('utenom_familie', 'fosterheim utanom familie og nære nettverk'),
        ('utenom_familie', 'fosterhjem utenom familie og nære nettverk')
)

select
    getvariable('report_year') as report_year,
    t.aar,
    case when t.region_type = 'landet' then 'landet' else t.barnevernsregion end as region,
    t.region_navn,
    labels.undertype,
    t.tiltak_navn,
    t.antall
from staging.barnevernstiltak as t
inner join labels on regexp_replace(lower(trim(t.tiltak_navn)), '^[0-9.]+\s+', '') = labels.etikett
where t.maal = 'per_31_12' and t.aar < getvariable('report_year')
  and (t.region_type = 'landet' or t.barnevernsregion is not null)
order by t.aar, region, labels.undertype
