-- figures/figur_asss_ja_nei: the ja/nei indicators 1-3 and 6-9 of the twelve ASSS kommuner in the data year (the
-- year before the report year), as the kommuner answered them.
-- One row: one ASSS kommune (indicators.asss_kommuner) and one ja/nei indicator: `svar` 'ja', 'nei',
-- 'ikke svart' (the kommune sent no answer for that year, or left the question empty: never read as 'nei') or
-- 'uten verdi' (an answer the indicator table cannot give, e.g. two codes' answers across a merger; `merknad`).
-- Only an indicator whose comparison between kommuner vedlegg 5 allows in the unit ja/nei
-- (indicators.asss_sammenlignbarhet) is drawn; `antall_ja` is how many of the twelve answered ja.
with indikatorer (indikator, kortnavn) as (
    values
        (1, 'Forebyggende plan vedtatt'),
        (2, 'Planen forankret i samfunnsdelen'),
        (3, 'Formalisert tverrfaglig samarbeid'),
        (6, 'Samarbeid med aktører utenfor kommunen'),
        (7, 'Foreldrestøtte, universelt nivå'),
        (8, 'Foreldrestøtte, selektivt nivå'),
        (9, 'Foreldrestøtte, indikativt nivå')
),

tillatt as (
    select indikatorer.indikator, indikatorer.kortnavn
    from indikatorer
    inner join indicators.asss_sammenlignbarhet as vurdering
        on vurdering.report_year = getvariable('report_year')
        and vurdering.indikator = indikatorer.indikator
        and vurdering.enhet = 'ja/nei'
        and vurdering.mellom_kommuner_tillatt
),

asss as (
    select kommune_kode, kommune_navn
    from indicators.asss_kommuner
    where report_year = getvariable('report_year')
),

svar as (
    select indikator, kommunenummer, verdi, merknad
    from indicators.asss_indikator_kommune
    where report_year = getvariable('report_year')
        and aar = getvariable('report_year') - 1
        and enhet = 'ja/nei'
),

rader as (
    select
        asss.kommune_navn as kommune,
        asss.kommune_kode as kommunenummer,
        tillatt.indikator,
        tillatt.kortnavn,
        case when svar.kommunenummer is null then 'ikke svart'
            when svar.verdi = 1 then 'ja' when svar.verdi = 0 then 'nei' else 'uten verdi' end as svar,
        coalesce(svar.merknad, '') as merknad
    from asss
    cross join tillatt
    left join svar on svar.indikator = tillatt.indikator and svar.kommunenummer = asss.kommune_kode
)

select
    kommune,
    kommunenummer,
    indikator,
    kortnavn,
    svar,
    count(*) filter (where svar = 'ja') over (partition by indikator) as antall_ja,
    merknad
from rader
-- nobody has answered yet: no rows, and the figure says so
where exists (select 1 from svar)
order by indikator, kommune
