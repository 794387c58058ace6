-- indicators.netto_driftsutgifter_kategori
-- One row: one KOSTRA function, one befolkningskategori and one year: netto driftsutgifter of the
-- kommuner in that category (category in the structure year), without Oslo, in million report-year
-- kroner (figures 5-15 to 5-17).
-- Suppressed cells (README, "Status symbols"): a group's series is the sum over the same kommuner in
-- every year (a balanced panel). A kommune that lacks a number in one or more of the years shown (a
-- symbol, or no row) is left out of every year of its function, so that a kommune that did not report
-- one year does not look like a fall in spending; `merknad_symboler` names them.
--
-- Columns:
--   funksjon: the KOSTRA function: 244, 251 or 252
--   befolkningskategori: the befolkningskategori (in the structure year)
--   befolkningskategori_navn: the category's name
--   aar: the accounting year [år]
--   netto_mill_kr_fast: the category's kommuner's netto driftsutgifter, without Oslo, in report-year kroner (the same
--         kommuner every year) [mill. kr, rapportårets kroner]
--   netto_mill_kr_lopende: the same in nominal kroner [mill. kr]
--   kommuner_med_tall: kommuner summed
--   kommuner_utelatt_funksjon: kommuner left out of every year of the function because one year lacks a number
--   merknad_symboler: the kommuner left out, named; NULL where none
with kommuner as (
    select *
    from indicators.netto_driftsutgifter
    where report_year = getvariable('report_year')
        and not er_oslo
),

years as (
    select funksjon, count(distinct aar) as aar_i_alt
    from kommuner
    group by funksjon
),

panel as (
    select
        kommuner.funksjon,
        kommuner.kommune_kode,
        count(kommuner.netto_1000_kr) = any_value(years.aar_i_alt) as i_panelet,
        string_agg(kommuner.aar || ' ' || coalesce(kommuner.symboler, '«tom»'), ', ' order by kommuner.aar)
            filter (where kommuner.netto_1000_kr is null) as mangler
    from kommuner
    inner join years on years.funksjon = kommuner.funksjon
    group by kommuner.funksjon, kommuner.kommune_kode
),

left_out as (
    select
        panel.funksjon,
        count(*) as kommuner_utelatt,
        'Funksjon ' || panel.funksjon || ': ' || count(*) || ' kommune(r) som mangler tall for minst ett av årene '
        || 'er utelatt fra alle år: ' || string_agg(
            concat_ws(' ', kommune.kommune_kode, kommune.kommune_navn, '(' || coalesce(panel.mangler, 'rader mangler')
                      || ')'), ', ' order by kommune.kommune_kode) as merknad_symboler
    from panel
    inner join (select distinct kommune_kode, kommune_navn from kommuner) as kommune
        on kommune.kommune_kode = panel.kommune_kode
    where not panel.i_panelet
    group by panel.funksjon
)

select
    getvariable('report_year') as report_year,
    kommuner.funksjon,
    kommuner.befolkningskategori,
    any_value(kommuner.befolkningskategori_navn) as befolkningskategori_navn,
    kommuner.aar,
    sum(kommuner.netto_1000_kr_fast) / 1000 as netto_mill_kr_fast,
    sum(kommuner.netto_1000_kr) / 1000 as netto_mill_kr_lopende,
    count(*) as kommuner_med_tall,
    coalesce(any_value(left_out.kommuner_utelatt), 0) as kommuner_utelatt_funksjon,
    any_value(left_out.merknad_symboler) as merknad_symboler
from kommuner
inner join panel on panel.funksjon = kommuner.funksjon and panel.kommune_kode = kommuner.kommune_kode
left join left_out on left_out.funksjon = kommuner.funksjon
where panel.i_panelet
group by kommuner.funksjon, kommuner.befolkningskategori, kommuner.aar
order by kommuner.funksjon, kommuner.befolkningskategori, kommuner.aar
