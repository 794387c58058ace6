-- indicators.netto_driftsutgifter_landet
-- One row: one KOSTRA function and one year: the country's netto driftsutgifter with and without
-- Oslo, in 1 000 nominal and report-year kroner. The national figures are SSB's own (EAK, EAKUO)
-- where the snapshot has them, else the sum over the kommuner (`kilde` says which). Beside them: the
-- sum over the kommuner after mapping to the report year's structure and the same sum before it
-- (the mapping must not change a national total).
-- Suppressed cells (README, "Status symbols"): where SSB publishes its own total as a symbol, the
-- sum over the kommuner takes its place; where that sum lacks kommuner (their number is a symbol),
-- it is too low by what they spent. Either is said in `merknad_symboler_med_oslo` / `merknad_symboler_uten_oslo`,
-- which the figures carry into their footnotes, naming the cells and the kommuner.
--
-- Columns:
--   funksjon: the KOSTRA function: 244, 251 or 252
--   aar: the accounting year [år]
--   kilde: where the national figures come from: SSB's own totals (EAK, EAKUO) or the sum over the kommuner
--   med_oslo_1000_kr: the country's netto driftsutgifter, nominal [1 000 kr]
--   uten_oslo_1000_kr: the country without Oslo, nominal [1 000 kr]
--   med_oslo_1000_kr_fast: the country, in report-year kroner (the report's deflator vintage) [1 000 kr, rapportårets
--         kroner]
--   uten_oslo_1000_kr_fast: the country without Oslo, in report-year kroner [1 000 kr, rapportårets kroner]
--   uten_oslo_1000_kr_fast_siste_deflator: the country without Oslo, in report-year kroner by the latest deflator
--         vintage [1 000 kr, rapportårets kroner]
--   merknad_symboler_med_oslo: what SSB's symbols did to the figure with Oslo (a sum in place of SSB's total, or
--         kommuner missing from it), for the footnotes; NULL where nothing
--   merknad_symboler_uten_oslo: the same for the figure without Oslo
--   sum_kommuner_1000_kr: the sum over the kommuner of the report year's structure, nominal [1 000 kr]
--   sum_kommuner_uten_oslo_1000_kr: the same without Oslo [1 000 kr]
--   kommuner_med_tall: kommuner with a number that year
--   kommuner_uten_tall: kommuner without a number that year (a part shown as a symbol)
--   celler_med_symbol: kommune cells SSB shows as a symbol that year
--   kommuner_foer_omkoding_1000_kr: the sum over the kommune codes as the data have them, before mapping [1 000 kr]
--   omkoding_differanse_1000_kr: the mapped sum less the sum before mapping (audited: 0); NULL unless every kommune
--         has a number [1 000 kr]
with ssb_national as (
    select
        funksjon,
        aar,
        sum(belop_1000_kr) filter (where region_type = 'landet') as landet_1000_kr,
        sum(belop_1000_kr) filter (where region_type = 'landet_uten_oslo') as landet_uten_oslo_1000_kr,
        -- SSB's own total is there, but as a symbol: the status it carries (or 'tom': no number, no symbol)
        max(coalesce(status, 'tom')) filter (where region_type = 'landet' and belop_1000_kr is null)
            as landet_symbol,
        max(coalesce(status, 'tom')) filter (where region_type = 'landet_uten_oslo' and belop_1000_kr is null)
            as landet_uten_oslo_symbol,
        sum(belop_1000_kr) filter (where region_type = 'kommune') as kommuner_foer_omkoding_1000_kr
    from staging.kostra_utgifter
    where art = 'AGD2' and region_type in ('kommune', 'landet', 'landet_uten_oslo')
        and aar < getvariable('report_year')
    group by funksjon, aar
),

kommune_sums as (
    select
        funksjon,
        aar,
        sum(netto_1000_kr) as med_oslo_1000_kr,
        sum(netto_1000_kr) filter (where not er_oslo) as uten_oslo_1000_kr,
        count(*) filter (where netto_1000_kr is not null) as kommuner_med_tall,
        sum(celler_med_symbol) as celler_med_symbol,
        count(*) filter (where netto_1000_kr is null) as kommuner_uten_tall,
        count(*) filter (where netto_1000_kr is null and not er_oslo) as kommuner_uten_tall_uten_oslo,
        string_agg(concat_ws(' ', kommune_kode, kommune_navn, coalesce(symboler, '«tom»')), ', '
                   order by kommune_kode) filter (where netto_1000_kr is null) as uten_tall,
        string_agg(concat_ws(' ', kommune_kode, kommune_navn, coalesce(symboler, '«tom»')), ', '
                   order by kommune_kode) filter (where netto_1000_kr is null and not er_oslo) as uten_tall_uten_oslo
    from indicators.netto_driftsutgifter
    where report_year = getvariable('report_year')
    group by funksjon, aar
),

