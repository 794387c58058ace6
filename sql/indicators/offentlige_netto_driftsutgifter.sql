-- indicators.offentlige_netto_driftsutgifter
-- One row: one year before the report year: total public net spending on child welfare in
-- report-year kroner: the state's (Bufetat's gross spending, accounts, minus the municipal
-- co-payments it received) and the kommuner's (netto driftsutgifter 244+251+252, the country without
-- Oslo: the basis of figure 5-14 and the headline; Oslo kommune carries the tasks Bufetat has elsewhere,
-- and Bufetat's figures do not cover Oslo). Years without Bufdir figures have only the municipal part
-- (figure 5-11 shows them so). `merknad_symboler`: where the municipal part is a sum over kommuner that
-- lacks some (their numbers are SSB symbols).
--
-- Columns:
--   aar: the year [år]
--   stat_mrd_kr: the state's net spending: Bufetat's gross spending less the co-payments it received; NULL without
--         Bufdir figures [mrd. kr, rapportårets kroner]
--   kommune_mrd_kr: the kommuner's netto driftsutgifter 244+251+252, the country without Oslo [mrd. kr, rapportårets
--         kroner]
--   samlet_mrd_kr: state and kommuner together [mrd. kr, rapportårets kroner]
--   bufetat_brutto_1000_kr: Bufetat's gross operating expenditure, nominal (Bufdir) [1 000 kr]
--   egenandeler_innbetalt_1000_kr: the kommuner's co-payments Bufetat received, nominal (Bufdir) [1 000 kr]
--   mangler_egenandeler: true where Bufetat's accounts are there but the co-payments received are not (the state part
--         cannot be computed)
--   merknad_symboler: where the municipal part is a sum over kommuner that lacks some (SSB symbols); NULL where none
with state as (
    select
        utgifter.aar,
        sum(utgifter.belop_1000_kr) as brutto_1000_kr,
        any_value(utgifter.faktor) as faktor
    from indicators.bufetat_driftsutgifter as utgifter
    where utgifter.report_year = getvariable('report_year') and utgifter.type = 'regnskap'
    group by utgifter.aar
),

municipal as (
    select
        aar,
        sum(uten_oslo_1000_kr_fast) as netto_1000_kr_fast,
        string_agg(merknad_symboler_uten_oslo, '. ' order by funksjon) as merknad_symboler
    from indicators.netto_driftsutgifter_landet
    where report_year = getvariable('report_year')
    group by aar
    having count(uten_oslo_1000_kr_fast) = 3
)

select
    getvariable('report_year') as report_year,
    municipal.aar,
    (state.brutto_1000_kr - innbetalt.belop_1000_kr) * state.faktor / 1e6 as stat_mrd_kr,
    municipal.netto_1000_kr_fast / 1e6 as kommune_mrd_kr,
    (state.brutto_1000_kr - innbetalt.belop_1000_kr) * state.faktor / 1e6 + municipal.netto_1000_kr_fast / 1e6
        as samlet_mrd_kr,
    state.brutto_1000_kr as bufetat_brutto_1000_kr,
    innbetalt.belop_1000_kr as egenandeler_innbetalt_1000_kr,
    -- Bufetat accounts without the co-payments received that year: the state part cannot be computed
    state.brutto_1000_kr is not null and innbetalt.belop_1000_kr is null as mangler_egenandeler,
    -- the municipal part is a sum over kommuner that lacks some (README, "Status symbols")
    municipal.merknad_symboler
from municipal
left join state on state.aar = municipal.aar
left join raw.bufdir_bufetat_egenandeler_innbetalt as innbetalt on innbetalt.aar = municipal.aar
where municipal.aar < getvariable('report_year')
order by municipal.aar
