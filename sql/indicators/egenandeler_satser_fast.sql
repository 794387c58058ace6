-- indicators.egenandeler_satser_fast
-- One row: one measure of table 5-2 (reference.egenandeler_tiltak: its row label as the report words
-- it, its place, whether it is a row or a footnote, the year it ended) and one year from the year
-- before the reform to the report year: the kommune's monthly co-payment (egenandel) per child,
-- nominal and in report-year kroner (the report's deflator vintage), and its change in per cent
-- since the year before the reform. A year with no published rate in the reference data stays
-- empty and says so; a year after a measure ended says that instead. A rate of a measure the table
-- does not know (a new measure in a later circular) gets a row of its own, `vis_som` = 'ukjent',
-- so that the table's check can name it.
--
-- Columns:
--   tiltak_nokkel: the measure's key
--   tiltak: the row label as the report words it; for a measure the table does not know, the key
--   rekkefolge: the row's place in table 5-2
--   vis_som: rad, fotnote or ukjent (a measure the table does not know: the check names it)
--   fotnote_til: the measure whose row the footnote is marked on
--   fotnote: the footnote's text
--   siste_aar: the last year a measure that ended had a rate [år]
--   aar: the year of the rate [år]
--   sats_nominell: the monthly co-payment per child, nominal; NULL where no rate is published in the reference data
--         [kr per måned]
--   faktor: the deflator factor from the year to the report year (the report's vintage)
--   sats_fast: the rate in report-year kroner [kr per måned, rapportårets kroner]
--   endring_prosent_fra_aaret_foer_reformen: the change in report-year kroner since the year before the reform
--         [prosent]
--   pre_reform_year: the year before the reform [år]
--   deflator_as_of: the report's deflator vintage (YYYY-MM)
--   kilde: the circular the rate is taken from
--   merknad: why a rate is missing: the measure ended, or no rate for the year in the reference data
with config as (
    select report_year, pre_reform_year, deflator_as_of
    from reference.rapportaar
    where report_year = getvariable('report_year')
),

years as (
    select unnest(range(config.pre_reform_year, config.report_year + 1)) as aar
    from config
),

rates as (
    select
        year as aar,
        tiltak_nokkel,
        any_value(tiltak) as tiltak,
        any_value(sats_kr_per_maaned) as sats_nominell,  -- one row per key (the reference check)
        any_value(source_document) as kilde
    from reference.egenandeler_satser
    group by year, tiltak_nokkel
),

unknown as (
    select rates.tiltak_nokkel, arg_max(rates.tiltak, rates.aar) as tiltak
    from rates
    cross join config
    where rates.aar between config.pre_reform_year and config.report_year
        and rates.tiltak_nokkel not in (select tiltak_nokkel from reference.egenandeler_tiltak)
    group by rates.tiltak_nokkel
),

measures as (
    select tiltak_nokkel, tabell_rad, rekkefolge, vis_som, fotnote_til, siste_aar, fotnote
    from reference.egenandeler_tiltak
    union all
    select tiltak_nokkel, tiltak, null, 'ukjent', null, null, null
    from unknown
),

rows as (
    select
        measures.*,
        years.aar,
        rates.sats_nominell,
        rates.kilde,
        deflator.faktor_til_rapportaar as faktor,
        rates.sats_nominell * deflator.faktor_til_rapportaar as sats_fast
    from measures
    cross join years
    left join rates on rates.tiltak_nokkel = measures.tiltak_nokkel and rates.aar = years.aar
    left join indicators.deflator as deflator
        on deflator.report_year = getvariable('report_year') and deflator.aar = years.aar
)

select
    getvariable('report_year') as report_year,
    rows.tiltak_nokkel,
    rows.tabell_rad as tiltak,
    rows.rekkefolge,
    rows.vis_som,
    rows.fotnote_til,
    rows.fotnote,
    rows.siste_aar,
    rows.aar,
    rows.sats_nominell,
    rows.faktor,
    rows.sats_fast,
    100.0 * (rows.sats_fast / nullif(max(rows.sats_fast) filter (where rows.aar = config.pre_reform_year)
        over per_measure, 0) - 1) as endring_prosent_fra_aaret_foer_reformen,
    config.pre_reform_year,
    config.deflator_as_of,
    rows.kilde,
    case
        when rows.siste_aar is not null and rows.aar > rows.siste_aar then 'ordningen er avviklet'
        when rows.sats_nominell is null then 'sats for året finnes ikke i referansedataene'
    end as merknad
from rows
cross join config
window per_measure as (partition by rows.tiltak_nokkel)
order by rows.rekkefolge nulls last, rows.tiltak_nokkel, rows.aar