deflator as (
    select aar, faktor_til_rapportaar, faktor_til_rapportaar_siste
    from indicators.deflator
    where report_year = getvariable('report_year')
),

national as (
    select
        ssb_national.funksjon,
        ssb_national.aar,
        coalesce(ssb_national.landet_1000_kr, kommune_sums.med_oslo_1000_kr) as med_oslo_1000_kr,
        coalesce(ssb_national.landet_uten_oslo_1000_kr, kommune_sums.uten_oslo_1000_kr) as uten_oslo_1000_kr,
        case when ssb_national.landet_1000_kr is not null then 'SSB EAK' else 'sum av kommuner' end
        || ' / '
        || case when ssb_national.landet_uten_oslo_1000_kr is not null then 'SSB EAKUO' else 'sum av kommuner' end
            as kilde,
        -- Said only where the number shown is the sum over the kommuner: SSB's own total does not
        -- depend on which kommuner have a number.
        case when ssb_national.landet_1000_kr is null then nullif(concat_ws('; ',
            case when ssb_national.landet_symbol is not null then
                'SSBs tall for hele landet er «' || ssb_national.landet_symbol || '», summen av kommunene er brukt'
            end,
            case when kommune_sums.kommuner_uten_tall > 0 then
                'summen er uten ' || kommune_sums.kommuner_uten_tall || ' kommune(r) som mangler tall, og derfor '
                || 'for lav: ' || kommune_sums.uten_tall
            end
        ), '') end as merknad_symboler_med_oslo,
        case when ssb_national.landet_uten_oslo_1000_kr is null then nullif(concat_ws('; ',
            case when ssb_national.landet_uten_oslo_symbol is not null then
                'SSBs tall for landet uten Oslo er «' || ssb_national.landet_uten_oslo_symbol
                || '», summen av kommunene er brukt'
            end,
            case when kommune_sums.kommuner_uten_tall_uten_oslo > 0 then
                'summen er uten ' || kommune_sums.kommuner_uten_tall_uten_oslo || ' kommune(r) som mangler tall, og '
                || 'derfor for lav: ' || kommune_sums.uten_tall_uten_oslo
            end
        ), '') end as merknad_symboler_uten_oslo,
        kommune_sums.med_oslo_1000_kr as sum_kommuner_1000_kr,
        kommune_sums.uten_oslo_1000_kr as sum_kommuner_uten_oslo_1000_kr,
        kommune_sums.kommuner_med_tall,
        kommune_sums.kommuner_uten_tall,
        kommune_sums.celler_med_symbol,
        ssb_national.kommuner_foer_omkoding_1000_kr
    from ssb_national
    left join kommune_sums on kommune_sums.funksjon = ssb_national.funksjon and kommune_sums.aar = ssb_national.aar
)

select
    getvariable('report_year') as report_year,
    national.funksjon,
    national.aar,
    national.kilde,
    national.med_oslo_1000_kr,
    national.uten_oslo_1000_kr,
    national.med_oslo_1000_kr * deflator.faktor_til_rapportaar as med_oslo_1000_kr_fast,
    national.uten_oslo_1000_kr * deflator.faktor_til_rapportaar as uten_oslo_1000_kr_fast,
    national.uten_oslo_1000_kr * deflator.faktor_til_rapportaar_siste as uten_oslo_1000_kr_fast_siste_deflator,
    'Funksjon ' || national.funksjon || ', ' || national.aar || ': ' || national.merknad_symboler_med_oslo
        as merknad_symboler_med_oslo,
    'Funksjon ' || national.funksjon || ', ' || national.aar || ': ' || national.merknad_symboler_uten_oslo
        as merknad_symboler_uten_oslo,
    national.sum_kommuner_1000_kr,
    national.sum_kommuner_uten_oslo_1000_kr,
    national.kommuner_med_tall,
    national.kommuner_uten_tall,
    national.celler_med_symbol,
    national.kommuner_foer_omkoding_1000_kr,
    -- Only comparable when every kommune has a number: a kommune without one is out of the mapped sum
    -- but its other parts are still in the sum before mapping.
    case when national.kommuner_uten_tall = 0
        then national.sum_kommuner_1000_kr - national.kommuner_foer_omkoding_1000_kr
    end as omkoding_differanse_1000_kr
from national
left join deflator on deflator.aar = national.aar
order by national.funksjon, national.aar
