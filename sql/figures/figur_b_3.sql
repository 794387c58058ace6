-- figures/figur_b_3: the numbers behind figure B-3 of vedlegg B.
-- One row: one type of fosterhjem (alle, i_familie, utenom_familie) and one band of the number of moves since
-- the histories start (`forlop_fra`; `fra` orders the bands): children 0-17 who lived in a fosterhjem during the
-- year, their share of the type's children (`n_barn`) in per cent. A band the extract does not give (too few
-- children) is no row, and `merknad_symboler` says so on its type's rows (under the figure as "Merk: …").
with baand as (
    select *,
        string_agg(case when barn is null then kategori end, ', ' order by fra) over (partition by type) as skjult
    from indicators.flyttinger_fordeling
    where report_year = getvariable('report_year') and variabel = 'antall_flyttinger'
)
select
    aar,
    forlop_fra,
    type as fosterhjemstype,
    kategori,
    fra,
    barn,
    100 * andel as andel_prosent,
    n_barn,
    case when skjult is not null then 'Antall barn er ikke oppgitt i uttrekket for ' || lower(fosterhjemstype)
        || ' ved ' || skjult || ' flyttinger (for få barn); søylen mangler.' end as merknad_symboler
from baand
where barn is not null
order by case type when 'alle' then 0 when 'i_familie' then 1 else 2 end, fra
