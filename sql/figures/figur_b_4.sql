-- figures/figur_b_4: the numbers behind figure B-4 of vedlegg B (panels A and B).
-- One row: one band of age (A) or of years since the first placement (B) of all children 0-17 who lived in a
-- fosterhjem during the year (`fra` orders the bands): the children and their share of all (`n_barn`) in per
-- cent. A band the extract does not give is no row, and `merknad_symboler` says so (under the figure).
with baand as (
    select *,
        string_agg(case when barn is null then kategori end, ', ' order by fra) over (partition by variabel)
            as skjult
    from indicators.flyttinger_fordeling
    where report_year = getvariable('report_year') and type = 'alle'
        and variabel in ('alder', 'aar_siden_forste_plassering')
)
select
    aar,
    forlop_fra,
    type as fosterhjemstype,
    variabel,
    kategori,
    fra,
    barn,
    100 * andel as andel_prosent,
    n_barn,
    case when skjult is not null then 'Antall barn er ikke oppgitt i uttrekket for ' || skjult
        || ' (for få barn); søylen mangler.' end as merknad_symboler
from baand
where barn is not null
order by variabel, fra
