-- indicators.rammetilskudd_sammenligning (the headline)
-- One row: one reform year up to the report year's data year: the rise in municipal netto
-- driftsutgifter (244+251+252, without Oslo) from the year before the reform, against the rise in
-- rammetilskudd tied to the reform (every item in force that year, summed: the increases are
-- permanent), both in report-year kroner, and the difference (rammetilskudd minus spending). The same
-- under the latest deflator vintage shows how much the difference moves with the deflator; and with the
-- grant items summed as stated, each in the kroner of its own year (not price-adjusted), as the 2023
-- report's text compares them.
-- Where a spending figure of the base year or the reform year is a sum over kommuner that lacks some
-- (their numbers are SSB symbols), `merknad_symboler` (a list: each note once) says so: the headline
-- carries it into its JSON and its figure's footnote (README, "Status symbols").
--
-- Columns:
--   aar: the reform year compared with the year before the reform [år]
--   basisaar: the year before the reform the rise is measured from [år]
--   kroneaar: the year whose kroner every amount is in: the report year [år]
--   deflator_as_of: the report's deflator vintage (YYYY-MM)
--   utgifter_basisaar_mill_kr: municipal netto driftsutgifter 244+251+252 without Oslo in the base year [mill. kr,
--         rapportårets kroner]
--   utgifter_aar_mill_kr: the same in the reform year [mill. kr, rapportårets kroner]
--   utgiftsokning_mill_kr: the rise in spending from the base year [mill. kr, rapportårets kroner]
--   rammetilskudd_okning_mill_kr: the rise in rammetilskudd tied to the reform, every item in force that year,
--         converted from its kroner year [mill. kr, rapportårets kroner]
--   differanse_mill_kr: rammetilskudd rise less spending rise (the headline) [mill. kr, rapportårets kroner]
--   differanse_siste_deflator_mill_kr: the same difference by the latest deflator vintage [mill. kr, rapportårets
--         kroner]
--   differanse_endring_siste_deflator_mill_kr: how far the latest deflator vintage moves the difference [mill. kr]
--   rammetilskudd_okning_nominell_mill_kr: the rise in rammetilskudd with each item as stated, in its own year's
--         kroner (the 2023 report's way) [mill. kr]
--   differanse_nominell_mill_kr: that rise less the spending rise, as the 2023 report's text compares them [mill. kr]
--   poster_og_faktorer: the items summed and the deflator factors used, written out
--   merknad_symboler: notes on spending sums that lack kommuner because of SSB symbols, each once; NULL where none
--   forutsetninger: the assumptions of the comparison, in words
with config as (
    select report_year, pre_reform_year, first_reform_year, deflator_as_of
    from reference.rapportaar
    where report_year = getvariable('report_year')
),

spending as (
    select
        aar,
        sum(uten_oslo_1000_kr_fast) / 1000 as mill_kr_fast,
        sum(uten_oslo_1000_kr_fast_siste_deflator) / 1000 as mill_kr_fast_siste_deflator,
        list(merknad_symboler_uten_oslo order by funksjon) filter (where merknad_symboler_uten_oslo is not null)
            as merknader
    from indicators.netto_driftsutgifter_landet
    where report_year = getvariable('report_year')
        and funksjon in ('244', '251', '252')
        and aar < getvariable('report_year')
    group by aar
    -- all three functions, or no sum: a partial sum would understate the spending
    having count(distinct funksjon) = 3 and count(uten_oslo_1000_kr_fast) = 3
),

reform_years as (
    select spending.*
    from spending
    cross join config
    where spending.aar >= config.first_reform_year
),

grants as (
    select
        reform_years.aar,
        sum(poster.mill_kr_fast) as mill_kr_fast,
        sum(poster.mill_kr_fast_siste_deflator) as mill_kr_fast_siste_deflator,
        sum(poster.mill_kr) as mill_kr_nominell,
        string_agg(
            poster.post || ' ' || poster.mill_kr || ' mill. ' || poster.kroneaar || '-kr × '
            || round(poster.faktor, 4), '; ' order by poster.fra_aar, poster.post
        ) as poster_og_faktorer
    from reform_years
    inner join indicators.rammetilskudd_poster as poster
        on poster.report_year = getvariable('report_year')
        and poster.fra_aar <= reform_years.aar
        and poster.i_hovedtall
    group by reform_years.aar
)

select
    config.report_year,
    reform_years.aar,
    config.pre_reform_year as basisaar,
    config.report_year as kroneaar,
    config.deflator_as_of,
    basis.mill_kr_fast as utgifter_basisaar_mill_kr,
    reform_years.mill_kr_fast as utgifter_aar_mill_kr,
    reform_years.mill_kr_fast - basis.mill_kr_fast as utgiftsokning_mill_kr,
    grants.mill_kr_fast as rammetilskudd_okning_mill_kr,
    grants.mill_kr_fast - (reform_years.mill_kr_fast - basis.mill_kr_fast) as differanse_mill_kr,
    grants.mill_kr_fast_siste_deflator
        - (reform_years.mill_kr_fast_siste_deflator - basis.mill_kr_fast_siste_deflator)
        as differanse_siste_deflator_mill_kr,
    (grants.mill_kr_fast_siste_deflator
        - (reform_years.mill_kr_fast_siste_deflator - basis.mill_kr_fast_siste_deflator))
    - (grants.mill_kr_fast - (reform_years.mill_kr_fast - basis.mill_kr_fast))
        as differanse_endring_siste_deflator_mill_kr,
    -- The 2023 report set the grant as stated (2 204 mill. 2022-kroner), not price-adjusted, against the
    -- rise in report-year kroner: the same comparison here, beside the pipeline's own (README, headline).
    grants.mill_kr_nominell as rammetilskudd_okning_nominell_mill_kr,
    grants.mill_kr_nominell - (reform_years.mill_kr_fast - basis.mill_kr_fast) as differanse_nominell_mill_kr,
    grants.poster_og_faktorer,
    -- each note once, in the order of function and year (the notes begin with both)
    nullif(list_sort(list_distinct(list_concat(coalesce(basis.merknader, []), coalesce(reform_years.merknader, [])))),
           []) as merknad_symboler,
    'Kommunale netto driftsutgifter f. 244+251+252 uten Oslo (SSB 12362); rammetilskudd: poster i '
        || 'reference.rammetilskudd_barnevernsreform med i_hovedtall, varige fra fra_aar' as forutsetninger
from reform_years
cross join config
inner join spending as basis on basis.aar = config.pre_reform_year
left join grants on grants.aar = reform_years.aar
order by reform_years.aar
