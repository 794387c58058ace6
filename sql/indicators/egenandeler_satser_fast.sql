-- indicators.egenandeler_satser_fast
-- One row: one state child-welfare measure and one year from the year before the reform to the
-- report year: the kommune's monthly co-payment (egenandel) per child, nominal and in report-year
-- kroner (the report's deflator vintage), and its change in per cent since the year before the
-- reform (table 5-2). A year with no published rate in the reference data stays empty, and says so.
with config as (
    select report_year, pre_reform_year
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
        any_value(sats_kr_per_maaned) as sats_nominell  -- one row per key (the reference check)
    from reference.egenandeler_satser
    group by year, tiltak_nokkel
),

measures as (
    -- every measure with a rate in the table's years, named as in its latest circular (a measure that
    -- ended, like forsterkning av fosterhjem in 2022, keeps its row with empty later years)
    select tiltak_nokkel, arg_max(tiltak, aar) as tiltak
    from rates
    cross join config
    where aar between config.pre_reform_year and config.report_year
    group by tiltak_nokkel
),

rows as (
    select
        measures.tiltak_nokkel,
        measures.tiltak,
        years.aar,
        rates.sats_nominell,
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
    rows.tiltak,
    rows.aar,
    rows.sats_nominell,
    rows.faktor,
    rows.sats_fast,
    100.0 * (rows.sats_fast / nullif(first_value(rows.sats_fast) over per_measure, 0) - 1)
        as endring_prosent_fra_aaret_foer_reformen,
    case when rows.sats_nominell is null then 'sats for året finnes ikke i referansedataene' end as merknad
from rows
window per_measure as (partition by rows.tiltak_nokkel order by rows.aar)
order by rows.tiltak_nokkel, rows.aar
