-- indicators.netto_driftsutgifter_landet
-- One row: one KOSTRA function and one year: the country's netto driftsutgifter with and without
-- Oslo, in 1 000 nominal and report-year kroner. The national figures are SSB's own (EAK, EAKUO)
-- where the snapshot has them, else the sum over the kommuner (`kilde` says which). Beside them: the
-- sum over the kommuner after mapping to the report year's structure and the same sum before it
-- (the mapping must not change a national total).
with ssb_national as (
    select
        funksjon,
        aar,
        sum(belop_1000_kr) filter (where region_type = 'landet') as landet_1000_kr,
        sum(belop_1000_kr) filter (where region_type = 'landet_uten_oslo') as landet_uten_oslo_1000_kr,
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
        sum(celler_med_symbol) as celler_med_symbol
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
        kommune_sums.med_oslo_1000_kr as sum_kommuner_1000_kr,
        kommune_sums.uten_oslo_1000_kr as sum_kommuner_uten_oslo_1000_kr,
        kommune_sums.kommuner_med_tall,
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
    national.sum_kommuner_1000_kr,
    national.sum_kommuner_uten_oslo_1000_kr,
    national.kommuner_med_tall,
    national.celler_med_symbol,
    national.kommuner_foer_omkoding_1000_kr,
    national.sum_kommuner_1000_kr - national.kommuner_foer_omkoding_1000_kr as omkoding_differanse_1000_kr
from national
left join deflator on deflator.aar = national.aar
order by national.funksjon, national.aar
