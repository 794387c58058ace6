-- indicators.tall_i_teksten
-- One row: one number the report's text quotes (review table A.3), as a domain model computes it, or, for
-- a statement the data cannot support, one row naming what it would need (`mangler`, from the catalogue
-- reference.tall_i_teksten_utsagn). `status` is 'levert', 'uten_tall' (the row is there, the data leave
-- its value empty: a region a shared fylke hides, a year a file lacks) or 'mangler_data'; anything else (a
-- number without a catalogue row, a statement neither computed nor explained, or computed by two domain
-- models) fails the model's expectations.
--
-- Columns:
--   nr: the statement's number (review table A.3)
--   avsnitt: the report's section
--   utsagn: the report's sentence, short (or the catalogue's theme where no model computes it)
--   maal: what the number is
--   verdi: the number; NULL where the data leave it empty or cannot support it
--   enhet: its unit (prosent, barn, mill. kr, …)
--   fra_aar: the first year of a change; NULL for a level [år]
--   til_aar: the year of a level, or the last year of a change [år]
--   kilde: the figure or table the number comes from
--   mangler: what the data would need, for a statement they cannot support
--   status: levert, uten_tall (the data leave the value empty) or mangler_data; anything else fails the check
with tall as (
    select 'tiltak' as domene, nr, utsagn, maal, verdi, enhet, fra_aar, til_aar, kilde
    from indicators.tall_i_teksten_tiltak where report_year = getvariable('report_year')
    union all
    select 'plasseringer' as domene, nr, utsagn, maal, verdi, enhet, fra_aar, til_aar, kilde
    from indicators.tall_i_teksten_plasseringer where report_year = getvariable('report_year')
    union all
    select 'bufdir' as domene, nr, utsagn, maal, verdi, enhet, fra_aar, til_aar, kilde
    from indicators.tall_i_teksten_bufdir where report_year = getvariable('report_year')
    union all
    select 'tjenester' as domene, nr, utsagn, maal, verdi, enhet, fra_aar, til_aar, kilde
    from indicators.tall_i_teksten_tjenester where report_year = getvariable('report_year')
    union all
    select 'okonomi' as domene, nr, utsagn, maal, verdi, enhet, fra_aar, til_aar, kilde
    from indicators.tall_i_teksten_okonomi where report_year = getvariable('report_year')
    union all
    select 'flyttinger' as domene, nr, utsagn, maal, verdi, enhet, fra_aar, til_aar, kilde
    from indicators.tall_i_teksten_flyttinger where report_year = getvariable('report_year')
),

eiere as (  -- which domains compute each statement: one, or the text table would say it twice
    select nr, count(distinct domene) as domener from tall group by nr
)

select getvariable('report_year') as report_year, coalesce(u.nr, t.nr) as nr, u.avsnitt,
       coalesce(t.utsagn, u.tema) as utsagn, t.maal, t.verdi, t.enhet, t.fra_aar, t.til_aar, t.kilde,
       case when t.nr is null then u.mangler end as mangler,
       case
           when u.nr is null then 'feil: tallet har ingen rad i katalogen'
           when e.domener > 1 then 'feil: tallet beregnes i mer enn én modell'
           when t.nr is not null and t.verdi is null then 'uten_tall'
           when t.nr is not null then 'levert'
           when u.mangler is not null then 'mangler_data'
           else 'feil: ingen modell gir tallet, og katalogen sier ikke hva som mangler'
       end as status
from reference.tall_i_teksten_utsagn as u
full outer join tall as t on t.nr = u.nr
left join eiere as e on e.nr = coalesce(u.nr, t.nr)
order by nr, t.til_aar, t.fra_aar nulls first, t.maal
