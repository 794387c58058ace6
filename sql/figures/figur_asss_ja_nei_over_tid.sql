-- figures/figur_asss_ja_nei_over_tid: the ja/nei indicators 1-3 and 6-9 over the years the kommuner have
-- answered for, up to the data year (the year before the report year).
-- One row: one ja/nei indicator and one year: how many of the twelve ASSS kommuner (indicators.asss_kommuner)
-- answered ja, nei, and not (or not in a form that gives a value). Counts of the twelve, not shares of those answering, so that a kommune
-- that stops answering shows as 'ikke svart', never as a change from ja to nei. Only indicators vedlegg 5 finds
-- comparable over time in the unit ja/nei (indicators.asss_sammenlignbarhet), and only years some ASSS kommune
-- answered for.
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
        and vurdering.over_tid_tillatt
),

asss as (
    select kommune_kode
    from indicators.asss_kommuner
    where report_year = getvariable('report_year')
),

svar as (
    select svar.indikator, svar.kommunenummer, svar.aar, svar.verdi
    from indicators.asss_indikator_kommune as svar
    inner join asss on asss.kommune_kode = svar.kommunenummer
    where svar.report_year = getvariable('report_year')
        and svar.aar < getvariable('report_year')
        and svar.enhet = 'ja/nei'
),

aar as (
    select distinct aar from svar
)

select
    tillatt.indikator,
    tillatt.kortnavn,
    aar.aar,
    count(svar.verdi) filter (where svar.verdi = 1) as ja,
    count(svar.verdi) filter (where svar.verdi = 0) as nei,
    -- no answer, or an answer the indicator table cannot give (across a merger)
    (select count(*) from asss) - count(svar.verdi) as uten_svar
from tillatt
cross join aar
left join svar on svar.indikator = tillatt.indikator and svar.aar = aar.aar
group by tillatt.indikator, tillatt.kortnavn, aar.aar
order by tillatt.indikator, aar.aar
