-- staging.barnevernstiltak
-- One row: one year, one region (the country or a barnevernsregion), one measure and one statistic
-- (per 31.12 / during the year / for new children): measures (not children) in SSB 10660.
--
-- SSB's labels are matched here, never its code numbers (public sources disagree on them):
-- * the statistic by its label ("... per 31. desember", "... i løpet av året", "... nye barn");
-- * the two categories of cooperation with other services by their label, nynorsk or bokmål;
--   a measure belongs to a category when its code continues the category's code (6 → 6.01);
-- * the barnevernsregion by the name in its label ("Region nord", "Region midt-Noreg", ..., "Oslo"),
--   matched exactly: a region label it does not know leaves `barnevernsregion` NULL, and the
--   indicator's check names it. Fylker and a region "uoppgitt" are left out.
--
-- Columns:
--   aar: the year counted [år]
--   region_type: landet or barnevernsregion
--   region: SSB's region code
--   region_navn: the region's name: "Hele landet", or SSB's label
--   barnevernsregion: nord, midt_norge, vest, sor, ost or oslo, from the label; NULL for a label not known
--   tiltak: SSB's code of the measure or category (6, 6.01, …)
--   tiltak_navn: SSB's label of the measure
--   kategori: the category the measure belongs to (by its code), where it belongs to one of the two read
--   er_kategori: true for the category's own row, false for a measure under it
--   nokkel: i_alt for the total of all measures, utdanning_arbeid for that measure; else NULL
--   maal: per_31_12, i_lopet_av_aret or nye, from the statistic's label
--   antall: measures (not children); NULL where SSB shows a symbol [tiltak]
with cells as (
    select
        cast(aar as integer) as aar,
        region,
        region_label,
        region_type,
        tiltak,
        tiltak_label,
        lower(trim(statistikkvariabel_label)) as maal_label,
        ssb_verdi(value, status) as antall,
        status,
        snapshot_id
    from raw.ssb_10660
    where region_type = 'landet'
       or (region_type = 'barnevernsregion' and lower(region_label) not like '%uoppgit%')
),

category_labels (kategori, etikett) as (
    values
        ('nettverk', 'nettverksarbeid/samarbeid med andre tenester'),
        ('nettverk', 'nettverksarbeid/samarbeid med andre tjenester'),
        ('undersoking', 'undersøking og behandling frå andre tenester'),
        ('undersoking', 'undersøkelse og behandling fra andre tjenester')
),

categories as (
    select distinct cells.tiltak as kategori_kode, category_labels.kategori
    from cells
    inner join category_labels on lower(trim(cells.tiltak_label)) = category_labels.etikett
)

select
    cells.aar,
    case when cells.region_type = 'landet' then 'landet' else 'barnevernsregion' end as region_type,
    cells.region,
    case when cells.region_type = 'landet' then 'Hele landet' else trim(cells.region_label) end as region_navn,
    -- the region's name without "Region " (and a leading code), matched exactly
    case regexp_replace(lower(trim(cells.region_label)), '^([0-9a-z]+\s+)?region\s+', '')
        when 'nord' then 'nord'
        when 'midt-norge' then 'midt_norge'
        when 'midt-noreg' then 'midt_norge'
        when 'midt' then 'midt_norge'
        when 'vest' then 'vest'
        when 'sør' then 'sor'
        when 'øst' then 'ost'
        when 'aust' then 'ost'
        when 'oslo' then 'oslo'
    end as barnevernsregion,
    cells.tiltak,
    trim(cells.tiltak_label) as tiltak_navn,
    categories.kategori,
    categories.kategori_kode = cells.tiltak as er_kategori,
    case
        when lower(trim(cells.tiltak_label)) in ('i alt', 'tiltak i alt', 'barnevernstiltak i alt', 'alle tiltak')
            then 'i_alt'
        when lower(trim(cells.tiltak_label)) = 'utdanning og arbeid' then 'utdanning_arbeid'
    end as nokkel,
    case
        when cells.maal_label like '%31%' then 'per_31_12'
        when cells.maal_label like '%nye%' then 'nye'
        when cells.maal_label like '%i løpet av året%' then 'i_lopet_av_aret'
    end as maal,
    cells.antall,
    cells.status,
    cells.snapshot_id
from cells
left join categories
    on cells.tiltak = categories.kategori_kode or starts_with(cells.tiltak, categories.kategori_kode || '.')
