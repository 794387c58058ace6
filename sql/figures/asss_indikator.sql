-- figures/figur_asss_<nr>: one ASSS indicator in one unit (variables `indikator`, `enhet`) for the data year
-- (the year before the report year).
-- One row: one of the twelve ASSS kommuner with a value, then the country where the indicator has one
-- (indicators.asss_sammenligning.landet), as bars. Only a unit whose comparison between kommuner vedlegg 5
-- allows has rows: a figure of a comparison the verdict rules out has none and fails its check. An ASSS
-- kommune without a value is not drawn; `merknad_symboler` names it and why, with any SSB symbol note.
with panel as (
    select *
    from indicators.asss_sammenligning
    where report_year = getvariable('report_year')
        and aar = getvariable('report_year') - 1
        and indikator = cast(getvariable('indikator') as integer)
        -- a unit in report-year kroner is declared as 'kroner {year} …'
        and enhet = replace(getvariable('enhet'), '{year}', cast(getvariable('report_year') as varchar))
        and mellom_kommuner_tillatt
),

asss as (
    select kommune_kode, kommune_navn
    from indicators.asss_kommuner
    where report_year = getvariable('report_year')
),

kommuner as (
    select asss.kommune_navn, asss.kommune_kode, panel.verdi, panel.merknad, panel.landet, panel.landet_merknad,
        panel.merknad_symboler
    from asss
    left join panel on panel.kommunenummer = asss.kommune_kode
),

uten_verdi as (
    select string_agg(kommune_navn || ' (' || kommune_kode || '): ' || coalesce(merknad, 'ingen verdi i denne enheten'), '; '
                      order by kommune_navn) as liste
    from kommuner
    where verdi is null
)

select omraade, kommunenummer, verdi, merknad_symboler
from (
    -- the same note on every kommune's row: the figure says it once
    select kommune_navn as omraade, kommune_kode as kommunenummer, verdi,
        (select 'Uten verdi ' || (getvariable('report_year') - 1) || ': ' || liste from uten_verdi)
            as merknad_symboler,
        0 as rekke
    from kommuner
    where verdi is not null
    union all
    select 'Landet', 'landet', any_value(landet), any_value(merknad_symboler), 1
    from kommuner
    where landet is not null
    having count(*) > 0
)
order by rekke, omraade
