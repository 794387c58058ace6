-- indicators.deflator
-- One row: one year from the first data year to the report year. For two vintages of the kommunal
-- deflator — the report's (the figures as known on its configured date, reference.rapportaar) and
-- the latest the reference data holds — the growth that year and the factor that turns that year's
-- kroner into report-year kroner: the product of (1 + growth) over the years after it, up to and
-- including the report year. A factor is NULL where a year it needs has no figure: never guessed.
--
-- Columns:
--   aar: the year whose kroner the factors convert [år]
--   deflator_as_of: the report's deflator vintage: figures published up to this month (YYYY-MM)
--   vekst_prosent: the kommunal deflator's growth that year in the report's vintage [prosent]
--   publisert_i: the document that published that figure
--   faktor_til_rapportaar: the factor that turns the year's kroner into report-year kroner (the product of 1 + growth
--         over the later years up to the report year); NULL where a year it needs has no figure
--   deflator_siste_as_of: the latest vintage the reference data hold (YYYY-MM)
--   vekst_prosent_siste: the growth that year in the latest vintage [prosent]
--   publisert_i_siste: the document that published that figure
--   faktor_til_rapportaar_siste: the factor by the latest vintage
with config as (
    select
        rapportaar.report_year,
        rapportaar.deflator_as_of as rapportens_as_of,
        (select max(published) from reference.kommunal_deflator) as siste_as_of
    from reference.rapportaar as rapportaar
    where rapportaar.report_year = getvariable('report_year')
),

years as (
    select unnest(range(getvariable('first_year'), getvariable('report_year') + 1)) as aar
),

vintages as (
    select 'rapportens' as vintage, rapportens_as_of as as_of from config
    union all
    select 'siste', siste_as_of from config
),

-- per vintage and year, the latest figure published on or before the vintage's date
known as (
    select
        vintages.vintage,
        deflator.year as aar,
        arg_max(deflator.growth_percent, deflator.published) as vekst_prosent,
        arg_max(deflator.published_in, deflator.published) as publisert_i
    from vintages
    inner join reference.kommunal_deflator as deflator on deflator.published <= vintages.as_of
    group by vintages.vintage, deflator.year
),

growth as (
    select
        years.aar,
        max(known.vekst_prosent) filter (where known.vintage = 'rapportens') as vekst_prosent,
        max(known.publisert_i) filter (where known.vintage = 'rapportens') as publisert_i,
        max(known.vekst_prosent) filter (where known.vintage = 'siste') as vekst_prosent_siste,
        max(known.publisert_i) filter (where known.vintage = 'siste') as publisert_i_siste
    from years
    left join known on known.aar = years.aar
    group by years.aar
),

factors as (
    select
        growth.*,
        count(vekst_prosent) over later as kjente_senere_aar,
        exp(sum(ln(1 + vekst_prosent / 100)) over later) as produkt,
        count(vekst_prosent_siste) over later as kjente_senere_aar_siste,
        exp(sum(ln(1 + vekst_prosent_siste / 100)) over later) as produkt_siste
    from growth
    window later as (order by aar rows between 1 following and unbounded following)
)

select
    config.report_year,
    factors.aar,
    config.rapportens_as_of as deflator_as_of,
    factors.vekst_prosent,
    factors.publisert_i,
    case
        when factors.aar = config.report_year then 1.0
        when factors.kjente_senere_aar = config.report_year - factors.aar then factors.produkt
    end as faktor_til_rapportaar,
    config.siste_as_of as deflator_siste_as_of,
    factors.vekst_prosent_siste,
    factors.publisert_i_siste,
    case
        when factors.aar = config.report_year then 1.0
        when factors.kjente_senere_aar_siste = config.report_year - factors.aar then factors.produkt_siste
    end as faktor_til_rapportaar_siste
from factors
cross join config
order by factors.aar
